"""Writes for the budget cycle: starting next year's budget from the plan or this year.

Views call these; nothing else writes.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from budget.models import Budgetversion
from budget.selectors import aktuell_version, versionstabell
from budget.services import budgetversion_create
from finsam.models import Forbund


def kalla_for_nasta_ar(forbund: Forbund, ar: int) -> Budgetversion | None:
    """What year `ar`+1's budget starts from: its newest plan, else year `ar`'s version in
    force (None when there is neither)."""
    plan = Budgetversion.objects.filter(forbund=forbund).senaste_for_ar(
        ar + 1, typer=[Budgetversion.Typ.PLAN]
    )
    return plan or aktuell_version(forbund, ar)


@transaction.atomic
def budget_start_next_year(
    *, forbund: Forbund, ar: int, beslutsdatum: date, paragraf: str = ""
) -> Budgetversion:
    """Create year `ar`+1's budget (typ budget) with the amounts of `kalla_for_nasta_ar`.

    Refused (ValidationError) when year `ar`+1 already has a budget or there is nothing
    to start from. The estimated eget kapital at the start of the new year is year `ar`'s
    estimated closing eget kapital, when year `ar`'s version in force has one.
    """
    nasta = ar + 1
    # Requests for the same förbund queue here (PostgreSQL: a row lock until commit), so the
    # second of two simultaneous requests sees the first one's budget and is refused. The
    # unique constraint on (förbund, år) for typ budget holds even without the lock.
    Forbund.objects.select_for_update().filter(pk=forbund.pk).first()
    if Budgetversion.objects.filter(
        forbund=forbund, ar=nasta, typ=Budgetversion.Typ.BUDGET
    ).exists():
        raise ValidationError(
            _("%(ar)s har redan en budget. Ändra den i stället eller gör en tilläggsbudget.")
            % {"ar": nasta}
        )
    kalla = kalla_for_nasta_ar(forbund, ar)
    if kalla is None:
        raise ValidationError(
            _("Det finns ingen plan för %(nasta)s och ingen budget för %(ar)s att utgå från.")
            % {"nasta": nasta, "ar": ar}
        )
    gallande = aktuell_version(forbund, ar)
    eget_kapital = versionstabell(gallande).eget_kapital_utgaende if gallande else None
    try:
        with transaction.atomic():
            return budgetversion_create(
                forbund=forbund,
                typ=Budgetversion.Typ.BUDGET,
                ar=nasta,
                beslutsdatum=beslutsdatum,
                paragraf=paragraf,
                motivering=_("Utkast utgående från %(kalla)s.") % {"kalla": kalla},
                eget_kapital_ingaende=eget_kapital,
                kopiera_fran=kalla,
            )
    except IntegrityError as e:  # another request made it between our check and our insert
        raise ValidationError(
            _("%(ar)s har redan en budget. Ändra den i stället eller gör en tilläggsbudget.")
            % {"ar": nasta}
        ) from e
