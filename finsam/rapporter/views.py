"""Every document in the browser (HTML) and as a PDF download, always of the user's own
förbund, and the Rapporter page that lists the editions. One pair of views for all
documents: finsam/rapporter/urls.py routes each registered document to them with its
`kod`.

No request renders a PDF (finsam.rapporter.pdfjobb): the PDF link serves an adopted
edition's archived file, or the file made before from the same data; otherwise it offers
to order one (POST), and the order's status page follows the worker until the file is
there.
"""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, dataversion, permissions
from finsam.models import Pdfbestallning, Rapportutgava
from finsam.pdf import pdf_fil_response
from finsam.rapporter import RapportSaknas, pdfjobb
from finsam.rapporter.dokument import LAS, dokumenttyp, typer
from finsam.rapporter.utgava import arkivering
from finsam.rapporter.utgava.faststall import verifierad_pdf
from finsam.rapporter.utgava.kontext import rapportkontext


def _las_behorighet(user, typ, nyckel):
    """The user's förbund if the user may read the edition: 403 otherwise (404 where the
    document says outsiders must not learn that it exists)."""
    forbund = access.forbund_for_user(user)
    if not typ.far_lasa(user, forbund, nyckel):
        raise Http404 if typ.dold_for_obehoriga else PermissionDenied
    return forbund


def _bygg(typ, forbund, nyckel, token=LAS):
    """The edition, kept until the next write (Dokumenttyp.bygg_lagrad)."""
    try:
        return typ.bygg_lagrad(forbund, nyckel, token=token)
    except (RapportSaknas, ValueError) as e:
        raise Http404(str(e)) from None


def _rapport_for_user(user, kod, url_kwargs):
    """(typ, rapport, kontext) of the edition the URL names, of the user's förbund.

    403 for a user who may not read the document (404 where the document says outsiders
    must not learn that it exists), 404 for an edition that cannot be built."""
    typ = dokumenttyp(kod)
    nyckel = typ.nyckel_fran_url(**url_kwargs)
    forbund = _las_behorighet(user, typ, nyckel)
    # The data's token, read once before the data: the edition and its warnings are kept
    # under it.
    token = dataversion.aktuell()
    rapport = _bygg(typ, forbund, nyckel, token)
    return typ, rapport, rapportkontext(typ, forbund, nyckel, rapport, lagrad=True, token=token)


@require_GET
@login_required
def visa(request, kod, **url_kwargs):
    typ, _rapport, kontext = _rapport_for_user(request.user, kod, url_kwargs)
    return render(request, typ.template, {**kontext, "pdf": False})


@require_http_methods(["GET", "POST"])
@login_required
def pdf(request, kod, **url_kwargs):
    """The document's PDF without rendering one: an adopted edition's archived file, or the
    file made from exactly the same data before (same bytes). Otherwise a page that offers
    to make it; its POST orders the PDF from the worker and goes to the order's status
    page. Any reader may order: the order is a cache entry, not the förbund's data."""
    typ = dokumenttyp(kod)
    nyckel = typ.nyckel_fran_url(**url_kwargs)
    forbund = _las_behorighet(request.user, typ, nyckel)
    if (arkivrad := pdfjobb.arkiverad(typ, forbund, nyckel)) is not None:
        if request.method == "POST":
            return redirect(request.path)
        try:
            data = verifierad_pdf(arkivrad)
        except (ValueError, FileNotFoundError) as e:
            return render(
                request, "rapporter/arkiv_fel.html", {"fel": str(e), "arkiv": arkivrad}, status=409
            )
        return pdf_fil_response(data, arkivrad.pdf.name.rsplit("/", 1)[-1])
    # The data's token, read once before the data: the PDF's key is kept under it.
    token = dataversion.aktuell()
    underlag = pdfjobb.kept_underlag(
        typ,
        forbund,
        nyckel,
        request.build_absolute_uri("/"),
        token,
        bygg=lambda: _bygg(typ, forbund, nyckel, token),
    )
    if (klar := pdfjobb.fardig(forbund, underlag.nyckel)) is not None:
        if request.method == "POST":
            return redirect("finsam:pdfbestallning-pdf", pk=klar.pk)
        try:
            return _fil(klar)
        except FileNotFoundError:
            pass  # the stored file is gone: make it again
    if request.method == "POST":
        bestallning = pdfjobb.bestall(typ, forbund, nyckel, underlag, user=request.user)
        return redirect("finsam:pdfbestallning", pk=bestallning.pk)
    return render(
        request,
        "rapporter/pdf_bestall.html",
        {
            "typ": typ,
            "rubrik": typ.rubrik(nyckel),
            "visa_url": typ.visa_url(nyckel),
            "pagaende": pdfjobb.pagaende(forbund, underlag.nyckel),
        },
    )


