"""Reads shared by the apps: the board and the auditors in office on a date."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from finsam.models import Fortroendevald


@dataclass
class Styrelsesammansattning:
    """The board and the auditors in office on a date."""

    datum: date
    ledamoter: list  # ordinarie, the chair first, then vice chair, then by member
    ersattare: list
    revisorer: list

    @property
    def ordforande(self):
        return next((v for v in self.ledamoter if v.uppdrag == "ordforande"), None)


def fortroendevalda_vid(forbund, datum: date) -> Styrelsesammansattning:
    """Who sat on the board and who audited on `datum`. One query."""
    valda = list(
        Fortroendevald.objects.filter(forbund=forbund, fran__lte=datum)
        .filter(Q(till__isnull=True) | Q(till__gte=datum))
        .select_related("medlem")
        .order_by(F("medlem__ordning").asc(nulls_last=True), "ordning", "namn")
    )
    rang = {"ordforande": 0, "vice_ordforande": 1, "ledamot": 2}
    ledamoter = sorted((v for v in valda if v.uppdrag in rang), key=lambda v: rang[v.uppdrag])
    return Styrelsesammansattning(
        datum=datum,
        ledamoter=ledamoter,
        ersattare=[v for v in valda if v.uppdrag == "ersattare"],
        revisorer=[v for v in valda if v.uppdrag == "revisor"],
    )
