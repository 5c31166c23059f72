"""Participant statistics from the APPROVED reports (status godkänd) of a period.

    stat = period_statistik(forbund, period, protected=True)
    stat.totals            # deltagare / nya / avslutade × kön, a CountTable
    stat.per_insats["deltagare"]
    stat.groups["avslutsorsak"]
    stat.shares            # "51 % arbete, studier eller närmare arbete" …

A period is a half-year (jan–jun, "h1") or the full year ("helar", jan–dec): the full
year's figures are the year's figures (h1 and helår are never added together).

Every count table goes through `uppfoljning.statistik.smatal` so that the protected view (styrelse,
revisor, PDF reports, the command's Excel file) never shows 1 … threshold − 1 nor lets
them be worked out. Tables sharing a total (e.g. avslutsorsak per kön must add up to
avslutade per kön) are protected together: what one hides in the shared total row, the
others hide too. Shares and averages built from a hidden cell are not shown.

The whole page costs a fixed number of queries, however many insatser report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam import formatting
from insatser.models import Insats
from uppfoljning.models import Deltagarrapport, Enkatsvar, Kon, Matt, Rapportperiod, Rapportvarde
from uppfoljning.statistik.smatal import CountTable, share

GODKAND = Deltagarrapport.Status.GODKAND
KONSORDNING = [Kon.KVINNOR.value, Kon.MAN.value, Kon.ANNAT.value]

#: Measures with a table per insats (rows insatser, columns kön, a total row).
INSATSMATT = ["deltagare", "nya", "avslutade", "langvarigt-stod"]

#: Groups of measures that add up to a base measure, per kön.
GRUPPER = {
    "alder": ("alder-", "deltagare"),
    "avslutsorsak": ("avslut-", "avslutade"),
    "forsorjning": ("forsorjning-", "deltagare"),
}
#: Groups not split by kön (one column): prefix and the base they add up to.
GRUPPER_UTAN_KON = {
    "utbildning": ("utb-", "deltagare"),
    "remittent": ("rem-", "nya"),
}
NARMARE_ARBETE = ("avslut-arbete", "avslut-studier", "avslut-narmare")
SJUK = ("avslut-sjuk",)
EN_DECIMAL = Decimal("0.1")


def kon_labels() -> list[str]:
    return [str(label) for _value, label in Kon.choices]


def _int(value) -> int:
    return int(Decimal(value or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class ShareRow:
    label: str
    #: One per column: kvinnor, män, annat, totalt. None when hidden or undefined.
    values: list[Decimal | None]
    hidden: list[bool]


@dataclass
class AverageRow:
    label: str
    values: list[Decimal | None]
    hidden: list[bool]

    @property
    def texts(self) -> list[str]:
        """'14,0', or an en dash where hidden or without avslutade."""
        return ["–" if v is None else formatting.decimal_sv(v, 1) for v in self.values]


@dataclass
class TrendPoint:
    period: Rapportperiod
    deltagare: int
    avslutade: int
    deltagare_hidden: bool = False
    avslutade_hidden: bool = False


@dataclass
class Trend:
    """Deltagare and avslutade over the periods that can be compared with the page's: the
    same kind (a half-year and a full year are never on one line, the full year holds the
    half-year) and ended, every report approved (a period still reporting would read as a
    collapse). `annan_typ` and `pagar` are the periods with approved figures left out."""

    typ: str
    punkter: list[TrendPoint] = field(default_factory=list)
    annan_typ: list[Rapportperiod] = field(default_factory=list)
    pagar: list[Rapportperiod] = field(default_factory=list)


@dataclass
class Enkatfraga:
    fraga: str
    table: CountTable


@dataclass
class Rmgt:
    insats: Insats
    konsultationer: int
    handlaggare: int
    individer: CountTable
    enkat: CountTable | None


@dataclass
class Periodstatistik:
    forbund: object
    period: Rapportperiod
    protected: bool
    threshold: int
    antal_godkanda: int
    antal_ej_godkanda: int
    insatser: list[Insats]
    matt: dict[str, Matt]
    #: (insats_id, kod, kon) -> value; kon "" for measures not split by kön.
    values: dict[tuple[int, str, str], Decimal]
    per_insats: dict[str, CountTable] = field(default_factory=dict)
    groups: dict[str, CountTable] = field(default_factory=dict)
    totals: CountTable | None = None
    shares: list[ShareRow] = field(default_factory=list)
    manader: AverageRow | None = None
    manader_per_insats: list[AverageRow] = field(default_factory=list)
    rmgt: list[Rmgt] = field(default_factory=list)
    trend: Trend | None = None

    @property
    def har_data(self) -> bool:
        return bool(self.individinsatser)

    @cached_property
    def individinsatser(self) -> list[Insats]:
        matt = self.matt.get("deltagare")
        typer = matt.insatstyper if matt else []
        return [i for i in self.insatser if i.typ in typer]

    def value(self, insats_id: int, kod: str, kon: str = "") -> Decimal:
        return self.values.get((insats_id, kod, kon), Decimal(0))

    @cached_property
    def _antal(self) -> dict[tuple[int, str, str], int]:
        """`values` rounded once: building the protected tables counts each many times.
        (`_int` of each, written out: the values are Decimals already.)"""
        ett, upp = Decimal(1), ROUND_HALF_UP
        return {nyckel: int(v.quantize(ett, rounding=upp)) for nyckel, v in self.values.items()}

    def count(self, insats_id: int, kod: str, kon: str = "") -> int:
        return self._antal.get((insats_id, kod, kon), 0)

    def utan_radata(self) -> Periodstatistik:
        """Itself without the raw figures per insats, measure and kön (`values`, and their
        rounding), once every table, share and average is built: what a kept copy needs
        (the figures were half of it pickled, and pickling Decimals is slow). `value()` and
        `count()` give 0 after this."""
        self.values = {}
        self.__dict__.pop("_antal", None)
        return self

    def label(self, kod: str) -> str:
        matt = self.matt.get(kod)
        return matt.namn if matt else kod

    def codes(self, prefix: str) -> list[str]:
        return [kod for kod, m in self.matt.items() if kod.startswith(prefix) and m.aktiv]

    # -- building ------------------------------------------------------------------

    def _table(self, row_labels, cells, **kw) -> CountTable:
        return CountTable(
            row_labels=row_labels,
            column_labels=kw.pop("column_labels", kon_labels()),
            cells=cells,
            threshold=self.threshold,
            protected=self.protected,
            total_label=_("Totalt"),
            **kw,
        )

    def _insats_cells(self, kod: str) -> list[list[int]]:
        antal = self._antal
        return [[antal.get((i.pk, kod, k), 0) for k in KONSORDNING] for i in self.individinsatser]

    def _group_cells(self, prefix: str) -> list[list[int]]:
        antal = self._antal
        pks = [i.pk for i in self.individinsatser]
        return [
            [sum(antal.get((pk, kod, k), 0) for pk in pks) for k in KONSORDNING]
            for kod in self.codes(prefix)
        ]

    def _insats_table(self, kod: str, total_hidden: set[int], cells=None) -> CountTable:
        insatser = self.individinsatser
        n = len(insatser)
        return self._table(
            [i.namn for i in insatser],
            self._insats_cells(kod) if cells is None else cells,
            also_hidden=frozenset((n, c) for c in total_hidden),
        )

    def _group_table(self, prefix: str, total_hidden: set[int], cells=None) -> CountTable:
        codes = self.codes(prefix)
        return self._table(
            [self.label(kod) for kod in codes],
            self._group_cells(prefix) if cells is None else cells,
            also_hidden=frozenset((len(codes), c) for c in total_hidden),
        )

    def build(self) -> Periodstatistik:
        # Protect the linked tables together: the total row of "deltagare per insats"
        # and of every group adding up to deltagare must hide the same cells.
        bases = ["deltagare", "nya", "avslutade"]
        shared: dict[str, set[int]] = {kod: set() for kod in bases}
        # The cells are the same every round (only what else is hidden changes).
        insats_cells = {kod: self._insats_cells(kod) for kod in INSATSMATT}
        group_cells = {namn: self._group_cells(prefix) for namn, (prefix, _b) in GRUPPER.items()}
        for _round in range(20):
            per_insats = {
                kod: self._insats_table(kod, shared.get(kod, set()), insats_cells[kod])
                for kod in INSATSMATT
            }
            groups = {
                namn: self._group_table(prefix, shared[base], group_cells[namn])
                for namn, (prefix, base) in GRUPPER.items()
            }
            new = {kod: set() for kod in bases}
            for kod in bases:
                t = per_insats[kod]
                new[kod] |= {c for (r, c) in t.hidden if r == t.n_rows}
            for namn, (_prefix, base) in GRUPPER.items():
                t = groups[namn]
                new[base] |= {c for (r, c) in t.hidden if r == t.n_rows}
            if new == shared:
                break
            shared = new
        self.per_insats = per_insats
        self.groups = groups
        for namn, (prefix, _base) in GRUPPER_UTAN_KON.items():
            codes = self.codes(prefix)
            self.groups[namn] = self._table(
                [self.label(kod) for kod in codes],
                [[sum(self.count(i.pk, kod) for i in self.individinsatser)] for kod in codes],
                column_labels=[_("Totalt")],
                total_column=False,
            )
        self._build_totals()
        self._build_shares()
        self._build_manader()
        return self

    def _total_row(self, table: CountTable) -> tuple[list[int], list[bool]]:
        r = table.n_rows
        return (
            [table.value(r, c) for c in range(table.n_cols + 1)],
            [(r, c) in table.hidden for c in range(table.n_cols + 1)],
        )

    def _build_totals(self):
        rows, also = [], set()
        for r, kod in enumerate(["deltagare", "nya", "avslutade"]):
            values, hidden = self._total_row(self.per_insats[kod])
            rows.append(values[:-1])
            also |= {(r, c) for c, h in enumerate(hidden) if h}
        self.totals = self._table(
            [self.label(k) for k in ("deltagare", "nya", "avslutade")],
            rows,
            total_row=False,
            also_hidden=frozenset(also),
        )

    def _hidden_sum(self, table: CountTable, rows: list[int], c: int) -> tuple[int, bool]:
        return (
            sum(table.value(r, c) for r in rows),
            any((r, c) in table.hidden for r in rows),
        )

    def _share_row(self, label, num_table, num_rows, den_table, den_row) -> ShareRow:
        values, hidden = [], []
        for c in range(num_table.n_cols + 1):
            num, num_h = self._hidden_sum(num_table, num_rows, c)
            den, den_h = self._hidden_sum(den_table, [den_row], c)
            h = self.protected and (num_h or den_h)
            values.append(None if h else share(num, den))
            hidden.append(h)
        return ShareRow(label, values, hidden)

    def _build_shares(self):
        orsak = self.groups["avslutsorsak"]
        orsak_codes = self.codes("avslut-")
        forsorjning = self.groups["forsorjning"]
        f_codes = self.codes("forsorjning-")
        deltagare = self.per_insats["deltagare"]
        rows = []
        if orsak_codes:
            rows.append(
                self._share_row(
                    _("Arbete, studier eller närmare arbete (av avslutade)"),
                    orsak,
                    [orsak_codes.index(k) for k in NARMARE_ARBETE if k in orsak_codes],
                    orsak,
                    orsak.n_rows,
                )
            )
            rows.append(
                self._share_row(
                    _("Sjuk / medicinsk rehabilitering (av avslutade)"),
                    orsak,
                    [orsak_codes.index(k) for k in SJUK if k in orsak_codes],
                    orsak,
                    orsak.n_rows,
                )
            )
        if "forsorjning-forsorjningsstod" in f_codes:
            rows.append(
                self._share_row(
                    _("Försörjningsstöd före insatsen (av deltagare)"),
                    forsorjning,
                    [f_codes.index("forsorjning-forsorjningsstod")],
                    forsorjning,
                    forsorjning.n_rows,
                )
            )
        langvarigt = self.per_insats["langvarigt-stod"]
        rows.append(
            self._share_row(
                _("Offentlig försörjning i mer än 4 år (av deltagare)"),
                langvarigt,
                [langvarigt.n_rows],
                deltagare,
                deltagare.n_rows,
            )
        )
        self.shares = rows

    def utbildning_share(self, kod: str = "utb-forgymnasial") -> Decimal | None:
        """Share of deltagare with the education `kod` (not split by kön)."""
        table = self.groups["utbildning"]
        codes = self.codes("utb-")
        if kod not in codes:
            return None
        r = codes.index(kod)
        if table.is_hidden(r, 0) or table.is_hidden(table.n_rows, 0):
            return None
        return share(table.value(r, 0), table.value(table.n_rows, 0))

    def _build_manader(self):
        """Average months in the insats for the avslutade, weighted by avslutade."""
        avslutade = self.per_insats["avslutade"]
        insatser = self.individinsatser
        sums = [Decimal(0)] * 4
        weights = [0] * 4
        per_insats = []
        for r, insats in enumerate(insatser):
            values, hidden = [], []
            row_sum, row_weight = Decimal(0), 0
            for c, k in enumerate(KONSORDNING):
                n = self.count(insats.pk, "avslutade", k)
                m = self.value(insats.pk, "manader", k)
                if n:
                    sums[c] += m * n
                    weights[c] += n
                    row_sum += m * n
                    row_weight += n
                h = avslutade.is_hidden(r, c)
                values.append(None if h or not n else (m).quantize(EN_DECIMAL))
                hidden.append(h)
            sums[3] += row_sum
            weights[3] += row_weight
            h = avslutade.is_hidden(r, 3)
            values.append(None if h or not row_weight else _avg(row_sum, row_weight))
            hidden.append(h)
            per_insats.append(AverageRow(insats.namn, values, hidden))
        total_r = avslutade.n_rows
        hidden = [avslutade.is_hidden(total_r, c) for c in range(4)]
        self.manader = AverageRow(
            _("Genomsnittlig tid i insatsen för avslutade (månader)"),
            [None if hidden[c] or not weights[c] else _avg(sums[c], weights[c]) for c in range(4)],
            hidden,
        )
        self.manader_per_insats = per_insats


def _avg(total: Decimal, weight: int) -> Decimal:
    return (total / weight).quantize(EN_DECIMAL, rounding=ROUND_HALF_UP)


# -- selectors ---------------------------------------------------------------------


def perioder(forbund) -> list[Rapportperiod]:
    """The förbund's periods, oldest first (h1 before helår within a year)."""
    return sorted(
        Rapportperiod.objects.filter(forbund=forbund),
        key=lambda p: (p.ar, 0 if p.typ == Rapportperiod.Typ.H1 else 1),
    )


