"""The demo rekvisitioner (idempotent, figures as set) and the follow-up's Excel export."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from budget.selectors import aktuell_version
from fixtures import loader
from insatser.ekonomi.excel import export_insatsuppfoljning
from insatser.ekonomi.selectors import insatsuppfoljning
from insatser.models import Insats, Rekvisition

PER = date(2025, 12, 31)


def _budget(forbund, slug, ar):
    version = aktuell_version(forbund, ar)
    return -sum(version.belopp.filter(rad__insats__slug=slug).values_list("belopp", flat=True))


def test_demo_is_idempotent(demo, run_load_demo):
    antal = Rekvisition.objects.filter(insats__forbund=demo).count()
    assert antal == 7 * 4
    assert loader.load_rekvisitioner(demo) is None
    run_load_demo()
    assert Rekvisition.objects.filter(insats__forbund=demo).count() == antal


def test_demo_follow_up_figures(demo):
    rader = {r.insats.slug: r for r in insatsuppfoljning(demo, per=PER).rader}
    paid = {
        "st-fns": 1_635_700,
        "st-hallstahammar": 1_243_400,
        "st-sala": 1_711_300,
        "st-surahammar": 1_250_000,
        "st-vasteras": 5_100_000,
        "teamsamverkan-vm": 1_522_875,
    }
    for slug, kronor in paid.items():
        r = rader[slug]
        assert r.utbetalt_ar == kronor, slug
        assert r.budget_ar == _budget(demo, slug, 2025), slug
        if slug != "st-vasteras":  # near the budget line
            assert abs(r.budget_ar - kronor) <= 0.02 * r.budget_ar, slug
    vasteras = rader["st-vasteras"]
    assert vasteras.forbrukning_ar < 0.9  # its staff left: noticeably less
    assert vasteras.differens_ar == vasteras.budget_ar - 5_100_000
    team = rader["teamsamverkan-vm"]
    assert team.beslutat_totalt == 6_351_500
    assert team.utbetalt_totalt == 1_575_000 + 1_522_875
    assert team.forvantat_totalt == _budget(demo, "teamsamverkan-vm", 2024) + team.budget_ar
    # Per 2025-08-31 three quarters are paid (February, May, August).
    aug = {r.insats.slug: r for r in insatsuppfoljning(demo, per=date(2025, 8, 31)).rader}
    assert aug["st-fns"].utbetalt_ar == 3 * 412_500
    assert aug["st-fns"].forvantat_ar == round(_budget(demo, "st-fns", 2025) * 8 / 12)


def test_demo_skips_a_forbund_without_the_insatser(empty_db, forbund):
    assert loader.load_rekvisitioner(forbund) is None
    assert not Rekvisition.objects.exists()


def test_export_numbers_bold_sum_frozen_header(demo):
    wb, filename = export_insatsuppfoljning(demo, per=PER)
    assert filename == "insatsuppfoljning-2025-12-31.xlsx"
    ws = wb.active
    header = 4  # title, subtitle, blank, header
    assert ws.cell(header, 1).value == "Insats"
    assert ws.cell(header, 4).value == "Budget 2025"
    assert ws.freeze_panes == f"A{header + 1}"
    namn = {ws.cell(r, 1).value: r for r in range(header + 1, ws.max_row + 1)}
    r = namn["Samordningsteam Västerås"]
    assert ws.cell(r, 7).value == 5_100_000 and isinstance(ws.cell(r, 7).value, int)
    assert ws.cell(r, 7).number_format == "#,##0;-#,##0;0"
    assert ws.cell(r, 9).number_format == "0.0%"
    assert float(ws.cell(r, 9).value) == pytest.approx(5_100_000 / 6_100_000)
    summa = ws.max_row
    assert ws.cell(summa, 1).value == "Summa" and ws.cell(summa, 1).font.bold
    assert ws.cell(summa, 3).font.bold
    insatser = Insats.objects.filter(forbund=demo, beslut__forsta_ar__lte=2025).distinct()
    assert summa - header - 1 == insatser.count()


def test_export_defaults_to_the_end_of_ar(demo):
    _wb, filename = export_insatsuppfoljning(demo, ar=2024)
    assert filename == "insatsuppfoljning-2024-12-31.xlsx"


def test_export_command(demo, tmp_path):
    out = tmp_path / "uppf.xlsx"
    call_command(
        "export_xlsx",
        "insatsuppfoljning",
        "--forbund",
        "vastmanland",
        "--per",
        "2025-08-31",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    ws = load_workbook(out).active
    assert ws["A1"].value == "Insatsuppföljning per 2025-08-31"
    assert ws.freeze_panes == "A5"


def test_overview_opens_on_a_date_with_payments(demo, demo_user, client):
    """Without ?per the page shows the förbund's payments (the demo's latest are of 2025),
    not a year with nothing paid yet."""
    client.force_login(demo_user("styrelse"))
    response = client.get(reverse("insatser:ekonomi"))
    uppfoljning = response.context["uppfoljning"]
    assert uppfoljning.summa.utbetalt_ar > 0
    assert uppfoljning.per <= date.today()


def test_demo_year_end_expects_every_running_insats_whole_budget(demo):
    """At 31 December the insats's months of run are all reached: expected = the budget,
    as in the published table, and the decisions' totals are the published ones."""
    rader = {r.insats.slug: r for r in insatsuppfoljning(demo, per=PER).rader}
    for slug, r in rader.items():
        assert (r.manader, r.manader_ar) == (12, 12), slug
        assert r.forvantat_ar == r.budget_ar, slug
    assert rader["teamsamverkan-vm"].beslutat_totalt == 6_351_500
    assert rader["rehabkoordinatorer"].beslutat_totalt == 995_000
    assert rader["rehabkoordinatorer"].forvantat_totalt == 595_000 + 400_000
    assert rader["rmgt"].beslutat_ar == 1_254_000


def test_demo_before_the_decisions_of_november_2024(demo):
    """Per 2024-10-31 the decisions of 2024-11-22 (the 2025 samordningsteam) are not made:
    only the decisions of 2023 count, with the budget 2024 as amended in May."""
    per = date(2024, 10, 31)
    rader = {r.insats.slug: r for r in insatsuppfoljning(demo, per=per).rader}
    assert set(rader) == {"teamsamverkan-vm", "rehabkoordinatorer"}
    team = rader["teamsamverkan-vm"]
    assert team.beslutat_totalt == 6_351_500
    assert team.forvantat_ar == round(_budget(demo, "teamsamverkan-vm", 2024) * 10 / 12)
