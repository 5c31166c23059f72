"""The årsredovisning in the browser (HTML) and as a PDF download, of the user's own förbund."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from finsam import access, permissions
from finsam.pdf import pdf_response
from finsam.rapporter import RapportSaknas
from finsam.rapporter.arsredovisning import TEMPLATE, build_arsredovisning
from finsam.rapporter.dokument import dokumenttyp, rapportkontext


def _arsredovisning_for_user(user, ar):
    """403 for styrgrupp users, 404 for a year without bokslut."""
    forbund = access.forbund_for_user(user)
    if not permissions.can_read_forbund(user, forbund):
        raise PermissionDenied
    try:
        return build_arsredovisning(forbund, ar)
    except RapportSaknas as e:
        raise Http404(str(e)) from None


@require_GET
@login_required
def arsredovisning(request, ar):
    rapport = _arsredovisning_for_user(request.user, ar)
    kontext = rapportkontext(dokumenttyp("arsredovisning"), rapport.forbund, str(ar), rapport)
    return render(request, TEMPLATE, {**kontext, "pdf": False})


@require_GET
@login_required
def arsredovisning_pdf(request, ar):
    rapport = _arsredovisning_for_user(request.user, ar)
    kontext = rapportkontext(dokumenttyp("arsredovisning"), rapport.forbund, str(ar), rapport)
    return pdf_response(request, TEMPLATE, kontext, rapport.filnamn)
