"""Excel export of the insats-level financial follow-up (through finsam.excel only)."""

from datetime import date

from django.utils.translation import gettext as _

from finsam.excel import Kolumn, Rad, Tabell, arbetsbok
from finsam.models import Forbund
from insatser.ekonomi.selectors import Uppfoljningsrad, default_per, insatsuppfoljning
from insatser.models import Rekvisition


def _varden(r: Uppfoljningsrad) -> list:
    return [
        r.etikett,
        r.insatstid,
        r.beslutat_totalt,
        r.budget_ar,
        r.forvantat_ar,
        r.forvantat_totalt,
        r.utbetalt_ar,
        r.utbetalt_totalt,
        r.forbrukning_ar,
        r.forbrukning_totalt,
        r.differens_ar,
        r.differens_totalt,
        r.aterstar_ar,
    ]


def export_insatsuppfoljning(
    forbund: Forbund, *, ar: int | None = None, per: date | None = None, period=None
):
    """(Workbook, filename) of the follow-up per `per` (else the end of `ar`, else the
    default date of the förbund's payments). Amounts are numbers in kronor, shares are
    numbers with a percent format."""
    if per is None:
        per = (
            date(ar, 12, 31)
            if ar
            else default_per(Rekvisition.objects.filter(insats__forbund=forbund))
        )
    u = insatsuppfoljning(forbund, per=per)
    a = u.ar
    kolumner = [
        Kolumn(_("Insats"), typ="text", bredd=38),
        Kolumn(_("Insatstid"), typ="text", bredd=24),
        Kolumn(_("Beslutade medel totalt")),
        Kolumn(_("Budget %(ar)s") % {"ar": a}),
        Kolumn(_("Förväntat utbetalt %(ar)s") % {"ar": a}),
        Kolumn(_("Förväntat utbetalt totalt")),
        Kolumn(_("Utbetalt %(ar)s") % {"ar": a}),
        Kolumn(_("Utbetalt totalt")),
        Kolumn(_("Förbrukning %(ar)s") % {"ar": a}, typ="procent", bredd=13),
        Kolumn(_("Förbrukning av beslut"), typ="procent", bredd=13),
        Kolumn(_("Differens %(ar)s") % {"ar": a}),
        Kolumn(_("Differens totalt")),
        Kolumn(_("Återstår av budget %(ar)s") % {"ar": a}),
    ]
    rader = [Rad(_varden(r)) for r in u.rader]
    rader.append(Rad(_varden(u.summa), fet=True))
    tabell = Tabell(
        rubrik=_("Insatsuppföljning per %(per)s") % {"per": per.isoformat()},
        undertitel=_(
            "%(forbund)s. Förväntat utbetalt räknas med %(manader)s av 12 månader för en "
            "insats som pågår hela året, annars med de månader av insatsens tid i år som "
            "har gått."
        )
        % {"forbund": forbund.namn, "manader": u.manader},
        kolumner=kolumner,
        rader=rader,
    )
    return arbetsbok([tabell]), f"insatsuppfoljning-{per.isoformat()}.xlsx"
