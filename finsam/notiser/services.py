"""Writes of the notices: create them (and mail them at once to those who want that), mark
them read, save a user's setting, send the weekly digest.

The direct e-mails go out with `transaction.on_commit`: a notice created in a transaction
that is rolled back (a refused transition) is never mailed, and a slow or failing mail
server does not hold the transaction. A mail that fails is logged and left unmailed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.models import Notis, Notisinstallning, User

logger = logging.getLogger(__name__)

Satt = Notisinstallning.Satt

#: How far back the weekly digest looks for notices not yet mailed.
SAMMANFATTNING_DAGAR = 7


def standard_base_url() -> str:
    """The site's address for links in e-mails sent without a request (commands, the demo)."""
    return os.environ.get("FINSAM_BASE_URL") or getattr(
        settings, "FINSAM_BASE_URL", "http://localhost:8000"
    )


def absolut(base_url: str | None, lank: str) -> str:
    if not lank:
        return ""
    if lank.startswith(("http://", "https://")):
        return lank
    return (base_url or standard_base_url()).rstrip("/") + lank


# --- create ----------------------------------------------------------------------------


@transaction.atomic
def notifiera(
    mottagare: Iterable[User],
    *,
    forbund,
    typ: str,
    rubrik: str,
    text: str = "",
    lank: str = "",
    base_url: str | None = None,
    skicka_epost: bool = True,
) -> list[Notis]:
    """One notice per active recipient (each once), and, after the transaction commits, an
    e-mail to each recipient who wants one per notice and has an address.

    `lank` is a path in the app; `base_url` (e.g. request.build_absolute_uri("/")) is put
    in front of it in the e-mail. `skicka_epost=False` (the demo) creates the notices as
    already mailed: no e-mail now and none in a digest.
    """
    unika = {}
    for user in mottagare:
        if user.is_active and user.forbund_id == forbund.pk:
            unika.setdefault(user.pk, user)
    if not unika:
        return []
    nu = timezone.now()
    notiser = [
        Notis(
            mottagare=user,
            forbund=forbund,
            typ=typ,
            rubrik=rubrik[:200],
            text=text,
            lank=lank,
            skapad=nu,
            mailad=None if skicka_epost else nu,
        )
        for user in unika.values()
    ]
    for n in notiser:
        n.full_clean(exclude=["mottagare", "forbund"])
    Notis.objects.bulk_create(notiser)
    if not skicka_epost:
        return notiser
    satt = dict(
        Notisinstallning.objects.filter(anvandare_id__in=unika).values_list("anvandare_id", "satt")
    )
    direkt = [
        n.pk
        for n in notiser
        if satt.get(n.mottagare_id, Satt.DIREKT) == Satt.DIREKT and n.mottagare.email
    ]
    if direkt:
        transaction.on_commit(lambda: skicka_direkt(direkt, base_url=base_url))
    return notiser


def _avslutning(forbund, base_url) -> str:
    return _(
        "\n\nDu får det här e-brevet från FINSAM. Välj om du vill ha ett e-brev per notis, en "
        "sammanfattning per vecka eller ingen e-post: %(installningar)s\n\nHälsningar\n%(forbund)s"
    ) % {
        "installningar": absolut(base_url, reverse("finsam:notis-installningar")),
        "forbund": forbund,
    }


def _direktbrev(notis: Notis, base_url) -> EmailMessage:
    delar = [_("Hej %(namn)s!") % {"namn": notis.mottagare}, notis.text]
    if notis.lank:
        delar.append(_("Öppna i FINSAM: %(lank)s") % {"lank": absolut(base_url, notis.lank)})
    body = "\n\n".join(d for d in delar if d) + _avslutning(notis.forbund, base_url)
    return EmailMessage(
        subject=notis.rubrik,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notis.mottagare.email],
    )


def _skicka(brev: list[tuple[list[int], EmailMessage]]) -> int:
    """Send each message; mark its notices mailed when it went. Returns messages sent."""
    if not brev:
        return 0
    skickade = 0
    with get_connection() as connection:
        for pks, meddelande in brev:
            meddelande.connection = connection
            try:
                meddelande.send()
            except Exception:  # a mail server's refusal must not undo the notice
                logger.exception("Kunde inte skicka notis till %s", meddelande.to)
                continue
            Notis.objects.filter(pk__in=pks, mailad__isnull=True).update(mailad=timezone.now())
            skickade += 1
    return skickade


