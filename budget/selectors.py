"""Reads for the budget: the grouped table with computed sums, resultat and eget kapital.

Nothing here is stored: every sum is computed from the stored line amounts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from budget.tabeller.struktur import UpplostStruktur


@dataclass
class Budgetkolumn:
    rubrik: str
    version: Budgetversion | None


@dataclass
class Tabellrad:
    """One row of the table. `typ` is 'rubrik', 'rad' or 'summa'; `niva` is the depth."""

    typ: str
    etikett: str
    niva: int
    belopp: list[int | None] = field(default_factory=list)
    rad: Budgetrad | None = None
    grupp: Budgetgrupp | None = None


@dataclass
class Budgettabell:
    kolumner: list[Budgetkolumn]
    rader: list[Tabellrad]
    # Per column; None where the column has no stored version.
    summa_intakter: list[int | None]
    summa_kostnader: list[int | None]
    resultat: list[int | None]
    individinsatser: list[int | None]
    insatskostnader: list[int | None]
    #: The groups the rows were built from: the budget tree's, or a document's own
    #: structure's (budget.tabeller.struktur), unsaved.
    grupper: list[Budgetgrupp] = field(default_factory=list)

    @property
    def individinsatser_andel(self) -> list[Decimal | None]:
        """Individinsatser as a share of all direkta insatskostnader, per column."""
        return [
            (Decimal(i) / Decimal(t)) if t and i is not None else None
            for i, t in zip(self.individinsatser, self.insatskostnader, strict=True)
        ]

    def utgaende_eget_kapital(self, forsta_utgaende: int | None) -> list[int | None]:
        """Roll eget kapital forward: column 0 closes at `forsta_utgaende`, each later column
        adds its resultat."""
        if forsta_utgaende is None:
            return [None] * len(self.kolumner)
        rullat: list[int | None] = [forsta_utgaende]
        for res in self.resultat[1:]:
            rullat.append(None if res is None or rullat[-1] is None else rullat[-1] + res)
        return rullat


def belopp_per_version(versioner) -> dict[int, dict[int, int]]:
    """{version_id: {rad_id: belopp}} in one query (unordered: the model's ordering joins
    four tables to sort rows that end up in a dict)."""
    ids = [v.pk for v in versioner if v is not None]
    result: dict[int, dict[int, int]] = defaultdict(dict)
    rader = Budgetbelopp.objects.filter(version_id__in=ids).order_by()
    for version_id, rad_id, belopp in rader.values_list("version_id", "rad_id", "belopp"):
        result[version_id][rad_id] = belopp
    return result


#: {förbund id: (groups, lines)} inside `ett_budgettrad()`, else None.
_TRAD: ContextVar[dict | None] = ContextVar("budgettrad", default=None)


@contextmanager
def ett_budgettrad() -> Iterator[None]:
    """Inside: every budget table (`budgettabell`, and the utfall tables built on it) of a
    förbund uses its budget tree (groups and lines) as read by the first one, one read for
    all (the start page's checklists build three documents' tables in one request). Only
    around reads that write nothing to the tree; outside, each table reads it."""
    token = _TRAD.set({})
    try:
        yield
    finally:
        _TRAD.reset(token)


def _budgettrad(forbund) -> tuple[list[Budgetgrupp], list[Budgetrad]]:
    """The förbund's groups and lines, in the table's order: two queries, or none inside
    `ett_budgettrad()` once read there."""
    minne = _TRAD.get()
    nyckel = getattr(forbund, "pk", forbund)
    if minne is not None and nyckel in minne:
        grupper, rader = minne[nyckel]
    else:
        grupper = list(Budgetgrupp.objects.filter(forbund=forbund).order_by("ordning", "pk"))
        # Without the insats: no table row shows it (its every field was read per line).
        rader = list(Budgetrad.objects.filter(forbund=forbund).order_by("ordning", "pk"))
        if minne is not None:
            minne[nyckel] = (grupper, rader)
    return list(grupper), list(rader)


def budgettabell(
    forbund,
    kolumner: list[Budgetkolumn],
    *,
    visa_alla_oppna: bool = False,
    struktur: UpplostStruktur | None = None,
    dolj: bool = True,
) -> Budgettabell:
    """The grouped budget table for the given columns, in three queries (one inside
    `ett_budgettrad()` once the tree is read there).

    A line is shown when any column holds an amount for it (or, with `visa_alla_oppna`,
    when it is open). A group is shown when it shows any line. With `struktur` (a document's
    own table, budget.tabeller.struktur) its groups, rows and labels replace the tree's; a
    row for a budget group shows the sum of the group's lines; a group the structure marks
    `dold` counts in the sums but prints no rows (unless `dolj` is False).
    """
    if struktur is not None:
        grupper, rader = struktur.grupper, struktur.rader
    else:
        grupper, rader = _budgettrad(forbund)
    belopp = belopp_per_version([k.version for k in kolumner])
    n = len(kolumner)

    def delrader(rad):
        return getattr(rad, "delar", None) or [rad]

    def en_rads_belopp(rad):
        return [
            belopp.get(k.version.pk, {}).get(rad.pk) if k.version is not None else None
            for k in kolumner
        ]

    def rad_belopp(rad):
        per_del = [en_rads_belopp(d) for d in delrader(rad)]
        return [
            None if all(v[i] is None for v in per_del) else sum(v[i] or 0 for v in per_del)
            for i in range(n)
        ]

    barn_grupper = defaultdict(list)
    for g in grupper:
        barn_grupper[g.overordnad_id].append(g)
    rader_i = defaultdict(list)
    for r in rader:
        rader_i[r.grupp_id].append(r)

    summa_per_typ = {t: [0] * n for t in Budgetgrupp.Typ.values}
    per_kategori = defaultdict(lambda: [0] * n)
    ut: list[Tabellrad] = []

    def lagg_till(summa, varden):
        for i, v in enumerate(varden):
            if v is not None:
                summa[i] += v

    def gruppens_rader(grupp, niva, typ):
        """Rows of a group and its subgroups, and its sum; None when nothing is shown."""
        delar = [(r.ordning, 0, r) for r in rader_i[grupp.pk]] + [
            (g.ordning, 1, g) for g in barn_grupper[grupp.pk]
        ]
        delar.sort(key=lambda d: (d[0], d[1], d[2].pk))
        inre: list[Tabellrad] = []
        summa = [0] * n
        for _ordning, slag, del_ in delar:
            if slag == 0:
                varden = rad_belopp(del_)
                if all(v is None for v in varden) and not (visa_alla_oppna and not del_.stangd):
                    continue
                inre.append(Tabellrad("rad", del_.namn, niva + 1, varden, rad=del_))
                lagg_till(summa, varden)
                for d in delrader(del_):
                    if d.kategori:
                        lagg_till(per_kategori[d.kategori], en_rads_belopp(d))
            else:
                sub = gruppens_rader(del_, niva + (1 if grupp.visa_rubrik else 0), typ)
                if sub is not None:
                    sub_rader, sub_summa = sub
                    inre.extend(sub_rader)
                    lagg_till(summa, sub_summa)
        if not inre:
            return None
        if dolj and getattr(grupp, "dold", False):
            return [], summa
        rows = []
        if grupp.visa_rubrik:
            rows.append(Tabellrad("rubrik", grupp.namn, niva, [None] * n, grupp=grupp))
        rows.extend(inre)
        if grupp.summa_etikett:
            rows.append(Tabellrad("summa", grupp.summa_etikett, niva, list(summa), grupp=grupp))
        return rows, summa

    for grupp in barn_grupper[None]:
        res = gruppens_rader(grupp, 0, grupp.typ)
        if res is None:
            continue
        rows, summa = res
        ut.extend(rows)
        lagg_till(summa_per_typ[grupp.typ], summa)

    intakter = summa_per_typ[Budgetgrupp.Typ.INTAKT]
    kostnader = summa_per_typ[Budgetgrupp.Typ.KOSTNAD]
    insats = [0] * n
    for kat in Budgetrad.INSATSKATEGORIER:
        lagg_till(insats, per_kategori[kat])

    # A column without a stored version has no figures: its sums are blank, not 0.
    def blank(varden):
        return [v if k.version is not None else None for k, v in zip(kolumner, varden, strict=True)]

    for rad in ut:
        if rad.typ == "summa":
            rad.belopp = blank(rad.belopp)
    return Budgettabell(
        kolumner=kolumner,
        rader=ut,
        summa_intakter=blank(intakter),
        summa_kostnader=blank(kostnader),
        resultat=blank([a + b for a, b in zip(intakter, kostnader, strict=True)]),
        individinsatser=blank(per_kategori[Budgetrad.Kategori.INDIVIDINSATSER]),
        insatskostnader=blank(insats),
        grupper=grupper,
    )


def verksamhetsplan_versioner(forbund, ar: int, *, endast_lagrade: bool = False):
    """The versions a Verksamhetsplan och budget for year `ar` shows.

    Budget `ar` is the adopted budget of that year; the other columns are the newest
    versions decided no later than it: budget (or tilläggsbudget) `ar`−1 and plan
    `ar`+1 and `ar`+2. Returns (budget_version, [Budgetkolumn, …]); budget_version is None
    when year `ar` has no adopted budget.

    With `endast_lagrade` the plan covers only the years that have stored versions: budget
    `ar`−1 when there is one, and the plan years in a row after `ar` that were decided with
    it (a first year after a merger has one budget year and no plan).
    """
    # The four years' versions in one query; each column is chosen as
    # BudgetversionQuerySet.senaste_for_ar would (the newest decision, then the highest pk).
    alla = list(Budgetversion.objects.filter(forbund=forbund, ar__in=range(ar - 1, ar + 3)))

    def senaste_for_ar(a, *, typer, beslutad_senast=None):
        return max(
            (
                v
                for v in alla
                if v.ar == a
                and v.typ in typer
                and (beslutad_senast is None or v.beslutsdatum <= beslutad_senast)
            ),
            key=lambda v: (v.beslutsdatum, v.pk),
            default=None,
        )

    huvud = senaste_for_ar(ar, typer=[Budgetversion.Typ.BUDGET])
    if huvud is None:
        return None, []
    budgettyper = [Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG]
    plantyp = [Budgetversion.Typ.PLAN]
    fore = senaste_for_ar(ar - 1, typer=budgettyper, beslutad_senast=huvud.beslutsdatum)
    plan1 = senaste_for_ar(ar + 1, typer=plantyp, beslutad_senast=huvud.beslutsdatum)
    plan2 = senaste_for_ar(ar + 2, typer=plantyp, beslutad_senast=huvud.beslutsdatum)
    kolumner = [
        Budgetkolumn(f"Budget {ar - 1}", fore),
        Budgetkolumn(f"Budget {ar}", huvud),
        Budgetkolumn(f"Plan {ar + 1}", plan1),
        Budgetkolumn(f"Plan {ar + 2}", plan2),
    ]
    if endast_lagrade:
        planer = kolumner[2:]
        antal = next((i for i, k in enumerate(planer) if k.version is None), len(planer))
        kolumner = [k for k in kolumner[:2] if k.version is not None] + planer[:antal]
    return huvud, kolumner


def aktuell_version(forbund, ar: int):
    """The version in force for a year: the newest adopted budget or tilläggsbudget,
    else the newest plan."""
    qs = Budgetversion.objects.filter(forbund=forbund)
    return qs.senaste_for_ar(
        ar, typer=[Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG]
    ) or qs.senaste_for_ar(ar, typer=[Budgetversion.Typ.PLAN])


# --- pages of the budget app -------------------------------------------------------------


def ar_med_versioner(forbund) -> list[int]:
    """The years that have any version, newest first."""
    ar = forbund.budgetversioner.order_by("-ar").values_list("ar", flat=True).distinct()
    return list(ar)


def versioner_for_ar(forbund, ar: int) -> list[Budgetversion]:
    """All versions of a year, the newest decision first."""
    return list(forbund.budgetversioner.filter(ar=ar).order_by("-beslutsdatum", "-pk"))


@dataclass
class Versionstabell:
    """One version as a one-column table, with its eget kapital when it was estimated."""

    version: Budgetversion
    tabell: Budgettabell

    @property
    def eget_kapital_ingaende(self) -> int | None:
        return self.version.eget_kapital_ingaende

    @property
    def eget_kapital_utgaende(self) -> int | None:
        ingaende = self.version.eget_kapital_ingaende
        return None if ingaende is None else ingaende + self.tabell.resultat[0]

    @property
    def extra_rader(self) -> list[tuple[str, list[int | None]]]:
        """Rows after Resultat: the estimated eget kapital, when the version has one."""
        if self.eget_kapital_ingaende is None:
            return []
        return [
            (_("Beräknat eget kapital vid årets början"), [self.eget_kapital_ingaende]),
            (_("Beräknat utgående eget kapital"), [self.eget_kapital_utgaende]),
        ]


def versionstabell(version: Budgetversion) -> Versionstabell:
    """The table of one version: its lines with amounts, grouped, in three queries."""
    tabell = budgettabell(version.forbund_id, [Budgetkolumn(version.rubrik, version)])
    return Versionstabell(version, tabell)


@dataclass
class Gridrad:
    """One row of the amounts grid.

    `belopp` is the stored amount (a line) or the stored sum (a sum row). A line adds
    into the sum rows of `summagrupper` and into Summa intäkter or Summa kostnader by
    `toppgruppstyp`; the grid's script recomputes the sums from these as the user types.
    """

    typ: str
    etikett: str
    niva: int
    belopp: int | None
    rad: Budgetrad | None = None
    grupp_id: int | None = None
    summagrupper: list[int] = field(default_factory=list)
    toppgruppstyp: str = ""

    @property
    def faltnamn(self) -> str:
        return f"rad_{self.rad.pk}" if self.rad is not None else ""

    @property
    def summagrupper_attr(self) -> str:
        return " ".join(str(pk) for pk in self.summagrupper)


@dataclass
class Beloppsgrid:
    version: Budgetversion
    rader: list[Gridrad]
    summa_kostnader: int
    resultat: int

    @property
    def budgetrader(self) -> list[Budgetrad]:
        return [g.rad for g in self.rader if g.typ == "rad"]


def beloppsgrid(version: Budgetversion) -> Beloppsgrid:
    """The lines a version's amounts are typed into, grouped as the table, in four queries.

    Every open line is offered, and every line that already has an amount in the version.
    An open line in a closed group (or below one) is left out unless it has an amount.
    """
    kolumner = [Budgetkolumn(version.rubrik, version)]
    tabell = budgettabell(version.forbund_id, kolumner, visa_alla_oppna=True)
    grupper = {g.pk: g for g in Budgetgrupp.objects.filter(forbund_id=version.forbund_id)}

    def kedja(grupp_id):
        """The group and its ancestors, innermost first."""
        ut = []
        while grupp_id is not None and grupp_id in grupper and len(ut) <= len(grupper):
            ut.append(grupper[grupp_id])
            grupp_id = grupper[grupp_id].overordnad_id
        return ut

    rader: list[Gridrad] = []
    anvanda_grupper: set[int] = set()
    for t in tabell.rader:
        if t.typ == "rad":
            grupper_upp = kedja(t.rad.grupp_id)
            if t.belopp[0] is None and any(g.stangd for g in grupper_upp):
                continue
            anvanda_grupper.update(g.pk for g in grupper_upp)
            rader.append(
                Gridrad(
                    "rad",
                    t.etikett,
                    t.niva,
                    t.belopp[0],
                    rad=t.rad,
                    summagrupper=[g.pk for g in grupper_upp if g.summa_etikett],
                    toppgruppstyp=grupper_upp[-1].typ if grupper_upp else "",
                )
            )
        else:
            rader.append(Gridrad(t.typ, t.etikett, t.niva, t.belopp[0], grupp_id=t.grupp.pk))
    # Drop the heading and sum rows of groups whose lines were all left out.
    rader = [r for r in rader if r.typ == "rad" or r.grupp_id in anvanda_grupper]
    return Beloppsgrid(
        version=version,
        rader=rader,
        summa_kostnader=tabell.summa_kostnader[0],
        resultat=tabell.resultat[0],
    )


def belopp_for_version(version: Budgetversion) -> dict[int, int]:
    """{rad_id: belopp} of one version."""
    return dict(version.belopp.values_list("rad_id", "belopp"))


@dataclass
class Strukturgrupp:
    """A group on the structure page, with its own lines, at its depth in the tree."""

    grupp: Budgetgrupp
    niva: int
    rader: list[Budgetrad]


def struktur(forbund) -> list[Strukturgrupp]:
    """The group tree, depth first by `ordning`, each group with its own lines, in two
    queries. Each line carries `i_beslutad_budget`: it has an amount in a budget or
    tilläggsbudget, so it can be closed but not removed."""
    grupper = list(Budgetgrupp.objects.filter(forbund=forbund).order_by("ordning", "pk"))
    beslutad = Budgetbelopp.objects.filter(
        rad=OuterRef("pk"),
        version__typ__in=[Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG],
    )
    rader = (
        Budgetrad.objects.filter(forbund=forbund)
        .select_related("insats")
        .annotate(i_beslutad_budget=Exists(beslutad))
        .order_by("ordning", "pk")
    )
    barn = defaultdict(list)
    for g in grupper:
        barn[g.overordnad_id].append(g)
    rader_i = defaultdict(list)
    for r in rader:
        rader_i[r.grupp_id].append(r)

    ut: list[Strukturgrupp] = []
    sedda: set[int] = set()

    def besok(grupp, niva):
        if grupp.pk in sedda:  # a cycle made outside the app: show each group once
            return
        sedda.add(grupp.pk)
        ut.append(Strukturgrupp(grupp, niva, rader_i[grupp.pk]))
        for sub in barn[grupp.pk]:
            besok(sub, niva + 1)

    for g in barn[None]:
        besok(g, 0)
    return ut


def underordnade_grupper(grupp: Budgetgrupp) -> set[int]:
    """The ids of the group and every group below it (a group cannot move under these)."""
    barn = defaultdict(list)
    for pk, overordnad_id in Budgetgrupp.objects.filter(forbund_id=grupp.forbund_id).values_list(
        "pk", "overordnad_id"
    ):
        barn[overordnad_id].append(pk)
    ut, att_besoka = set(), [grupp.pk]
    while att_besoka:
        pk = att_besoka.pop()
        if pk not in ut:
            ut.add(pk)
            att_besoka.extend(barn[pk])
    return ut


def stangda_grupper(forbund) -> set[int]:
    """The ids of the closed groups and every group below one, in one query."""
    barn = defaultdict(list)
    stangda = []
    for pk, overordnad_id, stangd in Budgetgrupp.objects.filter(forbund=forbund).values_list(
        "pk", "overordnad_id", "stangd"
    ):
        barn[overordnad_id].append(pk)
        if stangd:
            stangda.append(pk)
    ut: set[int] = set()
    while stangda:
        pk = stangda.pop()
        if pk not in ut:
            ut.add(pk)
            stangda.extend(barn[pk])
    return ut
