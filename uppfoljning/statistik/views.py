"""The participant statistics: kansli, styrelse and revisor read; the styrgrupp does not.

Styrelse and revisor always see the protected figures (small counts as "<3"); kansli
sees exact figures, and with ?visa=styrelse the page as the styrelse sees it.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from finsam import access, dataversion, permissions
from finsam.charts import BarChart, Series, TrendChart
from finsam.excel import xlsx_response
from uppfoljning.models import Deltagarrapport, Rapportperiod
from uppfoljning.statistik import selectors as stats
from uppfoljning.statistik.excel import export_deltagare
from uppfoljning.statistik.smatal import small_label

VISA_STYRELSE = "styrelse"


def _period(request, ar: int, typ: str) -> Rapportperiod:
    if typ not in Rapportperiod.Typ.values:
        raise Http404
    return access.get_for_forbund(Rapportperiod.objects.all(), request.user, ar=ar, typ=typ)


def _protected(request) -> bool:
    """Exact figures only for the kansli, unless it asks to see the styrelse's view."""
    if not permissions.is_kansli(request.user):
        return True
    return request.GET.get("visa") == VISA_STYRELSE


def period_label(period: Rapportperiod) -> str:
    return (_("Jan–jun %(ar)s") if period.typ == Rapportperiod.Typ.H1 else _("Helår %(ar)s")) % {
        "ar": period.ar
    }


def _trend_not(trend) -> str:
    """What the trend chart leaves out, in a sentence each; empty when nothing is."""
    if trend is None:
        return ""
    delar = []
    if trend.annan_typ:
        delar.append(
            _("%(perioder)s visas inte i diagrammet: halvår och helår jämförs inte på samma linje.")
            % {"perioder": ", ".join(period_label(p) for p in trend.annan_typ)}
        )
    if trend.pagar:
        delar.append(
            _(
                "%(perioder)s visas inte i diagrammet: perioden pågår eller har rapporter "
                "som ännu inte är godkända."
            )
            % {"perioder": ", ".join(period_label(p) for p in trend.pagar)}
        )
    return " ".join(delar)


@require_GET
@login_required
def statistik(request):
    """The latest period whose reports are all approved; else the latest with any approved
    report; else the latest period at all."""
    forbund = access.require_read(request.user)
    alla = stats.perioder(forbund)
    if alla:
        statusar: dict[int, set[str]] = {}
        for period_id, status in Deltagarrapport.objects.filter(
            period__forbund=forbund
        ).values_list("period_id", "status"):
            statusar.setdefault(period_id, set()).add(status)
        godkand = Deltagarrapport.Status.GODKAND
        latest = (
            next((p for p in reversed(alla) if statusar.get(p.pk) == {godkand}), None)
            or next((p for p in reversed(alla) if godkand in statusar.get(p.pk, ())), None)
            or alla[-1]
        )
        return redirect("uppfoljning:statistik-period", ar=latest.ar, typ=latest.typ)
    return render(request, "uppfoljning/statistik/period.html", {"stat": None, "perioder": []})


def _charts(stat) -> dict:
    if not stat.har_data:
        return {}
    kon = stats.kon_labels()
    hidden = small_label(stat.threshold)

    def series_of(table, rows):
        return [
            Series(
                kon[c],
                [table.shown(r, c) for r in rows],
            )
            for c in range(3)
        ]

    orsak = stat.groups["avslutsorsak"]
    deltagare = stat.per_insats["deltagare"]
    charts = {
        "avslutsorsak": BarChart(
            title=_("Avslutsorsak per kön"),
            categories=orsak.row_labels,
            series=series_of(orsak, range(orsak.n_rows)),
            hidden_label=hidden,
        ),
        "deltagare": BarChart(
            title=_("Deltagare per insats och kön"),
            categories=deltagare.row_labels,
            series=series_of(deltagare, range(deltagare.n_rows)),
            hidden_label=hidden,
        ),
    }
    punkter = stat.trend.punkter if stat.trend else []
    if punkter:
        charts["trend"] = TrendChart(
            title=(
                _("Deltagare och avslutade per halvår (jan–jun)")
                if stat.trend.typ == Rapportperiod.Typ.H1
                else _("Deltagare och avslutade per helår")
            ),
            labels=[period_label(p.period) for p in punkter],
            series=[
                Series(
                    _("Deltagare"),
                    [None if p.deltagare_hidden else p.deltagare for p in punkter],
                ),
                Series(
                    _("Avslutade"),
                    [None if p.avslutade_hidden else p.avslutade for p in punkter],
                ),
            ],
            hidden_label=hidden,
        )
    return charts


def _berakna(forbund, period, protected: bool, alla):
    """(statistics, charts, trend note, pre-upper-secondary share) of one period: they
    depend on the förbund, the period and the protection only, never on the user, so they
    are kept under the data's token (finsam/dataversion.py) until anything is written.
    The charts as their SVG markup (`svg()`, the markup of the chart includes written in
    Python): a bar per insats and kön through the template engine was most of the page's
    time."""
    stat = stats.period_statistik(forbund, period, protected=protected, alla_perioder=alla)
    trend_not = _trend_not(stat.trend) if stat.har_data else ""
    charts = {namn: chart.svg() for namn, chart in _charts(stat).items()}
    forgymnasial = stat.utbildning_share()
    return stat.utan_radata(), charts, trend_not, forgymnasial


def _navigering(alla, visa_styrelse: bool) -> list[tuple]:
    """(period, name, link) of every period, newest first: the links from one reverse()."""
    mall = reverse("uppfoljning:statistik-period", args=[987654321, "ARTYP"])
    fraga = f"?visa={VISA_STYRELSE}" if visa_styrelse else ""
    return [
        (p, period_label(p), mall.replace("987654321", str(p.ar)).replace("ARTYP", p.typ) + fraga)
        for p in reversed(alla)
    ]


@require_GET
@login_required
def statistik_period(request, ar: int, typ: str):
    forbund = access.require_read(request.user)
    alla = stats.perioder(forbund)
    # The page's period is one of the förbund's (read once, for the navigation too).
    period = next((p for p in alla if p.ar == ar and p.typ == typ), None)
    if period is None:
        raise Http404
    protected = _protected(request)
    stat, charts, trend_not, forgymnasial = dataversion.hamta(
        ("statistik", forbund.pk, period.pk, protected),
        lambda: _berakna(forbund, period, protected, alla),
        token=dataversion.aktuell(),
    )
    return render(
        request,
        "uppfoljning/statistik/period.html",
        {
            "stat": stat,
            "period": period,
            "period_namn": period_label(period),
            "perioder": _navigering(alla, request.GET.get("visa") == VISA_STYRELSE),
            "ar_kansli": permissions.is_kansli(request.user),
            "protected": protected,
            "visa_styrelse": request.GET.get("visa") == VISA_STYRELSE,
            "charts": charts,
            "trend_not": trend_not,
            "smatal": small_label(forbund.smatal_grans),
            "grans_minus_1": forbund.smatal_grans - 1,
            "forgymnasial": forgymnasial,
        },
    )


@require_GET
@login_required
def statistik_excel(request, ar: int, typ: str):
    forbund = access.require_read(request.user)
    period = _period(request, ar, typ)
    wb, filename = export_deltagare(
        forbund, ar=period.ar, period=period.typ, exact=not _protected(request)
    )
    return xlsx_response(wb, filename)
