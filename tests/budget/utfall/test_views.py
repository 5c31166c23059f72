"""Every utfall view: who may read and write, the entry grid with Swedish-typed amounts, a
save refused when a colleague saved first, and query counts that do not grow with the data."""

import html
import re
from datetime import date

import pytest
from django.template.base import VariableNode
from django.urls import reverse

from budget.models import Budgetgrupp, Budgetversion, Utfallsperiod, Utfallsrad
from budget.utfall import services
from budget.utfall.services import Utfallsvarde
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, table_rows, text
from tests.budget.utfall.conftest import make_period

FEL = "Skriv ett helt belopp i kronor, t.ex. −1 250 000."


def _urls(utfall):
    """(url, writes?) for every view."""
    d, b = utfall.delar, utfall.bokslut
    return [
        (reverse("budget:utfall-list"), False),
        (reverse("budget:utfall-detail", args=[d.pk]), False),
        (reverse("budget:utfall-delar-xlsx", args=[d.pk]), False),
        (reverse("budget:utfall-driftredovisning", args=[2025]), False),
        (reverse("budget:utfall-driftredovisning-xlsx", args=[2025]), False),
        (reverse("budget:utfall-create"), True),
        (reverse("budget:utfall-edit", args=[d.pk]), True),
        (reverse("budget:utfall-edit", args=[b.pk]), True),
    ]


def _form_data(page) -> dict[str, str]:
    content = page.content.decode()
    form = content[content.index("data-utfallsgrid") :]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]*)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        data[name] = html.unescape(value.group(1)) if value else ""
    return data


# --- access ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, utfall):
    for url, _writes in _urls(utfall):
        assert_requires_login(client, url)


def test_kansli_reads_and_writes(client_for, kansli, utfall):
    c = client_for(kansli)
    for url, _writes in _urls(utfall):
        assert_status(c, url, 200)


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_readers_read_but_may_not_write(empty_db, client_for, request, roll, utfall):
    c = client_for(request.getfixturevalue(roll))
    for url, writes in _urls(utfall):
        if writes:
            assert_status(c, url, 403)
            assert_status(c, url, 403, method="post", data={"per": "2025-06-30", "typ": "delar"})
        else:
            assert_status(c, url, 200)
    assert Utfallsperiod.objects.count() == 3


def test_styrgrupp_sees_nothing(client_for, styrgrupp, utfall):
    c = client_for(styrgrupp)
    for url, _writes in _urls(utfall):
        assert_status(c, url, 403)


def test_outsider_gets_404(client_for, outsider, utfall):
    c = client_for(outsider)
    for url, writes in _urls(utfall):
        if url == reverse("budget:utfall-list") or url == reverse("budget:utfall-create"):
            continue  # the outsider's own (empty) list and form
        assert_status(c, url, 404)
        if writes:
            assert_status(c, url, 404, method="post", data={})


def test_wrong_method_is_405(client_for, kansli, utfall):
    c = client_for(kansli)
    for url, writes in _urls(utfall):
        if writes:
            assert_status(c, url, 405, method="put")
        else:
            assert_status(c, url, 405, method="post")


# --- list and create -------------------------------------------------------------------------


def test_list_shows_the_years_periods(client_for, styrelse, utfall):
    page = client_for(styrelse).get(reverse("budget:utfall-list") + "?ar=2025")
    assert "2025-08-31" in text(page) and "2025-12-31" in text(page)
    assert "2024-12-31" not in text(page)
    assert "Ny utfallsperiod" not in text(page)  # readers get no write buttons
    assert reverse("budget:utfall-driftredovisning", args=[2025]) in page.content.decode()


def test_create_period_then_grid(client_for, kansli, forbund):
    c = client_for(kansli)
    response = c.post(reverse("budget:utfall-create"), {"per": "2025-04-30", "typ": "delar"})
    period = Utfallsperiod.objects.get(forbund=forbund)
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:utfall-edit", args=[period.pk])
    assert period.per == date(2025, 4, 30) and period.typ == "delar"


