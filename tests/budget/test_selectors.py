"""The budget table: group sums, nested groups, Summa kostnader, Resultat, eget kapital, and
the grid and structure reads of the budget pages. Every figure is computed here by hand."""

from datetime import date
from decimal import Decimal

from budget import selectors
from budget.models import Budgetversion
from budget.selectors import Budgetkolumn, budgettabell, verksamhetsplan_versioner
from tests import factories


def _rader(tabell, col=0):
    return [(r.typ, r.etikett, r.niva, r.belopp[col]) for r in tabell.rader]


def test_table_rows_group_sums_and_nesting(exempel):
    tabell = budgettabell(exempel.forbund, [Budgetkolumn("Budget 2025", exempel.budget)])
    assert _rader(tabell) == [
        ("rad", "Medel från huvudmännen", 1, 10_000_000),
        ("summa", "Summa intäkter", 0, 10_000_000),
        ("rubrik", "Individinsatser", 0, None),
        ("rad", "Team A", 1, -3_000_000),
        ("rad", "Team B", 1, -2_000_000),
        ("summa", "Summa individinsatser", 0, -5_000_000),
        ("rubrik", "Strukturella insatser", 0, None),
        ("rad", "Metodstöd", 1, -1_000_000),
        ("rad", "Processtöd", 1, -1_000_000),
        # The nested groups add into their parent's sum row.
        ("summa", "Summa direkta insatskostnader", 0, -7_000_000),
        ("rad", "Kansli", 1, -1_500_000),
        ("summa", "Summa administration", 0, -1_500_000),
    ]
    assert tabell.summa_intakter == [10_000_000]
    assert tabell.summa_kostnader == [-8_500_000]
    assert tabell.resultat == [1_500_000]


def test_individinsatser_share_of_direct_insats_costs(exempel):
    tabell = budgettabell(exempel.forbund, [Budgetkolumn("Budget 2025", exempel.budget)])
    # Individinsatser 5 000 000 of insatskostnader 7 000 000 (admin is not an insats cost).
    assert tabell.individinsatser == [-5_000_000]
    assert tabell.insatskostnader == [-7_000_000]
    assert tabell.individinsatser_andel == [Decimal(5) / Decimal(7)]


def test_share_is_none_without_insats_costs(forbund):
    grupp = factories.make_grupp(forbund)
    rad = factories.make_rad(grupp, kategori="administration")
    version = factories.make_version(forbund)
    factories.set_belopp(version, rad, -100)
    tabell = budgettabell(forbund, [Budgetkolumn("B", version)])
    assert tabell.individinsatser_andel == [None]


def test_eget_kapital_rolls_forward_with_each_columns_resultat(exempel):
    plan27 = factories.make_version(
        exempel.forbund, 2027, Budgetversion.Typ.PLAN, beslutsdatum=date(2024, 11, 22)
    )
    factories.set_belopp(plan27, exempel.rader.medel, 1_000)
    factories.set_belopp(plan27, exempel.rader.kansli, -3_000)
    kolumner = [
        Budgetkolumn("Budget 2025", exempel.budget),
        Budgetkolumn("Plan 2026", exempel.plan),
        Budgetkolumn("Plan 2027", plan27),
    ]
    tabell = budgettabell(exempel.forbund, kolumner)
    # Plan 2026: 10 000 000 − 4 000 000 − 2 000 000 − 1 500 000 = 2 500 000.
    assert tabell.resultat == [1_500_000, 2_500_000, -2_000]
    assert tabell.utgaende_eget_kapital(3_500_000) == [3_500_000, 6_000_000, 5_998_000]
    assert tabell.utgaende_eget_kapital(None) == [None, None, None]


def test_column_without_version_counts_nothing(exempel):
    tabell = budgettabell(
        exempel.forbund, [Budgetkolumn("Budget 2025", exempel.budget), Budgetkolumn("X", None)]
    )
    assert tabell.summa_kostnader == [-8_500_000, None]
    assert tabell.resultat[1] is None and tabell.utgaende_eget_kapital(100)[1] is None
    assert all(r.belopp[1] is None for r in tabell.rader if r.typ == "summa")
    assert all(r.belopp[1] is None for r in tabell.rader if r.typ == "rad")


