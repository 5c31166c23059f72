"""Saving the budgeted participants of a year: create, change, remove, nothing when
unchanged, refused when outdated or for another förbund's insats."""

import pytest
from django.core.exceptions import ValidationError

from finsam.concurrency import ConflictError
from tests import factories
from uppfoljning.models import BudgeteradeDeltagare
from uppfoljning.nationell import selectors
from uppfoljning.nationell.services import budgeterade_deltagare_save


def _version(forbund, ar=2025):
    return selectors.budgeterade_version(selectors.budgeterade_rader(forbund, ar))


def _save(forbund, antal, ar=2025, version=None):
    return budgeterade_deltagare_save(
        forbund=forbund,
        ar=ar,
        antal=antal,
        expected_version=_version(forbund, ar) if version is None else version,
    )


def test_create_change_remove(forbund, insats, annan_insats):
    assert _save(forbund, {insats.pk: 40, annan_insats.pk: None}) == 1
    assert selectors.budgeterade(forbund, 2025) == {insats.pk: 40}
    assert _save(forbund, {insats.pk: 45, annan_insats.pk: 10}) == 2
    assert selectors.budgeterade(forbund, 2025) == {insats.pk: 45, annan_insats.pk: 10}
    assert _save(forbund, {insats.pk: None}) == 1
    assert selectors.budgeterade(forbund, 2025) == {annan_insats.pk: 10}
    # Another year is its own.
    assert selectors.budgeterade(forbund, 2026) == {}
    assert BudgeteradeDeltagare.history.filter(insats=insats).count() == 3


def test_unchanged_writes_nothing(forbund, insats):
    _save(forbund, {insats.pk: 40})
    fore = BudgeteradeDeltagare.objects.get(insats=insats).lock_version
    assert _save(forbund, {insats.pk: 40}) == 0
    assert BudgeteradeDeltagare.objects.get(insats=insats).lock_version == fore
    assert BudgeteradeDeltagare.history.filter(insats=insats).count() == 1


def test_an_outdated_grid_is_refused(forbund, insats):
    gammal = _version(forbund)
    _save(forbund, {insats.pk: 40})
    with pytest.raises(ConflictError):
        _save(forbund, {insats.pk: 50}, version=gammal)
    assert selectors.budgeterade(forbund, 2025) == {insats.pk: 40}


def test_another_forbunds_insats_is_refused(forbund, annat_forbund):
    annan = factories.make_insats(annat_forbund)
    with pytest.raises(ValidationError):
        _save(forbund, {annan.pk: 10})
    assert not BudgeteradeDeltagare.objects.filter(insats__forbund=forbund).exists()


def test_the_year_must_be_within_bounds(forbund, insats):
    with pytest.raises(ValidationError):
        _save(forbund, {insats.pk: 10}, ar=1999)
