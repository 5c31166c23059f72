"""Reads of the rapport area (`uppfoljning.deltagarrapport.selectors`) called directly; the
pages that show them are tested in test_views.py and test_period_views.py."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.uppfoljning.deltagarrapport.test_helpers import (
    good_values,
    open_period,
    rapport_for,
    save_values,
    submitted,
)
from uppfoljning.deltagarrapport import selectors
from uppfoljning.models import Matt, Rapportperiod


@pytest.fixture
def period(forbund, kansli, insats, annan_insats):
    return open_period(forbund, kansli, [insats, annan_insats], sista_dag=date(2026, 12, 15))


def test_the_measures_are_the_active_ones_of_the_insats_kind(forbund, period, insats):
    matt = selectors.matt_for_insats(insats)
    assert matt
    assert all(m.aktiv and insats.typ in m.insatstyper for m in matt)
    forsta = matt[0]
    Matt.objects.filter(pk=forsta.pk).update(aktiv=False)
    assert forsta not in selectors.matt_for_insats(insats)


def test_stored_values_are_keyed_by_measure_and_kon(period, insats, styrgrupp):
    rapport = rapport_for(period, insats)
    assert selectors.stored_values(rapport) == {}
    varden = good_values(rapport)
    save_values(rapport, styrgrupp, varden)
    sparade = selectors.stored_values(rapport)
    assert sparade == {k: v for k, v in varden.items() if v is not None}
    assert all(isinstance(v, Decimal) for v in sparade.values())


def test_only_reports_not_yet_submitted_are_reminded(period, insats, annan_insats, styrgrupp):
    submitted(rapport_for(period, insats), styrgrupp)
    assert [r.insats for r in selectors.rapporter_att_paminna(period)] == [annan_insats]


def test_periods_are_due_7_days_before_their_deadline(empty_db, period):
    dag = period.sista_dag - timedelta(days=selectors.PAMINNELSE_DAGAR)
    assert list(selectors.periods_due_for_reminder(today=dag)) == [period]
    assert not selectors.periods_due_for_reminder(today=dag - timedelta(days=1)).exists()


def test_a_period_reminded_today_is_not_due_again_today(empty_db, period):
    idag = timezone.localdate()
    Rapportperiod.objects.filter(pk=period.pk).update(
        sista_dag=idag + timedelta(days=selectors.PAMINNELSE_DAGAR)
    )
    assert selectors.periods_due_for_reminder(today=idag).exists()
    Rapportperiod.objects.filter(pk=period.pk).update(paminnelse_skickad=timezone.now())
    assert not selectors.periods_due_for_reminder(today=idag).exists()
