"""A förbund created a minute ago: each main page says what to enter first."""

import pytest
from django.urls import reverse

from tests import factories

UPPSTART = reverse("finsam:uppstart")


@pytest.fixture
def kansli(db):
    forbund = factories.make_forbund()
    return factories.make_user(forbund, "kansli")


@pytest.mark.parametrize(
    "sida, text",
    [
        ("finsam:start", "Kom igång"),
        ("finsam:medlem-list", "Inga medlemmar ännu. Lägg till förbundets medlemmar"),
        ("insatser:list", "Förbundet har inga insatser ännu."),
        ("insatser:malomrade-list", "Lägg till verksamhetsplanens målområden först"),
        ("budget:overview", "Det finns ingen budget ännu."),
        ("budget:utfall-list", "lägg in"),
    ],
)
def test_the_empty_page_points_to_the_workbook(client, kansli, sida, text):
    client.force_login(kansli)
    html = client.get(reverse(sida)).content.decode()
    assert text in html
    assert UPPSTART in html


def test_the_start_page_names_the_first_thing_to_enter(client, kansli):
    client.force_login(kansli)
    html = client.get(reverse("finsam:start")).content.decode()
    assert "börja med" in html and reverse("finsam:medlem-list") in html
    factories.make_medlem(kansli.forbund)
    html = client.get(reverse("finsam:start")).content.decode()
    assert reverse("insatser:malomrade-list") in html.split("Kom igång")[1][:2000]


def test_a_filled_forbund_has_no_kom_igang(client, demo, demo_user):
    client.force_login(demo_user("kansli"))
    assert "Kom igång" not in client.get(reverse("finsam:start")).content.decode()


def test_a_reader_is_told_the_kansli_has_not_filled_it(client, kansli):
    client.force_login(factories.make_user(kansli.forbund, "styrelse"))
    html = client.get(reverse("finsam:start")).content.decode()
    assert "Kansliet har inte fyllt i förbundet ännu" in html
    assert UPPSTART not in html
