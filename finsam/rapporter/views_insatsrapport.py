"""The insats report in the browser and as PDF: kansli, styrelse and revisor of the förbund,
and a steering group only for its own insats (404 for any other, as elsewhere)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from finsam import access, permissions
from finsam.pdf import pdf_response
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import dokumenttyp, rapportkontext
from finsam.rapporter.insatsrapport import TEMPLATE, build_insatsrapport, parse_period
from insatser.models import Insats


def _for_user(user, slug, period):
    forbund = access.forbund_for_user(user)
    insats = Insats.objects.filter(forbund=forbund, slug=slug).first()
    if insats is None or not permissions.can_view_insats(user, insats):
        raise Http404
    try:
        ar, typ = parse_period(period)
        rapport = build_insatsrapport(forbund, insats, ar, typ)
    except (RapportSaknas, ValueError) as e:
        raise Http404(str(e)) from None
    nyckel = f"{slug}:{period}"
    return rapport, rapportkontext(dokumenttyp("insats"), forbund, nyckel, rapport)


@require_GET
@login_required
def insatsrapport(request, slug, period):
    rapport, kontext = _for_user(request.user, slug, period)
    return render(request, TEMPLATE, {**kontext, "pdf": False})


@require_GET
@login_required
def insatsrapport_pdf(request, slug, period):
    rapport, kontext = _for_user(request.user, slug, period)
    return pdf_response(request, TEMPLATE, kontext, rapport.filnamn)
