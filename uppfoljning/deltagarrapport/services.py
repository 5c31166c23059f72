"""Writes of the rapport area: open a period, remind, save a report, and its workflow.

Every change of a report's status is one of the `rapport_*` functions below and leaves a
Rapporthandelse (who, when, why). Services never take `request`; views pass `base_url`
(e.g. "https://finsam.example.org") so that e-mails can link back.

Who may do what is asked of `permissions`, the figures' rules of `regler`, and the reads
(measures, stored figures, reports to remind) of `selectors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from finsam import permissions
from finsam.concurrency import bump_locked, save_locked
from finsam.models import User
from finsam.notiser import services as notiser
from insatser.models import Insats
from uppfoljning.deltagarrapport.permissions import can_edit_rapport, can_review_rapport
from uppfoljning.deltagarrapport.regler import KON_ORDNING, Key, check_consistency, check_sums
from uppfoljning.deltagarrapport.selectors import (
    matt_for_insats,
    periods_due_for_reminder,
    rapporter_att_paminna,
    stored_values,
)
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.models import (
    Deltagarrapport,
    Enkatsvar,
    Rapporthandelse,
    Rapportperiod,
    Rapportvarde,
)

Status = Deltagarrapport.Status
Handelse = Rapporthandelse.Handelse


# --- periods -------------------------------------------------------------------------------


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _styrgrupp_adresser(insats: Insats) -> list[str]:
    return sorted({u.email for u in insats.styrgrupp.all() if u.email and u.is_active})


def _mail_oppnad(rapport: Deltagarrapport, *, base_url: str) -> int:
    period = rapport.period
    to = _styrgrupp_adresser(rapport.insats)
    if not to:
        return 0
    link = _absolute(base_url, reverse("uppfoljning:rapport-edit", args=[rapport.pk]))
    subject = _("Deltagarrapport %(period)s för %(insats)s") % {
        "period": period,
        "insats": rapport.insats,
    }
    body = _(
        "Hej!\n\nNu är det dags att rapportera deltagarna i %(insats)s för %(period)s "
        "(%(start)s – %(slut)s). Sista dag är %(sista)s.\n\nFyll i rapporten här: %(link)s\n\n"
        "Rapportera bara antal – skriv aldrig namn eller andra personuppgifter.\n\n"
        "Hälsningar\n%(forbund)s"
    ) % {
        "insats": rapport.insats,
        "period": period,
        "start": period.startdatum.isoformat(),
        "slut": period.slutdatum.isoformat(),
        "sista": period.sista_dag.isoformat(),
        "link": link,
        "forbund": period.forbund,
    }
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@transaction.atomic
def period_open(
    *,
    forbund,
    ar: int,
    typ: str,
    sista_dag: date,
    insatser,
    anvandare,
    base_url: str,
    skicka_epost: bool = True,
) -> Rapportperiod:
    """Open a period: one draft report per chosen insats, measures in place, e-mail sent
    (unless `skicka_epost` is False, as when the demo data is loaded)."""
    if not permissions.can_edit_forbund(anvandare, forbund):
        raise PermissionDenied(_("Bara kansliet kan öppna en rapportperiod."))
    insatser = list(insatser)
    if any(i.forbund_id != forbund.pk for i in insatser):
        raise ValidationError(_("Insatserna måste höra till förbundet."))
    period = Rapportperiod(
        forbund=forbund, ar=ar, typ=typ, sista_dag=sista_dag, oppnad=timezone.now()
    )
    period.full_clean()
    period.save()
    period.insatser.set(insatser)
    skapa_standardmatt(forbund)
    rapporter = []
    for insats in insatser:
        rapport = Deltagarrapport(period=period, insats=insats)
        rapport.full_clean()
        rapport.save()
        Rapporthandelse.objects.create(
            rapport=rapport, handelse=Handelse.SKAPAD, anvandare=anvandare
        )
        rapporter.append(rapport)
    for rapport in rapporter:
        if skicka_epost:
            _mail_oppnad(rapport, base_url=base_url)
    return period


@transaction.atomic
def period_remind(*, period: Rapportperiod, base_url: str, anvandare=None) -> int:
    """E-mail the steering groups of reports not yet submitted. Returns e-mails sent.

    `anvandare` is the kansli user who clicked; None when the daily command sends it.
    """
    if anvandare is not None and not permissions.can_edit_forbund(anvandare, period.forbund):
        raise PermissionDenied(_("Bara kansliet kan skicka påminnelser."))
    skickade = 0
    for rapport in rapporter_att_paminna(period):
        to = _styrgrupp_adresser(rapport.insats)
        if not to:
            continue
        link = _absolute(base_url, reverse("uppfoljning:rapport-edit", args=[rapport.pk]))
        subject = _("Påminnelse: deltagarrapport %(period)s för %(insats)s") % {
            "period": period,
            "insats": rapport.insats,
        }
        body = _(
            "Hej!\n\nDeltagarrapporten för %(insats)s, %(period)s, är inte inskickad än. "
            "Sista dag är %(sista)s.\n\nFyll i och skicka in rapporten här: %(link)s\n\n"
            "Hälsningar\n%(forbund)s"
        ) % {
            "insats": rapport.insats,
            "period": period,
            "sista": period.sista_dag.isoformat(),
            "link": link,
            "forbund": period.forbund,
        }
        skickade += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    Rapportperiod.objects.filter(pk=period.pk).update(paminnelse_skickad=timezone.now())
    period.paminnelse_skickad = timezone.now()
    return skickade


def remind_due(*, today: date, base_url: str) -> list[tuple[Rapportperiod, int]]:
    return [
        (period, period_remind(period=period, base_url=base_url))
        for period in periods_due_for_reminder(today=today)
    ]


# --- a report's content ----------------------------------------------------------------


@dataclass
class Enkatrad:
    fraga: str
    ja_helt: int
    ja_delvis: int
    nej: int


def _require_editable(rapport: Deltagarrapport, anvandare) -> None:
    if not can_edit_rapport(anvandare, rapport):
        raise PermissionDenied(_("Du kan inte ändra den här rapporten."))
    if not rapport.redigerbar:
        raise ValidationError(
            _("Rapporten är %(status)s och kan inte ändras.")
            % {"status": rapport.get_status_display().lower()}
        )


@transaction.atomic
def rapport_save(
    *,
    rapport: Deltagarrapport,
    anvandare,
    expected_version: int,
    varden: dict[Key, Decimal | None],
    texter: dict[str, str],
    enkatsvar: list[Enkatrad] | None = None,
) -> Deltagarrapport:
    """Save the figures and texts as they are (a draft may be incomplete).

    Refused with ConflictError when someone saved after `expected_version` was loaded. A
    save that changes nothing writes nothing.
    """
    _require_editable(rapport, anvandare)
    giltiga = {m.pk: m for m in matt_for_insats(rapport.insats)}
    for field in ("vad_gick_bra", "svarigheter", "lokala_mal", "ovrigt"):
        if field in texter:
            setattr(rapport, field, texter[field])
    rapport.full_clean()
    befintliga = {(v.matt_id, v.kon): v for v in rapport.varden.all()}
    andringar = []
    for (matt_id, kon), value in varden.items():
        matt = giltiga.get(matt_id)
        if matt is None or (kon not in KON_ORDNING if matt.per_kon else kon != ""):
            continue
        current = befintliga.get((matt_id, kon))
        if value is None and current is None:
            continue
        if current is None or value is None or current.varde != value:
            andringar.append((matt, kon, current, value))
    enkat_andrad = enkatsvar is not None and [
        (s.fraga, s.ja_helt, s.ja_delvis, s.nej) for s in rapport.enkatsvar.all()
    ] != [(r.fraga, r.ja_helt, r.ja_delvis, r.nej) for r in enkatsvar]
    # Changed figures or survey answers are a change of the report: they bump its version.
    save_locked(
        rapport,
        expected_version=expected_version,
        changed_elsewhere=bool(andringar or enkat_andrad),
    )
    for matt, kon, current, value in andringar:
        if value is None:
            current.delete()
        elif current is None:
            Rapportvarde.objects.create(rapport=rapport, matt=matt, kon=kon, varde=value)
        else:
            current.varde = value
            current.save(update_fields=["varde"])
    if enkat_andrad:
        rapport.enkatsvar.all().delete()
        for ordning, rad in enumerate(enkatsvar, start=1):
            svar = Enkatsvar(
                rapport=rapport,
                fraga=rad.fraga,
                ja_helt=rad.ja_helt,
                ja_delvis=rad.ja_delvis,
                nej=rad.nej,
                ordning=ordning,
            )
            svar.full_clean()
            svar.save()
    return rapport


# --- the workflow -----------------------------------------------------------------------


def _locked_copy(rapport: Deltagarrapport) -> Deltagarrapport:
    """The stored report, locked for this transaction, so two clicks cannot both pass."""
    return (
        Deltagarrapport.objects.select_for_update()
        .select_related("period__forbund", "insats")
        .get(pk=rapport.pk)
    )


def _transition(rapport, *, till: str, handelse: str, anvandare, kommentar: str = ""):
    stored = _locked_copy(rapport)
    stored.status = till
    bump_locked(stored, expected_version=stored.lock_version)
    stored.save(update_fields=["status", "lock_version"])
    Rapporthandelse.objects.create(
        rapport=stored, handelse=handelse, anvandare=anvandare, kommentar=kommentar
    )
    rapport.status = stored.status
    rapport.lock_version = stored.lock_version
    return rapport


# --- notices of the workflow (finsam.notiser: in-app, and e-mail as each user chose) --------


def _kansli_anvandare(forbund):
    return User.objects.filter(forbund=forbund, roll=User.Roll.KANSLI, is_active=True)


def _med_kommentar(text: str, kommentar: str, rubrik: str) -> str:
    kommentar = (kommentar or "").strip()
    return f"{text}\n\n{rubrik}\n{kommentar}" if kommentar else text


@dataclass(frozen=True)
class _Notissteg:
    """Who is told of a step of a report, and what: the kansli (till_kansli) or the
    insats's steering group, the subject and text (`%(insats)s`, `%(period)s`, `%(vem)s`),
    the label in front of the step's comment and the URL name of the link."""

    till_kansli: bool
    rubrik: str
    text: str
    kommentar_rubrik: str
    lank: str


