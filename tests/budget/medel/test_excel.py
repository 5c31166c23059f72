"""The members' driftbidrag as an Excel file, from the view and from the command."""

import io

from django.core.management import call_command
from openpyxl import load_workbook

from budget.medel.excel import export_medlemsbidrag
from finsam.excel import xlsx_bytes


def _sheet(wb):
    return load_workbook(io.BytesIO(xlsx_bytes(wb))).active


def _rows(ws):
    return {r[0].value: r for r in ws.iter_rows(min_row=4) if r[0].value}


def test_export_writes_numbers_a_bold_sum_and_a_frozen_header(demo):
    wb, filename = export_medlemsbidrag(demo, ar=2025)
    assert filename == "medlemsbidrag-2025.xlsx"
    ws = _sheet(wb)
    assert ws["A1"].value == "Driftbidrag 2025"
    assert [c.value for c in ws[4]][:3] == ["Intäkt", "2025", "2024"]
    assert ws.freeze_panes == "A5"
    rows = _rows(ws)
    staten = rows["Driftbidrag från staten"]
    assert (staten[1].value, staten[2].value) == (9_479_000, 9_519_000)
    assert staten[1].data_type == "n" and staten[1].number_format == "#,##0;-#,##0;0"
    assert rows["Driftbidrag Västerås stad"][1].value == 2_096_319
    assert rows["Driftbidrag Västerås stad"][3].value == 2_096_319  # the weight
    assert rows["Driftbidrag från Region Västmanland"][1].value == 5_924_375
    summa = rows["Summa"]
    assert (summa[1].value, summa[2].value) == (18_958_000, 19_038_000)
    assert all(c.font.bold for c in summa[:3])
    assert not staten[1].font.bold


def test_export_of_a_year_without_tilldelning(demo):
    wb, filename = export_medlemsbidrag(demo, ar=2019)
    ws = _sheet(wb)
    assert ws["A2"].value == "Det finns ingen medelstilldelning för 2019."


def test_command_writes_the_file(demo, tmp_path):
    out = tmp_path / "m.xlsx"
    stdout = io.StringIO()
    call_command(
        "export_xlsx",
        "medlemsbidrag",
        "--forbund",
        "vastmanland",
        "--ar",
        "2024",
        "--output",
        str(out),
        stdout=stdout,
    )
    assert f"Skrev {out}" in stdout.getvalue()
    ws = load_workbook(out).active
    rows = _rows(ws)
    assert rows["Driftbidrag Kungsörs kommun"][1].value == 146_016
    assert rows["Driftbidrag Kungsörs kommun"][2].value == 8638  # population 2024
    assert rows["Summa"][1].value == 19_038_000 and rows["Summa"][1].font.bold
