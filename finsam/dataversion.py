"""A token that changes with every write to the database, so that what is computed from the
data can be kept (a cache) under a key that cannot outlive the data it was computed from.

    token = dataversion.aktuell()            # None: do not cache (no row, e.g. after flush)
    antal = dataversion.hamta(("kontroll", forbund.pk, kod, nyckel), berakna, token=token)

How it stays true: every INSERT, UPDATE and DELETE that Django sends (the ORM, `update()`,
`bulk_create`, many-to-many changes, raw SQL through Django's cursor) first writes a new
random token to the one row of `finsam_dataversion`, in the same transaction as the write
itself (a database execute wrapper, installed on every connection by `installera()`). So:

- a reader sees a new token exactly when it can see the new data (both commit together);
  it reads the token first, then the data, so what it keeps is at least as new as the key;
- a rolled-back write rolls its token back too, and a later write makes another random
  token, never the rolled-back one: what was computed inside a rolled-back transaction is
  never found again;
- several processes and machines share the row, so an in-process cache (Django's default
  LocMemCache) is safe with several gunicorn instances: each keeps its own copies, all
  keyed by the same token.

Writes that change no document or page's figures do not change the token: sessions, login
lockouts, the task queue, PDF orders (a cache themselves), `last_login`, migrations. Writes
made outside Django (psql) are not seen: after one, `manage.py shell -c "from
finsam import dataversion; dataversion.ny()"` (or a restart, for the in-process caches).

A `SELECT … FOR UPDATE` (the optimistic lock's select_for_update, taken before a write)
replaces the token too, before it locks its rows. So every transaction takes the token
row's lock before any row lock it takes through Django, and two writers can never wait for
each other in a cycle (no deadlock between an import that locks line after line and a
kansli saving one of those lines).

The price: one extra UPDATE per write statement, and transactions that write queue on that
one row until they commit (readers never wait). The kansli's writes take milliseconds; a
long one (an import of 50 000 rows, an adoption in the PDF worker) holds the others' writes
for its few seconds.
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


#: False while migrations run: the table may not exist yet (a fresh database).
_vaktar = True


def _vakt(execute, sql, params, many, context):
    """The execute wrapper: a new token before every write that changes data."""
    if _vaktar and isinstance(sql, str) and _andrar_data(sql):
        with context["connection"].cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABELL} SET token = %s WHERE id = 1",  # noqa: S608 (a constant)
                [secrets.token_hex(16)],
            )
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
    """After migrate (and after a test's flush): the row exists, and writes are watched."""
    global _vaktar
    if getattr(sender, "name", None) != "finsam":
        return
    _vaktar = True
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABELL} WHERE id = 1")  # noqa: S608
        if cursor.fetchone() is None:
            cursor.execute(
                f"INSERT INTO {TABELL} (id, token) VALUES (1, %s)",  # noqa: S608
                [secrets.token_hex(16)],
            )


def installera() -> None:
    """Watch every connection (FinsamConfig.ready): the ones open now and every new one."""
    for alias in connections:
        _installera_pa(connections[alias])
    connection_created.connect(_vid_anslutning, dispatch_uid="finsam.dataversion")
    pre_migrate.connect(_fore_migrering, dispatch_uid="finsam.dataversion")
    post_migrate.connect(_skapa_rad, dispatch_uid="finsam.dataversion")


def aktuell(using: str = "default") -> str | None:
    """The current token, or None where there is no row (a flushed test database): then
    nothing is kept. One query."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABELL} WHERE id = 1")  # noqa: S608
        rad = cursor.fetchone()
    return rad[0] if rad else None


def ny(using: str = "default") -> None:
    """A new token now (after writes made outside Django)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABELL} SET token = %s WHERE id = 1",  # noqa: S608
            [secrets.token_hex(16)],
        )


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
