"""Reads of the rapport area, each in a fixed number of queries: the measures an insats
reports, a report's stored figures, the periods and their overview, the reports to remind."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser.models import Insats
from uppfoljning.deltagarrapport.regler import KON_ORDNING, Key, visa_varde
from uppfoljning.models import Deltagarrapport, Matt, Rapporthandelse, Rapportperiod

Status = Deltagarrapport.Status

#: Days before the deadline that the daily reminder goes out.
PAMINNELSE_DAGAR = 7


def matt_for_insats(insats: Insats) -> list[Matt]:
    """The active measures the insats's kind reports, in order (JSON filtered in Python so
    that it works on SQLite and PostgreSQL alike)."""
    return [
        m
        for m in Matt.objects.filter(forbund_id=insats.forbund_id, aktiv=True)
        if insats.typ in (m.insatstyper or [])
    ]


def stored_values(rapport: Deltagarrapport) -> dict[Key, Decimal]:
    return {(v.matt_id, v.kon): v.varde for v in rapport.varden.all()}


def rapporter_att_paminna(period: Rapportperiod):
    return (
        period.rapporter.filter(status__in=Deltagarrapport.REDIGERBARA)
        .select_related("insats", "period__forbund")
        .prefetch_related("insats__styrgrupp")
    )


def periods_due_for_reminder(*, today: date):
    """Periods whose deadline is PAMINNELSE_DAGAR days away and not yet reminded today."""
    return (
        Rapportperiod.objects.filter(sista_dag=today + timedelta(days=PAMINNELSE_DAGAR))
        .exclude(paminnelse_skickad__date=today)
        .select_related("forbund")
    )


def default_insatser(forbund, ar: int):
    """The insatser that report by default: individinsatser and rådgivande team of the year."""
    typer = [*Insats.INDIVIDTYPER, Insats.Typ.RADGIVANDE_TEAM]
    return (
        Insats.objects.filter(forbund=forbund, typ__in=typer)
        .exclude(status=Insats.Status.PLANERAD)
        .aktiva_under(ar)
    )


def period_list(forbund):
    """Periods with their count of reports per status (one query)."""
    return Rapportperiod.objects.filter(forbund=forbund).annotate(
        antal=Count("rapporter"),
        inskickade=Count("rapporter", filter=Q(rapporter__status=Status.INSKICKAD)),
        godkanda=Count("rapporter", filter=Q(rapporter__status=Status.GODKAND)),
    )


@dataclass
class Inskickning:
    """A report's latest submission: when, and by whom (the user's name; None when the
    user is gone)."""

    tid: object
    anvandare: str | None


@dataclass
class Oversiktsrad:
    rapport: Deltagarrapport
    inskickad: Inskickning | None
    sen: bool


def is_late(rapport: Deltagarrapport, period: Rapportperiod, today: date) -> bool:
    return period.sista_dag < today and rapport.status not in (Status.INSKICKAD, Status.GODKAND)


#: The report's texts, which the overview never shows (deferred: not read).
_TEXTFALT = ("vad_gick_bra", "svarigheter", "lokala_mal", "ovrigt")


def period_overview(
    period: Rapportperiod, *, today: date | None = None, rapporter=None
) -> list[Oversiktsrad]:
    """Each report of the period (or of `rapporter`, a filtered and ordered queryset of
    them) with its latest submission. One query whatever the size: the reports with their
    insats and, as subqueries, the latest 'inskickad' event's time and user's name."""
    today = today or timezone.localdate()
    senaste = Rapporthandelse.objects.filter(
        rapport=OuterRef("pk"), handelse=Rapporthandelse.Handelse.INSKICKAD
    ).order_by("-tid", "-pk")

    def fran_senaste(falt):
        return Subquery(senaste.values(falt)[:1])

    if rapporter is None:
        rapporter = period.rapporter.all()
    rapporter = (
        rapporter.select_related("insats")
        .defer(*_TEXTFALT)
        .annotate(
            inskickad_tid=fran_senaste("tid"),
            inskickad_av=fran_senaste("anvandare_id"),
            inskickad_fornamn=fran_senaste("anvandare__first_name"),
            inskickad_efternamn=fran_senaste("anvandare__last_name"),
            inskickad_anvandarnamn=fran_senaste("anvandare__username"),
        )
    )
    rader = []
    for r in rapporter:
        inskickad = None
        if r.inskickad_tid is not None:
            namn = None
            if r.inskickad_av is not None:
                # User.__str__: the full name, else the user name.
                fullt = f"{r.inskickad_fornamn} {r.inskickad_efternamn}".strip()
                namn = fullt or r.inskickad_anvandarnamn
            inskickad = Inskickning(tid=r.inskickad_tid, anvandare=namn)
        rader.append(Oversiktsrad(rapport=r, inskickad=inskickad, sen=is_late(r, period, today)))
    return rader


def tidslinje(rapport: Deltagarrapport):
    return rapport.handelser.select_related("anvandare")


@dataclass
class Rad:
    matt: Matt
    varden: list = field(default_factory=list)  # per kön, or one value
    totalt: object = None


@dataclass
class Grupp:
    namn: str
    per_kon: bool
    rader: list[Rad]


def _show(value):
    return None if value is None else visa_varde(value)


def rapport_tabell(rapport: Deltagarrapport) -> list[Grupp]:
    """The report's figures grouped as in the form, exact (small counts are not hidden here)."""
    varden = stored_values(rapport)
    grupper: list[Grupp] = []
    for m in matt_for_insats(rapport.insats):
        if not grupper or grupper[-1].namn != m.grupp:
            grupper.append(Grupp(namn=m.grupp, per_kon=False, rader=[]))
        g = grupper[-1]
        if m.per_kon:
            vals = [varden.get((m.pk, k)) for k in KON_ORDNING]
            g.per_kon = True
            filled = [v for v in vals if v is not None]
            totalt = sum(filled) if filled and m.slag == Matt.Slag.ANTAL else None
            g.rader.append(Rad(matt=m, varden=[_show(v) for v in vals], totalt=_show(totalt)))
        else:
            g.rader.append(Rad(matt=m, varden=[_show(varden.get((m.pk, "")))]))
    return grupper


