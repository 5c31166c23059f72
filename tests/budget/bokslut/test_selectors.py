"""Every figure of the bokslut pages, on the årsredovisning 2025's published figures."""

from datetime import date
from decimal import Decimal

import pytest

from budget.bokslut import selectors as sel
from budget.models import Bokslut, Utfallsperiod
from tests.budget.bokslut.conftest import make_arsredovisning, make_utfall

NBSP = "\u00a0"


@pytest.fixture
def r2025(ar2025):
    return sel.arsredovisning(ar2025.forbund, 2025)


@pytest.fixture
def r2024(ar2025):
    return sel.arsredovisning(ar2025.forbund, 2024)


def test_resultatrakning_2025_and_2024(r2025):
    for a, vals in [
        (r2025.aktuell, (18_964_118, -18_763_370, 200_748, 180_551, -36_000, 345_299)),
        (r2025.foregaende, (19_042_563, -19_147_198, -104_635, 246_567, -60_154, 81_778)),
    ]:
        assert a.kalla == sel.KALLA_UTFALL
        assert (
            a.verksamhetens_intakter,
            a.verksamhetens_kostnader,
            a.verksamhetens_resultat,
            a.finansiella_intakter,
            a.finansiella_kostnader,
            a.resultat_efter_finansiella_poster,
        ) == vals
        assert a.arets_resultat == vals[-1]


def test_balansrakning_2025(r2025):
    a = r2025.aktuell
    assert a.fordringar == 102_835
    assert a.kassa_och_bank == 9_350_453
    assert a.summa_tillgangar == 9_453_288
    assert a.arets_resultat == 345_299
    assert a.ovrigt_eget_kapital == 4_028_486
    assert a.summa_eget_kapital == 4_373_785
    assert a.avsattningar_pensioner == 1_482_422
    assert a.kortfristiga_skulder == 3_597_082
    # The published balance sheet prints 9 453 288 on both sides; its lines add up to one more.
    assert a.summa_eget_kapital_avsattningar_skulder == 9_453_289


def test_balansrakning_2024(r2025):
    a = r2025.foregaende
    assert (a.fordringar, a.kassa_och_bank, a.summa_tillgangar) == (266_361, 8_197_546, 8_463_907)
    assert (a.arets_resultat, a.ovrigt_eget_kapital) == (81_778, 3_946_708)
    assert (a.avsattningar_pensioner, a.kortfristiga_skulder) == (981_654, 3_453_767)
    assert a.summa_eget_kapital_avsattningar_skulder == 8_463_907


def test_not5_2025_and_2024(r2025):
    a, f = r2025.aktuell, r2025.foregaende
    assert (a.ingaende_eget_kapital, a.kapitaltillskott, a.arets_resultat) == (
        4_028_486,
        0,
        345_299,
    )
    assert a.ingaende_lagrat
    assert a.utgaende_eget_kapital == 4_373_785
    assert (f.ingaende_eget_kapital, f.kapitaltillskott, f.arets_resultat) == (
        427_565,
        3_519_143,
        81_778,
    )
    assert f.utgaende_eget_kapital == 4_028_486


def test_not4_and_not6_lines_side_by_side(r2025):
    not4 = {n.namn: (n.belopp, n.foregaende) for n in r2025.not4}
    assert not4["Skattekontot"] == (31_758, 31_345)
    assert not4["Kundfordringar"] == (0, 3_000)
    assert len(r2025.not4) == 5
    not6 = {n.namn: (n.belopp, n.foregaende) for n in r2025.not6}
    assert not6["Övriga upplupna kostnader"] == (2_714_570, 2_654_378)
    assert len(r2025.not6) == 8


def test_kassaflode_2025_computed(r2025):
    kf = r2025.kassaflode
    assert kf.arets_resultat == 345_299
    assert kf.justering == 500_768
    assert kf.fore_rorelsekapital == 846_067
    # The published analysis prints 163 525 and 1 152 907: one krona less than the balance
    # sheets give.
    assert kf.forandring_fordringar == 163_526
    assert kf.forandring_skulder == 143_315
    assert kf.lopande == 1_152_908
    assert kf.finansiering == 0
    assert kf.arets_kassaflode == 1_152_908
    assert kf.vid_arets_borjan == 8_197_546
    assert kf.vid_arets_slut == 9_350_454


