"""Swedish number formats as the förbund's documents print them.

belopp(-1250000)  -> "−1 250 000"   (true minus sign, no-break spaces)
kr(1234567)       -> "1 234 567 kr"
tkr(18957624)     -> "18 958"       (rounded half up from exact kronor)
procent(0.463)    -> "46,3 %"

and back: parse_belopp("−1 250 000") -> -1250000, the way people type amounts.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"
NBSP = "\u00a0"
_ETT = Decimal(1)


def _group(digits: str) -> str:
    """ "1234567" -> "1 234 567" (no-break spaces)."""
    return f"{int(digits):,}".replace(",", NBSP)


def heltal(value) -> str:
    """A whole number with space-grouped thousands and a real minus sign."""
    if value is None or value == "":
        return ""
    # An int is its own rounding (the documents print thousands of them).
    n = value if type(value) is int else int(Decimal(value).quantize(_ETT, rounding=ROUND_HALF_UP))
    text = f"{abs(n):,}".replace(",", NBSP)
    return f"{MINUS}{text}" if n < 0 else text


def belopp(value) -> str:
    return heltal(value)


def kr(value) -> str:
    text = heltal(value)
    return f"{text}{NBSP}kr" if text else ""


def till_tkr(value) -> int:
    """Exact kronor to whole tkr, rounding half away from zero."""
    if type(value) is int:  # the same rounding in whole numbers
        tkr, rest = divmod(abs(value), 1000)
        tkr += rest >= 500
        return -tkr if value < 0 else tkr
    return int((Decimal(value) / 1000).quantize(_ETT, rounding=ROUND_HALF_UP))


def tkr(value) -> str:
    if value is None or value == "":
        return ""
    return heltal(till_tkr(value))


def decimal_sv(value, decimaler: int = 1) -> str:
    if value is None or value == "":
        return ""
    q = Decimal(1).scaleb(-decimaler)
    d = Decimal(value).quantize(q, rounding=ROUND_HALF_UP)
    sign = MINUS if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    text = _group(whole)
    return f"{sign}{text},{frac}" if frac else f"{sign}{text}"


def procent(andel, decimaler: int = 1) -> str:
    """A share (0.463) as '46,3 %'. None (e.g. division by zero) prints as an en dash."""
    if andel is None:
        return "–"
    return f"{decimal_sv(Decimal(andel) * 100, decimaler)}{NBSP}%"


def datum(value) -> str:
    return value.isoformat()[:10] if value else ""


#: Characters people use between thousands: space, no-break space, narrow and thin spaces.
_MELLANRUM = re.compile(r"[\s\u00a0\u202f\u2009]+")
#: Minus signs: the real one (U+2212), an en dash as Word makes it, and the hyphen.
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_HELTAL = re.compile(r"^[+-]?\d+$")
#: Far above any förbund's budget and well inside the database's integer range.
MAX_BELOPP = 10**12 - 1


def parse_belopp(text: str | None) -> int | None:
    """A Swedish-typed whole amount in kronor; None for blank. Raises ValueError.

    "−1 250 000", "-1250000" and "1 250 000" are all accepted (spaces, no-break spaces, a
    real minus sign), as the documents print amounts.

    >>> parse_belopp("−1 250 000"), parse_belopp("1250000"), parse_belopp("")
    (-1250000, 1250000, None)
    """
    if text is None:
        return None
    compact = _MELLANRUM.sub("", str(text)).translate(_MINUS)
    if not compact:
        return None
    if not _HELTAL.match(compact):
        raise ValueError(text)
    value = int(compact)
    if abs(value) > MAX_BELOPP:
        raise ValueError(text)
    return value
