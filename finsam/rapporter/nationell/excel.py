"""The Uppföljning Finsam sheet as an Excel file, through finsam.excel only: one sheet for
the förbund's fields (a row per field), one for the insatser (a row per insats and part, a
cell per field in the order the national system asks) and one for the checks. Amounts are
exact kronor as numbers (the page shows kronor, not tkr); text is never a formula."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from finsam import excel
from finsam.excel import Kolumn, Rad, Tabell
from finsam.rapporter.nationell.selectors import Uppfoljningsblad


def _kontrolltext(kontroller) -> str:
    return " ".join(k.meddelande for k in kontroller if not k.ok)


def _forbund(blad: Uppfoljningsblad) -> Tabell:
    return Tabell(
        rubrik=_("Förbundet %(ar)s") % {"ar": blad.ar},
        undertitel=_("Uppföljning Finsam: %(forbund)s, %(ar)s. Belopp i kronor.")
        % {"forbund": blad.forbund.namn, "ar": blad.ar},
        kolumner=[
            Kolumn(_("Nr"), typ="text", bredd=6),
            Kolumn(_("Uppgift"), typ="text", bredd=40),
            Kolumn(_("Värde"), bredd=16),
            Kolumn(_("Källa"), typ="text", bredd=60),
            Kolumn(_("Avvikelse"), typ="text", bredd=60),
        ],
        rader=[
            Rad([f.nr, f.etikett, f.varde, f.kalla, _kontrolltext(f.kontroller)])
            for f in blad.forbundsfalt
        ],
    )


def _insatser(blad: Uppfoljningsblad) -> Tabell:
    kon = blad.kon_etiketter
    rader = []
    for r in blad.insatsrader:
        if r.ar_individ:
            deltagare = [blad.deltagare_visat(r, c) if r.deltagare is not None else None
                         for c in range(4)]  # fmt: skip
            struktur = [None, None]
        else:
            deltagare = [None] * 4
            struktur = [r.strukturdeltagare, r.aktiviteter or None]
        rader.append(
            Rad(
                [
                    r.nr,
                    r.namn,
                    r.inriktning,
                    r.preciserad_inriktning,
                    r.malgrupp,
                    _("Ja") if r.esf else _("Nej"),
                    r.budget,
                    r.utfall,
                    r.budgeterade_deltagare,
                    *deltagare,
                    *struktur,
                    _kontrolltext(r.kontroller),
                ]
            )
        )
    return Tabell(
        rubrik=_("Insatser %(ar)s") % {"ar": blad.ar},
        undertitel=_(
            "En rad per insats som Uppföljning Finsam registrerar den; en insats med både "
            "individinriktad och strukturövergripande del är två rader. Belopp i kronor."
        ),
        kolumner=[
            Kolumn(_("Nr"), typ="text", bredd=6),
            Kolumn(_("Insatsens namn"), typ="text", bredd=44),
            Kolumn(_("Inriktning"), typ="text", bredd=20),
            Kolumn(_("Preciserad inriktning"), typ="text", bredd=30),
            Kolumn(_("Målgrupp"), typ="text", bredd=30),
            Kolumn(_("ESF-finansiering"), typ="text", bredd=10),
            Kolumn(_("Budget (kr)")),
            Kolumn(_("Utfall (kr)")),
            Kolumn(_("Budgeterat antal deltagare"), typ="heltal", bredd=12),
            *[
                Kolumn(_("Deltagare: %(kon)s") % {"kon": k.lower()}, typ="heltal", bredd=12)
                for k in kon
            ],  # fmt: skip
            Kolumn(_("Deltagare totalt"), typ="heltal", bredd=12),
            Kolumn(_("Deltagare i strukturövergripande aktiviteter"), typ="heltal", bredd=14),
            Kolumn(_("Antal aktiviteter"), typ="heltal", bredd=12),
            Kolumn(_("Avvikelse"), typ="text", bredd=60),
        ],
        rader=rader,
    )


def _kontroller(blad: Uppfoljningsblad) -> Tabell:
    rader = []
    for f in blad.forbundsfalt:
        rader += [Rad([f.etikett, k.rubrik, "ok" if k.ok else _("avviker"), k.skillnad,
                       k.meddelande]) for k in f.kontroller]  # fmt: skip
    for k in blad.kontroller:
        rader.append(Rad([_("Bladet"), k.rubrik, "ok" if k.ok else _("avviker"), k.skillnad,
                          k.meddelande]))  # fmt: skip
    for r in blad.insatsrader:
        rader += [Rad([r.namn, k.rubrik, "ok" if k.ok else _("avviker"), k.skillnad,
                       k.meddelande]) for k in r.kontroller]  # fmt: skip
    return Tabell(
        rubrik=_("Kontroller %(ar)s") % {"ar": blad.ar},
        undertitel=_("Bladets uppgifter mot bokslutet och de godkända rapporterna."),
        kolumner=[
            Kolumn(_("Gäller"), typ="text", bredd=40),
            Kolumn(_("Kontroll"), typ="text", bredd=40),
            Kolumn(_("Resultat"), typ="text", bredd=10),
            Kolumn(_("Skillnad"), bredd=14),
            Kolumn(_("Förklaring"), typ="text", bredd=90),
        ],
        rader=rader,
    )


def arbetsbok(blad: Uppfoljningsblad) -> Workbook:
    return excel.arbetsbok([_forbund(blad), _insatser(blad), _kontroller(blad)])
