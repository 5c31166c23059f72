"""Reading a report stores nothing: before, every read by styrelse, revisor or a steering
group created the edition (Rapportutgava) and its history row. The edition is stored on
the first write: a text saved, or the board's adoption."""

import pytest
from django.urls import reverse

from finsam.models import Rapporttext, Rapportutgava

LASNING = [
    ("styrelse", "finsam:verksamhetsplan", ["2025"]),
    ("revisor", "finsam:delarsrapport", ["2025-08-31"]),
    ("styrelse", "finsam:arsredovisning", ["2025"]),
    ("styrgrupp-vasteras", "finsam:insatsrapport", ["st-vasteras", "2025-H1"]),
    ("kansli", "finsam:rapport-texter", ["arsredovisning", "2025"]),
    ("kansli", "finsam:rapport-kontroll", ["delarsrapport", "2025-08-31"]),
    ("kansli", "finsam:rapport-faststall", ["insats", "st-vasteras:2025-H1"]),
]


def _editions():
    return Rapportutgava.objects.count(), Rapportutgava.history.count()


@pytest.mark.parametrize(("username", "name", "args"), LASNING)
def test_a_read_stores_no_edition(demo, demo_user, client, username, name, args):
    Rapportutgava.objects.filter(forbund=demo).delete()  # the demo's texts are in editions
    client.force_login(demo_user(username))
    # the demo stores some editions (its texts and pictures): none is added by a read
    fore = _editions()
    assert client.get(reverse(name, args=args)).status_code == 200
    assert _editions() == fore


def test_the_first_saved_text_stores_the_edition(demo, demo_user, client):
    Rapportutgava.objects.filter(forbund=demo).delete()  # the demo's texts are in editions
    client.force_login(demo_user("kansli"))
    url = reverse("finsam:rapport-texter", args=["arsredovisning", "2025"])
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    response = client.post(url, dict(data, forord="Ett nytt förord."))
    assert response.status_code == 302
    utgava = Rapportutgava.objects.get(forbund=demo, dokument="arsredovisning", nyckel="2025")
    assert Rapporttext.objects.get(utgava=utgava, avsnitt="forord").text == "Ett nytt förord."
    assert (
        "Ett nytt förord."
        in client.get(reverse("finsam:arsredovisning", args=[2025])).content.decode()
    )
