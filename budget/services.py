"""Writes for the budget: versions, their amounts, and the groups and lines.

Views call these; nothing else writes. A save of an existing row passes the
`lock_version` the user loaded, and an outdated one raises `ConflictError`. Amounts are
whole kronor (int), never float.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.signals import post_create_historical_record, pre_create_historical_record
from simple_history.utils import bulk_create_with_history, get_change_reason_from_object

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from budget.selectors import stangda_grupper, underordnade_grupper
from finsam.concurrency import bump_locked, check_version, save_locked
from finsam.models import Forbund

#: Versions the board has decided as the year's budget: their lines cannot be removed.
BESLUTADE_TYPER = (Budgetversion.Typ.BUDGET, Budgetversion.Typ.TILLAGG)


def _require_forbund(forbund_id: int, field: str, objs: Iterable) -> None:
    """Refuse links to another förbund's groups, insatser or versions."""
    if any(obj is not None and obj.forbund_id != forbund_id for obj in objs):
        raise ValidationError({field: _("Välj bara bland förbundets egna uppgifter.")})


# --- bulk writes with history ----------------------------------------------------------------

#: A lookup of more ids than this reads all rows of the version, period or förbund and
#: picks in Python: one query however many rows a file has (SQLite takes at most 32 766
#: parameters in one query).
MAX_IN = 500


def i_urval(qs, falt: str, ids) -> list:
    """The objects of `qs` whose `falt` is in `ids`, in one query for any number of ids."""
    ids = set(ids)
    if len(ids) <= MAX_IN:
        return list(qs.filter(**{f"{falt}__in": ids}))
    return [o for o in qs if getattr(o, falt) in ids]


def egna_rader(forbund_id: int, ids) -> set[int]:
    """The ids among `ids` that are lines of the förbund, in one query for any number."""
    ids = set(ids)
    qs = Budgetrad.objects.filter(forbund_id=forbund_id)
    if len(ids) <= MAX_IN:
        return set(qs.filter(pk__in=ids).values_list("pk", flat=True))
    return ids & set(qs.values_list("pk", flat=True))


def skriv_med_historik(
    model,
    *,
    nya=(),
    andrade=(),
    falt=(),
    borttagna=(),
    forbund_id: int,
    foralder: str,
):
    """Write many rows of `model` at once, each with the history row its single save or
    delete writes: the same columns, the user simple-history takes from the request (its
    middleware), the same change reason (the object's own, or what a receiver of
    simple-history's pre_create_historical_record sets), the förbund on the history row.
    Deletes, then updates of `falt`, then inserts, each one prepared statement run for
    all its rows (one `executemany`, counted as one query); the caller's transaction makes
    it all or nothing.

    `nya` all belong to one parent (`foralder`, e.g. "version_id") and are one per line
    (`rad_id`): their new ids are read back in one query. For models no other row refers
    to (Budgetbelopp, Utfallsrad). Not Django's or simple-history's bulk helpers
    (`bulk_update_with_history`, `bulk_create_with_history`): they build every value
    through the ORM, and 10 000 changed lines took 15–23 s with them; nor do they send
    the history signals."""
    historik = model.history.model
    conn = connections[router.db_for_write(model)]
    nu = timezone.now()
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if borttagna:
            _historik(cursor, conn, historik, borttagna, "-", nu, forbund_id)
            _delete(cursor, conn, model, [obj.pk for obj in borttagna])
        if andrade:
            falten = [model._meta.get_field(f) for f in falt]
            _update(
                cursor,
                conn,
                model,
                falten,
                [_varden(conn, obj, falten) for obj in andrade],
                [obj.pk for obj in andrade],
            )
            _historik(cursor, conn, historik, andrade, "~", nu, forbund_id)
        if nya:
            falten = [f for f in model._meta.concrete_fields if not f.primary_key]
            _insert(cursor, conn, model, falten, [_varden(conn, obj, falten) for obj in nya])
            parent = getattr(nya[0], foralder)
            ids = dict(
                model._default_manager.using(conn.alias)
                .filter(**{foralder: parent})
                .values_list("rad_id", "pk")
            )
            for obj in nya:
                obj.pk = ids[obj.rad_id]
                obj._state.adding = False
                obj._state.db = conn.alias
            _historik(cursor, conn, historik, nya, "+", nu, forbund_id)


