"""Views for the budget: the year's table and its versions, the amounts grid, and the groups
and lines.

Every view: get the förbund through `finsam.access` (403 to readers on writes and to
styrgrupp users everywhere), the object through `get_for_forbund` (404 to outsiders),
validate a form, call a service, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budget import selectors, services
from budget.forms import (
    BeloppGridForm,
    BudgetgruppForm,
    BudgetradForm,
    BudgetversionCreateForm,
    BudgetversionForm,
    LockVersionForm,
)
from budget.models import Budgetgrupp, Budgetrad, Budgetversion
from finsam import access
from finsam.concurrency import ConflictError
from finsam.forms_base import add_validation_error
from finsam.views_base import form_page, positive_int


def _overview_url(ar):
    return f"{reverse('budget:overview')}?ar={ar}"


# --- the year and its versions ---------------------------------------------------------------


@require_GET
@login_required
def overview(request):
    forbund = access.require_read(request.user)
    ar_lista = selectors.ar_med_versioner(forbund)
    ar = positive_int(request.GET, "ar") or (ar_lista[0] if ar_lista else None)
    gallande = selectors.aktuell_version(forbund, ar) if ar else None
    context = {
        "ar": ar,
        "ar_lista": ar_lista,
        "versioner": selectors.versioner_for_ar(forbund, ar) if ar else [],
        "gallande": gallande,
        "vt": selectors.versionstabell(gallande) if gallande else None,
    }
    return render(request, "budget/overview.html", context)


@require_GET
@login_required
def version_detail(request, pk):
    forbund = access.require_read(request.user)
    version = access.get_for_forbund(Budgetversion.objects.all(), request.user, pk=pk)
    context = {
        "version": version,
        "gallande": selectors.aktuell_version(forbund, version.ar),
        "vt": selectors.versionstabell(version),
    }
    return render(request, "budget/version_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def version_create(request):
    forbund = access.require_edit(request.user)
    ar = positive_int(request.GET, "ar")
    gallande = selectors.aktuell_version(forbund, ar) if ar else None
    # A year with an adopted budget gets a tilläggsbudget; otherwise its budget, from the plan.
    beslutad = gallande is not None and gallande.typ != Budgetversion.Typ.PLAN
    initial = {
        "ar": ar,
        "typ": Budgetversion.Typ.TILLAGG if beslutad else Budgetversion.Typ.BUDGET,
        "kopiera_fran": gallande,
    }
    form = BudgetversionCreateForm(request.POST or None, forbund=forbund, initial=initial)

    def save(form):
        fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version_loaded"}
        return services.budgetversion_create(forbund=forbund, **fields)

    return form_page(
        request,
        form,
        template="budget/form.html",
        save=save,
        sparad=lambda v: (
            _("%(version)s är skapad. Fyll i eller ändra beloppen.") % {"version": v.rubrik}
        ),
        rubrik=_("Ny budgetversion"),
        done_url=lambda v: reverse("budget:belopp-edit", args=[v.pk]),
        avbryt_url=_overview_url(ar) if ar else reverse("budget:overview"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def version_edit(request, pk):
    forbund = access.require_edit(request.user)
    version = access.get_for_forbund(Budgetversion.objects.all(), request.user, pk=pk)
    form = BudgetversionForm(request.POST or None, instance=version, forbund=forbund)
    detail_url = reverse("budget:version-detail", args=[version.pk])
    return form_page(
        request,
        form,
        template="budget/form.html",
        save=lambda f: services.budgetversion_save(
            version=f.instance, expected_version=f.loaded_version
        ),
        sparad=lambda v: _("%(version)s är sparad.") % {"version": v.rubrik},
        rubrik=_("Ändra %(version)s") % {"version": version},
        done_url=lambda v: reverse("budget:version-detail", args=[v.pk]),
        avbryt_url=detail_url,
    )


@require_http_methods(["GET", "POST"])
@login_required
def belopp_edit(request, pk):
    access.require_edit(request.user)
    version = access.get_for_forbund(Budgetversion.objects.all(), request.user, pk=pk)
    form = BeloppGridForm(request.POST or None, grid=selectors.beloppsgrid(version))
    konflikt = False
    if request.method == "POST" and form.is_valid():
        try:
            andrade = services.budgetbelopp_save(
                version=version, belopp=form.belopp(), expected_version=form.loaded_version
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
                    "Beloppen i %(version)s är sparade (%(antal)d ändrat).",
                    "Beloppen i %(version)s är sparade (%(antal)d ändrade).",
                    andrade,
                )
                % {"version": version.rubrik, "antal": andrade},
            )
            return redirect("budget:version-detail", pk=version.pk)
    context = {
        "version": version,
        "form": form,
        "grid": form.grid,
        "konflikt": konflikt,
        "rader_html": form.rader_html(konflikt=konflikt),
    }
    return render(request, "budget/belopp_form.html", context)


# --- groups and lines ------------------------------------------------------------------------


def _struktur_url(anchor=""):
    return reverse("budget:struktur") + (f"#{anchor}" if anchor else "")


@require_GET
@login_required
def struktur(request):
    forbund = access.require_read(request.user)
    return render(request, "budget/struktur.html", {"grupper": selectors.struktur(forbund)})


def _grupp_page(request, grupp, forbund, rubrik):
    form = BudgetgruppForm(request.POST or None, instance=grupp, forbund=forbund)
    return form_page(
        request,
        form,
        template="budget/form.html",
        save=lambda f: services.budgetgrupp_save(
            grupp=f.instance, expected_version=f.loaded_version
        ),
        sparad=lambda g: _("Gruppen %(namn)s är sparad.") % {"namn": g.namn},
        rubrik=rubrik,
        done_url=lambda g: _struktur_url(f"grupp-{g.pk}"),
        avbryt_url=_struktur_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def grupp_create(request):
    forbund = access.require_edit(request.user)
    grupp = Budgetgrupp(forbund=forbund)
    overordnad = positive_int(request.GET, "overordnad")
    if overordnad and request.method == "GET":
        grupp.overordnad = Budgetgrupp.objects.filter(forbund=forbund, pk=overordnad).first()
    return _grupp_page(request, grupp, forbund, _("Ny budgetgrupp"))


@require_http_methods(["GET", "POST"])
@login_required
def grupp_edit(request, pk):
    forbund = access.require_edit(request.user)
    grupp = access.get_for_forbund(Budgetgrupp.objects.all(), request.user, pk=pk)
    return _grupp_page(request, grupp, forbund, _("Ändra gruppen %(namn)s") % {"namn": grupp.namn})


def _rad_page(request, rad, forbund, rubrik):
    form = BudgetradForm(request.POST or None, instance=rad, forbund=forbund)
    return form_page(
        request,
        form,
        template="budget/form.html",
        save=lambda f: services.budgetrad_save(rad=f.instance, expected_version=f.loaded_version),
        sparad=lambda r: _("Raden %(namn)s är sparad.") % {"namn": r.namn},
        rubrik=rubrik,
        done_url=lambda r: _struktur_url(f"rad-{r.pk}"),
        avbryt_url=_struktur_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def rad_create(request):
    forbund = access.require_edit(request.user)
    rad = Budgetrad(forbund=forbund)
    grupp = positive_int(request.GET, "grupp")
    if grupp and request.method == "GET":
        rad.grupp = Budgetgrupp.objects.filter(forbund=forbund, pk=grupp).first()
    return _rad_page(request, rad, forbund, _("Ny budgetrad"))


@require_http_methods(["GET", "POST"])
@login_required
def rad_edit(request, pk):
    forbund = access.require_edit(request.user)
    rad = access.get_for_forbund(Budgetrad.objects.all(), request.user, pk=pk)
    return _rad_page(request, rad, forbund, _("Ändra raden %(namn)s") % {"namn": rad.namn})


@require_POST
@login_required
def rad_delete(request, pk):
    access.require_edit(request.user)
    rad = access.get_for_forbund(Budgetrad.objects.all(), request.user, pk=pk)
    form = LockVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Sidan var inaktuell. Försök igen."))
        return redirect(_struktur_url(f"rad-{rad.pk}"))
    try:
        services.budgetrad_delete(
            rad=rad, expected_version=form.cleaned_data["lock_version_loaded"]
        )
    except ConflictError as e:
        messages.error(request, str(e))
        return redirect(_struktur_url(f"rad-{rad.pk}"))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(_struktur_url(f"rad-{rad.pk}"))
    messages.success(request, _("Raden %(namn)s är borttagen.") % {"namn": rad.namn})
    return redirect(_struktur_url())