_NOTISSTEG = {
    Handelse.INSKICKAD: _Notissteg(
        till_kansli=True,
        rubrik=gettext_lazy("Deltagarrapport inskickad: %(insats)s, %(period)s"),
        text=gettext_lazy(
            "%(vem)s har skickat in deltagarrapporten för %(insats)s, %(period)s. Granska den "
            "och godkänn den, eller returnera den till styrgruppen med en kommentar om vad som "
            "ska rättas."
        ),
        kommentar_rubrik=gettext_lazy("Kommentar:"),
        lank="uppfoljning:rapport-detail",
    ),
    Handelse.RETURNERAD: _Notissteg(
        till_kansli=False,
        rubrik=gettext_lazy("Deltagarrapport returnerad: %(insats)s, %(period)s"),
        text=gettext_lazy(
            "Kansliet har returnerat deltagarrapporten för %(insats)s, %(period)s. Rätta det "
            "som kommentaren tar upp och skicka in rapporten igen."
        ),
        kommentar_rubrik=gettext_lazy("Kansliets kommentar:"),
        lank="uppfoljning:rapport-edit",
    ),
    Handelse.GODKAND: _Notissteg(
        till_kansli=False,
        rubrik=gettext_lazy("Deltagarrapport godkänd: %(insats)s, %(period)s"),
        text=gettext_lazy(
            "Kansliet har godkänt deltagarrapporten för %(insats)s, %(period)s. Tack för rapporten!"
        ),
        kommentar_rubrik=gettext_lazy("Kansliets kommentar:"),
        lank="uppfoljning:rapport-detail",
    ),
}


