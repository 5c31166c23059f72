"""Reading and writing SIE 4 files (the Swedish accounting export format), without Django.

    fil = parse(data)                      # bytes (code page 437, "#FORMAT PC8") or str
    fil = parse(data, kodning="auto")      # also UTF-8 / Windows-1252 files (gissa_kodning)
    fil.ar(0)                              # (first day, last day) of the current year (#RAR 0)
    saldon_for(fil.ub, arsnr=0)            # the #UB rows of the current year
    psaldo_totaler(fil, arsnr=0, period="202403")          # {konto: belopp}, the {} rows
    psaldo_per_objekt(fil, arsnr=0, period="202403", dim=1)  # {(konto, kod): belopp}
    data = write(fil, ksumma=True)         # cp437 bytes, CRLF, with a checksum

A SIE 4 file is line based: each record is a label (`#KONTO`) followed by fields
separated by spaces or tabs. A field may be quoted ("..."; inside, \\" is a quote and
\\\\ a backslash). An object list is written in braces, dimension and object code in
pairs, each possibly quoted: `{1 "100" 6 "P 7"}`; `{}` is the empty list. Dates are
YYYYMMDD, periods YYYYMM, amounts have a decimal point and an optional minus sign
(read as Decimal, never float). Labels this module does not know are ignored, as the
specification asks of a reader.

What is read:

- identity: #FLAGGA, #FORMAT, #SIETYP, #PROGRAM, #GEN, #FNAMN, #ORGNR, #KPTYP;
- the years: #RAR årsnr start slut (årsnr 0 is the year of the file, -1 the year before);
- the chart of accounts: #KONTO, #KTYP, #SRU; dimensions and objects: #DIM, #UNDERDIM,
  #OBJEKT;
- balances: #IB, #UB, #RES (account totals), #OIB, #OUB (per object list; kept in their
  own lists `oib`/`oub` so that summing `ib` never counts an amount twice), #PSALDO and
  #PBUDGET (per period YYYYMM, with an object list);
- vouchers: #VER serie nr datum [text] [regdatum] [sign], then a block `{ ... }` of
  #TRANS konto {objektlista} belopp [transdat] [transtext] [kvantitet] [sign]. The
  #TRANS rows of a voucher must sum to zero. #RTRANS and #BTRANS (rows added or removed
  by a correction) are skipped: the specification has every #RTRANS followed by the same
  row as #TRANS, and a #BTRANS row is no longer part of the voucher;
- #KSUMMA: a file with a checksum has `#KSUMMA` (no field) as its second record, right
  after #FLAGGA, and `#KSUMMA <crc>` as its last. The checksum is the CRC-32 (the
  polynomial and pre/post conditioning of zlib) of the records between the two, each
  record contributing its label and the text of its fields (object list elements
  included) in the file's encoding (code page 437), without the separating spaces,
  quotes, braces or line ends (our reading of the SIE 4B specification; no exporter's
  file was at hand to compare). A wrong checksum is refused with the line of the closing
  #KSUMMA; `parse(..., kontrollera_ksumma=False)` reads the file without checking.

#PSALDO and #PBUDGET: DO NOT SUM ALL ROWS OF AN ACCOUNT. An exporter writes, for an
account and period, a row with the empty object list `{}` — the TOTAL of the account —
and beside it rows per object (`{1 "100"}`, `{6 "P7"}`, ...), which split the same
amount per kostnadsställe, per projekt, and so on. Summing every row counts the money
twice (or more). Use `psaldo_totaler` for the account totals (the `{}` rows only) and
`psaldo_per_objekt` for the split along one dimension (the rows whose object list is
exactly one object of that dimension); `saldo_totaler`/`saldo_per_objekt` do the same
for any list of Saldo (e.g. `fil.pbudget`).

Leniency towards real files: blank lines, tabs, a UTF-8 byte order mark in a str, a DOS
end-of-file mark (Ctrl-Z) and CR-only line ends are accepted; an object list left out
where an amount stands (older programs: `#TRANS 1930 100.00`) is read as `{}`; a
checksum written as a signed 32-bit number is compared modulo 2**32. `#FLAGGA 1` (the
file was already read by someone) is only reported in `flagga`.

Every refusal is a `SieFel` (a ValueError) naming the line of the file (1-based), with a
message in Swedish: `str(fel) == "Rad 12: Ogiltigt belopp: '12,50'."`.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

KODNING = "cp437"

__all__ = [
    "KODNING",
    "Objektref",
    "Saldo",
    "SieFel",
    "SieFil",
    "Transaktion",
    "Verifikation",
    "gissa_kodning",
    "ksumma_for",
    "parse",
    "psaldo_per_objekt",
    "psaldo_totaler",
    "saldo_per_objekt",
    "saldo_totaler",
    "saldon_for",
    "write",
]


class SieFel(ValueError):
    """A SIE file that cannot be read: `rad` is the 1-based line of the file (0: the file)."""

    def __init__(self, rad: int, meddelande: str):
        self.rad = rad
        self.meddelande = meddelande
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.rad:
            return f"Rad {self.rad}: {self.meddelande}"
        return self.meddelande


@dataclass(frozen=True)
class Objektref:
    """One entry of an object list: an object (kod) of a dimension (1 = kostnadsställe, ...)."""

    dim: int
    kod: str


@dataclass(frozen=True)
class Saldo:
    """A balance row: #IB, #UB, #RES, #OIB, #OUB, #PSALDO or #PBUDGET."""

    arsnr: int
    konto: str
    belopp: Decimal
    objekt: tuple[Objektref, ...] = ()
    period: str | None = None  # YYYYMM, for #PSALDO and #PBUDGET
    kvantitet: Decimal | None = None
    rad: int = 0


