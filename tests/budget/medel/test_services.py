"""Writes of the medelstilldelning: rules kept by the services."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.medel import services
from budget.models import Fordelningsandel, Medelstilldelning
from finsam.concurrency import ConflictError
from finsam.models import Befolkning
from tests import factories


def _create(medel, **kw):
    args = dict(
        forbund=medel.forbund,
        ar=2026,
        statens_bidrag=100_000,
        region_procent=Decimal(25),
        kommuner_procent=Decimal(25),
    )
    args.update(kw)
    return services.medelstilldelning_create(**args)


def test_a_year_without_population_is_refused_and_nothing_is_saved(medel):
    with pytest.raises(ValidationError) as e:
        _create(medel)
    assert e.value.messages == ["Folkmängd 2026 saknas för Kommun 01, Kommun 02, Kommun 03."]
    assert not Medelstilldelning.objects.filter(ar=2026).exists()


def test_population_is_stored_for_the_key_year(medel):
    _create(medel, nycklar={k.pk: 500 for k in medel.kommuner})
    assert Befolkning.objects.filter(ar=2026, antal=500).count() == 3


def test_another_forbunds_kommun_is_refused(empty_db, medel, annat_forbund):
    annan = factories.make_medlem(annat_forbund)
    with pytest.raises(ValidationError):
        _create(medel, nyckel="egen", nycklar={annan.pk: 1})
    assert not Fordelningsandel.objects.exists()


def test_shares_must_add_up_to_half(medel):
    with pytest.raises(ValidationError) as e:
        _create(medel, region_procent=Decimal("31.25"), kommuner_procent=Decimal("20"))
    assert "men de är 51,25 %" in e.value.messages[0]


def test_outdated_save_is_refused(medel):
    mt = Medelstilldelning.objects.get(pk=medel.mt.pk)
    mt.statens_bidrag = 1
    services.medelstilldelning_save(medelstilldelning=mt, expected_version=0)
    stale = Medelstilldelning.objects.get(pk=medel.mt.pk)
    stale.statens_bidrag = 2
    with pytest.raises(ConflictError):
        services.medelstilldelning_save(medelstilldelning=stale, expected_version=0)
    assert Medelstilldelning.objects.get(pk=mt.pk).statens_bidrag == 1


def test_a_blank_weight_is_refused_and_rolled_back(medel):
    mt = _create(medel, nyckel="egen", nycklar={k.pk: 1 for k in medel.kommuner})
    nycklar = {k.pk: 1 for k in medel.kommuner}
    nycklar[medel.kommuner[0].pk] = None
    with pytest.raises(ValidationError):
        services.medelstilldelning_save(
            medelstilldelning=mt, expected_version=mt.lock_version, nycklar=nycklar
        )
    assert mt.andelar.count() == 3  # rolled back
