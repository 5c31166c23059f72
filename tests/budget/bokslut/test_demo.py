"""The demo bokslut 2021–2025 reproduces the årsredovisning 2025's published figures."""

from budget.bokslut import selectors as sel
from budget.models import Bokslut
from finsam import formatting
from fixtures import loader
from tests.budget.bokslut.conftest import UTFALL, make_medel_2025, make_utfall


def test_demo_is_idempotent_and_matches_the_published_overview(forbund):
    assert loader.load_bokslut(forbund) == "bokslut 2021–2025 tillagda"
    assert loader.load_bokslut(forbund) is None
    assert Bokslut.objects.filter(forbund=forbund).count() == 5
    for ar, (i, k) in UTFALL.items():
        make_utfall(forbund, ar, i, k)
    make_medel_2025(forbund)
    r = sel.arsredovisning(forbund, 2025)
    oversikt = [
        (
            a.ar,
            formatting.tkr(a.verksamhetens_intakter),
            formatting.tkr(a.verksamhetens_kostnader),
            formatting.tkr(a.arets_resultat),
            formatting.procent(a.soliditet),
            a.antal_anstallda_avrundat,
        )
        for a in r.femar
    ]
    nbsp, minus = "\u00a0", "\u2212"
    assert [tuple(str(v).replace(nbsp, " ").replace(minus, "-") for v in o) for o in oversikt] == [
        ("2025", "18 964", "-18 763", "345", "46,3 %", "3"),
        ("2024", "19 043", "-19 147", "82", "47,6 %", "3"),
        ("2023", "7 130", "-7 921", "-712", "15,7 %", "1"),
        ("2022", "7 331", "-7 461", "-173", "38,3 %", "1"),
        ("2021", "7 055", "-7 078", "-35", "40,8 %", "1"),
    ]
    assert [k.skillnad for k in r.avvikelser] == [-1, 1]
    assert r.ek_tak.over_taket
    # Every earlier year's checks agree, and eget kapital rolls 2021 → 2025.
    for ar in (2021, 2022, 2023, 2024):
        assert sel.arsredovisning(forbund, ar).avvikelser == [], ar
    assert sel.arsredovisning(forbund, 2023).aktuell.utgaende_eget_kapital == 427_565


def test_demo_does_nothing_when_the_forbund_has_a_bokslut(forbund):
    Bokslut.objects.create(forbund=forbund, ar=2020)
    assert loader.load_bokslut(forbund) is None
    assert Bokslut.objects.filter(forbund=forbund).count() == 1