@dataclass
class Transaktion:
    """A #TRANS row of a voucher."""

    konto: str
    belopp: Decimal
    objekt: tuple[Objektref, ...] = ()
    datum: date | None = None
    text: str = ""
    rad: int = 0
    kvantitet: Decimal | None = None
    sign: str = ""


@dataclass
class Verifikation:
    """A #VER voucher with its #TRANS rows (which sum to zero)."""

    serie: str
    nummer: str
    datum: date
    text: str = ""
    transaktioner: list[Transaktion] = field(default_factory=list)
    rad: int = 0
    regdatum: date | None = None
    sign: str = ""

    @property
    def summa(self) -> Decimal:
        return sum((t.belopp for t in self.transaktioner), Decimal(0))


@dataclass
class SieFil:
    """The content of a SIE file. Every field has a default, so a file can be built by hand."""

    flagga: int | None = None
    program: str = ""
    format: str = ""
    sietyp: int | None = None
    genererad: date | None = None
    fnamn: str = ""
    orgnr: str = ""
    rar: dict[int, tuple[date, date]] = field(default_factory=dict)
    konton: dict[str, str] = field(default_factory=dict)
    ktyp: dict[str, str] = field(default_factory=dict)
    dimensioner: dict[int, str] = field(default_factory=dict)
    objekt: dict[tuple[int, str], str] = field(default_factory=dict)
    ib: list[Saldo] = field(default_factory=list)
    ub: list[Saldo] = field(default_factory=list)
    res: list[Saldo] = field(default_factory=list)
    psaldo: list[Saldo] = field(default_factory=list)
    pbudget: list[Saldo] = field(default_factory=list)
    verifikationer: list[Verifikation] = field(default_factory=list)
    ksumma: int | None = None
    # Beyond the agreed API: kept so that a file can be written back as it was read.
    programversion: str = ""
    gen_sign: str = ""
    kptyp: str = ""
    sru: dict[str, str] = field(default_factory=dict)
    underdimensioner: dict[int, int] = field(default_factory=dict)  # dim -> superdim
    oib: list[Saldo] = field(default_factory=list)
    oub: list[Saldo] = field(default_factory=list)

    def ar(self, arsnr: int = 0) -> tuple[date, date]:
        """The first and last day of year `arsnr` (#RAR); SieFel when the file lacks it."""
        try:
            return self.rar[arsnr]
        except KeyError:
            raise SieFel(0, f"Filen saknar räkenskapsår {arsnr} (#RAR {arsnr}).") from None


# --- helpers on balances -------------------------------------------------------------------


def saldon_for(lista: Iterable[Saldo], arsnr: int = 0, period: str | None = None) -> list[Saldo]:
    """The rows of `lista` for year `arsnr` (and period YYYYMM, when given), in file order."""
    return [s for s in lista if s.arsnr == arsnr and (period is None or s.period == period)]


