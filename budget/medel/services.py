"""Medelstilldelning: the writes (a year's tilldelning and its key values).

The arithmetic is in `budget.medel.fordelning`; a save is refused when the year's parts
cannot be computed from what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.medel import selectors
from budget.medel.fordelning import Fordelning, Vikt, kontrollera_andelar
from budget.models import Fordelningsandel, Medelstilldelning
from finsam.concurrency import save_locked
from finsam.models import Befolkning, Forbund, Medlem
from finsam.services import befolkning_set


def _nycklar_set(mt: Medelstilldelning, nycklar: Mapping[int, Vikt | None]) -> int:
    """Store the key values typed for the kommuner: population for the key's year
    (Befolkning, shared with the member pages) or the förbund's own weights. Returns how
    many values changed; an unchanged value is not written."""
    kommuner = {
        m.pk: m
        for m in Medlem.objects.filter(
            forbund_id=mt.forbund_id, typ=Medlem.Typ.KOMMUN, pk__in=list(nycklar)
        )
    }
    if set(nycklar) - set(kommuner):
        raise ValidationError(_("Välj bara bland förbundets egna kommuner."))
    andrade = 0
    if mt.nyckel == Medelstilldelning.Nyckel.FOLKMANGD:
        ar = mt.befolkningsar or mt.ar
        lagrade = dict(
            Befolkning.objects.filter(medlem_id__in=list(nycklar), ar=ar).values_list(
                "medlem_id", "antal"
            )
        )
        for pk, varde in nycklar.items():
            if varde is not None and lagrade.get(pk) != int(varde):
                befolkning_set(medlem=kommuner[pk], ar=ar, antal=int(varde))
                andrade += 1
        return andrade
    befintliga = {a.medlem_id: a for a in mt.andelar.filter(medlem_id__in=list(nycklar))}
    for pk, varde in nycklar.items():
        obj = befintliga.get(pk)
        if varde is None:
            if obj is not None:
                obj.delete()
                andrade += 1
            continue
        if obj is None:
            obj = Fordelningsandel(medelstilldelning=mt, medlem=kommuner[pk])
        elif obj.vikt == Decimal(varde):
            continue
        obj.vikt = Decimal(varde)
        obj.full_clean(exclude=["medelstilldelning", "medlem"])
        obj.save()
        andrade += 1
    return andrade


def _kontrollera(mt: Medelstilldelning) -> Fordelning:
    """Refuse (ValidationError) a tilldelning whose parts cannot be computed."""
    return selectors.fordelning(mt)


@transaction.atomic
def medelstilldelning_create(
    *,
    forbund: Forbund,
    ar: int,
    statens_bidrag: int,
    region_procent: Decimal,
    kommuner_procent: Decimal,
    nyckel: str = Medelstilldelning.Nyckel.FOLKMANGD,
    befolkningsar: int | None = None,
    beslutsdatum: date | None = None,
    anmarkning: str = "",
    nycklar: Mapping[int, Vikt | None] | None = None,
) -> Medelstilldelning:
    """Create a year's tilldelning with its key values ({kommun id: value})."""
    mt = Medelstilldelning(
        forbund=forbund,
        ar=ar,
        statens_bidrag=statens_bidrag,
        region_procent=region_procent,
        kommuner_procent=kommuner_procent,
        nyckel=nyckel,
        befolkningsar=befolkningsar,
        beslutsdatum=beslutsdatum,
        anmarkning=anmarkning,
    )
    return medelstilldelning_save(medelstilldelning=mt, expected_version=0, nycklar=nycklar)


@transaction.atomic
def medelstilldelning_save(
    *,
    medelstilldelning: Medelstilldelning,
    expected_version: int,
    nycklar: Mapping[int, Vikt | None] | None = None,
) -> Medelstilldelning:
    """Create (no pk) or update a tilldelning and its key values. Refused with a Swedish
    ValidationError when the shares do not add up to 50 % or a kommun lacks a key value;
    with ConflictError when someone else saved it after `expected_version` was loaded."""
    mt = medelstilldelning
    kontrollera_andelar(mt.region_procent, mt.kommuner_procent)
    mt.full_clean()
    if mt.pk is None:
        save_locked(mt, expected_version=expected_version)
        if nycklar:
            _nycklar_set(mt, nycklar)
    else:
        # Changed key values are a change of the tilldelning: they bump its version too
        # (everything is undone when the save is refused).
        andrade = _nycklar_set(mt, nycklar) if nycklar else 0
        save_locked(mt, expected_version=expected_version, changed_elsewhere=andrade > 0)
    _kontrollera(mt)
    return mt
