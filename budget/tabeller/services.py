"""Writes for the documents' table structures and medel till förfogande.

A structure's groups and rows are its parts: a change to one claims the structure
(finsam.concurrency.bump_locked), so two people editing the same structure cannot both win,
and a structure that an adopted document uses cannot change until the document is reopened.
A save that changes nothing writes nothing.
"""

from __future__ import annotations

from django.db import transaction

from budget.models import Budgetgrupp, Budgetrad, Tabellgrupp, Tabellrad, Tabellstruktur
from finsam.concurrency import bump_locked, check_version, save_locked, stored_differs


@transaction.atomic
def struktur_fran_tradet(*, forbund, dokument: str, ar: int) -> Tabellstruktur:
    """A new structure for the document and year, copied from the budget tree: every group
    with its name, heading and sum row, every line in its group."""
    struktur = save_locked(
        Tabellstruktur(forbund=forbund, dokument=dokument, ar=ar), expected_version=0
    )
    grupper = list(Budgetgrupp.objects.filter(forbund=forbund).order_by("ordning", "pk"))
    nya: dict[int, Tabellgrupp] = {}
    kvar = list(grupper)
    # Parents first, so each copy can point at its parent's copy.
    while kvar:
        for g in [g for g in kvar if g.overordnad_id is None or g.overordnad_id in nya]:
            nya[g.pk] = Tabellgrupp.objects.create(
                struktur=struktur,
                overordnad=nya.get(g.overordnad_id),
                namn=g.namn,
                typ=g.typ,
                visa_rubrik=g.visa_rubrik,
                summa_etikett=g.summa_etikett,
                ordning=g.ordning,
            )
            kvar.remove(g)
        if kvar and not any(g.overordnad_id in nya for g in kvar):
            for g in kvar:  # a cycle made outside the app: put the rest at the top
                g.overordnad_id = None
    Tabellrad.objects.bulk_create(
        Tabellrad(grupp=nya[r.grupp_id], budgetrad=r, ordning=r.ordning)
        for r in Budgetrad.objects.filter(forbund=forbund).order_by("ordning", "pk")
        if r.grupp_id in nya
    )
    return struktur


@transaction.atomic
def struktur_kopiera(*, fran: Tabellstruktur, ar: int) -> Tabellstruktur:
    """A copy of `fran` for another year of the same document."""
    struktur = save_locked(
        Tabellstruktur(
            forbund_id=fran.forbund_id,
            dokument=fran.dokument,
            ar=ar,
            anteckning=fran.anteckning,
            visa_totaler=fran.visa_totaler,
        ),
        expected_version=0,
    )
    nya: dict[int, Tabellgrupp] = {}
    kvar = list(fran.grupper.order_by("ordning", "pk"))
    while kvar:
        klara = [g for g in kvar if g.overordnad_id is None or g.overordnad_id in nya]
        if not klara:
            klara = kvar
        for g in klara:
            gammal = g.pk
            nya[gammal] = Tabellgrupp.objects.create(
                struktur=struktur,
                overordnad=nya.get(g.overordnad_id),
                namn=g.namn,
                typ=g.typ,
                visa_rubrik=g.visa_rubrik,
                summa_etikett=g.summa_etikett,
                dold=g.dold,
                ordning=g.ordning,
            )
            kvar.remove(g)
    Tabellrad.objects.bulk_create(
        Tabellrad(
            grupp=nya[r.grupp_id],
            budgetrad_id=r.budgetrad_id,
            budgetgrupp_id=r.budgetgrupp_id,
            etikett=r.etikett,
            ordning=r.ordning,
        )
        for r in Tabellrad.objects.filter(grupp__struktur=fran)
    )
    return struktur


@transaction.atomic
def del_spara(obj, *, struktur: Tabellstruktur, expected_version: int):
    """Save a group or row of `struktur` (new or changed), claiming the structure; a save
    that changes nothing only checks the version."""
    if obj.pk is not None and not stored_differs(obj):
        check_version(struktur, expected_version=expected_version)
        return obj
    bump_locked(struktur, expected_version=expected_version)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def del_ta_bort(obj, *, struktur: Tabellstruktur, expected_version: int) -> None:
    """Remove a group (with its rows and subgroups) or a row of `struktur`."""
    bump_locked(struktur, expected_version=expected_version)
    obj.delete()


def struktur_for_id(forbund, pk) -> Tabellstruktur | None:
    return Tabellstruktur.objects.filter(forbund=forbund, pk=pk).first()


__all__ = [
    "del_spara",
    "del_ta_bort",
    "struktur_for_id",
    "struktur_fran_tradet",
    "struktur_kopiera",
    "strukturer_kopiera",
]


@transaction.atomic
def strukturer_kopiera(*, fran, till, grupper: dict, rader: dict) -> int:
    """Copy `fran`'s table structures (every document and year) to `till`, whose budget
    tree was copied from `fran` (`grupper`, `rader`: {old pk: copy}). A row pointing at a
    line or group that was not copied is left out. Returns how many structures."""
    antal = 0
    for s in Tabellstruktur.objects.filter(forbund=fran).order_by("dokument", "ar"):
        if Tabellstruktur.objects.filter(forbund=till, dokument=s.dokument, ar=s.ar).exists():
            continue
        ny = save_locked(
            Tabellstruktur(
                forbund=till,
                dokument=s.dokument,
                ar=s.ar,
                visa_totaler=s.visa_totaler,
                anteckning=s.anteckning,
            ),
            expected_version=0,
        )
        nya: dict[int, Tabellgrupp] = {}
        kvar = list(s.grupper.order_by("ordning", "pk"))
        while kvar:
            klara = [g for g in kvar if g.overordnad_id is None or g.overordnad_id in nya]
            for g in klara or kvar:
                nya[g.pk] = Tabellgrupp.objects.create(
                    struktur=ny,
                    overordnad=nya.get(g.overordnad_id),
                    namn=g.namn,
                    typ=g.typ,
                    visa_rubrik=g.visa_rubrik,
                    summa_etikett=g.summa_etikett,
                    dold=g.dold,
                    ordning=g.ordning,
                )
                kvar.remove(g)
        kopior = []
        for r in Tabellrad.objects.filter(grupp__struktur=s).order_by("ordning", "pk"):
            budgetrad = rader.get(r.budgetrad_id) if r.budgetrad_id else None
            budgetgrupp = grupper.get(r.budgetgrupp_id) if r.budgetgrupp_id else None
            if budgetrad is None and budgetgrupp is None:
                continue
            kopior.append(
                Tabellrad(
                    grupp=nya[r.grupp_id],
                    budgetrad=budgetrad,
                    budgetgrupp=budgetgrupp,
                    etikett=r.etikett,
                    ordning=r.ordning,
                )
            )
        Tabellrad.objects.bulk_create(kopior)
        antal += 1
    return antal
