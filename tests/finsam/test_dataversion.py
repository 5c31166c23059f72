"""The data's token (finsam/dataversion.py): every write that changes data replaces it, in
the write's own transaction; reads, sessions and login bookkeeping do not; what was kept
under a token is computed again as soon as anything is written."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone

from finsam import dataversion
from finsam.models import Medlem, User
from finsam.rapporter import arbetsko
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_save_replaces_the_token_and_a_read_does_not(forbund):
    fore = dataversion.aktuell()
    assert fore is not None
    list(Medlem.objects.filter(forbund=forbund))
    assert dataversion.aktuell() == fore
    forbund.namn = "Nytt namn"
    forbund.save()
    efter = dataversion.aktuell()
    assert efter not in (None, fore)


@pytest.mark.parametrize(
    "skriv",
    [
        lambda f: Medlem.objects.filter(forbund=f).update(namn="X"),  # bypasses save()
        lambda f: Medlem.objects.filter(forbund=f).delete(),
        lambda f: factories.make_medlem(f, namn="Ny"),
        lambda f: Medlem.objects.bulk_create(
            [Medlem(forbund=f, namn="Bulk", typ=Medlem.Typ.KOMMUN, ordning=99)]
        ),
        lambda f: connection.cursor().execute(
            "UPDATE finsam_forbund SET namn = %s WHERE id = %s", ["Rå SQL", f.pk]
        ),
    ],
    ids=["update", "delete", "insert", "bulk_create", "raw-sql"],
)
def test_every_kind_of_write_replaces_the_token(forbund, skriv):
    factories.make_medlem(forbund)
    fore = dataversion.aktuell()
    skriv(forbund)
    assert dataversion.aktuell() != fore


def test_sessions_and_last_login_leave_the_token(forbund):
    user = factories.make_user(forbund, "kansli")
    fore = dataversion.aktuell()
    session = SessionStore()
    session["x"] = 1
    session.save()
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    assert dataversion.aktuell() == fore


def test_a_rolled_back_token_never_comes_back(forbund):
    fore = dataversion.aktuell()
    with pytest.raises(RuntimeError), transaction.atomic():
        forbund.namn = "Ångrat"
        forbund.save()
        ångrad = dataversion.aktuell()
        assert ångrad != fore
        raise RuntimeError
    assert dataversion.aktuell() == fore
    forbund.namn = "Sparat"
    forbund.save()
    assert dataversion.aktuell() not in (fore, ångrad)


def test_hamta_computes_again_after_a_write(forbund):
    anrop = []

    def berakna():
        anrop.append(1)
        return Medlem.objects.filter(forbund=forbund).count()

    nyckel = ("test", forbund.pk)
    assert dataversion.hamta(nyckel, berakna, token=dataversion.aktuell()) == 0
    assert dataversion.hamta(nyckel, berakna, token=dataversion.aktuell()) == 0
    assert len(anrop) == 1
    factories.make_medlem(forbund)
    assert dataversion.hamta(nyckel, berakna, token=dataversion.aktuell()) == 1
    assert len(anrop) == 2
    # No token (no row): always computed.
    dataversion.hamta(nyckel, berakna, token=None)
    assert len(anrop) == 3


def _sanning(forbund):
    """The counts computed from scratch, as the checklist page does."""
    from finsam.rapporter.dokument import typer
    from finsam.rapporter.utgava import kontroller

    ut = {}
    for rad in arbetsko.dokumentkontroller(forbund):
        if rad.kan_skapas and not rad.faststalld:
            typ = typer()[rad.typ.kod]
            ut[rad.typ.kod] = len(
                kontroller.varningar(typ, forbund, rad.nyckel, typ.bygg(forbund, rad.nyckel))
            )
    return ut


def _antal(forbund):
    return {
        r.typ.kod: r.antal
        for r in arbetsko.dokumentkontroller(forbund)
        if r.kan_skapas and not r.faststalld
    }


def test_the_start_pages_checklist_counts_follow_an_edit_at_once(demo):
    """Kept counts are found while nothing changes (no document is built: far fewer
    queries), and a write that bypasses save() and history still shows at once."""
    from finsam.models import Rapporttext

    fore = _antal(demo)
    forsta = _queries(lambda: _antal(demo))
    assert _queries(lambda: _antal(demo)) == forsta
    kall = _queries(lambda: dataversion.ny() or _antal(demo))
    assert forsta * 2 < kall
    # Every text of the förbund emptied, by a queryset update (no save(), no history).
    assert Rapporttext.objects.filter(utgava__forbund=demo).exclude(text="").update(text="")
    efter = _antal(demo)
    assert efter != fore
    assert efter == _sanning(demo)


def _queries(fn) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as c:
        fn()
    return len(c.captured_queries)


@pytest.mark.parametrize(
    ("sql", "andrar"),
    [
        ('INSERT INTO "budget_budgetbelopp" ("version_id") VALUES (%s)', True),
        ('UPDATE "insatser_insats" SET "namn" = %s WHERE "id" = %s', True),
        ('DELETE FROM "finsam_medlem" WHERE "id" IN (%s)', True),
        # select_for_update takes the token's lock before its rows (no deadlock)
        ('SELECT "budget_budgetrad"."id" FROM "budget_budgetrad" WHERE "id" = %s FOR UPDATE', True),
        ('SELECT "x"."id" FROM "finsam_forbund" x WHERE x.id = %s FOR NO KEY UPDATE', True),
        ('SELECT "insatser_insats"."id" FROM "insatser_insats" WHERE "id" = %s', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('UPDATE "finsam_user" SET "last_login" = %s WHERE "finsam_user"."id" = %s', False),
        ('UPDATE "finsam_user" SET "last_login" = %s, "roll" = %s WHERE "id" = %s', True),
        (
            'SELECT * FROM "django_tasks_database_dbtaskresult" WHERE status = %s '
            "FOR UPDATE SKIP LOCKED",
            False,
        ),
        ('INSERT INTO "finsam_pdfbestallning" ("forbund_id") VALUES (%s)', False),
    ],
)
def test_which_statements_replace_the_token(sql, andrar):
    assert dataversion._andrar_data(sql) is andrar


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no FOR UPDATE")
def test_select_for_update_replaces_the_token_first(forbund):
    fore = dataversion.aktuell()
    with transaction.atomic():
        list(Medlem.objects.select_for_update().filter(forbund=forbund))
        assert dataversion.aktuell() != fore


def test_a_long_read_is_told_from_a_write_in_linear_time():
    """The history page's UNION over 32 tables is ~10 kB with a FROM per table: a
    backtracking pattern took over 100 ms on it, on every request."""
    import time

    delar = [
        f'SELECT "history_id" FROM "app_historical{i}" WHERE "forbund_id" = %s' for i in range(400)
    ]
    las = " UNION ALL ".join(delar)
    t = time.perf_counter()
    assert dataversion._andrar_data(las) is False
    assert dataversion._andrar_data(las + " FOR UPDATE") is True
    assert time.perf_counter() - t < 0.05
