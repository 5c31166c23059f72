"""Demo data for the medel area, added to the demo förbund by finsam.demo.load_demo().

The figures are the årsredovisning 2025's Not 2 (driftbidrag 2025 and 2024).

2024: 9 519 000 from the state, 25 % / 25 %, the kommuner's part divided by population
2024 (stored by finsam.demo). The computed parts are Not 2's 2024 column except that the
published kommun parts add up to 4 759 499 kr while 25 % of 19 038 000 is 4 759 500 kr: the
published figures were each rounded on their own, and largest-remainder rounding gives the
missing krona to Kungsör (146 016 kr instead of the published 146 015 kr).

2025: 9 479 000 from the state, 31,25 % / 18,75 %. The published kommun parts cannot be
reproduced by any population key, so the förbund's own key is used with the decided parts as
weights; they add up to exactly 18,75 % (3 554 625 kr) and come out unchanged.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from budget.medel import services as services_medel
from budget.models import Medelstilldelning
from finsam.models import Medlem

KOMMUNDELAR_2025 = {
    "Arboga": 168_183,
    "Fagersta": 158_979,
    "Hallstahammar": 202_848,
    "Kungsör": 105_081,
    "Köping": 316_245,
    "Norberg": 63_426,
    "Skinnskatteberg": 50_436,
    "Sala": 275_076,
    "Surahammar": 118_032,
    "Västerås": 2_096_319,
}

ANMARKNING_2024 = (
    "Kommunernas del (25 %, 4 759 500 kr) är fördelad efter folkmängden 2024. I "
    "årsredovisningen 2025 (not 2) är kommunernas belopp avrundade var för sig och blir "
    "4 759 499 kr tillsammans; här avrundas de så att summan blir exakt, och Kungsörs "
    "kommun får därför 146 016 kr i stället för 146 015 kr."
)
ANMARKNING_2025 = (
    "Kommunernas beslutade belopp kan inte räknas fram ur någon folkmängd, så de är "
    "inlagda som en egen fördelningsnyckel med beloppen som vikter (3 554 625 kr "
    "tillsammans, 18,75 %)."
)


@transaction.atomic
def load(forbund) -> str | None:
    """Add this area's demo data to `forbund` unless it is there already (idempotent).

    Returns a line for load_demo's output, or None when nothing was done.
    """
    if Medelstilldelning.objects.filter(forbund=forbund).exists():
        return None
    kommuner = {
        m.kortnamn: m for m in Medlem.objects.filter(forbund=forbund, typ=Medlem.Typ.KOMMUN)
    }
    services_medel.medelstilldelning_create(
        forbund=forbund,
        ar=2024,
        statens_bidrag=9_519_000,
        region_procent=Decimal("25"),
        kommuner_procent=Decimal("25"),
        nyckel=Medelstilldelning.Nyckel.FOLKMANGD,
        befolkningsar=2024,
        anmarkning=ANMARKNING_2024,
    )
    services_medel.medelstilldelning_create(
        forbund=forbund,
        ar=2025,
        statens_bidrag=9_479_000,
        region_procent=Decimal("31.25"),
        kommuner_procent=Decimal("18.75"),
        nyckel=Medelstilldelning.Nyckel.EGEN,
        beslutsdatum=date(2024, 11, 22),
        anmarkning=ANMARKNING_2025,
        nycklar={kommuner[k].pk: Decimal(v) for k, v in KOMMUNDELAR_2025.items()},
    )
    return "medelstilldelning 2024 och 2025"
