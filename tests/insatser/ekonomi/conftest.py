"""Hand-made data for the insats follow-up, per 2025-08-31 (8 of 12 months).

Insats A, beslut 2024–2026 of 3 000 000:
  budget 2024 −1 000 000, tilläggsbudget 2024 −900 000 (in force), budget 2025 −1 200 000
  (a later plan 2025 of −9 999 is not in force: a budget exists);
  paid 2024: 300 000 + 500 000; paid 2025-01-15 for 2024: 100 000;
  paid 2025: 400 000 + 300 000; after the date: 200 000; for 2026: 50 000.
Insats B, beslut 2025 of 0 kr, no budget line, paid 50 000 for 2025.
Insats C, beslut 2025 of 100 000, budget 2025 −100 000, paid 150 000 (over budget).
Not shown: an insats without beslut, one decided only for 2027, another förbund's.
"""

from datetime import date
from types import SimpleNamespace

import pytest

from budget.models import Budgetversion
from insatser.models import Rekvisition
from tests import factories as f

PER = date(2025, 8, 31)
T = Budgetversion.Typ


def rekvisition(insats, datum, avser_ar, belopp):
    return Rekvisition.objects.create(insats=insats, datum=datum, avser_ar=avser_ar, belopp=belopp)


def make_uppfoljningsdata(forbund, styrgrupp=None):
    a = f.make_insats(
        forbund, namn="Insats A", ordning=1, styrgrupp=[styrgrupp] if styrgrupp else ()
    )
    b = f.make_insats(forbund, namn="Insats B", ordning=2)
    c = f.make_insats(forbund, namn="Insats C", ordning=3)
    utan = f.make_insats(forbund, namn="Utan beslut", ordning=4)
    framtida = f.make_insats(forbund, namn="Framtida", ordning=5)
    f.make_beslut(a, belopp=3_000_000, forsta_ar=2024, sista_ar=2026, datum=date(2023, 11, 16))
    f.make_beslut(b, belopp=0, forsta_ar=2025, sista_ar=2025)
    f.make_beslut(c, belopp=100_000, forsta_ar=2025, sista_ar=2025)
    f.make_beslut(framtida, belopp=1_000, forsta_ar=2027, sista_ar=2027)

    grupp = f.make_grupp(forbund)
    rad_a = f.make_rad(grupp, namn="Rad A", insats=a)
    rad_c = f.make_rad(grupp, namn="Rad C", insats=c)
    rad_framtida = f.make_rad(grupp, namn="Rad framtida", insats=framtida)
    kansli = f.make_rad(grupp, namn="Kansli")
    b2024 = f.make_version(forbund, 2024, T.BUDGET)
    t2024 = f.make_version(forbund, 2024, T.TILLAGG, beslutsdatum=date(2024, 5, 24))
    b2025 = f.make_version(forbund, 2025, T.BUDGET)
    p2025 = f.make_version(forbund, 2025, T.PLAN, beslutsdatum=date(2025, 3, 1))
    f.set_belopp(b2024, rad_a, -1_000_000)
    f.set_belopp(t2024, rad_a, -900_000)
    f.set_belopp(b2025, rad_a, -1_200_000)
    f.set_belopp(b2025, rad_c, -100_000)
    f.set_belopp(b2025, rad_framtida, -7_000)
    f.set_belopp(b2025, kansli, -500_000)
    f.set_belopp(p2025, rad_a, -9_999)

    rekvisition(a, date(2024, 3, 1), 2024, 300_000)
    rekvisition(a, date(2024, 9, 1), 2024, 500_000)
    rekvisition(a, date(2025, 1, 15), 2024, 100_000)
    rekvisition(a, date(2025, 2, 1), 2025, 400_000)
    rekvisition(a, date(2025, 6, 30), 2025, 300_000)
    rekvisition(a, date(2025, 9, 15), 2025, 200_000)
    rekvisition(a, date(2025, 8, 1), 2026, 50_000)
    rekvisition(b, date(2025, 3, 1), 2025, 50_000)
    rekvisition(c, date(2025, 2, 1), 2025, 100_000)
    rekvisition(c, date(2025, 5, 1), 2025, 50_000)
    rekvisition(utan, date(2025, 5, 1), 2025, 10_000)
    return SimpleNamespace(a=a, b=b, c=c, utan=utan, framtida=framtida)


@pytest.fixture
def data(forbund, styrgrupp, annat_forbund):
    """The insatser above; the `styrgrupp` user is in Insats A's steering group."""
    annan = f.make_insats(annat_forbund, namn="Annat förbunds insats")
    f.make_beslut(annan, forsta_ar=2025, sista_ar=2025)
    rekvisition(annan, date(2025, 2, 1), 2025, 1)
    return make_uppfoljningsdata(forbund, styrgrupp)
