"""The kansli's staff per year (Ekonomi → Kansliets bemanning): kansli writes; styrelse and
revisor read. The årsredovisning and verksamhetsplan print the year's table from here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budget.kansli import selectors, services
from budget.kansli.forms import KanslitjanstForm
from budget.models import Kanslitjanst
from finsam import access, permissions
from finsam.views_base import delete_page, form_page

FORSTA_AR, SISTA_AR = 2000, 2100


def _check_ar(ar: int) -> int:
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404
    return ar


def _list_url(ar: int) -> str:
    return reverse("budget:kansli-list", args=[ar])


@require_GET
@login_required
def kansli_index(request):
    forbund = access.require_read(request.user)
    ar = next(iter(selectors.ar_med_tjanster(forbund)), timezone.localdate().year)
    return redirect(_list_url(ar))


@require_GET
@login_required
def kansli_list(request, ar):
    forbund = access.require_read(request.user)
    _check_ar(ar)
    alla_ar = selectors.ar_med_tjanster(forbund)
    return render(
        request,
        "budget/kansli/list.html",
        {
            "ar": ar,
            "bemanning": selectors.bemanning(forbund, ar),
            "alla_ar": sorted(set(alla_ar) | {ar}, reverse=True),
            "kostnad": selectors.kanslikostnad(forbund, ar),
            "foregaende": ar - 1 if ar - 1 in alla_ar else None,
            "kan_andra": permissions.can_edit_forbund(request.user, forbund),
        },
    )


def _page(request, obj, rubrik):
    form = KanslitjanstForm(request.POST or None, instance=obj)
    return form_page(
        request,
        form,
        template="budget/kansli/form.html",
        save=lambda f: services.kanslitjanst_save(
            tjanst=f.instance, expected_version=f.loaded_version
        ),
        sparad=lambda t: _("%(roll)s %(ar)s är sparad.") % {"roll": t.roll, "ar": t.ar},
        done_url=lambda t: _list_url(t.ar),
        rubrik=rubrik,
        tillbaka_url=_list_url(obj.ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def kansli_create(request, ar):
    forbund = access.require_edit(request.user)
    _check_ar(ar)
    obj = Kanslitjanst(forbund=forbund, ar=ar)
    return _page(request, obj, _("Ny tjänst på kansliet %(ar)s") % {"ar": ar})


@require_http_methods(["GET", "POST"])
@login_required
def kansli_edit(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Kanslitjanst.objects.all(), request.user, pk=pk)
    return _page(request, obj, _("Ändra %(roll)s %(ar)s") % {"roll": obj.roll, "ar": obj.ar})


@require_http_methods(["GET", "POST"])
@login_required
def kansli_delete(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Kanslitjanst.objects.all(), request.user, pk=pk)
    return delete_page(
        request,
        obj,
        delete=lambda version: services.kanslitjanst_delete(tjanst=obj, expected_version=version),
        borttagen=_("%(roll)s %(ar)s är borttagen.") % {"roll": obj.roll, "ar": obj.ar},
        done_url=_list_url(obj.ar),
        template="budget/kansli/confirm_delete.html",
        beskrivning=f"{obj.roll} {obj.ar}",
        tillbaka_url=_list_url(obj.ar),
    )


@require_POST
@login_required
def kansli_kopiera(request, ar):
    """Start year `ar` from the previous year's positions (nothing if `ar` has any)."""
    forbund = access.require_edit(request.user)
    _check_ar(ar)
    try:
        nya = services.kanslitjanster_kopiera(forbund=forbund, fran_ar=ar - 1, till_ar=ar)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(antal)s tjänst från %(fran)s lades in för %(ar)s. Kontrollera fördelningen.",
                "%(antal)s tjänster från %(fran)s lades in för %(ar)s. Kontrollera fördelningen.",
                len(nya),
            )
            % {"antal": len(nya), "fran": ar - 1, "ar": ar},
        )
    return redirect(_list_url(ar))
