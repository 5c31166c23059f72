"""A token that changes with every write to a förbund's data, so that what is computed from
the data can be kept (a cache) under a key that cannot outlive the data it was computed from.

    token = dataversion.aktuell()            # None: do not cache (no row, e.g. after flush)
    antal = dataversion.hamta(("kontroll", forbund.pk, kod, nyckel), berakna, token=token)

How it stays true: every INSERT, UPDATE and DELETE that Django sends (the ORM, `update()`,
`bulk_create`, many-to-many changes, raw SQL through Django's cursor) first writes a new
random token to `finsam_dataversion`, in the same transaction as the write itself (a
database execute wrapper, installed on every connection by `installera()`). Which row:

- inside the django-scopes scope of exactly one förbund F (a request of F's users,
  finsam/scoping.py), F's row (an upsert: the row is made at F's first write). Such a write
  can only reach F's data: the scoped managers filter to F, and of what is not scoped a
  request of F writes only F's own (its förbund row, its users, their notice settings),
  which nothing kept for another förbund reads;
- anywhere else (outside a scope: management commands, the PDF worker and the task queue,
  migrations of data, tests calling services; inside `scopes_disabled()`; a scope without
  a förbund, the systemadministratör's; a scope of several förbund, "Kopiera struktur"),
  the global row (`forbund` 0): such a write may change any förbund's data.

A reader in F's scope reads the global row and F's row together (one query; the token is
both, and F without a row yet has the global one alone); a reader outside a förbund's scope
reads every row (a digest of them all). So a write in F changes what F's readers see and
nobody else's: one förbund's kansli saving a line no longer throws away the 79 others'
kept pages, while a write that may touch any förbund changes every reader's token. And:

- a reader sees a new token exactly when it can see the new data (both commit together);
  it reads the token first, then the data, so what it keeps is at least as new as the key;
- a rolled-back write rolls its token back too, and a later write makes another random
  token, never the rolled-back one: what was computed inside a rolled-back transaction is
  never found again (a förbund's first row, rolled back, is gone again: its readers are
  back at the token they had, with the data they had);
- several processes and machines share the rows, so an in-process cache (Django's default
  LocMemCache) is safe with several gunicorn instances: each keeps its own copies, all
  keyed by the same tokens.

Writes that change no document or page's figures do not change a token: sessions, login
lockouts, the task queue, PDF orders (a cache themselves), `last_login` and the user's
history row a login adds (a login has no förbund's scope: it would be a global write),
migrations. Writes made outside Django (psql) are not seen: after one, `manage.py shell -c
"from finsam import dataversion; dataversion.ny()"` (a new global token: every förbund's
kept values go; or a restart, for the in-process caches).

No deadlock: a `SELECT … FOR UPDATE` (the optimistic lock's select_for_update, taken before
a write) replaces the token too, before it locks its rows, so every writing transaction
takes its token lock before any row lock it takes through Django. On PostgreSQL the token
lock is two-level: a writer in F's scope first takes a shared transaction-level advisory
lock (`LAS`), then F's row; a global writer takes `LAS` exclusively, then the global row. So
writers in one förbund queue on its row as all writers did on the one row before; writers
in different förbund never wait for each other (their data is disjoint, and so are their
token rows); and a global writer, which may write any förbund's rows, waits until every
scoped writer has committed and holds the others off until it commits: it is alone, as a
writer of everything. Two transactions can therefore never wait for each other in a cycle
(an import that locks line after line and a kansli saving one of those lines), with one
exception no code makes: a transaction that writes inside a förbund's scope and then,
still open, outside it (it has to raise its shared lock to an exclusive one; two such at
once would deadlock, which PostgreSQL detects and ends one of). SQLite lets one writer at
a time anyway.

The price: one extra statement per write statement, and transactions that write in the
same förbund queue on its row until they commit (readers never wait). The kansli's writes
take milliseconds; a long one (an import of 50 000 rows) holds its own förbund's writes for
its few seconds, no longer the whole country's; a long global one (a management
command's import) still holds every writer's, and a global writer that
waits for a long scoped one holds up, while it waits, the writers who come after it
(PostgreSQL grants the lock in order).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django_scopes import get_scope

from finsam.scoping import DIMENSION

TABELL = "finsam_dataversion"
#: Tables whose writes change nothing a cached page or document shows.
UTAN_BETYDELSE = frozenset(
    {
        TABELL,
        "django_session",
        "django_migrations",
        "django_admin_log",
        "axes_accessattempt",
        "axes_accessfailurelog",
        "axes_accesslog",
        "django_tasks_database_dbtaskresult",
        "finsam_pdfbestallning",
        # A user's history: a row per login (last_login), in the login request, which has
        # no förbund's scope (a global write: every förbund's kept values would go at
        # every login). Nothing kept reads it, and a real change of a user is an UPDATE of
        # finsam_user, which replaces the token itself.
        "finsam_historicaluser",
    }
)
#: How long a kept value lives at most (it is also dropped as soon as the token changes).
LIVSLANGD = 60 * 60

_SKRIVNING = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`]?(\w+)["`]?', re.I
)
#: A row lock taken to write next (select_for_update): the token's lock is taken first.
#: Matched in two linear steps (_las_for_skrivning): one pattern `SELECT .*? FROM t .*
#: FOR UPDATE` backtracks over the whole statement at every FROM, over 100 ms on the
#: history page's 10 kB UNION of 32 tables, on every read.
_SELECT = re.compile(r"^\s*SELECT\b", re.I)
_FOR_UPDATE = re.compile(r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b", re.I)
_FROM = re.compile(r'\bFROM\s+["`]?(\w+)["`]?', re.I)
_BARA_SENAST_INLOGGAD = re.compile(
    r'^\s*UPDATE\s+"?\w+"?\s+SET\s+"?last_login"?\s*=\s*\S+\s+WHERE', re.I
)

T = TypeVar("T")


def _las_for_skrivning(sql: str):
    """The first `FROM table` of a SELECT ... FOR [NO KEY] UPDATE that comes before its
    last FOR UPDATE, or None: what `SELECT .*? FROM (table) .* FOR UPDATE` matches."""
    if "UPDATE" not in sql.upper() or not _SELECT.match(sql):
        return None
    traffar = list(_FOR_UPDATE.finditer(sql))
    if not traffar:
        return None
    return _FROM.search(sql, 0, traffar[-1].start())


def _andrar_data(sql: str) -> bool:
    m = _SKRIVNING.match(sql) or _las_for_skrivning(sql)
    if m is None:
        return False
    if m.group(1).lower() in UTAN_BETYDELSE:
        return False
    return _BARA_SENAST_INLOGGAD.match(sql) is None


#: The global row's key: a write that may change any förbund's data.
GLOBAL = 0
#: PostgreSQL's advisory lock taken before a token row: shared by writers in a förbund's
#: scope, exclusive for a global writer (a constant of this module, "FINSAM-dv").
LAS = 0x46494E53414D_6476

#: False while migrations run: the table may not exist yet (a fresh database).
_vaktar = True


def scope_forbund() -> int | None:
    """The id of the one förbund whose scope is active, or None: outside a scope, inside
    `scopes_disabled()` (it keeps the outer scope's förbund but turns the filter off), in
    a scope without a förbund or with several."""
    state = get_scope()
    if not state.get("_enabled"):
        return None
    forbund = state.get(DIMENSION)
    if isinstance(forbund, (list, tuple, set, frozenset)):
        if len(forbund) != 1:
            return None
        (forbund,) = forbund
    forbund = getattr(forbund, "pk", forbund)
    if isinstance(forbund, bool) or not isinstance(forbund, int) or forbund == GLOBAL:
        return None
    return forbund


def _ny_token(connection) -> None:
    """A new random token: the scope's förbund's row, or the global row (module docstring)."""
    forbund = scope_forbund()
    token = secrets.token_hex(16)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if forbund is None:
            if postgres:
                cursor.execute(
                    f"UPDATE {TABELL} SET token = %s "  # noqa: S608
                    "FROM (SELECT pg_advisory_xact_lock(%s)) l WHERE forbund = %s",
                    [token, LAS, GLOBAL],
                )
            else:
                cursor.execute(
                    f"UPDATE {TABELL} SET token = %s WHERE forbund = %s",  # noqa: S608
                    [token, GLOBAL],
                )
        else:
            # One statement: the shared lock is taken as the row to insert is read.
            if postgres:
                rad = "SELECT %s, %s FROM (SELECT pg_advisory_xact_lock_shared(%s)) l"
                param = [forbund, token, LAS]
            else:
                rad, param = "VALUES (%s, %s)", [forbund, token]
            cursor.execute(
                f"INSERT INTO {TABELL} (forbund, token) {rad} "  # noqa: S608
                "ON CONFLICT (forbund) DO UPDATE SET token = excluded.token",
                param,
            )


def _vakt(execute, sql, params, many, context):
    """The execute wrapper: a new token before every write that changes data."""
    if _vaktar and isinstance(sql, str) and _andrar_data(sql):
        _ny_token(context["connection"])
    return execute(sql, params, many, context)


def _installera_pa(connection) -> None:
    if _vakt not in connection.execute_wrappers:
        connection.execute_wrappers.append(_vakt)


def _vid_anslutning(sender, connection, **kwargs):
    _installera_pa(connection)


def _fore_migrering(sender, **kwargs):
    global _vaktar
    _vaktar = False


def _skapa_rad(sender, using="default", **kwargs):
    """After migrate (and after a test's flush): the global row exists, and writes are
    watched. A förbund's row is made at its first write in its scope."""
    global _vaktar
    if getattr(sender, "name", None) != "finsam":
        return
    _vaktar = True
    connection = connections[using]
    with connection.cursor() as cursor:
        kolumner = {k.name for k in connection.introspection.get_table_description(cursor, TABELL)}
        if "forbund" not in kolumner:  # migrated back to the one-row table (finsam 0012)
            return
        cursor.execute(f"SELECT 1 FROM {TABELL} WHERE forbund = %s", [GLOBAL])  # noqa: S608
        if cursor.fetchone() is None:
            cursor.execute(
                f"INSERT INTO {TABELL} (forbund, token) VALUES (%s, %s)",  # noqa: S608
                [GLOBAL, secrets.token_hex(16)],
            )


def installera() -> None:
    """Watch every connection (FinsamConfig.ready): the ones open now and every new one."""
    for alias in connections:
        _installera_pa(connections[alias])
    connection_created.connect(_vid_anslutning, dispatch_uid="finsam.dataversion")
    pre_migrate.connect(_fore_migrering, dispatch_uid="finsam.dataversion")
    post_migrate.connect(_skapa_rad, dispatch_uid="finsam.dataversion")


def aktuell(using: str = "default") -> str | None:
    """The current token of the scope's förbund (its row and the global one), outside a
    förbund's scope of every row; None where there is no global row (a flushed test
    database): then nothing is kept. One query."""
    forbund = scope_forbund()
    with connections[using].cursor() as cursor:
        if forbund is None:
            cursor.execute(f"SELECT forbund, token FROM {TABELL} ORDER BY forbund")  # noqa: S608
        else:
            cursor.execute(
                f"SELECT forbund, token FROM {TABELL} WHERE forbund IN (%s, %s) "  # noqa: S608
                "ORDER BY forbund",
                [GLOBAL, forbund],
            )
        rader = cursor.fetchall()
    if not rader or rader[0][0] != GLOBAL:
        return None
    if forbund is not None:
        return ":".join(token for _, token in rader)
    if len(rader) == 1:
        return rader[0][1]
    text = ";".join(f"{f}:{token}" for f, token in rader)
    return "*" + hashlib.sha256(text.encode()).hexdigest()


def ny(using: str = "default") -> None:
    """A new token now (after writes made outside Django): the global one outside a
    förbund's scope (every förbund's kept values go), else the förbund's."""
    _ny_token(connections[using])


def hamta(nyckel: tuple[Hashable, ...], berakna: Callable[[], T], *, token: str | None) -> T:
    """`berakna()`, kept under `nyckel` and the data's token: computed again as soon as any
    data changes. With token None, always computed. The value must pickle."""
    if token is None:
        return berakna()
    text = "\x1f".join(str(d) for d in (*nyckel, token))
    full = "finsam:" + hashlib.sha256(text.encode()).hexdigest()
    varde = cache.get(full)
    if varde is None:
        varde = berakna()
        cache.set(full, varde, LIVSLANGD)
    return varde
