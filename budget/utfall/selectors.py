"""Reads for utfall and prognos: the delår table, the entry grid, the driftredovisning and the
kostnadsfördelning.

The rows and their grouping come from `budget.selectors.budgettabell` (one budget column);
this module adds the utfall columns and computes every sum, difference and share from the
stored kronor of the lines. Nothing computed here is stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date
from decimal import Decimal

from django.utils.translation import gettext as _

from budget.models import (
    Bokslut,
    Budgetgrupp,
    Budgetrad,
    Budgetversion,
    Utfallsperiod,
    Utfallsrad,
)
from budget.selectors import Budgetkolumn, budgettabell
from budget.tabeller.struktur import UpplostStruktur

BESLUTADE_TYPER = (Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG)


def _summa(*varden: int | None) -> int | None:
    """The sum of the given values; None when all are None (a blank cell stays blank)."""
    kanda = [v for v in varden if v is not None]
    return sum(kanda) if kanda else None


def _skillnad(a: int | None, b: int | None, *, tom_a_ar_noll: bool) -> int | None:
    """a − b. A missing `a` is 0 when `tom_a_ar_noll` (nothing booked), else no difference."""
    if a is None and (not tom_a_ar_noll or b is None):
        return None
    return (a or 0) - (b or 0)


@dataclass
class Utfallstabellrad:
    """One row of an utfall table (the stored amounts of a line are the model Utfallsrad).
    `typ` is 'rubrik', 'rad' or 'summa'; `varden` holds the kronor per column key (None:
    blank)."""

    typ: str
    etikett: str
    niva: int
    varden: dict[str, int | None] = field(default_factory=dict)
    rad: Budgetrad | None = None
    grupp: Budgetgrupp | None = None
    kommentar: str = ""
    #: For a line: its group and the groups above it (innermost first), and the top group's typ.
    grupper: list[int] = field(default_factory=list)
    topptyp: str = ""
    summagrupper: list[int] = field(default_factory=list)

    @property
    def summagrupper_attr(self) -> str:
        return " ".join(str(pk) for pk in self.summagrupper)


@dataclass
class Utfallstabell:
    nycklar: list[str]
    rader: list[Utfallstabellrad]
    summa_intakter: dict[str, int | None]
    summa_kostnader: dict[str, int | None]
    summa: dict[str, int | None]

    @property
    def linjer(self) -> list[Utfallstabellrad]:
        return [r for r in self.rader if r.typ == "rad"]

    @property
    def kommentarer(self) -> list[tuple[str, str]]:
        return [(r.etikett, r.kommentar) for r in self.linjer if r.kommentar]


def _utfallstabell(
    forbund_id: int,
    version: Budgetversion | None,
    varden: dict[str, dict[int, int]],
    *,
    kommentarer: dict[int, str] | None = None,
    harledda: dict[str, Callable[[dict], int | None]] | None = None,
    visa_tomma: bool = False,
    struktur: UpplostStruktur | None = None,
    dela_budget: bool = False,
) -> Utfallstabell:
    """The grouped table: budget column "budget" (from `version`) plus the columns in
    `varden` ({key: {rad_id: kronor}}), and derived columns computed per row from the others.

    Lines come in the budget table's order; a line with a value that the budget table leaves
    out (a closed line without budget) is put in its group. Lines without any value are left
    out unless `visa_tomma` (then every open line is offered, as in the amounts grid).
    With `struktur` (a document's own table) its groups, rows and labels replace the tree's;
    a row for a budget group holds the sums of the group's lines. With `dela_budget` the
    budget is also split into "b_intakt" and "b_kostnad": a budget row is one signed amount,
    an intäkt when positive and a kostnad when negative.
    """
    kommentarer = kommentarer or {}
    harledda = harledda or {}
    grund = budgettabell(
        forbund_id,
        [Budgetkolumn("", version)],
        visa_alla_oppna=True,
        struktur=struktur,
        dolj=False,
    )
    # The groups the budget table was built from (the tree's, or the structure's).
    grupper = {g.pk: (g.overordnad_id, g.typ, g.summa_etikett) for g in grund.grupper}

    def delar(rad) -> list[int]:
        return [d.pk for d in getattr(rad, "delar", None) or [rad]]

    def kedja(grupp_id):
        ut = []
        while grupp_id is not None and grupp_id in grupper and len(ut) <= len(grupper):
            ut.append(grupp_id)
            grupp_id = grupper[grupp_id][0]
        return ut

    rader: list[Utfallstabellrad] = []
    for t in grund.rader:
        r = Utfallstabellrad(t.typ, t.etikett, t.niva, rad=t.rad, grupp=t.grupp)
        if t.typ == "rad":
            r.varden["budget"] = t.belopp[0]
            if dela_budget and t.belopp[0] is not None:
                r.varden["b_intakt"] = max(t.belopp[0], 0)
                r.varden["b_kostnad"] = min(t.belopp[0], 0)
        rader.append(r)

    visade = {pk for r in rader if r.typ == "rad" for pk in delar(r.rad)}
    # Lines with a value that the budget table left out (closed, without budget): read
    # only when there are any.
    saknade_ids = {pk for vals in varden.values() for pk in vals if pk not in visade}
    saknade = sorted(
        Budgetrad.objects.filter(forbund_id=forbund_id, pk__in=saknade_ids) if saknade_ids else [],
        key=lambda rad: (rad.ordning, rad.pk),
    )
    for rad in saknade:
        if rad.pk in visade:
            continue
        if struktur is not None and rad.pk in struktur.rad_for:
            rad = struktur.rad_for[rad.pk]
        visade.update(delar(rad))
        ny = Utfallstabellrad("rad", rad.namn, 1, rad=rad)
        _placera(rader, ny, rad.grupp_id)

    for r in rader:
        if r.typ != "rad":
            continue
        pks = delar(r.rad)
        for nyckel, per_rad in varden.items():
            r.varden[nyckel] = _summa(*(per_rad.get(pk) for pk in pks))
        r.kommentar = "\n".join(kommentarer[pk] for pk in pks if kommentarer.get(pk))
        r.grupper = kedja(r.rad.grupp_id)
        r.topptyp = grupper[r.grupper[-1]][1] if r.grupper else Budgetgrupp.Typ.KOSTNAD
        r.summagrupper = [g for g in r.grupper if grupper[g][2]]

    nycklar = ["budget", *(["b_intakt", "b_kostnad"] if dela_budget else []), *varden]
    linjer = [
        r
        for r in rader
        if r.typ == "rad"
        and (visa_tomma or r.kommentar or any(r.varden.get(k) is not None for k in nycklar))
    ]
    if not visa_tomma:
        behall = {id(r) for r in linjer}
        anvanda = {g for r in linjer for g in r.grupper}
        rader = [
            r
            for r in rader
            if (r.typ == "rad" and id(r) in behall) or (r.typ != "rad" and r.grupp.pk in anvanda)
        ]

    def summera(urval):
        return {k: _summa(*(r.varden.get(k) for r in urval)) for k in nycklar}

    for r in rader:
        if r.typ == "summa":
            r.varden = summera([x for x in linjer if r.grupp.pk in x.grupper])
    summa_intakter = summera([r for r in linjer if r.topptyp == Budgetgrupp.Typ.INTAKT])
    summa_kostnader = summera([r for r in linjer if r.topptyp != Budgetgrupp.Typ.INTAKT])
    summa = summera(linjer)
    for varden_ in [*(r.varden for r in rader if r.typ != "rubrik"), summa_intakter]:
        for nyckel, berakna in harledda.items():
            varden_[nyckel] = berakna(varden_)
    for varden_ in (summa_kostnader, summa):
        for nyckel, berakna in harledda.items():
            varden_[nyckel] = berakna(varden_)
    return Utfallstabell(
        nycklar=nycklar + list(harledda),
        rader=rader,
        summa_intakter=summa_intakter,
        summa_kostnader=summa_kostnader,
        summa=summa,
    )


def _placera(rader: list[Utfallstabellrad], ny: Utfallstabellrad, grupp_id: int) -> None:
    """Put a line the budget table left out at the end of its group (before its sum row)."""
    summa = next(
        (i for i, r in enumerate(rader) if r.typ == "summa" and r.grupp.pk == grupp_id), None
    )
    if summa is not None:
        ny.niva = rader[summa].niva + 1
        rader.insert(summa, ny)
        return
    syskon = [i for i, r in enumerate(rader) if r.typ == "rad" and r.rad.grupp_id == grupp_id]
    if syskon:
        ny.niva = rader[syskon[-1]].niva
        rader.insert(syskon[-1] + 1, ny)
        return
    rubrik = next(
        (i for i, r in enumerate(rader) if r.typ == "rubrik" and r.grupp.pk == grupp_id), None
    )
    if rubrik is not None:
        ny.niva = rader[rubrik].niva + 1
        rader.insert(rubrik + 1, ny)
        return
    rader.append(ny)


# --- periods ---------------------------------------------------------------------------------


def perioder_for_ar(forbund, ar: int) -> list[Utfallsperiod]:
    return list(forbund.utfallsperioder.filter(per__year=ar).order_by("per"))


def ar_med_perioder(forbund) -> list[int]:
    """The years with an utfallsperiod, newest first."""
    return sorted({d.year for d in forbund.utfallsperioder.values_list("per", flat=True)})[::-1]


def version_vid(forbund_id: int, per: date) -> Budgetversion | None:
    """The budget in force at `per`: the newest budget or tilläggsbudget of that year decided
    no later than `per`."""
    return Budgetversion.objects.filter(forbund_id=forbund_id).senaste_for_ar(
        per.year, typer=BESLUTADE_TYPER, beslutad_senast=per
    )


def _rader_for(perioder) -> dict[int, dict[int, object]]:
    """{period_id: {rad_id: Utfallsrad}} in one query (unordered: the model's ordering joins
    the period, the group and the förbund to sort a dict; the lines are the budget
    table's)."""
    ut: dict[int, dict[int, object]] = defaultdict(dict)
    ids = [p.pk for p in perioder if p is not None]
    for u in Utfallsrad.objects.filter(period_id__in=ids).order_by():
        ut[u.period_id][u.rad_id] = u
    return ut


# --- the delår table ---------------------------------------------------------------------------


def _avvikelse_prognos(v: dict) -> int | None:
    return _skillnad(v.get("prognos"), v.get("budget"), tom_a_ar_noll=False)


@dataclass
class Delarstabell:
    period: Utfallsperiod
    version: Budgetversion | None
    tabell: Utfallstabell

    @property
    def summa(self) -> dict[str, int | None]:
        return self.tabell.summa


def delarstabell(period: Utfallsperiod, *, struktur: UpplostStruktur | None = None) -> Delarstabell:
    """Årsbudget (the version in force at the date) / utfall to date (netto) / prognos /
    avvikelse = prognos − budget per line, group and in total, in five queries (six when a
    line with a value is one the budget table leaves out). `struktur`:
    the document's own table structure (budget.tabeller.struktur), else the budget tree."""
    version = version_vid(period.forbund_id, period.per)
    rader = _rader_for([period])[period.pk]
    tabell = _utfallstabell(
        period.forbund_id,
        version,
        {
            "utfall": {pk: u.netto for pk, u in rader.items()},
            "prognos": {pk: u.prognos for pk, u in rader.items() if u.prognos is not None},
        },
        kommentarer={pk: u.kommentar for pk, u in rader.items()},
        harledda={"avvikelse": _avvikelse_prognos},
        struktur=struktur,
    )
    return Delarstabell(period=period, version=version, tabell=tabell)


# --- the entry grid ------------------------------------------------------------------------------


@dataclass
class Utfallsgrid:
    period: Utfallsperiod
    version: Budgetversion | None
    tabell: Utfallstabell

    @property
    def bokslut(self) -> bool:
        return self.period.typ == Utfallsperiod.Typ.BOKSLUT

    @property
    def linjer(self) -> list[Utfallstabellrad]:
        return self.tabell.linjer


def utfallsgrid(period: Utfallsperiod) -> Utfallsgrid:
    """Every open line (and every line with a stored utfall) with its budget, utfall
    (intäkt, kostnad, netto), prognos and comment, grouped as the budget table."""
    version = version_vid(period.forbund_id, period.per)
    rader = _rader_for([period])[period.pk]
    tabell = _utfallstabell(
        period.forbund_id,
        version,
        {
            "intakt": {pk: u.intakt for pk, u in rader.items()},
            "kostnad": {pk: u.kostnad for pk, u in rader.items()},
            "netto": {pk: u.netto for pk, u in rader.items()},
            "prognos": {pk: u.prognos for pk, u in rader.items() if u.prognos is not None},
        },
        kommentarer={pk: u.kommentar for pk, u in rader.items()},
        visa_tomma=True,
    )
    # A line in a closed group is offered only when it has a value.
    tabell.rader = [
        r
        for r in tabell.rader
        if r.typ != "rad"
        or not r.rad.stangd
        or r.kommentar
        or any(r.varden.get(k) is not None for k in tabell.nycklar)
    ]
    return Utfallsgrid(period=period, version=version, tabell=tabell)


# --- the driftredovisning and the kostnadsfördelning ---------------------------------------------


def _avvikelse_utfall(v: dict) -> int | None:
    return _skillnad(v.get("netto"), v.get("budget"), tom_a_ar_noll=True)


@dataclass
class Andel:
    etikett: str
    budget: int | None
    utfall: int | None
    foregaende: int | None
    andel_budget: Decimal | None = None
    andel_utfall: Decimal | None = None
    andel_foregaende: Decimal | None = None


@dataclass
class Driftredovisning:
    ar: int
    period: Utfallsperiod
    foregaende: Utfallsperiod | None
    version: Budgetversion | None
    tabell: Utfallstabell
    #: Finansiella intäkter och kostnader per column key, when a Bokslut is stored.
    finansiella: dict[str, int | None] | None
    kostnadsfordelning: list[Andel]

    @property
    def summa_efter_finansiella(self) -> dict[str, int | None] | None:
        if self.finansiella is None:
            return None
        return {
            k: _summa(self.tabell.summa.get(k), self.finansiella.get(k))
            if self.finansiella.get(k) is not None
            else None
            for k in ("intakt", "kostnad", "netto", "f_intakt", "f_kostnad", "f_netto")
        }


def _har_datum(ar: int) -> bool:
    """A year whose 31 December and the one before exist (a URL can hold 0 or 10**30)."""
    return MINYEAR < ar <= MAXYEAR


def bokslutsperiod(forbund, ar: int) -> Utfallsperiod | None:
    if not _har_datum(ar):
        return None
    return forbund.utfallsperioder.filter(per=date(ar, 12, 31)).first()


_LAS = object()


def driftredovisning(
    forbund, ar: int, *, struktur: UpplostStruktur | None = None, bokslut=_LAS
) -> Driftredovisning | None:
    """The year's utfall per line and group (intäkt, kostnad, netto), the budget in force
    (intäkt, kostnad, netto: "b_intakt", "b_kostnad", "budget"), avvikelse utfall − budget,
    and last year's utfall, in kronor; None when the year has no period per 31 December.
    Seven queries whatever the number of lines (eight when a line with a value is one
    the budget table leaves out). `struktur`: the document's own table
    structure (budget.tabeller.struktur), else the budget tree. `bokslut`: {år: Bokslut}
    of the year and the year before (those stored), when the caller has read them (one
    query fewer)."""
    if not _har_datum(ar):
        return None
    perioder = {
        p.per.year: p
        for p in Utfallsperiod.objects.filter(
            forbund=forbund, per__in=[date(ar, 12, 31), date(ar - 1, 12, 31)]
        )
    }
    period = perioder.get(ar)
    if period is None:
        return None
    foregaende = perioder.get(ar - 1)
    version = version_vid(forbund.pk, period.per)
    per_period = _rader_for([period, foregaende])
    nu = per_period[period.pk]
    fore = per_period[foregaende.pk] if foregaende else {}
    tabell = _utfallstabell(
        forbund.pk,
        version,
        {
            "intakt": {pk: u.intakt for pk, u in nu.items()},
            "kostnad": {pk: u.kostnad for pk, u in nu.items()},
            "netto": {pk: u.netto for pk, u in nu.items()},
            "f_intakt": {pk: u.intakt for pk, u in fore.items()},
            "f_kostnad": {pk: u.kostnad for pk, u in fore.items()},
            "f_netto": {pk: u.netto for pk, u in fore.items()},
        },
        kommentarer={pk: u.kommentar for pk, u in nu.items()},
        harledda={"avvikelse": _avvikelse_utfall},
        struktur=struktur,
        dela_budget=True,
    )
    if bokslut is _LAS:
        bokslut = {b.ar: b for b in Bokslut.objects.filter(forbund=forbund, ar__in=[ar, ar - 1])}
    finansiella = None
    if bokslut:
        finansiella = {}
        for prefix, b in (("", bokslut.get(ar)), ("f_", bokslut.get(ar - 1))):
            i = b.finansiella_intakter if b else None
            k = b.finansiella_kostnader if b else None
            finansiella[f"{prefix}intakt"] = i
            finansiella[f"{prefix}kostnad"] = k
            finansiella[f"{prefix}netto"] = _summa(i, k)
    return Driftredovisning(
        ar=ar,
        period=period,
        foregaende=foregaende,
        version=version,
        tabell=tabell,
        finansiella=finansiella,
        kostnadsfordelning=kostnadsfordelning(tabell, har_foregaende=foregaende is not None),
    )


def kostnadsfordelning(tabell: Utfallstabell, *, har_foregaende: bool = True) -> list[Andel]:
    """Each cost category's share of the costs: budget (netto of the cost lines), utfall and
    last year's utfall (the lines' kostnader, as Not 3). Costs without a category get a row
    of their own when there are any, so the shares add up to 100 %."""
    per_kategori: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in tabell.linjer:
        kostnad = [
            (r.varden.get("budget") or 0) if r.topptyp != Budgetgrupp.Typ.INTAKT else 0,
            r.varden.get("kostnad") or 0,
            r.varden.get("f_kostnad") or 0,
        ]
        nyckel = r.rad.kategori or ""
        for i, v in enumerate(kostnad):
            per_kategori[nyckel][i] += v
    totalt = [sum(v[i] for v in per_kategori.values()) for i in range(3)]
    etiketter = [(k.value, k.label) for k in Budgetrad.Kategori]
    if any(per_kategori.get("", [0, 0, 0])):
        etiketter.append(("", _("Utan kostnadskategori")))
    ut = []
    for nyckel, etikett in etiketter:
        b, u, f = per_kategori.get(nyckel, [0, 0, 0])
        andelar = [
            Decimal(v) / Decimal(t) if t else None for v, t in zip((b, u, f), totalt, strict=True)
        ]
        ut.append(
            Andel(
                str(etikett),
                b,
                u,
                f if har_foregaende else None,
                andelar[0],
                andelar[1],
                andelar[2] if har_foregaende else None,
            )
        )
    return ut
