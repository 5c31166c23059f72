"""`manage.py skicka_paminnelser`: the daily reminder 7 days before the deadline."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.uppfoljning.deltagarrapport.test_helpers import open_period, rapport_for, submitted


@pytest.fixture
def period(forbund, kansli, insats, styrgrupp):
    styrgrupp.email = "styrgrupp@example.org"
    styrgrupp.save()
    period = open_period(forbund, kansli, [insats], sista_dag=date(2026, 12, 15))
    mail.outbox.clear()
    return period


def test_sends_when_the_deadline_is_7_days_away(empty_db, period, capsys):
    call_command("skicka_paminnelser", "--datum", "2026-12-08", "--url", "https://finsam.test")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["styrgrupp@example.org"]
    assert "https://finsam.test/uppfoljning/rapporter/" in mail.outbox[0].body
    assert "2026-H1: 1 e-brev" in capsys.readouterr().out
    period.refresh_from_db()
    assert period.paminnelse_skickad is not None


@pytest.mark.parametrize("datum", ["2026-12-07", "2026-12-09", "2026-12-15"])
def test_sends_nothing_on_other_days(period, datum):
    call_command("skicka_paminnelser", "--datum", datum)
    assert mail.outbox == []


def test_not_twice_the_same_day(period, settings):
    today = timezone.localdate()
    period.sista_dag = today.fromordinal(today.toordinal() + 7)
    period.save()
    call_command("skicka_paminnelser")
    call_command("skicka_paminnelser")
    assert len(mail.outbox) == 1


def test_not_for_submitted_reports(empty_db, period, insats, styrgrupp):
    submitted(rapport_for(period, insats), styrgrupp)
    call_command("skicka_paminnelser", "--datum", "2026-12-08")
    assert mail.outbox == []
