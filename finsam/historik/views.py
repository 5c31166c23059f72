"""The change history page (Förbundet → Ändringshistorik) and its Excel export: kansli and
revisor of the förbund read it."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from finsam import access
from finsam.excel import xlsx_response
from finsam.forms_base import html_text
from finsam.historik.excel import historik_arbetsbok
from finsam.historik.forms import HistorikFilterForm
from finsam.historik.selectors import forbund_historik_lista
from finsam.listor import Sortering

HISTORIK_PER_SIDA = 50


def rader_html(historik) -> SafeString:
    """The table's rows (a list of Andring), exactly the HTML of the template loop they
    replace (kept in tests/finsam/historik/test_views.py, which compares the two): the
    loop's variables and filters were half the page's time at national scale. The time
    is the `date` filter's "Y-m-d H:i" of the local time, written out."""
    e = html_text
    ut = []
    for a in historik:
        t = a.tid
        if timezone.is_aware(t):
            t = timezone.localtime(t)
        tid = f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"
        if a.falt:
            falt = "".join(
                f"<div><strong>{e(namn)}</strong>: {e(fran)} → {e(till)}</div>"
                for namn, fran, till in a.falt
            )
        else:
            falt = "–"
        orsak = f'<div class="text-muted">{e(a.orsak)}</div>' if a.orsak else ""
        ut.append(
            "\n    <tr>\n"
            f'      <td class="text-nowrap">{tid}</td>\n'
            f"      <td>{e(a.anvandare)}</td>\n"
            f'      <td class="text-nowrap">{e(a.typ)} {e(str(a.modell).lower())}</td>\n'
            f"      <td>{e(a.objekt)}</td>\n"
            f"      <td>{falt}{orsak}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(ut))  # noqa: S308 (every value escaped above)


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
    historik = list(sida.object_list)
    return render(
        request,
        "finsam/historik.html",
        {
            "form": form,
            "sortering": sortering,
            "sida": sida,
            "historik": historik,
            "historik_rader": rader_html(historik),
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
