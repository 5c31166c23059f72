"""Views of the rapport area: periods (kansli), the report form (styrgrupp, kansli) and the
workflow. Each view: reach the object through `uppfoljning.deltagarrapport.access`,
validate a form, call a service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from finsam import access as finsam_access
from finsam import permissions
from finsam.concurrency import ConflictError
from insatser.models import Insats
from uppfoljning.deltagarrapport import access, regler, selectors, services
from uppfoljning.deltagarrapport.filters import (
    PeriodFilter,
    PeriodRapportFilter,
    RapportFilter,
    period_sortering,
    rapport_sortering,
)
from uppfoljning.deltagarrapport.forms import (
    SKICKA,
    EnkatsvarFormSet,
    KommentarForm,
    PeriodForm,
    RapportForm,
    enkat_rows,
)
from uppfoljning.deltagarrapport.permissions import can_edit_rapport, can_review_rapport
from uppfoljning.models import Deltagarrapport, Matt, Rapportperiod


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _rapport_url(rapport):
    return reverse("uppfoljning:rapport-detail", args=[rapport.pk])


def _error_text(e: ValidationError) -> str:
    return " ".join(e.messages)


@require_GET
@login_required
def index(request):
    forbund = finsam_access.forbund_for_user(request.user)
    if permissions.can_read_forbund(request.user, forbund):
        return redirect("uppfoljning:period-list")
    return redirect("uppfoljning:rapport-mina")


# --- periods (kansli, styrelse, revisor) -----------------------------------------------


@require_GET
@login_required
def period_list(request):
    forbund = finsam_access.require_read(request.user)
    perioder = selectors.period_list(forbund)
    filter = PeriodFilter(request.GET, queryset=perioder, forbund=forbund)
    sortering = period_sortering(request.GET)
    context = {
        "filter": filter,
        "sortering": sortering,
        "perioder": list(sortering.ordna(filter.qs)),
    }
    return render(request, "uppfoljning/deltagarrapport/period_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def period_create(request):
    forbund = finsam_access.require_edit(request.user)
    today = timezone.localdate()
    ar = today.year if today.month > 6 else today.year - 1
    initial = {
        "ar": ar,
        "typ": Rapportperiod.Typ.H1 if today.month > 6 else Rapportperiod.Typ.HELAR,
        "insatser": list(selectors.default_insatser(forbund, ar).values_list("pk", flat=True)),
    }
    form = PeriodForm(request.POST or None, initial=initial, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        period = services.period_open(
            forbund=forbund,
            ar=form.cleaned_data["ar"],
            typ=form.cleaned_data["typ"],
            sista_dag=form.cleaned_data["sista_dag"],
            insatser=form.cleaned_data["insatser"],
            anvandare=request.user,
            base_url=_base_url(request),
        )
        messages.success(
            request,
            _("Perioden %(period)s är öppnad och styrgrupperna har fått e-post.")
            % {"period": period},
        )
        return redirect("uppfoljning:period-detail", pk=period.pk)
    return render(request, "uppfoljning/deltagarrapport/period_form.html", {"form": form})


@require_GET
@login_required
def period_detail(request, pk):
    period = access.get_period_for_read(request.user, pk)
    filter = PeriodRapportFilter(
        request.GET, queryset=period.rapporter.all(), forbund=period.forbund
    )
    sortering = rapport_sortering(request.GET, standard="period")
    rader = selectors.period_overview(period, rapporter=sortering.ordna(filter.qs))
    _med_lankar_rader(rader)
    context = {
        "period": period,
        "rader": rader,
        "filter": filter,
        "sortering": sortering,
        "ar_kansli": permissions.can_edit_forbund(request.user, period.forbund),
        # Every report still open, whatever the filter shows (counted only if it hides some).
        "att_paminna": (
            period.rapporter.filter(status__in=Deltagarrapport.REDIGERBARA).count()
            if filter.aktiv
            else sum(1 for r in rader if r.rapport.redigerbar)
        ),
    }
    return render(request, "uppfoljning/deltagarrapport/period_detail.html", context)


def _detalj_url():
    """A function from a report's pk to its detail link, from one reverse(): the route has
    the pk as its only part."""
    platshallare = "987654321"
    detalj = reverse("uppfoljning:rapport-detail", args=[int(platshallare)])
    return lambda pk: detalj.replace(platshallare, str(pk))


def _med_lankar_rader(rader) -> None:
    """The overview's rows with their report's link and status label made here, not by a
    `{% url %}` and `get_status_display` per row in the template."""
    statustexter = {v: str(t) for v, t in Deltagarrapport.Status.choices}
    detalj = _detalj_url()
    for rad in rader:
        rad.detalj_url = detalj(rad.rapport.pk)
        rad.status_text = statustexter.get(rad.rapport.status, rad.rapport.status)


@require_POST
@login_required
def period_remind(request, pk):
    period = access.get_period_for_edit(request.user, pk)
    antal = services.period_remind(
        period=period, base_url=_base_url(request), anvandare=request.user
    )
    messages.success(request, _("Påminnelse skickad (%(antal)s e-brev).") % {"antal": antal})
    return redirect("uppfoljning:period-detail", pk=period.pk)


# --- reports ---------------------------------------------------------------------------


#: Reports per page of "Mina rapporter" (a förbund at national scale has hundreds).
RAPPORTER_PER_SIDA = 50


@require_GET
@login_required
def rapport_mina(request):
    """The user's reports (kansli: every report of the förbund), newest period first,
    filtered, sorted and paged: only the page's rows are fetched and prepared."""
    rapporter = access.rapporter_for_user(request.user)
    filter = RapportFilter(
        request.GET, queryset=rapporter, forbund=finsam_access.forbund_for_user(request.user)
    )
    sortering = rapport_sortering(request.GET)
    sida = Paginator(
        sortering.ordna(filter.qs.select_related("period", "insats")), RAPPORTER_PER_SIDA
    ).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "filter": filter,
        "sortering": sortering,
        "sida": sida,
        "rapporter": _med_lankar(list(sida.object_list)),
        "filter_query": query.urlencode(),
    }
    return render(request, "uppfoljning/deltagarrapport/rapport_mina.html", context)


