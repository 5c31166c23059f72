"""The budget overview: the year's current version as a table, and the year's versions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import Budgetversion
from finsam.models import User
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, table_rows, text

URL = reverse("budget:overview")


def test_demo_2025_shows_the_tillaggsbudget_in_force_and_its_totals(client_for, demo):
    page = client_for(User.objects.get(username="kansli")).get(URL, {"ar": 2025})
    assert page.status_code == 200
    assert page.context["gallande"].typ == Budgetversion.Typ.TILLAGG
    assert row(page, "Medel från huvudmännen") == ["18 958 000"]
    assert row(page, "Summa individinsatser") == ["−13 842 000"]
    assert row(page, "Summa kostnader") == ["−20 986 622"]
    assert row(page, "Resultat") == ["−2 028 622"]
    # Rolled from the adopted bokslut 2024 (4 028 486), the estimate the tillägg was made with.
    assert row(page, "Beräknat utgående eget kapital") == ["1 999 864"]
    html = page.content.decode()
    assert '<tr class="rubrik">' in html and '<tr class="summa">' in html
    assert '<td class="num">\u22122\u00a0028\u00a0622</td>' in html


def test_demo_2025_adopted_budget_stays_readable(client_for, demo):
    budget = Budgetversion.objects.get(forbund=demo, ar=2025, typ=Budgetversion.Typ.BUDGET)
    page = client_for(User.objects.get(username="kansli")).get(
        reverse("budget:version-detail", args=[budget.pk])
    )
    assert page.status_code == 200
    assert row(page, "Summa kostnader") == ["−20 204 000"]
    assert row(page, "Resultat") == ["−1 246 000"]
    assert row(page, "Beräknat utgående eget kapital") == ["1 000 700"]


def test_demo_2024_marks_the_tillaggsbudget_as_current_and_lists_both(client_for, demo):
    page = client_for(User.objects.get(username="kansli")).get(URL, {"ar": 2024})
    tillagg, budget = Budgetversion.objects.filter(forbund=demo, ar=2024).order_by("-beslutsdatum")
    assert page.context["gallande"] == tillagg
    # The tilläggsbudget moved 222 000 from gemensam administration to processtöd.
    assert row(page, "Gemensam administration") == ["−2 022 000"]
    assert row(page, "Processtöd") == ["−1 674 000"]
    versioner = [r for r in table_rows(page) if r[0] in ("Tilläggsbudget", "Budget")]
    assert [r[:3] for r in versioner] == [
        ["Tilläggsbudget", "2024-05-24", "§ 31"],
        ["Budget", "2023-11-16", "§ 11"],
    ]
    assert versioner[0][4] == "Gällande" and versioner[1][4] == "Tidigare"
    html = page.content.decode()
    for v in (tillagg, budget):
        assert reverse("budget:version-detail", args=[v.pk]) in html
        assert reverse("budget:belopp-edit", args=[v.pk]) in html


def test_default_year_is_the_newest_with_a_version(client_for, kansli, exempel):
    page = client_for(kansli).get(URL)
    assert page.context["ar"] == 2026
    assert page.context["gallande"] == exempel.plan
    assert row(page, "Resultat") == ["2 500 000"]
    assert page.context["ar_lista"] == [2026, 2025]
    content = page.content.decode()
    assert 'aria-current="page" href="?ar=2026"' in content and 'href="?ar=2025"' in content


def test_unreadable_year_falls_back_and_unknown_year_says_so(client_for, kansli, exempel):
    c = client_for(kansli)
    assert c.get(URL, {"ar": "tjugo"}).context["ar"] == 2026
    assert c.get(URL, {"ar": "9" * 30}).context["ar"] == 2026
    page = c.get(URL, {"ar": 2031})
    assert page.status_code == 200
    assert "Det finns ingen budgetversion för 2031." in text(page)


def test_forbund_without_budget(client_for, kansli):
    page = client_for(kansli).get(URL)
    assert page.status_code == 200
    assert "Det finns ingen budget ännu." in text(page)


def test_kansli_gets_the_edit_buttons_and_readers_do_not(client_for, kansli, styrelse, exempel):
    page = text(client_for(kansli).get(URL, {"ar": 2025}))
    assert "Ändra belopp" in page and "Ny version" in page and "Grupper och rader" in page
    page = text(client_for(styrelse).get(URL, {"ar": 2025}))
    assert "Ändra belopp" not in page and "Ny version" not in page


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_see_the_table(request, client_for, exempel, role):
    page = client_for(request.getfixturevalue(role)).get(URL, {"ar": 2025})
    assert page.status_code == 200
    assert row(page, "Summa kostnader") == ["−8 500 000"]


def test_anonymous_is_sent_to_login(client, db):
    assert_requires_login(client, URL)


def test_styrgrupp_is_refused(client_for, styrgrupp, exempel):
    assert_status(client_for(styrgrupp), URL, 403)


def test_outsider_sees_only_its_own_forbund(client_for, outsider, exempel):
    page = client_for(outsider).get(URL, {"ar": 2025})
    assert page.status_code == 200
    assert "Team A" not in text(page)
    assert page.context["gallande"] is None


def test_wrong_method(client_for, kansli):
    assert_status(client_for(kansli), URL, 405, "post")


def _add_lines(versioner, grupper, n):
    for i in range(n):
        rad = factories.make_rad(grupper[i % 2], kategori="individinsatser")
        for version in versioner:
            factories.set_belopp(version, rad, -1000 * i)


def test_same_number_of_queries_for_5_and_50_lines(
    client_for, kansli, forbund, django_assert_num_queries
):
    grupp = factories.make_grupp(forbund, namn="Kostnader")
    grupper = [grupp, factories.make_grupp(forbund, namn="Undergrupp", overordnad=grupp)]
    versioner = [
        factories.make_version(forbund, 2025),
        factories.make_version(forbund, 2025, "tillagg", paragraf="§ 1"),
    ]
    c = client_for(kansli)
    _add_lines(versioner, grupper, 5)
    with CaptureQueriesContext(connection) as small:
        assert c.get(URL, {"ar": 2025}).status_code == 200
    _add_lines(versioner, grupper, 45)
    factories.make_version(forbund, 2024)
    # session, user, förbund; years; versions of the year; the current version (budget or
    # tilläggsbudget); the table's groups, lines and amounts.
    with django_assert_num_queries(len(small.captured_queries)):
        page = c.get(URL, {"ar": 2025})
    assert len(small.captured_queries) == 9
    assert len([r for r in page.context["vt"].tabell.rader if r.typ == "rad"]) == 50
