"""The computed columns of the delår table, the driftredovisning and the kostnadsfördelning,
on small hand-made data (tests/budget/utfall/conftest.py)."""

from datetime import date
from decimal import Decimal

from budget.models import Bokslut, Budgetgrupp, Budgetversion, Utfallsperiod
from budget.utfall import selectors, services
from budget.utfall.services import Utfallsvarde
from finsam.formatting import till_tkr
from tests import factories
from tests.budget.utfall.conftest import make_period


def _rad(tabell, etikett):
    return next(r for r in tabell.rader if r.etikett == etikett)


def test_delar_columns_per_line_group_and_total(utfall):
    t = selectors.delarstabell(utfall.delar).tabell
    assert _rad(t, "Team A").varden == {
        "budget": -3_000_000,
        "utfall": -2_000_000,
        "prognos": -2_800_000,
        "avvikelse": 200_000,
    }
    # No prognos: no avvikelse.
    assert (
        _rad(t, "Team B").varden["prognos"] is None
        and _rad(t, "Team B").varden["avvikelse"] is None
    )
    # A positive netto on a cost line (a refund) counts as it is.
    assert _rad(t, "Metodstöd").varden["utfall"] == 200_000
    summa = _rad(t, "Summa individinsatser")
    assert (summa.varden["budget"], summa.varden["utfall"], summa.varden["prognos"]) == (
        -5_000_000,
        -3_500_000,
        -2_800_000,
    )
    assert summa.varden["avvikelse"] == -2_800_000 - -5_000_000
    assert t.summa == {
        "budget": 1_500_000,
        "utfall": 1_100_000,
        "prognos": 3_700_000,
        "avvikelse": 2_200_000,
    }
    assert t.kommentarer == [("Team A", "Vakant tjänst.")]


def test_delar_budget_is_the_version_in_force_at_the_date(utfall):
    ex = utfall.exempel
    senare = factories.make_version(
        ex.forbund, 2025, Budgetversion.Typ.TILLAGG, beslutsdatum=date(2025, 9, 15)
    )
    factories.set_belopp(senare, ex.rader.team_a, -9_000_000)
    tidigare = factories.make_version(
        ex.forbund, 2025, Budgetversion.Typ.TILLAGG, beslutsdatum=date(2025, 5, 20)
    )
    factories.set_belopp(tidigare, ex.rader.team_a, -3_300_000)
    d = selectors.delarstabell(utfall.delar)
    assert d.version == tidigare
    assert _rad(d.tabell, "Team A").varden["budget"] == -3_300_000
    assert _rad(d.tabell, "Team A").varden["avvikelse"] == 500_000
    # Lines without an amount in that version and without utfall are left out.
    assert [r.etikett for r in d.tabell.linjer] == [
        "Medel från huvudmännen",
        "Team A",
        "Team B",
        "Metodstöd",
        "Processtöd",
        "Kansli",
    ]


def test_driftredovisning_columns_and_totals_from_exact_kronor(utfall):
    d = selectors.driftredovisning(utfall.exempel.forbund, 2025)
    t = d.tabell
    metod = _rad(t, "Metodstöd")
    assert (metod.varden["intakt"], metod.varden["kostnad"], metod.varden["netto"]) == (
        1_200,
        -1_000_700,
        -999_500,
    )
    assert metod.varden["avvikelse"] == 500  # utfall − budget
    assert metod.varden["f_netto"] is None  # no utfall last year
    team_a = _rad(t, "Team A")
    assert (team_a.varden["f_intakt"], team_a.varden["f_kostnad"], team_a.varden["f_netto"]) == (
        0,
        -2_500_000,
        -2_500_000,
    )
    assert t.summa["kostnad"] == -8_501_599
    assert t.summa["netto"] == 1_499_601
    assert t.summa["avvikelse"] == 1_499_601 - 1_500_000
    assert t.summa["f_netto"] == 9_000_000 - 4_700_000
    assert d.finansiella is None


def test_driftredovisning_rounds_totals_not_rows(db):
    """Three lines of 400 kr each: each rounds to 0 tkr, their sum (1 200 kr) to 1 tkr."""
    f = factories.make_forbund()
    g = factories.make_grupp(f, typ=Budgetgrupp.Typ.KOSTNAD)
    rader = [factories.make_rad(g) for _ in range(3)]
    make_period(
        f,
        date(2025, 12, 31),
        Utfallsperiod.Typ.BOKSLUT,
        {r.pk: Utfallsvarde(intakt=0, kostnad=-400) for r in rader},
    )
    t = selectors.driftredovisning(f, 2025).tabell
    assert [till_tkr(r.varden["kostnad"]) for r in t.linjer] == [0, 0, 0]
    assert till_tkr(t.summa["kostnad"]) == -1


def test_closed_line_with_utfall_but_no_budget_is_shown_in_its_group(utfall):
    ex = utfall.exempel
    stangd = factories.make_rad(ex.grupper.individ, namn="Avslutat team", stangd=True, ordning=9)
    services.utfall_save(
        period=utfall.fjol,
        varden={stangd.pk: Utfallsvarde(intakt=0, kostnad=-50_000)},
        expected_version=utfall.fjol.lock_version,
    )
    t = selectors.driftredovisning(ex.forbund, 2025).tabell
    etiketter = [r.etikett for r in t.rader]
    assert etiketter.index("Avslutat team") == etiketter.index("Summa individinsatser") - 1
    assert _rad(t, "Summa individinsatser").varden["f_kostnad"] == -2_550_000


def test_driftredovisning_reads_finansiella_from_bokslut(utfall):
    Bokslut.objects.create(
        forbund=utfall.exempel.forbund,
        ar=2025,
        finansiella_intakter=1_000,
        finansiella_kostnader=-300,
    )
    d = selectors.driftredovisning(utfall.exempel.forbund, 2025)
    assert d.finansiella["netto"] == 700 and d.finansiella["f_netto"] is None
    assert d.summa_efter_finansiella["netto"] == 1_499_601 + 700


def test_no_bokslut_period_no_driftredovisning(utfall):
    assert selectors.driftredovisning(utfall.exempel.forbund, 2026) is None


def test_kostnadsfordelning_shares_of_costs(utfall):
    andelar = {
        a.etikett: a
        for a in selectors.driftredovisning(utfall.exempel.forbund, 2025).kostnadsfordelning
    }
    assert andelar["Individinsatser"].utfall == -5_001_000
    assert andelar["Individinsatser"].andel_utfall == Decimal(5_001_000) / Decimal(8_501_599)
    assert andelar["Individinsatser"].andel_budget == Decimal(5) / Decimal("8.5")
    assert andelar["Administration"].andel_foregaende == Decimal(1_400_000) / Decimal(4_700_000)
    assert abs(sum(a.andel_utfall for a in andelar.values()) - 1) < Decimal("1e-20")
    assert "Utan kostnadskategori" not in andelar
