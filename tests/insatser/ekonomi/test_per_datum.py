"""The follow-up at any date: only what was decided by then counts, the insats's own
months of run set what is expected, and a payment counts for the year it is for."""

from datetime import date

import pytest

from budget.models import Budgetversion
from insatser.ekonomi.selectors import insatsuppfoljning, loptid_manader
from tests import factories as f
from tests.insatser.ekonomi.conftest import rekvisition

T = Budgetversion.Typ


def _rad(forbund, per, insats=None):
    u = insatsuppfoljning(forbund, per=per)
    rader = {r.insats.pk: r for r in u.rader}
    return rader.get(insats.pk) if insats is not None else rader


def _insats_med_budget(forbund, **kw):
    """An insats and its budget line."""
    insats = f.make_insats(forbund, **kw)
    return insats, f.make_rad(f.make_grupp(forbund), insats=insats)


# --- months of the run ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "per, start, slut, expected",
    [
        (date(2025, 8, 31), None, None, (8, 12)),
        (date(2025, 12, 31), None, None, (12, 12)),
        (date(2025, 8, 30), None, None, (7, 12)),
        # A start mid-September: September counts as a whole month, reached on its last day.
        (date(2025, 9, 29), date(2025, 9, 15), None, (0, 4)),
        (date(2025, 9, 30), date(2025, 9, 15), None, (1, 4)),
        (date(2025, 12, 31), date(2025, 9, 15), None, (4, 4)),
        (date(2025, 6, 30), date(2025, 10, 1), None, (0, 3)),
        # An end mid-June: June is the last month, reached on the end day.
        (date(2025, 5, 31), None, date(2025, 6, 15), (5, 6)),
        (date(2025, 6, 15), None, date(2025, 6, 15), (6, 6)),
        (date(2025, 12, 31), None, date(2025, 6, 30), (6, 6)),
        # Not running in the year at all.
        (date(2025, 12, 31), None, date(2024, 12, 31), (0, 0)),
        (date(2025, 12, 31), date(2026, 1, 1), None, (0, 0)),
        # The year 2025 seen from a later or an earlier date.
        (date(2026, 3, 31), date(2025, 5, 2), None, (8, 8)),
        (date(2024, 3, 31), None, None, (0, 12)),
    ],
)
def test_months_of_the_run_in_2025(per, start, slut, expected):
    assert loptid_manader(2025, per, start, slut) == expected


# --- decisions and versions by date --------------------------------------------------------


def test_a_decision_after_the_date_does_not_count(forbund):
    insats, rad = _insats_med_budget(forbund)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_200_000)
    f.make_beslut(insats, belopp=1_200_000, datum=date(2025, 6, 12))
    assert _rad(forbund, date(2025, 5, 31)) == {}
    r = _rad(forbund, date(2025, 6, 30), insats)
    assert (r.beslutat_totalt, r.forvantat_ar) == (1_200_000, 600_000)


def test_a_second_decision_after_the_date_is_left_out_of_the_total(forbund):
    insats, rad = _insats_med_budget(forbund)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_200_000)
    f.make_beslut(insats, belopp=1_200_000, datum=date(2024, 11, 22))
    f.make_beslut(insats, belopp=300_000, datum=date(2025, 6, 12), paragraf="§ 40")
    assert _rad(forbund, date(2025, 5, 31), insats).beslutat_totalt == 1_200_000
    assert _rad(forbund, date(2025, 6, 12), insats).beslutat_totalt == 1_500_000
    assert _rad(forbund, date(2025, 6, 12), insats).beslutat_ar == 1_500_000


def test_a_budget_version_adopted_after_the_date_does_not_count(forbund):
    insats, rad = _insats_med_budget(forbund)
    f.make_beslut(insats, belopp=2_000_000)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_200_000)
    tillagg = f.make_version(forbund, 2025, T.TILLAGG, beslutsdatum=date(2025, 5, 24))
    f.set_belopp(tillagg, rad, -1_800_000)
    r = _rad(forbund, date(2025, 4, 30), insats)
    assert (r.budget_ar, r.forvantat_ar) == (1_200_000, 400_000)
    r = _rad(forbund, date(2025, 5, 31), insats)
    assert (r.budget_ar, r.forvantat_ar) == (1_800_000, 750_000)


def test_a_plan_counts_from_its_date_until_a_budget_is_adopted(forbund):
    insats, rad = _insats_med_budget(forbund)
    f.make_beslut(insats, belopp=2_000_000, datum=date(2023, 11, 16), forsta_ar=2025)
    plan = f.make_version(forbund, 2025, T.PLAN, beslutsdatum=date(2023, 11, 16))
    f.set_belopp(plan, rad, -600_000)
    budget = f.make_version(forbund, 2025, T.BUDGET, beslutsdatum=date(2025, 2, 20))
    f.set_belopp(budget, rad, -900_000)
    assert _rad(forbund, date(2025, 1, 31), insats).budget_ar == 600_000
    assert _rad(forbund, date(2025, 2, 19), insats).budget_ar == 600_000
    assert _rad(forbund, date(2025, 2, 28), insats).budget_ar == 900_000