def period_statistik(
    forbund, period: Rapportperiod, *, protected: bool, alla_perioder=None, med_trend: bool = True
) -> Periodstatistik:
    """Everything the statistics page and the Excel file show for one period.
    `med_trend=False`: without the trend over every period (the documents do not show
    it, and it reads all the förbund's reports): `trend` is None, one query fewer."""
    # Query 1: the förbund's measures (their ids stand for their codes below: no join).
    matt = {m.kod: m for m in Matt.objects.filter(forbund=forbund).order_by("ordning", "pk")}
    kod_for = {m.pk: kod for kod, m in matt.items()}
    # Query 2: reports per status, in every period with the trend (it needs them all).
    rapporter = (
        Deltagarrapport.objects.filter(period__forbund=forbund)
        if med_trend
        else Deltagarrapport.objects.filter(period=period)
    )
    statusar: dict[int, dict[str, int]] = defaultdict(dict)
    for period_id, status_, n in (
        rapporter.order_by()
        .values("period_id", "status")
        .annotate(n=Count("pk"))
        .values_list("period_id", "status", "n")
    ):
        statusar[period_id][status_] = n
    status = statusar.get(period.pk, {})
    # Query 3: the approved reports' figures.
    values: dict[tuple[int, str, str], Decimal] = {}
    # Unordered: the sums do not depend on it, and the model's ordering sorts by names
    # across four joins. (A key is mostly met once: no Decimal addition then.)
    for insats_id, matt_id, kon, varde in (
        Rapportvarde.objects.filter(rapport__period=period, rapport__status=GODKAND)
        .order_by()
        .values_list("rapport__insats_id", "matt_id", "kon", "varde")
    ):
        kod = kod_for.get(matt_id)
        if kod is not None:
            nyckel = (insats_id, kod, kon)
            values[nyckel] = values[nyckel] + varde if nyckel in values else varde
    # Query 4: the insatser with an approved report.
    insatser = list(
        Insats.objects.filter(
            deltagarrapporter__period=period, deltagarrapporter__status=GODKAND
        ).order_by("ordning", "namn")
    )
    stat = Periodstatistik(
        forbund=forbund,
        period=period,
        protected=protected,
        threshold=forbund.smatal_grans,
        antal_godkanda=status.get(GODKAND, 0),
        antal_ej_godkanda=sum(n for s, n in status.items() if s != GODKAND),
        insatser=insatser,
        matt=matt,
        values=values,
    ).build()
    # Query 5 (with a rådgivande team): the survey answers of the rådgivande team.
    stat.rmgt = _rmgt(stat, period)
    # Query 6 (and 7 without alla_perioder): the trend over the förbund's periods.
    if med_trend:
        stat.trend = trend(
            forbund,
            period.typ,
            protected=protected,
            alla_perioder=alla_perioder,
            matt=matt,
            statusar={p: set(n) for p, n in statusar.items()},
        )
    return stat


