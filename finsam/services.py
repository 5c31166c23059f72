"""Writes for the förbund and its members. Views call these; nothing else writes."""

from django.db import transaction

from finsam.concurrency import save_locked
from finsam.models import Befolkning, Forbund, Medlem


@transaction.atomic
def forbund_update(*, forbund: Forbund, expected_version: int, **fields) -> Forbund:
    for name, value in fields.items():
        setattr(forbund, name, value)
    forbund.full_clean()
    return save_locked(forbund, expected_version=expected_version)


@transaction.atomic
def medlem_save(*, medlem: Medlem, expected_version: int) -> Medlem:
    """Create (no pk) or update a member; an update based on an old copy is refused."""
    medlem.full_clean()
    return save_locked(medlem, expected_version=expected_version)


@transaction.atomic
def befolkning_set(*, medlem: Medlem, ar: int, antal: int | None) -> Befolkning | None:
    """Store a kommun's population for a year; None removes it. An unchanged value is not
    written."""
    if antal is None:
        Befolkning.objects.filter(medlem=medlem, ar=ar).delete()
        return None
    obj = Befolkning.objects.filter(medlem=medlem, ar=ar).first() or Befolkning(
        medlem=medlem, ar=ar
    )
    if obj.pk is not None and obj.antal == antal:
        return obj
    obj.antal = antal
    obj.full_clean()
    obj.save()
    return obj
