"""The Excel files: amounts as numbers in exact kronor (the driftredovisning's number format
shows tkr), bold sum rows, a frozen header, and the export_xlsx command."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from budget.utfall.excel import export_delar, export_driftredovisning
from finsam.excel import xlsx_bytes


def _sheet_rows(ws):
    return {r[0].value: r for r in ws.iter_rows() if r[0].value}


def test_delar_xlsx(utfall):
    wb, filnamn = export_delar(utfall.exempel.forbund, per=date(2025, 8, 31))
    assert filnamn == "delar-2025-08-31.xlsx"
    ws = wb.active
    rows = _sheet_rows(ws)
    team_a = rows["Team A"]
    assert [c.value for c in team_a[1:6]] == [
        -3_000_000,
        -2_000_000,
        -2_800_000,
        200_000,
        "Vakant tjänst.",
    ]
    assert team_a[1].number_format == "#,##0;-#,##0;0"
    summa = rows["SUMMA"]
    assert [c.value for c in summa[1:5]] == [1_500_000, 1_100_000, 3_700_000, 2_200_000]
    assert summa[1].font.bold and rows["Summa individinsatser"][1].font.bold
    assert not team_a[1].font.bold
    assert ws.freeze_panes == "A5"


TKR_FORMAT = "#,##0,;-#,##0,;0"


def test_driftredovisning_xlsx_holds_kronor_shown_in_tkr(utfall):
    wb, filnamn = export_driftredovisning(utfall.exempel.forbund, ar=2025)
    assert filnamn == "driftredovisning-2025.xlsx"
    ws = wb.worksheets[0]
    rows = _sheet_rows(ws)
    # Exact kronor, not the rounded tkr (1, −1 001, −1 000, −1 000, 1) the page shows.
    assert [c.value for c in rows["Metodstöd"][1:6]] == [
        1_200,
        -1_000_700,
        -999_500,
        -1_000_000,
        500,
    ]
    assert [c.value for c in rows["SUMMA"][1:9]] == [
        10_001_200,
        -8_501_599,
        1_499_601,
        1_500_000,
        -399,
        9_000_000,
        -4_700_000,
        4_300_000,
    ]
    # Every amount cell shows thousands; the numbers stay kronor.
    for rad in ("Metodstöd", "Processtöd", "SUMMA"):
        for cell in rows[rad][1:9]:
            if cell.value is not None:
                assert isinstance(cell.value, int)
                assert cell.number_format == TKR_FORMAT, (rad, cell.coordinate)
    assert "exakta kronor" in ws["A2"].value
    # Read back from the file: the format survives saving.
    saved = load_workbook(io.BytesIO(xlsx_bytes(wb))).worksheets[0]
    assert _sheet_rows(saved)["Processtöd"][2].value == -999_499
    assert _sheet_rows(saved)["Processtöd"][2].number_format == TKR_FORMAT
    assert rows["SUMMA"][1].font.bold
    assert ws.freeze_panes is not None
    andelar = _sheet_rows(wb.worksheets[1])
    assert andelar["Individinsatser"][2].number_format == "0.0%"
    assert float(andelar["Individinsatser"][2].value) == pytest.approx(5_001_000 / 8_501_599)


def test_download_views(client_for, kansli, utfall):
    c = client_for(kansli)
    for url in (
        reverse("budget:utfall-delar-xlsx", args=[utfall.delar.pk]),
        reverse("budget:utfall-driftredovisning-xlsx", args=[2025]),
    ):
        response = c.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        load_workbook(io.BytesIO(response.content))


def test_export_command(tmp_path, utfall):
    slug = utfall.exempel.forbund.slug
    delar = tmp_path / "delar.xlsx"
    call_command(
        "export_xlsx",
        "delar",
        "--forbund",
        slug,
        "--per",
        "2025-08-31",
        "--output",
        str(delar),
        stdout=io.StringIO(),
    )
    assert _sheet_rows(load_workbook(delar).active)["SUMMA"][2].value == 1_100_000
    drift = tmp_path / "drift.xlsx"
    call_command(
        "export_xlsx",
        "driftredovisning",
        "--forbund",
        slug,
        "--ar",
        "2025",
        "--output",
        str(drift),
        stdout=io.StringIO(),
    )
    assert _sheet_rows(load_workbook(drift).worksheets[0])["SUMMA"][3].value == 1_499_601
    with pytest.raises(CommandError, match="2025-06-30"):
        call_command(
            "export_xlsx", "delar", "--forbund", slug, "--per", "2025-06-30", "--output", str(delar)
        )
    with pytest.raises(CommandError, match="2030"):
        call_command(
            "export_xlsx",
            "driftredovisning",
            "--forbund",
            slug,
            "--ar",
            "2030",
            "--output",
            str(drift),
        )
