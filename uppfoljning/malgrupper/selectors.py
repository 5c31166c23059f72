"""The statistics as tables: one per year and age group, a row per kommun, a column per kind
of support, with the sums computed here (never stored)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from finsam.models import Medlem
from uppfoljning.models import Malgruppsstatistik

EN_DECIMAL = Decimal("0.1")


def _summa(varden) -> Decimal | None:
    kanda = [v for v in varden if v is not None]
    return sum(kanda, Decimal(0)) if kanda else None


@dataclass
class Malgruppsrad:
    medlem: Medlem
    #: Per column of the table (Malgruppstabell.kategorier): the stored row or None.
    celler: list[Malgruppsstatistik | None]

    @property
    def varden(self) -> list[Decimal | None]:
        return [c.helarsekvivalenter if c else None for c in self.celler]

    @property
    def summa(self) -> Decimal | None:
        return _summa(self.varden)

    @property
    def andel(self) -> Decimal | None:
        """The kommun's helårsekvivalenter in per cent of its population in the age group:
        the sum of the columns' shares (they share one denominator), or None unless every
        stored cell has its share."""
        lagrade = [c for c in self.celler if c is not None]
        if not lagrade or any(c.andel is None for c in lagrade):
            return None
        return sum((c.andel for c in lagrade), Decimal(0))

    @property
    def befolkning(self) -> Decimal | None:
        """The population in the age group the shares imply (helårsekvivalenter / andel)."""
        andel, summa = self.andel, self.summa
        if not andel or summa is None:
            return None
        return summa * 100 / andel


@dataclass
class Malgruppstabell:
    ar: int
    aldersgrupp: str
    #: [(kategori value, label)] of the columns: the kinds with any stored value, in order.
    kategorier: list[tuple[str, str]]
    rader: list[Malgruppsrad]
    kallor: list[str] = field(default_factory=list)

    @property
    def aldersgrupp_text(self) -> str:
        return Malgruppsstatistik.Aldersgrupp(self.aldersgrupp).label

    @property
    def summor(self) -> list[Decimal | None]:
        return [_summa(r.varden[i] for r in self.rader) for i in range(len(self.kategorier))]

    @property
    def summa(self) -> Decimal | None:
        return _summa(r.summa for r in self.rader)

    @property
    def andel(self) -> Decimal | None:
        """The whole area's share: all helårsekvivalenter over all the population the
        kommuner's shares imply, rounded to one decimal; None unless every kommun has shares."""
        befolkning = [r.befolkning for r in self.rader]
        if not befolkning or any(b is None for b in befolkning):
            return None
        total = sum(befolkning, Decimal(0))
        if not total:
            return None
        return (self.summa * 100 / total).quantize(EN_DECIMAL, rounding=ROUND_HALF_UP)

    @property
    def har_andel(self) -> bool:
        return any(r.andel is not None for r in self.rader)

    def _matt(self, rad: Malgruppsrad) -> Decimal:
        return (rad.andel if self.har_andel else rad.summa) or Decimal(0)

    @property
    def ordnade(self) -> list[Malgruppsrad]:
        """The kommuner by share (else by helårsekvivalenter), highest first."""
        return sorted(self.rader, key=self._matt, reverse=True)

    @property
    def storst(self) -> Malgruppsrad | None:
        return self.ordnade[0] if self.rader else None

    @property
    def minst(self) -> Malgruppsrad | None:
        return self.ordnade[-1] if self.rader else None


def statistikar(forbund) -> list[int]:
    """Every year with statistics, newest first."""
    return sorted(
        set(Malgruppsstatistik.objects.filter(forbund=forbund).values_list("ar", flat=True)),
        reverse=True,
    )


def senaste_ar_fore(forbund, ar: int) -> int | None:
    """The newest year with statistics before `ar` (a plan for 2025 describes 2023)."""
    tidigare = [a for a in statistikar(forbund) if a < ar]
    return tidigare[0] if tidigare else None


def malgruppstabeller(forbund, ar: int) -> list[Malgruppstabell]:
    """One table per age group with statistics for year `ar` (20–64 first). One query."""
    rader = list(
        Malgruppsstatistik.objects.filter(forbund=forbund, ar=ar)
        .select_related("medlem")
        .order_by("medlem__ordning", "medlem__namn", "pk")
    )
    tabeller = []
    for aldersgrupp in Malgruppsstatistik.Aldersgrupp:
        mina = [r for r in rader if r.aldersgrupp == aldersgrupp.value]
        if not mina:
            continue
        finns = {r.kategori for r in mina}
        kategorier = [(k.value, k.label) for k in Malgruppsstatistik.Kategori if k.value in finns]
        per_medlem: dict[int, dict[str, Malgruppsstatistik]] = {}
        medlemmar: dict[int, Medlem] = {}
        for r in mina:
            medlemmar[r.medlem_id] = r.medlem
            per_medlem.setdefault(r.medlem_id, {})[r.kategori] = r
        tabeller.append(
            Malgruppstabell(
                ar=ar,
                aldersgrupp=aldersgrupp.value,
                kategorier=kategorier,
                rader=[
                    Malgruppsrad(m, [per_medlem[pk].get(k) for k, _namn in kategorier])
                    for pk, m in medlemmar.items()
                ],
                kallor=list(dict.fromkeys(r.kalla.strip() for r in mina if r.kalla.strip())),
            )
        )
    return tabeller


def tabellrader(forbund, ar: int, aldersgrupp: str) -> list[Malgruppsstatistik]:
    return list(
        Malgruppsstatistik.objects.filter(forbund=forbund, ar=ar, aldersgrupp=aldersgrupp)
        .select_related("medlem")
        .order_by("pk")
    )


def tabellversion(rader: list[Malgruppsstatistik]) -> str:
    """A fingerprint of the stored rows and their lock versions: the grid form carries the
    one it was loaded with, and a save is refused when a colleague changed the table since."""
    text = ";".join(f"{r.pk}:{r.lock_version}" for r in sorted(rader, key=lambda r: r.pk))
    return hashlib.sha256(text.encode()).hexdigest()[:32]