def test_line_without_amount_is_hidden_unless_open_lines_are_asked_for(exempel):
    ny = factories.make_rad(exempel.grupper.admin, namn="Ny rad", ordning=9)
    stangd = factories.make_rad(exempel.grupper.admin, namn="Stängd rad", ordning=10, stangd=True)
    kolumner = [Budgetkolumn("Budget 2025", exempel.budget)]
    namn = [r.etikett for r in budgettabell(exempel.forbund, kolumner).rader]
    assert ny.namn not in namn and stangd.namn not in namn
    namn = [r.etikett for r in budgettabell(exempel.forbund, kolumner, visa_alla_oppna=True).rader]
    assert ny.namn in namn and stangd.namn not in namn


# --- the demo: Verksamhetsplan och budget 2025–2027 as published -------------------------------


def test_demo_verksamhetsplan_2025_columns(demo):
    huvud, kolumner = verksamhetsplan_versioner(demo, 2025)
    assert [k.rubrik for k in kolumner] == ["Budget 2024", "Budget 2025", "Plan 2026", "Plan 2027"]
    # Budget 2024 is the tilläggsbudget of May 2024, the newest decided before Nov 2024.
    assert kolumner[0].version.typ == Budgetversion.Typ.TILLAGG
    tabell = budgettabell(demo, kolumner)
    assert tabell.summa_kostnader[1] == -20_204_000
    assert tabell.resultat[1] == -1_246_000
    assert tabell.resultat[3] == 322_000
    # Column 0 closes at the estimate budget 2025 was made with; 2025 adds its resultat.
    eget_kapital = tabell.utgaende_eget_kapital(huvud.eget_kapital_ingaende)
    assert eget_kapital[:2] == [2_246_700, 1_000_700]
    assert selectors.versionstabell(huvud).eget_kapital_utgaende == 1_000_700


def test_demo_aktuell_version_prefers_tillaggsbudget(demo):
    assert selectors.aktuell_version(demo, 2024).typ == Budgetversion.Typ.TILLAGG
    assert selectors.aktuell_version(demo, 2026).typ == Budgetversion.Typ.PLAN
    assert selectors.aktuell_version(demo, 2030) is None
    assert selectors.ar_med_versioner(demo) == [2027, 2026, 2025, 2024]
    assert [v.typ for v in selectors.versioner_for_ar(demo, 2024)] == ["tillagg", "budget"]


# --- the pages' reads ---------------------------------------------------------------------------


def test_versionstabell_eget_kapital(exempel):
    vt = selectors.versionstabell(exempel.budget)
    assert vt.eget_kapital_utgaende == 2_000_000 + 1_500_000
    assert [v for _etikett, v in vt.extra_rader] == [[2_000_000], [3_500_000]]
    assert selectors.versionstabell(exempel.plan).extra_rader == []


def test_grid_offers_open_lines_and_tells_which_sums_each_line_adds_into(exempel):
    ny = factories.make_rad(exempel.grupper.individ, namn="Team C", ordning=3)
    grid = selectors.beloppsgrid(exempel.plan)
    per_namn = {g.etikett: g for g in grid.rader if g.typ == "rad"}
    # Plan 2026 has no Metodstöd or Processtöd amount, but they are open lines.
    assert set(per_namn) == {
        "Medel från huvudmännen",
        "Team A",
        "Team B",
        "Team C",
        "Metodstöd",
        "Processtöd",
        "Kansli",
    }
    assert per_namn["Team C"].belopp is None and per_namn["Team C"].rad == ny
    g = exempel.grupper
    assert per_namn["Team A"].summagrupper == [g.individ.pk, g.direkta.pk]
    assert per_namn["Team A"].toppgruppstyp == "kostnad"
    # Strukturella insatser has no sum row of its own: only the parent's.
    assert per_namn["Metodstöd"].summagrupper == [g.direkta.pk]
    assert per_namn["Medel från huvudmännen"].toppgruppstyp == "intakt"
    assert grid.summa_kostnader == -7_500_000
    assert grid.resultat == 2_500_000


