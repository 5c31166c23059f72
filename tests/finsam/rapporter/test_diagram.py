"""Budget against utfall per cost group: each group once, costs as positive tkr."""

from datetime import date

from budget.models import Utfallsperiod
from budget.utfall.selectors import delarstabell, driftredovisning
from finsam.rapporter.arsredovisning import build_arsredovisning
from finsam.rapporter.diagram import budget_och_utfall


def test_delar_chart_has_each_cost_group_once_in_tkr(demo):
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 8, 31))
    svg = budget_och_utfall(
        delarstabell(period).tabell, utfall="utfall", prognos=True, titel="Per grupp"
    )
    assert "<svg" in svg
    assert "Individinsatser" in svg and "Administrativa kostnader" in svg
    assert "Direkta insatskostnader" not in svg  # the sum of two groups is not a group
    assert "Intäkter" not in svg
    for tkr in ("13\u00a0842", "5\u00a0672", "12\u00a0710"):  # budget, utfall, prognos
        assert tkr in svg.replace(" ", "\u00a0")


def test_arsredovisning_has_the_chart(demo):
    rapport = build_arsredovisning(demo, 2025)
    assert "Budget och utfall per grupp 2025 (tkr)" in rapport.budget_diagram
    assert driftredovisning(demo, 2025) is not None


def test_arsredovisning_charts_participants_and_avslutsorsak_by_kon_protected(demo):
    rapport = build_arsredovisning(demo, 2025)
    assert "Deltagare per insats och kön 2025" in rapport.deltagare_diagram
    assert "Samordningsteam Västerås" in rapport.deltagare_diagram
    svg = rapport.avslut_diagram
    assert "Avslutsorsak per kön 2025" in svg and "Sjuk / medicinsk rehabilitering" in svg
    # Hidden cells are drawn as their labels, as in the table next to the chart.
    tabell = rapport.statistik.groups["avslutsorsak"]
    dolda = [tabell.shown(r, c) for r in range(tabell.n_rows) for c in range(3)]
    assert ".." in dolda and "&gt;" not in svg
    assert ">..<" in svg