def _tabell(conn, model) -> str:
    return conn.ops.quote_name(model._meta.db_table)


def _kolumn(conn, field) -> str:
    return conn.ops.quote_name(field.column)


#: Rows per statement where the driver sends `executemany` row by row (psycopg2 on
#: PostgreSQL): one multi-row statement per SATS rows instead.
SATS = 2_000


def _satser(rader: list):
    for start in range(0, len(rader), SATS):
        yield rader[start : start + SATS]


def _platser(antal: int) -> str:
    return "(" + ", ".join(["%s"] * antal) + ")"


def _insert(cursor, conn, model, falten, rader: list) -> None:
    """INSERT `rader` (lists of values in the order of `falten`)."""
    borjan = f"INSERT INTO {_tabell(conn, model)} ({', '.join(_kolumn(conn, f) for f in falten)}) "
    if conn.vendor == "sqlite":  # executemany runs one prepared statement in C
        cursor.executemany(borjan + "VALUES " + _platser(len(falten)), rader)
        return
    for sats in _satser(rader):
        varden = ", ".join([_platser(len(falten))] * len(sats))
        cursor.execute(borjan + "VALUES " + varden, [v for rad in sats for v in rad])


def _update(cursor, conn, model, falten, rader: list, pks: list) -> None:
    """UPDATE the rows `pks` to `rader` (lists of values in the order of `falten`)."""
    tabell, pk = _tabell(conn, model), _kolumn(conn, model._meta.pk)
    if conn.vendor == "sqlite":
        satt = ", ".join(f"{_kolumn(conn, f)} = %s" for f in falten)
        cursor.executemany(
            f"UPDATE {tabell} SET {satt} WHERE {pk} = %s",
            [[*rad, pk_] for rad, pk_ in zip(rader, pks, strict=True)],
        )
        return
    # PostgreSQL: UPDATE … FROM (VALUES …), each value cast to its column's type.
    namn = ["pk"] + [f"v{i}" for i in range(len(falten))]
    satt = ", ".join(
        f"{_kolumn(conn, f)} = v.v{i}::{f.db_type(conn)}" for i, f in enumerate(falten)
    )
    par = list(zip(pks, rader, strict=True))
    for sats in _satser(par):
        varden = ", ".join([_platser(len(namn))] * len(sats))
        cursor.execute(
            f"UPDATE {tabell} SET {satt} FROM (VALUES {varden}) AS v({', '.join(namn)}) "
            f"WHERE {tabell}.{pk} = v.pk::{model._meta.pk.db_type(conn)}",
            [v for pk_, rad in sats for v in (pk_, *rad)],
        )


def _delete(cursor, conn, model, pks: list) -> None:
    tabell, pk = _tabell(conn, model), _kolumn(conn, model._meta.pk)
    if conn.vendor == "sqlite":
        cursor.executemany(f"DELETE FROM {tabell} WHERE {pk} = %s", [(p,) for p in pks])
        return
    for sats in _satser(pks):
        cursor.execute(f"DELETE FROM {tabell} WHERE {pk} IN {_platser(len(sats))}", sats)


#: Values every backend takes as they are (Django's preparation returns them unchanged).
_SOM_DE_AR = (int, str, type(None))


def _db(conn, field, varde):
    return varde if type(varde) in _SOM_DE_AR else field.get_db_prep_save(varde, conn)


def _varden(conn, obj, falten) -> list:
    return [_db(conn, f, getattr(obj, f.attname)) for f in falten]


