"""The notes' rows written in Python (`BasePostFormSet.rader_html`) give exactly the HTML of
the template loop they replace in `budget/bokslut/_post_grid.html` (kept here as the
reference): stored lines (a name to escape), empty rows, and a refused post with errors on
names, amounts and a hidden id."""

from pathlib import Path

import pytest
from django.template import engines

from budget.bokslut.forms import post_formsets
from budget.models import Bokslutspost
from tests.budget.bokslut.conftest import make_arsredovisning
from tests.budget.bokslut.test_edit_views import _edit_data


@pytest.fixture
def b2025(forbund):
    return make_arsredovisning(forbund, ar=(2025,)).b2025


MALL = (Path(__file__).parent / "post_rader_mall.html").read_text().removesuffix("\n")


def _jamfor(formset):
    mall = engines["django"].from_string(MALL).render({"formset": formset})
    assert formset.rader_html == mall
    return mall


@pytest.mark.django_db
def test_stored_lines_and_empty_rows(b2025):
    Bokslutspost.objects.filter(bokslut=b2025).update(namn='Moms <&> "x"')
    b2025.refresh_from_db()
    for formset in post_formsets(None, b2025):
        mall = _jamfor(formset)
        assert "Moms &lt;&amp;&gt; &quot;x&quot;" in mall and "Ta bort" in mall


@pytest.mark.django_db
def test_a_refused_post(b2025):
    data = _edit_data(
        b2025,
        **{
            "fordran-0-belopp": "tvåtusen <b>",
            "fordran-0-post_id": "0",
            "fordran-3-namn": "Ny rad utan belopp",
            "skuld-0-belopp": "-5 000",
            "skuld-3-belopp": "1 000",
        },
    )
    fordringar, skulder = post_formsets(data, b2025)
    assert not fordringar.is_valid() and not skulder.is_valid()
    for formset in (fordringar, skulder):
        assert "invalid-feedback" in _jamfor(formset)
    assert "tabindex" in _jamfor(fordringar)  # the hidden id's error
