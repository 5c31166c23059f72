"""Optimistic locking: a save based on an outdated copy is refused, not silently applied."""

from django.db import transaction
from django.utils.translation import gettext as _


class ConflictError(Exception):
    """Someone else saved the object after this user loaded it."""

    def __init__(self, obj, message=None):
        self.obj = obj
        super().__init__(
            message
            or _(
                "Någon annan har sparat ändringar i %(objekt)s sedan du öppnade sidan. "
                "Dina ändringar är inte sparade men finns kvar i formuläret. Öppna sidan i "
                "en ny flik för att se den nya versionen och för sedan över det som behövs."
            )
            % {"objekt": obj}
        )


@transaction.atomic
def save_locked(obj, *, expected_version: int, update_fields=None):
    """Save `obj` if its stored lock_version still equals `expected_version`, else raise.

    The check and the bump happen in one UPDATE so that two simultaneous saves cannot
    both succeed. New objects (no pk) are simply inserted.
    """
    model = type(obj)
    if obj.pk is None:
        obj.lock_version = 0
        obj.save()
        return obj
    updated = model._default_manager.filter(pk=obj.pk, lock_version=expected_version).update(
        lock_version=expected_version + 1
    )
    if updated != 1:
        raise ConflictError(obj)
    obj.lock_version = expected_version + 1
    obj.save(update_fields=update_fields)
    return obj


@transaction.atomic
def bump_locked(obj, *, expected_version: int):
    """Claim `obj` for a change made elsewhere (e.g. its child rows); raise if outdated."""
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, lock_version=expected_version).update(
        lock_version=expected_version + 1
    )
    if updated != 1:
        raise ConflictError(obj)
    obj.lock_version = expected_version + 1
    return obj
