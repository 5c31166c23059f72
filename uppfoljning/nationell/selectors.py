"""Reads for what Uppföljning Finsam (the national follow-up system) asks about participants:
the budgeted number per insats and year, the participants per kön in the year's approved
full-year reports, and the participants in the structural activities.

The national sheet itself (finsam/rapporter/nationell) puts these next to the budget and
bokslut figures; this module knows nothing of budget. Each read is one or two queries,
however many insatser there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from insatser.models import Insats
from uppfoljning.malgrupper.selectors import tabellversion
from uppfoljning.models import (
    Aktivitet,
    BudgeteradeDeltagare,
    Deltagarrapport,
    Kon,
    Rapportperiod,
    Rapportvarde,
)

GODKAND = Deltagarrapport.Status.GODKAND
#: The measure whose per-kön values are an insats's participants (uppfoljning.matt.katalog).
DELTAGARE = "deltagare"
KONSORDNING = (Kon.KVINNOR.value, Kon.MAN.value, Kon.ANNAT.value)


def _int(value) -> int:
    return int(Decimal(value or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- budgeted participants --------------------------------------------------------------


def insatser_under(forbund, ar: int) -> list[Insats]:
    """The förbund's insatser running at some point in the year, in the list's order."""
    return list(
        Insats.objects.filter(forbund=forbund)
        .aktiva_under(ar)
        .select_related("malomrade")
        .order_by("malomrade__ordning", "ordning", "namn")
    )


def budgeterade_rader(forbund, ar: int) -> list[BudgeteradeDeltagare]:
    return list(BudgeteradeDeltagare.objects.filter(insats__forbund=forbund, ar=ar).order_by("pk"))


def budgeterade(forbund, ar: int) -> dict[int, int]:
    """{insats id: budgeted participants} of the year."""
    return {r.insats_id: r.antal for r in budgeterade_rader(forbund, ar)}


def budgeterade_version(rader: list[BudgeteradeDeltagare]) -> str:
    """The fingerprint a grid form carries (a colleague's save in between is refused)."""
    return tabellversion(rader)


# --- participants in the approved reports -------------------------------------------------


@dataclass
class Deltagartal:
    """Participants per insats and kön in the approved reports of the year's full-year
    period (uppfoljning.statistik counts the same reports)."""

    ar: int
    period: Rapportperiod | None
    #: {insats id: [kvinnor, män, annat]} of every insats with an approved report.
    per_insats: dict[int, list[int]] = field(default_factory=dict)
    #: Insatser asked to report in the period whose report is not (yet) approved.
    ej_godkanda: dict[int, str] = field(default_factory=dict)

    def for_insats(self, insats_id: int) -> list[int] | None:
        return self.per_insats.get(insats_id)

    @property
    def totalt(self) -> int:
        return sum(sum(v) for v in self.per_insats.values())


def deltagartal(forbund, ar: int) -> Deltagartal:
    """The year's participants per insats and kön, from the approved full-year reports.
    Three queries."""
    period = Rapportperiod.objects.filter(
        forbund=forbund, ar=ar, typ=Rapportperiod.Typ.HELAR
    ).first()
    ut = Deltagartal(ar=ar, period=period)
    if period is None:
        return ut
    summor: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for insats_id, kon, varde in (
        Rapportvarde.objects.filter(
            rapport__period=period, rapport__status=GODKAND, matt__kod=DELTAGARE
        )
        .order_by()
        .values("rapport__insats_id", "kon")
        .annotate(summa=Sum("varde"))
        .values_list("rapport__insats_id", "kon", "summa")
    ):
        summor[insats_id][kon] += varde or 0
    ut.per_insats = {
        insats_id: [_int(per_kon.get(k)) for k in KONSORDNING]
        for insats_id, per_kon in summor.items()
    }
    status = dict(Deltagarrapport.objects.filter(period=period).values_list("insats_id", "status"))
    for insats_id, namn in period.insatser.values_list("pk", "namn"):
        if status.get(insats_id) != GODKAND:
            ut.ej_godkanda[insats_id] = namn
    return ut


# --- participants in structural activities ------------------------------------------------


@dataclass
class Strukturdeltagare:
    antal_aktiviteter: int
    deltagare: int
    #: Activities of the insats without a number of participants.
    utan_antal: int = 0


def strukturdeltagare(forbund, ar: int) -> dict[int, Strukturdeltagare]:
    """{insats id: activities and participants} of the year's structural activities (the
    table of Uppföljning → Strukturella aktiviteter); the förbund's own are left out. One
    query."""
    ut = {}
    for insats_id, antal, deltagare, med_antal in (
        Aktivitet.objects.filter(forbund=forbund, ar=ar, insats__isnull=False)
        .order_by()
        .values("insats_id")
        .annotate(
            antal=Count("pk"),
            deltagare=Sum("antal_deltagare"),
            med_antal=Count("antal_deltagare"),
        )
        .values_list("insats_id", "antal", "deltagare", "med_antal")
    ):
        ut[insats_id] = Strukturdeltagare(antal, deltagare or 0, antal - med_antal)
    return ut
