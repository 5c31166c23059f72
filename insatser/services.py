"""Writes for insatser, their bemanning and beslut, and the målområden.

Views call these; nothing else writes. A save of an existing row passes the
`lock_version` the user loaded, and an outdated one raises `ConflictError`.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.concurrency import bump_locked, save_locked
from finsam.models import Medlem, User
from insatser.models import MAX_BESLUTSAR, Bemanning, Beslut, Beslutsbelopp, Insats, Malomrade


def _require_forbund(forbund_id: int, field: str, objs: Iterable) -> None:
    """Refuse links to another förbund's members, målområden or users."""
    if any(obj is not None and obj.forbund_id != forbund_id for obj in objs):
        raise ValidationError({field: _("Välj bara bland förbundets egna uppgifter.")})


@transaction.atomic
def insats_save(
    *,
    insats: Insats,
    expected_version: int,
    deltagande_medlemmar: Iterable[Medlem] | None = None,
    kommuner: Iterable[Medlem] | None = None,
    styrgrupp: Iterable[User] | None = None,
) -> Insats:
    """Create (no pk) or update an insats; None leaves a many-to-many field as it is. A save
    that changes nothing writes nothing."""
    forbund_id = insats.forbund_id
    _require_forbund(forbund_id, "malomrade", [insats.malomrade])
    _require_forbund(forbund_id, "agare", [insats.agare])
    if deltagande_medlemmar is not None:
        deltagande_medlemmar = list(deltagande_medlemmar)
        _require_forbund(forbund_id, "deltagande_medlemmar", deltagande_medlemmar)
    if kommuner is not None:
        kommuner = list(kommuner)
        _require_forbund(forbund_id, "kommuner", kommuner)
        if any(not k.ar_kommun for k in kommuner):
            raise ValidationError({"kommuner": _("Välj bara kommuner.")})
    if styrgrupp is not None:
        styrgrupp = list(styrgrupp)
        _require_forbund(forbund_id, "styrgrupp", styrgrupp)
        if any(u.roll != User.Roll.STYRGRUPP for u in styrgrupp):
            raise ValidationError({"styrgrupp": _("Välj bara användare med rollen styrgrupp.")})
    insats.full_clean()
    nya_kopplingar = {
        "deltagande_medlemmar": deltagande_medlemmar,
        "kommuner": kommuner,
        "styrgrupp": styrgrupp,
    }
    andrade = {
        namn: objs
        for namn, objs in nya_kopplingar.items()
        if objs is not None
        and (
            insats.pk is None
            or {o.pk for o in objs} != set(getattr(insats, namn).values_list("pk", flat=True))
        )
    }
    # Changed links are a change of the insats: they bump its version too.
    save_locked(insats, expected_version=expected_version, changed_elsewhere=bool(andrade))
    for namn, objs in andrade.items():
        getattr(insats, namn).set(objs)
    return insats


@transaction.atomic
def bemanning_save(*, bemanning: Bemanning, expected_version: int) -> Bemanning:
    """Create (no pk) or update a bemanning row of an insats."""
    _require_forbund(bemanning.insats.forbund_id, "arbetsgivare", [bemanning.arbetsgivare])
    bemanning.full_clean()
    return save_locked(bemanning, expected_version=expected_version)


@transaction.atomic
def bemanning_delete(*, bemanning: Bemanning, expected_version: int) -> None:
    """Remove a bemanning row, unless someone changed it after the user loaded it."""
    bump_locked(bemanning, expected_version=expected_version)
    bemanning.delete()


@transaction.atomic
def beslut_save(*, beslut: Beslut, belopp_per_ar: dict[int, int], expected_version: int) -> Beslut:
    """Create (no pk) or update a board decision on an insats with its amount for each
    year from `forsta_ar` to `sista_ar` (`belopp_per_ar`: {år: kronor ≥ 0}, exactly those
    years). Rows of years the decision no longer covers are removed."""
    beslut.full_clean()
    if beslut.sista_ar - beslut.forsta_ar + 1 > MAX_BESLUTSAR:
        raise ValidationError(
            {"sista_ar": _("Ett beslut kan gälla högst %(antal)s år.") % {"antal": MAX_BESLUTSAR}}
        )
    ar_lista = beslut.ar_lista
    if sorted(belopp_per_ar) != ar_lista:
        raise ValidationError(_("Ange ett belopp för varje år som beslutet gäller."))
    if any(belopp is None or belopp < 0 for belopp in belopp_per_ar.values()):
        raise ValidationError(_("Ett beslutat belopp kan inte vara negativt."))
    sparade = {b.ar: b for b in beslut.beslutsbelopp.all()} if beslut.pk else {}
    andrat = {ar: b.belopp for ar, b in sparade.items()} != belopp_per_ar
    beslut = save_locked(beslut, expected_version=expected_version, changed_elsewhere=andrat)
    if andrat:
        for ar, rad in sparade.items():
            if ar not in belopp_per_ar:
                rad.delete()
        for ar, belopp in belopp_per_ar.items():
            rad = sparade.get(ar) or Beslutsbelopp(beslut=beslut, ar=ar, belopp=belopp)
            if rad.pk is None or rad.belopp != belopp:
                rad.belopp = belopp
                rad.full_clean()
                rad.save()
    return beslut


@transaction.atomic
def beslut_delete(*, beslut: Beslut, expected_version: int) -> None:
    bump_locked(beslut, expected_version=expected_version)
    beslut.delete()


@transaction.atomic
def malomrade_save(*, malomrade: Malomrade, expected_version: int) -> Malomrade:
    """Create (no pk) or update a målområde."""
    malomrade.full_clean()
    return save_locked(malomrade, expected_version=expected_version)


@transaction.atomic
def malomraden_kopiera(*, fran, till) -> int:
    """Copy `fran`'s målområden (name, description, order) to `till`, skipping a name
    `till` already has. Not the insatser: they are `fran`'s own work. Returns how many."""
    har = set(Malomrade.objects.filter(forbund=till).values_list("namn", flat=True))
    antal = 0
    for m in Malomrade.objects.filter(forbund=fran).order_by("ordning", "pk"):
        if m.namn in har:
            continue
        malomrade_save(
            malomrade=Malomrade(
                forbund=till, namn=m.namn, beskrivning=m.beskrivning, ordning=m.ordning
            ),
            expected_version=0,
        )
        antal += 1
    return antal
