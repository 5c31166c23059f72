"""The demo's structural activities, indicators and goals, as the årsredovisning 2025
publishes them."""

import pytest
from django.db.models import Sum

from fixtures import loader
from uppfoljning.models import (
    Aktivitet,
    Indikatorbedomning,
    Indikatorsvar,
    Mal,
    Maluppfoljning,
    PlaneradAktivitet,
)


@pytest.fixture
def vastmanland(empty_db):
    forbund = loader.load_forbund("vastmanland")
    assert loader.load_verksamhet(forbund)
    return forbund


def test_activities_as_published(vastmanland):
    qs = Aktivitet.objects.filter(forbund=vastmanland, ar=2025)
    assert qs.count() == 12
    assert qs.aggregate(s=Sum("antal_deltagare"))["s"] == 1734
    assert qs.get(namn="Digitala Dejt med en verkSAMhet").antal_deltagare == 519
    assert qs.get(antal_deltagare=105).insats.slug == "rmgt"
    assert qs.get(antal_deltagare=206).insats.slug == "inkluderingslyftet"
    assert qs.filter(insats__isnull=True).count() == 10


def test_indicators_as_published(vastmanland):
    qs = Indikatorsvar.objects.filter(forbund=vastmanland, ar=2025, respondentgrupp="personal")
    assert qs.count() == 11
    q1 = qs.get(nummer=1)
    assert (q1.n, q1.andelar, q1.skala) == (22, [0, 0, 0, 9, 36, 55], "frekvens")
    q7 = qs.get(nummer=7)
    assert (q7.n, q7.andelar, q7.skala) == (22, [0, 5, 9, 9, 59, 18], "grad")
    assert all(sum(s.andelar) == 100 for s in qs)
    bedomningar = list(
        Indikatorbedomning.objects.filter(forbund=vastmanland, ar=2025).values_list(
            "omrade", "bedomning"
        )
    )
    assert bedomningar[0] == ("Samverkan mellan myndigheter", "Mycket god")
    assert ("Användning av könsuppdelad statistik", "Delvis etablerad") in bedomningar
    assert len(bedomningar) == 5


def test_goals_with_follow_up(vastmanland):
    mal = Mal.objects.filter(forbund=vastmanland, ar=2025)
    assert mal.count() == 6
    assert set(mal.values_list("malomrade__ordning", flat=True)) == {1, 2, 3}
    assert PlaneradAktivitet.objects.filter(mal__in=mal).count() >= 6
    upp = Maluppfoljning.objects.filter(mal__in=mal)
    for u in upp:
        assert u.bedomning in Maluppfoljning.BEDOMNINGAR[u.tillfalle]
    assert upp.filter(tillfalle="delar", bedomning="i_fas").count() == 6
    assert upp.filter(tillfalle="helar").count() == 6
    assert upp.filter(tillfalle="helar", bedomning="delvis").count() == 1


def test_load_is_idempotent(vastmanland):
    assert loader.load_verksamhet(vastmanland) is None
    assert Aktivitet.objects.filter(forbund=vastmanland).count() == 12
    assert Indikatorsvar.objects.filter(forbund=vastmanland).count() == 11