def notifiera_steg(
    rapport: Deltagarrapport,
    handelse: str,
    *,
    anvandare,
    kommentar: str = "",
    utom=None,
    base_url: str | None = None,
    skicka_epost: bool = True,
) -> list:
    """The notices of one step of a report, as `_NOTISSTEG` says: inskickad → the
    förbund's kansli; returnerad (with the comment) and godkänd → the insats's steering
    group. `anvandare` did it; `utom` (the workflow passes the same user) is not notified
    of their own step. Other steps notify nobody. Returns the notices created."""
    steg = _NOTISSTEG.get(handelse)
    if steg is None:
        return []
    varden = {
        "insats": rapport.insats,
        "period": rapport.period,
        "vem": anvandare or _("Styrgruppen"),
    }
    mottagare = (
        _kansli_anvandare(rapport.period.forbund)
        if steg.till_kansli
        else rapport.insats.styrgrupp.all()
    )
    return notiser.notifiera(
        [u for u in mottagare if utom is None or u.pk != utom.pk],
        forbund=rapport.period.forbund,
        typ=f"rapport_{handelse}",
        rubrik=str(steg.rubrik) % varden,
        text=_med_kommentar(str(steg.text) % varden, kommentar, str(steg.kommentar_rubrik)),
        lank=reverse(steg.lank, args=[rapport.pk]),
        base_url=base_url,
        skicka_epost=skicka_epost,
    )


def _wrong_state(rapport, action: str) -> ValidationError:
    return ValidationError(
        _("Rapporten är %(status)s och kan inte %(action)s.")
        % {"status": rapport.get_status_display().lower(), "action": action}
    )


