"""Medelstilldelning: the allocation arithmetic, pure (no database).

The state pays half of the total (through Försäkringskassan, for Af and Fk); the region and
the kommuner pay the other half in the year's percentages; the kommuner's part is divided by
a key (population or the förbund's own weights). Every part is whole kronor and the parts
add up exactly: shares are exact fractions and rounded by the largest-remainder method
(`fordela`), never through float.

    fordela(100, {"a": 1, "b": 1, "c": 1})  ->  {"a": 34, "b": 33, "c": 33}

The members come in as they are (anything with `pk` and `namn`, in practice `Medlem`);
`budget.medel.selectors` reads them and the key values, `budget.medel.services` writes.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from finsam import formatting

#: The region's and the kommuner's percentages together: the other half of the total.
HALFTEN = Decimal("50")

Vikt = int | Decimal | Fraction
K = TypeVar("K", bound=Hashable)


class Medlemslik(Protocol):
    """What the arithmetic needs of a member: its id and its name."""

    pk: int
    namn: str


def fordela(total: int, vikter: Mapping[K, Vikt]) -> dict[K, int]:
    """Divide the whole number `total` in proportion to `vikter` (largest remainder).

    Every part is the floor of its exact share, and the kronor left over go one each to the
    largest remainders (ties: the larger weight, then the earlier key). So the parts add up
    exactly to `total` and each lies within 1 kr of its exact share. Weights are
    non-negative; a zero weight gets 0. Raises ValueError when the weights sum to 0 (and
    `total` is not 0) or a weight is negative.
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise TypeError(f"total ska vara hela kronor (int), inte {total!r}")
    if total < 0:
        raise ValueError("total får inte vara negativ")
    exakta = {k: Fraction(v) for k, v in vikter.items()}
    if any(v < 0 for v in exakta.values()):
        raise ValueError("en vikt är negativ")
    summa = sum(exakta.values(), Fraction(0))
    if total == 0:
        return dict.fromkeys(exakta, 0)
    if summa == 0:
        raise ValueError("vikterna summerar till 0")
    andelar = {k: total * v / summa for k, v in exakta.items()}
    delar = {k: a.numerator // a.denominator for k, a in andelar.items()}
    kvar = total - sum(delar.values())
    ordning = list(exakta)
    rangordnade = sorted(
        ordning,
        key=lambda k: (-(andelar[k] - delar[k]), -exakta[k], ordning.index(k)),
    )
    for k in rangordnade[:kvar]:
        delar[k] += 1
    return delar


@dataclass(frozen=True)
class Del:
    """One line of the allocation (a member's driftbidrag)."""

    etikett: str
    belopp: int
    medlem: Medlemslik | None = None
    typ: str = ""  # "stat", "kommun", "region"
    nyckel: Vikt | None = None  # the kommun's key value
    andel: Decimal | None = None  # the kommun's share of the kommuner's part (0..1)


@dataclass(frozen=True)
class Fordelning:
    """The year's allocation as Not 2 prints it: the state, each kommun, the region."""

    total: int
    staten: int
    region: int
    kommuner: int
    rader: list[Del]
    nyckel_summa: Decimal

    @property
    def kommunrader(self) -> list[Del]:
        return [d for d in self.rader if d.typ == "kommun"]

    def belopp_for(self, medlem_id: int) -> int | None:
        for d in self.rader:
            if d.medlem is not None and d.medlem.pk == medlem_id:
                return d.belopp
        return None


def _decimal(value: Fraction) -> Decimal:
    """An exact fraction as a Decimal for display (28 significant digits)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def _procenttal(value: Decimal) -> str:
    """31.2500 → "31,25", 55.0000 → "55"."""
    d = Decimal(value).normalize()
    return formatting.decimal_sv(d, max(0, -d.as_tuple().exponent))


def kontrollera_andelar(region_procent: Decimal, kommuner_procent: Decimal) -> None:
    """Raise a Swedish ValidationError unless the two shares are ≥ 0 and add up to 50 %."""
    if region_procent is None or kommuner_procent is None:
        return
    if region_procent < 0 or kommuner_procent < 0:
        raise ValidationError(_("Andelarna får inte vara negativa."))
    if region_procent + kommuner_procent != HALFTEN:
        raise ValidationError(
            {
                "kommuner_procent": _(
                    "Regionens och kommunernas andelar ska tillsammans vara 50 %% (staten "
                    "betalar den andra hälften), men de är %(summa)s %%."
                )
                % {"summa": _procenttal(region_procent + kommuner_procent)}
            }
        )


def berakna(
    *,
    statens_bidrag: int,
    region_procent: Decimal,
    kommuner_procent: Decimal,
    staten: Medlemslik | None,
    region: Medlemslik | None,
    kommuner: Sequence[Medlemslik],
    nycklar: Mapping[int, Vikt | None],
    nyckelnamn: str,
) -> Fordelning:
    """Each member's driftbidrag in whole kronor. `nycklar` maps kommun id → key value.

    Raises ValidationError (Swedish) when the shares do not add up to 50 %, a kommun lacks
    a key value, or the key sums to 0 while the kommuner have something to pay.
    """
    kontrollera_andelar(region_procent, kommuner_procent)
    total = statens_bidrag * 2
    # The state's half is exact; region and kommuner share the rest by largest remainder.
    delar = fordela(
        total,
        {
            "staten": HALFTEN,
            "region": Decimal(region_procent),
            "kommuner": Decimal(kommuner_procent),
        },
    )
    fel = []
    if delar["region"] and region is None:
        fel.append(_("Förbundet har ingen region som medlem, men regionens andel är inte 0 %."))
    if delar["kommuner"] and not kommuner:
        fel.append(
            _("Förbundet har inga kommuner som medlemmar, men kommunernas andel är inte 0 %.")
        )
    saknas = [k.namn for k in kommuner if nycklar.get(k.pk) is None]
    if saknas:
        fel.append(
            _("%(nyckel)s saknas för %(kommuner)s.")
            % {"nyckel": nyckelnamn, "kommuner": ", ".join(saknas)}
        )
    vikter = {k.pk: nycklar.get(k.pk) or 0 for k in kommuner}
    summa = sum((Fraction(v) for v in vikter.values()), Fraction(0))
    if not saknas and kommuner and delar["kommuner"] and summa == 0:
        fel.append(_("%(nyckel)s är 0 för alla kommuner.") % {"nyckel": nyckelnamn})
    if fel:
        raise ValidationError(fel)
    kommunbelopp = fordela(delar["kommuner"], vikter) if kommuner else {}
    rader = [Del(_("Driftbidrag från staten"), delar["staten"], staten, "stat")]
    for k in kommuner:
        rader.append(
            Del(
                _("Driftbidrag %(namn)s") % {"namn": k.namn},
                kommunbelopp[k.pk],
                k,
                "kommun",
                nycklar[k.pk],
                _decimal(Fraction(vikter[k.pk]) / summa) if summa else None,
            )
        )
    rader.append(
        Del(
            _("Driftbidrag från %(namn)s") % {"namn": region.namn}
            if region
            else _("Driftbidrag från regionen"),
            delar["region"],
            region,
            "region",
        )
    )
    return Fordelning(
        total=total,
        staten=delar["staten"],
        region=delar["region"],
        kommuner=delar["kommuner"],
        rader=rader,
        nyckel_summa=_decimal(summa),
    )
