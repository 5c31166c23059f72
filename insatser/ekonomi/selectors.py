"""Reads for the insats-level financial follow-up (ekonomisk uppföljning per insats).

For a date `per` (year `ar`) and every insats with a board decision that has begun by
`ar`:

- beslutade medel totalt: the sum of the insats's Beslut.belopp;
- årets budget: the insats's budget lines in the version in force for `ar` (as
  `budget.selectors.aktuell_version` picks it), as a positive amount;
- förväntat utbetalt året: årets budget × the whole months elapsed by `per` / 12
  (per 2025-08-31 → 8/12, per 2025-08-15 → 7/12);
- förväntat utbetalt totalt: the full budget of every decision year before `ar`, plus
  the year's expected amount when `ar` is a decision year;
- utbetalt året / totalt: the insats's rekvisitioner paid by `per` for `ar` / for `ar`
  and earlier years;
- förbrukning: utbetalt in % of årets budget and of beslutade medel (None when 0);
- differens: förväntat − utbetalt; återstår: årets budget − utbetalt året, never below 0.

Nothing is stored; everything is computed in a fixed number of queries (see
`insatsuppfoljning`).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.models import Budgetbelopp, Budgetversion
from insatser.models import Beslut, Externfinansiering, Insats, Rekvisition

BESLUTADE_TYPER = (Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG)


def default_per(rekvisitioner: QuerySet | None = None, today: date | None = None) -> date:
    """The follow-up's default date, one that shows payments where there are any:

    - the end of the last whole month by `today` (2026-03-04 → 2026-02-28) when
      `rekvisitioner` (the förbund's or an insats's) has a payment this year by today, or
      none at all;
    - else the end of the year of the latest payment by today (2025-12-31 when the latest
      is of 2025-11-14): its year is over, and this year's would show nothing paid.

    One query (none without `rekvisitioner`)."""
    today = today or timezone.localdate()
    manadsslut = today.replace(day=1) - timedelta(days=1)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        manadsslut = today
    if rekvisitioner is None:
        return manadsslut
    senaste = rekvisitioner.filter(datum__lte=today).aggregate(senaste=Max("datum"))["senaste"]
    if senaste is None or senaste.year == today.year:
        return manadsslut
    return date(senaste.year, 12, 31)


def hela_manader(per: date) -> int:
    """Whole months of `per`'s year elapsed by `per`: 8 on 2025-08-31, 7 on 2025-08-15."""
    sista = calendar.monthrange(per.year, per.month)[1]
    return per.month if per.day == sista else per.month - 1


def _andel(taljare: int, namnare: int) -> Decimal | None:
    return None if not namnare else Decimal(taljare) / Decimal(namnare)