def test_kassaflode_2024_matches_the_published(r2025, r2024):
    for kf in (r2025.kassaflode_foregaende, r2024.kassaflode):
        assert (kf.arets_resultat, kf.justering, kf.fore_rorelsekapital) == (
            81_778,
            495_797,
            577_575,
        )
        assert (kf.forandring_fordringar, kf.forandring_skulder) == (103_107, 1_648_543)
        assert (kf.lopande, kf.finansiering, kf.arets_kassaflode) == (
            2_329_225,
            3_519_143,
            5_848_368,
        )
        assert (kf.vid_arets_borjan, kf.vid_arets_slut) == (2_349_178, 8_197_546)


def test_checks_2025_report_exactly_the_two_one_krona_differences(r2025):
    avvikelser = {k.rubrik: k for k in r2025.avvikelser}
    assert set(avvikelser) == {"Balansräkningen", "Kassaflödesanalysen"}
    balans = avvikelser["Balansräkningen"]
    assert balans.skillnad == -1
    assert balans.meddelande == (
        f"Balansräkningen går inte ihop: summa tillgångar är 9{NBSP}453{NBSP}288{NBSP}kr men "
        f"summa eget kapital, avsättningar och skulder är 9{NBSP}453{NBSP}289{NBSP}kr – "
        f"skillnad 1{NBSP}kr. Tillgångarna är 1{NBSP}kr lägre."
    )
    kassa = avvikelser["Kassaflödesanalysen"]
    assert kassa.skillnad == 1
    assert kassa.meddelande == (
        f"Kassaflödesanalysen slutar på 9{NBSP}350{NBSP}454{NBSP}kr i likvida medel vid årets "
        f"slut, men balansräkningens kassa och bank är 9{NBSP}350{NBSP}453{NBSP}kr – "
        f"skillnad 1{NBSP}kr."
    )
    ok = [k.rubrik for k in r2025.kontroller if k.ok]
    assert ok == ["Ingående eget kapital", "Not 5 och balansräkningen"]


def test_checks_2024_all_agree(r2024):
    assert r2024.avvikelser == []
    assert len(r2024.kontroller) == 4


def test_ingaende_eget_kapital_that_does_not_roll_says_by_how_much(ar2025):
    Bokslut.objects.filter(pk=ar2025.b2025.pk).update(ingaende_eget_kapital=4_000_000)
    r = sel.arsredovisning(ar2025.forbund, 2025)
    k = next(k for k in r.avvikelser if k.rubrik == "Ingående eget kapital")
    assert k.skillnad == -28_486
    assert k.meddelande == (
        f"Ingående eget kapital enligt fastställd balansräkning är 4{NBSP}000{NBSP}000{NBSP}kr, "
        f"men 2024 års utgående eget kapital är 4{NBSP}028{NBSP}486{NBSP}kr – "
        f"skillnad 28{NBSP}486{NBSP}kr."
    )


def test_ingaende_taken_from_last_year_when_blank(ar2025):
    Bokslut.objects.filter(pk=ar2025.b2025.pk).update(ingaende_eget_kapital=None)
    a = sel.arsredovisning(ar2025.forbund, 2025).aktuell
    assert a.ingaende_eget_kapital == 4_028_486 and not a.ingaende_lagrat
    assert a.utgaende_eget_kapital == 4_373_785


def test_first_year_without_ingaende_or_last_year_is_flagged(forbund):
    make_arsredovisning(forbund, ar=(2024,))
    r = sel.arsredovisning(forbund, 2024)
    assert r.kassaflode is None
    rubriker = [k.rubrik for k in r.avvikelser]
    assert rubriker == []  # 2024 stores its ingående; without 2023 there is no roll to check
    Bokslut.objects.filter(forbund=forbund).update(ingaende_eget_kapital=None)
    r = sel.arsredovisning(forbund, 2024)
    # Without an opening eget kapital the balance sheet cannot balance either.
    assert [k.rubrik for k in r.avvikelser] == ["Balansräkningen", "Ingående eget kapital"]
    assert r.aktuell.utgaende_eget_kapital is None


