"""Shared fixtures: the demo, loaded once per test session, and one förbund with a user per
role and an outsider from another förbund, built by the factories.

The demo (`load_demo`: Samordningsförbundet Västmanland and Exempeldalen with their users) is
loaded into the test database once, right after the migrations (`django_db_setup`; each
xdist worker, if you use one, has a database of its own). Every `db` test runs in a
transaction that is rolled back afterwards, so each test sees the demo as loaded, and what
it writes vanishes. Tests that read the demo ask for `demo` (the Västmanland förbund) or
`demo_user`; tests that build their own state use the factories and never need to know the
demo is there, except those that count every row of a table: they ask for `empty_db`.

Transactional tests (`transaction=True`, `live_server`) run after all the others and empty
every table when they end; `demo` loads the demo again when an earlier one removed it.

Hypothesis profiles: "dev" (the default, 10 examples per test, quick) and "ci" (100
examples per test, no deadline), chosen with HYPOTHESIS_PROFILE=ci.
"""

import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from finsam.models import Forbund, User
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


# --- the demo, once per session ----------------------------------------------------------------

#: The tables that hold rows as the migrations leave the database (content types and
#: permissions): `empty_db` keeps them.
_MIGRATED_TABLES: set[str] = set()


def _load_demo() -> str:
    """Run `load_demo` (idempotent): the only place the tests load the demo. Returns its output."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _tables_with_rows() -> set[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.django_table_names(only_existing=True)
        with_rows = set()
        for name in names:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")
            if cursor.fetchone():
                with_rows.add(name)
    return with_rows


@pytest.fixture
def tomt_cache():
    """Django's cache emptied, for a test that counts what is computed before it is kept
    (finsam/dataversion.py): each test rolls its writes back, token included, so an
    earlier test may have kept the same value under the same token (valid: the data is
    the same), and the test would then not see it computed."""
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django creates it, with the demo loaded once."""
    with django_db_blocker.unblock():
        if Forbund.objects.exists():  # a database kept from an earlier run (--reuse-db)
            _MIGRATED_TABLES.update({"django_content_type", "auth_permission"})
        else:
            _MIGRATED_TABLES.update(_tables_with_rows())
        _load_demo()


def _demo_forbund() -> Forbund:
    """Västmanland, loaded again if a transactional test emptied the database."""
    forbund = Forbund.objects.filter(slug="vastmanland").first()
    if forbund is None:
        _load_demo()
        forbund = Forbund.objects.get(slug="vastmanland")
    return forbund


@pytest.fixture
def demo(db) -> Forbund:
    """Samordningsförbundet Västmanland as `load_demo` creates it (Exempeldalen is there too)."""
    return _demo_forbund()


@pytest.fixture
def demo_user(demo):
    """demo_user("kansli") -> the demo user with that user name."""
    return lambda username: User.objects.get(username=username)


@pytest.fixture(scope="session")
def demo_data(django_db_setup):
    """For module-scoped fixtures that work inside their own `django_db_blocker.unblock()`
    and transaction: call it there to have the demo (loaded again if a transactional test
    emptied the database). Returns Västmanland."""
    return _demo_forbund


@pytest.fixture
def run_load_demo(db):
    """For the tests of the loader itself: run_load_demo() runs `load_demo` again (it is
    idempotent) and returns what it printed."""
    return _load_demo


@pytest.fixture
def empty_db(db):
    """The database as the migrations leave it, without the demo, for tests that count every
    row of a table. The demo's rows are deleted inside the test's transaction, which puts
    them back when the test ends. List it first among a test's fixtures, before those that
    create rows."""
    flush_demo()


def flush_demo() -> None:
    """Delete every row the migrations did not make (the demo and whatever a test wrote),
    inside the current transaction: for `empty_db` and module fixtures that need an empty
    database inside their own transaction."""
    tables = [
        t
        for t in connection.introspection.django_table_names(only_existing=True)
        if t not in _MIGRATED_TABLES
    ]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


# --- state built by the factories ----------------------------------------------------------------


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
