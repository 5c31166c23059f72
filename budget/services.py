"""Writes for the budget: versions, their amounts, and the groups and lines.

Views call these; nothing else writes. A save of an existing row passes the
`lock_version` the user loaded, and an outdated one raises `ConflictError`. Amounts are
whole kronor (int), never float.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

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
    egna = set(
        Budgetrad.objects.filter(forbund_id=version.forbund_id, pk__in=list(belopp)).values_list(
            "pk", flat=True
        )
    )
    if set(belopp) - egna:
        raise ValidationError(_("Välj bara bland förbundets egna budgetrader."))
    befintliga = {b.rad_id: b for b in version.belopp.filter(rad_id__in=list(belopp))}
    andringar = {
        rad_id: varde
        for rad_id, varde in belopp.items()
        if (befintliga[rad_id].belopp if rad_id in befintliga else None) != varde
    }
    if not andringar:
        return 0
    bump_locked(version, expected_version=expected_version)
    for rad_id, varde in andringar.items():
        obj = befintliga.get(rad_id)
        if varde is None:
            obj.delete()
            continue
        if obj is None:
            obj = Budgetbelopp(version=version, rad_id=rad_id)
        obj.belopp = varde
        # Version and line are checked above; one amount per line is kept by `befintliga`.
        obj.full_clean(exclude=["version", "rad"])
        obj.save()
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