@transaction.atomic
def rapport_skicka_in(
    *,
    rapport: Deltagarrapport,
    anvandare,
    kommentar: str = "",
    base_url: str | None = None,
    skicka_epost: bool = True,
) -> Deltagarrapport:
    """utkast/returnerad → inskickad, by a member of the steering group or kansli.

    The stored figures must keep every rule (`check_consistency`, `check_sums`). The
    förbund's kansli is notified (`base_url` in front of the e-mail's link;
    `skicka_epost=False`: in-app only, as for the demo)."""
    if not can_edit_rapport(anvandare, rapport):
        raise PermissionDenied(_("Bara insatsens styrgrupp eller kansliet kan skicka in."))
    stored = _locked_copy(rapport)
    if not stored.redigerbar:
        raise _wrong_state(stored, _("skickas in"))
    matt_list, varden = matt_for_insats(stored.insats), stored_values(stored)
    antal = sum(len(v) for v in check_consistency(matt_list, varden).values())
    antal += len(check_sums(matt_list, varden))
    if antal:
        raise ValidationError(
            ngettext(
                "Rapporten går inte att skicka in: %(antal)s uppgift stämmer inte.",
                "Rapporten går inte att skicka in: %(antal)s uppgifter stämmer inte.",
                antal,
            )
            % {"antal": antal}
        )
    rapport = _transition(
        rapport,
        till=Status.INSKICKAD,
        handelse=Handelse.INSKICKAD,
        anvandare=anvandare,
        kommentar=kommentar,
    )
    notifiera_steg(
        stored,
        Handelse.INSKICKAD,
        anvandare=anvandare,
        kommentar=kommentar,
        utom=anvandare,
        base_url=base_url,
        skicka_epost=skicka_epost,
    )
    return rapport


def _require_kansli(rapport, anvandare, action: str) -> None:
    if not can_review_rapport(anvandare, rapport):
        raise PermissionDenied(_("Bara kansliet kan %(action)s rapporten.") % {"action": action})


@transaction.atomic
def rapport_godkann(
    *,
    rapport: Deltagarrapport,
    anvandare,
    kommentar: str = "",
    base_url: str | None = None,
    skicka_epost: bool = True,
) -> Deltagarrapport:
    """inskickad → godkänd (kansli). A godkänd report is locked. The insats's steering
    group is notified."""
    _require_kansli(rapport, anvandare, _("godkänna"))
    stored = _locked_copy(rapport)
    if stored.status != Status.INSKICKAD:
        raise _wrong_state(rapport, _("godkännas"))
    rapport = _transition(
        rapport,
        till=Status.GODKAND,
        handelse=Handelse.GODKAND,
        anvandare=anvandare,
        kommentar=kommentar,
    )
    notifiera_steg(
        stored,
        Handelse.GODKAND,
        anvandare=anvandare,
        kommentar=kommentar,
        utom=anvandare,
        base_url=base_url,
        skicka_epost=skicka_epost,
    )
    return rapport


@transaction.atomic
def rapport_returnera(
    *,
    rapport: Deltagarrapport,
    anvandare,
    kommentar: str,
    base_url: str | None = None,
    skicka_epost: bool = True,
) -> Deltagarrapport:
    """inskickad → returnerad (kansli), with a comment saying what to fix. The insats's
    steering group is notified, with the comment."""
    _require_kansli(rapport, anvandare, _("returnera"))
    if not (kommentar or "").strip():
        raise ValidationError(_("Skriv vad styrgruppen behöver rätta."))
    stored = _locked_copy(rapport)
    if stored.status != Status.INSKICKAD:
        raise _wrong_state(stored, _("returneras"))
    rapport = _transition(
        rapport,
        till=Status.RETURNERAD,
        handelse=Handelse.RETURNERAD,
        anvandare=anvandare,
        kommentar=kommentar.strip(),
    )
    notifiera_steg(
        stored,
        Handelse.RETURNERAD,
        anvandare=anvandare,
        kommentar=kommentar,
        utom=anvandare,
        base_url=base_url,
        skicka_epost=skicka_epost,
    )
    return rapport


@transaction.atomic
def rapport_ateroppna(*, rapport: Deltagarrapport, anvandare, kommentar: str) -> Deltagarrapport:
    """godkänd → utkast (kansli only), with the reason."""
    _require_kansli(rapport, anvandare, _("återöppna"))
    if not (kommentar or "").strip():
        raise ValidationError(_("Skriv varför rapporten öppnas igen."))
    stored = _locked_copy(rapport)
    if stored.status != Status.GODKAND:
        raise _wrong_state(stored, _("återöppnas"))
    return _transition(
        rapport,
        till=Status.UTKAST,
        handelse=Handelse.ATEROPPNAD,
        anvandare=anvandare,
        kommentar=kommentar.strip(),
    )
