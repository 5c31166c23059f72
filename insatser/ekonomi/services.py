"""Writes for the insats-level economy: the rekvisitioner (payouts) of an insats.

Views call these; nothing else writes. A save of an existing row passes the
`lock_version` the user loaded, and an outdated one raises `ConflictError`.
"""

from django.db import transaction

from finsam.concurrency import bump_locked, save_locked
from insatser.models import Externfinansiering, Rekvisition


@transaction.atomic
def rekvisition_save(*, rekvisition: Rekvisition, expected_version: int) -> Rekvisition:
    """Create (no pk) or update a rekvisition (payout) of an insats."""
    rekvisition.full_clean()
    return save_locked(rekvisition, expected_version=expected_version)


@transaction.atomic
def rekvisition_delete(*, rekvisition: Rekvisition, expected_version: int) -> None:
    """Remove a rekvisition, unless someone changed it after the user loaded it."""
    bump_locked(rekvisition, expected_version=expected_version)
    rekvisition.delete()


@transaction.atomic
def externfinansiering_save(
    *, finansiering: Externfinansiering, expected_version
) -> Externfinansiering:
    """Create (no pk) or update an insats's external funding. Validates the period (from ≤
    to, years 2000–2100) and the amounts (≥ 0, paid out at most what was granted)."""
    for namn in ("finansiar", "benamning", "projektagare", "anteckning"):
        setattr(finansiering, namn, getattr(finansiering, namn).strip())
    finansiering.full_clean()
    return save_locked(finansiering, expected_version=expected_version)


@transaction.atomic
def externfinansiering_delete(*, finansiering: Externfinansiering, expected_version) -> None:
    bump_locked(finansiering, expected_version=expected_version)
    finansiering.delete()
