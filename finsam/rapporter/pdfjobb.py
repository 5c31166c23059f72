"""A document's PDF, made by a background worker and kept for as long as its data is unchanged.

    underlag = pdf_underlag(typ, forbund, nyckel, rapport, bas_url)  # its key and file name
    underlag = kept_underlag(typ, forbund, nyckel, bas_url, token, bygg=...)  # the same, kept
    fil = fardig(forbund, underlag.nyckel)            # a finished order with that key, or None
    bestallning = bestall(typ, forbund, nyckel, underlag, user=request.user)
    # ... the worker (`manage.py db_worker`) runs skapa_pdf(bestallning.pk)

No request renders a PDF. The page asks for the document's PDF: an adopted edition's
comes from the archive (Rapportarkiv, never rebuilt); otherwise the request builds the
document's HTML and its cache key (finsam.pdf.cachenyckel), and keeps the key under the
data's token (finsam/dataversion.py) and the day, so that the PDF link of unchanged data
builds nothing at all after the first time in a server process. A finished order with
that key is served at once, the same bytes; else the reader orders one (POST), which
writes only the order (a Pdfbestallning, a cache entry, not the förbund's data) and a row
in the task queue (django-tasks with its database backend). The worker builds the
document again, lays it out and stores the file; the status page follows its steps.

If the data changed between the order and the work, the worker makes the PDF of what is
there then and stores it under the key of what it actually built: a file is always filed
under the key of its own contents.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from finsam import dataversion, rapportbilder
from finsam.models import Pdfbestallning, Rapportarkiv, Rapportutgava
from finsam.pdf import PDF_VARIANT, cachenyckel, html_till_pdf, pdf_html
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import Dokumenttyp, dokumenttyp
from finsam.rapporter.utgava.kontext import rapportkontext

logger = logging.getLogger(__name__)

#: The steps the status page shows, in order.
STEG_KO = gettext_lazy("Väntar på sin tur")
STEG_SIFFROR = gettext_lazy("Hämtar siffror och texter")
STEG_SIDOR = gettext_lazy("Sätter sidor")
STEG_SPARAR = gettext_lazy("Sparar filen")
STEG_KLAR = gettext_lazy("Klar")
#: The message shown for a failure that has no Swedish message of its own.
OVANTAT = gettext_lazy(
    "ett oväntat fel uppstod. Försök igen; kontakta systemförvaltaren om felet återkommer."
)


@dataclass(frozen=True)
class Underlag:
    """What a PDF would be built from now: the cache key of its HTML, the base address the
    HTML was made for and the file's name."""

    nyckel: str
    bas_url: str
    filnamn: str


def pdf_underlag(
    typ: Dokumenttyp, forbund, nyckel: str, rapport, bas_url: str, *, lagrad: bool = False
) -> Underlag:
    """The cache key of the document's HTML as the PDF shows it (built, no PDF is made), and
    the file's name. `lagrad`: `rapport` is the stored edition (rapportkontext)."""
    with rapportbilder.pdf_bilder():
        html = pdf_html(typ.template, rapportkontext(typ, forbund, nyckel, rapport, lagrad=lagrad))
    return Underlag(
        nyckel=cachenyckel(html, bas_url, PDF_VARIANT),
        bas_url=bas_url,
        filnamn=str(rapport.filnamn),
    )


def kept_underlag(
    typ: Dokumenttyp, forbund, nyckel: str, bas_url: str, token: str | None, *, bygg
) -> Underlag:
    """`pdf_underlag` of the edition `bygg()` returns (the stored one), kept under the
    data's token and today's date: computed again after any write. `token` as read before
    any of the data."""
    return dataversion.hamta(
        ("pdfnyckel", forbund.pk, typ.kod, nyckel, bas_url, timezone.localdate()),
        lambda: pdf_underlag(typ, forbund, nyckel, bygg(), bas_url, lagrad=True),
        token=token,
    )


def arkiverad(typ: Dokumenttyp, forbund, nyckel: str) -> Rapportarkiv | None:
    """The newest archived PDF of an adopted edition, or None (a draft, or reopened)."""
    return (
        Rapportarkiv.objects.filter(
            utgava__forbund=forbund,
            utgava__dokument=typ.kod,
            utgava__nyckel=nyckel,
            utgava__status=Rapportutgava.Status.FASTSTALLD,
        )
        .select_related("utgava")
        .order_by("-lopnummer")
        .first()
    )


def fardig(forbund, nyckel: str) -> Pdfbestallning | None:
    """The newest finished PDF built from exactly this (cache key), or None."""
    return (
        Pdfbestallning.objects.filter(
            forbund=forbund, cachenyckel=nyckel, status=Pdfbestallning.Status.KLAR
        )
        .exclude(fil="")
        .order_by("-klar_tid")
        .first()
    )


