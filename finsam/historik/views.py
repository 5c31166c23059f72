"""The change history page (Förbundet → Ändringshistorik) and its Excel export: kansli and
revisor of the förbund read it."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from finsam import access
from finsam.excel import xlsx_response
from finsam.historik.excel import historik_arbetsbok
from finsam.historik.forms import HistorikFilterForm
from finsam.historik.selectors import forbund_historik_lista
from finsam.listor import Sortering

HISTORIK_PER_SIDA = 50


def _historik_lista(request, forbund):
    """(form, sortering, lista): the filter, ?ordning=tid (oldest first) or -tid (default)."""
    form = HistorikFilterForm(request.GET or None, forbund=forbund)
    sortering = Sortering(request.GET, {"tid": ["history_date"]}, standard="-tid")
    lista = forbund_historik_lista(forbund, form.filter(stigande=not sortering.fallande))
    return form, sortering, lista


@require_GET
@login_required
def historik(request):
    """Every change to the förbund's records, filterable and paged: kansli and revisor.
    A fixed number of queries per page, however long the history."""
    forbund = access.require_history(request.user)
    form, sortering, lista = _historik_lista(request, forbund)
    sida = Paginator(lista, HISTORIK_PER_SIDA).get_page(request.GET.get("sida"))
    filter_query = request.GET.copy()
    filter_query.pop("sida", None)
    return render(
        request,
        "finsam/historik.html",
        {
            "form": form,
            "sortering": sortering,
            "sida": sida,
            "historik": list(sida.object_list),
            "filter_query": filter_query.urlencode(),
        },
    )


@require_GET
@login_required
def historik_xlsx(request):
    """The filtered history as an Excel file for the auditors, one row per changed field."""
    forbund = access.require_history(request.user)
    form, sortering, lista = _historik_lista(request, forbund)
    wb = historik_arbetsbok(forbund, lista, form.filter(stigande=not sortering.fallande))
    return xlsx_response(wb, f"andringshistorik-{forbund.slug}-{date.today().isoformat()}.xlsx")