def _runda(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Uppfoljningsrad:
    """One insats (or the total row, `insats` None) in the follow-up."""

    etikett: str
    insats: Insats | None = None
    insatstid: str = ""
    beslutat_totalt: int = 0
    budget_ar: int = 0
    forvantat_ar: int = 0
    forvantat_totalt: int = 0
    utbetalt_ar: int = 0
    utbetalt_totalt: int = 0
    aterstar_ar: int = 0
    beslut_ar: list[int] = field(default_factory=list)

    @property
    def forbrukning_ar(self) -> Decimal | None:
        return _andel(self.utbetalt_ar, self.budget_ar)

    @property
    def forbrukning_totalt(self) -> Decimal | None:
        return _andel(self.utbetalt_totalt, self.beslutat_totalt)

    @property
    def differens_ar(self) -> int:
        return self.forvantat_ar - self.utbetalt_ar

    @property
    def differens_totalt(self) -> int:
        return self.forvantat_totalt - self.utbetalt_totalt


@dataclass
class Insatsuppfoljning:
    per: date
    ar: int
    manader: int
    rader: list[Uppfoljningsrad]
    summa: Uppfoljningsrad

    @property
    def rad(self) -> Uppfoljningsrad | None:
        """The only row, for the follow-up of one insats."""
        return self.rader[0] if self.rader else None


def _versioner_i_kraft(forbund_id: int, ar_lista: set[int]) -> dict[int, int]:
    """{år: version_id} of the version in force each year, in one query.

    The same choice as `budget.selectors.aktuell_version`: the newest adopted budget or
    tilläggsbudget, else the newest plan.
    """
    basta: dict[int, tuple] = {}
    rows = (
        Budgetversion.objects.filter(forbund_id=forbund_id, ar__in=ar_lista)
        .values_list("pk", "ar", "typ", "beslutsdatum")
        .order_by()
    )
    for pk, ar, typ, beslutsdatum in rows:
        key = (typ in BESLUTADE_TYPER, beslutsdatum, pk)
        if ar not in basta or key > basta[ar]:
            basta[ar] = key
    return {ar: key[2] for ar, key in basta.items()}


def insatsuppfoljning(
    forbund, *, per: date, insatser: QuerySet[Insats] | None = None
) -> Insatsuppfoljning:
    """The follow-up per `per` for the förbund's insatser with a decision begun by its year.

    `insatser` narrows the rows (e.g. to one insats, or to a styrgrupp user's own).
    Five queries whatever the number of insatser: insatser, beslut, versions, budget
    amounts, rekvisitioner.
    """
    ar = per.year
    manader = hela_manader(per)
    qs = Insats.objects.filter(forbund=forbund) if insatser is None else insatser
    rows = list(
        qs.filter(forbund=forbund, beslut__forsta_ar__lte=ar)
        .distinct()
        .order_by("malomrade__ordning", "ordning", "namn", "pk")
    )
    ids = [i.pk for i in rows]

    beslutat: dict[int, int] = defaultdict(int)
    beslutsar: dict[int, set[int]] = defaultdict(set)
    for insats_id, belopp, forsta, sista in (
        Beslut.objects.filter(insats_id__in=ids)
        .values_list("insats_id", "belopp", "forsta_ar", "sista_ar")
        .order_by()
    ):
        beslutat[insats_id] += belopp
        beslutsar[insats_id].update(range(forsta, min(sista, ar) + 1))

    behovda_ar = {ar}.union(*beslutsar.values()) if ids else set()
    version_for_ar = _versioner_i_kraft(forbund.pk, behovda_ar) if ids else {}
    ar_for_version = {v: a for a, v in version_for_ar.items()}
    budget: dict[tuple[int, int], int] = defaultdict(int)  # (insats_id, år) -> kronor (+)
    if version_for_ar:
        for version_id, insats_id, belopp in (
            Budgetbelopp.objects.filter(version_id__in=list(ar_for_version), rad__insats_id__in=ids)
            .values_list("version_id", "rad__insats_id", "belopp")
            .order_by()
        ):
            # Costs are stored negative; the follow-up shows the budget as a positive amount.
            budget[(insats_id, ar_for_version[version_id])] -= belopp

    utbetalt_ar: dict[int, int] = defaultdict(int)
    utbetalt_totalt: dict[int, int] = defaultdict(int)
    if ids:
        for insats_id, avser_ar, summa in (
            Rekvisition.objects.filter(insats_id__in=ids, datum__lte=per, avser_ar__lte=ar)
            .values_list("insats_id", "avser_ar")
            .annotate(summa=Sum("belopp"))
            .order_by()
        ):
            utbetalt_totalt[insats_id] += summa
            if avser_ar == ar:
                utbetalt_ar[insats_id] += summa

    rader = []
    for insats in rows:
        budget_ar = budget[(insats.pk, ar)]
        forvantat_ar = _runda(Decimal(budget_ar) * manader / 12)
        tidigare = sum(budget[(insats.pk, y)] for y in beslutsar[insats.pk] if y < ar)
        forvantat_totalt = tidigare + (forvantat_ar if ar in beslutsar[insats.pk] else 0)
        rader.append(
            Uppfoljningsrad(
                etikett=insats.namn,
                insats=insats,
                insatstid=insats.insatstid,
                beslutat_totalt=beslutat[insats.pk],
                budget_ar=budget_ar,
                forvantat_ar=forvantat_ar,
                forvantat_totalt=forvantat_totalt,
                utbetalt_ar=utbetalt_ar[insats.pk],
                utbetalt_totalt=utbetalt_totalt[insats.pk],
                aterstar_ar=max(budget_ar - utbetalt_ar[insats.pk], 0),
                beslut_ar=sorted(beslutsar[insats.pk]),
            )
        )
    summa = Uppfoljningsrad(etikett=_("Summa"))
    for name in (
        "beslutat_totalt",
        "budget_ar",
        "forvantat_ar",
        "forvantat_totalt",
        "utbetalt_ar",
        "utbetalt_totalt",
        "aterstar_ar",
    ):
        setattr(summa, name, sum(getattr(r, name) for r in rader))
    return Insatsuppfoljning(per=per, ar=ar, manader=manader, rader=rader, summa=summa)


@dataclass
class Rekvisitionslista:
    rader: list[Rekvisition]
    summa: int


def rekvisitionslista(insats: Insats) -> Rekvisitionslista:
    """Every rekvisition of the insats, oldest first, with their sum, in one query."""
    rader = list(insats.rekvisitioner.order_by("datum", "pk"))
    return Rekvisitionslista(rader=rader, summa=sum(r.belopp for r in rader))


@dataclass
class Finansieringslista:
    """External funding with the sums of the amounts that are known."""

    rader: list[Externfinansiering]

    @property
    def summa_beviljat(self) -> int | None:
        kanda = [r.beviljat for r in self.rader if r.beviljat is not None]
        return sum(kanda) if kanda else None

    @property
    def summa_utbetalt(self) -> int | None:
        kanda = [r.utbetalt for r in self.rader if r.utbetalt is not None]
        return sum(kanda) if kanda else None

    @property
    def finansiarer(self) -> list[str]:
        return list(dict.fromkeys(r.finansiar for r in self.rader))


def finansieringslista(insats: Insats) -> Finansieringslista:
    """The insats's external funding, oldest first. One query."""
    return Finansieringslista(list(insats.externfinansiering.order_by("fran", "pk")))


def externfinansiering_under(forbund, start: date, slut: date) -> Finansieringslista:
    """Every external funding of the förbund's insatser whose period meets [start, slut],
    by insats and start. One query."""
    rader = (
        Externfinansiering.objects.filter(insats__forbund=forbund, fran__lte=slut)
        .exclude(till__lt=start)
        .select_related("insats")
        .order_by("insats__namn", "fran", "pk")
    )
    return Finansieringslista(list(rader))
