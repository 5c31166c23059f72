"""A year's page: RR, BR, KF, notes 4–6, checks, the eget-kapital ceiling and the overview."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import Bokslutspost
from tests.access import assert_requires_login, assert_status
from tests.budget.bokslut.conftest import make_arsredovisning, make_medel_2025
from tests.budget.helpers import table_rows, text


def _url(ar):
    return reverse("budget:bokslut-detail", args=[ar])


def _tabell(page, tabell_id):
    """Rows of the table with that id, as {label: cells}."""
    html = page.content.decode()
    start = html.index(f'id="{tabell_id}"')
    slut = html.index("</table>", start)

    class Del:
        content = html[start - 7 : slut + 8].encode()

    return {r[0]: r[1:] for r in table_rows(Del) if r}


def test_year_page_figures(client_for, styrelse, ar2025):
    page = client_for(styrelse).get(_url(2025))
    assert page.status_code == 200
    rr = _tabell(page, "resultatrakning")
    assert rr["Verksamhetens intäkter"] == ["18 964 118", "19 042 563"]
    assert rr["Verksamhetens kostnader"] == ["−18 763 370", "−19 147 198"]
    assert rr["Verksamhetens resultat"] == ["200 748", "−104 635"]
    assert rr["Resultat efter finansiella poster"] == ["345 299", "81 778"]
    assert rr["Årets resultat"] == ["345 299", "81 778"]
    br = _tabell(page, "balansrakning")
    assert br["Fordringar"] == ["102 835", "266 361"]
    assert br["Summa tillgångar"] == ["9 453 288", "8 463 907"]
    assert br["Övrigt eget kapital"] == ["4 028 486", "3 946 708"]
    assert br["Kortfristiga skulder"] == ["3 597 082", "3 453 767"]
    assert br["Summa eget kapital, avsättningar och skulder"] == ["9 453 289", "8 463 907"]
    kf = _tabell(page, "kassaflodesanalys")
    assert kf["Justering för ej likviditetspåverkande poster"] == ["500 768", "495 797"]
    assert kf["Kassaflöde från den löpande verksamheten"] == ["1 152 908", "2 329 225"]
    assert kf["Kassaflöde från finansieringsverksamheten"] == ["0", "3 519 143"]
    assert kf["Likvida medel vid årets slut"] == ["9 350 454", "8 197 546"]
    not4 = _tabell(page, "not4")
    assert not4["Moms"] == ["62 233", "83 929"]
    assert not4["Summa kortfristiga fordringar"] == ["102 835", "266 361"]
    not5 = _tabell(page, "not5")
    assert not5["Ingående eget kapital enl. fastställd balansräkning"] == ["4 028 486", "427 565"]
    assert not5["Kapitaltillskott"] == ["0", "3 519 143"]
    assert not5["Utgående eget kapital"] == ["4 373 785", "4 028 486"]
    not6 = _tabell(page, "not6")
    assert not6["Summa kortfristiga skulder"] == ["3 597 082", "3 453 767"]
    femar = _tabell(page, "femarsoversikt")
    assert femar["Nyckeltal"] == ["2025", "2024", "2023", "2022", "2021"]
    assert femar["Verksamhetens intäkter (tkr)"] == ["18 964", "19 043", "7 130", "7 331", "7 055"]
    assert femar["Verksamhetens kostnader* (tkr)"] == [
        "−18 763",
        "−19 147",
        "−7 921",
        "−7 461",
        "−7 078",
    ]
    assert femar["Årets resultat (tkr)"] == ["345", "82", "−712", "−173", "−35"]
    assert femar["Soliditet"] == ["46,3 %", "47,6 %", "15,7 %", "38,3 %", "40,8 %"]
    assert femar["Antal anställda"] == ["3", "3", "1", "1", "1"]


def test_year_page_shows_the_differences_and_the_ceiling(client_for, kansli, ar2025):
    page = client_for(kansli).get(_url(2025))
    html = page.content.decode()
    assert html.count('data-kontroll="avvikelse"') == 2
    assert html.count('data-kontroll="ok"') == 2
    t = text(page)
    assert (
        "Balansräkningen går inte ihop: summa tillgångar är 9 453 288 kr men summa eget "
        "kapital, avsättningar och skulder är 9 453 289 kr – skillnad 1 kr." in t
    )
    assert (
        "Kassaflödesanalysen slutar på 9 350 454 kr i likvida medel vid årets slut, men "
        "balansräkningens kassa och bank är 9 350 453 kr – skillnad 1 kr." in t
    )
    assert 'data-ek-tak="over"' in html
    assert (
        "Eget kapital 4 374 tkr motsvarar 23,1 % av årets medelstilldelning, 18 958 tkr. "
        "Nationella rådets rekommenderade tak är 20 %." in t
    )
    assert "Eget kapital är över taket." in t
    assert reverse("budget:bokslut-edit", args=[2025]) in html


def test_year_without_medelstilldelning_says_what_it_compares_with(client_for, kansli, ar2025):
    t = text(client_for(kansli).get(_url(2024)))
    assert "ingen medelstilldelning är registrerad för 2024" in t
    assert "alert-warning" not in t  # text only; the checks of 2024 all agree
    page = client_for(kansli).get(_url(2024))
    assert 'data-kontroll="avvikelse"' not in page.content.decode()


def test_first_year_has_no_kassaflode(client_for, kansli, forbund):
    make_arsredovisning(forbund, ar=(2021,))
    t = text(client_for(kansli).get(_url(2021)))
    assert "det finns inget bokslut för förra året" in t


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_get_no_edit_button(request, client_for, ar2025, role):
    page = assert_status(client_for(request.getfixturevalue(role)), _url(2025), 200)
    assert reverse("budget:bokslut-edit", args=[2025]) not in page.content.decode()


def test_detail_access(client, client_for, kansli, styrgrupp, outsider, ar2025):
    url = _url(2025)
    assert_requires_login(client, url)
    assert_status(client_for(outsider), url, 404)
    assert_status(client_for(styrgrupp), url, 403)
    assert_status(client_for(kansli), url, 405, "post")
    assert_status(client_for(kansli), _url(2019), 404)


def _add_lines(bokslut, n, start=0):
    Bokslutspost.objects.bulk_create(
        Bokslutspost(bokslut=bokslut, typ=typ, namn=f"Post {i}", belopp=i, ordning=i)
        for i in range(start, start + n)
        for typ in (Bokslutspost.Typ.FORDRAN, Bokslutspost.Typ.SKULD)
    )


def test_same_number_of_queries_for_5_and_50_note_lines(
    client_for, kansli, forbund, django_assert_num_queries
):
    ns = make_arsredovisning(forbund, ar=(2024, 2025))
    make_medel_2025(forbund)
    Bokslutspost.objects.all().delete()
    c = client_for(kansli)
    _add_lines(ns.b2025, 5)
    _add_lines(ns.b2024, 5)
    with CaptureQueriesContext(connection) as small:
        assert c.get(_url(2025)).status_code == 200
    _add_lines(ns.b2025, 45, start=5)
    _add_lines(ns.b2024, 45, start=5)
    # session, user, förbund; the utfall sums per 31 December; the bokslut up to the year;
    # their note lines; the year's medelstilldelning.
    with django_assert_num_queries(len(small.captured_queries)):
        page = c.get(_url(2025))
    assert len(small.captured_queries) == 7
    assert len(page.context["r"].not4) == 50
