"""Amounts typed the Swedish way."""

import pytest

from budget.forms import BeloppField


def test_field_gives_the_swedish_error_and_shows_amounts_as_printed():
    field = BeloppField()
    with pytest.raises(Exception) as exc:
        field.clean("12,50")
    assert exc.value.messages == ["Skriv ett helt belopp i kronor, t.ex. −1 250 000."]
    assert field.clean("−1 250 000") == -1_250_000
    assert field.prepare_value(-1_250_000) == "\u22121\u00a0250\u00a0000"
    assert field.prepare_value("-12 typed") == "-12 typed"
