"""A förbund with Fk, a region and kommuner with population, and a tilldelning for 2025
(100 000 kr from the state, 25 % / 25 %, the kommuner's 50 000 kr by population 2025)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from budget.medel import services
from finsam.models import Befolkning, Medlem
from tests import factories


def make_medel(forbund, antal_kommuner=3, ar=2025):
    fk = factories.make_medlem(forbund, Medlem.Typ.FORSAKRINGSKASSAN, namn="Försäkringskassan")
    region = factories.make_medlem(forbund, Medlem.Typ.REGION, namn="Region Test")
    kommuner = []
    for i in range(antal_kommuner):
        k = factories.make_medlem(forbund, namn=f"Kommun {i + 1:02d}", ordning=100 + i)
        Befolkning.objects.create(medlem=k, ar=ar, antal=1000 * (i + 1))
        kommuner.append(k)
    mt = services.medelstilldelning_create(
        forbund=forbund,
        ar=ar,
        statens_bidrag=100_000,
        region_procent=Decimal("25"),
        kommuner_procent=Decimal("25"),
    )
    return SimpleNamespace(forbund=forbund, fk=fk, region=region, kommuner=kommuner, mt=mt)


@pytest.fixture
def medel(forbund):
    return make_medel(forbund)
