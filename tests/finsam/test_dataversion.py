"""The data's token (finsam/dataversion.py): every write that changes data replaces it, in
the write's own transaction; reads, sessions and login bookkeeping do not; what was kept
under a token is computed again as soon as anything is written."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from finsam import dataversion
from finsam.models import Dataversion, Forbund, Medlem, User
from finsam.rapporter import arbetsko
from finsam.scoping import forbund_scope, scope, scopes_disabled
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


# --- one token per förbund ------------------------------------------------------------------


def _token(forbund=None):
    """The token a reader sees in `forbund`'s scope (None: outside any scope)."""
    if forbund is None:
        return dataversion.aktuell()
    with forbund_scope(forbund.pk):
        return dataversion.aktuell()


def _rader():
    return dict(Dataversion.objects.values_list("forbund", "token"))


def test_a_write_in_one_forbunds_scope_leaves_the_others_token_and_kept_values(
    forbund, annat_forbund
):
    a, b = forbund, annat_forbund
    factories.make_medlem(a)
    factories.make_medlem(b)
    anrop = []

    def berakna_b():
        anrop.append(1)
        return Medlem.objects.count()

    with forbund_scope(b.pk):
        assert dataversion.hamta(("t", b.pk), berakna_b, token=dataversion.aktuell()) == 1
    fore_a, fore_b, fore_utan = _token(a), _token(b), _token()
    with forbund_scope(a.pk):
        Medlem.objects.update(namn="Ändrad i A")
        factories.make_medlem(a)
    assert _token(a) not in (None, fore_a)
    assert _token(b) == fore_b
    # A reader outside any scope may read every förbund: it sees the write.
    assert _token() != fore_utan
    with forbund_scope(b.pk):
        assert dataversion.hamta(("t", b.pk), berakna_b, token=dataversion.aktuell()) == 1
    assert len(anrop) == 1  # B's kept value is still found
    assert set(_rader()) == {dataversion.GLOBAL, a.pk}


@pytest.mark.parametrize(
    "skriv",
    [
        lambda a, b: factories.make_medlem(a),  # outside any scope (commands, the PDF worker)
        lambda a, b: _i_scope(a.pk, lambda: _utan_scope(lambda: factories.make_medlem(b))),
        lambda a, b: _i_scope([a.pk, b.pk], lambda: factories.make_medlem(b)),  # Kopiera
        lambda a, b: _i_scope(None, lambda: Forbund.objects.filter(pk=b.pk).update(namn="S")),
        lambda a, b: _i_scope(None, lambda: dataversion.ny()),
    ],
    ids=["no-scope", "scopes_disabled-in-a-scope", "several-forbund", "no-forbund", "ny"],
)
def test_a_write_outside_one_forbunds_scope_changes_every_token(forbund, annat_forbund, skriv):
    a, b = forbund, annat_forbund
    with forbund_scope(a.pk):
        factories.make_medlem(a)  # A has a row of its own
    fore_a, fore_b = _token(a), _token(b)
    skriv(a, b)
    assert _token(a) not in (None, fore_a)
    assert _token(b) not in (None, fore_b)


def _i_scope(forbund_id, fn):
    with forbund_scope(forbund_id):
        return fn()


def _utan_scope(fn):
    with scopes_disabled():
        return fn()


def test_a_rolled_back_write_in_a_scope_never_comes_back(forbund, annat_forbund):
    a = forbund
    with forbund_scope(a.pk):
        factories.make_medlem(a)
    fore, fore_b = _token(a), _token(annat_forbund)
    with pytest.raises(RuntimeError), forbund_scope(a.pk), transaction.atomic():
        factories.make_medlem(a)
        ångrad = dataversion.aktuell()
        assert ångrad != fore
        raise RuntimeError
    assert _token(a) == fore
    with forbund_scope(a.pk):
        factories.make_medlem(a)
    assert _token(a) not in (fore, ångrad)
    assert _token(annat_forbund) == fore_b


def test_a_new_forbund_has_the_global_token_until_its_first_write(forbund, annat_forbund):
    """No row yet: its token is the global one alone (a förbund whose data only commands
    wrote, as `generate_national`'s, is kept too); its first write in its scope makes its
    row and changes its token, and a rolled-back first write takes the row away again."""
    a = forbund
    assert a.pk not in _rader()
    fore = _token(a)
    assert fore == _rader()[dataversion.GLOBAL]
    with pytest.raises(RuntimeError), forbund_scope(a.pk), transaction.atomic():
        factories.make_medlem(a)
        assert a.pk in _rader()
        raise RuntimeError
    assert a.pk not in _rader()
    assert _token(a) == fore
    with forbund_scope(a.pk):
        factories.make_medlem(a)
    assert a.pk in _rader()
    assert _token(a) not in (None, fore)


def test_no_global_row_means_nothing_is_kept(forbund):
    with forbund_scope(forbund.pk):
        factories.make_medlem(forbund)
    Dataversion.objects.filter(forbund=dataversion.GLOBAL).delete()
    assert _token(forbund) is None
    assert _token() is None


