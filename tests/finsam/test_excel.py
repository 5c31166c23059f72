"""finsam.excel writes text from users as text: never a formula, shown as typed."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from finsam.excel import Formel, Kolumn, Rad, ny_arbetsbok, skriv_cell, skriv_tabell, xlsx_bytes

FIENTLIGA = [
    '=HYPERLINK("http://example.com/x","klick")',
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "=",
]


def quote_prefix(cell) -> bool:
    """The cell's quotePrefix style flag (a Cell or a read-only cell)."""
    style = cell.style_array if hasattr(cell, "style_array") else cell._style
    return bool(style.quotePrefix)


def _reload(wb, **kw):
    return load_workbook(io.BytesIO(xlsx_bytes(wb)), **kw)


@pytest.mark.parametrize("text", FIENTLIGA)
def test_a_formula_like_text_is_written_as_quoted_text(text):
    wb = ny_arbetsbok()
    skriv_cell(wb.active, row=1, column=1, value=text)
    for read_only in (False, True):
        cell = next(_reload(wb, read_only=read_only).active.iter_rows())[0]
        assert cell.data_type == "s", (text, read_only)
        assert cell.value == text
        assert quote_prefix(cell)


def test_the_sheet_xml_holds_no_formula():
    wb = ny_arbetsbok()
    for i, text in enumerate(FIENTLIGA, start=1):
        skriv_cell(wb.active, row=i, column=1, value=text)
    xml = zipfile.ZipFile(io.BytesIO(xlsx_bytes(wb))).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_ordinary_text_numbers_and_our_own_formulas():
    wb = ny_arbetsbok()
    ws = wb.active
    skriv_cell(ws, row=1, column=1, value="Team A")
    skriv_cell(ws, row=2, column=1, value=-1_250_000)
    skriv_cell(ws, row=3, column=1, value=Formel("=SUM(A2:A2)"))
    skriv_cell(ws, row=4, column=1, value="#N/A")  # openpyxl would make this an error cell
    skriv_cell(ws, row=5, column=1, value="a\x01b")  # a control character cannot be stored
    a1, a2, a3, a4, a5 = (r[0] for r in _reload(wb).active.iter_rows())
    assert (a1.value, a1.data_type, quote_prefix(a1)) == ("Team A", "s", False)
    assert (a2.value, a2.data_type) == (-1_250_000, "n")
    assert (a3.value, a3.data_type) == ("=SUM(A2:A2)", "f")
    assert (a4.value, a4.data_type) == ("#N/A", "s")
    assert a5.value == "ab"


def test_skriv_tabell_guards_title_headers_and_rows():
    wb = ny_arbetsbok()
    skriv_tabell(
        wb.active,
        rubrik="=1+1",
        undertitel="@x",
        kolumner=[Kolumn("=A1", typ="text"), Kolumn("Belopp")],
        rader=[Rad(["=2+2", 5]), Rad(["+3", "=4+4"], fet=True)],
    )
    cells = [c for row in _reload(wb).active.iter_rows() for c in row if c.value is not None]
    assert [c.value for c in cells] == ["=1+1", "@x", "=A1", "Belopp", "=2+2", 5, "+3", "=4+4"]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert cells[5].data_type == "n"
