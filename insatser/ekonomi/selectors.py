"""Reads for the insats-level financial follow-up (ekonomisk uppföljning per insats).

For a date `per` (year `ar`) and every insats with a board decision made by `per` that has
begun by `ar`. Only what was decided on or before `per` counts: decisions with
`Beslut.datum` ≤ `per` and budget versions with `beslutsdatum` ≤ `per` (every version,
plans included, has a beslutsdatum: the day the board adopted it, for a plan the day of
the budget it came with; so a plan counts from that day, and only when no budget or
tilläggsbudget for the year was adopted by `per`).

- beslutade medel totalt: the sum of the amounts per year of those decisions (all years);
- årets budget: the insats's budget lines in the version in force for `ar` at `per`
  (the newest budget or tilläggsbudget adopted by `per`, else the newest plan adopted by
  `per`, as `budget.selectors.aktuell_version` picks it), as a positive amount;
- förväntat utbetalt året: årets budget × elapsed ÷ months, where `months` are the whole
  months of the insats's run in `ar` and `elapsed` those of them reached by `per` (see
  `loptid_manader`). An insats running all year: 8/12 per 2025-08-31, 7/12 per 2025-08-15;
  one that starts 2025-09-15: 1/4 per 2025-09-30, 4/4 per 2025-12-31. No months in the
  year → 0;
- förväntat utbetalt totalt: the same for every decision year up to `ar` (a year before
  `ar` is reached in full: its whole budget, or 0 if the insats did not run then);
- utbetalt året / totalt: the insats's rekvisitioner paid by `per` (`datum` ≤ `per`) for
  `ar` / for `ar` and earlier years, by the year each is for (`avser_ar`): a payment of
  January 2026 for December 2025 counts for 2025 from the day it is paid;
- förbrukning: utbetalt in % of årets budget and of beslutade medel (None when 0);
- differens: förväntat − utbetalt; återstår: årets budget − utbetalt året, never below 0.

Nothing is stored; everything is computed in a fixed number of queries (see
`insatsuppfoljning`). `beslut_mot_budget` compares the decisions' amount for each year
with the insats's budget lines of the year.
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
from insatser.models import Beslutsbelopp, Externfinansiering, Insats, Rekvisition

BESLUTADE_TYPER = (Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG)


def default_per(rekvisitioner: QuerySet | None = None, today: date | None = None) -> date:
    """The follow-up's default date, one that shows payments where there are any:

    - the end of the last whole month by `today` (2026-03-04 → 2026-02-28) when
      `rekvisitioner` (the förbund's or an insats's) has a payment this year by today, or
      none at all;
    - else the end of the year of the latest payment by today (2025-12-31 when the latest
      is of 2025-11-14): its year is over, and this year's would show nothing paid.

    One query (none without `rekvisitioner`, or when it is a list of them already read)."""
    today = today or timezone.localdate()
    manadsslut = today.replace(day=1) - timedelta(days=1)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        manadsslut = today
    if rekvisitioner is None:
        return manadsslut
    if isinstance(rekvisitioner, QuerySet):
        senaste = rekvisitioner.filter(datum__lte=today).aggregate(senaste=Max("datum"))
        senaste = senaste["senaste"]
    else:  # the rekvisitioner already read (the insats's page): no query
        senaste = max((r.datum for r in rekvisitioner if r.datum <= today), default=None)
    if senaste is None or senaste.year == today.year:
        return manadsslut
    return date(senaste.year, 12, 31)


def hela_manader(per: date) -> int:
    """Whole months of `per`'s year elapsed by `per`: 8 on 2025-08-31, 7 on 2025-08-15."""
    sista = calendar.monthrange(per.year, per.month)[1]
    return per.month if per.day == sista else per.month - 1


def _manadsslut(ar: int, manad: int) -> date:
    return date(ar, manad, calendar.monthrange(ar, manad)[1])


def loptid_manader(
    ar: int, per: date, startdatum: date | None = None, slutdatum: date | None = None
) -> tuple[int, int]:
    """(elapsed, months): the whole months of an insats's run in year `ar`, and how many of
    them are reached by `per`.

    The run in `ar` is [max(startdatum, 1 Jan), min(slutdatum, 31 Dec)]; no start or end
    means the whole year. Every calendar month the run touches counts as a whole month
    (a start on 2025-09-15 runs September–December: 4 months; an end on 2025-06-15 runs
    January–June: 6). A month is reached on its last day, or on the run's last day when
    that comes first; so an insats running all year gives (`hela_manader(per)`, 12).
    A run that does not touch `ar` gives (0, 0)."""
    forsta = max(startdatum, date(ar, 1, 1)) if startdatum else date(ar, 1, 1)
    sista = min(slutdatum, date(ar, 12, 31)) if slutdatum else date(ar, 12, 31)
    if forsta > sista:
        return 0, 0
    manader = range(forsta.month, sista.month + 1)
    natt = sum(1 for m in manader if min(_manadsslut(ar, m), sista) <= per)
    return natt, len(manader)