# --- the start page's queues (finsam/rapporter/arbetsko.py) ------------------------------

#: A period whose deadline is at most this many days away (or passed) is "near its deadline".
NARA_DAGAR = 30


def att_granska(forbund):
    """The reports kansli has to review: submitted, not yet approved, oldest submission
    first, each with `inskickad_tid` (the latest submission). One query."""
    return (
        Deltagarrapport.objects.filter(period__forbund=forbund, status=Status.INSKICKAD)
        .select_related("insats", "period")
        .annotate(
            inskickad_tid=Max(
                "handelser__tid",
                filter=Q(handelser__handelse=Rapporthandelse.Handelse.INSKICKAD),
            )
        )
        .order_by("inskickad_tid", "period__sista_dag", "insats__namn")
    )


@dataclass
class Saknad:
    """An insats of the period that has not reported: its report (a draft or returned), or
    None when it has none."""

    insats: Insats
    rapport: Deltagarrapport | None

    @property
    def status_text(self) -> str:
        return self.rapport.get_status_display() if self.rapport else _("Ingen rapport")


@dataclass
class Periodlage:
    period: Rapportperiod
    dagar_kvar: int
    saknas: list[Saknad]
    antal_insatser: int

    @property
    def sen(self) -> bool:
        return self.dagar_kvar < 0

    @property
    def dagar_sen(self) -> int:
        return -self.dagar_kvar


def oppna_perioder(forbund, idag: date, *, dagar: int = NARA_DAGAR) -> list[Periodlage]:
    """Periods whose deadline is at most `dagar` days away or has passed, with the insatser
    that have not reported (draft, returned or no report at all); periods where every
    insats has submitted are left out. Nearest deadline first. Three queries."""
    perioder = (
        Rapportperiod.objects.filter(forbund=forbund, sista_dag__lte=idag + timedelta(days=dagar))
        .annotate(
            n_insatser=Count("insatser", distinct=True),
            n_klara=Count(
                "rapporter",
                filter=Q(rapporter__status__in=[Status.INSKICKAD, Status.GODKAND]),
                distinct=True,
            ),
        )
        .filter(n_insatser__gt=F("n_klara"))
        .prefetch_related(
            Prefetch("insatser", queryset=Insats.objects.order_by("ordning", "namn")),
            "rapporter",
        )
        .order_by("sista_dag")
    )
    ut = []
    for period in perioder:
        rapporter = {r.insats_id: r for r in period.rapporter.all()}
        saknas = []
        for insats in period.insatser.all():
            rapport = rapporter.get(insats.pk)
            if rapport is None or rapport.status in Deltagarrapport.REDIGERBARA:
                saknas.append(Saknad(insats=insats, rapport=rapport))
        if saknas:
            ut.append(
                Periodlage(
                    period=period,
                    dagar_kvar=(period.sista_dag - idag).days,
                    saknas=saknas,
                    antal_insatser=period.n_insatser,
                )
            )
    return ut


def styrgruppens_oppna_rapporter(user):
    """The reports of the user's insatser that are not approved: returned ones first (with
    `retur`, kansli's latest return event, comment and who), then drafts, then those
    waiting for kansli, nearest deadline first. Two queries."""
    returer = Prefetch(
        "handelser",
        queryset=Rapporthandelse.objects.filter(
            handelse=Rapporthandelse.Handelse.RETURNERAD
        ).select_related("anvandare"),
        to_attr="returer",
    )
    ordning = {Status.RETURNERAD: 0, Status.UTKAST: 1, Status.INSKICKAD: 2}
    rapporter = list(
        Deltagarrapport.objects.filter(
            insats__styrgrupp=user,
            period__forbund_id=user.forbund_id,
            status__in=list(ordning),
        )
        .select_related("insats", "period")
        .prefetch_related(returer)
        .distinct()
    )
    for r in rapporter:
        r.retur = r.returer[-1] if r.status == Status.RETURNERAD and r.returer else None
    return sorted(rapporter, key=lambda r: (ordning[r.status], r.period.sista_dag, r.insats.namn))