def saldo_totaler(
    lista: Iterable[Saldo], arsnr: int = 0, period: str | None = None
) -> dict[str, Decimal]:
    """{konto: belopp} from the rows with an EMPTY object list (the account totals) only.

    The rows per object split these same totals and are left out, so nothing counts twice.
    With `period=None` the periods of the year are added up (for #PSALDO of a result
    account: the movement of the year up to the last period in the file).
    """
    summor: dict[str, Decimal] = defaultdict(Decimal)
    for s in saldon_for(lista, arsnr, period):
        if not s.objekt:
            summor[s.konto] += s.belopp
    return dict(summor)


def saldo_per_objekt(
    lista: Iterable[Saldo], arsnr: int = 0, period: str | None = None, dim: int = 1
) -> dict[tuple[str, str], Decimal]:
    """{(konto, objektkod): belopp} along dimension `dim`, without counting anything twice.

    Uses the rows whose object list is exactly one object of `dim`. For an account that
    has no such row but rows combining `dim` with other dimensions (`{1 "100" 6 "P7"}`),
    those rows are added up per object of `dim` provided they all combine the same set of
    dimensions; otherwise SieFel (the split would be ambiguous).
    """
    rader = saldon_for(lista, arsnr, period)
    enkla: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    med_enkla: set[str] = set()
    kombinerade: dict[str, list[Saldo]] = defaultdict(list)
    for s in rader:
        dims = [o.dim for o in s.objekt]
        if dim not in dims:
            continue
        if len(s.objekt) == 1:
            enkla[(s.konto, s.objekt[0].kod)] += s.belopp
            med_enkla.add(s.konto)
        else:
            kombinerade[s.konto].append(s)
    for konto, lista_k in kombinerade.items():
        if konto in med_enkla:
            continue
        uppsattningar = {frozenset(o.dim for o in s.objekt) for s in lista_k}
        if len(uppsattningar) > 1:
            raise SieFel(
                lista_k[0].rad,
                f"Konto {konto} har saldon för olika kombinationer av dimensioner; "
                f"fördelningen per dimension {dim} är inte entydig.",
            )
        for s in lista_k:
            kod = next(o.kod for o in s.objekt if o.dim == dim)
            enkla[(konto, kod)] += s.belopp
    return dict(enkla)


def psaldo_totaler(fil: SieFil, arsnr: int = 0, period: str | None = None) -> dict[str, Decimal]:
    """{konto: belopp} of the #PSALDO rows with `{}` (the account totals); see saldo_totaler."""
    return saldo_totaler(fil.psaldo, arsnr, period)


def psaldo_per_objekt(
    fil: SieFil, arsnr: int = 0, period: str | None = None, dim: int = 1
) -> dict[tuple[str, str], Decimal]:
    """{(konto, kod): belopp} of #PSALDO along dimension `dim`; see saldo_per_objekt."""
    return saldo_per_objekt(fil.psaldo, arsnr, period, dim)


# --- reading -------------------------------------------------------------------------------

# A field is a str, or a tuple of str for an object list ({...}).
Falt = str | tuple[str, ...]

_RADSLUT = re.compile(r"\r\n|\r|\n")
# Bounded: at most 18 digits before the point (BigIntegerField kronor) and 12 after it; at
# most 10 digits in an integer (a year number, a dimension, a flag, a checksum).
_BELOPP = re.compile(r"-?(?:\d{1,18}(?:\.\d{0,12})?|\.\d{1,12})")
_HELTAL = re.compile(r"-?\d{1,10}")


def _las_text(rad: str, i: int, radnr: int) -> tuple[str, int]:
    """The quoted field starting at rad[i] == '"': (its text, the index after it)."""
    delar: list[str] = []
    i += 1
    n = len(rad)
    while i < n:
        c = rad[i]
        if c == "\\" and i + 1 < n and rad[i + 1] in '"\\':
            delar.append(rad[i + 1])
            i += 2
        elif c == '"':
            return "".join(delar), i + 1
        else:
            delar.append(c)
            i += 1
    raise SieFel(radnr, "Ett citattecken avslutas inte på raden.")


def _las_ociterat(rad: str, i: int, slut: str) -> tuple[str, int]:
    j = i
    n = len(rad)
    while j < n and rad[j] not in slut:
        j += 1
    return rad[i:j], j