def test_create_refuses_a_second_period_per_date_and_a_bokslut_not_per_31_december(
    empty_db, client_for, kansli, utfall
):
    c = client_for(kansli)
    page = c.post(reverse("budget:utfall-create"), {"per": "2025-08-31", "typ": "delar"})
    assert "Det finns redan en utfallsperiod per 2025-08-31." in text(page)
    page = c.post(reverse("budget:utfall-create"), {"per": "2025-06-30", "typ": "bokslut"})
    assert "Ett bokslut görs alltid per den 31 december." in text(page)
    assert Utfallsperiod.objects.count() == 3


# --- detail and driftredovisning pages ---------------------------------------------------------


def test_detail_shows_the_delar_table(client_for, revisor, utfall):
    page = client_for(revisor).get(reverse("budget:utfall-detail", args=[utfall.delar.pk]))
    assert row(page, "Team A") == ["−3 000 000", "−2 000 000", "−2 800 000", "200 000"]
    assert row(page, "SUMMA") == ["1 500 000", "1 100 000", "3 700 000", "2 200 000"]
    assert "Vakant tjänst." in text(page)
    assert reverse("budget:utfall-delar-xlsx", args=[utfall.delar.pk]) in page.content.decode()


def test_driftredovisning_page_in_tkr(client_for, kansli, utfall):
    page = client_for(kansli).get(reverse("budget:utfall-driftredovisning", args=[2025]))
    assert row(page, "Metodstöd") == ["1", "−1 001", "−1 000", "−1 000", "1", "", "", ""]
    assert row(page, "SUMMA") == [
        "10 001",
        "−8 502",
        "1 500",
        "1 500",
        "0",
        "9 000",
        "−4 700",
        "4 300",
    ]
    fordelning = [r for r in table_rows(page) if r[0] == "Individinsatser"][-1]
    assert fordelning[1:] == ["59 %", "59 %", "53 %"]
    assert reverse("budget:utfall-driftredovisning-xlsx", args=[2025]) in page.content.decode()


# --- the grid --------------------------------------------------------------------------------


@pytest.mark.parametrize("ar", [0, 1, 10_000, 10**30])
def test_driftredovisning_of_a_year_no_calendar_has_is_404(client_for, kansli, utfall, ar):
    """Year 0, 10 000 or 10**30 in the URL used to raise ValueError/OverflowError (500)."""
    client = client_for(kansli)
    assert client.get(reverse("budget:utfall-driftredovisning", args=[ar])).status_code == 404
    xlsx = reverse("budget:utfall-driftredovisning-xlsx", args=[ar])
    assert client.get(xlsx).status_code == 404


def test_grid_offers_netto_and_prognos_for_a_delar(client_for, kansli, utfall):
    r = utfall.exempel.rader
    page = client_for(kansli).get(reverse("budget:utfall-edit", args=[utfall.delar.pk]))
    data = _form_data(page)
    assert data[f"netto_{r.team_a.pk}"] == "−2\u00a0000\u00a0000"
    assert data[f"prognos_{r.team_a.pk}"] == "−2\u00a0800\u00a0000"
    assert data[f"kommentar_{r.team_a.pk}"] == "Vakant tjänst."
    assert f"intakt_{r.team_a.pk}" not in data
    assert row(page, "Summa individinsatser") == ["−5 000 000", "−3 500 000", "−2 800 000", ""]
    assert "budget/utfall.js" in page.content.decode()


def test_grid_save_splits_netto_by_sign_and_keeps_comment(client_for, kansli, utfall):
    r = utfall.exempel.rader
    c = client_for(kansli)
    url = reverse("budget:utfall-edit", args=[utfall.delar.pk])
    data = _form_data(c.get(url))
    data[f"netto_{r.team_b.pk}"] = "-1 600 000"
    data[f"prognos_{r.team_b.pk}"] = "−2\u00a0400\u00a0000"
    data[f"netto_{r.kansli.pk}"] = "25 000"  # a refund on a cost line
    data[f"netto_{r.processtod.pk}"] = ""
    data[f"prognos_{r.processtod.pk}"] = ""
    response = c.post(url, data)
    assert response.status_code == 302
    rader = {u.rad_id: u for u in Utfallsrad.objects.filter(period=utfall.delar)}
    assert (rader[r.team_b.pk].kostnad, rader[r.team_b.pk].prognos) == (-1_600_000, -2_400_000)
    assert (rader[r.kansli.pk].intakt, rader[r.kansli.pk].kostnad) == (25_000, 0)
    assert r.processtod.pk not in rader  # all blank: no row
    assert rader[r.team_a.pk].kommentar == "Vakant tjänst."
    utfall.delar.refresh_from_db()
    assert utfall.delar.lock_version == 2