def forvantat(budget: int, natt: int, manader: int) -> int:
    """A year's budget × elapsed ÷ months, in whole kronor (half up); 0 without months."""
    return _runda(Decimal(budget) * natt / manader) if manader else 0


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
    #: The decisions' amount for the year (made by the date).
    beslutat_ar: int = 0
    #: Whole months of the insats's run in the year reached by the date, and in all.
    manader: int = 0
    manader_ar: int = 12

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


def _versioner_i_kraft(
    forbund_id: int, ar_lista: set[int], per: date | None = None
) -> dict[int, int]:
    """{år: version_id} of the version in force each year (at `per`: among the versions
    adopted by then), in one query.

    The same choice as `budget.selectors.aktuell_version`: the newest adopted budget or
    tilläggsbudget, else the newest plan.
    """
    qs = Budgetversion.objects.filter(forbund_id=forbund_id, ar__in=ar_lista)
    if per is not None:
        qs = qs.filter(beslutsdatum__lte=per)
    rows = qs.values_list("pk", "ar", "typ", "beslutsdatum").order_by()
    return {ar: pk for ar, (pk, *_r) in _valj_versioner(rows).items()}


def _valj_versioner(rows, per: date | None = None) -> dict[int, tuple]:
    """{år: row} of the version in force each year among `rows` ((pk, ar, typ,
    beslutsdatum, …) tuples; at `per`: among those adopted by then): the newest adopted
    budget or tilläggsbudget, else the newest plan. No query."""
    basta: dict[int, tuple] = {}
    for row in rows:
        pk, ar, typ, beslutsdatum = row[:4]
        if per is not None and beslutsdatum > per:
            continue
        key = (typ in BESLUTADE_TYPER, beslutsdatum, pk)
        if ar not in basta or key > basta[ar][0]:
            basta[ar] = (key, row)
    return {ar: row for ar, (_key, row) in basta.items()}


def _budgetbelopp(version_ids, ids: list[int]) -> dict[int, dict[int, int]]:
    """{version_id: {insats_id: kronor (+)}} of the insatser's budget lines in the
    versions. One query (none without versions)."""
    belopp: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    if version_ids and ids:
        for version_id, insats_id, kronor in (
            Budgetbelopp.objects.filter(version_id__in=list(version_ids), rad__insats_id__in=ids)
            .values_list("version_id", "rad__insats_id", "belopp")
            .order_by()
        ):
            # Costs are stored negative; the follow-up shows the budget as a positive amount.
            belopp[version_id][insats_id] -= kronor
    return belopp


def _budget_per_ar(
    version_for_ar: dict[int, int], ids: list[int], belopp=None
) -> dict[tuple[int, int], int]:
    """{(insats_id, år): kronor (+)} of the insatser's budget lines in the versions
    `version_for_ar` ({år: version_id}). One query (none without versions, or with
    `belopp` already read by `_budgetbelopp`)."""
    if belopp is None:
        belopp = _budgetbelopp(set(version_for_ar.values()), ids)
    budget: dict[tuple[int, int], int] = defaultdict(int)
    for ar, version_id in version_for_ar.items():
        for insats_id, kronor in belopp.get(version_id, {}).items():
            budget[(insats_id, ar)] += kronor
    return budget


def insatsuppfoljning(
    forbund, *, per: date, insatser: QuerySet[Insats] | None = None
) -> Insatsuppfoljning:
    """The follow-up per `per` for the förbund's insatser with a decision made by `per`
    and begun by its year.

    `insatser` narrows the rows (e.g. to one insats, or to a styrgrupp user's own).
    Five queries whatever the number of insatser: insatser, the decisions' amounts per
    year, versions, budget amounts, rekvisitioner.
    """
    ar = per.year
    qs = Insats.objects.filter(forbund=forbund) if insatser is None else insatser
    rows = list(
        qs.filter(forbund=forbund, beslut__forsta_ar__lte=ar, beslut__datum__lte=per)
        .distinct()
        .order_by("malomrade__ordning", "ordning", "namn", "pk")
    )
    ids = [i.pk for i in rows]
    belopp = (
        Beslutsbelopp.objects.filter(beslut__insats_id__in=ids, beslut__datum__lte=per)
        .values_list("beslut__insats_id", "ar", "belopp")
        .order_by()
        if ids
        else []
    )
    beslut = _Beslutat.av(belopp, ar)
    version_for_ar = _versioner_i_kraft(forbund.pk, beslut.behovda_ar(ar), per) if ids else {}
    budget = _budget_per_ar(version_for_ar, ids)
    utbetalt = (
        Rekvisition.objects.filter(insats_id__in=ids, datum__lte=per, avser_ar__lte=ar)
        .values_list("insats_id", "avser_ar")
        .annotate(summa=Sum("belopp"))
        .order_by()
        if ids
        else []
    )
    return _uppfoljning(per, rows, beslut, budget, utbetalt)


