"""Reports in the browser (HTML) and as PDF downloads, always of the user's own förbund."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from finsam import access, permissions
from finsam.pdf import pdf_response
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import dokumenttyp, rapportkontext
from finsam.rapporter.verksamhetsplan import TEMPLATE, build_verksamhetsplan


def _verksamhetsplan_for_user(user, ar):
    """The user's förbund's Verksamhetsplan för `ar`: 403 for styrgrupp users, 404 for a year
    without adopted budget."""
    forbund = access.forbund_for_user(user)
    if not permissions.can_download_verksamhetsplan(user, forbund):
        raise PermissionDenied
    try:
        return build_verksamhetsplan(forbund, ar)
    except RapportSaknas as e:
        raise Http404(str(e)) from None


@require_GET
@login_required
def verksamhetsplan(request, ar):
    rapport = _verksamhetsplan_for_user(request.user, ar)
    kontext = rapportkontext(dokumenttyp("verksamhetsplan"), rapport.forbund, str(ar), rapport)
    return render(request, TEMPLATE, {**kontext, "pdf": False})


@require_GET
@login_required
def verksamhetsplan_pdf(request, ar):
    rapport = _verksamhetsplan_for_user(request.user, ar)
    kontext = rapportkontext(dokumenttyp("verksamhetsplan"), rapport.forbund, str(ar), rapport)
    return pdf_response(request, TEMPLATE, kontext, rapport.filnamn)