def _fil(bestallning: Pdfbestallning):
    with bestallning.fil.open("rb") as f:
        data = f.read()
    return pdf_fil_response(data, bestallning.filnamn)


def _bestallning_for_user(user, pk) -> tuple[Pdfbestallning, object]:
    """(order, typ): 404 for another förbund's order and for a document the user may not
    read (a steering group sees only its own insats)."""
    forbund = access.forbund_for_user(user)
    bestallning = get_object_or_404(Pdfbestallning, pk=pk, forbund=forbund)
    try:
        typ = dokumenttyp(bestallning.dokument)
    except KeyError:
        raise Http404 from None
    if not typ.far_lasa(user, forbund, bestallning.nyckel):
        raise Http404
    return bestallning, typ


#: The steps of an order, for the progress bar (finsam.rapporter.pdfjobb) ...
_STEG = [
    pdfjobb.STEG_KO,
    pdfjobb.STEG_SIFFROR,
    pdfjobb.STEG_SIDOR,
    pdfjobb.STEG_SPARAR,
    pdfjobb.STEG_KLAR,
]
#: ... and of an adoption (utgava/arkivering.py).
_STEG_FASTSTALL = [arkivering.STEG_KO, arkivering.STEG_ARKIVERAR, arkivering.STEG_KLAR]


def _steg(bestallning: Pdfbestallning) -> tuple[int, int]:
    """(the current step's number, the number of steps)."""
    texter = [str(s) for s in (_STEG_FASTSTALL if bestallning.faststall else _STEG)]
    if bestallning.status == Pdfbestallning.Status.KLAR:
        return len(texter), len(texter)
    return (texter.index(bestallning.steg) + 1 if bestallning.steg in texter else 1), len(texter)


def _klar(bestallning: Pdfbestallning) -> bool:
    if bestallning.status != Pdfbestallning.Status.KLAR:
        return False
    return bestallning.arkiv_id is not None if bestallning.faststall else bool(bestallning.fil)


@never_cache
@require_GET
@login_required
def bestallning(request, pk):
    """An ordered PDF's progress; the finished file is downloaded from here (a redirect,
    or static/rapporter/pdfstatus.js following the status as it changes)."""
    bestallning, typ = _bestallning_for_user(request.user, pk)
    if _klar(bestallning) and bestallning.faststall:
        messages.success(
            request,
            _(
                "%(rapport)s är fastställd. PDF:en är arkiverad (SHA-256 %(sha)s…) och "
                "uppgifterna den bygger på är låsta."
            )
            % {"rapport": typ.rubrik(bestallning.nyckel), "sha": bestallning.arkiv.sha256[:12]},
        )
        return redirect("finsam:rapportarkiv")
    if _klar(bestallning):
        return redirect("finsam:pdfbestallning-pdf", pk=bestallning.pk)
    steg_nummer, steg_antal = _steg(bestallning)
    return render(
        request,
        "rapporter/pdf_status.html",
        {
            "bestallning": bestallning,
            "typ": typ,
            "rubrik": typ.rubrik(bestallning.nyckel),
            "visa_url": typ.visa_url(bestallning.nyckel),
            "pdf_url": typ.pdf_url(bestallning.nyckel),
            "steg_nummer": steg_nummer,
            "steg_antal": steg_antal,
        },
    )


@never_cache
@require_GET
@login_required
def bestallning_status(request, pk):
    """The order's status as JSON, for the status page's script."""
    bestallning, _typ = _bestallning_for_user(request.user, pk)
    steg_nummer, steg_antal = _steg(bestallning)
    if not _klar(bestallning):
        fil_url = None
    elif bestallning.faststall:  # the status page sends on to the archive
        fil_url = reverse("finsam:pdfbestallning", args=[bestallning.pk])
    else:
        fil_url = reverse("finsam:pdfbestallning-pdf", args=[bestallning.pk])
    return JsonResponse(
        {
            "status": bestallning.status,
            "status_text": bestallning.get_status_display(),
            "steg": bestallning.steg,
            "steg_nummer": steg_nummer,
            "steg_antal": steg_antal,
            "fel": bestallning.fel,
            "fil_url": fil_url,
        }
    )


@require_GET
@login_required
def bestallning_pdf(request, pk):
    """The finished file of an order; its status page while it is not finished."""
    bestallning, _typ = _bestallning_for_user(request.user, pk)
    if _klar(bestallning) and bestallning.faststall:
        return redirect("finsam:rapportarkiv-pdf", pk=bestallning.arkiv_id)
    if not _klar(bestallning):
        return redirect("finsam:pdfbestallning", pk=bestallning.pk)
    try:
        return _fil(bestallning)
    except FileNotFoundError:
        raise Http404("Filen finns inte längre. Beställ PDF:en igen från dokumentet.") from None


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
