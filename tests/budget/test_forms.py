"""Amounts typed the Swedish way."""

import pytest

from budget.forms import BeloppField, parse_belopp


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
    assert parse_belopp(text) == expected


@pytest.mark.parametrize(
    "text", ["1,5", "1.250.000", "12 kr", "abc", "--5", "1e6", "1 250 000,00", "9" * 13]
)
def test_parse_belopp_refuses_anything_else(text):
    with pytest.raises(ValueError):
        parse_belopp(text)


def test_field_gives_the_swedish_error_and_shows_amounts_as_printed():
    field = BeloppField()
    with pytest.raises(Exception) as exc:
        field.clean("12,50")
    assert exc.value.messages == ["Skriv ett helt belopp i kronor, t.ex. −1 250 000."]
    assert field.clean("−1 250 000") == -1_250_000
    assert field.prepare_value(-1_250_000) == "\u22121\u00a0250\u00a0000"
    assert field.prepare_value("-12 typed") == "-12 typed"
