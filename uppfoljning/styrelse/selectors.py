"""Reads of the board's meetings and the important events: the ones of a period, counted
per kind. The reports print these; the counts are computed here, never typed."""

from dataclasses import dataclass, field
from datetime import date

from uppfoljning.models import Styrelsemote, Viktighandelse


def ar_med_uppgifter(forbund) -> list[int]:
    ar = {
        d.year for d in Styrelsemote.objects.filter(forbund=forbund).values_list("datum", flat=True)
    }
    ar |= {
        d.year
        for d in Viktighandelse.objects.filter(forbund=forbund).values_list("datum", flat=True)
    }
    return sorted(ar, reverse=True)


@dataclass
class Styrelsensarbete:
    """The meetings between `fran` and `till` (both included): board meetings and
    medlemssamråd apart, with the counts per kind."""

    fran: date
    till: date
    moten: list[Styrelsemote] = field(default_factory=list)

    @property
    def styrelsemoten(self) -> list[Styrelsemote]:
        return [m for m in self.moten if m.ar_styrelsemote]

    @property
    def medlemssamrad(self) -> list[Styrelsemote]:
        return [m for m in self.moten if not m.ar_styrelsemote]

    @property
    def antal_ordinarie(self) -> int:
        return sum(1 for m in self.moten if m.typ == Styrelsemote.Typ.ORDINARIE)

    @property
    def antal_extra(self) -> int:
        return sum(1 for m in self.moten if m.typ == Styrelsemote.Typ.EXTRA)

    @property
    def antal_styrelsemoten(self) -> int:
        return self.antal_ordinarie + self.antal_extra

    @property
    def antal_medlemssamrad(self) -> int:
        return len(self.medlemssamrad)


def styrelsens_arbete(forbund, fran: date, till: date) -> Styrelsensarbete:
    """The meetings of the period, in date order. One query."""
    moten = Styrelsemote.objects.filter(forbund=forbund, datum__range=(fran, till)).order_by(
        "datum", "pk"
    )
    return Styrelsensarbete(fran=fran, till=till, moten=list(moten))


def handelser(forbund, fran: date, till: date) -> list[Viktighandelse]:
    """The important events of the period, in date order. One query."""
    return list(
        Viktighandelse.objects.filter(forbund=forbund, datum__range=(fran, till)).order_by(
            "datum", "pk"
        )
    )
