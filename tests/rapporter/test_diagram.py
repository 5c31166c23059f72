"""Budget against utfall per cost group: each group once, costs as positive tkr."""

from datetime import date

from budget.models import Utfallsperiod
from budget.selectors_utfall import delarstabell, driftredovisning
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