def dela_rad(rad: str, radnr: int = 0) -> list[Falt]:
    """The fields of one line: str for a field, tuple of str for an object list {...}."""
    falt: list[Falt] = []
    i = 0
    n = len(rad)
    while i < n:
        c = rad[i]
        if c in " \t":
            i += 1
        elif c == '"':
            text, i = _las_text(rad, i, radnr)
            falt.append(text)
        elif c == "{":
            element: list[str] = []
            i += 1
            while True:
                while i < n and rad[i] in " \t":
                    i += 1
                if i >= n:
                    raise SieFel(radnr, "En objektlista saknar avslutande }.")
                c = rad[i]
                if c == "}":
                    i += 1
                    break
                if c == "{":
                    raise SieFel(radnr, "En objektlista får inte innehålla {.")
                if c == '"':
                    text, i = _las_text(rad, i, radnr)
                else:
                    text, i = _las_ociterat(rad, i, ' \t{}"')
                element.append(text)
            falt.append(tuple(element))
        else:
            text, i = _las_ociterat(rad, i, " \t")
            falt.append(text)
    return falt


def ksumma_for(poster: Iterable[list[Falt]], kodning: str = KODNING) -> int:
    """The #KSUMMA checksum of records (each a list of fields, its label first)."""
    if kodning.lower().replace("_", "-") == "utf-8-sig":
        kodning = "utf-8"  # the mark belongs to the file, not to each field
    crc = 0
    for poster_falt in poster:
        for f in poster_falt:
            for del_ in f if isinstance(f, tuple) else (f,):
                crc = zlib.crc32(del_.encode(kodning, errors="replace"), crc)
    return crc


def _visa(falt: str) -> str:
    """A field quoted for a message, shortened when long."""
    return repr(falt if len(falt) <= 40 else falt[:40] + "…")


class _Rad:
    """The fields of one record, read in order with the line number for refusals."""

    def __init__(self, falt: list[Falt], radnr: int):
        self.etikett = str(falt[0]).upper()
        self.falt = falt[1:]
        self.radnr = radnr
        self.pos = 0

    def fel(self, meddelande: str) -> SieFel:
        return SieFel(self.radnr, meddelande)

    def har_mer(self) -> bool:
        return self.pos < len(self.falt)

    def _nasta(self, vad: str, obligatorisk: bool) -> Falt | None:
        if self.pos >= len(self.falt):
            if obligatorisk:
                raise self.fel(f"{self.etikett} saknar fältet {vad}.")
            return None
        f = self.falt[self.pos]
        self.pos += 1
        return f

    def text(self, vad: str, obligatorisk: bool = True) -> str:
        f = self._nasta(vad, obligatorisk)
        if f is None:
            return ""
        if isinstance(f, tuple):
            raise self.fel(f"{self.etikett}: fältet {vad} är en objektlista.")
        return f

    def heltal(self, vad: str, obligatorisk: bool = True) -> int | None:
        f = self.text(vad, obligatorisk)
        if f == "" and not obligatorisk:
            return None
        if not _HELTAL.fullmatch(f):
            raise self.fel(f"{self.etikett}: {vad} ska vara ett heltal, inte {_visa(f)}.")
        return int(f)

    def belopp(self, vad: str = "belopp", obligatorisk: bool = True) -> Decimal | None:
        f = self.text(vad, obligatorisk)
        if f == "" and not obligatorisk:
            return None
        if not _BELOPP.fullmatch(f):
            raise self.fel(f"Ogiltigt {vad}: {_visa(f)}.")
        try:
            return Decimal(f)
        except InvalidOperation:  # pragma: no cover - the pattern lets only numbers through
            raise self.fel(f"Ogiltigt {vad}: {_visa(f)}.") from None

    def datum(self, vad: str = "datum", obligatorisk: bool = True) -> date | None:
        f = self.text(vad, obligatorisk)
        if f == "" and not obligatorisk:
            return None
        if len(f) != 8 or not f.isdigit():
            raise self.fel(f"Ogiltigt {vad}: {_visa(f)} (ska vara ÅÅÅÅMMDD).")
        try:
            return date(int(f[:4]), int(f[4:6]), int(f[6:]))
        except ValueError:
            raise self.fel(f"Ogiltigt {vad}: {_visa(f)} finns inte.") from None

    def period(self) -> str:
        f = self.text("period")
        if len(f) != 6 or not f.isdigit() or not 1 <= int(f[4:]) <= 12:
            raise self.fel(f"Ogiltig period: {_visa(f)} (ska vara ÅÅÅÅMM).")
        return f

    def objektlista(self) -> tuple[Objektref, ...]:
        f = self._nasta("objektlista", True)
        if not isinstance(f, tuple):
            if _BELOPP.fullmatch(f):
                # Older programs (SIE 1-3 habits) leave out an empty object list: the field
                # is the amount. Read it again as such.
                self.pos -= 1
                return ()
            raise self.fel(
                f"{self.etikett}: fältet objektlista ska skrivas inom {{}}, inte {_visa(f)}."
            )
        if len(f) % 2:
            raise self.fel("En objektlista ska bestå av par av dimension och objektkod.")
        objekt = []
        for dim, kod in zip(f[::2], f[1::2], strict=True):
            if not _HELTAL.fullmatch(dim):
                raise self.fel(f"Objektlistans dimension ska vara ett heltal, inte {_visa(dim)}.")
            objekt.append(Objektref(int(dim), kod))
        return tuple(objekt)


