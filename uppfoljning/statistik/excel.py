"""Excel export of the participant statistics: one sheet per table.

    wb, filename = export_deltagare(forbund, ar=2025, period="helar")             # protected
    wb, filename = export_deltagare(forbund, ar=2025, period="helar", exact=True)  # kansli

The PROTECTED variant is the default (the command `export_xlsx deltagare` writes it):
small counts (1 … threshold − 1) and the cells that would reveal them are written as
the text "<3"; everything else is a numeric cell. The exact variant (kansli's download)
writes every count as a number. Each sheet says which variant it is.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from finsam.excel import Kolumn, Rad, Tabell, arbetsbok
from uppfoljning.models import Rapportperiod
from uppfoljning.statistik import selectors as statistik
from uppfoljning.statistik.smatal import CountTable


def _note(stat, exact: bool) -> str:
    base = _("Från godkända rapporter (%(godkanda)s godkända, %(ej)s ej godkända ännu).") % {
        "godkanda": stat.antal_godkanda,
        "ej": stat.antal_ej_godkanda,
    }
    if exact:
        return base + " " + _("EXAKTA TAL – endast för kansliet, får inte spridas.")
    return (
        base
        + " "
        + _("Skyddad: små tal (1–%(max)s) visas som %(t)s, tal som skulle avslöja dem som ”..”.")
        % {"max": stat.threshold - 1, "t": f"<{stat.threshold}"}
    )


def _count_sheet(
    title: str, table: CountTable, note: str, first: str, blad: str = "", bladslut: str = ""
) -> Tabell:
    kolumner = [Kolumn(first, typ="text", bredd=44)] + [
        Kolumn(h, typ="heltal", bredd=14) for h in table.header
    ]
    rader = [
        Rad([row["label"]] + [cell["value"] for cell in row["cells"]], fet=row["total"])
        for row in table.rows
    ]
    return Tabell(title, kolumner, rader, undertitel=note, blad=blad, bladslut=bladslut)


def _share_sheet(title: str, rows, note: str) -> Tabell:
    kolumner = [Kolumn(_("Andel"), typ="text", bredd=52)] + [
        Kolumn(h, typ="procent", bredd=14) for h in [*statistik.kon_labels(), _("Totalt")]
    ]
    rader = [Rad([r.label] + [None if v is None else float(v) for v in r.values]) for r in rows]
    return Tabell(title, kolumner, rader, undertitel=note)


def _average_sheet(title: str, rows, note: str) -> Tabell:
    kolumner = [Kolumn(_("Insats"), typ="text", bredd=44)] + [
        Kolumn(h, typ="decimal", bredd=14) for h in [*statistik.kon_labels(), _("Totalt")]
    ]
    rader = [
        Rad([r.label] + [None if v is None else float(v) for v in r.values], fet=i == len(rows) - 1)
        for i, r in enumerate(rows)
    ]
    return Tabell(title, kolumner, rader, undertitel=note)


def export_deltagare(forbund, *, ar=None, per=None, period=None, exact: bool = False):
    """The statistics of one period as a workbook. `period` is "h1" or "helar" (default)."""
    typ = period or Rapportperiod.Typ.HELAR
    p = Rapportperiod.objects.filter(forbund=forbund, ar=ar, typ=typ).first()
    if p is None:
        raise CommandError(
            _("Det finns ingen rapportperiod %(typ)s %(ar)s.") % {"typ": typ, "ar": ar}
        )
    stat = statistik.period_statistik(forbund, p, protected=not exact)
    note = _note(stat, exact)
    insats = _("Insats")
    sheets = [
        _count_sheet(_("Totalt %(p)s") % {"p": p.kod}, stat.totals, note, _("Mått")),
        _share_sheet(_("Andelar"), stat.shares, note),
        _average_sheet(
            _("Tid i insatsen (månader)"), [*stat.manader_per_insats, stat.manader], note
        ),
        _count_sheet(_("Deltagare per insats"), stat.per_insats["deltagare"], note, insats),
        _count_sheet(_("Nya per insats"), stat.per_insats["nya"], note, insats),
        _count_sheet(_("Avslutade per insats"), stat.per_insats["avslutade"], note, insats),
        _count_sheet(
            _("Långvarigt stöd per insats"), stat.per_insats["langvarigt-stod"], note, insats
        ),
        _count_sheet(_("Avslutsorsak per kön"), stat.groups["avslutsorsak"], note, _("Orsak")),
        _count_sheet(_("Försörjning per kön"), stat.groups["forsorjning"], note, _("Försörjning")),
        _count_sheet(_("Ålder per kön"), stat.groups["alder"], note, _("Ålder")),
        _count_sheet(_("Utbildning"), stat.groups["utbildning"], note, _("Högsta utbildning")),
        _count_sheet(_("Remittent"), stat.groups["remittent"], note, _("Remitterad av")),
    ]
    for r in stat.rmgt:
        # The sheet name keeps its ending when a long insats slug is cut to 31 characters.
        slug = r.insats.slug
        sheets.append(
            Tabell(
                f"{slug} " + _("nyckeltal"),
                [Kolumn(_("Mått"), typ="text", bredd=44), Kolumn(_("Antal"), typ="heltal")],
                [
                    Rad([stat.label("rmgt-konsultationer"), r.konsultationer]),
                    Rad([stat.label("rmgt-handlaggare"), r.handlaggare]),
                ],
                undertitel=note,
                blad=slug,
                bladslut=" " + _("nyckeltal"),
            )
        )
        sheets.append(
            _count_sheet(
                f"{slug} " + _("individer"),
                r.individer,
                note,
                "",
                blad=slug,
                bladslut=" " + _("individer"),
            )
        )
        if r.enkat:
            sheets.append(
                _count_sheet(
                    f"{slug} " + _("enkät"),
                    r.enkat,
                    note,
                    _("Fråga"),
                    blad=slug,
                    bladslut=" " + _("enkät"),
                )
            )
    variant = "exakt" if exact else "skyddad"
    return arbetsbok(sheets), f"deltagarstatistik-{p.ar}-{p.typ}-{variant}.xlsx"
