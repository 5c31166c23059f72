"""Shared fixtures: one förbund with a user per role, and an outsider from another förbund."""

import pytest

from tests import factories
from tests.browser_fixtures import browser, page  # noqa: F401  (fixtures for browser tests)


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
