"""The amounts grid's body rows written in Python (`BeloppGridForm.rader_html`) give exactly
the HTML of the template loop they replace in `budget/belopp_form.html` (kept here as the
reference): unbound and refused (errors, a colleague's save), a closed line with an amount,
a label to escape, and a version without lines."""

from pathlib import Path

import pytest

from budget import selectors
from budget.forms import BeloppGridForm
from budget.models import Budgetrad
from tests import factories
from tests.budget.helpers import rader_som_mallen

#: The loop of templates/budget/belopp_form.html before it was written in Python.
MALL = (Path(__file__).parent / "belopp_grid_rader_mall.html").read_text().removesuffix("\n")


def _jamfor(form, konflikt):
    return rader_som_mallen(form, konflikt, MALL)


def _data(form):
    """What the page posts back unchanged."""
    data = {"lock_version_loaded": str(form.grid.version.lock_version)}
    for g in form.grid.rader:
        if g.typ == "rad":
            varde = form[g.faltnamn].value()
            data[g.faltnamn] = (
                "" if varde is None else str(form.fields[g.faltnamn].prepare_value(varde))
            )
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("konflikt", [False, True])
def test_unbound_grid(exempel, konflikt):
    rad = exempel.rader.team_b
    Budgetrad.objects.filter(pk=rad.pk).update(stangd=True, namn='Team <B> & "C"')
    mall = _jamfor(BeloppGridForm(grid=selectors.beloppsgrid(exempel.budget)), konflikt)
    assert "Team &lt;B&gt; &amp; &quot;C&quot;" in mall
    assert "stängd" in mall and 'class="summa"' in mall and 'class="rubrik"' in mall


@pytest.mark.django_db
@pytest.mark.parametrize("konflikt", [False, True])
def test_refused_grid(exempel, konflikt):
    r = exempel.rader
    grid = selectors.beloppsgrid(exempel.budget)
    data = _data(BeloppGridForm(grid=grid))
    data[f"rad_{r.team_a.pk}"] = "tvåmiljoner <b>"
    data[f"rad_{r.processtod.pk}"] = "-1"
    form = BeloppGridForm(data, grid=grid)
    assert not form.is_valid()
    mall = _jamfor(form, konflikt)
    assert "invalid-feedback" in mall and "is-invalid" in mall
    assert (" changed" in mall) == konflikt


@pytest.mark.django_db
def test_a_version_without_lines(forbund):
    version = factories.make_version(forbund, 2025)
    mall = _jamfor(BeloppGridForm(grid=selectors.beloppsgrid(version)), False)
    assert "Det finns inga öppna rader" in mall
