"""finsam.excel writes text from users as text: never a formula, shown as typed."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from finsam.excel import (
    Formel,
    Kolumn,
    Rad,
    Tabell,
    arbetsbok,
    bladnamn,
    ny_arbetsbok,
    skriv_cell,
    skriv_tabell,
    xlsx_bytes,
)

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


# --- sheet names ---------------------------------------------------------------------------

LANGT_INSATSNAMN = "Samordningsteam Västerås – arbetslivsinriktad rehabilitering 2025"


def test_bladnamn_cuts_to_31_characters():
    assert len(LANGT_INSATSNAMN) > 60
    namn = bladnamn(LANGT_INSATSNAMN)
    assert namn == LANGT_INSATSNAMN[:31].rstrip()
    assert len(namn) <= 31
    assert bladnamn("Kort namn") == "Kort namn"


def test_bladnamn_replaces_forbidden_characters():
    namn = bladnamn("Budget [2025]: a/b\\c*d?e\x01f")
    assert not set(namn) & set("[]:*?/\\\x01")
    assert namn == "Budget -2025-- a-b-c-d-e-f"
    assert bladnamn("'citat'") == "citat"
    assert bladnamn("") == "Blad"
    assert bladnamn("[]") == "--"
    assert bladnamn("History") == "History (2)"  # reserved by Excel


def test_bladnamn_unique_after_truncation_case_insensitive():
    forsta = bladnamn(LANGT_INSATSNAMN)
    andra = bladnamn(LANGT_INSATSNAMN + " del 2", [forsta])
    tredje = bladnamn(LANGT_INSATSNAMN.upper(), [forsta, andra])
    assert len({forsta.casefold(), andra.casefold(), tredje.casefold()}) == 3
    assert andra.endswith(" (2)") and tredje.endswith(" (3)")
    assert all(len(n) <= 31 for n in (forsta, andra, tredje))


def test_bladnamn_keeps_the_ending():
    slug = "x" * 50
    assert bladnamn(slug, slut=" nyckeltal") == "x" * 21 + " nyckeltal"
    assert bladnamn(slug, ["x" * 21 + " nyckeltal"], slut=" nyckeltal") == (
        "x" * 17 + " nyckeltal (2)"
    )


def test_arbetsbok_with_long_duplicate_names_opens_with_those_names(recwarn):
    tabeller = [
        Tabell(rubrik=LANGT_INSATSNAMN, kolumner=[Kolumn("Rad", typ="text")]),
        Tabell(rubrik=LANGT_INSATSNAMN, kolumner=[Kolumn("Rad", typ="text")]),
        Tabell(rubrik="Utfall: 2025/08", kolumner=[Kolumn("Rad", typ="text")]),
        Tabell(
            rubrik="RMGT",
            blad="rmgt-" + "y" * 45,
            bladslut=" individer",
            kolumner=[Kolumn("Rad", typ="text")],
        ),
    ]
    wb = arbetsbok(tabeller)
    namn = wb.sheetnames
    assert namn == [
        LANGT_INSATSNAMN[:31].rstrip(),
        LANGT_INSATSNAMN[:27].rstrip() + " (2)",
        "Utfall- 2025-08",
        "rmgt-" + "y" * 16 + " individer",
    ]
    assert not [w for w in recwarn if "31 characters" in str(w.message)]
    assert _reload(wb).sheetnames == namn
    # The title on the sheet is the whole name.
    assert _reload(wb).worksheets[1]["A1"].value == LANGT_INSATSNAMN


def test_every_sheet_name_the_app_sets_goes_through_bladnamn():
    """Exports name sheets through `arbetsbok` (which calls `bladnamn`) or call it
    themselves: a title or create_sheet name set any other way could break Excel's rules."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    filer = [
        p
        for app in ("budget", "finsam", "insatser", "uppfoljning")
        for p in (root / app).rglob("*.py")
    ]
    fel = []
    for p in filer:
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r"\.title = (?!bladnamn\()|create_sheet\((?!\)|bladnamn\()", text):
            rad = text[: m.start()].count("\n") + 1
            fel.append(f"{p.relative_to(root)}:{rad}")
    assert fel == []