def _rmgt(stat: Periodstatistik, period) -> list[Rmgt]:
    typer = (
        stat.matt["rmgt-konsultationer"].insatstyper if "rmgt-konsultationer" in stat.matt else []
    )
    radgivande = [i for i in stat.insatser if i.typ in typer]
    if not radgivande:
        return []
    svar = defaultdict(list)
    for e in Enkatsvar.objects.filter(
        rapport__period=period, rapport__status=GODKAND
    ).select_related("rapport"):
        svar[e.rapport.insats_id].append(e)
    out = []
    for insats in radgivande:
        individer = stat._table(
            [stat.label("rmgt-individer")],
            [[stat.count(insats.pk, "rmgt-individer", k) for k in KONSORDNING]],
            total_row=False,
        )
        fragor = sorted(svar.get(insats.pk, []), key=lambda e: (e.ordning, e.pk))
        enkat = None
        if fragor:
            enkat = stat._table(
                [e.fraga for e in fragor],
                [[e.ja_helt, e.ja_delvis, e.nej] for e in fragor],
                column_labels=[
                    str(Enkatsvar._meta.get_field(f).verbose_name)
                    for f in ("ja_helt", "ja_delvis", "nej")
                ],
                total_row=False,
            )
            enkat.total_label = _("Antal svar")
        out.append(
            Rmgt(
                insats=insats,
                konsultationer=stat.count(insats.pk, "rmgt-konsultationer"),
                handlaggare=stat.count(insats.pk, "rmgt-handlaggare"),
                individer=individer,
                enkat=enkat,
            )
        )
    return out


