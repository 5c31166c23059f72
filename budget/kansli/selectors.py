"""Reads of the kansli's staff: the year's positions, the FTE-weighted split between
administration and processtöd, and the kansli's cost split the same way."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from budget.kansli.fordelning import Andelar, andelar, kostnad_fran_processtod
from budget.models import Budgetrad, Kanslitjanst, Utfallsrad
from budget.utfall.selectors import bokslutsperiod


def tjanster(forbund, ar: int) -> list[Kanslitjanst]:
    return list(Kanslitjanst.objects.filter(forbund=forbund, ar=ar).order_by("ordning", "pk"))


def ar_med_tjanster(forbund) -> list[int]:
    return sorted(
        set(Kanslitjanst.objects.filter(forbund=forbund).values_list("ar", flat=True)),
        reverse=True,
    )


@dataclass
class Kanslibemanning:
    """The year's positions with the split as budgeted and (where it differs) as in the
    utfall."""

    ar: int
    tjanster: list[Kanslitjanst]
    budget: Andelar | None
    utfall: Andelar | None

    @property
    def heltider(self) -> Decimal:
        return sum((t.tjanstgoringsgrad for t in self.tjanster), Decimal(0))

    @property
    def utfall_skiljer(self) -> bool:
        return any(
            t.andel_administration_utfall is not None
            and t.andel_administration_utfall != t.andel_administration
            for t in self.tjanster
        )


def bemanning(forbund, ar: int) -> Kanslibemanning | None:
    """The kansli's staff of year `ar`, or None when none is registered. One query."""
    lista = tjanster(forbund, ar)
    if not lista:
        return None
    return Kanslibemanning(
        ar=ar,
        tjanster=lista,
        budget=andelar((t.tjanstgoringsgrad, t.andel_admin()) for t in lista),
        utfall=andelar((t.tjanstgoringsgrad, t.andel_admin(utfall=True)) for t in lista),
    )


@dataclass
class Kanslikostnad:
    """The kansli's cost of a year split into administration and processtöd (kronor,
    positive), with the shares in percent."""

    kostnad: int
    administration: int
    processtod: int
    andel_administration: Decimal
    andel_processtod: Decimal

    @property
    def kvot_administration(self) -> Decimal:
        return self.andel_administration / 100

    @property
    def kvot_processtod(self) -> Decimal:
        return self.andel_processtod / 100


_LAS = object()


def processtod_utfall(forbund, ar: int, *, period=_LAS) -> int | None:
    """The year's cost on the processtöd lines in the bokslut per 31 December (positive
    kronor), or None without that period. `period`: that Utfallsperiod (or None: there is
    none), when the caller has read it."""
    if period is _LAS:
        period = bokslutsperiod(forbund, ar)
    if period is None:
        return None
    summa = Utfallsrad.objects.filter(
        period=period, rad__kategori=Budgetrad.Kategori.PROCESSTOD
    ).aggregate(kostnad=Sum("kostnad"), intakt=Sum("intakt"))
    if summa["kostnad"] is None:
        return None
    return -(summa["kostnad"] + (summa["intakt"] or 0))


def kanslikostnad(forbund, ar: int, *, kansli=_LAS, period=_LAS) -> Kanslikostnad | None:
    """The kansli's cost of year `ar` split by the staff's FTE-weighted shares in the utfall.

    The processtöd line is what the kansli's time spent on processtöd costs, so the
    kansli's whole cost is that line divided by the processtöd share, and the
    administration's part (booked among the administration's costs) is the rest. None
    without staff, without a bokslut period or when nobody works with processtöd.
    `kansli`: the year's bemanning() (a Kanslibemanning or None) when the caller has read it;
    `period`: the year's Utfallsperiod per 31 December (or None), likewise."""
    b = bemanning(forbund, ar) if kansli is _LAS else kansli
    if b is None or b.utfall is None:
        return None
    processtod = processtod_utfall(forbund, ar, period=period)
    if processtod is None:
        return None
    andel_processtod = b.utfall.andel_processtod
    kostnad = kostnad_fran_processtod(processtod, andel_processtod)
    if kostnad is None:
        return None
    # The processtöd part stays equal to the line it comes from (no krona of rounding).
    return Kanslikostnad(
        kostnad=kostnad,
        administration=kostnad - processtod,
        processtod=processtod,
        andel_administration=b.utfall.andel_administration,
        andel_processtod=andel_processtod,
    )
