"""Views for the insats-level economy: rekvisitioner and the follow-up per insats.

Writes are for kansli only (403 for readers, 404 for outsiders); the förbund-wide
follow-up is for kansli, styrelse and revisor (403 for styrgrupp users, who see the
follow-up of their own insatser on the insats's page).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access as finsam_access
from finsam.excel import xlsx_response
from finsam.views_base import delete_page, form_page, sidinnehall
from insatser import access
from insatser.ekonomi import excel, services
from insatser.ekonomi.forms import ExternfinansieringForm, RekvisitionForm, per_from_query
from insatser.ekonomi.selectors import insatsuppfoljning
from insatser.filters import RekvisitionFilter, rekvisition_sortering
from insatser.models import Externfinansiering, Rekvisition
from insatser.selectors import url_mall


def get_rekvisition_for_edit(user, pk: int) -> Rekvisition:
    """403 for anyone but kansli (before any lookup), else 404 outside the förbund."""
    finsam_access.require_edit(user)
    return finsam_access.get_for_forbund(
        Rekvisition.objects.select_related("insats"), user, pk=pk, forbund_path="insats__forbund"
    )


def _save_rekvisition(form):
    return services.rekvisition_save(
        rekvisition=form.instance, expected_version=form.loaded_version
    )


def _rekvisitioner_url(insats):
    return reverse("insatser:detail", args=[insats.pk]) + "#rekvisitioner-rubrik"


#: Rows per page of the payments list (the förbund's payments of every year).
REKVISITIONER_PER_SIDA = 50


class _Sidor(Paginator):
    """A Paginator told the number of rows (counted with their sum in one query)."""

    def __init__(self, object_list, per_page, antal: int):
        super().__init__(object_list, per_page)
        self._antal = antal

    @cached_property
    def count(self) -> int:
        return self._antal


@require_GET
@login_required
def rekvisition_list(request):
    """Every payment to the förbund's insatser, searchable, filterable and sortable, with
    the sum of the selection: kansli, styrelse and revisor (403 for a steering group,
    which sees its insats's payments on the insats's page)."""
    forbund = finsam_access.require_read(request.user)
    innehall = sidinnehall(
        request,
        "insatser/ekonomi/_rekvisition_list_innehall.html",
        lambda: _rekvisition_list_context(request, forbund),
    )
    return render(request, "insatser/ekonomi/rekvisition_list.html", {"innehall": innehall})


def _rekvisition_list_context(request, forbund) -> dict:
    filter = RekvisitionFilter(
        request.GET,
        queryset=Rekvisition.objects.filter(insats__forbund=forbund),
        forbund=forbund,
    )
    sortering = rekvisition_sortering(request.GET)
    urval = filter.qs
    totalt = urval.aggregate(antal=Count("pk"), summa=Sum("belopp"))  # one query for both
    sida = _Sidor(
        sortering.ordna(urval.select_related("insats")), REKVISITIONER_PER_SIDA, totalt["antal"]
    ).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    rekvisitioner = list(sida.object_list)
    # One reverse() per kind of link, not per row.
    insats_url, andra_url = url_mall("insatser:detail"), url_mall("insatser:rekvisition-edit")
    for r in rekvisitioner:
        r.insats_url, r.andra_url = insats_url(r.insats_id), andra_url(r.pk)
    context = {
        "filter": filter,
        "sortering": sortering,
        "sida": sida,
        "rekvisitioner": rekvisitioner,
        "summa": totalt["summa"] or 0,
        "filter_query": query.urlencode(),
    }
    return context


@require_http_methods(["GET", "POST"])
@login_required
def rekvisition_create(request, pk):
    insats = access.get_insats_for_edit(request.user, pk)
    form = RekvisitionForm(request.POST or None, instance=Rekvisition(insats=insats), insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_rekvisition,
        sparad=_("Utbetalningen är sparad."),
        rubrik=_("Ny utbetalning till %(insats)s") % {"insats": insats.namn},
        done_url=_rekvisitioner_url(insats),
        avbryt_url=_rekvisitioner_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def rekvisition_edit(request, pk):
    rekvisition = get_rekvisition_for_edit(request.user, pk)
    insats = rekvisition.insats
    form = RekvisitionForm(request.POST or None, instance=rekvisition, insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_rekvisition,
        sparad=_("Utbetalningen är sparad."),
        rubrik=_("Ändra utbetalning till %(insats)s") % {"insats": insats.namn},
        done_url=_rekvisitioner_url(insats),
        avbryt_url=_rekvisitioner_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def rekvisition_delete(request, pk):
    rekvisition = get_rekvisition_for_edit(request.user, pk)
    insats = rekvisition.insats
    return delete_page(
        request,
        rekvisition,
        delete=lambda version: services.rekvisition_delete(
            rekvisition=rekvisition, expected_version=version
        ),
        borttagen=_("Utbetalningen är borttagen."),
        done_url=_rekvisitioner_url(insats),
        template="insatser/ekonomi/rekvisition_delete.html",
        rekvisition=rekvisition,
        insats=insats,
        avbryt_url=_rekvisitioner_url(insats),
    )


@require_GET
@login_required
def ekonomi(request):
    forbund = finsam_access.require_read(request.user)
    innehall = sidinnehall(
        request,
        "insatser/ekonomi/_overview_innehall.html",
        lambda: _ekonomi_context(request, forbund),
    )
    return render(request, "insatser/ekonomi/overview.html", {"innehall": innehall})


def _ekonomi_context(request, forbund) -> dict:
    per, per_form = per_from_query(request.GET, Rekvisition.objects.filter(insats__forbund=forbund))
    uppfoljning = insatsuppfoljning(forbund, per=per)
    # Each insats's page at the same date: one reverse() for every row.
    detalj, fraga = url_mall("insatser:detail"), f"?per={per.isoformat()}"
    for r in uppfoljning.rader:
        r.url = f"{detalj(r.insats.pk)}{fraga}"
    context = {
        "uppfoljning": uppfoljning,
        "per_form": per_form,
        "forra_aret": per.year - 1,
    }
    return context


@require_GET
@login_required
def ekonomi_xlsx(request):
    forbund = finsam_access.require_read(request.user)
    per, _form = per_from_query(request.GET, Rekvisition.objects.filter(insats__forbund=forbund))
    wb, filename = excel.export_insatsuppfoljning(forbund, per=per)
    return xlsx_response(wb, filename)


# --- external funding (ESF and the like) -------------------------------------------------


def get_externfinansiering_for_edit(user, pk: int) -> Externfinansiering:
    """403 for anyone but kansli (before any lookup), else 404 outside the förbund."""
    finsam_access.require_edit(user)
    return finsam_access.get_for_forbund(
        Externfinansiering.objects.select_related("insats"),
        user,
        pk=pk,
        forbund_path="insats__forbund",
    )


def _save_externfinansiering(form):
    return services.externfinansiering_save(
        finansiering=form.instance, expected_version=form.loaded_version
    )


def _finansiering_url(insats):
    return reverse("insatser:detail", args=[insats.pk]) + "#externfinansiering-rubrik"


def _externfinansiering_page(request, obj, insats, rubrik):
    form = ExternfinansieringForm(request.POST or None, instance=obj, insats=insats)
    return form_page(
        request,
        form,
        template="insatser/form.html",
        save=_save_externfinansiering,
        sparad=_("Den externa finansieringen är sparad."),
        rubrik=rubrik,
        done_url=_finansiering_url(insats),
        avbryt_url=_finansiering_url(insats),
        insats=insats,
    )


@require_http_methods(["GET", "POST"])
@login_required
def externfinansiering_create(request, pk):
    insats = access.get_insats_for_edit(request.user, pk)
    obj = Externfinansiering(insats=insats, fran=insats.startdatum, till=insats.slutdatum)
    return _externfinansiering_page(
        request, obj, insats, _("Ny extern finansiering av %(insats)s") % {"insats": insats.namn}
    )


@require_http_methods(["GET", "POST"])
@login_required
def externfinansiering_edit(request, pk):
    obj = get_externfinansiering_for_edit(request.user, pk)
    return _externfinansiering_page(
        request,
        obj,
        obj.insats,
        _("Ändra extern finansiering av %(insats)s") % {"insats": obj.insats.namn},
    )


@require_http_methods(["GET", "POST"])
@login_required
def externfinansiering_delete(request, pk):
    obj = get_externfinansiering_for_edit(request.user, pk)
    insats = obj.insats
    return delete_page(
        request,
        obj,
        delete=lambda version: services.externfinansiering_delete(
            finansiering=obj, expected_version=version
        ),
        borttagen=_("Den externa finansieringen är borttagen."),
        done_url=_finansiering_url(insats),
        template="insatser/ekonomi/externfinansiering_delete.html",
        finansiering=obj,
        insats=insats,
        avbryt_url=_finansiering_url(insats),
    )
