"""A small budget to test against.

Intäkter (no heading)                         Summa intäkter
  Medel från huvudmännen          10 000 000
Direkta insatskostnader (no heading)          Summa direkta insatskostnader
  Individinsatser (heading)                   Summa individinsatser
    Team A                        −3 000 000
    Team B                        −2 000 000
  Strukturella insatser (heading, no sum row)
    Metodstöd                     −1 000 000
    Processtöd                    −1 000 000
Administration (no heading)                   Summa administration
  Kansli                          −1 500 000
"""

from datetime import date
from types import SimpleNamespace

import pytest

from budget.models import Budgetgrupp, Budgetrad, Budgetversion
from tests import factories

K = Budgetrad.Kategori


def make_exempelbudget(forbund):
    f = factories
    intakter = f.make_grupp(
        forbund,
        namn="Intäkter",
        typ=Budgetgrupp.Typ.INTAKT,
        visa_rubrik=False,
        summa_etikett="Summa intäkter",
        ordning=1,
    )
    direkta = f.make_grupp(
        forbund,
        namn="Direkta insatskostnader",
        visa_rubrik=False,
        summa_etikett="Summa direkta insatskostnader",
        ordning=2,
    )
    individ = f.make_grupp(
        forbund,
        namn="Individinsatser",
        overordnad=direkta,
        summa_etikett="Summa individinsatser",
        ordning=1,
    )
    strukturella = f.make_grupp(
        forbund, namn="Strukturella insatser", overordnad=direkta, summa_etikett="", ordning=2
    )
    admin = f.make_grupp(
        forbund,
        namn="Administration",
        visa_rubrik=False,
        summa_etikett="Summa administration",
        ordning=3,
    )
    rader = SimpleNamespace(
        medel=f.make_rad(intakter, namn="Medel från huvudmännen", ordning=1),
        team_a=f.make_rad(individ, namn="Team A", kategori=K.INDIVIDINSATSER, ordning=1),
        team_b=f.make_rad(individ, namn="Team B", kategori=K.INDIVIDINSATSER, ordning=2),
        metod=f.make_rad(strukturella, namn="Metodstöd", kategori=K.STRUKTURELLA, ordning=1),
        processtod=f.make_rad(strukturella, namn="Processtöd", kategori=K.PROCESSTOD, ordning=2),
        kansli=f.make_rad(admin, namn="Kansli", kategori=K.ADMINISTRATION, ordning=1),
    )
    budget = f.make_version(
        forbund, 2025, Budgetversion.Typ.BUDGET, paragraf="§ 57", eget_kapital_ingaende=2_000_000
    )
    for rad, belopp in [
        (rader.medel, 10_000_000),
        (rader.team_a, -3_000_000),
        (rader.team_b, -2_000_000),
        (rader.metod, -1_000_000),
        (rader.processtod, -1_000_000),
        (rader.kansli, -1_500_000),
    ]:
        f.set_belopp(budget, rad, belopp)
    plan = f.make_version(forbund, 2026, Budgetversion.Typ.PLAN, beslutsdatum=date(2024, 11, 22))
    for rad, belopp in [
        (rader.medel, 10_000_000),
        (rader.team_a, -4_000_000),
        (rader.team_b, -2_000_000),
        (rader.kansli, -1_500_000),
    ]:
        f.set_belopp(plan, rad, belopp)
    return SimpleNamespace(
        forbund=forbund,
        grupper=SimpleNamespace(
            intakter=intakter,
            direkta=direkta,
            individ=individ,
            strukturella=strukturella,
            admin=admin,
        ),
        rader=rader,
        budget=budget,
        plan=plan,
    )


@pytest.fixture
def exempel(forbund):
    """The small budget above: budget 2025 (resultat 1 500 000) and plan 2026."""
    return make_exempelbudget(forbund)
