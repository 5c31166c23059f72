"""Excel export of the members' driftbidrag for a year, like the årsredovisning's Not 2
(through finsam.excel only)."""

from datetime import date

from django.utils.translation import gettext as _

from budget.medel.selectors import medelsida
from budget.models import Medelstilldelning
from finsam.excel import Kolumn, Rad, Tabell, arbetsbok
from finsam.models import Forbund


def export_medlemsbidrag(
    forbund: Forbund, *, ar: int | None = None, per: date | None = None, period=None
):
    """(Workbook, filename) of the year's driftbidrag per member (`ar`, else the year of
    `per`, else the latest stored year). Amounts are numbers in kronor; the sum row is bold;
    the kommuner's key value and share of the kommuner's part are shown beside them."""
    if ar is None and per is not None:
        ar = per.year
    qs = Medelstilldelning.objects.filter(forbund=forbund)
    mt = qs.filter(ar=ar).first() if ar else qs.order_by("-ar").first()
    if mt is None:
        tabell = Tabell(
            rubrik=_("Driftbidrag %(ar)s") % {"ar": ar or ""},
            undertitel=_("Det finns ingen medelstilldelning för %(ar)s.") % {"ar": ar or "–"},
            kolumner=[Kolumn(_("Intäkt"), typ="text", bredd=44)],
        )
        return arbetsbok([tabell]), f"medlemsbidrag-{ar or 'saknas'}.xlsx"

    sida = medelsida(mt)
    egen = mt.nyckel == Medelstilldelning.Nyckel.EGEN
    kolumner = [Kolumn(_("Intäkt"), typ="text", bredd=44), Kolumn(str(mt.ar))]
    if sida.foregaende_fordelning:
        kolumner.append(Kolumn(str(mt.ar - 1)))
    kolumner += [
        Kolumn(sida.nyckelnamn, typ="decimal" if egen else "heltal", bredd=18),
        Kolumn(_("Andel av kommunernas del"), typ="procent", bredd=16),
    ]
    rader = []
    for r in sida.rader:
        varden = [r.del_.etikett, r.del_.belopp]
        if sida.foregaende_fordelning:
            varden.append(r.foregaende)
        nyckel = r.del_.nyckel
        varden += [
            float(nyckel) if egen and nyckel is not None else nyckel,
            float(r.del_.andel) if r.del_.andel is not None else None,
        ]
        rader.append(Rad(varden))
    if sida.fordelning:
        summa = [_("Summa"), sida.fordelning.total]
        if sida.foregaende_fordelning:
            summa.append(sida.foregaende_fordelning.total)
        rader.append(Rad(summa, fet=True))
    undertitel = _(
        "%(forbund)s. Staten %(staten)s %%, regionen %(region)s %%, kommunerna %(kommuner)s %% "
        "fördelat efter %(nyckel)s."
    ) % {
        "forbund": forbund.namn,
        "staten": "50",
        "region": _procent(mt.region_procent),
        "kommuner": _procent(mt.kommuner_procent),
        "nyckel": sida.nyckelnamn.lower(),
    }
    if sida.fel:
        undertitel += " " + " ".join(sida.fel)
    tabell = Tabell(
        rubrik=_("Driftbidrag %(ar)s") % {"ar": mt.ar},
        undertitel=undertitel,
        kolumner=kolumner,
        rader=rader,
    )
    return arbetsbok([tabell]), f"medlemsbidrag-{mt.ar}.xlsx"


def _procent(value) -> str:
    return format(value.normalize(), "f").replace(".", ",")
