"""Fastställ in the background: the worker adopts the edition and archives its PDF.

    bestallning = bestall(typ, forbund, "2025", beslutsdatum=..., paragraf="§ 12", user=u)
    # ... the worker (`manage.py db_worker`) runs arkivera(bestallning.pk, ...)

No request renders a PDF, the archive's included. The fastställ page checks what it can
at once (the decision's date and paragraph, the checklist's blocking findings) and orders
the adoption (a Pdfbestallning with `faststall` set, and a task in the queue); the worker
runs `faststall.faststall` as it always ran: one transaction that marks the edition
adopted, renders and archives the PDF and locks what it was built from, so a failure
leaves nothing half done. The order's status page (finsam.rapporter.views) follows it and
then goes to the archive.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from finsam.models import Pdfbestallning, User
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import Dokumenttyp, dokumenttyp
from finsam.rapporter.utgava import faststall

logger = logging.getLogger(__name__)

STEG_KO = gettext_lazy("Väntar på sin tur")
STEG_ARKIVERAR = gettext_lazy("Fastställer och arkiverar PDF:en")
STEG_KLAR = gettext_lazy("Klar")


def pagaende(forbund, typ: Dokumenttyp, nyckel: str) -> Pdfbestallning | None:
    """The edition's adoption that is queued or under way, or None."""
    return Pdfbestallning.objects.filter(
        forbund=forbund,
        dokument=typ.kod,
        nyckel=nyckel,
        faststall=True,
        status__in=[Pdfbestallning.Status.KOAR, Pdfbestallning.Status.PAGAR],
    ).first()


def bestall(
    typ: Dokumenttyp, forbund, nyckel: str, *, beslutsdatum: date, paragraf: str, user
) -> Pdfbestallning:
    """Order the adoption from the worker (or return the one already under way)."""
    faststall.kontrollera_beslut(beslutsdatum, paragraf)
    with transaction.atomic():
        if (redan := pagaende(forbund, typ, nyckel)) is not None:
            return redan
        bestallning = Pdfbestallning.objects.create(
            forbund=forbund,
            dokument=typ.kod,
            nyckel=nyckel,
            bestalld_av=user if getattr(user, "is_authenticated", False) else None,
            faststall=True,
            cachenyckel="",
            filnamn="",
            steg=STEG_KO,
        )
        resultat = arkivera.enqueue(
            bestallning.pk, beslutsdatum.isoformat(), paragraf.strip(), bestallning.bestalld_av_id
        )
    Pdfbestallning.objects.filter(pk=bestallning.pk).update(uppgift_id=str(resultat.id))
    bestallning.refresh_from_db()
    return bestallning


def felmeddelande(fel: BaseException) -> str:
    if isinstance(fel, ValidationError):
        orsak = " ".join(fel.messages)
    elif isinstance(fel, RapportSaknas) and str(fel):
        orsak = str(fel)
    else:
        orsak = _(
            "ett oväntat fel uppstod. Försök igen; kontakta systemförvaltaren om felet återkommer."
        )
    return _("Rapporten kunde inte fastställas: %(orsak)s") % {"orsak": orsak}


def _spara(bestallning: Pdfbestallning, **falt) -> None:
    for namn, varde in falt.items():
        setattr(bestallning, namn, varde)
    bestallning.save(update_fields=list(falt))


@task()
def arkivera(bestallning_id: int, beslutsdatum: str, paragraf: str, user_id: int | None) -> int:
    """The worker's job: adopt the edition and archive its PDF (faststall.faststall).
    Returns the archived file's size; a failure is recorded on the order in Swedish,
    logged, and raised again for the task queue."""
    bestallning = Pdfbestallning.objects.select_related("forbund").get(pk=bestallning_id)
    if bestallning.status == Pdfbestallning.Status.KLAR:
        return bestallning.storlek or 0
    _spara(
        bestallning,
        status=Pdfbestallning.Status.PAGAR,
        steg=str(STEG_ARKIVERAR),
        borjad=timezone.now(),
        fel="",
    )
    try:
        arkiv = faststall.faststall(
            dokumenttyp(bestallning.dokument),
            bestallning.forbund,
            bestallning.nyckel,
            beslutsdatum=date.fromisoformat(beslutsdatum),
            paragraf=paragraf,
            user=User.objects.filter(pk=user_id).first() if user_id else None,
        )
    except Exception as fel:
        logger.exception(
            "Fastställande %s (%s %s) misslyckades",
            bestallning.pk,
            bestallning.dokument,
            bestallning.nyckel,
        )
        _spara(
            bestallning,
            status=Pdfbestallning.Status.FEL,
            steg=_("Misslyckades"),
            fel=felmeddelande(fel),
            klar_tid=timezone.now(),
        )
        raise
    _spara(
        bestallning,
        status=Pdfbestallning.Status.KLAR,
        steg=str(STEG_KLAR),
        arkiv=arkiv,
        storlek=arkiv.storlek,
        klar_tid=timezone.now(),
    )
    return arkiv.storlek
