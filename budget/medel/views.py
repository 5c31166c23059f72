"""Views for the medelstilldelning: the years, a year's split per member (like Not 2), the
form with the kommuner's key values, and the Excel download.

Every view: get the förbund through `finsam.access` (403 to readers on writes and to
styrgrupp users everywhere), the year through `get_for_forbund` (404 to outsiders),
validate a form, call a service, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from budget.medel import selectors, services
from budget.medel.excel import export_medlemsbidrag
from budget.medel.forms import MedelstilldelningForm
from budget.models import Medelstilldelning
from finsam import access, formatting
from finsam.excel import xlsx_response
from finsam.views_base import REFUSED, call_service, positive_int


def _get(request, ar):
    return access.get_for_forbund(Medelstilldelning.objects.all(), request.user, ar=ar)


@require_GET
@login_required
def medel_list(request):
    forbund = access.require_read(request.user)
    context = {"rader": selectors.listrader(forbund)}
    return render(request, "budget/medel/list.html", context)


@require_GET
@login_required
def medel_detail(request, ar):
    access.require_read(request.user)
    mt = _get(request, ar)
    return render(request, "budget/medel/detail.html", {"sida": selectors.medelsida(mt)})


@require_GET
@login_required
def medel_xlsx(request, ar):
    forbund = access.require_read(request.user)
    mt = _get(request, ar)
    wb, filename = export_medlemsbidrag(forbund, ar=mt.ar)
    return xlsx_response(wb, filename)


def _tilldelning_page(request, forbund, mt, *, rubrik, avbryt_url):
    """The form of a year's tilldelning; a changed key year reloads the population first."""
    m = selectors.medlemmar(forbund.pk)
    try:
        visat = int(request.POST.get("befolkningsar_visat", ""))
    except ValueError:
        visat = None
    visat = visat or selectors.nyckelar(mt)

    def make_form(data, ar):
        return MedelstilldelningForm(
            data,
            instance=mt,
            forbund=forbund,
            kommuner=m.kommuner,
            befolkning=selectors.befolkning(m.kommuner, ar),
            vikter=selectors.vikter(mt),
        )

    form = make_form(request.POST or None, visat)
    if request.method == "POST" and form.is_valid():
        valt = form.valt_ar
        folkmangd = form.cleaned_data["nyckel"] == Medelstilldelning.Nyckel.FOLKMANGD
        if folkmangd and valt != form.visat_ar:
            # The grid shows another year's population: reload it rather than writing one
            # year's figures into another.
            data = request.POST.copy()
            data["befolkningsar_visat"] = str(valt)
            ny = selectors.befolkning(m.kommuner, valt)
            for k in m.kommuner:
                data[f"folk_{k.pk}"] = formatting.heltal(ny.get(k.pk))
            form = make_form(data, valt)
            form.is_valid()
            form.add_error(
                "befolkningsar",
                _("Tabellen visar nu folkmängden för %(ar)s. Kontrollera den och spara igen.")
                % {"ar": valt},
            )
        else:
            sparad = call_service(
                form,
                lambda: services.medelstilldelning_save(
                    medelstilldelning=form.instance,
                    expected_version=form.loaded_version,
                    nycklar=form.nycklar(),
                ),
            )
            if sparad is not REFUSED:
                messages.success(
                    request, _("Medelstilldelningen för %(ar)s är sparad.") % {"ar": sparad.ar}
                )
                return redirect("budget:medel-detail", ar=sparad.ar)
    context = {
        "form": form,
        "rubrik": rubrik,
        "avbryt_url": avbryt_url,
        "grid": form.grid(),
        "visat": form["befolkningsar_visat"].value() or visat,
    }
    return render(request, "budget/medel/form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def medel_create(request):
    forbund = access.require_edit(request.user)
    senaste = selectors.tilldelningar(forbund).first()
    ar = positive_int(request.GET, "ar") or (senaste.ar + 1 if senaste else None)
    mt = Medelstilldelning(forbund=forbund, ar=ar)
    if senaste is not None and request.method == "GET":
        # Start from the latest year's figures; the user changes what the board decided.
        for name in ("statens_bidrag", "region_procent", "kommuner_procent", "nyckel"):
            setattr(mt, name, getattr(senaste, name))
    return _tilldelning_page(
        request,
        forbund,
        mt,
        rubrik=_("Ny medelstilldelning"),
        avbryt_url=reverse("budget:medel-list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def medel_edit(request, ar):
    forbund = access.require_edit(request.user)
    mt = _get(request, ar)
    return _tilldelning_page(
        request,
        forbund,
        mt,
        rubrik=_("Ändra medelstilldelningen för %(ar)s") % {"ar": mt.ar},
        avbryt_url=reverse("budget:medel-detail", args=[mt.ar]),
    )
