"""Writes of the target-group statistics. Views call these; nothing else writes.

A save passes the lock_version (one row) or the table fingerprint (the grid) the user
loaded; an outdated one raises ConflictError, a row an adopted verksamhetsplan printed
raises LastError (finsam.concurrency).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from finsam.concurrency import ConflictError, bump_locked, save_locked
from uppfoljning.malgrupper.selectors import tabellversion
from uppfoljning.models import Malgruppsstatistik


@transaction.atomic
def statistik_save(*, rad: Malgruppsstatistik, expected_version) -> Malgruppsstatistik:
    """Create (no pk) or update one value. Validates (year range, kommun of the förbund,
    amount ≥ 0, one value per kommun, year, age group and kind)."""
    rad.kalla = rad.kalla.strip()
    rad.full_clean()
    return save_locked(rad, expected_version=expected_version)


@transaction.atomic
def statistik_delete(*, rad: Malgruppsstatistik, expected_version) -> None:
    bump_locked(rad, expected_version=expected_version)
    rad.delete()


@transaction.atomic
def tabell_save(
    *,
    forbund,
    ar: int,
    aldersgrupp: str,
    celler: dict[tuple[int, str], tuple[Decimal, Decimal | None] | None],
    kalla: str,
    expected_version: str,
    medlemmar: dict,
) -> int:
    """Save a whole year's table for one age group: `celler` maps (medlem id, kategori) to
    (helårsekvivalenter, andel) or None for an empty cell (a stored value is removed).
    Cells not in `celler` are left alone. Returns the number of rows written or removed; a
    table posted unchanged writes nothing. `kalla` applies to every row written."""
    rader = list(
        Malgruppsstatistik.objects.select_for_update()
        .filter(forbund=forbund, ar=ar, aldersgrupp=aldersgrupp)
        .order_by("pk")
    )
    if tabellversion(rader) != expected_version:
        raise ConflictError(
            _("tabellen %(ar)s, %(grupp)s")
            % {"ar": ar, "grupp": Malgruppsstatistik.Aldersgrupp(aldersgrupp).label}
        )
    lagrade = {(r.medlem_id, r.kategori): r for r in rader}
    kalla = kalla.strip()
    andrade = 0
    for (medlem_id, kategori), varde in celler.items():
        rad = lagrade.get((medlem_id, kategori))
        if varde is None:
            if rad is not None:
                statistik_delete(rad=rad, expected_version=rad.lock_version)
                andrade += 1
            continue
        helar, andel = varde
        if rad is None:
            rad = Malgruppsstatistik(
                forbund=forbund,
                medlem=medlemmar[medlem_id],
                ar=ar,
                aldersgrupp=aldersgrupp,
                kategori=kategori,
            )
        elif rad.helarsekvivalenter == helar and rad.andel == andel and rad.kalla == kalla:
            continue
        rad.helarsekvivalenter, rad.andel, rad.kalla = helar, andel, kalla
        statistik_save(rad=rad, expected_version=rad.lock_version)
        andrade += 1
    return andrade
