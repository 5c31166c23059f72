"""Reads of the change history: the förbund-wide list, an insats's and one object's history.

Every list is built in a fixed number of queries, however many rows it shows and of
however many models:

1. one query counts the rows (a sum of a count per model's history table), and one lists
   the page's rows (history id, date, which model) as a UNION ALL over the models' history
   tables, each filtered on its indexed `forbund` (or parent) and date; a late page is
   read from the other end;
2. one query reads the page's rows of every model with the id of each row's previous
   version, and those previous versions (a UNION ALL of a JSON object per row: the tables
   have different columns), with their users joined; one reads the many-to-many fields;
3. per foreign-key target, one query for the names.

Names are made with the models' own `__str__` on instances whose foreign keys are filled
from step 3; a `__str__` that would still need a query gets a plain fallback instead
(`_utan_fragor`), so no row can add a query. Whether a `__str__` follows its keys is tried
with a stand-in in each key's place (`_Sond`), not by letting it try a query.

A förbund's list (the history page) keeps its counts and its pages under the data's token
(finsam/dataversion.py), which the count query reads with the counts: while nothing of the
förbund's data has changed, a page is one small query (the counts skipped by a CASE) and
nothing of steps 2-3.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.core.cache import cache as minne
from django.db import connection
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from finsam import dataversion
from finsam.historiklagring import FORBUND_LABEL, historiska_modeller
from finsam.models import Forbund

HISTORY_TYPE = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}

#: Historical models that are not on the förbund's page, with the reason. A test fails
#: for any model with a history that is neither here nor on the page.
UTANFOR_FORBUNDSHISTORIKEN = {
    "finsam.User": (
        "Användarkonton administreras i /admin/ av systemadministratören; deras historik "
        "innehåller lösenordshashar och en rad per inloggning."
    ),
}

#: Fields never shown as changed.
DOLDA_FALT = {"lock_version", "password", "last_login"}


@dataclass
class Andring:
    tid: datetime
    anvandare: str
    typ: str
    modell: str
    objekt: str
    falt: list[tuple[str, str, str]]  # (fältnamn, från, till)
    orsak: str
    modell_kod: str = ""
    history_type: str = ""
    objekt_id: int | None = None
    falt_kod: list[str] = field(default_factory=list)
    history_id: int | None = None


# --- which history rows -------------------------------------------------------------------


@cache
def _hist(model):
    """The history model of `model` (`model.history` builds a manager on every access)."""
    return model.history.model


@cache
def forbundets_modeller() -> list:
    """The models whose history is on the förbund's page: every model with a history
    (simple-history's registry) except UTANFOR_FORBUNDSHISTORIKEN."""
    return [m for m in historiska_modeller() if m._meta.label not in UTANFOR_FORBUNDSHISTORIKEN]


def modell_val() -> list[tuple[str, str]]:
    """(label, Swedish name) of the page's models, for the filter, sorted by name."""
    val = [(m._meta.label, str(m._meta.verbose_name).capitalize()) for m in forbundets_modeller()]
    return sorted(val, key=lambda v: v[1].lower())


@dataclass
class Historikfilter:
    fran: date | None = None
    till: date | None = None
    anvandare_id: int | None = None
    modell: str | None = None  # a label, e.g. "budget.Utfallsrad"
    history_type: str | None = None  # "+" skapad, "~" ändrad, "-" borttagen
    stigande: bool = False  # oldest first


#: A slice of at most this many rows of a förbund's list is kept (a page; not the Excel
#: file's batches).
_HALLS_SIDA = 100

#: The change-kind filter's choices (simple-history's history_type).
HANDELSER = [("+", HISTORY_TYPE["+"]), ("~", HISTORY_TYPE["~"]), ("-", HISTORY_TYPE["-"])]


class Historiklista:
    """The history rows of several sources, newest first, sliced lazily (what Django's
    Paginator needs: `count()` and slicing). A slice is a list of Andring."""

    def __init__(
        self,
        kallor: list[tuple[type, object]],
        *,
        stigande: bool = False,
        forbund_id: int | None = None,
        nyckel: tuple | None = None,
    ):
        # kallor: (model, a queryset of its history model, or (sql, params) selecting
        # history_id and history_date); stigande: oldest first; forbund_id and nyckel
        # (what selects the rows, e.g. the filter): the counts and the pages are kept
        # under the data's token of that förbund (see count)
        self.kallor = kallor
        self.stigande = stigande
        self.forbund_id = forbund_id
        self.nyckel = nyckel
        self._count = None
        self._antal = None  # rows per source, once counted
        self._sql = None
        self._token = None  # the data's token read with the count, where kept

    def _delar(self) -> list[tuple[str, tuple]]:
        """Each source's SQL (history_id, history_date), compiled once. A source is a
        queryset of the history model or already SQL: (sql, params)."""
        if self._sql is None:
            self._sql = []
            for _model, kalla in self.kallor:
                if isinstance(kalla, tuple):
                    self._sql.append(kalla)
                    continue
                sql, params = (
                    kalla.order_by()
                    .values_list("history_id", "history_date", "history_type")
                    .query.sql_with_params()
                )
                self._sql.append((sql, tuple(params)))
        return self._sql

    def count(self) -> int:
        """All rows of all sources: one query, a count per source (kept: the page reads
        only the sources that have rows, which saves PostgreSQL planning the others).

        Written as scalar subqueries in one row rather than a UNION ALL of counts: for the
        latter PostgreSQL plans a parallel append, and starting its workers costs more
        than counting the förbund's rows (three times the time at national scale).

        A list of a förbund's history (`forbund_id` and `nyckel` given) keeps its counts
        under the data's token (finsam/dataversion.py), read by the same query: each
        count is made only where the token is not the kept one (a CASE, whose subquery
        neither database runs when the branch is not taken). So the page takes no query
        more than without: counting a förbund's 40 000 rows was a fifth of its time."""
        if self._count is None:
            if not self.kallor:
                self._antal = []
            elif self.nyckel is None or self.forbund_id is None:
                delar = [
                    f"(SELECT COUNT(*) FROM ({sql}) AS k{i})"
                    for i, (sql, _p) in enumerate(self._delar())
                ]
                params = [p for _sql, ps in self._delar() for p in ps]
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT {', '.join(delar)}", params)
                    self._antal = [n or 0 for n in cursor.fetchone()]
            else:
                self._antal = self._rakna_med_token()
            self._count = sum(self._antal)
        return self._count

    def _kvar(self, *delar) -> str:
        """The cache key of what is kept of this list, with the data's token."""
        text = "\x1f".join(
            str(d)
            for d in (
                "historik",
                self.forbund_id,
                *self.nyckel,
                translation.get_language(),
                timezone.get_current_timezone_name(),
                *delar,
            )
        )
        return "finsam:historik:" + hashlib.sha256(text.encode()).hexdigest()

    def _rakna_med_token(self) -> list[int]:
        """The counts per source and the token of the förbund's data (the global row's
        and the förbund's: a write of the förbund's data changes one of them, module
        docstring of finsam/dataversion.py), in one query; a count only where the token is
        not the one kept with the counts."""
        qn = connection.ops.quote_name
        nyckel = self._kvar("antal")
        sparat = minne.get(nyckel)  # (global token, the förbund's, counts) or None
        g, f = (sparat[0], sparat[1] or "") if sparat else (None, None)
        kolumner, params = [], []
        for i, (sql, p) in enumerate(self._delar()):
            kolumner.append(
                f"CASE WHEN t.g = %s AND COALESCE(t.f, '') = %s THEN NULL "
                f"ELSE (SELECT COUNT(*) FROM ({sql}) AS k{i}) END"
            )
            params.extend([g, f, *p])
        tabell = qn(dataversion.TABELL)
        sql = (
            f"SELECT t.g, t.f, {', '.join(kolumner)} FROM (SELECT "
            f"(SELECT token FROM {tabell} WHERE forbund = %s) AS g, "
            f"(SELECT token FROM {tabell} WHERE forbund = %s) AS f LIMIT 1) AS t"
        )
        params.extend([dataversion.GLOBAL, int(self.forbund_id)])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            g_nu, f_nu, *antal = cursor.fetchone()
        if g_nu is None:  # no global row (a flushed test database): nothing is kept
            return [n or 0 for n in antal]
        self._token = (g_nu, f_nu)
        if sparat and (g_nu, f_nu or "") == (g, f):
            return list(sparat[2])
        antal = [n or 0 for n in antal]
        minne.set(nyckel, (g_nu, f_nu, antal), dataversion.LIVSLANGD)
        return antal

    def __len__(self):
        return self.count()

    def _sida(self, start: int, stop: int, *, stigande: bool | None = None) -> list[tuple]:
        """(history_id, history_date, history_type, source number) of rows start..stop,
        newest first (oldest first if `stigande`, by default the list's own order).

        Each source gives at most `stop` rows of its own, newest first, from its index on
        (forbund/parent, history_date, history_id); the merge sorts only those. (A plain
        UNION ALL ... ORDER BY ... LIMIT makes PostgreSQL read and sort every row of the
        förbund.)"""
        if stigande is None:
            stigande = self.stigande
        delar, params = [], []
        riktning = "ASC" if stigande else "DESC"
        ordning = f"ORDER BY history_date {riktning}, history_id {riktning}"
        for i, (sql, p) in enumerate(self._delar()):
            if self._antal is not None and not self._antal[i]:
                continue
            delar.append(
                f"SELECT * FROM (SELECT history_id, history_date, history_type, {int(i)} AS k_nr "
                f"FROM ({sql}) "
                f"AS k{i} {ordning} LIMIT {int(stop)}) AS s{i}"
            )
            params.extend(p)
        if not delar:
            return []
        sql = (
            f"SELECT history_id, history_date, history_type, k_nr "
            f"FROM ({' UNION ALL '.join(delar)}) AS h "
            f"{ordning}, k_nr {riktning} LIMIT {int(stop - start)} "
            f"OFFSET {int(start)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def __getitem__(self, s):
        if not isinstance(s, slice):
            return self[s : s + 1][0]
        if not self.kallor:
            return []
        start = s.start or 0
        stop = s.stop if s.stop is not None else self.count()
        if stop <= start:
            return []
        if self._token is not None and stop - start <= _HALLS_SIDA:
            # Kept under the data's token read with the count (the page's names of
            # records and users are the förbund's data too).
            nyckel = self._kvar("sida", start, stop, *self._token)
            sida = minne.get(nyckel)
            if sida is None:
                sida = self._las(start, stop)
                minne.set(nyckel, sida, dataversion.LIVSLANGD)
            return sida
        return self._las(start, stop)

    def _las(self, start: int, stop: int) -> list[Andring]:
        if self._count is not None and start > self._count - stop:
            # Nearer the end than the start (the last pages): read from the other end, so
            # that each source gives a page's worth of rows rather than all of them.
            stop = min(stop, self._count)
            if stop <= start:
                return []
            bakat = self._sida(self._count - stop, self._count - start, stigande=not self.stigande)
            rader = bakat[::-1]
        else:
            rader = self._sida(start, stop)
        poster = [(self.kallor[k_nr][0], history_id) for history_id, _t, _typ, k_nr in rader]
        andrade = {self.kallor[k_nr][0] for _id, _t, typ, k_nr in rader if typ == "~"}
        return andringar(poster, andrade=andrade)


def _forbunds_sql(model, forbund_id, filter: Historikfilter) -> tuple[str, tuple]:
    """SELECT history_id, history_date of the model's history rows of the förbund that
    pass `filter`. Written out rather than compiled by the ORM: the page has one per
    model, and compiling 32 querysets costs more than the indexed reads themselves."""
    hist = _hist(model)
    qn = connection.ops.quote_name
    datum = hist._meta.get_field("history_date")
    kolumn = "id" if model._meta.label == FORBUND_LABEL else "forbund_id"
    villkor, params = [f"{qn(kolumn)} = %s"], [forbund_id]
    tz = timezone.get_current_timezone()
    if filter.fran:
        villkor.append(f"{qn('history_date')} >= %s")
        fran = datetime.combine(filter.fran, time.min, tzinfo=tz)
        params.append(datum.get_db_prep_value(fran, connection))
    if filter.till:
        villkor.append(f"{qn('history_date')} < %s")
        till = datetime.combine(filter.till + timedelta(days=1), time.min, tzinfo=tz)
        params.append(datum.get_db_prep_value(till, connection))
    if filter.anvandare_id:
        villkor.append(f"{qn('history_user_id')} = %s")
        params.append(int(filter.anvandare_id))
    if filter.history_type in HISTORY_TYPE:
        villkor.append(f"{qn('history_type')} = %s")
        params.append(filter.history_type)
    sql = (
        f"SELECT {qn('history_id')}, {qn('history_date')}, {qn('history_type')} "
        f"FROM {qn(hist._meta.db_table)} "
        f"WHERE {' AND '.join(villkor)}"
    )
    return sql, tuple(params)


def forbund_historik_lista(forbund, filter: Historikfilter | None = None) -> Historiklista:
    """Every change to the förbund's records (all models with a history but the user
    accounts), optionally filtered by date range, user, model and kind of change, newest
    (or oldest) first."""
    filter = filter or Historikfilter()
    kallor = [
        (model, _forbunds_sql(model, forbund.pk, filter))
        for model in forbundets_modeller()
        if not filter.modell or model._meta.label == filter.modell
    ]
    nyckel = (
        filter.fran,
        filter.till,
        filter.anvandare_id,
        filter.modell,
        filter.history_type,
        filter.stigande,
    )
    return Historiklista(kallor, stigande=filter.stigande, forbund_id=forbund.pk, nyckel=nyckel)


def forbund_historik(forbund, limit: int = 100) -> list[Andring]:
    """The newest changes to any of the förbund's records, newest first."""
    return forbund_historik_lista(forbund)[:limit]


def historik_for(obj, limit: int = 50) -> list[Andring]:
    """The history of one object, newest first."""
    model = type(obj)
    return Historiklista([(model, _hist(model).objects.filter(id=obj.pk))])[:limit]


def historik_for_foralder(kallor, limit: int = 50) -> list[Andring]:
    """The merged history of a parent and its children, e.g. an insats with its
    bemanning: `kallor` is [(model, history queryset), ...]."""
    return Historiklista(kallor)[:limit]


# --- the page's history rows of every model, in one query ------------------------------------

#: The function that makes a JSON object of key/value pairs, per database.
_JSON_OBJEKT = {"postgresql": "json_build_object", "sqlite": "json_object"}
#: At most this many columns in one JSON object (PostgreSQL takes 100 arguments).
_MAX_KOLUMNER = 50
_TEXTTYPER = {"DateTimeField", "DateField", "TimeField", "DecimalField", "DurationField"}


def _las_historik(fragor: dict) -> dict:
    """{model: {history_id: history row}} of `fragor` ({model: (queryset of its history
    model, whether it is annotated with forra_id)}), each row with `forra_id` (None where
    not annotated) and its `history_user` filled.

    One query however many models: the rows of all models as one UNION ALL, each row as
    a JSON object of its columns (the models' tables have different columns), turned back
    into instances with the field's own conversions, and each row's user joined. (One
    query per model made the page's count grow with the kinds of records on it: the oldest
    page of a förbund holds a row of almost every model. The users read by a query of
    their own made it grow with the data too: a page of rows written by no user, as the
    demo's oldest, had none.)"""
    funktion = _JSON_OBJEKT.get(connection.vendor)
    if (
        funktion is None
        or len(fragor) < 2
        or any(len(_hist(m)._meta.concrete_fields) > _MAX_KOLUMNER for m in fragor)
    ):
        ut = {}
        for model, (qs, med_forra) in fragor.items():
            ut[model] = {r.history_id: r for r in qs.select_related("history_user")}
            if not med_forra:
                for r in ut[model].values():
                    r.forra_id = None
        return ut
    qn = connection.ops.quote_name
    pg = connection.vendor == "postgresql"
    modeller = list(fragor)
    user_model = _hist(modeller[0])._meta.get_field("history_user").related_model
    user_kolumner = _konverterare(user_model)
    delar, params = [], []
    for i, model in enumerate(modeller):
        qs, med_forra = fragor[model]
        sql, p = qs.query.sql_with_params()
        par = ", ".join(
            f"'{f.column}', q{i}.{qn(f.column)}" + ("::text" if pg and _som_text(f) else "")
            for f in _hist(model)._meta.concrete_fields
        )
        forra = f"q{i}.{qn('forra_id')}" if med_forra else "CAST(NULL AS INTEGER)"
        objekt = f"{funktion}({par})" + ("::text" if pg else "")
        # The row's user joined: its columns as they are (the same in every branch).
        anv = ", ".join(f"u{i}.{qn(f.column)}" for f, _c, _k in user_kolumner)
        user_falt = _hist(model)._meta.get_field("history_user")
        delar.append(
            f"SELECT {int(i)} AS k_nr, {forra} AS forra_id, {objekt} AS rad, {anv} "
            f"FROM ({sql}) AS q{i} LEFT JOIN {qn(user_model._meta.db_table)} AS u{i} "
            f"ON u{i}.{qn(user_model._meta.pk.column)} = q{i}.{qn(user_falt.column)}"
        )
        params.extend(p)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(delar), params)
        svar = cursor.fetchall()
    ut = {model: {} for model in modeller}
    users = {}
    for k_nr, forra_id, rad, *user_rad in svar:
        model = modeller[k_nr]
        data = json.loads(rad, parse_float=Decimal if pg else float)
        rec = _fran_json(_hist(model), data)
        rec.forra_id = forra_id
        ut[model][rec.history_id] = rec
        user = None
        if rec.history_user_id is not None and user_rad[0] is not None:
            user = users.get(rec.history_user_id)
            if user is None:
                user = users[rec.history_user_id] = _fran_rad(user_model, user_rad)
        rec._meta.get_field("history_user").set_cached_value(rec, user)
    return ut


def _som_text(f) -> bool:
    """A field read as text in the JSON (its own from_db_value parses it: JSONField)."""
    return hasattr(f, "from_db_value")


@cache
def _konverterare(hist) -> list[tuple]:
    """(field, column expression, converters) of each concrete field of `hist` (a history
    model, or the user model): the ones Django applies to a value read from the database."""
    ut = []
    for f in hist._meta.concrete_fields:
        col = f.get_col(hist._meta.db_table)
        conv = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
        ut.append((f, col, conv))
    return ut


def _fran_rad(model, rad) -> object:
    """An instance of `model` from the values of its concrete columns, in order, with the
    conversions Django applies to a value read from the database."""
    namn, varden = [], []
    for (f, col, conv), v in zip(_konverterare(model), rad, strict=True):
        for c in conv:
            v = c(v, col, connection)
        namn.append(f.attname)
        varden.append(v)
    return model.from_db(connection.alias, namn, varden)


def _fran_json(hist, data: dict):
    """A history row from its JSON object: PostgreSQL writes dates, times and decimals as
    text or numbers that the field parses; SQLite's values are what its converters take."""
    pg = connection.vendor == "postgresql"
    namn, varden = [], []
    for f, col, conv in _konverterare(hist):
        v = data.get(f.column)
        if pg and v is not None and f.get_internal_type() in _TEXTTYPER:
            v = f.to_python(v if isinstance(v, str | Decimal) else str(v))
        for c in conv:
            v = c(v, col, connection)
        namn.append(f.attname)
        varden.append(v)
    return hist.from_db(connection.alias, namn, varden)


# --- from history rows to Andring, in bulk -------------------------------------------------


class _FragaUnderEtikett(Exception):
    pass


class _utan_fragor:
    """Inside: any query raises _FragaUnderEtikett (a __str__ that needs more data)."""

    def __enter__(self):
        def blockera(*args, **kwargs):
            raise _FragaUnderEtikett

        self._cm = connection.execute_wrapper(blockera)
        self._cm.__enter__()

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)
        return False


