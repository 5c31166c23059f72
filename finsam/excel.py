"""One way to write the app's Excel files: formatted tables with amounts as numbers.

    wb = ny_arbetsbok()
    ws = wb.active
    skriv_tabell(
        ws,
        rubrik="Delårsrapport per 2025-08-31",
        kolumner=[Kolumn("Rad", typ="text", bredd=40), Kolumn("Årsbudget 2025")],
        rader=[Rad(["Styrelse", -619227]), Rad(["SUMMA", -2028622], fet=True)],
    )
    return xlsx_response(wb, "delar-2025-08-31.xlsx")

Amounts are written as numbers in exact kronor with a number format (Swedish Excel shows
"−1 250 000"), never as text; sum rows are bold; the header row is frozen. A column the
document shows in tkr (`Kolumn(..., typ="tkr")`) still holds exact kronor: its number
format divides by a thousand for display (`#,##0,`: −1 250 499 shows as "−1 250"), so a
sum in Excel adds kronor, not rounded tkr.

Sheet names go through `bladnamn`: at most 31 characters, none of []:*?/\\, not starting
or ending with an apostrophe, unique in the workbook (Excel compares without case).

Every cell the app writes goes through `skriv_cell` (also for titles and column headers),
so text typed by users can never become a formula. openpyxl turns any str starting with
"=" into a formula cell; `skriv_cell` writes every str as a string cell instead, and a
str starting with one of `FORMELTECKEN` (= + - @ tab CR) also gets Excel's quote prefix
(the cell style's quotePrefix, what Excel stores when one types '=1+1). The cell then
shows the text exactly as typed, without an added apostrophe in the value, Excel and
LibreOffice never evaluate it, and it stays text even if someone edits the cell and
presses Enter. A formula the app means to write is passed as `Formel("=SUM(B5:B9)")`.
Characters a workbook cannot hold (control characters other than tab, LF and CR) are
dropped rather than failing the whole export.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FORMAT = {
    "belopp": "#,##0;-#,##0;0",
    # Exact kronor shown in thousands: the trailing comma scales by 1 000 (Excel rounds
    # half away from zero, as finsam.formatting.till_tkr does).
    "tkr": "#,##0,;-#,##0,;0",
    "procent": "0.0%",
    "decimal": "0.0",
    "heltal": "0",
    "datum": "yyyy-mm-dd",
    "text": "@",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A text starting with one of these is a formula (or would become one when edited) in
#: Excel, LibreOffice and CSV readers.
FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
THIN = Side(style="thin", color="808080")


class Formel(str):
    """A formula the app itself writes, e.g. Formel("=SUM(B5:B9)"). Every other str is text."""


def skriv_cell(ws, *, row: int, column: int, value=None):
    """Write `value` to a cell and return it: numbers and dates as themselves, a `Formel`
    as a formula, every other str as text that is never evaluated (see the module doc)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Formel):
        cell.value = str(value)
        cell.data_type = "f"
    elif isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        # openpyxl infers "f" (formula) or "e" (error) from some strings; this is text.
        cell.data_type = "s"
        if text.startswith(FORMELTECKEN):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


@dataclass
class Kolumn:
    rubrik: str
    typ: str = "belopp"  # one of FORMAT's keys
    bredd: int = 15


@dataclass
class Rad:
    varden: list
    fet: bool = False
    niva: int = 0  # indentation of the first (text) cell
    kursiv: bool = False


@dataclass
class Tabell:
    rubrik: str
    kolumner: list[Kolumn]
    rader: list[Rad] = field(default_factory=list)
    undertitel: str = ""
    #: The sheet's name (else the title) and an ending kept when the name is cut
    #: ("<insats> nyckeltal"); `bladnamn` makes them fit.
    blad: str = ""
    bladslut: str = ""


def ny_arbetsbok() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "FINSAM"
    return wb


def skriv_tabell(ws, *, rubrik: str, kolumner: list[Kolumn], rader: list[Rad], undertitel=""):
    """Write a titled table on `ws`, starting at A1. Returns the header row's number."""
    skriv_cell(ws, row=1, column=1, value=rubrik).font = Font(bold=True, size=13)
    rad_nr = 2
    if undertitel:
        skriv_cell(ws, row=2, column=1, value=undertitel).font = Font(italic=True, color="555555")
        rad_nr = 3
    header = rad_nr + 1
    for i, kol in enumerate(kolumner, start=1):
        cell = skriv_cell(ws, row=header, column=i, value=kol.rubrik)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = Border(bottom=THIN)
        cell.alignment = Alignment(
            horizontal="left" if kol.typ == "text" else "right", wrap_text=True, vertical="bottom"
        )
        ws.column_dimensions[get_column_letter(i)].width = kol.bredd
    for r_i, rad in enumerate(rader, start=header + 1):
        for c_i, (kol, varde) in enumerate(zip(kolumner, rad.varden, strict=False), start=1):
            if isinstance(varde, date) and kol.typ != "datum":
                varde = varde.isoformat()
            cell = skriv_cell(ws, row=r_i, column=c_i, value=varde)
            if varde is not None and kol.typ != "text":
                cell.number_format = FORMAT[kol.typ]
            if rad.fet or rad.kursiv:
                cell.font = Font(bold=rad.fet, italic=rad.kursiv)
            if rad.fet:
                cell.border = Border(top=THIN)
            if c_i == 1 and rad.niva:
                cell.alignment = Alignment(indent=rad.niva)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    return header


def arbetsbok(tabeller: list[Tabell]) -> Workbook:
    """A workbook with one sheet per table (sheet names from `blad` or the title, made to
    fit Excel by `bladnamn`)."""
    wb = ny_arbetsbok()
    for i, t in enumerate(tabeller):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = bladnamn(t.blad or t.rubrik, wb.sheetnames[:i], slut=t.bladslut)
        skriv_tabell(
            ws, rubrik=t.rubrik, kolumner=t.kolumner, rader=t.rader, undertitel=t.undertitel
        )
    return wb


#: Excel's limits on a sheet name; "History" is reserved by Excel.
MAX_BLADNAMN = 31
FORBJUDNA_I_BLADNAMN = re.compile(r"[\[\]:*?/\\]")
RESERVERADE_BLADNAMN = ("history",)


def bladnamn(text: str, upptagna=(), *, slut: str = "") -> str:
    """A sheet name Excel accepts, from `text` (+ `slut`, kept whole when text is cut):
    the characters []:*?/\\ and control characters become "-", whitespace is collapsed,
    no apostrophe at either end, at most 31 characters, never empty, and different
    (case-insensitively, as Excel compares) from every name in `upptagna`, by a " (2)",
    " (3)" … that fits within the 31 characters."""
    namn = _bladdel(text)
    slut = (" " if slut[:1].isspace() else "") + _bladdel(slut)
    upptagna_cf = {str(n).casefold() for n in upptagna} | set(RESERVERADE_BLADNAMN)
    for n in range(1, 10_000):
        tillagg = "" if n == 1 else f" ({n})"
        plats = MAX_BLADNAMN - len(tillagg)
        bas = slut[-plats:] if len(slut) >= plats else namn[: plats - len(slut)].rstrip() + slut
        kandidat = (bas.strip().strip("'").strip() or "Blad") + tillagg
        if kandidat.casefold() not in upptagna_cf:
            return kandidat
    raise ValueError("no free sheet name")  # 10 000 sheets with one name: never in practice


def _bladdel(text) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("-", str(text or ""))
    text = FORBJUDNA_I_BLADNAMN.sub("-", text)
    return " ".join(text.split())


def xlsx_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(wb: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(wb), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
