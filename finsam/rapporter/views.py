"""Every document in the browser (HTML) and as a PDF download, always of the user's own
förbund, and the Rapporter page that lists the editions. One pair of views for all
documents: finsam/rapporter/urls.py routes each registered document to them with its
`kod`.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from finsam import access, permissions
from finsam.models import Rapportutgava
from finsam.pdf import pdf_response
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import dokumenttyp, typer
from finsam.rapporter.utgava.kontext import rapportkontext


def _rapport_for_user(user, kod, url_kwargs):
    """(typ, rapport, kontext) of the edition the URL names, of the user's förbund.

    403 for a user who may not read the document (404 where the document says outsiders
    must not learn that it exists), 404 for an edition that cannot be built."""
    typ = dokumenttyp(kod)
    nyckel = typ.nyckel_fran_url(**url_kwargs)
    forbund = access.forbund_for_user(user)
    if not typ.far_lasa(user, forbund, nyckel):
        raise Http404 if typ.dold_for_obehoriga else PermissionDenied
    try:
        rapport = typ.bygg(forbund, nyckel)
    except (RapportSaknas, ValueError) as e:
        raise Http404(str(e)) from None
    return typ, rapport, rapportkontext(typ, forbund, nyckel, rapport)


@require_GET
@login_required
def visa(request, kod, **url_kwargs):
    typ, _rapport, kontext = _rapport_for_user(request.user, kod, url_kwargs)
    return render(request, typ.template, {**kontext, "pdf": False})


@require_GET
@login_required
def pdf(request, kod, **url_kwargs):
    typ, rapport, kontext = _rapport_for_user(request.user, kod, url_kwargs)
    return pdf_response(request, typ.template, kontext, rapport.filnamn)


@require_GET
@login_required
def rapporter(request):
    """Every report edition that can be made, per document, with its status; kansli also
    gets the texts, the checklist and fastställ. A fixed number of queries."""
    forbund = access.require_read(request.user)
    utgavor = {(u.dokument, u.nyckel): u for u in Rapportutgava.objects.filter(forbund=forbund)}
    dokument = []
    for kod, typ in typer().items():
        grupper = [
            {
                "rubrik": grupp.rubrik,
                "rader": [
                    {
                        "nyckel": nyckel,
                        "rubrik": rubrik or typ.rubrik(nyckel),
                        "utgava": utgavor.get((kod, nyckel)),
                        "visa_url": typ.visa_url(nyckel),
                        "pdf_url": typ.pdf_url(nyckel),
                    }
                    for rubrik, nyckel in grupp.utgavor
                ],
            }
            for grupp in typ.utgavor(forbund)
        ]
        dokument.append({"typ": typ, "grupper": grupper})
    return render(
        request,
        "rapporter/rapporter.html",
        {"dokument": dokument, "kansli_anv": permissions.is_kansli(request.user)},
    )
