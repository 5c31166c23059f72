"""Views for the förbund and its members. (The history page is finsam/historik/views.py;
the start page and the Rapporter page show the apps, so they are the roof's: finsam/rapporter/.)

Every view: get the user's förbund through `finsam.access` (404 to outsiders, 403 to
readers), validate a form, call a service, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, permissions, services
from finsam.filters import MedlemFilter, med_senaste_folkmangd, medlem_sortering
from finsam.forms import BefolkningFormSet, ForbundForm, MedlemForm
from finsam.historik.selectors import historik_for
from finsam.models import Medlem
from finsam.views_base import REFUSED, call_service, form_page


@require_GET
@login_required
def forbund_detail(request):
    forbund = access.require_read(request.user)
    context = {"f": forbund}
    if permissions.can_view_history(request.user, forbund):
        context["historik"] = historik_for(forbund)
    return render(request, "finsam/forbund_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def forbund_edit(request):
    forbund = access.require_edit(request.user)
    form = ForbundForm(request.POST or None, instance=forbund)
    return form_page(
        request,
        form,
        save=lambda f: services.forbund_update(
            forbund=forbund,
            expected_version=f.loaded_version,
            **{k: v for k, v in f.cleaned_data.items() if k != "lock_version_loaded"},
        ),
        sparad=_("Förbundets uppgifter är sparade."),
        done_url=reverse("finsam:forbund"),
        template="finsam/form.html",
        rubrik=_("Ändra förbundets uppgifter"),
    )


@require_GET
@login_required
def medlem_list(request):
    forbund = access.require_read(request.user)
    filter = MedlemFilter(request.GET, queryset=forbund.medlemmar.all(), forbund=forbund)
    sortering = medlem_sortering(request.GET)
    medlemmar = list(sortering.ordna(med_senaste_folkmangd(filter.qs)))
    context = {"filter": filter, "sortering": sortering, "medlemmar": medlemmar}
    return render(request, "finsam/medlem_list.html", context)


@require_GET
@login_required
def medlem_detail(request, pk):
    access.require_read(request.user)
    medlem = access.get_for_forbund(Medlem.objects.all(), request.user, pk=pk)
    context = {"medlem": medlem, "befolkning": medlem.befolkning.all()}
    if permissions.can_view_history(request.user, medlem.forbund):
        context["historik"] = historik_for(medlem)
    return render(request, "finsam/medlem_detail.html", context)


def _befolkning_initial(medlem):
    return [{"ar": b.ar, "antal": b.antal} for b in medlem.befolkning.order_by("ar")]


@transaction.atomic
def _medlem_spara(form, formset):
    """The member and its populations, saved together or not at all."""
    medlem = services.medlem_save(medlem=form.instance, expected_version=form.loaded_version)
    if medlem.ar_kommun:
        for f in formset.forms:
            if f.cleaned_data.get("ar") is not None:
                services.befolkning_set(
                    medlem=medlem, ar=f.cleaned_data["ar"], antal=f.cleaned_data.get("antal")
                )
    return medlem


def _medlem_form(request, medlem, forbund, rubrik):
    form = MedlemForm(request.POST or None, instance=medlem, forbund=forbund)
    formset = BefolkningFormSet(
        request.POST or None,
        prefix="befolkning",
        initial=_befolkning_initial(medlem) if medlem.pk else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        ar_sedda = set()
        for f in formset.forms:
            ar = f.cleaned_data.get("ar")
            if ar is None:
                continue
            if ar in ar_sedda:
                f.add_error("ar", _("Året finns redan på en annan rad."))
            ar_sedda.add(ar)
        if not any(f.errors for f in formset.forms):
            ny = form.instance.pk is None
            medlem = call_service(form, lambda: _medlem_spara(form, formset))
            if medlem is not REFUSED:
                messages.success(request, _("%(namn)s är sparad.") % {"namn": medlem.namn})
                return redirect("finsam:medlem-detail", pk=medlem.pk)
            if ny:  # the new member was not saved after all
                form.instance.pk = None
            medlem = form.instance
    return render(
        request,
        "finsam/medlem_form.html",
        {"form": form, "formset": formset, "rubrik": rubrik, "medlem": medlem},
    )


@require_http_methods(["GET", "POST"])
@login_required
def medlem_create(request):
    forbund = access.require_edit(request.user)
    return _medlem_form(request, Medlem(forbund=forbund), forbund, _("Ny medlem"))


@require_http_methods(["GET", "POST"])
@login_required
def medlem_edit(request, pk):
    forbund = access.require_edit(request.user)
    medlem = access.get_for_forbund(Medlem.objects.all(), request.user, pk=pk)
    return _medlem_form(request, medlem, forbund, _("Ändra %(namn)s") % {"namn": medlem.namn})


@require_GET
def tillganglighet(request):
    """The accessibility statement (DOS-lagen): public, linked from every page's footer."""
    return render(request, "finsam/tillganglighet.html")
