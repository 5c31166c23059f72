"""Writes of the budgeted participants per insats and year. Views call these; nothing else
writes. The grid passes the fingerprint of the rows it was loaded with; an outdated one
raises ConflictError (a colleague saved in between)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.concurrency import ConflictError, bump_locked, save_locked
from insatser.models import Insats
from uppfoljning.models import BudgeteradeDeltagare
from uppfoljning.nationell.selectors import budgeterade_version


@transaction.atomic
def budgeterade_deltagare_save(
    *, forbund, ar: int, antal: dict[int, int | None], expected_version: str
) -> int:
    """Save a year's budgeted participants: `antal` maps insats id to the number, or None
    to remove a stored one. Insatser not in `antal` are left alone. Returns the number of
    rows written or removed; a grid posted unchanged writes nothing."""
    insatser = {i.pk: i for i in Insats.objects.filter(forbund=forbund, pk__in=list(antal))}
    if set(antal) - set(insatser):
        raise ValidationError(_("Välj bara bland förbundets egna insatser."))
    rader = list(
        BudgeteradeDeltagare.objects.select_for_update()
        .filter(insats__forbund=forbund, ar=ar)
        .order_by("pk")
    )
    if budgeterade_version(rader) != expected_version:
        raise ConflictError(_("budgeterat antal deltagare %(ar)s") % {"ar": ar})
    lagrade = {r.insats_id: r for r in rader}
    andrade = 0
    for insats_id, varde in antal.items():
        rad = lagrade.get(insats_id)
        if varde is None:
            if rad is not None:
                bump_locked(rad, expected_version=rad.lock_version)
                rad.delete()
                andrade += 1
            continue
        if rad is None:
            rad = BudgeteradeDeltagare(insats=insatser[insats_id], ar=ar)
        elif rad.antal == varde:
            continue
        rad.antal = varde
        rad.full_clean()
        save_locked(rad, expected_version=rad.lock_version)
        andrade += 1
    return andrade
