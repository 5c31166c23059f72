"""Shared fixtures: one förbund with a user per role, and an outsider from another förbund.

Hypothesis profiles: "dev" (the default, 10 examples per test, quick) and "ci" (100
examples per test, no deadline), chosen with HYPOTHESIS_PROFILE=ci.
"""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import factories
from tests.browser_fixtures import browser, page  # noqa: F401  (fixtures for browser tests)

_HALSOKONTROLLER = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
hypothesis_settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=_HALSOKONTROLLER,
    print_blob=True,
)
hypothesis_settings.register_profile(
    "dev", max_examples=10, deadline=None, suppress_health_check=_HALSOKONTROLLER
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def forbund(db):
    return factories.make_forbund()


@pytest.fixture
def annat_forbund(db):
    return factories.make_forbund()


@pytest.fixture
def kansli(forbund):
    return factories.make_user(forbund, "kansli")


@pytest.fixture
def styrelse(forbund):
    return factories.make_user(forbund, "styrelse")


@pytest.fixture
def revisor(forbund):
    return factories.make_user(forbund, "revisor")


@pytest.fixture
def styrgrupp(forbund):
    return factories.make_user(forbund, "styrgrupp")


@pytest.fixture
def outsider(annat_forbund):
    """Kansli of another förbund: sees nothing of `forbund` (404 everywhere)."""
    return factories.make_user(annat_forbund, "kansli")


@pytest.fixture
def insats(forbund, styrgrupp):
    """An insats whose steering group is the `styrgrupp` user."""
    return factories.make_insats(forbund, styrgrupp=[styrgrupp])


@pytest.fixture
def annan_insats(forbund):
    """An insats of the same förbund that the `styrgrupp` user does not belong to."""
    return factories.make_insats(forbund)


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user (None: anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login
