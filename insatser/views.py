"""Views for insatser, their bemanning and beslut, and the målområden.

Every view: get the object through `insatser.access` (404 to outsiders and to a
styrgrupp user's other insatser, 403 to read-only users on writes), validate a form,
call a service, redirect.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access as finsam_access
from finsam import permissions
from finsam.excel import xlsx_response
from finsam.views_base import delete_page, form_page, sidinnehall
from insatser import access, selectors, services
from insatser.ekonomi.forms import per_from_query
from insatser.ekonomi.selectors import finansieringslista, insatsekonomi, rekvisitionslista
from insatser.excel import insatslista_arbetsbok
from insatser.filters import InsatsFilter, insats_sortering
from insatser.forms import BemanningForm, BeslutForm, InsatsForm, MalomradeForm
from insatser.models import Bemanning, Beslut, Insats, Malomrade

#: The insats page shows this many of its newest changes (the rest: the history page).
HISTORIK_PA_INSATSEN = 20


def _detail_url(insats):
    return reverse("insatser:detail", args=[insats.pk])


# --- insatser ----------------------------------------------------------------------------


def _insatslista(request, *, export: bool = False):
    """The user's insatser (a steering group: its own) filtered and sorted by the query
    string: (filter, sortering, insatser). The page needs målområde, ägare and kommuner;
    the export also the deltagande medlemmar."""
    forbund = finsam_access.forbund_for_user(request.user)
    filter = InsatsFilter(
        request.GET, queryset=access.insatser_for_user(request.user), forbund=forbund
    )
    sortering = insats_sortering(request.GET)
    qs = filter.qs.select_related("malomrade", "agare")
    if export:
        qs = qs.prefetch_related("kommuner", "deltagande_medlemmar")
    return filter, sortering, list(sortering.ordna(qs))


@require_GET
@login_required
def insats_list(request):
    innehall = sidinnehall(
        request, "insatser/_insats_list_innehall.html", lambda: _list_context(request)
    )
    return render(request, "insatser/insats_list.html", {"innehall": innehall})


def _list_context(request) -> dict:
    filter, sortering, insatser = _insatslista(request)
    selectors.for_listan(insatser)
    context = {"filter": filter, "sortering": sortering, "insatser": insatser}
    if not insatser:  # the empty state: none chosen, or none at all (say what to enter)
        context["har_insatser"] = Insats.objects.filter(
            forbund=finsam_access.forbund_for_user(request.user)
        ).exists()
    return context


@require_GET
@login_required
def insats_list_xlsx(request):
    """The list as on the page (filter and order) as an Excel file: kansli, styrelse and
    revisor of the förbund (a steering group gets 403)."""
    forbund = finsam_access.require_read(request.user)
    filter, _sortering, insatser = _insatslista(request, export=True)
    wb = insatslista_arbetsbok(forbund, insatser, filter.beskrivning())
    return xlsx_response(wb, f"insatser-{forbund.slug}-{date.today().isoformat()}.xlsx")


@require_GET
@login_required
def insats_detail(request, pk):
    """The insats with its bemanning, beslut, economy and history, in a fixed number of
    queries: its decisions and rekvisitioner are read once for their tables, the
    follow-up and the comparison with the budget (`insatsekonomi`)."""
    insats = access.get_insats_for_user(request.user, pk)
    innehall = sidinnehall(
        request, "insatser/_insats_detail_innehall.html", lambda: _detail_context(request, insats)
    )
    return render(request, "insatser/insats_detail.html", {"insats": insats, "innehall": innehall})


def _detail_context(request, insats) -> dict:
    kan_andra = permissions.can_edit_insats(request.user, insats)
    beslut = selectors.beslutstabell(insats)
    kommuner, deltagande = selectors.insatsens_medlemmar(insats)
    context = {
        "insats": insats,
        "kommuner": kommuner,
        "deltagande_medlemmar": deltagande,
        "bemanning": selectors.bemanningstabell(insats),
        "beslut": beslut,
        "kan_andra": kan_andra,
        "rapportperioder": selectors.insatsrapporter(insats),
    }
    if permissions.can_view_history(request.user, insats.forbund):
        # The newest changes only (one more read to know whether there are older ones):
        # rendering 50 rows was a third of the page's time at national scale.
        historik = selectors.insats_historik(insats, limit=HISTORIK_PA_INSATSEN + 1)
        context["historik"] = historik[:HISTORIK_PA_INSATSEN]
        context["historik_fler"] = len(historik) > HISTORIK_PA_INSATSEN
        context["historik_antal"] = HISTORIK_PA_INSATSEN
    context.update(_ekonomi_context(request, insats, beslut.rader))
    if kan_andra:
        selectors.med_lankar(insats, context)
    return context


def _ekonomi_context(request, insats, beslut):
    """The insats's rekvisitioner and its follow-up per ?per= (default: by its payments,
    see `default_per`)."""
    rekvisitioner = rekvisitionslista(insats)
    per, per_form = per_from_query(request.GET, rekvisitioner.rader)
    ekonomi = insatsekonomi(insats, per=per, beslut=beslut, rekvisitioner=rekvisitioner.rader)
    return {
        "beslut_mot_budget": ekonomi.beslut_mot_budget,
        "beslut_avviker": [r for r in ekonomi.beslut_mot_budget if r.avviker],
        "rekvisitioner": rekvisitioner,
        "externfinansiering": finansieringslista(insats),
        "uppfoljning": ekonomi.uppfoljning,
        "per_form": per_form,
    }


def _save_insats(form):
    return services.insats_save(
        insats=form.instance,
        expected_version=form.loaded_version,
        deltagande_medlemmar=form.cleaned_data["deltagande_medlemmar"],
        kommuner=form.cleaned_data["kommuner"],
        styrgrupp=form.cleaned_data["styrgrupp"],
    )


@require_http_methods(["GET", "POST"])
@login_required
def insats_create(request):
    forbund = finsam_access.require_edit(request.user)
    form = InsatsForm(request.POST or None, instance=Insats(forbund=forbund), forbund=forbund)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_insats,
        sparad=_("Insatsen är sparad."),
        rubrik=_("Ny insats"),
        done_url=_detail_url,
        avbryt_url=reverse("insatser:list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def insats_edit(request, pk):
    insats = access.get_insats_for_edit(request.user, pk)
    form = InsatsForm(request.POST or None, instance=insats, forbund=insats.forbund)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_insats,
        sparad=_("Insatsen är sparad."),
        rubrik=_("Ändra %(namn)s") % {"namn": insats.namn},
        done_url=_detail_url,
        avbryt_url=_detail_url(insats),
        insats=insats,
    )


# --- bemanning ---------------------------------------------------------------------------


def _save_bemanning(form):
    return services.bemanning_save(bemanning=form.instance, expected_version=form.loaded_version)


@require_http_methods(["GET", "POST"])
@login_required
def bemanning_create(request, pk):
    insats = access.get_insats_for_edit(request.user, pk)
    form = BemanningForm(request.POST or None, instance=Bemanning(insats=insats), insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_bemanning,
        sparad=_("Bemanningen är sparad."),
        rubrik=_("Ny bemanning i %(insats)s") % {"insats": insats.namn},
        done_url=_detail_url(insats),
        avbryt_url=_detail_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def bemanning_edit(request, pk):
    bemanning = access.get_bemanning_for_edit(request.user, pk)
    insats = bemanning.insats
    form = BemanningForm(request.POST or None, instance=bemanning, insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_bemanning,
        sparad=_("Bemanningen är sparad."),
        rubrik=_("Ändra bemanning i %(insats)s") % {"insats": insats.namn},
        done_url=_detail_url(insats),
        avbryt_url=_detail_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def bemanning_delete(request, pk):
    bemanning = access.get_bemanning_for_edit(request.user, pk)
    insats = bemanning.insats
    return delete_page(
        request,
        bemanning,
        delete=lambda version: services.bemanning_delete(
            bemanning=bemanning, expected_version=version
        ),
        borttagen=_("Bemanningsraden är borttagen."),
        done_url=_detail_url(insats),
        template="insatser/confirm_delete.html",
        ar_bemanning=True,
        insats=insats,
        avbryt_url=_detail_url(insats),
    )


# --- beslut ------------------------------------------------------------------------------


def _save_beslut(form):
    return services.beslut_save(
        beslut=form.instance, belopp_per_ar=form.belopp_per_ar, expected_version=form.loaded_version
    )


@require_http_methods(["GET", "POST"])
@login_required
def beslut_create(request, pk):
    insats = access.get_insats_for_edit(request.user, pk)
    form = BeslutForm(request.POST or None, instance=Beslut(insats=insats), insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_beslut,
        sparad=_("Beslutet är sparat."),
        rubrik=_("Nytt beslut om %(insats)s") % {"insats": insats.namn},
        done_url=_detail_url(insats),
        avbryt_url=_detail_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def beslut_edit(request, pk):
    beslut = access.get_beslut_for_edit(request.user, pk)
    insats = beslut.insats
    form = BeslutForm(request.POST or None, instance=beslut, insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_beslut,
        sparad=_("Beslutet är sparat."),
        rubrik=_("Ändra beslut om %(insats)s") % {"insats": insats.namn},
        done_url=_detail_url(insats),
        avbryt_url=_detail_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def beslut_delete(request, pk):
    beslut = access.get_beslut_for_edit(request.user, pk)
    insats = beslut.insats
    return delete_page(
        request,
        beslut,
        delete=lambda version: services.beslut_delete(beslut=beslut, expected_version=version),
        borttagen=_("Beslutet är borttaget."),
        done_url=_detail_url(insats),
        template="insatser/confirm_delete.html",
        ar_bemanning=False,
        insats=insats,
        avbryt_url=_detail_url(insats),
    )


# --- målområden --------------------------------------------------------------------------


def _save_malomrade(form):
    return services.malomrade_save(malomrade=form.instance, expected_version=form.loaded_version)


@require_GET
@login_required
def malomrade_list(request):
    forbund = finsam_access.require_read(request.user)
    malomraden = Malomrade.objects.filter(forbund=forbund).annotate(
        antal_insatser=Count("insatser")
    )
    return render(request, "insatser/malomrade_list.html", {"malomraden": malomraden})


@require_http_methods(["GET", "POST"])
@login_required
def malomrade_create(request):
    forbund = finsam_access.require_edit(request.user)
    form = MalomradeForm(request.POST or None, instance=Malomrade(forbund=forbund), forbund=forbund)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_malomrade,
        sparad=_("Målområdet är sparat."),
        rubrik=_("Nytt målområde"),
        malomrade_sida=True,
        done_url=reverse("insatser:malomrade-list"),
        avbryt_url=reverse("insatser:malomrade-list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def malomrade_edit(request, pk):
    malomrade = access.get_malomrade_for_edit(request.user, pk)
    form = MalomradeForm(request.POST or None, instance=malomrade, forbund=malomrade.forbund)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_malomrade,
        sparad=_("Målområdet är sparat."),
        rubrik=_("Ändra %(namn)s") % {"namn": malomrade.namn},
        malomrade_sida=True,
        done_url=reverse("insatser:malomrade-list"),
        avbryt_url=reverse("insatser:malomrade-list"),
    )
