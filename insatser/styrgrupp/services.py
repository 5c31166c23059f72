"""Writes: which insatser a steering-group user reports for."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.concurrency import check_tillstand, tillstandsversion
from finsam.models import User
from insatser.models import Insats
from insatser.services import insats_save


def styrgrupp_version(user: User) -> int:
    """The version of the user's set of insatser as the page shows it, for the form's hidden
    lock_version_loaded (a colleague may have changed an insats's steering group since)."""
    return tillstandsversion(
        user.roll, sorted(user.styrgrupp_insatser.values_list("pk", flat=True))
    )


@transaction.atomic
def styrgrupp_insatser_save(
    *, user: User, insatser: Iterable[Insats], expected_version: int | None
) -> list[Insats]:
    """Make `user` a member of the steering group of exactly `insatser` (of the user's
    förbund). Each insats whose group changes is saved through `insats_save`, so its
    version is bumped (a colleague's open form of it is refused, not overwritten) and the
    change is a row in its history. Refused (ConflictError) when the set shown to the user
    has changed since (`expected_version`). Returns the insatser that changed."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    check_tillstand(user, expected_version=expected_version, nuvarande=styrgrupp_version(user))
    if user.roll != User.Roll.STYRGRUPP or user.forbund_id is None:
        raise ValidationError(_("Bara användare med rollen styrgrupp har insatser att välja."))
    valda = {i.pk: i for i in insatser}
    if any(i.forbund_id != user.forbund_id for i in valda.values()):
        raise ValidationError({"insatser": _("Välj bara bland förbundets egna insatser.")})
    nuvarande = set(user.styrgrupp_insatser.values_list("pk", flat=True))
    andrade = []
    for insats in Insats.objects.select_for_update().filter(pk__in=nuvarande ^ set(valda)):
        grupp = set(insats.styrgrupp.values_list("pk", flat=True))
        grupp = grupp | {user.pk} if insats.pk in valda else grupp - {user.pk}
        insats_save(
            insats=insats,
            expected_version=insats.lock_version,
            styrgrupp=User.objects.filter(pk__in=grupp),
        )
        andrade.append(insats)
    return andrade
