"""Writes of the kansli's staff: every save is validated and optimistically locked."""

from django.db import transaction

from budget.models import Kanslitjanst
from finsam.concurrency import bump_locked, save_locked


@transaction.atomic
def kanslitjanst_save(*, tjanst: Kanslitjanst, expected_version: int | None) -> Kanslitjanst:
    """Create (no pk) or update a position; FTE 0,01–1,00 and shares 0–100 (full_clean)."""
    tjanst.full_clean()
    return save_locked(tjanst, expected_version=expected_version)


@transaction.atomic
def kanslitjanst_delete(*, tjanst: Kanslitjanst, expected_version: int | None) -> None:
    bump_locked(tjanst, expected_version=expected_version)
    tjanst.delete()
