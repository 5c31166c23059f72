"""Writes of the measures (Matt): a measure the kansli edits. The standard catalogue is
created by `uppfoljning.matt.katalog.skapa_standardmatt`."""

from django.db import transaction

from finsam.concurrency import save_locked
from uppfoljning.models import Matt


@transaction.atomic
def matt_save(*, matt: Matt, expected_version: int) -> Matt:
    """Create (no pk) or update a measure; refused (ConflictError) when someone else saved
    it after `expected_version` was loaded."""
    matt.full_clean()
    return save_locked(matt, expected_version=expected_version)
