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


@transaction.atomic
def matt_kopiera(*, fran, till) -> int:
    """Copy `fran`'s measures (what the participant reports ask, with their groups and
    checks) to `till`, skipping a code `till` already has. No reported figure is copied.
    Returns how many."""
    nya: dict[int, Matt] = {}
    har = {m.kod: m for m in Matt.objects.filter(forbund=till)}
    kallor = list(Matt.objects.filter(forbund=fran).order_by("ordning", "pk"))
    kod = {m.pk: m.kod for m in kallor}
    # Those compared with no other first, so `jamfor_med` can point at the copy.
    for m in sorted(kallor, key=lambda m: m.jamfor_med_id is not None):
        if m.kod in har:
            continue
        jamfor = None
        if m.jamfor_med_id is not None:
            jamfor = nya.get(m.jamfor_med_id) or har.get(kod.get(m.jamfor_med_id))
        nya[m.pk] = matt_save(
            matt=Matt(
                forbund=till,
                kod=m.kod,
                namn=m.namn,
                grupp=m.grupp,
                insatstyper=list(m.insatstyper),
                per_kon=m.per_kon,
                slag=m.slag,
                jamfor_med=jamfor,
                regel=m.regel,
                max_varde=m.max_varde,
                hjalptext=m.hjalptext,
                ordning=m.ordning,
                aktiv=m.aktiv,
            ),
            expected_version=0,
        )
    return len(nya)