#: The measures the trend draws.
TRENDMATT = ("deltagare", "avslutade")


def trend(
    forbund,
    typ: str,
    *,
    protected: bool,
    alla_perioder=None,
    idag=None,
    matt: dict[str, Matt] | None = None,
    statusar: dict[int, set[str]] | None = None,
) -> Trend:
    """Deltagare and avslutade per ended period of the kind `typ` (approved reports),
    oldest first; see `Trend`. A period has ended when its last day is past and every
    report of it is approved. One query: the sums of the two measures' values (by their
    ids, not over every value of the förbund); one more for each of `matt` (the förbund's
    measures by code), `statusar` (period id: the statuses of its reports) and
    `alla_perioder` not given."""
    alla = alla_perioder if alla_perioder is not None else perioder(forbund)
    idag = idag or timezone.localdate()
    if matt is None:
        matt = {m.kod: m for m in Matt.objects.filter(forbund=forbund, kod__in=TRENDMATT)}
    kod_for = {matt[kod].pk: kod for kod in TRENDMATT if kod in matt}
    if statusar is None:
        statusar = defaultdict(set)
        for period_id, status in (
            Deltagarrapport.objects.filter(period__forbund=forbund)
            .order_by()
            .values_list("period_id", "status")
            .distinct()
        ):
            statusar[period_id].add(status)
    sums = defaultdict(Decimal)
    if kod_for:
        for period_id, matt_id, summa in (
            Rapportvarde.objects.filter(
                matt_id__in=list(kod_for),
                rapport__status=GODKAND,
                rapport__period__forbund=forbund,
            )
            .order_by()
            .values("rapport__period_id", "matt_id")
            .annotate(summa=Sum("varde"))
            .values_list("rapport__period_id", "matt_id", "summa")
        ):
            sums[(period_id, kod_for[matt_id])] += summa or 0
    grans = forbund.smatal_grans
    out = Trend(typ=typ)
    for p in alla:
        d = _int(sums[(p.pk, "deltagare")])
        a = _int(sums[(p.pk, "avslutade")])
        if not d and not a:
            continue
        if p.typ != typ:
            out.annan_typ.append(p)
        elif p.slutdatum >= idag or statusar.get(p.pk, set()) != {GODKAND}:
            out.pagar.append(p)
        else:
            out.punkter.append(
                TrendPoint(
                    period=p,
                    deltagare=d,
                    avslutade=a,
                    deltagare_hidden=protected and 0 < d < grans,
                    avslutade_hidden=protected and 0 < a < grans,
                )
            )
    return out