def skicka_direkt(pks: list[int], *, base_url: str | None = None) -> int:
    """Mail each of these notices not yet mailed to its recipient, one e-mail each."""
    notiser = Notis.objects.filter(pk__in=pks, mailad__isnull=True).select_related(
        "mottagare", "forbund"
    )
    return _skicka([([n.pk], _direktbrev(n, base_url)) for n in notiser if n.mottagare.email])


# --- the weekly digest -----------------------------------------------------------------


def _sammanfattning(user, notiser: list[Notis], base_url) -> EmailMessage:
    antal = len(notiser)
    rubrik = (
        _("Veckans notiser i FINSAM: 1 ny notis")
        if antal == 1
        else _("Veckans notiser i FINSAM: %(antal)s nya notiser") % {"antal": antal}
    )
    rader = [
        _("Hej %(namn)s!") % {"namn": user},
        _("Här är veckans notiser:"),
    ]
    for n in notiser:
        stycke = f"* {timezone.localtime(n.skapad):%Y-%m-%d %H:%M} {n.rubrik}"
        if n.text:
            stycke += "\n  " + n.text.replace("\n", "\n  ")
        if n.lank:
            stycke += "\n  " + absolut(base_url, n.lank)
        rader.append(stycke)
    rader.append(
        _("Alla notiser: %(lista)s") % {"lista": absolut(base_url, reverse("finsam:notiser"))}
    )
    body = "\n\n".join(rader) + _avslutning(notiser[0].forbund, base_url)
    return EmailMessage(
        subject=rubrik, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )


def skicka_veckosammanfattning(*, base_url: str | None = None, nu=None) -> int:
    """One e-mail to each active user who chose the weekly digest, with the notices of the
    last SAMMANFATTNING_DAGAR days not yet mailed; they are marked mailed, so a second run
    sends nothing. Returns the e-mails sent."""
    nu = nu or timezone.now()
    anvandare = User.objects.filter(is_active=True, notisinstallning__satt=Satt.VECKA).exclude(
        email=""
    )
    notiser = (
        Notis.objects.filter(
            mottagare__in=anvandare,
            mailad__isnull=True,
            skapad__gt=nu - timedelta(days=SAMMANFATTNING_DAGAR),
            skapad__lte=nu,
        )
        .select_related("mottagare", "forbund")
        .order_by("mottagare_id", "skapad", "pk")
    )
    per_user: dict[int, list[Notis]] = {}
    for n in notiser:
        per_user.setdefault(n.mottagare_id, []).append(n)
    brev = [
        ([n.pk for n in lista], _sammanfattning(lista[0].mottagare, lista, base_url))
        for lista in per_user.values()
    ]
    return _skicka(brev)


# --- read ------------------------------------------------------------------------------


def markera_last(*, notis: Notis) -> Notis:
    if notis.last is None:
        notis.last = timezone.now()
        Notis.objects.filter(pk=notis.pk, last__isnull=True).update(last=notis.last)
    return notis


def markera_alla_lasta(*, anvandare) -> int:
    if anvandare.forbund_id is None:  # no notices (finsam.notiser.selectors._egna)
        return 0
    return Notis.objects.filter(mottagare=anvandare, last__isnull=True).update(last=timezone.now())


# --- the setting -----------------------------------------------------------------------


@transaction.atomic
def installning_spara(*, anvandare, satt: str) -> Notisinstallning | None:
    """Store the user's choice. The default without a row, or the same choice again,
    writes nothing."""
    rad = Notisinstallning.objects.select_for_update().filter(anvandare=anvandare).first()
    if rad is None:
        if satt == Satt.DIREKT:
            return None
        rad = Notisinstallning(anvandare=anvandare, satt=satt)
        rad.full_clean()
        rad.save()
        return rad
    if rad.satt != satt:
        rad.satt = satt
        rad.full_clean()
        rad.save(update_fields=["satt"])
    return rad