def _historik(cursor, conn, historik, objs, typ: str, nu, forbund_id: int) -> None:
    """One history row per object, as simple-history writes it for a save or a delete: the
    same values, and its pre_create_historical_record signal sent for each row before and
    post_create_historical_record after (receivers set the förbund or a reason, e.g. the
    SIE import's "Import från SIE-fil …"). Only the INSERT is shared by all rows."""
    alla = historik._meta.concrete_fields
    falten = [f for f in alla if f.attname != "history_id"]
    sparade = {f.attname for f in historik.tracked_fields}
    # The request's user, as simple-history finds it for a save (an object may name its
    # own in `_history_user`); asked once, not once per row.
    standard = historik.get_default_history_user(objs[0])
    skickade = []
    for obj in objs:
        anvandare = getattr(obj, "_history_user", standard)
        datum = getattr(obj, "_history_date", nu)
        orsak = get_change_reason_from_object(obj)
        extra = {
            "history_id": None,
            "history_date": datum,
            "history_type": typ,
            "history_user_id": anvandare.pk if anvandare is not None else None,
            "history_change_reason": orsak,
            "forbund_id": forbund_id,
        }
        # Positional: every concrete field in order, Django's fast way to make an instance.
        rad = historik(
            *[getattr(obj, f.attname) if f.attname in sparade else extra[f.attname] for f in alla]
        )
        signal = {
            "sender": historik,
            "instance": obj,
            "history_instance": rad,
            "history_date": datum,
            "history_user": anvandare,
            "history_change_reason": orsak,
            "using": None,
        }
        pre_create_historical_record.send(**signal)
        skickade.append(signal)
    _insert(
        cursor,
        conn,
        historik,
        falten,
        [_varden(conn, s["history_instance"], falten) for s in skickade],
    )
    for signal in skickade:
        post_create_historical_record.send(**signal)


# --- versions ----------------------------------------------------------------------------


@transaction.atomic
def budgetversion_create(
    *,
    forbund: Forbund,
    typ: str,
    ar: int,
    beslutsdatum: date,
    paragraf: str = "",
    motivering: str = "",
    eget_kapital_ingaende: int | None = None,
    kopiera_fran: Budgetversion | None = None,
) -> Budgetversion:
    """Create a version; with `kopiera_fran`, copy that version's amounts on open lines
    (a closed line, or a line in a closed group, is not carried into a new budget)."""
    _require_forbund(forbund.pk, "kopiera_fran", [kopiera_fran])
    version = Budgetversion(
        forbund=forbund,
        typ=typ,
        ar=ar,
        beslutsdatum=beslutsdatum,
        paragraf=paragraf,
        motivering=motivering,
        eget_kapital_ingaende=eget_kapital_ingaende,
    )
    version.full_clean()
    version.save()
    if kopiera_fran is not None:
        stangda = stangda_grupper(forbund)
        kopior = [
            Budgetbelopp(version=version, rad_id=rad_id, belopp=belopp)
            for rad_id, belopp in kopiera_fran.belopp.filter(rad__stangd=False)
            .exclude(rad__grupp_id__in=stangda)
            .values_list("rad_id", "belopp")
        ]
        for kopia in kopior:
            # The lines are the source version's own, and the version is new.
            kopia.full_clean(exclude=["version", "rad"])
        # A bulk history write sends no signal: give its rows their förbund here.
        bulk_create_with_history(
            kopior, Budgetbelopp, custom_historical_attrs={"forbund_id": forbund.pk}
        )
    return version


@transaction.atomic
def budgetversion_save(*, version: Budgetversion, expected_version: int) -> Budgetversion:
    """Update a version's own fields (typ, år, beslut, eget kapital); not its amounts."""
    version.full_clean()
    return save_locked(version, expected_version=expected_version)


@transaction.atomic
def budgetbelopp_save(
    *, version: Budgetversion, belopp: Mapping[int, int | None], expected_version: int
) -> int:
    """Set a version's amounts: {rad_id: kronor}, None removes the line's amount. Lines not
    in `belopp` keep theirs. Returns how many amounts changed.

    The whole save is refused (ConflictError) when someone else saved the version after
    `expected_version` was loaded. A save that changes no amount writes nothing.
    """
    check_version(version, expected_version=expected_version)
    for varde in belopp.values():
        if varde is not None and (isinstance(varde, bool) or not isinstance(varde, int)):
            raise TypeError(f"Belopp ska vara hela kronor (int), inte {varde!r}.")
    egna = egna_rader(version.forbund_id, belopp)
    if set(belopp) - egna:
        raise ValidationError(_("Välj bara bland förbundets egna budgetrader."))
    befintliga = {b.rad_id: b for b in i_urval(version.belopp.all(), "rad_id", belopp)}
    andringar = {
        rad_id: varde
        for rad_id, varde in belopp.items()
        if (befintliga[rad_id].belopp if rad_id in befintliga else None) != varde
    }
    if not andringar:
        return 0
    bump_locked(version, expected_version=expected_version)
    nya, andrade, borttagna = [], [], []
    for rad_id, varde in andringar.items():
        obj = befintliga.get(rad_id)
        if varde is None:
            borttagna.append(obj)
            continue
        if obj is None:
            obj = Budgetbelopp(version=version, rad_id=rad_id)
            nya.append(obj)
        else:
            andrade.append(obj)
        obj.belopp = varde
        # Version and line are checked above; one amount per line is kept by `befintliga`.
        obj.full_clean(exclude=["version", "rad"], validate_constraints=False)
    # One history row per changed amount, written in bulk (one save per row took eight
    # queries: 10 000 lines of an import took 25 s).
    skriv_med_historik(
        Budgetbelopp,
        nya=nya,
        andrade=andrade,
        falt=["belopp"],
        borttagna=borttagna,
        forbund_id=version.forbund_id,
        foralder="version_id",
    )
    return len(andringar)


