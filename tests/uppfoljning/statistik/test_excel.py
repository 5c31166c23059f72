"""The Excel export: numeric cells, protected text cells, and the command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from uppfoljning.statistik.excel import export_deltagare


def _sheet(wb, prefix):
    return next(ws for ws in wb.worksheets if ws.title.startswith(prefix))


def _row(ws, label):
    for row in ws.iter_rows(values_only=True):
        if row[0] == label:
            return row
    raise AssertionError(label)


def test_exact_variant_has_numbers(period, forbund):
    wb, filename = export_deltagare(forbund, ar=2025, period="helar", exact=True)
    assert filename == "deltagarstatistik-2025-helar-exakt.xlsx"
    ws = _sheet(wb, "Deltagare per insats")
    assert _row(ws, "Samordningsteam Litet")[1:] == (2, 5, 0, 7)
    assert "EXAKTA" in ws["A2"].value


def test_protected_variant_has_text_for_hidden_cells(period, forbund):
    wb, filename = export_deltagare(forbund, ar=2025, period="helar")
    assert filename.endswith("-skyddad.xlsx")
    ws = _sheet(wb, "Deltagare per insats")
    row = _row(ws, "Samordningsteam Litet")
    assert row[1] == "<3"
    assert all(isinstance(v, (int, str)) for v in row[1:])
    # The 20 women of the big team would reveal the 2 from the column total: "..".
    assert _row(ws, "Samordningsteam Stort")[1:] == ("..", "..", 0, 38)
    assert "Skyddad" in ws["A2"].value
    assert {"Totalt 2025-HELAR", "Andelar", "Avslutsorsak per kön"} <= set(wb.sheetnames)


def test_download_is_protected_for_styrelse(client_for, period, styrelse, kansli):
    url = reverse("uppfoljning:statistik-excel", args=[2025, "helar"])
    response = client_for(styrelse).get(url)
    assert "skyddad" in response["Content-Disposition"]
    response = client_for(kansli).get(url)
    assert "exakt" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert _row(_sheet(wb, "Deltagare per insats"), "Samordningsteam Litet")[1] == 2


def test_command_writes_the_protected_variant(demo, tmp_path):
    out = tmp_path / "d.xlsx"
    call_command(
        "export_xlsx",
        "deltagare",
        "--forbund",
        "vastmanland",
        "--ar",
        "2025",
        "--period",
        "helar",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    wb = load_workbook(out)
    ws = _sheet(wb, "Totalt")
    assert "Skyddad" in ws["A2"].value
    assert _row(ws, "Deltagare under perioden")[1:] == (142, 133, 3, 278)
    texts = [v for row in wb["Avslutsorsak per kön"].iter_rows(values_only=True) for v in row]
    assert "<3" in texts


def test_command_without_period_fails(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "export_xlsx",
            "deltagare",
            "--forbund",
            "vastmanland",
            "--ar",
            "2019",
            "--output",
            str(tmp_path / "x.xlsx"),
        )
