"""Optimistic locking: a save based on an outdated copy is refused, not silently applied."""

import zlib
from collections.abc import Callable

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


class LastError(ConflictError):
    """The object is part of what an adopted report was built from (finsam.models.Underlagslas)
    and cannot change until the report is reopened with a reason."""

    def __init__(self, obj, utgava):
        self.utgava = utgava
        beslut = ""
        if utgava.beslutsdatum:
            beslut = " " + _("fastställd av styrelsen %(datum)s") % {
                "datum": utgava.beslutsdatum.isoformat()
            }
            if utgava.paragraf:
                beslut += " " + utgava.paragraf
        super().__init__(
            obj,
            _(
                "Uppgifterna ingår i %(rapport)s,%(beslut)s. De är låsta och ändringen är inte "
                "sparad. Öppna rapporten igen under Rapporter (med en motivering) för att ändra."
            )
            % {"rapport": utgava, "beslut": beslut},
        )


# --- what can be locked: registered by the apps, so the ground floor names none of them --

#: Labels ("app_label.Model") of the models an adopted document can lock.
_lockable: set[str] = set()
#: Functions obj -> the adopted edition that locks obj, or None.
_lock_lookups: list[Callable] = []


def register_lockable(model_label: str) -> None:
    """Say that objects of `model_label` ("app_label.Model") can be locked by an adopted
    document, so saves of them ask the lock lookups. Call it from AppConfig.ready()."""
    _lockable.add(model_label)


def register_lock_lookup(lookup: Callable) -> None:
    """Add `lookup(obj)`, which answers the adopted edition (with `beslutsdatum` and
    `paragraf`) that locks `obj`, or None. Call it from AppConfig.ready()."""
    if lookup not in _lock_lookups:
        _lock_lookups.append(lookup)


def is_lockable(model) -> bool:
    return model._meta.label in _lockable


def check_unlocked(obj):
    """Raise LastError if an adopted report locks `obj`. No query for other models."""
    if not is_lockable(obj):
        return
    for lookup in _lock_lookups:
        utgava = lookup(obj)
        if utgava is not None:
            raise LastError(obj, utgava)


def stored_differs(obj, fields=None) -> bool:
    """Whether `obj`'s field values (all concrete fields but lock_version, or the named
    `fields`) differ from its stored row. True for an object that is not stored."""
    if obj.pk is None:
        return True
    model = type(obj)
    falt = [
        f
        for f in model._meta.concrete_fields
        if f.attname != "lock_version"
        and (fields is None or f.name in fields or f.attname in fields)
    ]
    stored = model._base_manager.filter(pk=obj.pk).values(*[f.attname for f in falt]).first()
    if stored is None:
        return True
    return any(getattr(obj, f.attname) != stored[f.attname] for f in falt)


def check_version(obj, *, expected_version) -> None:
    """Refuse a save that changes nothing exactly as a real one would be refused, without
    writing anything: LastError if an adopted report locks `obj`, ConflictError unless its
    stored lock_version equals `expected_version` (a missing version, None, is refused like
    an outdated one)."""
    check_unlocked(obj)
    if obj.pk is None:
        return
    if (
        not _valid_version(expected_version)
        or not type(obj)._default_manager.filter(pk=obj.pk, lock_version=expected_version).exists()
    ):
        raise ConflictError(obj)


def tillstandsversion(*varden) -> int:
    """A version number for what has no lock_version of its own (a user's name and role,
    what a steering-group member reports for): a CRC-32 of the values the
    page shows, within the range a LockVersionField accepts. A form carries it as its
    hidden `lock_version_loaded`; `check_tillstand` refuses the save when the stored values
    no longer give the same number."""
    return zlib.crc32(repr(varden).encode()) & 0x7FFFFFFE


def check_tillstand(obj, *, expected_version, nuvarande: int) -> None:
    """ConflictError unless `expected_version` is the `tillstandsversion` of the stored
    values now (`nuvarande`); a missing version, None, is refused like an outdated one."""
    if not _valid_version(expected_version) or expected_version != nuvarande:
        raise ConflictError(obj)


def _valid_version(version) -> bool:
    return isinstance(version, int) and not isinstance(version, bool) and 0 <= version < 2**31 - 1


@transaction.atomic
def save_locked(obj, *, expected_version: int, update_fields=None, changed_elsewhere=False):
    """Save `obj` if its stored lock_version still equals `expected_version`, else raise.

    The check and the bump happen in one UPDATE so that two simultaneous saves cannot
    both succeed. New objects (no pk) are simply inserted. A save that changes nothing
    writes nothing (no new lock_version, no history row) but is still refused when
    outdated; `changed_elsewhere` says that something belonging to `obj` (e.g. its rows
    or many-to-many links) changes with it, so the version is bumped anyway.
    """
    model = type(obj)
    if obj.pk is not None and not changed_elsewhere and not stored_differs(obj, update_fields):
        check_version(obj, expected_version=expected_version)
        obj.lock_version = expected_version
        return obj
    check_unlocked(obj)
    if obj.pk is None:
        obj.lock_version = 0
        obj.save()
        return obj
    if not _valid_version(expected_version):
        raise ConflictError(obj)
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
    """Claim `obj` for a change made elsewhere (e.g. its child rows); raise if outdated or
    locked by an adopted report. Call it only when something does change: a save that
    changes nothing calls `check_version` instead."""
    check_unlocked(obj)
    if not _valid_version(expected_version):
        raise ConflictError(obj)
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, lock_version=expected_version).update(
        lock_version=expected_version + 1
    )
    if updated != 1:
        raise ConflictError(obj)
    obj.lock_version = expected_version + 1
    return obj