def _saldo(r: _Rad, *, med_objekt: bool, med_period: bool) -> Saldo:
    arsnr = r.heltal("årsnr")
    period = r.period() if med_period else None
    konto = r.text("konto")
    objekt = r.objektlista() if med_objekt else ()
    belopp = r.belopp("belopp")
    kvantitet = r.belopp("kvantitet", obligatorisk=False)
    return Saldo(
        arsnr=arsnr,
        konto=konto,
        belopp=belopp,
        objekt=objekt,
        period=period,
        kvantitet=kvantitet,
        rad=r.radnr,
    )


def gissa_kodning(data: bytes) -> str:
    """The encoding of a SIE file: code page 437 as the format requires (#FORMAT PC8),
    unless the bytes clearly say otherwise: a UTF-8 byte order mark or valid UTF-8 with
    non-ASCII characters ("utf-8-sig"), or å/ä/ö/Å/Ä/Ö in Windows-1252 and none of them
    in code page 437 ("cp1252"), as some programs write despite the specification."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "utf-8-sig"
        pc8 = sum(data.count(b) for b in b"\x86\x84\x94\x8f\x8e\x99")
        ansi = sum(data.count(b) for b in b"\xe5\xe4\xf6\xc5\xc4\xd6")
        if ansi and not pc8:
            return "cp1252"
    return KODNING


def parse(data: bytes | str, *, kodning: str = KODNING, kontrollera_ksumma: bool = True) -> SieFil:
    """Read a SIE file. Bytes are decoded as code page 437 (#FORMAT PC8) unless `kodning`
    says otherwise; `kodning="auto"` takes `gissa_kodning(data)`. Raises SieFel naming the
    line for a record that cannot be read, a bad date or amount, a voucher that does not
    balance or a wrong #KSUMMA (unless `kontrollera_ksumma=False`)."""
    if kodning == "auto":
        kodning = gissa_kodning(data) if isinstance(data, bytes) else KODNING
    try:
        text = data.decode(kodning) if isinstance(data, bytes) else data
    except UnicodeDecodeError as e:
        rad = data[: e.start].count(b"\n") + 1
        raise SieFel(rad, f"Filen kan inte läsas som {kodning}.") from None
    text = text.removeprefix("\ufeff")
    fil = SieFil()
    ver: Verifikation | None = None  # the voucher whose block is open or expected
    i_block = False
    ksumma_start: int | None = None  # line of the opening #KSUMMA
    ksumma_poster: list[list[Falt]] = []
    ksumma_klar = False

    for radnr, rad in enumerate(_RADSLUT.split(text), start=1):
        rad = rad.strip(" \t\x1a")
        if not rad:
            continue
        if rad == "{":
            if ver is None or i_block:
                raise SieFel(radnr, "Oväntad { (ett block hör till en #VER).")
            i_block = True
            continue
        if rad == "}":
            if ver is None or not i_block:
                raise SieFel(radnr, "Oväntad } utan inledande {.")
            if ver.summa != 0:
                raise SieFel(
                    ver.rad,
                    f"Verifikation {ver.serie} {ver.nummer} balanserar inte: "
                    f"summan av #TRANS är {ver.summa}.",
                )
            fil.verifikationer.append(ver)
            ver, i_block = None, False
            continue
        if not rad.startswith("#"):
            raise SieFel(radnr, f"Raden ska börja med en etikett (#...): {_visa(rad)}.")
        falt = dela_rad(rad, radnr)
        r = _Rad(falt, radnr)
        et = r.etikett

        if ver is not None and not i_block:
            raise SieFel(ver.rad, "#VER ska följas av ett block inom { och }.")

        if et == "#KSUMMA":
            if not r.har_mer():
                if ksumma_start is not None or ksumma_klar:
                    raise r.fel("#KSUMMA utan kontrollsumma förekommer två gånger.")
                ksumma_start = radnr
                continue
            summa = r.heltal("kontrollsumma")
            if ksumma_start is None:
                raise r.fel("#KSUMMA med kontrollsumma saknar inledande #KSUMMA.")
            if ksumma_klar:
                raise r.fel("#KSUMMA med kontrollsumma förekommer två gånger.")
            fil.ksumma = summa
            ksumma_klar = True
            if kontrollera_ksumma:
                beraknad = ksumma_for(ksumma_poster, kodning)
                # A program that prints the CRC as a signed 32-bit number writes it negative.
                if beraknad != summa % 2**32:
                    raise r.fel(
                        f"Kontrollsumman stämmer inte: filen anger {summa}, innehållet ger "
                        f"{beraknad}. Filen kan ha ändrats efter exporten."
                    )
            continue
        if ksumma_start is not None and not ksumma_klar:
            ksumma_poster.append(falt)

        if i_block:
            if et == "#TRANS":
                konto = r.text("konto")
                objekt = r.objektlista()
                belopp = r.belopp()
                datum = r.datum("transdatum", obligatorisk=False)
                ttext = r.text("transtext", obligatorisk=False)
                kvantitet = r.belopp("kvantitet", obligatorisk=False)
                sign = r.text("sign", obligatorisk=False)
                ver.transaktioner.append(
                    Transaktion(
                        konto=konto,
                        belopp=belopp,
                        objekt=objekt,
                        datum=datum,
                        text=ttext,
                        rad=radnr,
                        kvantitet=kvantitet,
                        sign=sign,
                    )
                )
            elif et == "#VER":
                raise SieFel(
                    ver.rad, f"Verifikationens block saknar avslutande }} före rad {radnr}."
                )
            # #RTRANS, #BTRANS and unknown labels inside a block are skipped.
            continue

        if et == "#FLAGGA":
            fil.flagga = r.heltal("flagga")
        elif et == "#FORMAT":
            fil.format = r.text("format")
        elif et == "#SIETYP":
            fil.sietyp = r.heltal("sietyp")
        elif et == "#PROGRAM":
            fil.program = r.text("programnamn")
            fil.programversion = r.text("version", obligatorisk=False)
        elif et == "#GEN":
            fil.genererad = r.datum()
            fil.gen_sign = r.text("sign", obligatorisk=False)
        elif et == "#FNAMN":
            fil.fnamn = r.text("företagsnamn")
        elif et == "#ORGNR":
            fil.orgnr = r.text("organisationsnummer")
        elif et == "#KPTYP":
            fil.kptyp = r.text("kontoplanstyp")
        elif et == "#RAR":
            arsnr = r.heltal("årsnr")
            start = r.datum("startdatum")
            slut = r.datum("slutdatum")
            if slut < start:
                raise r.fel("#RAR: räkenskapsåret slutar före det börjar.")
            fil.rar[arsnr] = (start, slut)
        elif et == "#KONTO":
            konto = r.text("kontonummer")
            fil.konton[konto] = r.text("kontonamn", obligatorisk=False)
        elif et == "#KTYP":
            konto = r.text("kontonummer")
            fil.ktyp[konto] = r.text("kontotyp")
        elif et == "#SRU":
            konto = r.text("kontonummer")
            fil.sru[konto] = r.text("SRU-kod")
        elif et == "#DIM":
            dim = r.heltal("dimensionsnummer")
            fil.dimensioner[dim] = r.text("namn", obligatorisk=False)
        elif et == "#UNDERDIM":
            dim = r.heltal("dimensionsnummer")
            fil.dimensioner[dim] = r.text("namn")
            fil.underdimensioner[dim] = r.heltal("superdimension")
        elif et == "#OBJEKT":
            dim = r.heltal("dimensionsnummer")
            kod = r.text("objektkod")
            fil.objekt[(dim, kod)] = r.text("objektnamn", obligatorisk=False)
        elif et == "#IB":
            fil.ib.append(_saldo(r, med_objekt=False, med_period=False))
        elif et == "#UB":
            fil.ub.append(_saldo(r, med_objekt=False, med_period=False))
        elif et == "#RES":
            fil.res.append(_saldo(r, med_objekt=False, med_period=False))
        elif et == "#OIB":
            fil.oib.append(_saldo(r, med_objekt=True, med_period=False))
        elif et == "#OUB":
            fil.oub.append(_saldo(r, med_objekt=True, med_period=False))
        elif et == "#PSALDO":
            fil.psaldo.append(_saldo(r, med_objekt=True, med_period=True))
        elif et == "#PBUDGET":
            fil.pbudget.append(_saldo(r, med_objekt=True, med_period=True))
        elif et == "#VER":
            serie = r.text("serie")
            nummer = r.text("verifikationsnummer")
            datum = r.datum("verifikationsdatum")
            vtext = r.text("verifikationstext", obligatorisk=False)
            regdatum = r.datum("registreringsdatum", obligatorisk=False)
            sign = r.text("sign", obligatorisk=False)
            ver = Verifikation(
                serie=serie,
                nummer=nummer,
                datum=datum,
                text=vtext,
                rad=radnr,
                regdatum=regdatum,
                sign=sign,
            )
        elif et in ("#TRANS", "#RTRANS", "#BTRANS"):
            raise r.fel(f"{et} utanför en verifikations block.")
        # Any other label is ignored, as the specification asks.

    if ver is not None:
        raise SieFel(ver.rad, "Verifikationens block saknar avslutande }.")
    if ksumma_start is not None and not ksumma_klar:
        raise SieFel(ksumma_start, "Filen har #KSUMMA men ingen avslutande #KSUMMA med summa.")
    return fil


# --- writing -------------------------------------------------------------------------------

_MASTE_CITERAS = set(' \t"{}\\')


def _citera(s: str) -> str:
    if any(c in "\r\n" for c in s):
        raise ValueError(f"Ett SIE-fält kan inte innehålla radbrytningar: {s!r}")
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _falt(s: str, *, text: bool = False) -> str:
    """A field as written: quoted when it must be (or always for a free text)."""
    if text or not s or s.startswith("#") or any(c in _MASTE_CITERAS or c < " " for c in s):
        return _citera(s)
    return s


def _belopp(b: Decimal) -> str:
    if not isinstance(b, Decimal):
        raise TypeError(f"Belopp ska vara Decimal, inte {type(b).__name__}")
    exp = b.as_tuple().exponent
    if isinstance(exp, int) and exp >= -2:
        b = b.quantize(Decimal("0.01"))
    s = format(b, "f")
    return "0.00" if s in ("-0.00", "-0") else s


def _datum(d: date | None) -> str:
    return d.strftime("%Y%m%d") if d else ""


def _objektlista(objekt: tuple[Objektref, ...]) -> str:
    return "{" + " ".join(f"{o.dim} {_citera(o.kod)}" for o in objekt) + "}"


def _saldorad(etikett: str, s: Saldo, *, med_objekt: bool, med_period: bool) -> list[str]:
    delar = [etikett, str(s.arsnr)]
    if med_period:
        delar.append(s.period or "")
    delar.append(_falt(s.konto))
    if med_objekt:
        delar.append(_objektlista(s.objekt))
    delar.append(_belopp(s.belopp))
    if s.kvantitet is not None:
        delar.append(_belopp(s.kvantitet))
    return delar


def _valfria(delar: list[str], valfria: list[str]) -> list[str]:
    """Append optional fields, leaving out empty ones at the end ("" kept before a value)."""
    while valfria and valfria[-1] in ("", '""'):
        valfria.pop()
    return delar + [v if v else '""' for v in valfria]


def write(fil: SieFil, *, ksumma: bool = False, kodning: str = KODNING) -> bytes:
    """The file as bytes in code page 437 with CRLF line ends, the way exporters write it.

    Free texts (names, voucher texts) are quoted, codes and numbers only when they must be;
    object lists are written in braces with quoted codes. With `ksumma=True` the file gets
    the opening `#KSUMMA` after #FLAGGA and the closing `#KSUMMA <crc>`.
    """
    rader: list[str] = [f"#FLAGGA {fil.flagga if fil.flagga is not None else 0}"]
    forsta_summerade = len(rader) + (1 if ksumma else 0)
    if ksumma:
        rader.append("#KSUMMA")
    if fil.program or fil.programversion:
        rader.append(
            " ".join(_valfria(["#PROGRAM", _citera(fil.program)], [_falt(fil.programversion)]))
        )
    rader.append("#FORMAT PC8")
    if fil.genererad:
        rader.append(
            " ".join(
                _valfria(
                    ["#GEN", _datum(fil.genererad)],
                    [_falt(fil.gen_sign, text=True) if fil.gen_sign else ""],
                )
            )
        )
    if fil.sietyp is not None:
        rader.append(f"#SIETYP {fil.sietyp}")
    if fil.fnamn:
        rader.append(f"#FNAMN {_citera(fil.fnamn)}")
    if fil.orgnr:
        rader.append(f"#ORGNR {_falt(fil.orgnr)}")
    for arsnr in sorted(fil.rar, reverse=True):
        start, slut = fil.rar[arsnr]
        rader.append(f"#RAR {arsnr} {_datum(start)} {_datum(slut)}")
    if fil.kptyp:
        rader.append(f"#KPTYP {_falt(fil.kptyp)}")
    # Each account with its type and SRU code, as Visma writes them; then any type or SRU
    # code of an account without a #KONTO.
    for konto, namn in fil.konton.items():
        rader.append(f"#KONTO {_falt(konto)} {_citera(namn)}")
        if konto in fil.ktyp:
            rader.append(f"#KTYP {_falt(konto)} {_falt(fil.ktyp[konto])}")
        if konto in fil.sru:
            rader.append(f"#SRU {_falt(konto)} {_falt(fil.sru[konto])}")
    for konto, typ in fil.ktyp.items():
        if konto not in fil.konton:
            rader.append(f"#KTYP {_falt(konto)} {_falt(typ)}")
    for konto, kod in fil.sru.items():
        if konto not in fil.konton:
            rader.append(f"#SRU {_falt(konto)} {_falt(kod)}")
    for dim, namn in fil.dimensioner.items():
        if dim in fil.underdimensioner:
            rader.append(f"#UNDERDIM {dim} {_citera(namn)} {fil.underdimensioner[dim]}")
        else:
            rader.append(f"#DIM {dim} {_citera(namn)}")
    for (dim, kod), namn in fil.objekt.items():
        rader.append(f"#OBJEKT {dim} {_citera(kod)} {_citera(namn)}")
    for etikett, lista, med_objekt, med_period in (
        ("#IB", fil.ib, False, False),
        ("#UB", fil.ub, False, False),
        ("#OIB", fil.oib, True, False),
        ("#OUB", fil.oub, True, False),
        ("#RES", fil.res, False, False),
        ("#PSALDO", fil.psaldo, True, True),
        ("#PBUDGET", fil.pbudget, True, True),
    ):
        for s in lista:
            rader.append(
                " ".join(_saldorad(etikett, s, med_objekt=med_objekt, med_period=med_period))
            )
    for v in fil.verifikationer:
        rader.append(
            " ".join(
                _valfria(
                    ["#VER", _falt(v.serie), _falt(v.nummer), _datum(v.datum)],
                    [
                        _citera(v.text) if v.text else "",
                        _datum(v.regdatum),
                        _falt(v.sign, text=True) if v.sign else "",
                    ],
                )
            )
        )
        rader.append("{")
        for t in v.transaktioner:
            rader.append(
                "   "
                + " ".join(
                    _valfria(
                        ["#TRANS", _falt(t.konto), _objektlista(t.objekt), _belopp(t.belopp)],
                        [
                            _datum(t.datum),
                            _citera(t.text) if t.text else "",
                            _belopp(t.kvantitet) if t.kvantitet is not None else "",
                            _falt(t.sign, text=True) if t.sign else "",
                        ],
                    )
                )
            )
        rader.append("}")
    if ksumma:
        poster = [dela_rad(r) for r in rader[forsta_summerade:] if r.lstrip().startswith("#")]
        rader.append(f"#KSUMMA {ksumma_for(poster, kodning)}")
    try:
        return ("\r\n".join(rader) + "\r\n").encode(kodning)
    except UnicodeEncodeError as e:
        tecken = e.object[e.start : e.end]
        raise ValueError(f"Tecknet {tecken!r} kan inte skrivas i en SIE-fil (PC8).") from None
