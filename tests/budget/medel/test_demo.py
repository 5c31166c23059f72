"""The demo's tilldelningar reproduce the årsredovisning 2025's Not 2."""

from budget.medel.selectors import fordelning
from budget.models import Medelstilldelning
from fixtures import loader

NOT2_2025 = {
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
NOT2_2024 = {
    "Arboga": 236_975,
    "Fagersta": 224_196,
    "Hallstahammar": 288_938,
    "Kungsör": 146_015,
    "Köping": 423_391,
    "Norberg": 93_732,
    "Skinnskatteberg": 73_599,
    "Sala": 406_064,
    "Surahammar": 168_244,
    "Västerås": 2_698_345,
}


def _kommundelar(f):
    return {d.medlem.kortnamn: d.belopp for d in f.kommunrader}


def test_2025_matches_not_2(demo):
    f = fordelning(Medelstilldelning.objects.get(forbund=demo, ar=2025))
    assert _kommundelar(f) == NOT2_2025
    assert f.staten == 9_479_000
    assert f.region == 5_924_375
    assert f.kommuner == 3_554_625 == sum(NOT2_2025.values())
    assert f.total == 18_958_000 == sum(d.belopp for d in f.rader)
    assert f.rader[0].etikett == "Driftbidrag från staten"
    assert f.rader[-1].etikett == "Driftbidrag från Region Västmanland"


def test_2024_matches_not_2_except_the_missing_krona(demo):
    mt = Medelstilldelning.objects.get(forbund=demo, ar=2024)
    f = fordelning(mt)
    assert (f.staten, f.region, f.kommuner, f.total) == (
        9_519_000,
        4_759_500,
        4_759_500,
        19_038_000,
    )
    delar = _kommundelar(f)
    # Not 2's kommun parts were rounded one by one and add up to 4 759 499 kr, one krona short
    # of 25 %; largest-remainder rounding gives that krona to Kungsör (exact share 146 015,496).
    assert sum(NOT2_2024.values()) == 4_759_499
    assert sum(delar.values()) == 4_759_500
    skillnad = {k: delar[k] - NOT2_2024[k] for k in delar if delar[k] != NOT2_2024[k]}
    assert skillnad == {"Kungsör": 1}
    assert "146 016" in mt.anmarkning and "4 759 499" in mt.anmarkning


def test_2025_note_explains_the_own_key(demo):
    mt = Medelstilldelning.objects.get(forbund=demo, ar=2025)
    assert mt.nyckel == "egen"
    assert "folkmängd" in mt.anmarkning


def test_load_is_idempotent(demo, run_load_demo):
    assert loader.load_medel(demo) is None
    run_load_demo()
    assert Medelstilldelning.objects.filter(forbund=demo).count() == 2