def test_grid_bokslut_has_intakt_and_kostnad_and_checks_signs(client_for, kansli, utfall):
    r = utfall.exempel.rader
    c = client_for(kansli)
    url = reverse("budget:utfall-edit", args=[utfall.bokslut.pk])
    data = _form_data(c.get(url))
    assert data[f"intakt_{r.metod.pk}"] == "1\u00a0200"
    assert data[f"kostnad_{r.metod.pk}"] == "−1\u00a0000\u00a0700"
    data[f"intakt_{r.metod.pk}"] = "-5"
    data[f"kostnad_{r.team_a.pk}"] = "2 900 400"
    data[f"kostnad_{r.team_b.pk}"] = "tvåmiljoner"
    page = c.post(url, data)
    assert page.status_code == 200
    t = text(page)
    assert "Formuläret har fel" in t
    # The summary names line and column, and links to the amount.
    etikett = next(r2.etikett for r2 in page.context["form"].grid.linjer if r2.rad == r.team_b)
    assert (
        f'<a href="#id_kostnad_{r.team_b.pk}" class="alert-link">{etikett}, kostnad: {FEL}</a>'
    ) in page.content.decode()
    assert "Skriv intäkter utan minustecken." in t
    assert "Skriv kostnader med minustecken, t.ex. −1 250 000." in t
    assert FEL in t
    assert _form_data(page)[f"kostnad_{r.team_b.pk}"] == "tvåmiljoner"  # kept as typed
    assert Utfallsrad.objects.get(period=utfall.bokslut, rad=r.team_a).kostnad == -2_900_400


def test_stale_grid_save_is_refused_and_keeps_the_input(client_for, kansli, utfall):
    r = utfall.exempel.rader
    c = client_for(kansli)
    url = reverse("budget:utfall-edit", args=[utfall.delar.pk])
    gammal = _form_data(c.get(url))
    kollega = _form_data(c.get(url))
    kollega[f"netto_{r.team_a.pk}"] = "-2 100 000"
    assert c.post(url, kollega).status_code == 302
    gammal[f"netto_{r.team_a.pk}"] = "-2 222 222"
    page = c.post(url, gammal)
    assert page.status_code == 200
    assert "Någon annan har sparat ändringar" in text(page)
    assert _form_data(page)[f"netto_{r.team_a.pk}"] == "-2 222 222"
    assert "Sparat nu" in text(page)
    assert Utfallsrad.objects.get(period=utfall.delar, rad=r.team_a).kostnad == -2_100_000


# --- query counts ----------------------------------------------------------------------------


def _bygg(forbund, antal):
    intakter = factories.make_grupp(
        forbund, typ=Budgetgrupp.Typ.INTAKT, summa_etikett="Summa intäkter"
    )
    kostnader = factories.make_grupp(forbund)
    medel = factories.make_rad(intakter)
    version = factories.make_version(forbund, 2025)
    factories.set_belopp(version, medel, 1_000_000)
    rader = []
    for _ in range(antal):
        insats = factories.make_insats(forbund)
        rad = factories.make_rad(kostnader, insats=insats, kategori="individinsatser")
        factories.set_belopp(version, rad, -10_000)
        rader.append(rad)
    for ar in (2024, 2025):
        make_period(
            forbund,
            date(ar, 12, 31),
            Utfallsperiod.Typ.BOKSLUT,
            {rad.pk: Utfallsvarde(intakt=0, kostnad=-9_000) for rad in rader},
        )
    return make_period(
        forbund,
        date(2025, 8, 31),
        Utfallsperiod.Typ.DELAR,
        {rad.pk: Utfallsvarde(netto=-5_000, prognos=-9_500, kommentar="x") for rad in rader},
    )


