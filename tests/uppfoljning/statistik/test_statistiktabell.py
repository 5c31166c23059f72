"""The count tables written in Python (`{% statistiktabell %}`) give exactly the HTML of the
template they replace on the statistics page (`uppfoljning/statistik/_tabell.html`)."""

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from uppfoljning.statistik.smatal import CountTable

MALL = '{% include "uppfoljning/statistik/_tabell.html" with tabell=t rubrik=r forsta=f %}'
TAGG = "{% load statistiktabell %}{% statistiktabell t r f %}"


@pytest.mark.parametrize("gruppera", [False, True])
@pytest.mark.parametrize("protected", [True, False])
@pytest.mark.parametrize("totaler", [(True, True), (False, False), (True, False)])
@pytest.mark.parametrize(("rubrik", "forsta"), [("Deltagare <&>", "Mått"), ("", "")])
def test_the_tag_gives_the_templates_html(protected, totaler, rubrik, forsta, gruppera, settings):
    # The tag writes counts and texts itself (no localize per cell): the same also with
    # thousands grouped.
    settings.USE_THOUSAND_SEPARATOR = gruppera
    tabell = CountTable(
        row_labels=["Insats A & B", "Insats <C>", mark_safe("Insats <i>D</i>")],
        column_labels=["Kvinnor", "Män", "Annat"],
        cells=[[1, 12, 1234], [0, 2, 7], [40, 5, 1]],
        protected=protected,
        total_row=totaler[0],
        total_column=totaler[1],
    )
    engine = engines["django"]
    ctx = {"t": tabell, "r": rubrik, "f": forsta}
    mall = engine.from_string(MALL).render(ctx)
    assert "smatal-dold" in mall if protected else "smatal-markerad" in mall
    assert engine.from_string(TAGG).render(ctx) == mall
