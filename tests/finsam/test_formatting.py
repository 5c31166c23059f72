from decimal import Decimal

import pytest

from finsam import formatting as f


@pytest.mark.parametrize(
    "value, expected",
    [
        (0, "0"),
        (999, "999"),
        (1000, "1\u00a0000"),
        (-1250000, "\u22121\u00a0250\u00a0000"),
        (18958000, "18\u00a0958\u00a0000"),
        (Decimal("1234.5"), "1\u00a0235"),
    ],
)
def test_belopp(value, expected):
    assert f.belopp(value) == expected


def test_kr_and_empty_values():
    assert f.kr(1234567) == "1\u00a0234\u00a0567\u00a0kr"
    assert f.kr(None) == ""
    assert f.belopp(None) == ""


@pytest.mark.parametrize(
    "kronor, tkr",
    [(18957624, 18958), (18957499, 18957), (-1246000, -1246), (-500, -1), (499, 0), (1500, 2)],
)
def test_tkr_rounds_half_away_from_zero(kronor, tkr):
    assert f.till_tkr(kronor) == tkr


def test_procent_and_datum():
    from datetime import date

    assert f.procent(Decimal("0.463")) == "46,3\u00a0%"
    assert f.procent(Decimal("0.78059")) == "78,1\u00a0%"
    assert f.procent(None) == "–"
    assert f.datum(date(2025, 8, 31)) == "2025-08-31"


# --- and back: amounts typed the Swedish way ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("−1 250 000", -1_250_000),  # U+2212 and spaces, as the documents print it
        ("-1250000", -1_250_000),
        ("1 250 000", 1_250_000),
        ("\u22121\u00a0250\u00a0000", -1_250_000),  # what the belopp filter prints
        ("1\u202f250\u202f000", 1_250_000),  # narrow no-break spaces
        ("– 400 000", -400_000),  # an en dash, as word processors make it
        ("+5", 5),
        ("0", 0),
        ("  ", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_belopp_accepts_swedish_typing(text, expected):
    assert f.parse_belopp(text) == expected


@pytest.mark.parametrize(
    "text", ["1,5", "1.250.000", "12 kr", "abc", "--5", "1e6", "1 250 000,00", "9" * 13]
)
def test_parse_belopp_refuses_anything_else(text):
    with pytest.raises(ValueError):
        f.parse_belopp(text)