def test_eget_kapital_over_the_ceiling_from_medelstilldelning(r2025):
    t = r2025.ek_tak
    assert t.fran_medelstilldelning and t.tilldelning == 18_958_000
    assert t.eget_kapital == 4_373_785
    assert round(t.andel, 3) == Decimal("0.231")
    assert t.over_taket


def test_eget_kapital_share_falls_back_on_verksamhetens_intakter(r2024):
    t = r2024.ek_tak
    assert not t.fran_medelstilldelning
    assert t.tilldelning == 19_042_563
    assert "ingen medelstilldelning är registrerad för 2024" in t.kalla_text
    assert round(t.andel, 3) == Decimal("0.212")
    assert t.over_taket


def test_under_the_ceiling_is_not_flagged(forbund):
    make_arsredovisning(forbund, ar=(2021,))
    t = sel.arsredovisning(forbund, 2021).ek_tak
    assert t.andel == Decimal(1_312_565) / Decimal(7_055_000)
    assert not t.over_taket


def test_five_year_overview(r2025):
    rader = [
        (
            a.ar,
            a.verksamhetens_intakter // 1000 if a.ar < 2024 else a.verksamhetens_intakter,
            a.arets_resultat,
            round(a.soliditet * 100, 1),
            a.antal_anstallda_avrundat,
        )
        for a in r2025.femar
    ]
    assert rader == [
        (2025, 18_964_118, 345_299, Decimal("46.3"), 3),
        (2024, 19_042_563, 81_778, Decimal("47.6"), 3),
        (2023, 7_130, -712_000, Decimal("15.7"), 1),
        (2022, 7_331, -173_000, Decimal("38.3"), 1),
        (2021, 7_055, -35_000, Decimal("40.8"), 1),
    ]


def test_five_year_overview_shows_at_most_five_years_up_to_the_year(forbund):
    make_arsredovisning(forbund)
    Bokslut.objects.create(forbund=forbund, ar=2020, ingaende_eget_kapital=0)
    assert [a.ar for a in sel.arsredovisning(forbund, 2025).femar] == [2025, 2024, 2023, 2022, 2021]
    assert [a.ar for a in sel.arsredovisning(forbund, 2023).femar] == [2023, 2022, 2021, 2020]


def test_utfall_wins_over_stored_intakter_and_says_so(ar2025):
    Bokslut.objects.filter(pk=ar2025.b2025.pk).update(
        verksamhetens_intakter=1, verksamhetens_kostnader=-1
    )
    a = sel.arsredovisning(ar2025.forbund, 2025).aktuell
    assert a.verksamhetens_intakter == 18_964_118
    assert a.lagrade_intakter_ej_anvanda


def test_only_the_bokslut_period_per_31_december_counts(forbund):
    make_arsredovisning(forbund, ar=(2025,), utfall=False)
    # A delår per 31 August is not the bokslut, nor is another reading per 31 December.
    Utfallsperiod.objects.create(forbund=forbund, per=date(2025, 8, 31))
    make_utfall(forbund, 2024, 100, -50)
    a = sel.arsredovisning(forbund, 2025).aktuell
    assert a.kalla is None
    assert a.verksamhetens_intakter == 0
    assert "Verksamhetens intäkter och kostnader" in [
        k.rubrik for k in sel.arsredovisning(forbund, 2025).avvikelser
    ]


def test_other_forbunds_bokslut_and_utfall_do_not_count(forbund, annat_forbund):
    make_arsredovisning(forbund)
    make_utfall(annat_forbund, 2025, 5_000_000, -1)
    assert sel.arsredovisning(annat_forbund, 2025) is None
    assert sel.arsredovisning(forbund, 2025).aktuell.verksamhetens_intakter == 18_964_118


def test_list_counts_failed_checks(ar2025):
    lista = {a.ar: fel for a, fel in sel.bokslut_lista(ar2025.forbund)}
    assert lista == {2025: 2, 2024: 0, 2023: 0, 2022: 0, 2021: 0}
