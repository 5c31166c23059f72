"""Views for utfall and prognos: the periods of a year, a new period, the entry grid, the
delår table and the driftredovisning with the kostnadsfördelning, and their Excel files.

Every view: the förbund through `finsam.access` (403 to readers on writes and to styrgrupp
users everywhere), the period through `get_for_forbund` (404 to outsiders), a form, a
service, a redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from budget.models import Utfallsperiod
from budget.utfall import excel, selectors, services
from budget.utfall.forms import UtfallGridForm, UtfallsperiodForm
from budget.utfall.html import tabellrader_html
from finsam import access
from finsam.concurrency import ConflictError
from finsam.excel import xlsx_response
from finsam.formatting import belopp, tkr
from finsam.forms_base import add_validation_error
from finsam.views_base import form_page

#: The tables' columns, a source line of the templates' cells each.
DELAR_KOLUMNER = [["budget"], ["utfall"], ["prognos"], ["avvikelse"]]
DRIFT_KOLUMNER = [
    ["intakt", "kostnad", "netto"],
    ["budget", "avvikelse"],
    ["f_intakt", "f_kostnad", "f_netto"],
]


def _ar_param(request):
    try:
        ar = int(request.GET.get("ar", ""))
    except ValueError:
        return None
    return ar if 2000 <= ar <= 2100 else None


def _list_url(ar):
    return f"{reverse('budget:utfall-list')}?ar={ar}"


def _period(request, pk):
    return access.get_for_forbund(Utfallsperiod.objects.all(), request.user, pk=pk)


@require_GET
@login_required
def utfall_list(request):
    forbund = access.require_read(request.user)
    ar_lista = selectors.ar_med_perioder(forbund)
    ar = _ar_param(request) or (ar_lista[0] if ar_lista else None)
    perioder = selectors.perioder_for_ar(forbund, ar) if ar else []
    context = {
        "ar": ar,
        "ar_lista": ar_lista,
        "perioder": perioder,
        "har_bokslut": any(p.per.month == 12 and p.per.day == 31 for p in perioder),
    }
    return render(request, "budget/utfall/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def utfall_create(request):
    forbund = access.require_edit(request.user)
    form = UtfallsperiodForm(request.POST or None, forbund=forbund)
    ar = _ar_param(request)
    return form_page(
        request,
        form,
        template="budget/form.html",
        save=lambda f: services.utfallsperiod_create(forbund=forbund, **f.cleaned_data),
        sparad=lambda period: _("%(period)s är skapad. Fyll i utfallet.") % {"period": period},
        done_url=lambda period: reverse("budget:utfall-edit", args=[period.pk]),
        rubrik=_("Ny utfallsperiod"),
        avbryt_url=_list_url(ar) if ar else reverse("budget:utfall-list"),
    )


@require_GET
@login_required
def utfall_detail(request, pk):
    access.require_read(request.user)
    period = _period(request, pk)
    delar = selectors.delarstabell(period)
    context = {
        "period": period,
        "delar": delar,
        "rader_html": tabellrader_html(
            delar.tabell.rader,
            DELAR_KOLUMNER,
            belopp,
            tom='<tr><td colspan="5" class="text-muted">Inga belopp är inlagda.</td></tr>',
        ),
        "ar_bokslut": period.per.month == 12 and period.per.day == 31,
    }
    return render(request, "budget/utfall/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def utfall_edit(request, pk):
    access.require_edit(request.user)
    period = _period(request, pk)
    form = UtfallGridForm(request.POST or None, grid=selectors.utfallsgrid(period))
    konflikt = False
    if request.method == "POST" and form.is_valid():
        try:
            andrade = services.utfall_save(
                period=period, varden=form.varden(), expected_version=form.loaded_version
            )
        except ConflictError as e:
            form.add_error(None, str(e))
            konflikt = True
        except ValidationError as e:
            add_validation_error(form, e)
        else:
            messages.success(
                request,
                ngettext(
                    "Utfallet per %(per)s är sparat (%(antal)d rad ändrad).",
                    "Utfallet per %(per)s är sparat (%(antal)d rader ändrade).",
                    andrade,
                )
                % {"per": period.per.isoformat(), "antal": andrade},
            )
            return redirect("budget:utfall-detail", pk=period.pk)
    context = {
        "period": period,
        "form": form,
        "grid": form.grid,
        "konflikt": konflikt,
        "rader_html": form.rader_html(konflikt=konflikt),
    }
    return render(request, "budget/utfall/grid.html", context)


@require_GET
@login_required
def utfall_delar_xlsx(request, pk):
    forbund = access.require_read(request.user)
    period = _period(request, pk)
    wb, filnamn = excel.export_delar(forbund, period=period)
    return xlsx_response(wb, filnamn)


@require_GET
@login_required
def utfall_driftredovisning(request, ar):
    forbund = access.require_read(request.user)
    drift = selectors.driftredovisning(forbund, ar)
    if drift is None:
        raise Http404
    context = {
        "drift": drift,
        "ar": ar,
        "rader_html": tabellrader_html(drift.tabell.rader, DRIFT_KOLUMNER, tkr),
    }
    return render(request, "budget/utfall/driftredovisning.html", context)


@require_GET
@login_required
def utfall_driftredovisning_xlsx(request, ar):
    forbund = access.require_read(request.user)
    if selectors.bokslutsperiod(forbund, ar) is None:
        raise Http404
    wb, filnamn = excel.export_driftredovisning(forbund, ar=ar)
    return xlsx_response(wb, filnamn)
