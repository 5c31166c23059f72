"""The aggregation: approved reports only, shares, averages, and the demo's figures."""

from decimal import Decimal

import pytest

from uppfoljning.models import Rapportperiod
from uppfoljning.statistik.selectors import period_statistik
from uppfoljning.statistik.smatal import share


def test_share_is_none_without_denominator():
    assert share(0, 0) is None
    assert share(51, 100) == Decimal("0.51")


def test_only_approved_reports_count(period, forbund):
    stat = period_statistik(forbund, period, protected=False)
    assert stat.antal_godkanda == 2
    assert stat.antal_ej_godkanda == 1
    assert [i.namn for i in stat.individinsatser] == [
        "Samordningsteam Litet",
        "Samordningsteam Stort",
    ]
    # 2 + 20 women, 5 + 18 men: the draft's 99 is left out.
    assert stat.totals.value(0, 0) == 22
    assert stat.totals.value(0, 3) == 45


def test_shares_and_average_exact(period, forbund):
    stat = period_statistik(forbund, period, protected=False)
    narmare, sjuk = stat.shares[0], stat.shares[1]
    # avslutsorsak: men 3 arbete + 1 sjuk of 4 avslutade; women 1 sjuk of 1 (+6 without
    # a reason in the big team: avslutsorsak sums only what was reported).
    assert narmare.values[1] == Decimal(3) / Decimal(4)
    assert sjuk.values[0] == Decimal(1)
    assert narmare.values[3] == Decimal(3) / Decimal(5)


def test_shares_from_hidden_cells_are_not_shown(period, forbund):
    stat = period_statistik(forbund, period, protected=True)
    narmare, sjuk = stat.shares[0], stat.shares[1]
    assert sjuk.values[0] is None and sjuk.hidden[0]  # 1 woman: hidden
    assert narmare.values[3] is None  # the total 3 of 5 rests on hidden cells


@pytest.mark.parametrize(
    "typ, deltagare, nya, avslutade",
    [("h1", 247, 78, 50), ("helar", 278, 109, 108)],
)
def test_demo_totals(demo, typ, deltagare, nya, avslutade):
    period = Rapportperiod.objects.get(forbund=demo, ar=2025, typ=typ)
    stat = period_statistik(demo, period, protected=False)
    t = stat.totals
    assert [t.value(r, 3) for r in range(3)] == [deltagare, nya, avslutade]
    # By kön, the parts add up to the totals.
    for r in range(3):
        assert sum(t.value(r, c) for c in range(3)) == t.value(r, 3)
    assert len(stat.individinsatser) == 6
    assert stat.antal_ej_godkanda == 0


def test_demo_full_year_matches_the_annual_report(demo):
    period = Rapportperiod.objects.get(forbund=demo, ar=2025, typ="helar")
    stat = period_statistik(demo, period, protected=False)
    assert stat.manader.values[3].quantize(Decimal(1)) == 14
    narmare, sjuk, forsorjningsstod, langvarigt = (s.values[3] for s in stat.shares)
    assert round(narmare * 100) == 51
    assert round(sjuk * 100) == 44
    assert 45 <= round(forsorjningsstod * 100) <= 55
    assert round(langvarigt * 100) == 50
    assert round(stat.utbildning_share() * 100) == 37
    # Every group adds up to its base, per kön.
    deltagare = stat.per_insats["deltagare"]
    avslutade = stat.per_insats["avslutade"]
    for c in range(4):
        assert stat.groups["alder"].column_total(c) == deltagare.column_total(c)
        assert stat.groups["forsorjning"].column_total(c) == deltagare.column_total(c)
        assert stat.groups["avslutsorsak"].column_total(c) == avslutade.column_total(c)
    assert stat.groups["utbildning"].column_total(0) == 278
    assert stat.groups["remittent"].column_total(0) == 109
    # Teamsamverkan: 15 persons, no avslutade.
    ts = [i.slug for i in stat.individinsatser].index("teamsamverkan-vm")
    assert deltagare.value(ts, 3) == 15 and avslutade.value(ts, 3) == 0
    # RMGT with its survey.
    (rmgt,) = stat.rmgt
    assert rmgt.handlaggare == 105 and len(rmgt.enkat.row_labels) == 3


def test_demo_has_small_cells_that_the_protected_view_hides(demo):
    period = Rapportperiod.objects.get(forbund=demo, ar=2025, typ="helar")
    stat = period_statistik(demo, period, protected=True)
    table = stat.per_insats["deltagare"]
    small = [(r, c) for r in range(table.n_rows) for c in range(3) if 0 < table.value(r, c) < 3]
    assert small
    assert all(table.shown(r, c) == "<3" for r, c in small)


def test_demo_load_is_idempotent(demo):
    from fixtures import loader

    assert loader.load_deltagarrapporter(demo) is None
    assert Rapportperiod.objects.filter(forbund=demo, ar=2025).count() == 2
