"""Reads for the medelstilldelning: the years, the key values, and each member's driftbidrag.

The queries do not grow with the number of kommuner: the members, the year's (and the year
before's) tilldelning, and one query for each year's key values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budget.medel.fordelning import Del, Fordelning, Vikt, berakna
from budget.models import Fordelningsandel, Medelstilldelning
from finsam.models import Befolkning, Forbund, Medlem


def tilldelningar(forbund: Forbund):
    """The förbund's tilldelningar, newest year first."""
    return Medelstilldelning.objects.filter(forbund=forbund).order_by("-ar")


@dataclass(frozen=True)
class Andelar:
    """The year's percentages as shares for the `procent` filter (31,25 % → 0.3125) and how
    many decimals they need, so that 25 prints as "25 %" and 31.25 as "31,25 %"."""

    region: Decimal
    kommuner: Decimal
    decimaler: int


def andelar(mt: Medelstilldelning) -> Andelar:
    def decimaler(p: Decimal) -> int:
        return max(0, -Decimal(p).normalize().as_tuple().exponent)

    r, k = Decimal(mt.region_procent), Decimal(mt.kommuner_procent)
    return Andelar(r / 100, k / 100, max(decimaler(r), decimaler(k)))


def listrader(forbund: Forbund) -> list[tuple[Medelstilldelning, Andelar]]:
    return [(mt, andelar(mt)) for mt in tilldelningar(forbund)]


@dataclass(frozen=True)
class Medlemmar:
    """The förbund's members as the allocation needs them."""

    staten: Medlem | None
    region: Medlem | None
    kommuner: list[Medlem]
    #: Every member, by ordning and name (the documents list them too).
    alla: tuple[Medlem, ...] = ()


def medlemmar(forbund_id: int) -> Medlemmar:
    alla = list(Medlem.objects.filter(forbund_id=forbund_id).order_by("ordning", "namn"))

    def forsta(typ):
        return next((m for m in alla if m.typ == typ), None)

    return Medlemmar(
        staten=forsta(Medlem.Typ.FORSAKRINGSKASSAN),
        region=forsta(Medlem.Typ.REGION),
        kommuner=[m for m in alla if m.typ == Medlem.Typ.KOMMUN],
        alla=tuple(alla),
    )


def nyckelnamn(nyckel: str, ar: int) -> str:
    """What the key is called in messages, e.g. "Folkmängd 2024"."""
    if nyckel == Medelstilldelning.Nyckel.EGEN:
        return _("Vikt i fördelningsnyckeln")
    return _("Folkmängd %(ar)s") % {"ar": ar}


def befolkning(kommuner: list[Medlem], ar: int) -> dict[int, int]:
    """{kommun id: population of `ar`} for the kommuner that have one."""
    return dict(
        Befolkning.objects.filter(medlem__in=kommuner, ar=ar)
        .order_by()
        .values_list("medlem_id", "antal")
    )


def vikter(mt: Medelstilldelning) -> dict[int, Vikt]:
    """{kommun id: weight} of a tilldelning's own key."""
    if mt.pk is None:
        return {}
    return dict(
        Fordelningsandel.objects.filter(medelstilldelning=mt)
        .order_by()
        .values_list("medlem_id", "vikt")
    )


def nyckelar(mt: Medelstilldelning) -> int:
    """The year whose population divides the kommuner's part."""
    return mt.befolkningsar or mt.ar


def nycklar(mt: Medelstilldelning, kommuner: list[Medlem]) -> dict[int, Vikt]:
    """The key value per kommun id for the tilldelning's key (missing kommuner left out)."""
    if mt.nyckel == Medelstilldelning.Nyckel.EGEN:
        return vikter(mt)
    return befolkning(kommuner, nyckelar(mt))


def fordelning(mt: Medelstilldelning, m: Medlemmar | None = None) -> Fordelning:
    """Each member's driftbidrag for `mt`. Raises a Swedish ValidationError when it cannot
    be computed (shares not 50 %, a kommun without key value …)."""
    m = m or medlemmar(mt.forbund_id)
    return berakna(
        statens_bidrag=mt.statens_bidrag,
        region_procent=mt.region_procent,
        kommuner_procent=mt.kommuner_procent,
        staten=m.staten,
        region=m.region,
        kommuner=m.kommuner,
        nycklar=nycklar(mt, m.kommuner),
        nyckelnamn=nyckelnamn(mt.nyckel, nyckelar(mt)),
    )


@dataclass
class Rad:
    """A line of the detail page: this year's part and the year before's (when stored)."""

    del_: Del
    foregaende: int | None = None


@dataclass
class Medelsida:
    """What the detail page and the Excel export show for one year."""

    mt: Medelstilldelning
    fordelning: Fordelning | None
    fel: list[str] = field(default_factory=list)
    foregaende: Medelstilldelning | None = None
    foregaende_fordelning: Fordelning | None = None
    rader: list[Rad] = field(default_factory=list)

    @property
    def andelar(self) -> Andelar:
        return andelar(self.mt)

    @property
    def nyckelnamn(self) -> str:
        return nyckelnamn(self.mt.nyckel, nyckelar(self.mt))


def _forsok(mt, m) -> tuple[Fordelning | None, list[str]]:
    try:
        return fordelning(mt, m), []
    except ValidationError as e:
        return None, e.messages


def medelsida(mt: Medelstilldelning) -> Medelsida:
    """The year's split like Not 2, with the year before for comparison when it is stored."""
    m = medlemmar(mt.forbund_id)
    forde, fel = _forsok(mt, m)
    foregaende = Medelstilldelning.objects.filter(forbund_id=mt.forbund_id, ar=mt.ar - 1).first()
    fore_fordelning = _forsok(foregaende, m)[0] if foregaende else None
    sida = Medelsida(mt, forde, fel, foregaende, fore_fordelning)
    if forde:
        for d in forde.rader:
            tidigare = None
            if fore_fordelning:
                if d.typ == "stat":
                    tidigare = fore_fordelning.staten
                elif d.typ == "region":
                    tidigare = fore_fordelning.region
                else:
                    tidigare = fore_fordelning.belopp_for(d.medlem.pk)
            sida.rader.append(Rad(d, tidigare))
    return sida
