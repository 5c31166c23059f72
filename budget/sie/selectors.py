"""Reads of the SIE area: the mapping of every budget line, and the rules the import uses.

A fixed number of queries: the förbund's lines with their groups and mappings.
"""

from __future__ import annotations

from dataclasses import dataclass

from budget.models import Budgetrad, Kontomappning
from budget.sie.mappning import Regel, las_regel
from finsam.models import Forbund


@dataclass
class Mappningsrad:
    rad: Budgetrad
    mappning: Kontomappning | None


def mappningar(forbund: Forbund) -> list[Mappningsrad]:
    """Every line of the förbund in the budget's order (closed lines last), with its mapping."""
    rader = Budgetrad.objects.filter(forbund=forbund).select_related("grupp", "kontomappning")
    ut = []
    for rad in sorted(
        rader, key=lambda r: (r.stangd, r.grupp.ordning, r.grupp_id, r.ordning, r.pk)
    ):
        try:
            mappning = rad.kontomappning
        except Kontomappning.DoesNotExist:
            mappning = None
        ut.append(Mappningsrad(rad=rad, mappning=mappning))
    return ut


def regel(mappning: Kontomappning) -> Regel:
    return las_regel(
        rad_id=mappning.rad_id,
        namn=mappning.rad.namn,
        konton=mappning.konton,
        dimension=mappning.dimension,
        objekt=mappning.objekt,
    )


def regler(forbund: Forbund) -> list[Regel]:
    """The förbund's mappings as rules (each was validated when it was saved)."""
    qs = Kontomappning.objects.filter(forbund=forbund).select_related("rad")
    return [regel(m) for m in qs.order_by("rad__grupp__ordning", "rad__ordning", "rad_id")]
