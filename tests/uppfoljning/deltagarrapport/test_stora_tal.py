"""Huge numbers in a steering group's report are refused with a Swedish message, never a
500 (issue 9, defect 6): "1e309" and 10²⁸ raised decimal.InvalidOperation, and on
PostgreSQL 10⁹ and more overflowed the value column (numeric(10, 1))."""

from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from tests import factories
from tests.uppfoljning.deltagarrapport.test_helpers import (
    by_kod,
    open_period,
    post_data,
    rapport_for,
)
from uppfoljning.deltagarrapport.forms import MAX_ANTAL, field_name, parse_number
from uppfoljning.models import Matt, Rapportvarde


@pytest.fixture
def rapport(forbund, kansli, insats):
    return rapport_for(open_period(forbund, kansli, [insats]), insats)


def _post(client_for, user, rapport, varden, **extra):
    url = reverse("uppfoljning:rapport-edit", args=[rapport.pk])
    return client_for(user).post(url, post_data(rapport, varden, **extra))


@pytest.mark.parametrize(
    "typed", ["1e309", "1E+28", "1" + "0" * 28, "10" * 30, "1000000000", "100001", "9" * 5000]
)
def test_a_huge_count_is_refused_with_a_swedish_message(
    empty_db, client_for, styrgrupp, rapport, typed
):
    key = (by_kod(rapport)["nya"].pk, "k")
    response = _post(client_for, styrgrupp, rapport, {key: typed})
    assert response.status_code == 200
    assert response.context["form"].errors[field_name(key)] == [
        "Skriv ett antal mellan 0 och 100 000."
    ]
    assert not Rapportvarde.objects.exists()


def test_the_largest_count_is_saved(empty_db, client_for, styrgrupp, rapport):
    key = (by_kod(rapport)["nya"].pk, "k")
    assert _post(client_for, styrgrupp, rapport, {key: "100 000"}).status_code == 302
    assert Rapportvarde.objects.get().varde == Decimal(MAX_ANTAL)


def _medel(forbund):
    return Matt(forbund=forbund, kod="snitt", namn="Snitt", slag=Matt.Slag.MEDEL, per_kon=False)


@pytest.mark.parametrize("typed", ["1e309", "1E+28", "100000,5", "9" * 5000])
def test_a_huge_average_without_its_own_maximum_is_refused(forbund, typed):
    with pytest.raises(forms.ValidationError, match="mellan 0 och 100 000"):
        parse_number(typed, _medel(forbund))


@pytest.mark.parametrize(("typed", "expected"), [("0E-1000", "0.0"), ("14,50", "14.5")])
def test_an_average_is_stored_with_one_decimal(forbund, typed, expected):
    value = parse_number(typed, _medel(forbund))
    assert value == Decimal(expected) and value.as_tuple().exponent == -1


def test_survey_counts_are_bounded(client_for, forbund, kansli, styrgrupp):
    rmgt = factories.make_insats(forbund, typ="radgivande_team", styrgrupp=[styrgrupp])
    rapport = rapport_for(open_period(forbund, kansli, [rmgt], ar=2025), rmgt)
    extra = {
        "enkat-TOTAL_FORMS": "2",
        "enkat-INITIAL_FORMS": "0",
        "enkat-0-fraga": "Fick du stöd?",
        "enkat-0-ja_helt": str(10**30),
        "enkat-0-ja_delvis": "2",
        "enkat-0-nej": "1",
    }
    response = _post(client_for, styrgrupp, rapport, {}, **extra)
    assert response.status_code == 200
    assert "Skriv ett antal mellan 0 och 100 000." in response.content.decode()
    assert not rapport.enkatsvar.exists()
