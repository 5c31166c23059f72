"""The change history as an Excel file: one row per changed field, all as text.

What users typed (names, notes, reasons) goes into the file; a cell that starts with
= + - @, a tab or a carriage return must stay text and never become a formula. The cells
are written through finsam/excel.py's guard (skriv_cell), which writes every str as a
text cell and drops control characters a worksheet cannot hold.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from finsam.excel import Kolumn, Rad, bladnamn, ny_arbetsbok, skriv_tabell
from finsam.historik.selectors import HISTORY_TYPE
from finsam.models import User

#: At most this many changes in one file (about 10 MB); the subtitle says when cut.
MAX_ANDRINGAR = 50_000
SATS = 1_000

KOLUMNER = [
    Kolumn("Tid", typ="text", bredd=17),
    Kolumn("Användare", typ="text", bredd=22),
    Kolumn("Händelse", typ="text", bredd=11),
    Kolumn("Typ av uppgift", typ="text", bredd=20),
    Kolumn("Post", typ="text", bredd=36),
    Kolumn("Fält", typ="text", bredd=22),
    Kolumn("Från", typ="text", bredd=30),
    Kolumn("Till", typ="text", bredd=30),
    Kolumn("Orsak", typ="text", bredd=30),
]


def _rader(andring):
    tid = timezone.localtime(andring.tid).strftime("%Y-%m-%d %H:%M:%S")
    bas = [tid, andring.anvandare, andring.typ, andring.modell, andring.objekt]
    if not andring.falt:
        return [Rad([*bas, "", "", "", andring.orsak])]
    return [Rad([*bas, namn, fran, till, andring.orsak]) for namn, fran, till in andring.falt]


def _filtertext(forbund, filter) -> str:
    delar = [forbund.namn]
    if filter is not None:
        if filter.fran or filter.till:
            fran = filter.fran.isoformat() if filter.fran else "…"
            till = filter.till.isoformat() if filter.till else "…"
            delar.append(f"{fran} – {till}")
        if filter.modell:
            delar.append(str(apps.get_model(filter.modell)._meta.verbose_name).capitalize())
        if filter.anvandare_id:
            user = User.objects.filter(pk=filter.anvandare_id).first()
            if user:
                delar.append(user.get_full_name() or user.username)
        if filter.history_type in HISTORY_TYPE:
            delar.append(HISTORY_TYPE[filter.history_type])
        if filter.stigande:
            delar.append("äldst först")
    return ", ".join(delar)


def historik_arbetsbok(forbund, lista, filter=None):
    """A workbook of `lista` (a Historiklista), newest first, read in batches."""
    antal = lista.count()
    rader = []
    for start in range(0, min(antal, MAX_ANDRINGAR), SATS):
        for andring in lista[start : min(start + SATS, MAX_ANDRINGAR)]:
            rader.extend(_rader(andring))
    undertitel = _filtertext(forbund, filter)
    if antal > MAX_ANDRINGAR:
        undertitel += (
            f". Avkortad: de {MAX_ANDRINGAR} senaste av {antal} ändringar; "
            "välj ett kortare datumintervall för resten."
        )
    wb = ny_arbetsbok()
    ws = wb.active
    ws.title = bladnamn("Ändringshistorik")
    header = skriv_tabell(
        ws, rubrik="Ändringshistorik", kolumner=KOLUMNER, rader=rader, undertitel=undertitel
    )
    ws.auto_filter.ref = f"A{header}:I{max(header, ws.max_row)}"
    return wb
