"""Compare two versions, start next year, and the budget download: every view, every role."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from budget.excel import export_budget
from budget.models import Budgetversion
from tests import factories as f
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text

COMPARE = reverse("budget:version-compare")
START = reverse("budget:start-next-year")
XLSX = reverse("budget:budget-xlsx")


@pytest.fixture
def tillagg(exempel):
    """A tilläggsbudget 2025 that moves 500 000 from Team A to Team B."""
    v = f.make_version(
        exempel.forbund, 2025, Budgetversion.Typ.TILLAGG, beslutsdatum=date(2025, 5, 23)
    )
    for rad, belopp in [
        (exempel.rader.medel, 10_000_000),
        (exempel.rader.team_a, -2_500_000),
        (exempel.rader.team_b, -2_500_000),
        (exempel.rader.metod, -1_000_000),
        (exempel.rader.processtod, -1_000_000),
        (exempel.rader.kansli, -1_600_000),
    ]:
        f.set_belopp(v, rad, belopp)
    return v


def _compare_url(a, b):
    return f"{COMPARE}?a={a.pk}&b={b.pk}"


# --- compare -------------------------------------------------------------------------------


def test_compare_access(
    client, client_for, kansli, styrelse, revisor, styrgrupp, outsider, exempel, tillagg
):
    url = _compare_url(exempel.budget, tillagg)
    assert_requires_login(client, url)
    for user in (kansli, styrelse, revisor):
        assert_status(client_for(user), url, 200)
    assert_status(client_for(styrgrupp), url, 403)
    assert_status(client_for(outsider), url, 404)
    assert_status(client_for(kansli), url, 405, "post")
    assert_status(client_for(kansli), COMPARE, 404)
    assert_status(client_for(kansli), f"{COMPARE}?a=x&b={tillagg.pk}", 404)


def test_compare_with_another_forbunds_version_is_404(client_for, kansli, exempel, annat_forbund):
    other = f.make_version(annat_forbund, 2025)
    assert_status(client_for(kansli), _compare_url(exempel.budget, other), 404)


def test_compare_lines_sums_and_highlight(client_for, styrelse, exempel, tillagg):
    response = client_for(styrelse).get(_compare_url(exempel.budget, tillagg))
    assert row(response, "Team A (ändrad)") == ["−3 000 000", "−2 500 000", "500 000"]
    assert row(response, "Team B (ändrad)") == ["−2 000 000", "−2 500 000", "−500 000"]
    assert row(response, "Metodstöd") == ["−1 000 000", "−1 000 000", "0"]
    assert row(response, "Summa individinsatser") == ["−5 000 000", "−5 000 000", "0"]
    assert row(response, "Summa kostnader") == ["−8 500 000", "−8 600 000", "−100 000"]
    assert row(response, "Resultat") == ["1 500 000", "1 400 000", "−100 000"]
    html = response.content.decode()
    assert html.count('class="rad table-warning andrad"') == 3  # Team A, Team B, Kansli
    assert "3 rader har ändrats" in text(response)


def test_compare_reachable_from_overview_and_detail(client_for, kansli, exempel, tillagg):
    page = client_for(kansli).get(reverse("budget:overview"), {"ar": 2025}).content.decode()
    assert reverse("budget:version-compare") in page
    assert f'<option value="{exempel.budget.pk}" selected>' in page
    detail = client_for(kansli).get(reverse("budget:version-detail", args=[exempel.budget.pk]))
    assert _compare_url(exempel.budget, tillagg).replace("&", "&amp;") in detail.content.decode()


# --- start next year -----------------------------------------------------------------------


def _start(client, ar=2025, **kw):
    return client.post(START, {"ar": ar, "beslutsdatum": "2025-11-20", **kw})


def test_start_access(client, client_for, styrelse, revisor, styrgrupp, outsider, kansli, exempel):
    data = {"ar": 2025, "beslutsdatum": "2025-11-20"}
    assert_requires_login(client, START, "post", data)
    for user in (styrelse, revisor, styrgrupp):
        assert_status(client_for(user), START, 403, "post", data)
    assert_status(client_for(outsider), START, 302, "post", data)  # starts its own förbund's
    assert not Budgetversion.objects.filter(forbund=exempel.forbund, ar=2026, typ="budget").exists()
    assert_status(client_for(kansli), START, 405, "get")


def test_start_copies_the_plan(client_for, kansli, exempel):
    c = client_for(kansli)
    response = _start(c, paragraf="§ 60")
    ny = Budgetversion.objects.get(forbund=exempel.forbund, ar=2026, typ="budget")
    assert response["Location"] == reverse("budget:belopp-edit", args=[ny.pk])
    assert (ny.beslutsdatum, ny.paragraf) == (date(2025, 11, 20), "§ 60")
    belopp = dict(ny.belopp.values_list("rad_id", "belopp"))
    assert belopp == dict(exempel.plan.belopp.values_list("rad_id", "belopp"))
    assert ny.eget_kapital_ingaende == 2_000_000 + 1_500_000  # budget 2025's closing
    page = text(c.get(response["Location"]))
    assert "utkast tills styrelsen har beslutat" in page


def test_start_without_plan_copies_the_version_in_force(client_for, kansli, exempel, tillagg):
    assert _start(client_for(kansli), ar=2026).status_code == 302
    ny = Budgetversion.objects.get(forbund=exempel.forbund, ar=2027, typ="budget")
    # No plan 2027: the version in force for 2026 is the plan 2026.
    assert dict(ny.belopp.values_list("rad_id", "belopp")) == dict(
        exempel.plan.belopp.values_list("rad_id", "belopp")
    )
    Budgetversion.objects.filter(ar=2026).delete()
    _start(client_for(kansli), ar=2025)
    ny = Budgetversion.objects.get(forbund=exempel.forbund, ar=2026, typ="budget")
    assert dict(ny.belopp.values_list("rad_id", "belopp")) == dict(
        tillagg.belopp.values_list("rad_id", "belopp")
    )


def test_start_is_refused_when_next_year_has_a_budget(client_for, kansli, exempel):
    c = client_for(kansli)
    _start(c)
    response = _start(c)
    assert response["Location"] == f"{reverse('budget:overview')}?ar=2025"
    assert Budgetversion.objects.filter(forbund=exempel.forbund, ar=2026, typ="budget").count() == 1
    page = text(c.get(response["Location"]))
    assert "2026 har redan en budget" in page


def test_start_with_nothing_to_copy_or_bad_date(empty_db, client_for, kansli, forbund):
    c = client_for(kansli)
    response = _start(c, ar=2030)
    assert "Det finns ingen plan för 2031" in text(c.get(response["Location"]))
    response = c.post(START, {"ar": 2030, "beslutsdatum": "snart"})
    assert "Fyll i ett beslutsdatum" in text(c.get(response["Location"]))
    assert not Budgetversion.objects.exists()


def test_overview_offers_the_start_to_kansli_only(client_for, kansli, styrelse, exempel):
    assert (
        START in client_for(kansli).get(reverse("budget:overview"), {"ar": 2025}).content.decode()
    )
    assert (
        START
        not in client_for(styrelse).get(reverse("budget:overview"), {"ar": 2025}).content.decode()
    )


# --- Excel ---------------------------------------------------------------------------------


def test_xlsx_access(client, client_for, kansli, styrelse, revisor, styrgrupp, outsider, exempel):
    url = f"{XLSX}?ar=2025"
    assert_requires_login(client, url)
    for user in (kansli, styrelse, revisor):
        assert_status(client_for(user), url, 200)
    assert_status(client_for(styrgrupp), url, 403)
    assert_status(client_for(kansli), url, 405, "post")
    assert_status(client_for(kansli), XLSX, 404)
    # An outsider downloads its own förbund's (empty) budget, never this one's.
    response = client_for(outsider).get(url)
    assert b"Team A" not in response.content
    ws = load_workbook(io.BytesIO(response.content)).active
    assert "ingen beslutad budget" in ws["A2"].value


def _by_label(ws, header=4):
    return {ws.cell(r, 1).value: r for r in range(header + 1, ws.max_row + 1)}


def test_export_budget_numbers_sums_frozen(exempel):
    wb, filename = export_budget(exempel.forbund, ar=2025)
    assert filename == "budget-2025.xlsx"
    ws = wb.active
    assert [ws.cell(4, c).value for c in range(1, 6)] == [
        "Rad",
        "Budget 2024 (saknas)",
        "Budget 2025",
        "Plan 2026",
        "Plan 2027 (saknas)",
    ]
    assert ws.freeze_panes == "A5"
    rader = _by_label(ws)
    team_a = rader["Team A"]
    assert [ws.cell(team_a, c).value for c in (3, 4)] == [-3_000_000, -4_000_000]
    assert ws.cell(team_a, 3).number_format == "#,##0;-#,##0;0"
    assert not ws.cell(team_a, 3).font.bold
    summa = rader["Summa individinsatser"]
    assert ws.cell(summa, 3).value == -5_000_000 and ws.cell(summa, 3).font.bold
    assert ws.cell(rader["Individinsatser"], 3).value is None
    assert ws.cell(rader["Summa kostnader"], 3).value == -8_500_000
    assert ws.cell(rader["Resultat"], 3).value == 1_500_000
    assert ws.cell(rader["Resultat"], 4).value == 10_000_000 - 7_500_000
    ek = rader["Beräknat utgående eget kapital"]
    assert ws.cell(ek, 1).font.bold
    # Budget 2025's estimate at the year's start closes 2024; each year adds its resultat.
    assert [ws.cell(ek, c).value for c in (2, 3, 4, 5)] == [2_000_000, 3_500_000, 6_000_000, None]


def test_export_budget_command(exempel, tmp_path):
    out = tmp_path / "budget.xlsx"
    call_command(
        "export_xlsx",
        "budget",
        "--forbund",
        exempel.forbund.slug,
        "--ar",
        "2025",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    ws = load_workbook(out).active
    assert ws["A1"].value == "Budget 2025 med plan 2026–2027"
    assert ws.freeze_panes == "A5"
