"""The delårsrapport in the browser (HTML) and as PDF, always of the user's own förbund."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from finsam import access, permissions
from finsam.pdf import pdf_response
from finsam.rapporter import RapportSaknas
from finsam.rapporter.delarsrapport import TEMPLATE, build_delarsrapport
from finsam.rapporter.dokument import dokumenttyp, rapportkontext


def _delarsrapport_for_user(user, per):
    """403 for styrgrupp users, 404 for a date without an utfallsperiod."""
    forbund = access.forbund_for_user(user)
    if forbund is None or not permissions.can_download_verksamhetsplan(user, forbund):
        raise PermissionDenied
    try:
        return build_delarsrapport(forbund, per)
    except RapportSaknas as e:
        raise Http404(str(e)) from None


@require_GET
@login_required
def delarsrapport(request, per):
    rapport = _delarsrapport_for_user(request.user, per)
    typ = dokumenttyp("delarsrapport")
    kontext = rapportkontext(typ, rapport.forbund, per.isoformat(), rapport)
    return render(request, TEMPLATE, {**kontext, "pdf": False})


@require_GET
@login_required
def delarsrapport_pdf(request, per):
    rapport = _delarsrapport_for_user(request.user, per)
    typ = dokumenttyp("delarsrapport")
    kontext = rapportkontext(typ, rapport.forbund, per.isoformat(), rapport)
    return pdf_response(request, TEMPLATE, kontext, rapport.filnamn)
