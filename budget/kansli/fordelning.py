"""How the kansli's time and cost split between administration and processtöd
samverkansinsatser: pure arithmetic, no database.

    a = andelar([(Decimal("1.00"), Decimal("80")), (Decimal("1.00"), Decimal("0"))])
    a.andel_administration   # Decimal("40.0") (percent, weighted by tjänstgöringsgrad)
    fordela(1_000_000, a.andel_administration)   # (400_000, 600_000)
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRA = Decimal(100)


@dataclass(frozen=True)
class Andelar:
    """The kansli's heltider (FTE) in total and per kind, and the shares in percent."""

    heltider: Decimal
    heltider_administration: Decimal
    heltider_processtod: Decimal

    @property
    def andel_administration(self) -> Decimal:
        return self.heltider_administration * HUNDRA / self.heltider

    @property
    def andel_processtod(self) -> Decimal:
        return HUNDRA - self.andel_administration

    @property
    def kvot_administration(self) -> Decimal:
        """The administration's share as a fraction (0.267), as formatting.procent takes it."""
        return self.andel_administration / HUNDRA

    @property
    def kvot_processtod(self) -> Decimal:
        return self.andel_processtod / HUNDRA


def andelar(tjanster: Iterable[tuple[Decimal, Decimal]]) -> Andelar | None:
    """The FTE-weighted split of (tjänstgöringsgrad, percent administration) pairs; None
    without any time to split."""
    heltider = Decimal(0)
    admin = Decimal(0)
    for grad, andel_admin in tjanster:
        if grad <= 0 or not 0 <= andel_admin <= HUNDRA:
            raise ValueError("tjänstgöringsgrad > 0 och andel 0–100")
        heltider += grad
        admin += grad * andel_admin / HUNDRA
    if heltider == 0:
        return None
    return Andelar(heltider, admin, heltider - admin)


def fordela(kostnad: int, andel_administration: Decimal) -> tuple[int, int]:
    """`kostnad` (whole kronor, any sign) split into (administration, processtöd) by the
    administration's share in percent. The parts add up to `kostnad` exactly."""
    if not 0 <= andel_administration <= HUNDRA:
        raise ValueError("andelen ska vara 0–100")
    admin = int(
        (Decimal(kostnad) * andel_administration / HUNDRA).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )
    return admin, kostnad - admin


def kostnad_fran_processtod(processtod: int, andel_processtod: Decimal) -> int | None:
    """The kansli's whole cost when `processtod` kronor is its processtöd share (percent):
    the processtöd line is the kansli's cost times that share. None when the share is 0."""
    if andel_processtod <= 0:
        return None
    return int(
        (Decimal(processtod) * HUNDRA / andel_processtod).quantize(Decimal(1), ROUND_HALF_UP)
    )