def _med_lankar(rapporter: list) -> list:
    """The reports with their period's name, status label and links made here: the list
    has every report of the förbund (hundreds at national scale), and the template's
    `{% url %}`, `__str__` and `get_status_display` per row were most of the page's time.
    A period's name and code are made once per period."""
    statustexter = {v: str(t) for v, t in Deltagarrapport.Status.choices}
    detalj = _detalj_url()
    perioder = {}
    for r in rapporter:
        if r.period_id not in perioder:
            perioder[r.period_id] = (str(r.period), r.period.periodkod)
        r.period_text, periodkod = perioder[r.period_id]
        r.status_text = statustexter.get(r.status, r.status)
        r.detalj_url = detalj(r.pk)
        r.pdf_url = reverse("finsam:insatsrapport-pdf", args=[r.insats.slug, periodkod])
    return rapporter


@require_GET
@login_required
def rapport_detail(request, pk):
    rapport = access.get_rapport_for_user(request.user, pk)
    context = {
        "rapport": rapport,
        "grupper": selectors.rapport_tabell(rapport),
        "enkatsvar": rapport.enkatsvar.all(),
        "tidslinje": selectors.tidslinje(rapport),
        "kan_andra": rapport.redigerbar and can_edit_rapport(request.user, rapport),
        "kan_granska": can_review_rapport(request.user, rapport),
        "kommentar_form": KommentarForm(),
        "ar_radgivande": rapport.insats.typ == Insats.Typ.RADGIVANDE_TEAM,
    }
    return render(request, "uppfoljning/deltagarrapport/rapport_detail.html", context)


def _form_grupper(form):
    """The form's fields grouped as the template draws them (measure groups, rows, cells).

    A group with parts that must add up to a total gets a sum row ("Summa av raderna"): a
    cell per column, each with the id the error summary links to and the sum errors of
    that column (`form.summafel`), which the form then lists as `ovriga_fel`."""
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["class"] = attrs.get("class", "") + " is-invalid"
    grupper = []
    for m in form.matt_list:
        if not grupper or grupper[-1]["namn"] != m.grupp:
            grupper.append({"namn": m.grupp, "per_kon": False, "rader": []})
        g = grupper[-1]
        g["per_kon"] = g["per_kon"] or m.per_kon
        fields = [form.field_for(k) for k in regler.keys_for(m)]
        g["rader"].append({"matt": m, "falt": fields, "summadel": False})
    i_rapporten = {m.pk for m in form.matt_list}
    summafel = getattr(form, "summafel", [])
    ovriga_fel = []
    for nr, g in enumerate(grupper, start=1):
        for rad in g["rader"]:
            m = rad["matt"]
            rad["summadel"] = m.regel == Matt.Regel.SUMMA and m.jamfor_med_id in i_rapporten
        g["summarad"] = None
        if not any(rad["summadel"] for rad in g["rader"]):
            continue
        i_gruppen = {rad["matt"].pk for rad in g["rader"]}
        celler = []
        for kon in [*regler.KON_ORDNING, ""] if g["per_kon"] else [""]:
            cell_id = f"summa-{nr}-{kon or 'totalt'}"
            fel = [f.meddelande for f in summafel if f.delar[-1] in i_gruppen and f.kon == kon]
            celler.append({"id": cell_id, "kon": kon, "fel": fel})
            ovriga_fel += [(cell_id, f) for f in fel]
        g["summarad"] = celler
    form.ovriga_fel = ovriga_fel
    return grupper


