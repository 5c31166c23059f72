"""Målgrupper och behov (Uppföljning → Målgrupper och behov): kansli writes; styrelse and
revisor read; styrgrupp users get 403 and other förbund's users 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, permissions
from finsam.views_base import REFUSED, call_service, delete_page, form_page
from uppfoljning.malgrupper import selectors, services
from uppfoljning.malgrupper.forms import MalgruppsstatistikForm, TabellForm, kommuner
from uppfoljning.models import Malgruppsstatistik

FORSTA_AR, SISTA_AR = 2000, 2100


def _check_ar(ar):
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404


def _list_url(ar):
    return reverse("uppfoljning:malgrupp-list", args=[ar])


@require_GET
@login_required
def malgrupp_index(request):
    forbund = access.require_read(request.user)
    ar = selectors.statistikar(forbund)
    return redirect(_list_url(ar[0] if ar else timezone.localdate().year - 2))


@require_GET
@login_required
def malgrupp_list(request, ar):
    _check_ar(ar)
    forbund = access.require_read(request.user)
    context = {
        "ar": ar,
        "tabeller": selectors.malgruppstabeller(forbund, ar),
        "statistikar": selectors.statistikar(forbund),
        "aldersgrupper": Malgruppsstatistik.Aldersgrupp.choices,
        "kan_andra": permissions.can_edit_forbund(request.user, forbund),
        "url_namn": "uppfoljning:malgrupp-list",
        "forsta_ar": FORSTA_AR,
        "sista_ar": SISTA_AR,
    }
    return render(request, "uppfoljning/malgrupper/list.html", context)


def _save(form):
    return services.statistik_save(rad=form.instance, expected_version=form.loaded_version)


def _sparad(rad):
    return _("%(kommun)s %(ar)s: %(kategori)s är sparad.") % {
        "kommun": rad.medlem.visningsnamn,
        "ar": rad.ar,
        "kategori": rad.get_kategori_display().lower(),
    }


def _page(request, obj, forbund, rubrik):
    form = MalgruppsstatistikForm(request.POST or None, instance=obj, forbund=forbund)
    tillbaka = _list_url(obj.ar)
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save,
        sparad=_sparad,
        done_url=lambda rad: _list_url(rad.ar),
        rubrik=rubrik,
        tillbaka=_("Målgrupper och behov %(ar)s") % {"ar": obj.ar},
        tillbaka_url=tillbaka,
    )


@require_http_methods(["GET", "POST"])
@login_required
def malgrupp_create(request, ar):
    _check_ar(ar)
    forbund = access.require_edit(request.user)
    obj = Malgruppsstatistik(forbund=forbund, ar=ar)
    return _page(request, obj, forbund, _("Nytt värde för %(ar)s") % {"ar": ar})


def _get_for_edit(user, pk):
    access.require_edit(user)
    return access.get_for_forbund(Malgruppsstatistik.objects.select_related("medlem"), user, pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def malgrupp_edit(request, pk):
    obj = _get_for_edit(request.user, pk)
    return _page(request, obj, obj.forbund, _("Ändra %(rad)s") % {"rad": obj})


@require_http_methods(["GET", "POST"])
@login_required
def malgrupp_delete(request, pk):
    obj = _get_for_edit(request.user, pk)
    return delete_page(
        request,
        obj,
        delete=lambda version: services.statistik_delete(rad=obj, expected_version=version),
        borttagen=_("Värdet är borttaget."),
        done_url=_list_url(obj.ar),
        template="uppfoljning/verksamhet/confirm_delete.html",
        beskrivning=str(obj),
        tillbaka_url=_list_url(obj.ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def malgrupp_tabell(request, ar, aldersgrupp):
    """A whole year's table for one age group at once."""
    _check_ar(ar)
    if aldersgrupp not in Malgruppsstatistik.Aldersgrupp.values:
        raise Http404
    forbund = access.require_edit(request.user)
    medlemmar = list(kommuner(forbund))
    rader = selectors.tabellrader(forbund, ar, aldersgrupp)
    if request.method == "POST":
        form = TabellForm(request.POST, medlemmar=medlemmar)
        if form.is_valid():
            andrade = call_service(
                form,
                lambda: services.tabell_save(
                    forbund=forbund,
                    ar=ar,
                    aldersgrupp=aldersgrupp,
                    celler=form.celler,
                    kalla=form.cleaned_data["kalla"],
                    expected_version=form.cleaned_data["lock_version"],
                    medlemmar={m.pk: m for m in medlemmar},
                ),
            )
            if andrade is not REFUSED:
                if andrade:
                    messages.success(
                        request,
                        ngettext(
                            "Tabellen %(ar)s är sparad (%(antal)s ändrat värde).",
                            "Tabellen %(ar)s är sparad (%(antal)s ändrade värden).",
                            andrade,
                        )
                        % {"ar": ar, "antal": andrade},
                    )
                else:
                    messages.info(request, _("Inget var ändrat."))
                return redirect(_list_url(ar))
    else:
        form = TabellForm(
            initial=TabellForm.initial_for(rader, selectors.tabellversion(rader)),
            medlemmar=medlemmar,
        )
    context = {
        "form": form,
        "ar": ar,
        "aldersgrupp": Malgruppsstatistik.Aldersgrupp(aldersgrupp).label,
        "kategorier": Malgruppsstatistik.Kategori.choices,
        "tillbaka_url": _list_url(ar),
    }
    return render(request, "uppfoljning/malgrupper/tabell.html", context)
