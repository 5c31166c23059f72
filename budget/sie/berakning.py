"""The utfall of a SIE file per budget line at a date, without the database.

    berakning = utfall_per_rad(fil, regler, per=date(2025, 12, 31))
    berakning.rader          # {rad_id: Radutfall(intakt, kostnad)} in the app's signs
    berakning.omappade       # every account + objekt that no line takes, with its sum
    berakning.fil_summa == berakning.mappad_summa + berakning.omappad_summa   # always

Utfall per D is cumulative from the start of the financial year (#RAR 0) to D. It is read
from, in this order: the #PSALDO periods of year 0 up to D's month; else the #VER
transactions dated up to D; else, when D is the year's last day, #RES 0. Only result
accounts count (#KTYP I or K, or 3000–8989 without a #KTYP).

Signs: SIE books intäkter as credit (negative) and kostnader as debit (positive). A line's
amounts are negated; what its income accounts give is its intäkt, what its cost accounts
give its kostnad, and a refund (a cost account in credit) counts as an intäkt as on the
utfall page (budget.utfall.services.dela_netto), so intakt ≥ 0 ≥ kostnad and
intakt + kostnad = −(the line's sum in the file).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from budget.sie.mappning import Regel, regel_for

KALLA_PSALDO = "psaldo"
KALLA_VER = "ver"
KALLA_RES = "res"


def ar_konto(konto) -> int | None:
    try:
        return int(konto)
    except (TypeError, ValueError):
        return None


def ar_resultatkonto(fil, konto) -> bool:
    """Whether `konto` is a result account: #KTYP I/K when the file has it, else 3000–8989
    (8990–8999 close the year's result in the BAS plans and would count it twice)."""
    ktyp = (getattr(fil, "ktyp", None) or {}).get(konto)
    if ktyp:
        return str(ktyp).upper() in ("I", "K")
    nr = ar_konto(konto)
    return nr is not None and 3000 <= nr <= 8989


def ar_intaktskonto(fil, konto) -> bool:
    """An income account: #KTYP I, or 3000–3999 (and 8000–8499, financial income) without it."""
    ktyp = (getattr(fil, "ktyp", None) or {}).get(konto)
    if ktyp:
        return str(ktyp).upper() == "I"
    nr = ar_konto(konto)
    return nr is not None and (3000 <= nr <= 3999 or 8000 <= nr <= 8499)


def kronor(belopp: Decimal) -> int:
    """Whole kronor, half away from zero (the books may hold öre)."""
    return int(Decimal(belopp).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Radutfall:
    """A line's utfall from the file, in the app's signs (whole kronor)."""

    intakt: int = 0
    kostnad: int = 0
    #: The file's sum of the line's accounts (SIE signs, exact), in all and on its income
    #: and its cost accounts.
    summa: Decimal = Decimal(0)
    summa_intaktskonton: Decimal = Decimal(0)
    summa_kostnadskonton: Decimal = Decimal(0)

    @property
    def netto(self) -> int:
        return self.intakt + self.kostnad


@dataclass
class Omappad:
    """An account (and objekt) of the file that no line takes."""

    konto: str
    kontonamn: str
    objekt: str  # "dimension 1: 110", or "" for the account as a whole
    summa: Decimal  # SIE signs

    @property
    def belopp(self) -> Decimal:
        """In the app's signs: intäkter positive, kostnader negative (exact)."""
        return -self.summa


@dataclass
class Berakning:
    per: date
    kalla: str | None
    rader: dict[int, Radutfall] = field(default_factory=dict)
    omappade: list[Omappad] = field(default_factory=list)
    fil_summa: Decimal = Decimal(0)  # every result account of the file up to `per`

    @property
    def mappad_summa(self) -> Decimal:
        return sum((r.summa for r in self.rader.values()), Decimal(0))

    @property
    def omappad_summa(self) -> Decimal:
        return sum((o.summa for o in self.omappade), Decimal(0))

    # In the app's signs (intäkter positive), exact (the books may hold öre), for the page.
    @property
    def fil_belopp(self) -> Decimal:
        return -self.fil_summa

    @property
    def mappat_belopp(self) -> Decimal:
        return -self.mappad_summa

    @property
    def omappat_belopp(self) -> Decimal:
        return -self.omappad_summa

    @property
    def gar_ihop(self) -> bool:
        return self.fil_summa == self.mappad_summa + self.omappad_summa


def _objektkarta(objekt) -> dict[int, str]:
    return {int(o.dim): str(o.kod) for o in (objekt or ())}


def _objekttext(dim: int | None, kod: str | None) -> str:
    if dim is None:
        return ""
    return f"{dim}: {kod}" if kod is not None else f"{dim}: –"


def _poster_psaldo(fil, per: date):
    """(konto, objekt-map, belopp) from #PSALDO of year 0, periods up to `per`'s month,
    without counting an account twice: the {} row is the account's total; rows per objekt
    split it in one dimension (the part carrying no objekt there is its own post)."""
    slut = f"{per.year:04d}{per.month:02d}"
    start = None
    if 0 in (fil.rar or {}):
        start = f"{fil.rar[0][0].year:04d}{fil.rar[0][0].month:02d}"
    totaler: dict[str, Decimal] = defaultdict(Decimal)
    har_total: set[str] = set()
    per_objekt: dict[tuple[str, int, str], Decimal] = defaultdict(Decimal)
    for s in fil.psaldo:
        if s.arsnr != 0 or s.period is None or s.period > slut or (start and s.period < start):
            continue
        if not s.objekt:
            totaler[s.konto] += Decimal(s.belopp)
            har_total.add(s.konto)
        elif len(s.objekt) == 1:
            o = s.objekt[0]
            per_objekt[(s.konto, int(o.dim), str(o.kod))] += Decimal(s.belopp)
    return totaler, har_total, per_objekt


def _berakna_psaldo(fil, regler, per, ut: Berakning):
    totaler, har_total, per_objekt = _poster_psaldo(fil, per)
    delar_per_konto: dict[str, dict[tuple[int, str], Decimal]] = defaultdict(dict)
    for (k, d, o), b in per_objekt.items():
        delar_per_konto[k][(d, o)] = b
    konton = set(totaler) | set(delar_per_konto)
    for konto in sorted(konton, key=lambda k: (ar_konto(k) or 0, k)):
        if not ar_resultatkonto(fil, konto):
            continue
        delar = delar_per_konto.get(konto, {})
        dims = sorted({d for d, _o in delar})
        regler_har = [r for r in regler if r.har_konto(konto)]
        dim = next((r.dimension for r in regler_har if r.dimension is not None), None)
        if dim is None and dims:
            dim = dims[0]
        i_dim = {o: b for (d, o), b in delar.items() if d == dim}
        # Without a {} row the account's total is its split in the dimension.
        total = totaler[konto] if konto in har_total else sum(i_dim.values(), Decimal(0))
        ut.fil_summa += total
        poster = [({dim: o}, b, _objekttext(dim, o)) for o, b in sorted(i_dim.items())]
        rest = total - sum(i_dim.values(), Decimal(0))
        if rest or not poster:
            poster.append(({}, rest, _objekttext(dim, None) if poster else ""))
        for objekt, belopp, text in poster:
            _lagg_till(fil, regler, konto, objekt, belopp, text, ut)


def _lagg_till(fil, regler, konto, objekt, belopp, text, ut: Berakning, omappade=None):
    regel = regel_for(regler, konto, objekt)
    if regel is None:
        nyckel = (konto, text)
        if omappade is not None:
            omappade[nyckel] += Decimal(belopp)
        else:
            ut.omappade.append(
                Omappad(konto, (fil.konton or {}).get(konto, ""), text, Decimal(belopp))
            )
        return
    rad = ut.rader.setdefault(regel.rad_id, Radutfall())
    rad.summa += Decimal(belopp)
    # Income and cost accounts are kept apart; _avsluta splits them by sign.
    if ar_intaktskonto(fil, konto):
        rad.summa_intaktskonton += Decimal(belopp)
    else:
        rad.summa_kostnadskonton += Decimal(belopp)


def _avsluta(ut: Berakning):
    for rad in ut.rader.values():
        i = -kronor(rad.summa_intaktskonton)
        k = -kronor(rad.summa_kostnadskonton)
        rad.intakt = max(i, 0) + max(k, 0)
        rad.kostnad = min(i, 0) + min(k, 0)


def _berakna_ver(fil, regler, per, ut: Berakning):
    start = fil.rar[0][0] if 0 in (fil.rar or {}) else date(per.year, 1, 1)
    omappade: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for ver in fil.verifikationer:
        for t in ver.transaktioner:
            datum = t.datum or ver.datum
            if datum is None or datum < start or datum > per:
                continue
            if not ar_resultatkonto(fil, t.konto):
                continue
            objekt = _objektkarta(t.objekt)
            ut.fil_summa += Decimal(t.belopp)
            text = ", ".join(_objekttext(d, k) for d, k in sorted(objekt.items()))
            _lagg_till(fil, regler, t.konto, objekt, t.belopp, text, ut, omappade)
    for (konto, text), summa in sorted(
        omappade.items(), key=lambda p: (ar_konto(p[0][0]) or 0, p[0])
    ):
        ut.omappade.append(Omappad(konto, (fil.konton or {}).get(konto, ""), text, summa))


def _berakna_res(fil, regler, per, ut: Berakning):
    for s in sorted(fil.res, key=lambda s: (ar_konto(s.konto) or 0, s.konto)):
        if s.arsnr != 0 or not ar_resultatkonto(fil, s.konto):
            continue
        ut.fil_summa += Decimal(s.belopp)
        _lagg_till(fil, regler, s.konto, {}, s.belopp, "", ut)


def manadens_sista(per: date) -> bool:
    return (per + timedelta(days=1)).day == 1


def kalla_for(fil, per: date) -> str | None:
    """Where the utfall per `per` is read from, or None if the file cannot give it. A
    #PSALDO period is a whole month: a date within a month is read from the vouchers."""
    har_psaldo = any(s.arsnr == 0 and s.period for s in fil.psaldo)
    if har_psaldo and (manadens_sista(per) or not fil.verifikationer):
        return KALLA_PSALDO
    if fil.verifikationer:
        return KALLA_VER
    if 0 in (fil.rar or {}) and per == fil.rar[0][1] and any(s.arsnr == 0 for s in fil.res):
        return KALLA_RES
    return None


def utfall_per_rad(fil, regler: list[Regel], *, per: date) -> Berakning:
    """Each mapped line's utfall from 1 January (the start of #RAR 0) to `per`."""
    ut = Berakning(per=per, kalla=kalla_for(fil, per))
    for r in regler:
        ut.rader[r.rad_id] = Radutfall()
    if ut.kalla == KALLA_PSALDO:
        _berakna_psaldo(fil, regler, per, ut)
    elif ut.kalla == KALLA_VER:
        _berakna_ver(fil, regler, per, ut)
    elif ut.kalla == KALLA_RES:
        _berakna_res(fil, regler, per, ut)
    _avsluta(ut)
    return ut
