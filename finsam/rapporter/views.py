"""Every document in the browser (HTML) and as a PDF download, always of the user's own
förbund, and the Rapporter page that lists the editions. One pair of views for all
documents: finsam/rapporter/urls.py routes each registered document to them with its
`kod`.
"""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
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


FORSTA_AR, SISTA_AR = 2000, 2100
#: stands for the edition key in the URLs reversed once per document (rapporter())
_NYCKEL = "__nyckel__"
#: the characters reverse() leaves unquoted in a path argument (django.urls.resolvers)
_SAKRA_TECKEN = "!$&'()*+,;=/~:@"


def _ar_param(request) -> int | None:
    """?ar=2025 within FORSTA_AR..SISTA_AR, else None (junk or out of range: the default)."""
    try:
        ar = int(request.GET.get("ar", ""))
    except ValueError:
        return None
    return ar if FORSTA_AR <= ar <= SISTA_AR else None


def _forvalt_ar(ar_lista: list[int]) -> int:
    """The current year if it has a document, else the newest year that has one."""
    i_ar = timezone.localdate().year
    if i_ar in ar_lista or not ar_lista:
        return i_ar
    return ar_lista[0]


def _url_mall(namn: str, kod: str) -> str:
    return reverse(f"finsam:{namn}", args=[kod, _NYCKEL])


@require_GET
@login_required
def rapporter(request):
    """The report editions of one year (?ar=, default: the current year if it has any,
    else the newest), per document, with their status and links to the other years that
    have editions; kansli also gets the texts, the checklist and fastställ. A fixed number
    of queries, and a page that does not grow with the number of years.

    The editions of every year are listed (cheap: their keys, a few queries) to know the
    years; only the chosen year's rows are built. The edition URLs under utgava/ are
    reversed once per document with a placeholder key, the PDF's is the document's URL
    + "pdf/" (finsam/rapporter/urls.py): one reverse() per row."""
    forbund = access.require_read(request.user)
    kansli_anv = permissions.is_kansli(request.user)
    alla = {kod: typ.utgavor(forbund) for kod, typ in typer().items()}
    ar_lista = sorted(
        {
            typer()[kod].ar_per(nyckel)[0]
            for kod, grupper in alla.items()
            for grupp in grupper
            for _rubrik, nyckel in grupp.utgavor
        },
        reverse=True,
    )
    ar = _ar_param(request) or _forvalt_ar(ar_lista)
    utgavor = {
        (u.dokument, u.nyckel): u for u in Rapportutgava.objects.filter(forbund=forbund, ar=ar)
    }
    dokument = []
    for kod, typ in typer().items():
        mallar = (
            {
                "texter": _url_mall("rapport-texter", kod),
                "kontroll": _url_mall("rapport-kontroll", kod),
                "oppna": _url_mall("rapport-oppna", kod),
                "faststall": _url_mall("rapport-faststall", kod),
            }
            if kansli_anv
            else {}
        )
        grupper = []
        for grupp in alla[kod]:
            rader = []
            for rubrik, nyckel in grupp.utgavor:
                if typ.ar_per(nyckel)[0] != ar:
                    continue
                visa_url = typ.visa_url(nyckel)
                i_url = quote(nyckel, safe=_SAKRA_TECKEN)
                rader.append(
                    {
                        "nyckel": nyckel,
                        "rubrik": rubrik or typ.rubrik(nyckel),
                        "utgava": utgavor.get((kod, nyckel)),
                        "visa_url": visa_url,
                        "pdf_url": f"{visa_url}pdf/",
                        **{f"{k}_url": m.replace(_NYCKEL, i_url) for k, m in mallar.items()},
                    }
                )
            if rader:
                grupper.append({"rubrik": grupp.rubrik, "rader": rader})
        har_nagon = any(grupp.utgavor for grupp in alla[kod])
        dokument.append({"typ": typ, "grupper": grupper, "har_nagon": har_nagon})
    return render(
        request,
        "rapporter/rapporter.html",
        {
            "dokument": dokument,
            "kansli_anv": kansli_anv,
            "ar": ar,
            "ar_lista": ar_lista,
        },
    )