def test_which_scope_is_one_forbunds():
    assert dataversion.scope_forbund() is None
    with forbund_scope(7):
        assert dataversion.scope_forbund() == 7
        with scopes_disabled():
            assert dataversion.scope_forbund() is None
    with forbund_scope([7]):
        assert dataversion.scope_forbund() == 7
    with forbund_scope([7, 8]):
        assert dataversion.scope_forbund() is None
    with forbund_scope(None):  # the systemadministratör, anonymous users
        assert dataversion.scope_forbund() is None
    with scope(forbund=None):  # django-scopes: every förbund
        assert dataversion.scope_forbund() is None
    with scope(forbund=Forbund(pk=9)):
        assert dataversion.scope_forbund() == 9


def test_a_kansli_saving_in_a_request_leaves_another_forbunds_token(
    client_for, kansli, forbund, annat_forbund
):
    """Through ForbundScopeMiddleware: the request runs in the user's förbund's scope."""
    klient = client_for(kansli)
    fore_a, fore_b = _token(forbund), _token(annat_forbund)
    data = {
        "typ": "kommun",
        "namn": "Kungsörs kommun",
        "kortnamn": "Kungsör",
        "ordning": 4,
        "befolkning-TOTAL_FORMS": 0,
        "befolkning-INITIAL_FORMS": 0,
    }
    svar = klient.post(reverse("finsam:medlem-create"), data)
    assert svar.status_code == 302
    assert Medlem.objects.filter(forbund=forbund, namn="Kungsörs kommun").exists()
    assert _token(forbund) not in (None, fore_a)
    assert _token(annat_forbund) == fore_b


def test_a_login_leaves_every_token(client, kansli, forbund):
    """A login writes last_login and, with it, a row of the user's history, outside any
    förbund's scope: neither is data anything kept shows."""
    fore, fore_utan = _token(forbund), _token()
    client.force_login(kansli)
    assert _token(forbund) == fore
    assert _token() == fore_utan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_writers_in_different_forbund_do_not_wait_for_each_other():
    """A long transaction in A's scope (an import) holds up A's writers and a global
    writer, never B's: the national queue on one row is gone."""
    import threading

    from django.db import OperationalError, connections

    a, b = factories.make_forbund(), factories.make_forbund()
    ma, mb = factories.make_medlem(a), factories.make_medlem(b)
    haller, slapp, fel = threading.Event(), threading.Event(), []

    def import_i_a():
        try:
            with forbund_scope(a.pk), transaction.atomic():
                Medlem.objects.filter(pk=ma.pk).update(namn="Import")
                haller.set()
                slapp.wait(30)
        except Exception as e:  # noqa: BLE001 (reported below)
            fel.append(e)
        finally:
            connections.close_all()

    trad = threading.Thread(target=import_i_a)
    trad.start()
    try:
        assert haller.wait(30)
        with forbund_scope(b.pk), transaction.atomic():
            connection.cursor().execute("SET LOCAL lock_timeout = '5s'")
            Medlem.objects.filter(pk=mb.pk).update(namn="B under importen")
        with pytest.raises(OperationalError), forbund_scope(a.pk), transaction.atomic():
            connection.cursor().execute("SET LOCAL lock_timeout = '200ms'")
            Medlem.objects.filter(pk=ma.pk).update(namn="A under importen")
        with pytest.raises(OperationalError), transaction.atomic():  # a global writer
            connection.cursor().execute("SET LOCAL lock_timeout = '200ms'")
            Medlem.objects.filter(pk=mb.pk).update(namn="Globalt under importen")
    finally:
        slapp.set()
        trad.join(30)
    assert not fel
    assert Medlem.objects.get(pk=mb.pk).namn == "B under importen"
    assert Medlem.objects.get(pk=ma.pk).namn == "Import"


def test_a_write_in_another_forbund_leaves_the_start_page_kept(demo, demo_user):
    """Västmanland's start page (its checklist counts are kept) stays warm while
    Exempeldalen's kansli saves a member, and is built again after a global write."""
    from django.test import Client

    vastmanland, exempel = Client(), Client()
    vastmanland.force_login(demo_user("kansli"))
    exempel.force_login(factories.make_user(Forbund.objects.get(slug="exempel"), "kansli"))
    url = reverse("finsam:start")

    def sida():
        return _queries(lambda: vastmanland.get(url))

    kall = sida()
    varm = sida()
    assert varm * 2 < kall
    svar = exempel.post(
        reverse("finsam:medlem-create"),
        {
            "typ": "kommun",
            "namn": "Ny kommun",
            "kortnamn": "Ny",
            "ordning": 40,
            "befolkning-TOTAL_FORMS": 0,
            "befolkning-INITIAL_FORMS": 0,
        },
    )
    assert svar.status_code == 302
    assert sida() == varm
    dataversion.ny()
    assert sida() == kall
