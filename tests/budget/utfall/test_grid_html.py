"""The utfall grid's body rows written in Python (`UtfallGridForm.rader_html`) give exactly
the HTML of the template loop they replace in `budget/utfall/grid.html` (kept here as the
reference): a delår and a bokslut, unbound and refused (errors, a colleague's save), a
closed line, a label to escape, and a förbund without lines."""

from datetime import date
from pathlib import Path

import pytest

from budget.models import Budgetrad, Utfallsperiod
from budget.utfall import selectors, services
from budget.utfall.forms import UtfallGridForm
from tests.budget.helpers import rader_som_mallen

#: The loop of templates/budget/utfall/grid.html before it was written in Python.
MALL = (Path(__file__).parent / "grid_rader_mall.html").read_text().removesuffix("\n")


def _jamfor(form, konflikt):
    return rader_som_mallen(form, konflikt, MALL)


def _data(form):
    """What the page posts back unchanged."""
    data = {"lock_version_loaded": str(form.grid.period.lock_version)}
    for r in form.grid.linjer:
        for kol in [*form.beloppskolumner, "kommentar"]:
            namn = form.faltnamn(kol, r)
            varde = form[namn].value()
            data[namn] = "" if varde is None else str(form.fields[namn].prepare_value(varde))
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("konflikt", [False, True])
@pytest.mark.parametrize("typ", ["delar", "bokslut"])
def test_unbound_grid(utfall, typ, konflikt):
    rad = utfall.exempel.rader.team_b
    Budgetrad.objects.filter(pk=rad.pk).update(stangd=True, namn='Team <B> & "C"')
    period = getattr(utfall, typ)
    mall = _jamfor(UtfallGridForm(grid=selectors.utfallsgrid(period)), konflikt)
    assert "Team &lt;B&gt; &amp; &quot;C&quot;" in mall
    assert "stängd" in mall and 'class="summa"' in mall and 'class="rubrik"' in mall


@pytest.mark.django_db
@pytest.mark.parametrize("konflikt", [False, True])
@pytest.mark.parametrize("typ", ["delar", "bokslut"])
def test_refused_grid(utfall, typ, konflikt):
    r = utfall.exempel.rader
    period = getattr(utfall, typ)
    grid = selectors.utfallsgrid(period)
    data = _data(UtfallGridForm(grid=grid))
    forsta, andra = UtfallGridForm.beloppskolumner.fget(UtfallGridForm(grid=grid))
    data[f"{forsta}_{r.team_a.pk}"] = "tvåmiljoner <b>"
    data[f"{andra}_{r.metod.pk}"] = "5" if typ == "bokslut" else "-7 000"
    data[f"{andra}_{r.processtod.pk}"] = "-1"
    data[f"kommentar_{r.kansli.pk}"] = 'Ny <kommentar> & "citat"'
    form = UtfallGridForm(data, grid=grid)
    assert not form.is_valid() or konflikt
    mall = _jamfor(form, konflikt)
    assert "invalid-feedback" in mall
    assert (" changed" in mall) == konflikt


@pytest.mark.django_db
def test_a_forbund_without_lines(forbund):
    period = services.utfallsperiod_create(
        forbund=forbund, per=date(2025, 8, 31), typ=Utfallsperiod.Typ.DELAR
    )
    mall = _jamfor(UtfallGridForm(grid=selectors.utfallsgrid(period)), False)
    assert "Det finns inga öppna budgetrader" in mall
