"""Fixtures: a small hand-made förbund with a 2025 period (the demo: tests/conftest.py)."""

from datetime import date

import pytest

from tests import factories
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.models import Deltagarrapport, Matt, Rapportperiod, Rapportvarde


def make_period(forbund, ar=2025, typ="helar"):
    skapa_standardmatt(forbund)
    return Rapportperiod.objects.create(
        forbund=forbund, ar=ar, typ=typ, sista_dag=date(ar + 1, 1, 31)
    )


def make_rapport(period, insats, figures, status=Deltagarrapport.Status.GODKAND):
    """figures: {(kod, kon): value}; kon "" for measures not split by kön."""
    rapport = Deltagarrapport.objects.create(period=period, insats=insats, status=status)
    matt = {m.kod: m for m in Matt.objects.filter(forbund=period.forbund)}
    Rapportvarde.objects.bulk_create(
        Rapportvarde(rapport=rapport, matt=matt[kod], kon=kon, varde=v)
        for (kod, kon), v in figures.items()
    )
    return rapport


@pytest.fixture
def period(forbund):
    """2025 helår with one approved report (2 women, 5 men) and one draft."""
    p = make_period(forbund)
    insats = factories.make_insats(forbund, namn="Samordningsteam Litet", ordning=1)
    make_rapport(
        p,
        insats,
        {
            ("deltagare", "k"): 2,
            ("deltagare", "m"): 5,
            ("deltagare", "a"): 0,
            ("avslutade", "k"): 1,
            ("avslutade", "m"): 4,
            ("avslutade", "a"): 0,
            ("avslut-arbete", "m"): 3,
            ("avslut-sjuk", "k"): 1,
            ("avslut-sjuk", "m"): 1,
        },
    )
    stor = factories.make_insats(forbund, namn="Samordningsteam Stort", ordning=2)
    make_rapport(
        p,
        stor,
        {("deltagare", "k"): 20, ("deltagare", "m"): 18, ("avslutade", "k"): 6},
    )
    utkast = factories.make_insats(forbund, namn="Samordningsteam Sen", ordning=3)
    make_rapport(p, utkast, {("deltagare", "k"): 99}, status=Deltagarrapport.Status.UTKAST)
    return p
