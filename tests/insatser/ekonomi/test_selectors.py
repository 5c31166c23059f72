"""The follow-up's figures, column by column, on the hand-made data of conftest.py."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser.ekonomi.selectors import default_per, hela_manader, insatsuppfoljning
from insatser.models import Insats, Rekvisition
from tests import factories as f
from tests.insatser.ekonomi.conftest import PER, rekvisition


@pytest.mark.parametrize(
    "per, manader",
    [
        (date(2025, 8, 31), 8),
        (date(2025, 8, 30), 7),
        (date(2025, 1, 1), 0),
        (date(2025, 1, 31), 1),
        (date(2024, 2, 29), 2),
        (date(2025, 2, 28), 2),
        (date(2025, 12, 31), 12),
    ],
)
def test_whole_months(per, manader):
    assert hela_manader(per) == manader


@pytest.mark.parametrize(
    "today, per",
    [
        (date(2026, 3, 4), date(2026, 2, 28)),
        (date(2026, 1, 10), date(2025, 12, 31)),
        (date(2026, 3, 31), date(2026, 3, 31)),
    ],
)
def test_default_per_without_payments_is_the_end_of_the_last_whole_month(today, per):
    assert default_per(today=today) == per
    assert default_per(Rekvisition.objects.none(), today=today) == per


@pytest.mark.parametrize(
    "today, per",
    [
        # A payment this year (2025-08-15 …): the end of the last whole month.
        (date(2025, 9, 10), date(2025, 8, 31)),
        (date(2025, 10, 2), date(2025, 9, 30)),
        # None yet this year: the whole year of the latest payment by today.
        (date(2026, 12, 2), date(2025, 12, 31)),
        (date(2026, 6, 30), date(2025, 12, 31)),
        # The payment of 2025-01-15 is after today: 2024 is the latest year paid.
        (date(2025, 1, 10), date(2024, 12, 31)),
    ],
)
def test_default_per_shows_the_latest_payments(forbund, data, today, per):
    assert default_per(Rekvisition.objects.filter(insats__forbund=forbund), today=today) == per


def _rader(forbund, per=PER):
    u = insatsuppfoljning(forbund, per=per)
    return u, {r.etikett: r for r in u.rader}


def test_only_insatser_with_a_decision_begun_by_the_year(forbund, data):
    u, rader = _rader(forbund)
    assert list(rader) == ["Insats A", "Insats B", "Insats C"]
    assert (u.ar, u.manader) == (2025, 8)


def test_every_column_of_a_multi_year_insats(forbund, data):
    _u, rader = _rader(forbund)
    a = rader["Insats A"]
    assert a.insatstid == data.a.insatstid
    assert a.beslutat_totalt == 3_000_000
    assert a.budget_ar == 1_200_000  # budget 2025, not the later plan
    assert a.forvantat_ar == 800_000  # 1 200 000 × 8/12
    assert a.forvantat_totalt == 900_000 + 800_000  # tilläggsbudget 2024 in full + 2025
    assert a.utbetalt_ar == 700_000  # not the one paid after the date, nor for 2026
    assert a.utbetalt_totalt == 300_000 + 500_000 + 100_000 + 700_000
    assert a.forbrukning_ar == Decimal(700_000) / Decimal(1_200_000)
    assert a.forbrukning_totalt == Decimal(1_600_000) / Decimal(3_000_000)
    assert a.differens_ar == 100_000
    assert a.differens_totalt == 100_000
    assert a.aterstar_ar == 500_000


def test_zero_budget_and_zero_decision_give_no_share(forbund, data):
    _u, rader = _rader(forbund)
    b = rader["Insats B"]
    assert (b.beslutat_totalt, b.budget_ar, b.forvantat_ar, b.forvantat_totalt) == (0, 0, 0, 0)
    assert b.utbetalt_ar == b.utbetalt_totalt == 50_000
    assert b.forbrukning_ar is None and b.forbrukning_totalt is None
    assert b.differens_ar == b.differens_totalt == -50_000
    assert b.aterstar_ar == 0


def test_remaining_is_never_below_zero(forbund, data):
    _u, rader = _rader(forbund)
    c = rader["Insats C"]
    assert c.budget_ar == 100_000
    assert c.utbetalt_ar == 150_000
    assert c.forbrukning_ar == Decimal("1.5")
    assert c.aterstar_ar == 0
    assert c.differens_ar == 66_667 - 150_000  # 100 000 × 8/12, rounded half up


def test_totals(forbund, data):
    u, _rader_ = _rader(forbund)
    s = u.summa
    assert s.etikett == "Summa"
    assert s.beslutat_totalt == 3_100_000
    assert s.budget_ar == 1_300_000
    assert s.forvantat_ar == 800_000 + 0 + 66_667
    assert s.utbetalt_ar == 700_000 + 50_000 + 150_000
    assert s.utbetalt_totalt == 1_600_000 + 50_000 + 150_000
    assert s.aterstar_ar == 500_000  # the sum of the rows' återstår
    assert s.differens_ar == s.forvantat_ar - s.utbetalt_ar
    assert s.forbrukning_ar == Decimal(900_000) / Decimal(1_300_000)


def test_year_end_and_before_any_payment(forbund, data):
    _u, rader = _rader(forbund, date(2025, 12, 31))
    a = rader["Insats A"]
    assert a.forvantat_ar == 1_200_000
    assert a.utbetalt_ar == 900_000  # now with the September payment
    _u, rader = _rader(forbund, date(2025, 1, 10))
    assert rader["Insats A"].forvantat_ar == 0
    assert rader["Insats A"].utbetalt_ar == 0


def test_plan_is_used_when_the_year_has_no_budget(forbund, data):
    _u, rader = _rader(forbund, date(2026, 6, 30))
    assert rader["Insats A"].budget_ar == 0  # no version for 2026 at all
    assert rader["Insats A"].forbrukning_ar is None
    grupp = f.make_grupp(forbund)
    rad = f.make_rad(grupp, insats=data.a)
    f.set_belopp(f.make_version(forbund, 2026, "plan"), rad, -600_000)
    _u, rader = _rader(forbund, date(2026, 6, 30))
    a = rader["Insats A"]
    assert a.budget_ar == 600_000
    assert a.forvantat_ar == 300_000
    # 2024 (tillägg) and 2025 in full, then half of 2026.
    assert a.forvantat_totalt == 900_000 + 1_200_000 + 300_000


def test_narrowed_to_one_insats(forbund, data):
    u = insatsuppfoljning(forbund, per=PER, insatser=Insats.objects.filter(pk=data.c.pk))
    assert [r.etikett for r in u.rader] == ["Insats C"]
    assert u.rad.aterstar_ar == 0


def test_no_insatser_no_queries_beyond_the_first(forbund):
    u = insatsuppfoljning(forbund, per=PER)
    assert u.rader == [] and u.summa.budget_ar == 0 and u.summa.forbrukning_ar is None


def _many(forbund, n):
    grupp = f.make_grupp(forbund)
    version = f.make_version(forbund, 2025)
    tidigare = f.make_version(forbund, 2024)
    for i in range(n):
        insats = f.make_insats(forbund)
        f.make_beslut(insats, forsta_ar=2024, sista_ar=2026)
        rad = f.make_rad(grupp, insats=insats)
        f.set_belopp(version, rad, -100_000 - i)
        f.set_belopp(tidigare, rad, -90_000)
        rekvisition(insats, date(2025, 3, 1), 2025, 10_000)
        rekvisition(insats, date(2024, 3, 1), 2024, 10_000)


@pytest.mark.parametrize("n", [5, 50])
def test_fixed_number_of_queries(forbund, n):
    _many(forbund, n)
    # insatser, beslut, versions, budget amounts, rekvisitioner
    with CaptureQueriesContext(connection) as ctx:
        u = insatsuppfoljning(forbund, per=PER)
        [r.forbrukning_totalt for r in u.rader]
    assert len(u.rader) == n
    assert u.rader[0].forvantat_totalt == 90_000 + 66_667
    assert len(ctx.captured_queries) == 5, "\n".join(q["sql"] for q in ctx.captured_queries)
