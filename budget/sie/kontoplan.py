"""Which accounts give which figure of the bokslut, without the database.

The default follows the account groups of Kommun-Bas (the kommunal kontoplan the economy
offices of the members use): the first two digits of an account name its group.

    19      kassa och bank                         #UB 0
    15–17   kortfristiga fordringar (not 4)        #UB 0, one note line per account
    20      eget kapital: the ingående             −#IB 0
    22      avsättningar för pensioner             −#UB 0
    24–29   kortfristiga skulder (not 6)           −#UB 0, one note line per account
    84      finansiella intäkter                   −#RES 0
    85      finansiella kostnader                  −#RES 0

Verksamhetens intäkter and kostnader are not here: they come from the utfall per
31 December (import it from the same file). Signs: SIE keeps debit positive, so assets
are positive and eget kapital, avsättningar and skulder negative; the bokslut shows every
balance figure positive, and the resultaträkning intäkter positive and kostnader negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from budget.sie.berakning import ar_konto, kronor

#: (the Bokslut field or note typ, the source, the sign applied, account groups)
FALT = "falt"
POST = "post"


@dataclass(frozen=True)
class Kontogrupp:
    mal: str  # a Bokslut field, or "fordran" / "skuld" for note lines
    slag: str  # FALT or POST
    kalla: str  # "ib", "ub" or "res"
    tecken: int  # +1 or −1
    grupper: tuple[str, ...]  # two-digit account groups

    def har(self, konto) -> bool:
        return str(konto)[:2] in self.grupper and ar_konto(konto) is not None


KOMMUN_BAS: tuple[Kontogrupp, ...] = (
    Kontogrupp("kassa_och_bank", FALT, "ub", 1, ("19",)),
    Kontogrupp("fordran", POST, "ub", 1, ("15", "16", "17")),
    Kontogrupp("ingaende_eget_kapital", FALT, "ib", -1, ("20",)),
    Kontogrupp("avsattningar_pensioner", FALT, "ub", -1, ("22",)),
    Kontogrupp("skuld", POST, "ub", -1, ("24", "25", "26", "27", "28", "29")),
    Kontogrupp("finansiella_intakter", FALT, "res", -1, ("84",)),
    Kontogrupp("finansiella_kostnader", FALT, "res", -1, ("85",)),
)


@dataclass
class Kontopost:
    konto: str
    namn: str
    belopp: int  # as the bokslut shows it


@dataclass
class Bokslutsvarden:
    """What a SIE file gives the bokslut of its year 0."""

    falt: dict[str, int] = field(default_factory=dict)
    fordringar: list[Kontopost] = field(default_factory=list)
    skulder: list[Kontopost] = field(default_factory=list)
    #: Balance accounts (#UB 0) the plan does not place, with their UB in SIE signs.
    ovriga: list[Kontopost] = field(default_factory=list)


def _saldon(rader: Iterable, arsnr: int = 0) -> dict[str, Decimal]:
    """{konto: sum} of the rows of year `arsnr` without objekt (the account totals)."""
    ut: dict[str, Decimal] = {}
    for s in rader:
        if s.arsnr == arsnr and not getattr(s, "objekt", ()):
            ut[s.konto] = ut.get(s.konto, Decimal(0)) + Decimal(s.belopp)
    return ut


def bokslutsvarden(fil, plan: tuple[Kontogrupp, ...] = KOMMUN_BAS) -> Bokslutsvarden:
    """The bokslut figures of the file's year 0 by `plan`."""
    kallor = {"ib": _saldon(fil.ib), "ub": _saldon(fil.ub), "res": _saldon(fil.res)}
    namn = fil.konton or {}
    ut = Bokslutsvarden()
    placerade: set[str] = set()
    for g in plan:
        saldon = kallor[g.kalla]
        konton = sorted((k for k in saldon if g.har(k)), key=lambda k: (ar_konto(k), k))
        if g.slag == FALT:
            ut.falt[g.mal] = g.tecken * kronor(sum((saldon[k] for k in konton), Decimal(0)))
        else:
            lista = ut.fordringar if g.mal == "fordran" else ut.skulder
            for k in konton:
                lista.append(
                    Kontopost(k, namn.get(k) or f"Konto {k}", g.tecken * kronor(saldon[k]))
                )
        if g.kalla == "ub":
            placerade.update(konton)
    for g in plan:  # accounts read from IB or RES are placed too
        if g.kalla != "ub":
            placerade.update(k for k in kallor["ub"] if g.har(k))
    for k in sorted(kallor["ub"], key=lambda k: (ar_konto(k) or 0, k)):
        nr = ar_konto(k)
        if k not in placerade and nr is not None and nr < 3000:
            ut.ovriga.append(Kontopost(k, namn.get(k, ""), kronor(kallor["ub"][k])))
    return ut
