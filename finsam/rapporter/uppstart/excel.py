"""The onboarding workbook to download: one sheet per part with the förbund's data (none
for a new förbund), a help sheet that explains every column, and lists to choose from
where a column takes one of a few values or names a row of another sheet. Written through
`finsam.excel` only, so no text typed by a user becomes a formula."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from finsam.excel import Kolumn, Rad, bladnamn, ny_arbetsbok, skriv_tabell
from finsam.models import Forbund
from finsam.rapporter.uppstart import kolumner as k
from finsam.rapporter.uppstart import selectors

#: Rows below the header that the lists to choose from cover.
VALIDERADE_RADER = 2000
#: The header row of every data sheet (title, subtitle, blank, header).
RUBRIKRAD = 4

_EXCELTYP = {
    k.TEXT: "text",
    k.VAL: "text",
    k.LISTA: "text",
    k.HELTAL: "heltal",
    k.BELOPP: "belopp",
    k.DECIMAL: "decimal",
    k.DATUM: "datum",
}


def mall(*, forbund: Forbund, idag: date | None = None):
    """The workbook for `forbund`, prefilled with its data. Returns (Workbook, filename)."""
    idag = idag or date.today()
    listor = selectors.vallistor()
    befintliga = selectors.befintliga_rader(forbund, idag)
    wb = ny_arbetsbok()
    hjalp = wb.active
    hjalp.title = bladnamn(k.HJALP)
    _skriv_hjalp(hjalp, forbund, listor)
    for blad in k.BLAD:
        ws = wb.create_sheet(bladnamn(blad.namn, wb.sheetnames))
        kravda = ", ".join(kol.rubrik for kol in blad.kolumner if kol.kravs)
        header = skriv_tabell(
            ws,
            rubrik=f"{blad.namn} – {forbund.namn}",
            undertitel=f"{blad.beskrivning} " + _("Måste fyllas i: %(kol)s.") % {"kol": kravda},
            kolumner=[
                Kolumn(kol.rubrik, typ=_EXCELTYP[kol.typ], bredd=kol.bredd) for kol in blad.kolumner
            ],
            rader=[Rad(list(r)) for r in befintliga[blad.namn]],
        )
        assert header == RUBRIKRAD
        _listval(ws, blad, listor)
    info = wb.create_sheet(bladnamn(k.INFO, wb.sheetnames))
    skriv_tabell(
        info,
        rubrik=k.INFO,
        undertitel=_("Ändra inte det här bladet: det visar vilket förbund arbetsboken hör till."),
        kolumner=[Kolumn(k.UPPGIFT, typ="text", bredd=20), Kolumn(k.VARDE, typ="text", bredd=50)],
        rader=[
            Rad([k.NYCKEL_FORBUND, forbund.slug]),
            Rad([_("Förbundets namn"), forbund.namn]),
            Rad([_("Skapad"), idag.isoformat()]),
        ],
    )
    return wb, f"uppstart-{forbund.slug}-{idag.isoformat()}.xlsx"


def _skriv_hjalp(ws, forbund, listor):
    rader = [
        Rad([_("Så fyller du i arbetsboken")], fet=True),
        Rad(
            [
                _(
                    "Fyll i bladen i ordning från vänster. Varje rad är en sak (en medlem, en "
                    "insats, en budgetrad …). Rader som redan finns i FINSAM känns igen på "
                    "namnet (insatser på kortnamnet) och ändras; nya rader skapas. Det som inte "
                    "står i arbetsboken lämnas som det är: arbetsboken tar aldrig bort en rad "
                    "(ett tomt belopp tar bort beloppet på den raden)."
                )
            ]
        ),
        Rad(
            [
                _(
                    "Ladda upp arbetsboken under Förbundet → Uppstart från arbetsbok. Du ser "
                    "allt som skapas och ändras innan något sparas, och ingenting sparas om "
                    "någon rad har fel."
                )
            ]
        ),
        Rad([_("Skriv värden, inte formler. Belopp i hela kronor.")]),
        Rad([""]),
    ]
    for blad in k.BLAD:
        rader.append(Rad([blad.namn, "", blad.beskrivning], fet=True))
        for kol in blad.kolumner:
            hjalp = kol.hjalp
            if kol.typ == k.VAL:
                hjalp += " " + _("Val: %(val)s.") % {
                    "val": ", ".join(label for _v, label in listor[kol.lista])
                }
            rader.append(Rad(["", kol.rubrik, hjalp, _("Ja") if kol.kravs else ""]))
        rader.append(Rad([""]))
    skriv_tabell(
        ws,
        rubrik=_("Uppstart av %(namn)s") % {"namn": forbund.namn},
        undertitel=_("Arbetsboken fyller förbundet med medlemmar, insatser och budget."),
        kolumner=[
            Kolumn(_("Blad"), typ="text", bredd=18),
            Kolumn(_("Kolumn"), typ="text", bredd=28),
            Kolumn(_("Förklaring"), typ="text", bredd=90),
            Kolumn(_("Måste fyllas i"), typ="text", bredd=14),
        ],
        rader=rader,
    )


def _listval(ws, blad: k.Blad, listor):
    """Lists to choose from: the choices of a VAL column, and for a reference the first
    column of the sheet it names. Excel still accepts a blank cell."""
    forsta, sista = RUBRIKRAD + 1, RUBRIKRAD + VALIDERADE_RADER
    for i, kol in enumerate(blad.kolumner, start=1):
        if kol.typ == k.VAL:
            formel = '"' + ",".join(label for _v, label in listor[kol.lista]) + '"'
        elif kol.referens:
            formel = f"'{kol.referens}'!$A${forsta}:$A${sista}"
        else:
            continue
        dv = DataValidation(type="list", formula1=formel, allow_blank=True)
        dv.error = _("Välj ett värde ur listan.")
        dv.errorTitle = kol.rubrik
        dv.showErrorMessage = kol.typ == k.VAL
        bokstav = get_column_letter(i)
        dv.add(f"{bokstav}{forsta}:{bokstav}{sista}")
        ws.add_data_validation(dv)
