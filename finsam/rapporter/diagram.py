"""Charts the reports share: budget against utfall per cost group.

    svg = budget_och_utfall(tabell, utfall="utfall", prognos=True, titel="...")

`tabell` is a budget.utfall.selectors.Utfallstabell. One bar group per cost group that has
no subgroups of its own in the table (so no amount is counted twice), in tkr, costs as
positive amounts. No queries.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget.models import Budgetgrupp
from finsam import formatting
from finsam.charts import BarChart, Series
from uppfoljning.statistik import selectors as statistik
from uppfoljning.statistik.smatal import small_label


def _grupper(tabell):
    summor = [r for r in tabell.rader if r.typ == "summa" and r.grupp is not None]
    foraldrar = {r.grupp.overordnad_id for r in summor}
    return [
        r for r in summor if r.grupp.pk not in foraldrar and r.grupp.typ != Budgetgrupp.Typ.INTAKT
    ]


def _tkr(varde) -> int:
    return max(0, formatting.till_tkr(-(varde or 0)))


def budget_och_utfall(tabell, *, utfall: str, titel: str, prognos: bool = False) -> str:
    rader = _grupper(tabell)
    if not rader:
        return ""
    serier = [
        Series(_("Budget"), [_tkr(r.varden.get("budget")) for r in rader]),
        Series(_("Utfall"), [_tkr(r.varden.get(utfall)) for r in rader]),
    ]
    if prognos:
        serier.append(Series(_("Prognos"), [_tkr(r.varden.get("prognos")) for r in rader]))
    etiketter = [r.etikett.removeprefix("Summa ").capitalize() for r in rader]
    return BarChart(title=titel, categories=etiketter, series=serier).svg()


def per_kon(tabell, *, titel: str) -> str:
    """A protected CountTable (uppfoljning.statistik.smatal) as bars per row and kön; hidden cells
    are drawn as their label ("<3", ".."), never as a number. No queries."""
    if tabell is None or not tabell.n_rows:
        return ""
    kon = statistik.kon_labels()
    return BarChart(
        title=titel,
        categories=tabell.row_labels,
        series=[
            Series(kon[c], [tabell.shown(r, c) for r in range(tabell.n_rows)])
            for c in range(min(3, tabell.n_cols))
        ],
        hidden_label=small_label(tabell.threshold),
    ).svg()