def test_grid_leaves_out_closed_lines_and_closed_groups_without_amounts(exempel):
    g = exempel.grupper
    factories.make_rad(g.admin, namn="Stängd rad", stangd=True)
    g.strukturella.stangd = True
    g.strukturella.save()
    etiketter = [r.etikett for r in selectors.beloppsgrid(exempel.plan).rader]
    assert "Stängd rad" not in etiketter
    # The plan has no amounts in the closed group: its lines and heading are left out.
    assert "Metodstöd" not in etiketter and "Strukturella insatser" not in etiketter
    # The budget has amounts there: they stay editable.
    etiketter = [r.etikett for r in selectors.beloppsgrid(exempel.budget).rader]
    assert "Metodstöd" in etiketter and "Strukturella insatser" in etiketter


def test_struktur_is_the_tree_with_lines_and_marks_decided_lines(exempel):
    oanvand = factories.make_rad(exempel.grupper.admin, namn="Oanvänd", ordning=5)
    struktur = selectors.struktur(exempel.forbund)
    assert [(s.grupp.namn, s.niva) for s in struktur] == [
        ("Intäkter", 0),
        ("Direkta insatskostnader", 0),
        ("Individinsatser", 1),
        ("Strukturella insatser", 1),
        ("Administration", 0),
    ]
    admin = struktur[-1]
    assert [r.namn for r in admin.rader] == ["Kansli", "Oanvänd"]
    assert [r.i_beslutad_budget for r in admin.rader] == [True, False]
    assert oanvand.pk == admin.rader[1].pk


def test_struktur_counts_plan_amounts_as_not_decided(exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Bara i plan")
    factories.set_belopp(exempel.plan, rad, -1)
    admin = selectors.struktur(exempel.forbund)[-1]
    assert {r.namn: r.i_beslutad_budget for r in admin.rader}["Bara i plan"] is False


def test_groups_below_and_closed_groups(exempel):
    g = exempel.grupper
    assert selectors.underordnade_grupper(g.direkta) == {
        g.direkta.pk,
        g.individ.pk,
        g.strukturella.pk,
    }
    assert selectors.underordnade_grupper(g.individ) == {g.individ.pk}
    assert selectors.stangda_grupper(exempel.forbund) == set()
    g.direkta.stangd = True
    g.direkta.save()
    assert selectors.stangda_grupper(exempel.forbund) == {
        g.direkta.pk,
        g.individ.pk,
        g.strukturella.pk,
    }


def test_reads_never_reach_another_forbund(exempel, annat_forbund):
    other = factories.make_grupp(annat_forbund, namn="Främmande")
    factories.make_rad(other, namn="Främmande rad")
    assert "Främmande" not in [s.grupp.namn for s in selectors.struktur(exempel.forbund)]
    assert "Främmande rad" not in [r.etikett for r in selectors.beloppsgrid(exempel.plan).rader]


def test_inside_ett_budgettrad_the_tree_is_read_once(exempel):
    """Inside ett_budgettrad() the second table reads only the amounts (the groups and
    lines as the first read them), and is the same table; outside, each table reads the
    tree, so a change made after the context shows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from budget.models import Budgetrad
    from budget.selectors import ett_budgettrad

    kolumner = [Budgetkolumn("Budget 2025", exempel.budget)]

    def rader(tabell):
        return [(r.typ, r.etikett, r.belopp) for r in tabell.rader]

    with CaptureQueriesContext(connection) as utan:
        fore = budgettabell(exempel.forbund, kolumner)
    with ett_budgettrad():
        with CaptureQueriesContext(connection) as forsta:
            a = budgettabell(exempel.forbund, kolumner)
        with CaptureQueriesContext(connection) as andra:
            b = budgettabell(exempel.forbund.pk, kolumner)
    assert len(forsta) == len(utan) == 3
    assert len(andra) == 1  # the amounts only
    assert rader(a) == rader(b) == rader(fore)
    # Outside again: read afresh.
    rad = Budgetrad.objects.filter(forbund=exempel.forbund).order_by("pk").first()
    Budgetrad.objects.filter(pk=rad.pk).update(namn="Nytt namn")
    with CaptureQueriesContext(connection) as efter:
        c = budgettabell(exempel.forbund, kolumner)
    assert len(efter) == 3
    assert "Nytt namn" in [r.etikett for r in c.rader] or rad.namn not in [
        r.etikett for r in fore.rader
    ]
