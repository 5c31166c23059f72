"""Demo board members and auditors (invented names) for the demo förbund.

finsam.demo_styrelse.load(forbund)   # idempotent: does nothing if the förbund has any
"""

from datetime import date

from finsam.models import Fortroendevald, Medlem

#: (ordinarie, ersättare) per member, in the members' order. Invented names.
NAMN = [
    ("Lena Ahlström", "Per Berglund"),
    ("Mats Carlsson", "Sofia Dahl"),
    ("Eva Ekström", "Jonas Forsberg"),
    ("Karin Gustafsson", "Anders Holm"),
    ("Maria Isaksson", "Johan Jakobsson"),
    ("Helena Karlberg", "Erik Lindgren"),
    ("Anna Magnusson", "Lars Nordin"),
    ("Sara Olofsson", "Peter Persson"),
    ("Ingrid Rask", "Mikael Sandberg"),
    ("Birgitta Thorén", "Henrik Ullman"),
    ("Cecilia Wall", "Oskar Vikström"),
    ("Ulf Åberg", "Linnea Öhman"),
    ("Therese Bergkvist", "Fredrik Nyström"),
]

REVISORER = [
    ("Gunnar Lindqvist", "Förtroendevald revisor", "region"),
    ("Margareta Sjöberg", "Förtroendevald revisor", "kommun"),
    ("Niklas Hedlund", "Auktoriserad revisor, utsedd av staten", None),
]


def load(forbund) -> str:
    if Fortroendevald.objects.filter(forbund=forbund).exists():
        return ""
    medlemmar = list(Medlem.objects.filter(forbund=forbund).order_by("ordning", "namn"))
    fran = date(2023, 1, 1)
    rader = []
    region = next((m for m in medlemmar if m.typ == Medlem.Typ.REGION), None)
    forsta_kommun = next((m for m in medlemmar if m.ar_kommun), None)
    for i, (medlem, (ledamot, ersattare)) in enumerate(zip(medlemmar, NAMN, strict=False)):
        uppdrag = Fortroendevald.Uppdrag.LEDAMOT
        if medlem == region:
            uppdrag = Fortroendevald.Uppdrag.ORDFORANDE
        elif medlem == forsta_kommun:
            uppdrag = Fortroendevald.Uppdrag.VICE_ORDFORANDE
        rader.append(
            Fortroendevald(
                forbund=forbund, namn=ledamot, uppdrag=uppdrag, medlem=medlem, fran=fran, ordning=i
            )
        )
        rader.append(
            Fortroendevald(
                forbund=forbund,
                namn=ersattare,
                uppdrag=Fortroendevald.Uppdrag.ERSATTARE,
                medlem=medlem,
                fran=fran,
                ordning=i,
            )
        )
    if region is not None:
        rader.append(
            Fortroendevald(
                forbund=forbund,
                namn="Bengt Östlund",
                uppdrag=Fortroendevald.Uppdrag.ORDFORANDE,
                medlem=region,
                fran=date(2019, 1, 1),
                till=date(2022, 12, 31),
            )
        )
    for i, (namn, titel, utsedd) in enumerate(REVISORER):
        medlem = region if utsedd == "region" else forsta_kommun if utsedd == "kommun" else None
        rader.append(
            Fortroendevald(
                forbund=forbund,
                namn=namn,
                uppdrag=Fortroendevald.Uppdrag.REVISOR,
                medlem=medlem,
                titel=titel,
                fran=fran,
                ordning=i,
            )
        )
    Fortroendevald.objects.bulk_create(rader)
    return f"{len(rader)} förtroendevalda"