def _etikett(obj, reserv: str) -> str:
    """str(obj), called inside _utan_fragor: a __str__ that needs a query gets `reserv`."""
    if obj is None:
        return reserv
    try:
        return str(obj)
    except Exception:
        return reserv


class _Sond:
    """Put in a foreign key's place while a __str__ is tried: any use of it raises, so a
    __str__ that follows the key is found without the query it would make (a query
    stopped by _utan_fragor is still counted: the page's count grew with the kinds of
    records on it)."""

    __slots__ = ()

    def __getattr__(self, namn):
        raise _FragaUnderEtikett

    def __str__(self):
        raise _FragaUnderEtikett

    def __format__(self, spec):
        raise _FragaUnderEtikett

    def __repr__(self):
        raise _FragaUnderEtikett


_SOND = _Sond()


def _foljer_nycklar(model, instans) -> bool:
    """Whether str(instans) needs more than the instance: one of its foreign keys (a
    _Sond in each set key's place, taken away again) or a query (inside _utan_fragor)."""
    satta = [f for f in _fk_falt(model) if getattr(instans, f.attname) is not None]
    for f in satta:
        f.set_cached_value(instans, _SOND)
    try:
        str(instans)
    except Exception:
        return True
    finally:
        for f in satta:
            f.delete_cached_value(instans)
    return False