@require_http_methods(["GET", "POST"])
@login_required
def rapport_edit(request, pk):
    rapport = access.get_rapport_for_edit(request.user, pk)
    if not rapport.redigerbar:
        messages.error(
            request,
            _("Rapporten är %(status)s och kan inte ändras.")
            % {"status": rapport.get_status_display().lower()},
        )
        return redirect(_rapport_url(rapport))
    ar_radgivande = rapport.insats.typ == Insats.Typ.RADGIVANDE_TEAM
    matt_list = selectors.matt_for_insats(rapport.insats)
    data = request.POST if request.method == "POST" else None
    form = RapportForm(data, rapport=rapport, matt_list=matt_list)
    enkat = None
    if ar_radgivande:
        initial = [
            {"fraga": s.fraga, "ja_helt": s.ja_helt, "ja_delvis": s.ja_delvis, "nej": s.nej}
            for s in rapport.enkatsvar.all()
        ]
        enkat = EnkatsvarFormSet(data, initial=initial, prefix="enkat")
    if request.method == "POST":
        form_ok = form.is_valid()
        enkat_ok = enkat is None or enkat.is_valid()
        if form_ok and enkat_ok:
            try:
                with transaction.atomic():
                    services.rapport_save(
                        rapport=rapport,
                        anvandare=request.user,
                        expected_version=form.loaded_version,
                        varden=form.varden,
                        texter=form.texter,
                        enkatsvar=enkat_rows(enkat) if enkat is not None else None,
                    )
                    if form.action == SKICKA:
                        services.rapport_skicka_in(
                            rapport=rapport, anvandare=request.user, base_url=_base_url(request)
                        )
            except ConflictError as e:
                form.add_error(None, str(e))
            except ValidationError as e:
                form.add_error(None, _error_text(e))
            else:
                if form.action == SKICKA:
                    messages.success(request, _("Rapporten är inskickad. Tack!"))
                    return redirect(_rapport_url(rapport))
                messages.success(request, _("Utkastet är sparat."))
                return redirect("uppfoljning:rapport-edit", pk=rapport.pk)
    context = {
        "rapport": rapport,
        "form": form,
        "grupper": _form_grupper(form),
        "enkat": enkat,
        "tidslinje": selectors.tidslinje(rapport),
    }
    return render(request, "uppfoljning/deltagarrapport/rapport_form.html", context)


def _review(request, pk, *, service, needs_comment: bool, done: str, **extra):
    rapport = access.get_rapport_for_review(request.user, pk)
    form = KommentarForm(request.POST)
    kommentar = request.POST.get("kommentar", "")
    if needs_comment and not form.is_valid():
        messages.error(request, _error_text(ValidationError(form.errors["kommentar"])))
        return redirect(_rapport_url(rapport))
    try:
        service(rapport=rapport, anvandare=request.user, kommentar=kommentar, **extra)
    except ValidationError as e:
        messages.error(request, _error_text(e))
    else:
        messages.success(request, done)
    return redirect(_rapport_url(rapport))


@require_POST
@login_required
def rapport_godkann(request, pk):
    return _review(
        request,
        pk,
        service=services.rapport_godkann,
        needs_comment=False,
        done=_("Rapporten är godkänd."),
        base_url=_base_url(request),
    )


@require_POST
@login_required
def rapport_returnera(request, pk):
    return _review(
        request,
        pk,
        service=services.rapport_returnera,
        needs_comment=True,
        done=_("Rapporten är returnerad till styrgruppen."),
        base_url=_base_url(request),
    )


@require_POST
@login_required
def rapport_ateroppna(request, pk):
    return _review(
        request,
        pk,
        service=services.rapport_ateroppna,
        needs_comment=True,
        done=_("Rapporten är öppnad igen som utkast."),
    )
