"""The figures' rules of `uppfoljning.deltagarrapport.regler`, called directly; the form's
messages for the same rules are in test_validation.py."""

from decimal import Decimal

import pytest

from tests.uppfoljning.deltagarrapport.test_helpers import (
    by_kod,
    good_values,
    open_period,
    rapport_for,
)
from uppfoljning.deltagarrapport import regler


@pytest.fixture
def rapport(forbund, kansli, insats):
    return rapport_for(open_period(forbund, kansli, [insats]), insats)


def test_hogst_equal_is_fine(rapport):
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 60, 2), nya=(10, 60, 2), avslutade=(3, 10, 1))
    fel = regler.check_consistency(list(by_kod(rapport).values()), varden)
    assert (m["nya"].pk, "k") not in fel


def test_summa_not_split_by_kon_compares_with_the_total(rapport):
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 60, 2))
    varden[(m["utb-okand"].pk, "")] += 1
    fel = regler.check_consistency(list(m.values()), varden)
    assert fel == {
        (m["utb-okand"].pk, ""): [
            "Utbildningsnivåerna ska tillsammans vara lika många som deltagarna: 73 av 72 (totalt)"
        ]
    }


def test_keys_per_kon_or_one_total(rapport):
    m = by_kod(rapport)
    deltagare = m["deltagare"]
    assert regler.keys_for(deltagare) == [(deltagare.pk, k) for k in regler.KON_ORDNING]
    assert regler.keys_for(m["utb-okand"]) == [(m["utb-okand"].pk, "")]


def test_figures_print_without_trailing_zeros():
    assert regler.visa_varde(Decimal("12.0")) == "12"
    assert regler.visa_varde(Decimal("12.5")) == "12,5"
