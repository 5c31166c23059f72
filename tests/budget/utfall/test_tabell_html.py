"""The utfall tables' body rows written in Python (`budget.utfall.html.tabellrader_html`)
give exactly the HTML of the template loops they replace (kept here as the references): the
delår table of `budget/utfall/detail.html` and the driftredovisning's table, with headings,
lines and sums, a label to escape, and a period without amounts."""

from datetime import date
from pathlib import Path

import pytest
from django.template import engines

from budget.models import Budgetrad, Utfallsperiod
from budget.utfall import selectors, services
from budget.utfall.html import tabellrader_html
from budget.utfall.views import DELAR_KOLUMNER, DRIFT_KOLUMNER
from finsam.formatting import belopp, tkr

MAPP = Path(__file__).parent
TOM = '<tr><td colspan="5" class="text-muted">Inga belopp är inlagda.</td></tr>'


def _mall(namn, **ctx):
    text = (MAPP / namn).read_text().removesuffix("\n")
    return engines["django"].from_string(text).render(ctx)


@pytest.mark.django_db
def test_the_delar_table(utfall):
    rad = utfall.exempel.rader.team_b
    Budgetrad.objects.filter(pk=rad.pk).update(namn='Team <B> & "C"')
    delar = selectors.delarstabell(utfall.delar)
    html = tabellrader_html(delar.tabell.rader, DELAR_KOLUMNER, belopp, tom=TOM)
    assert html == _mall("detail_rader_mall.html", delar=delar)
    assert "Team &lt;B&gt; &amp; &quot;C&quot;" in html
    assert 'class="summa"' in html and 'class="rubrik"' in html


@pytest.mark.django_db
def test_a_delar_without_amounts(forbund):
    period = services.utfallsperiod_create(
        forbund=forbund, per=date(2025, 4, 30), typ=Utfallsperiod.Typ.DELAR
    )
    delar = selectors.delarstabell(period)
    html = tabellrader_html(delar.tabell.rader, DELAR_KOLUMNER, belopp, tom=TOM)
    assert html == _mall("detail_rader_mall.html", delar=delar)
    assert "Inga belopp är inlagda." in html


@pytest.mark.django_db
@pytest.mark.parametrize("ar", [2025, 2024])
def test_the_driftredovisning(utfall, ar):
    drift = selectors.driftredovisning(utfall.exempel.forbund, ar)
    html = tabellrader_html(drift.tabell.rader, DRIFT_KOLUMNER, tkr)
    assert html == _mall("drift_rader_mall.html", drift=drift)
    assert 'class="summa"' in html and 'class="rubrik"' in html
