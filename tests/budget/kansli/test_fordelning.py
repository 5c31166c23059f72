"""The pure arithmetic of the kansli's split (budget/kansli/fordelning.py)."""

from decimal import Decimal

import pytest

from budget.kansli.fordelning import andelar, fordela, kostnad_fran_processtod

D = Decimal


def test_shares_are_weighted_by_tjanstgoringsgrad():
    a = andelar([(D("1.00"), D("80")), (D("1.00"), D("0")), (D("1.00"), D("0"))])
    assert a.heltider == D("3.00")
    assert a.heltider_administration == D("0.8")
    assert round(a.andel_administration, 4) == D("26.6667")
    assert round(a.andel_processtod, 4) == D("73.3333")
    halvtid = andelar([(D("0.50"), D("100")), (D("1.00"), D("0"))])
    assert round(halvtid.andel_administration, 4) == D("33.3333")


def test_no_staff_has_no_split_and_bad_values_are_refused():
    assert andelar([]) is None
    with pytest.raises(ValueError):
        andelar([(D("0"), D("50"))])
    with pytest.raises(ValueError):
        andelar([(D("1"), D("101"))])
    with pytest.raises(ValueError):
        fordela(100, D("-1"))


@pytest.mark.parametrize(
    ("kostnad", "andel", "delar"),
    [
        (1_000_000, D("40"), (400_000, 600_000)),
        (1_000, D("100") / 3, (333, 667)),
        (-1_000, D("20"), (-200, -800)),
        (0, D("50"), (0, 0)),
        (999, D("0"), (0, 999)),
    ],
)
def test_the_parts_add_up_to_the_cost(kostnad, andel, delar):
    assert fordela(kostnad, andel) == delar
    assert sum(fordela(kostnad, andel)) == kostnad


def test_whole_cost_from_the_processtod_line():
    assert kostnad_fran_processtod(800, D("80")) == 1_000
    assert kostnad_fran_processtod(2_036_511, D("220") / 3) == 2_777_061 - 1
    assert kostnad_fran_processtod(100, D("0")) is None