def test_no_version_adopted_by_the_date_gives_no_budget(forbund):
    insats, rad = _insats_med_budget(forbund)
    f.make_beslut(insats, belopp=1_000_000, datum=date(2024, 1, 10))
    f.set_belopp(f.make_version(forbund, 2025, beslutsdatum=date(2025, 2, 20)), rad, -1_000_000)
    assert _rad(forbund, date(2025, 1, 31), insats).budget_ar == 0
    assert _rad(forbund, date(2025, 2, 28), insats).forvantat_ar == 166_667


# --- the insats's start and end ------------------------------------------------------------


def test_an_insats_starting_in_september(forbund):
    insats, rad = _insats_med_budget(forbund, startdatum=date(2025, 9, 15))
    f.make_beslut(insats, belopp=1_200_000)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_200_000)
    assert _rad(forbund, date(2025, 8, 31), insats).forvantat_ar == 0
    r = _rad(forbund, date(2025, 9, 30), insats)
    assert (r.forvantat_ar, r.manader, r.manader_ar) == (300_000, 1, 4)  # × 1/4, not 9/12
    assert r.forvantat_totalt == 300_000
    r = _rad(forbund, date(2025, 12, 31), insats)
    assert (r.forvantat_ar, r.forvantat_totalt) == (1_200_000, 1_200_000)


def test_an_insats_ending_in_june(forbund):
    insats, rad = _insats_med_budget(forbund, slutdatum=date(2025, 6, 30))
    f.make_beslut(insats, belopp=600_000)
    f.set_belopp(f.make_version(forbund, 2025), rad, -600_000)
    assert _rad(forbund, date(2025, 3, 31), insats).forvantat_ar == 300_000  # 3/6
    assert _rad(forbund, date(2025, 6, 30), insats).forvantat_ar == 600_000
    r = _rad(forbund, date(2025, 9, 30), insats)
    assert (r.forvantat_ar, r.manader, r.manader_ar) == (600_000, 6, 6)


def test_a_year_without_the_insats_running_expects_nothing(forbund):
    insats, rad = _insats_med_budget(forbund, slutdatum=date(2024, 12, 31))
    f.make_beslut(insats, belopp=2_000_000, forsta_ar=2024, sista_ar=2025, datum=date(2023, 11, 1))
    f.set_belopp(f.make_version(forbund, 2024), rad, -1_000_000)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_000_000)
    r = _rad(forbund, date(2025, 8, 31), insats)
    assert (r.budget_ar, r.forvantat_ar, r.manader_ar) == (1_000_000, 0, 0)
    assert r.forvantat_totalt == 1_000_000  # 2024 in full, nothing for 2025


def test_earlier_years_of_a_late_start_are_expected_in_full(forbund):
    insats, rad = _insats_med_budget(forbund, startdatum=date(2024, 10, 1))
    f.make_beslut(insats, belopp=2_000_000, forsta_ar=2024, sista_ar=2025, datum=date(2023, 11, 1))
    f.set_belopp(f.make_version(forbund, 2024), rad, -300_000)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_200_000)
    r = _rad(forbund, date(2025, 3, 31), insats)
    assert r.forvantat_ar == 300_000
    assert r.forvantat_totalt == 300_000 + 300_000


# --- payments by the year they are for ----------------------------------------------------


def test_a_january_payment_for_december_counts_for_the_year_before(forbund):
    insats, rad = _insats_med_budget(forbund)
    f.make_beslut(insats, belopp=2_000_000, forsta_ar=2024, sista_ar=2025, datum=date(2023, 11, 1))
    f.set_belopp(f.make_version(forbund, 2024), rad, -1_000_000)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_000_000)
    rekvisition(insats, date(2024, 6, 1), 2024, 900_000)
    rekvisition(insats, date(2025, 1, 20), 2024, 100_000)
    rekvisition(insats, date(2025, 1, 25), 2025, 80_000)
    r = _rad(forbund, date(2024, 12, 31), insats)
    assert (r.utbetalt_ar, r.utbetalt_totalt) == (900_000, 900_000)  # not yet paid
    r = _rad(forbund, date(2025, 1, 19), insats)
    assert (r.utbetalt_ar, r.utbetalt_totalt) == (0, 900_000)
    r = _rad(forbund, date(2025, 1, 31), insats)
    assert r.utbetalt_ar == 80_000  # the January payment for 2024 is not this year's
    assert r.utbetalt_totalt == 1_080_000
    assert r.differens_totalt == 1_000_000 + 83_333 - 1_080_000