@pytest.mark.parametrize("antal", [5, 50])
def test_query_counts_do_not_grow(client_for, kansli, forbund, django_assert_num_queries, antal):
    delar = _bygg(forbund, antal)
    c = client_for(kansli)
    # session, user, förbund; the period; the version in force; its utfall rows with their
    # lines; groups, lines, amounts (budgettabell, whose groups give the tree too)
    with django_assert_num_queries(9):
        assert c.get(reverse("budget:utfall-detail", args=[delar.pk])).status_code == 200
    # session, user, förbund; both years' periods; the version; both years' utfall rows;
    # groups, lines, amounts; Bokslut
    with django_assert_num_queries(10):
        page = c.get(reverse("budget:utfall-driftredovisning", args=[2025]))
        assert page.status_code == 200
    # the grid: the same queries as the delår page
    with django_assert_num_queries(9):
        assert c.get(reverse("budget:utfall-edit", args=[delar.pk])).status_code == 200


# --- template work ---------------------------------------------------------------------------


def _fler_rader(forbund, antal):
    """`antal` more cost lines, with budget 2025 and utfall (no comment) in every period of
    _bygg."""
    kostnader = Budgetgrupp.objects.filter(forbund=forbund, typ=Budgetgrupp.Typ.KOSTNAD).get()
    version = Budgetversion.objects.get(forbund=forbund, ar=2025)
    rader = []
    for _ in range(antal):
        insats = factories.make_insats(forbund)
        rad = factories.make_rad(kostnader, insats=insats, kategori="individinsatser")
        factories.set_belopp(version, rad, -20_000)
        rader.append(rad)
    for period in Utfallsperiod.objects.filter(forbund=forbund):
        if period.typ == Utfallsperiod.Typ.BOKSLUT:
            v = Utfallsvarde(intakt=0, kostnad=-8_000)
        else:
            v = Utfallsvarde(netto=-4_000, prognos=-9_000)  # (comments are listed)
        services.utfall_save(
            period=period, varden={r.pk: v for r in rader}, expected_version=period.lock_version
        )


def _mallvariabler(client, url, monkeypatch) -> int:
    """How many template variables a page renders (and that it answers 200)."""
    antal = 0
    render = VariableNode.render

    def rakna(self, context):
        nonlocal antal
        antal += 1
        return render(self, context)

    with monkeypatch.context() as m:
        m.setattr(VariableNode, "render", rakna)
        assert client.get(url).status_code == 200
    return antal


def test_the_rows_are_not_template_work(client_for, kansli, forbund, monkeypatch):
    """The grids' and tables' rows are written in Python (the template engine's nodes per
    cell, and the amounts grid's inputs through Django's widget templates, were most of these
    pages' server time at national scale): with 45 more lines each page renders the same
    template variables and templates."""
    delar = _bygg(forbund, 5)
    version = Budgetversion.objects.get(forbund=forbund, ar=2025)
    bokslut = Utfallsperiod.objects.get(forbund=forbund, per=date(2025, 12, 31))
    urls = [
        reverse("budget:utfall-edit", args=[delar.pk]),
        reverse("budget:utfall-edit", args=[bokslut.pk]),
        reverse("budget:utfall-detail", args=[delar.pk]),
        reverse("budget:utfall-driftredovisning", args=[2025]),
        reverse("budget:belopp-edit", args=[version.pk]),
    ]
    c = client_for(kansli)
    fore = {u: (_mallvariabler(c, u, monkeypatch), len(c.get(u).templates)) for u in urls}
    _fler_rader(forbund, 45)
    efter = {u: (_mallvariabler(c, u, monkeypatch), len(c.get(u).templates)) for u in urls}
    assert efter == fore
    for u in urls:  # the lines are on the pages
        assert c.get(u).content.decode().count('<tr class="rad">') >= 50
