"""The årsredovisning 2025's bokslut 2021–2025 for a test förbund, with the utfall per
31 December that gives verksamhetens intäkter and kostnader for 2024 and 2025 (built here,
not by another area's demo)."""

from datetime import date
from types import SimpleNamespace

import pytest

from budget.models import Bokslut, Budgetgrupp, Medelstilldelning, Utfallsperiod, Utfallsrad
from fixtures import loader
from tests import factories

#: Verksamhetens intäkter and kostnader per 31 December (resultaträkning, årsredovisning 2025).
UTFALL = {2025: (18_964_118, -18_763_370), 2024: (19_042_563, -19_147_198)}


def make_utfall(forbund, ar, intakter, kostnader):
    """An utfall per 31 December split over a few lines whose sums are the given totals."""
    grupp = factories.make_grupp(forbund, namn=f"Utfall {ar}", typ=Budgetgrupp.Typ.INTAKT)
    period = Utfallsperiod.objects.create(
        forbund=forbund, per=date(ar, 12, 31), typ=Utfallsperiod.Typ.BOKSLUT
    )
    medel = factories.make_rad(grupp, namn=f"Medel {ar}")
    team = factories.make_rad(grupp, namn=f"Team {ar}")
    kansli = factories.make_rad(grupp, namn=f"Kansli {ar}")
    ovriga, kansli_kostnad = intakter // 10, kostnader // 3
    Utfallsrad.objects.create(period=period, rad=medel, intakt=intakter - ovriga)
    Utfallsrad.objects.create(
        period=period, rad=team, intakt=ovriga, kostnad=kostnader - kansli_kostnad
    )
    Utfallsrad.objects.create(period=period, rad=kansli, kostnad=kansli_kostnad)
    return period


def make_arsredovisning(forbund, *, ar=(2021, 2022, 2023, 2024, 2025), utfall=True):
    loader.load_bokslut(forbund, ar=ar)
    if utfall:
        for year, (i, k) in UTFALL.items():
            if year in ar:
                make_utfall(forbund, year, i, k)
    return SimpleNamespace(
        forbund=forbund, **{f"b{y}": Bokslut.objects.get(forbund=forbund, ar=y) for y in ar}
    )


def make_medel_2025(forbund):
    """Medelstilldelning 2025: 18 958 000 kr in all."""
    return Medelstilldelning.objects.create(
        forbund=forbund,
        ar=2025,
        statens_bidrag=9_479_000,
        region_procent="31.25",
        kommuner_procent="18.75",
    )


@pytest.fixture
def ar2025(forbund):
    """Bokslut 2021–2025 (as the demo has them) with utfall for 2024 and 2025, and medel 2025."""
    ns = make_arsredovisning(forbund)
    ns.medel = make_medel_2025(forbund)
    return ns
