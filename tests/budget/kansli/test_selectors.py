"""The kansli's staff and cost split from stored data (budget/kansli/selectors.py), with the
demo's figures: the förbundschef 60/40 in the budget 2025, 80/20 in the utfall; two
utvecklingsledare all processtöd; the processtöd line of the bokslut 2025 is 2 036 511 kr."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.kansli import selectors, services
from budget.models import Kanslitjanst, Utfallsperiod, Utfallsrad

pytestmark = pytest.mark.django_db


def test_demo_staff_2025(demo):
    b = selectors.bemanning(demo, 2025)
    assert [t.roll for t in b.tjanster] == [
        "Förbundschef",
        "Utvecklingsledare",
        "Utvecklingsledare",
    ]
    assert b.heltider == Decimal("3.00")
    assert b.budget.andel_administration == Decimal("20")
    assert round(b.utfall.andel_administration, 1) == Decimal("26.7")
    assert b.utfall_skiljer
    assert selectors.bemanning(demo, 2019) is None


def test_demo_cost_split_2025_comes_from_the_processtod_line(demo):
    k = selectors.kanslikostnad(demo, 2025)
    assert k.processtod == 2_036_511
    assert (k.kostnad, k.administration) == (2_777_060, 740_549)
    assert k.administration + k.processtod == k.kostnad


def test_cost_split_follows_the_data(demo):
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 12, 31))
    rad = Utfallsrad.objects.get(period=period, rad__kategori="processtod")
    Utfallsrad.objects.filter(pk=rad.pk).update(kostnad=-2_200_000)
    assert selectors.kanslikostnad(demo, 2025).kostnad == 3_000_000
    chef = Kanslitjanst.objects.get(forbund=demo, ar=2025, roll="Förbundschef")
    chef.andel_administration_utfall = Decimal("60")
    services.kanslitjanst_save(tjanst=chef, expected_version=chef.lock_version)
    k = selectors.kanslikostnad(demo, 2025)
    assert (k.kostnad, k.administration, k.processtod) == (2_750_000, 550_000, 2_200_000)


def test_no_split_without_processtod_time_or_bokslut(forbund):
    services.kanslitjanst_save(
        tjanst=Kanslitjanst(
            forbund=forbund,
            ar=2025,
            roll="Ekonom",
            tjanstgoringsgrad=Decimal("0.5"),
            anstallningsform="kopt",
            andel_administration=Decimal("100"),
        ),
        expected_version=0,
    )
    assert selectors.bemanning(forbund, 2025).heltider == Decimal("0.5")
    assert selectors.kanslikostnad(forbund, 2025) is None  # no bokslut period


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tjanstgoringsgrad", Decimal("0")),
        ("tjanstgoringsgrad", Decimal("1.01")),
        ("andel_administration", Decimal("100.5")),
        ("andel_administration", Decimal("-1")),
        ("andel_administration_utfall", Decimal("-0.01")),
        ("ar", 1999),
    ],
)
def test_service_refuses_values_out_of_range(forbund, field, value):
    fields = {
        "forbund": forbund,
        "ar": 2025,
        "roll": "Förbundschef",
        "tjanstgoringsgrad": Decimal("1"),
        "andel_administration": Decimal("80"),
    }
    fields[field] = value
    with pytest.raises(ValidationError) as e:
        services.kanslitjanst_save(tjanst=Kanslitjanst(**fields), expected_version=0)
    assert field in e.value.message_dict
    assert not Kanslitjanst.objects.filter(forbund=forbund).exists()


def test_the_period_and_staff_the_caller_read_are_used(demo):
    """With the bemanning and the period per 31 December given (as the årsredovisning
    has read them), the split is the same in one query (the processtöd sum); without
    staff nothing is read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 12, 31))
    kansli = selectors.bemanning(demo, 2025)
    with CaptureQueriesContext(connection) as ctx:
        k = selectors.kanslikostnad(demo, 2025, kansli=kansli, period=period)
    assert len(ctx) == 1
    assert k == selectors.kanslikostnad(demo, 2025)
    assert selectors.kanslikostnad(demo, 2025, kansli=kansli, period=None) is None
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.kanslikostnad(demo, 2025, kansli=None) is None
    assert len(ctx) == 0