# --- groups and lines ----------------------------------------------------------------------


@transaction.atomic
def budgetgrupp_save(*, grupp: Budgetgrupp, expected_version: int) -> Budgetgrupp:
    """Create (no pk) or update a group. It cannot be placed under itself or below it."""
    _require_forbund(grupp.forbund_id, "overordnad", [grupp.overordnad])
    if (
        grupp.pk is not None
        and grupp.overordnad_id is not None
        and grupp.overordnad_id in underordnade_grupper(grupp)
    ):
        raise ValidationError(
            {"overordnad": _("En grupp kan inte ligga under sig själv eller sina undergrupper.")}
        )
    grupp.full_clean()
    return save_locked(grupp, expected_version=expected_version)


@transaction.atomic
def budgetrad_save(*, rad: Budgetrad, expected_version: int) -> Budgetrad:
    """Create (no pk) or update a line."""
    _require_forbund(rad.forbund_id, "grupp", [rad.grupp])
    _require_forbund(rad.forbund_id, "insats", [rad.insats])
    rad.full_clean()
    return save_locked(rad, expected_version=expected_version)


@transaction.atomic
def budgetrad_delete(*, rad: Budgetrad, expected_version: int) -> None:
    """Remove a line and its plan amounts. Refused when a budget or tilläggsbudget has an
    amount on it: a decided budget must stay as it was decided (close the line instead)."""
    anvand = ValidationError(
        _("Raden används i en beslutad budget och kan inte tas bort – stäng den i stället.")
    )
    if rad.belopp.filter(version__typ__in=BESLUTADE_TYPER).exists():
        raise anvand
    bump_locked(rad, expected_version=expected_version)
    rad.belopp.exclude(version__typ__in=BESLUTADE_TYPER).delete()
    try:
        # An amount saved in a budget since the check above is protected by the database.
        rad.delete()
    except ProtectedError:
        raise anvand from None


@transaction.atomic
def budgettrad_kopiera(
    *, fran: Forbund, till: Forbund
) -> tuple[dict[int, Budgetgrupp], dict[int, Budgetrad]]:
    """Copy `fran`'s budget tree (groups and lines, closed ones too) to `till`: names,
    types, sum rows and order, never an amount and never a line's link to an insats (the
    insatser are `fran`'s own). Returns {old pk: new object} for groups and for lines, so
    that a document's table structure can be copied with them."""
    grupper: dict[int, Budgetgrupp] = {}
    kvar = list(Budgetgrupp.objects.filter(forbund=fran).order_by("ordning", "pk"))
    while kvar:
        klara = [g for g in kvar if g.overordnad_id is None or g.overordnad_id in grupper]
        for g in klara or kvar:  # a cycle made outside the app: the rest at the top
            grupper[g.pk] = budgetgrupp_save(
                grupp=Budgetgrupp(
                    forbund=till,
                    overordnad=grupper.get(g.overordnad_id),
                    namn=g.namn,
                    typ=g.typ,
                    visa_rubrik=g.visa_rubrik,
                    summa_etikett=g.summa_etikett,
                    ordning=g.ordning,
                    stangd=g.stangd,
                ),
                expected_version=0,
            )
            kvar.remove(g)
    rader = {
        r.pk: budgetrad_save(
            rad=Budgetrad(
                forbund=till,
                grupp=grupper[r.grupp_id],
                namn=r.namn,
                kategori=r.kategori,
                ordning=r.ordning,
                stangd=r.stangd,
            ),
            expected_version=0,
        )
        for r in Budgetrad.objects.filter(forbund=fran).order_by("ordning", "pk")
    }
    return grupper, rader
