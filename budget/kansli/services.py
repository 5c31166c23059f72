"""Writes of the kansli's staff: every save is validated and optimistically locked."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


@transaction.atomic
def kanslitjanster_kopiera(*, forbund, fran_ar: int, till_ar: int) -> list[Kanslitjanst]:
    """Start year `till_ar` from the positions of `fran_ar`: the same roles and FTE, with the
    split the utfall of `fran_ar` showed as the new budget's split. Refused when `till_ar`
    already has positions or `fran_ar` has none, so a second click changes nothing."""
    if Kanslitjanst.objects.filter(forbund=forbund, ar=till_ar).exists():
        raise ValidationError(_("%(ar)s har redan tjänster.") % {"ar": till_ar})
    kallor = list(
        Kanslitjanst.objects.filter(forbund=forbund, ar=fran_ar).order_by("ordning", "pk")
    )
    if not kallor:
        raise ValidationError(_("%(ar)s har inga tjänster att utgå från.") % {"ar": fran_ar})
    nya = []
    for t in kallor:
        ny = Kanslitjanst(
            forbund=forbund,
            ar=till_ar,
            roll=t.roll,
            namn=t.namn,
            tjanstgoringsgrad=t.tjanstgoringsgrad,
            anstallningsform=t.anstallningsform,
            andel_administration=t.andel_admin(utfall=True),
            ordning=t.ordning,
        )
        nya.append(kanslitjanst_save(tjanst=ny, expected_version=0))
    return nya
