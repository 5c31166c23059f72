"""Fixtures of the verksamhet area: an activity of the styrgrupp's insats, one of another
insats, one of the förbund itself, and a goal with a planned activity."""

import pytest

from tests import factories
from tests.uppfoljning.verksamhet import helpers


@pytest.fixture
def egen_aktivitet(forbund, insats):
    return helpers.make_aktivitet(forbund, insats=insats, namn="Styrgruppens aktivitet")


@pytest.fixture
def annan_aktivitet(forbund, annan_insats):
    return helpers.make_aktivitet(forbund, insats=annan_insats, namn="Annan insats aktivitet")


@pytest.fixture
def forbundets_aktivitet(forbund):
    return helpers.make_aktivitet(forbund, insats=None, namn="Förbundets aktivitet")


@pytest.fixture
def malomrade(forbund):
    return factories.make_malomrade(forbund, namn="Individinsatser")


@pytest.fixture
def mal(forbund, malomrade):
    return helpers.make_mal(forbund, malomrade)


@pytest.fixture
def planerad(mal):
    return helpers.make_planerad(mal)
