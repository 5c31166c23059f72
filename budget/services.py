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
            cursor.executemany(
                f"DELETE FROM {_tabell(conn, model)} WHERE {_kolumn(conn, model._meta.pk)} = %s",
                [(obj.pk,) for obj in borttagna],
            )
        if andrade:
            falten = [model._meta.get_field(f) for f in falt]
            satt = ", ".join(f"{_kolumn(conn, f)} = %s" for f in falten)
            cursor.executemany(
                f"UPDATE {_tabell(conn, model)} SET {satt} "
                f"WHERE {_kolumn(conn, model._meta.pk)} = %s",
                [[*_varden(conn, obj, falten), obj.pk] for obj in andrade],
            )
            _historik(cursor, conn, historik, andrade, "~", nu, forbund_id)
        if nya:
            falten = [f for f in model._meta.concrete_fields if not f.primary_key]
            cursor.executemany(
                _insert(conn, model, falten), [_varden(conn, obj, falten) for obj in nya]
            )
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


def _insert(conn, model, falten) -> str:
    kolumner = ", ".join(_kolumn(conn, f) for f in falten)
    return (
        f"INSERT INTO {_tabell(conn, model)} ({kolumner}) "
        f"VALUES ({', '.join(['%s'] * len(falten))})"
    )


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
    falten = [f for f in historik._meta.concrete_fields if f.attname != "history_id"]
    sparade = [f.attname for f in historik.tracked_fields]
    # The request's user, as simple-history finds it for a save (an object may name its
    # own in `_history_user`); asked once, not once per row.
    standard = historik.get_default_history_user(objs[0])
    skickade = []
    for obj in objs:
        anvandare = getattr(obj, "_history_user", standard)
        datum = getattr(obj, "_history_date", nu)
        orsak = get_change_reason_from_object(obj)
        rad = historik(
            history_date=datum,
            history_type=typ,
            history_user=anvandare,
            history_change_reason=orsak,
            **{namn: getattr(obj, namn) for namn in sparade},
        )
        if hasattr(rad, "forbund_id") and rad.forbund_id is None:
            rad.forbund_id = forbund_id
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
    cursor.executemany(
        _insert(conn, historik, falten),
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
