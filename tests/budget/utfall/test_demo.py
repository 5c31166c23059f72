"""The demo reproduces the published figures: the delårsrapport per 2025-08-31 (kronor) and
the årsredovisning 2025's driftredovisning (tkr), Not 2, Not 3 and kostnadsfördelning."""

from datetime import date

from django.urls import reverse

from budget.models import Budgetversion, Utfallsperiod
from budget.utfall import selectors
from finsam.models import User
from fixtures import loader
from tests.budget.helpers import row, table_rows


def _kansli(client):
    client.force_login(User.objects.get(username="kansli"))
    return client


def test_tillaggsbudget_2025(demo):
    v = Budgetversion.objects.get(forbund=demo, ar=2025, typ="tillagg")
    assert v.beslutsdatum == date(2025, 5, 23) and v.paragraf and v.motivering
    belopp = {b.rad.namn: b.belopp for b in v.belopp.select_related("rad")}
    assert belopp["Styrelse"] == -619_227 and belopp["Processtöd"] == -2_017_064
    assert sum(belopp.values()) == -2_028_622


def test_delar_summa_row(client, demo):
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 8, 31))
    page = _kansli(client).get(reverse("budget:utfall-detail", args=[period.pk]))
    assert row(page, "SUMMA") == ["−2 028 622", "5 108 938", "−9 073", "2 019 549"]
    assert row(page, "Samordningsteam Västerås") == [
        "−6 100 000",
        "−2 359 306",
        "−5 100 000",
        "1 000 000",
    ]
    assert row(page, "Gemensam administration") == [
        "−2 033 931",
        "−971 341",
        "−1 691 923",
        "342 008",
    ]
    assert "Supported Employment" in page.content.decode()


def test_driftredovisning_2025_in_tkr(client, demo):
    page = _kansli(client).get(reverse("budget:utfall-driftredovisning", args=[2025]))
    # Intäkter 18 964 118 kr (Not 2) round to 18 964 tkr.
    assert row(page, "SUMMA")[:5] == ["18 964", "−18 763", "201", "−2 029", "2 229"]
    assert row(page, "SUMMA")[5:] == ["19 043", "−19 147", "−105"]
    assert row(page, "Summa individinsatser") == [
        "0",
        "−12 399",
        "−12 399",
        "−13 842",
        "1 443",
        "0",
        "−12 706",
        "−12 706",
    ]
    assert row(page, "Gemensam administration") == [
        "5",
        "−1 970",
        "−1 965",
        "−2 034",
        "68",
        "5",
        "−1 757",
        "−1 753",
    ]
    # Rows and totals are rounded separately: −608 + −1 965 = −2 573, the total −2 574.
    assert row(page, "Summa administrativa kostnader")[:5] == [
        "5",
        "−2 579",
        "−2 574",
        "−2 653",
        "79",
    ]
    assert row(page, "Summa direkta insatskostnader")[:3] == ["1", "−16 185", "−16 184"]
    fordelning = {r[0]: r[1:] for r in table_rows(page)[-5:]}
    assert fordelning["Individinsatser"] == ["66 %", "66 %", "66 %"]
    assert fordelning["Strukturella insatser"][1:] == ["9 %", "11 %"]
    assert fordelning["Processtöd"][1:] == ["11 %", "9 %"]
    assert fordelning["Administration"] == ["13 %", "14 %", "13 %"]


def test_bokslut_equals_not_2_and_not_3(demo):
    d = selectors.driftredovisning(demo, 2025)
    assert d.tabell.summa["intakt"] == 18_964_118
    assert d.tabell.summa["kostnad"] == -18_763_370
    assert d.tabell.summa["f_intakt"] == 19_042_563
    assert d.tabell.summa["f_kostnad"] == -19_147_198
    direkta = next(r for r in d.tabell.rader if r.etikett == "Summa direkta insatskostnader")
    assert direkta.varden["kostnad"] == -16_184_868
    per_kategori = {a.etikett: (a.utfall, a.foregaende) for a in d.kostnadsfordelning}
    assert per_kategori["Individinsatser"] == (-12_398_937, -12_705_567)
    assert per_kategori["Strukturella insatser"][0] == -1_749_420
    assert per_kategori["Processtöd"] == (-2_036_511, -1_814_996)
    assert per_kategori["Administration"] == (-2_578_502, -2_435_872)
    # 2024: Not 3's −2 190 763 includes the 75 000 of Ofördelade medel, a line without category.
    assert per_kategori["Strukturella insatser"][1] == -2_190_763 + 75_000
    assert per_kategori["Utan kostnadskategori"] == (0, -75_000)


def test_load_is_idempotent(demo, run_load_demo):
    assert loader.load_utfall(demo) is None
    run_load_demo()
    assert Utfallsperiod.objects.filter(forbund=demo).count() == 3
    assert Budgetversion.objects.filter(forbund=demo, typ="tillagg", ar=2025).count() == 1


def test_driftredovisning_with_the_bokslut_the_caller_read(demo):
    """The year's and last year's Bokslut given (as the årsredovisning's bokslut_ar read
    them): the same figures, one query fewer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from budget.models import Bokslut

    bokslut = {b.ar: b for b in Bokslut.objects.filter(forbund=demo, ar__in=[2024, 2025])}
    with CaptureQueriesContext(connection) as utan:
        fore = selectors.driftredovisning(demo, 2025)
    with CaptureQueriesContext(connection) as med:
        efter = selectors.driftredovisning(demo, 2025, bokslut=bokslut)
    assert len(med) == len(utan) - 1
    assert efter.finansiella == fore.finansiella is not None
    assert efter.summa_efter_finansiella == fore.summa_efter_finansiella
    assert selectors.driftredovisning(demo, 2025, bokslut={}).finansiella is None
