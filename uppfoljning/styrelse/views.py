"""The board's meetings and the important events per year (Förbundet → Styrelsens möten och
händelser): kansli writes; styrelse and revisor read. The delårsrapport and årsredovisning
print them from here."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, permissions
from finsam.views_base import delete_page, form_page
from uppfoljning.models import Styrelsemote, Viktighandelse
from uppfoljning.styrelse import selectors, services
from uppfoljning.styrelse.forms import StyrelsemoteForm, ViktighandelseForm

FORSTA_AR, SISTA_AR = services.FORSTA_AR, services.SISTA_AR


def _check_ar(ar: int) -> int:
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404
    return ar


def _list_url(ar: int) -> str:
    return reverse("uppfoljning:styrelse-list", args=[ar])


def _ar_for(datum) -> int:
    return datum.year if datum else timezone.localdate().year


@require_GET
@login_required
def styrelse_index(request):
    forbund = access.require_read(request.user)
    ar = next(iter(selectors.ar_med_uppgifter(forbund)), timezone.localdate().year)
    return redirect(_list_url(ar))


@require_GET
@login_required
def styrelse_list(request, ar):
    forbund = access.require_read(request.user)
    _check_ar(ar)
    fran, till = date(ar, 1, 1), date(ar, 12, 31)
    alla_ar = selectors.ar_med_uppgifter(forbund)
    return render(
        request,
        "uppfoljning/styrelse/list.html",
        {
            "ar": ar,
            "alla_ar": sorted(set(alla_ar) | {ar}, reverse=True),
            "arbete": selectors.styrelsens_arbete(forbund, fran, till),
            "handelser": selectors.handelser(forbund, fran, till),
            "kan_andra": permissions.can_edit_forbund(request.user, forbund),
        },
    )


# --- meetings ---------------------------------------------------------------------------


def _mote_page(request, obj, rubrik):
    form = StyrelsemoteForm(request.POST or None, instance=obj)
    return form_page(
        request,
        form,
        template="uppfoljning/styrelse/form.html",
        save=lambda f: services.styrelsemote_save(
            mote=f.instance, expected_version=f.loaded_version
        ),
        sparad=lambda m: _("%(mote)s är sparat.") % {"mote": m},
        done_url=lambda m: _list_url(m.datum.year),
        rubrik=rubrik,
        tillbaka_url=_list_url(_ar_for(obj.datum)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def mote_create(request, ar):
    forbund = access.require_edit(request.user)
    _check_ar(ar)
    idag = timezone.localdate()
    obj = Styrelsemote(forbund=forbund, datum=idag if idag.year == ar else date(ar, 1, 1))
    return _mote_page(request, obj, _("Nytt möte"))


@require_http_methods(["GET", "POST"])
@login_required
def mote_edit(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Styrelsemote.objects.all(), request.user, pk=pk)
    return _mote_page(request, obj, _("Ändra %(mote)s") % {"mote": obj})


@require_http_methods(["GET", "POST"])
@login_required
def mote_delete(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Styrelsemote.objects.all(), request.user, pk=pk)
    return delete_page(
        request,
        obj,
        delete=lambda version: services.styrelsemote_delete(mote=obj, expected_version=version),
        borttagen=_("%(mote)s är borttaget.") % {"mote": obj},
        done_url=_list_url(obj.datum.year),
        template="uppfoljning/styrelse/confirm_delete.html",
        beskrivning=str(obj),
        tillbaka_url=_list_url(obj.datum.year),
    )


# --- important events -------------------------------------------------------------------


def _handelse_page(request, obj, rubrik):
    form = ViktighandelseForm(request.POST or None, instance=obj)
    return form_page(
        request,
        form,
        template="uppfoljning/styrelse/form.html",
        save=lambda f: services.handelse_save(
            handelse=f.instance, expected_version=f.loaded_version
        ),
        sparad=lambda h: _("Händelsen %(rubrik)s är sparad.") % {"rubrik": h.rubrik},
        done_url=lambda h: _list_url(h.datum.year),
        rubrik=rubrik,
        tillbaka_url=_list_url(_ar_for(obj.datum)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def handelse_create(request, ar):
    forbund = access.require_edit(request.user)
    _check_ar(ar)
    idag = timezone.localdate()
    obj = Viktighandelse(forbund=forbund, datum=idag if idag.year == ar else date(ar, 1, 1))
    return _handelse_page(request, obj, _("Ny viktig händelse"))


@require_http_methods(["GET", "POST"])
@login_required
def handelse_edit(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Viktighandelse.objects.all(), request.user, pk=pk)
    return _handelse_page(request, obj, _("Ändra händelsen %(rubrik)s") % {"rubrik": obj.rubrik})


@require_http_methods(["GET", "POST"])
@login_required
def handelse_delete(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Viktighandelse.objects.all(), request.user, pk=pk)
    return delete_page(
        request,
        obj,
        delete=lambda version: services.handelse_delete(handelse=obj, expected_version=version),
        borttagen=_("Händelsen %(rubrik)s är borttagen.") % {"rubrik": obj.rubrik},
        done_url=_list_url(obj.datum.year),
        template="uppfoljning/styrelse/confirm_delete.html",
        beskrivning=_("händelsen %(rubrik)s") % {"rubrik": obj.rubrik},
        tillbaka_url=_list_url(obj.datum.year),
    )