def _reserv(model, pk) -> str:
    return f"{str(model._meta.verbose_name).capitalize()} {pk}"


@cache
def _sparade_falt(model) -> list:
    """The tracked concrete fields of `model` shown in a diff."""
    hist = _hist(model)
    return [f for f in hist.tracked_fields if f.name not in DOLDA_FALT and not f.primary_key]


@cache
def _fk_falt(model):
    return [f for f in _sparade_falt(model) if f.many_to_one]


def _hamta_mal(mal_model, ids: set) -> dict:
    """The objects with `ids` of `mal_model`, with their own foreign keys filled (so a
    __str__ one level deeper needs no query); a removed object from its newest history
    row. Two queries at most. Not the förbund: every object is the reader's förbund's, and
    no __str__ shows it (joining it would build a Forbund, the widest row, for each)."""
    if not ids:
        return {}
    fks = [
        f.name for f in mal_model._meta.fields if f.many_to_one and f.related_model is not Forbund
    ]
    objekt = {
        o.pk: o
        for o in mal_model._default_manager.filter(pk__in=ids).order_by().select_related(*fks)
    }
    saknas = ids - set(objekt)
    if saknas and hasattr(mal_model._meta, "simple_history_manager_attribute"):
        hist = _hist(mal_model)
        senaste = Subquery(
            hist.objects.filter(id=OuterRef("id"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        for rec in (
            hist.objects.filter(id__in=saknas)
            .order_by()
            .annotate(senaste=senaste)
            .filter(history_id=F("senaste"))
        ):
            objekt[rec.id] = rec.instance
    return objekt


def _varde_text(f, varde, mal: dict) -> str:
    if varde is None or varde == "":
        return "–"
    if f.many_to_one:
        return _etikett(mal.get(varde), _reserv(f.related_model, varde))
    if f.choices:
        return str(dict(f.flatchoices).get(varde, varde))
    if isinstance(varde, bool):
        return _("Ja") if varde else _("Nej")
    if isinstance(varde, datetime):
        return timezone.localtime(varde).strftime("%Y-%m-%d %H:%M")
    if isinstance(varde, date):
        return varde.isoformat()
    return str(varde)


def _m2m_varden(history_ids: dict) -> dict:
    """{model: {(field name, history_id): set of target ids}} for the tracked m2m fields
    of the models in `history_ids` ({model: [history_id, ...]}): one query for all fields
    of all models (a UNION ALL of their through tables' history)."""
    resultat, delar = {}, []
    for model, ids in history_ids.items():
        hist = _hist(model)
        for m2m in getattr(hist, "_history_m2m_fields", []) or []:
            through_hist = next(
                rel.related_model
                for rel in hist._meta.related_objects
                if rel.field.name == "history"
                and rel.related_model.__name__ == f"{hist.__name__}_{m2m.name}"
            )
            mal_attr = next(
                f.attname
                for f in through_hist._meta.fields
                if f.many_to_one and f.related_model is m2m.related_model and f.name != "history"
            )
            varden = resultat.setdefault(model, {})
            for h_id in ids:
                varden[(m2m.name, h_id)] = set()
            delar.append((model, m2m.name))
            qs = (
                through_hist.objects.filter(history_id__in=ids)
                .order_by()
                .annotate(k_nr=Value(len(delar) - 1, output_field=IntegerField()))
                .values_list("k_nr", "history_id", mal_attr)
            )
            delar[-1] = (model, m2m.name, qs)
    if not delar:
        return resultat
    forsta, *ovriga = (qs for _m, _n, qs in delar)
    for k_nr, h_id, mal_id in forsta.union(*ovriga, all=True) if ovriga else forsta:
        model, namn, _qs = delar[k_nr]
        resultat[model][(namn, h_id)].add(mal_id)
    return resultat


def andringar(poster: list[tuple[type, int]], andrade: set | None = None) -> list[Andring]:
    """Andring for each (model, history_id), in that order, each diffed against the row's
    previous version. A fixed number of queries per model and per foreign-key target.

    `andrade`, if known: the models with a change ("~") among their rows; the others'
    rows (created or removed: no previous version to diff) are read by a plain query,
    without the previous-version subqueries, which cost more to build than to run."""
    per_modell = defaultdict(list)
    for model, history_id in poster:
        per_modell[model].append(history_id)

    rader = {}  # (model, history_id) -> rec, with .forra (previous version or None)
    fragor = {}  # model -> (queryset of its history rows, with forra_id?)
    for model, ids in per_modell.items():
        hist = _hist(model)
        if andrade is not None and model not in andrade:
            fragor[model] = (hist.objects.filter(history_id__in=ids).order_by(), False)
            continue
        forra_id = Subquery(
            # history_date <= d bounds the scan of the (id, history_date, history_id)
            # index; the OR then only sorts out rows at the same instant.
            hist.objects.filter(id=OuterRef("id"), history_date__lte=OuterRef("history_date"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        # The page's rows and the previous versions of its changes, in one query.
        forra_ids = (
            hist.objects.filter(history_id__in=ids, history_type="~")
            .order_by()
            .annotate(forra_id=forra_id)
            .values("forra_id")
        )
        valda = hist.objects.filter(history_id__in=ids).order_by().values("history_id")
        fragor[model] = (
            hist.objects.filter(history_id__in=valda.union(forra_ids, all=True))
            .order_by()
            .annotate(forra_id=forra_id),
            True,
        )
    hamtade = _las_historik(fragor)
    for model, ids in per_modell.items():
        for h_id in ids:
            r = hamtade[model].get(h_id)
            if r is not None:
                r.forra = hamtade[model].get(r.forra_id) if r.history_type == "~" else None
                rader[(model, h_id)] = r

    # Names for foreign keys: one fetch per target model for the whole list, for the
    # keys that changed and, for a model whose __str__ follows its keys (found by trying
    # it without them), for every key of its rows.
    foljer_nycklar = set()
    with _utan_fragor():
        for (model, _h), r in rader.items():
            if model not in foljer_nycklar and _fk_falt(model):
                # Kept for the row's Andring: simple-history builds a new instance on
                # every access of .instance.
                r.instans = r.instance
                if _foljer_nycklar(model, r.instans):
                    foljer_nycklar.add(model)
    mal_ids = defaultdict(set)
    for (model, _h), r in rader.items():
        for f in _fk_falt(model):
            efter = getattr(r, f.attname)
            fore = getattr(r.forra, f.attname) if r.forra is not None else None
            if model in foljer_nycklar and efter is not None:
                mal_ids[f.related_model].add(efter)
            if r.forra is not None and fore != efter:
                mal_ids[f.related_model].update(v for v in (fore, efter) if v is not None)
    mal = {m: _hamta_mal(m, ids) for m, ids in mal_ids.items()}

    m2m_ids = {
        model: ids + [rader[(model, h)].forra.history_id for h in ids if rader[(model, h)].forra]
        for model, ids in per_modell.items()
        if getattr(_hist(model), "_history_m2m_fields", None)
    }
    m2m = _m2m_varden(m2m_ids)
    m2m_mal_ids = defaultdict(set)
    for model, varden in m2m.items():
        for m2m_f in _hist(model)._history_m2m_fields:
            for (namn, _h), mal_set in varden.items():
                if namn == m2m_f.name:
                    m2m_mal_ids[m2m_f.related_model] |= mal_set
    for m, ids in m2m_mal_ids.items():
        mal.setdefault(m, {}).update(_hamta_mal(m, ids - set(mal.get(m, {}))))

    resultat = []
    with _utan_fragor():
        for model, history_id in poster:
            r = rader.get((model, history_id))
            if r is not None:
                resultat.append(_andring(model, r, mal, m2m.get(model, {})))
    return resultat


def _andring(model, r, mal, m2m) -> Andring:
    falt, falt_kod = [], []
    if r.forra is not None:
        for f in _sparade_falt(model):
            fore, efter = getattr(r.forra, f.attname), getattr(r, f.attname)
            if fore != efter:
                m = mal.get(f.related_model, {}) if f.many_to_one else {}
                fran, till = _varde_text(f, fore, m), _varde_text(f, efter, m)
                falt.append((str(f.verbose_name), fran, till))
                falt_kod.append(f.name)
        for m2m_f in getattr(_hist(model), "_history_m2m_fields", None) or []:
            fore = m2m.get((m2m_f.name, r.forra.history_id), set())
            efter = m2m.get((m2m_f.name, r.history_id), set())
            if fore != efter:
                m = mal.get(m2m_f.related_model, {})

                def text(ids, m=m, m2m_f=m2m_f):
                    namn = sorted(_etikett(m.get(i), _reserv(m2m_f.related_model, i)) for i in ids)
                    return ", ".join(namn) or "–"

                falt.append((str(m2m_f.verbose_name), text(fore), text(efter)))
                falt_kod.append(m2m_f.name)

    instans = getattr(r, "instans", None) or r.instance
    for f in _fk_falt(model):
        varde = getattr(r, f.attname)
        if varde is not None:
            f.set_cached_value(instans, mal.get(f.related_model, {}).get(varde))
    user = r.history_user
    return Andring(
        tid=r.history_date,
        anvandare=(user.get_full_name() or user.username) if user else _("systemet"),
        typ=HISTORY_TYPE.get(r.history_type, r.history_type),
        modell=str(model._meta.verbose_name).capitalize(),
        objekt=_etikett(instans, _reserv(model, r.id)),
        falt=falt,
        orsak=r.history_change_reason or "",
        modell_kod=model._meta.label,
        history_type=r.history_type,
        objekt_id=r.id,
        falt_kod=falt_kod,
        history_id=r.history_id,
    )
