"""Who may change and who may review a report (`uppfoljning.deltagarrapport.permissions`)."""

import pytest

from tests.uppfoljning.deltagarrapport.test_helpers import open_period, rapport_for
from uppfoljning.deltagarrapport.permissions import can_edit_rapport, can_review_rapport


@pytest.fixture
def rapport(forbund, kansli, insats):
    return rapport_for(open_period(forbund, kansli, [insats]), insats)


@pytest.fixture
def annan_rapport(forbund, kansli, annan_insats):
    return rapport_for(open_period(forbund, kansli, [annan_insats], ar=2027), annan_insats)


@pytest.mark.parametrize(
    ("who", "edit", "review"),
    [
        ("kansli", True, True),
        ("styrgrupp", True, False),
        ("styrelse", False, False),
        ("revisor", False, False),
        ("outsider", False, False),
    ],
)
def test_who_edits_and_who_reviews(request, rapport, who, edit, review):
    user = request.getfixturevalue(who)
    assert can_edit_rapport(user, rapport) is edit
    assert can_review_rapport(user, rapport) is review


def test_a_steering_group_edits_only_its_own_insats_report(styrgrupp, annan_rapport):
    assert not can_edit_rapport(styrgrupp, annan_rapport)