@dataclass
class _Beslutat:
    """The decisions' amounts per insats: in all, per (insats, year), and the decision
    years up to the follow-up's year."""

    totalt: dict[int, int]
    per_ar: dict[tuple[int, int], int]
    beslutsar: dict[int, set[int]]

    @classmethod
    def av(cls, belopp, ar: int) -> _Beslutat:
        """From (insats_id, år, kronor) of the decisions made by the date."""
        ut = cls(defaultdict(int), defaultdict(int), defaultdict(set))
        for insats_id, beslut_ar, kronor in belopp:
            ut.totalt[insats_id] += kronor
            ut.per_ar[(insats_id, beslut_ar)] += kronor
            if beslut_ar <= ar:
                ut.beslutsar[insats_id].add(beslut_ar)
        return ut

    def behovda_ar(self, ar: int) -> set[int]:
        return {ar}.union(*self.beslutsar.values())


def _uppfoljning(per: date, rows: list[Insats], beslut: _Beslutat, budget, utbetalt):
    """The follow-up of `rows` from what was read: `budget` {(insats_id, år): kronor} of
    the versions in force at `per`, `utbetalt` (insats_id, avser_ar, kronor) of the
    payments made by `per` for its year and earlier. No query."""
    ar = per.year
    utbetalt_ar: dict[int, int] = defaultdict(int)
    utbetalt_totalt: dict[int, int] = defaultdict(int)
    for insats_id, avser_ar, summa in utbetalt:
        utbetalt_totalt[insats_id] += summa
        if avser_ar == ar:
            utbetalt_ar[insats_id] += summa

    beslutsar = beslut.beslutsar
    rader = []
    for insats in rows:
        budget_ar = budget[(insats.pk, ar)]
        loptid = {
            y: loptid_manader(y, per, insats.startdatum, insats.slutdatum)
            for y in beslutsar[insats.pk] | {ar}
        }
        forvantat_ar = forvantat(budget_ar, *loptid[ar])
        forvantat_totalt = sum(
            forvantat(budget[(insats.pk, y)], *loptid[y]) for y in beslutsar[insats.pk]
        )
        rader.append(
            Uppfoljningsrad(
                etikett=insats.namn,
                insats=insats,
                insatstid=insats.insatstid,
                beslutat_totalt=beslut.totalt[insats.pk],
                budget_ar=budget_ar,
                forvantat_ar=forvantat_ar,
                forvantat_totalt=forvantat_totalt,
                utbetalt_ar=utbetalt_ar[insats.pk],
                utbetalt_totalt=utbetalt_totalt[insats.pk],
                aterstar_ar=max(budget_ar - utbetalt_ar[insats.pk], 0),
                beslut_ar=sorted(beslutsar[insats.pk]),
                beslutat_ar=beslut.per_ar[(insats.pk, ar)],
                manader=loptid[ar][0],
                manader_ar=loptid[ar][1],
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
    return Insatsuppfoljning(per=per, ar=ar, manader=hela_manader(per), rader=rader, summa=summa)


@dataclass
class Insatsekonomi:
    """The economy on an insats's page."""

    uppfoljning: Insatsuppfoljning
    beslut_mot_budget: list[Beslutsjamforelse]


def insatsekonomi(insats: Insats, *, per: date, beslut: list, rekvisitioner: list) -> Insatsekonomi:
    """The insats's follow-up per `per` (as `insatsuppfoljning` of the insats alone) and its
    decisions against the budget (as `beslut_mot_budget`), from its decisions (their
    `beslutsbelopp` prefetched) and rekvisitioner already read for the page. Two queries:
    the versions of the years, and the insats's budget lines in the versions in force."""
    ar = per.year
    if any(b.forsta_ar <= ar and b.datum <= per for b in beslut):
        rows = [insats]
        beslutat = _Beslutat.av(
            (
                (insats.pk, bb.ar, bb.belopp)
                for b in beslut
                if b.datum <= per
                for bb in b.beslutsbelopp.all()
            ),
            ar,
        )
        behovda_ar = beslutat.behovda_ar(ar)
        utbetalt = [
            (insats.pk, r.avser_ar, r.belopp)
            for r in rekvisitioner
            if r.datum <= per and r.avser_ar <= ar
        ]
    else:
        rows, beslutat, behovda_ar, utbetalt = [], _Beslutat.av([], ar), set(), []
    jamforelse = _jamforelserader(
        (insats.pk, insats.namn, bb.ar, bb.belopp) for b in beslut for bb in b.beslutsbelopp.all()
    )
    jamforelsear = {a for _i, a in jamforelse}
    versioner = (
        list(
            Budgetversion.objects.filter(
                forbund_id=insats.forbund_id, ar__in=behovda_ar | jamforelsear
            )
        )
        if behovda_ar or jamforelsear
        else []
    )
    version_for_ar = {
        a: row[0]
        for a, row in _valj_versioner(
            [(v.pk, v.ar, v.typ, v.beslutsdatum) for v in versioner if v.ar in behovda_ar], per
        ).items()
    }
    i_kraft = _versioner_for(v for v in versioner if v.ar in jamforelsear)
    belopp = _budgetbelopp(
        set(version_for_ar.values()) | {v.pk for v in i_kraft.values()}, [insats.pk]
    )
    return Insatsekonomi(
        uppfoljning=_uppfoljning(
            per, rows, beslutat, _budget_per_ar(version_for_ar, [insats.pk], belopp), utbetalt
        ),
        beslut_mot_budget=_jamfor(
            jamforelse,
            i_kraft,
            _budget_per_ar({a: v.pk for a, v in i_kraft.items()}, [insats.pk], belopp),
        )
        if jamforelse
        else [],
    )


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


# --- the decisions' amounts per year against the budget lines ------------------------------


@dataclass
class Beslutsjamforelse:
    """One insats and year: what its decisions grant and what its budget lines hold in the
    version in force for the year (None: the year has no version)."""

    insats_id: int
    insats_namn: str
    ar: int
    beslutat: int
    budget: int | None = None
    version: Budgetversion | None = None

    @property
    def differens(self) -> int | None:
        """Budget − beslutat (negative: less budgeted than decided)."""
        return None if self.budget is None else self.budget - self.beslutat

    @property
    def avviker(self) -> bool:
        return bool(self.differens)


def beslut_mot_budget(
    forbund, *, insatser: QuerySet[Insats] | None = None, ar_lista=None
) -> list[Beslutsjamforelse]:
    """Per insats and decision year (only `ar_lista` if given): the sum of the decisions'
    amounts for the year against the insats's budget lines (Budgetbelopp of its Budgetrad)
    in the version in force for the year (`budget.selectors.aktuell_version`'s choice),
    by insats name and year. Three queries: amounts, versions, budget lines."""
    qs = Beslutsbelopp.objects.filter(beslut__insats__forbund=forbund)
    if insatser is not None:
        qs = qs.filter(beslut__insats__in=insatser)
    if ar_lista is not None:
        qs = qs.filter(ar__in=list(ar_lista))
    rader = _jamforelserader(
        qs.values_list("beslut__insats_id", "beslut__insats__namn", "ar", "belopp").order_by()
    )
    if not rader:
        return []
    versioner = _versioner_for(
        Budgetversion.objects.filter(forbund=forbund, ar__in={ar for _i, ar in rader})
    )
    # Each insats once (rader has one key per insats and year).
    budget = _budget_per_ar(
        {ar: v.pk for ar, v in versioner.items()}, sorted({i for i, _a in rader})
    )
    return _jamfor(rader, versioner, budget)


def _jamforelserader(belopp) -> dict[tuple[int, int], Beslutsjamforelse]:
    """{(insats_id, år): Beslutsjamforelse} of (insats_id, namn, år, kronor)."""
    rader: dict[tuple[int, int], Beslutsjamforelse] = {}
    for insats_id, namn, ar, kronor in belopp:
        rad = rader.setdefault((insats_id, ar), Beslutsjamforelse(insats_id, namn, ar, 0))
        rad.beslutat += kronor
    return rader


def _versioner_for(versioner) -> dict[int, Budgetversion]:
    """{år: the version in force} of the Budgetversion objects `versioner`."""
    rows = [(v.pk, v.ar, v.typ, v.beslutsdatum, v) for v in versioner]
    return {ar: row[4] for ar, row in _valj_versioner(rows).items()}


def _jamfor(rader, versioner, budget) -> list[Beslutsjamforelse]:
    for (insats_id, ar), rad in rader.items():
        if ar in versioner:
            rad.version = versioner[ar]
            rad.budget = budget[(insats_id, ar)]
    return sorted(rader.values(), key=lambda r: (r.insats_namn, r.insats_id, r.ar))
