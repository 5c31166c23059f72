"""Writes of the board's meetings and the important events: validated and optimistically
locked like every other write."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.concurrency import bump_locked, save_locked
from uppfoljning.models import Styrelsemote, Viktighandelse

FORSTA_AR, SISTA_AR = 2000, 2100


def _check_datum(datum) -> None:
    if datum is not None and not FORSTA_AR <= datum.year <= SISTA_AR:
        raise ValidationError(
            {
                "datum": _("Ange ett datum mellan år %(a)s och %(b)s.")
                % {"a": FORSTA_AR, "b": SISTA_AR}
            }
        )


@transaction.atomic
def styrelsemote_save(*, mote: Styrelsemote, expected_version: int | None) -> Styrelsemote:
    """Create (no pk) or update a meeting."""
    _check_datum(mote.datum)
    mote.full_clean()
    return save_locked(mote, expected_version=expected_version)


@transaction.atomic
def styrelsemote_delete(*, mote: Styrelsemote, expected_version: int | None) -> None:
    bump_locked(mote, expected_version=expected_version)
    mote.delete()


@transaction.atomic
def handelse_save(*, handelse: Viktighandelse, expected_version: int | None) -> Viktighandelse:
    """Create (no pk) or update an important event."""
    _check_datum(handelse.datum)
    handelse.full_clean()
    return save_locked(handelse, expected_version=expected_version)


@transaction.atomic
def handelse_delete(*, handelse: Viktighandelse, expected_version: int | None) -> None:
    bump_locked(handelse, expected_version=expected_version)
    handelse.delete()
