"""The figure picker's option groups written in Python
(finsam.rapporter.utgava.bilder.figurval_html) give exactly the HTML of the template loop they
replace in rapporter/_texthjalp.html, kept here as the reference."""

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.bilder import figurgrupper, figurval_html
from tests.finsam.rapporter.utgava.test_texthjalp import Figur

pytestmark = pytest.mark.django_db

#: The loop of rapporter/_texthjalp.html that figurval_html replaces.
LOOP = (
    '{% for grupp, figurer in figurgrupper %}<optgroup label="{{ grupp }}">\n'
    '        {% for f in figurer %}<option value="{{ f.namn }}">'
    "{{ f.etikett }}: {{ f.text }} – {{ f.namn }}</option>\n"
    "        {% endfor %}</optgroup>\n"
    "      {% endfor %}"
)


def _referens(grupper) -> str:
    return engines["django"].from_string(LOOP).render({"figurgrupper": grupper})


@pytest.mark.parametrize(
    ("kod", "nyckel"),
    [("verksamhetsplan", "2025"), ("delarsrapport", "2025-08-31"), ("arsredovisning", "2025")],
)
def test_the_demo_documents_pickers_are_the_template_loops_html(demo, kod, nyckel):
    typ = dokumenttyp(kod)
    grupper = figurgrupper(typ, demo, nyckel, typ.bygg(demo, nyckel))
    assert sum(len(f) for _g, f in grupper) >= 20
    html = figurval_html(grupper)
    assert html == _referens(grupper)
    assert html.count("<option ") == sum(len(f) for _g, f in grupper)


def test_values_to_escape_and_empty_groups_are_the_template_loops_html():
    grupper = [
        ("Ekonomi & <budget>", [Figur("a.b", 'Rad "1"', "x", "−1 250 tkr")]),
        ("Tom", []),
        (
            "Deltagare",
            [
                Figur("d'x", "Etikett <i>", "y", "<3"),
                Figur("s", mark_safe("<b>säker</b>"), "y", ""),
            ],
        ),
    ]
    html = figurval_html(grupper)
    assert html == _referens(grupper)
    assert '<optgroup label="Ekonomi &amp; &lt;budget&gt;">' in html
    assert "<b>säker</b>" in html and "&lt;3" in html
    assert figurval_html([]) == _referens([]) == ""