def pagaende(forbund, nyckel: str) -> Pdfbestallning | None:
    """An order for this cache key that is queued or being made, or None."""
    return (
        Pdfbestallning.objects.filter(
            forbund=forbund,
            cachenyckel=nyckel,
            status__in=[Pdfbestallning.Status.KOAR, Pdfbestallning.Status.PAGAR],
        )
        .order_by("-skapad")
        .first()
    )


def bestall(typ: Dokumenttyp, forbund, nyckel: str, underlag: Underlag, *, user) -> Pdfbestallning:
    """Order the PDF (or return the order already under way for the same key) and put its
    task in the queue. Writes the order and the queue's row, nothing of the förbund's."""
    with transaction.atomic():
        if (redan := pagaende(forbund, underlag.nyckel)) is not None:
            return redan
        bestallning = Pdfbestallning.objects.create(
            forbund=forbund,
            dokument=typ.kod,
            nyckel=nyckel,
            bestalld_av=user if getattr(user, "is_authenticated", False) else None,
            cachenyckel=underlag.nyckel,
            bas_url=underlag.bas_url[:200],
            filnamn=underlag.filnamn.replace(":", "-")[:200],
            steg=STEG_KO,
        )
        resultat = skapa_pdf.enqueue(bestallning.pk)
    # The immediate backend (tests) has run the task already: keep what it wrote.
    Pdfbestallning.objects.filter(pk=bestallning.pk).update(uppgift_id=str(resultat.id))
    bestallning.refresh_from_db()
    return bestallning


def _steg(bestallning: Pdfbestallning, steg: str, **falt) -> None:
    """Record a step at once (autocommit), for the status page that polls it."""
    for namn, varde in {"steg": steg, **falt}.items():
        setattr(bestallning, namn, varde)
    bestallning.save(update_fields=["steg", *falt])


def felmeddelande(fel: BaseException) -> str:
    """The Swedish message of a failed order: the builder's own (Swedish) reason for a
    report that cannot be built, else a general one; the details go to the log."""
    orsak = str(fel) if isinstance(fel, RapportSaknas) and str(fel) else str(OVANTAT)
    return _("PDF:en kunde inte skapas: %(orsak)s") % {"orsak": orsak}


def _rensa_ersatta(bestallning: Pdfbestallning) -> None:
    """Delete the earlier finished PDFs of the same edition (other data, another key):
    the cache keeps one file per edition, the newest. Their orders go with them."""
    ersatta = Pdfbestallning.objects.filter(
        forbund_id=bestallning.forbund_id,
        dokument=bestallning.dokument,
        nyckel=bestallning.nyckel,
        status=Pdfbestallning.Status.KLAR,
    ).exclude(pk=bestallning.pk)
    for gammal in ersatta:
        if gammal.fil and gammal.fil.name != bestallning.fil.name:
            gammal.fil.delete(save=False)
        gammal.delete()


@task()
def skapa_pdf(bestallning_id: int) -> int:
    """The worker's job: build the document, lay out its PDF, store the file. Returns the
    file's size. A failure is recorded on the order in Swedish, logged, and raised again
    so that the task queue also records it as failed."""
    bestallning = Pdfbestallning.objects.select_related("forbund").get(pk=bestallning_id)
    if bestallning.status == Pdfbestallning.Status.KLAR:
        return bestallning.storlek or 0
    _steg(
        bestallning,
        STEG_SIFFROR,
        status=Pdfbestallning.Status.PAGAR,
        borjad=timezone.now(),
        fel="",
    )
    try:
        typ = dokumenttyp(bestallning.dokument)
        forbund, nyckel = bestallning.forbund, bestallning.nyckel
        rapport = typ.bygg(forbund, nyckel)
        with rapportbilder.pdf_bilder():
            html = pdf_html(typ.template, rapportkontext(typ, forbund, nyckel, rapport))
            _steg(bestallning, STEG_SIDOR)
            pdf = html_till_pdf(html, base_url=bestallning.bas_url or None, variant=PDF_VARIANT)
        _steg(bestallning, STEG_SPARAR)
        bestallning.fil.save(bestallning.filnamn, ContentFile(pdf), save=False)
        _steg(
            bestallning,
            STEG_KLAR,
            fil=bestallning.fil,
            storlek=len(pdf),
            cachenyckel=cachenyckel(html, bestallning.bas_url, PDF_VARIANT),
            status=Pdfbestallning.Status.KLAR,
            klar_tid=timezone.now(),
        )
        _rensa_ersatta(bestallning)
        return len(pdf)
    except Exception as fel:
        logger.exception(
            "PDF-beställning %s (%s %s) misslyckades",
            bestallning.pk,
            bestallning.dokument,
            bestallning.nyckel,
        )
        _steg(
            bestallning,
            _("Misslyckades"),
            status=Pdfbestallning.Status.FEL,
            fel=felmeddelande(fel),
            klar_tid=timezone.now(),
        )
        raise
