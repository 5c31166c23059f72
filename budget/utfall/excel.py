"""Excel files of the utfall area: the delår table (kronor) and the driftredovisning (shown
in tkr, holding exact kronor) with the kostnadsfördelning. Written with `finsam.excel`; the
download views and `manage.py export_xlsx` call the same functions."""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from openpyxl import Workbook

from budget.models import Utfallsperiod
from budget.utfall import selectors
from finsam.excel import Kolumn, Rad, Tabell, arbetsbok


def _rader(tabell, kolumner, *, med_kommentar=False) -> list[Rad]:
    ut = []
    for r in tabell.rader:
        if r.typ == "rubrik":
            ut.append(Rad([r.etikett], fet=True, niva=r.niva))
            continue
        varden = [r.etikett, *(r.varden.get(k) for k in kolumner)]
        if med_kommentar:
            varden.append(r.kommentar)
        ut.append(Rad(varden, fet=r.typ == "summa", niva=r.niva))
    return ut


def export_delar(
    forbund, *, ar=None, per: date | None = None, period: Utfallsperiod | None = None
) -> tuple[Workbook, str]:
    """The delår table per `per` (or of `period`): årsbudget, utfall, prognos, avvikelse and
    comments, in kronor."""
    if period is None:
        period = forbund.utfallsperioder.filter(per=per).first() if per else None
        if period is None:
            raise CommandError(_("Det finns ingen utfallsperiod per %(per)s.") % {"per": per})
    delar = selectors.delarstabell(period)
    t = delar.tabell
    ar = period.per.year
    nycklar = ["budget", "utfall", "prognos", "avvikelse"]
    kolumner = [
        Kolumn(_("Rad"), typ="text", bredd=42),
        Kolumn(_("Årsbudget %(ar)s") % {"ar": ar}),
        Kolumn(_("Utfall %(per)s") % {"per": period.per.isoformat()}),
        Kolumn(_("Prognos %(ar)s") % {"ar": ar}),
        Kolumn(_("Avvikelse prognos från budget")),
        Kolumn(_("Kommentar"), typ="text", bredd=60),
    ]
    rader = _rader(t, nycklar, med_kommentar=True)
    rader.append(Rad([_("SUMMA"), *(t.summa[k] for k in nycklar)], fet=True))
    undertitel = (
        _("Belopp i kronor. Budget: %(version)s.") % {"version": delar.version}
        if delar.version
        else _("Belopp i kronor. Ingen beslutad budget vid datumet.")
    )
    wb = arbetsbok(
        [
            Tabell(
                _("Utfall per %(per)s och prognos %(ar)s")
                % {"per": period.per.isoformat(), "ar": ar},
                kolumner,
                rader,
                undertitel=undertitel,
            )
        ]
    )
    return wb, f"delar-{period.per.isoformat()}.xlsx"


def export_driftredovisning(
    forbund, *, ar: int | None = None, per=None, period=None
) -> tuple[Workbook, str]:
    """The driftredovisning of year `ar` shown in tkr, and the kostnadsfördelning. Every
    cell holds exact kronor; its number format shows thousands (Excel rounds each figure
    for display, and a total is the kronor summed, then rounded, as in the document)."""
    drift = selectors.driftredovisning(forbund, ar) if ar else None
    if drift is None:
        raise CommandError(_("Det finns inget bokslut per 31 december %(ar)s.") % {"ar": ar})
    t = drift.tabell
    nycklar = [
        "intakt",
        "kostnad",
        "netto",
        "budget",
        "avvikelse",
        "f_intakt",
        "f_kostnad",
        "f_netto",
    ]
    kolumner = [
        Kolumn(_("Belopp tkr"), typ="text", bredd=42),
        Kolumn(_("Utfall %(ar)s intäkt") % {"ar": ar}, typ="tkr", bredd=12),
        Kolumn(_("Utfall %(ar)s kostnad") % {"ar": ar}, typ="tkr", bredd=12),
        Kolumn(_("Utfall %(ar)s netto") % {"ar": ar}, typ="tkr", bredd=12),
        Kolumn(_("Budget %(ar)s netto") % {"ar": ar}, typ="tkr", bredd=12),
        Kolumn(_("Avvikelse utfall − budget"), typ="tkr", bredd=12),
        Kolumn(_("Utfall %(ar)s intäkt") % {"ar": ar - 1}, typ="tkr", bredd=12),
        Kolumn(_("Utfall %(ar)s kostnad") % {"ar": ar - 1}, typ="tkr", bredd=12),
        Kolumn(_("Utfall %(ar)s netto") % {"ar": ar - 1}, typ="tkr", bredd=12),
    ]
    rader = _rader(t, nycklar)
    rader.append(Rad([_("SUMMA"), *(t.summa[k] for k in nycklar)], fet=True))
    if drift.finansiella is not None:
        rader.append(
            Rad(
                [
                    _("Finansiella intäkter och kostnader"),
                    *(drift.finansiella.get(k) for k in nycklar),
                ]
            )
        )
        efter = drift.summa_efter_finansiella
        rader.append(
            Rad(
                [_("SUMMA efter finansiella poster"), *(efter.get(k) for k in nycklar)],
                fet=True,
            )
        )
    andelar = [
        Rad([a.etikett, a.andel_budget, a.andel_utfall, a.andel_foregaende])
        for a in drift.kostnadsfordelning
    ]
    wb = arbetsbok(
        [
            Tabell(
                _("Driftredovisning %(ar)s") % {"ar": ar},
                kolumner,
                rader,
                undertitel=_(
                    "Belopp visas i tkr; cellerna innehåller exakta kronor. Summorna "
                    "räknas på kronor och avrundas sedan."
                ),
            ),
            Tabell(
                _("Kostnadsfördelning %(ar)s") % {"ar": ar},
                [
                    Kolumn(_("Kategori"), typ="text", bredd=32),
                    Kolumn(_("Budget %(ar)s") % {"ar": ar}, typ="procent"),
                    Kolumn(_("Utfall %(ar)s") % {"ar": ar}, typ="procent"),
                    Kolumn(_("Utfall %(ar)s") % {"ar": ar - 1}, typ="procent"),
                ],
                andelar,
                undertitel=_("Andel av verksamhetens kostnader."),
            ),
        ]
    )
    return wb, f"driftredovisning-{ar}.xlsx"
