"""The Uppföljning Finsam sheet: kansli, styrelse and revisor read; a styrgrupp user gets 403
(as on the participant statistics). The kansli sees exact participant figures (it types them
into the national system) with the cells that would be hidden marked, and with
?visa=styrelse the sheet as the others see it: small counts protected."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from finsam import access, dataversion, permissions
from finsam.excel import xlsx_response
from finsam.rapporter.nationell.blad_html import insatser_html
from finsam.rapporter.nationell.excel import arbetsbok
from finsam.rapporter.nationell.selectors import uppfoljningsblad

FORSTA_AR, SISTA_AR = 2000, 2100
VISA_STYRELSE = "styrelse"


def _check_ar(ar: int) -> int:
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404
    return ar


def _protected(request) -> bool:
    if not permissions.is_kansli(request.user):
        return True
    return request.GET.get("visa") == VISA_STYRELSE


def _blad(forbund, ar: int, protected: bool):
    """The sheet built from the stored data, kept under the data's token
    (finsam/dataversion.py): it depends on the förbund, the year and the protection only,
    never on the user, so until anything is written the page and its Excel file find it
    without building it again."""
    return dataversion.hamta(
        ("nationell", forbund.pk, ar, protected),
        lambda: uppfoljningsblad(forbund, ar, protected=protected),
        token=dataversion.aktuell(),
    )


@require_GET
@login_required
def nationell_index(request):
    """The latest year with a full-year reporting period, else last year."""
    forbund = access.require_read(request.user)
    ar = forbund.rapportperioder.filter(typ="helar").aggregate(ar=Max("ar"))["ar"]
    return redirect("finsam:nationell", ar=ar or date.today().year - 1)


@require_GET
@login_required
def nationell(request, ar):
    _check_ar(ar)
    forbund = access.require_read(request.user)
    protected = _protected(request)
    blad = _blad(forbund, ar, protected)
    kan_andra = permissions.can_edit_forbund(request.user, forbund)
    return render(
        request,
        "uppfoljning/nationell/blad.html",
        {
            "blad": blad,
            "insatser_html": insatser_html(blad, kan_andra),
            "ar": ar,
            "forsta_ar": FORSTA_AR,
            "sista_ar": SISTA_AR,
            "kan_andra": kan_andra,
            "visar_styrelsens": permissions.is_kansli(request.user) and protected,
        },
    )


@require_GET
@login_required
def nationell_xlsx(request, ar):
    _check_ar(ar)
    forbund = access.require_read(request.user)
    blad = _blad(forbund, ar, _protected(request))
    return xlsx_response(arbetsbok(blad), f"uppfoljning-finsam-{ar}.xlsx")
