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
    matt = list(m.values())
    assert regler.check_consistency(matt, varden) == {}  # a sum is no single figure's error
    (fel,) = regler.check_sums(matt, varden)
    assert fel.grupp == "Högsta utbildning" and fel.kon == ""
    assert fel.delar[-1] == m["utb-okand"].pk
    assert fel.meddelande == (
        "Utbildningsnivåerna ska tillsammans vara lika många som deltagarna: 73 av 72 (totalt)"
    )


def test_summa_per_kon_names_the_column(rapport):
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 44, 2))
    varden[(m["alder-20-24"].pk, "m")] -= 34
    fel = regler.check_sums(list(m.values()), varden)
    assert [(f.grupp, f.kon, f.meddelande) for f in fel] == [
        (
            "Ålder",
            "m",
            "Åldersgrupperna ska tillsammans vara lika många som deltagarna: 10 av 44 (män)",
        )
    ]


def test_an_unreadable_figure_skips_only_the_rules_that_need_it(rapport):
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 60, 2), nya=(4, 20, 0))
    varden[(m["alder-20-24"].pk, "k")] += 1  # the women's ages do not add up
    okanda = {(m["deltagare"].pk, "m"), (m["alder-20-24"].pk, "m")}
    for key in okanda:
        del varden[key]
    matt = list(m.values())
    # nya, män (20) is not compared with deltagare, män (unreadable, else it would count as
    # 0), and the unreadable figure is not asked to be filled in
    assert regler.check_consistency(matt, varden, okanda=okanda) == {}
    # the men's ages need the unreadable figures; the women's are checked all the same
    assert [f.kon for f in regler.check_sums(matt, varden, okanda=okanda)] == ["k"]


def test_keys_per_kon_or_one_total(rapport):
    m = by_kod(rapport)
    deltagare = m["deltagare"]
    assert regler.keys_for(deltagare) == [(deltagare.pk, k) for k in regler.KON_ORDNING]
    assert regler.keys_for(m["utb-okand"]) == [(m["utb-okand"].pk, "")]


def test_figures_print_without_trailing_zeros():
    assert regler.visa_varde(Decimal("12.0")) == "12"
    assert regler.visa_varde(Decimal("12.5")) == "12,5"
