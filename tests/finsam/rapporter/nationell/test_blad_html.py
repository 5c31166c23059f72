"""The Uppföljning Finsam sheet's insatser written in Python
(finsam/rapporter/nationell/blad_html.py) give exactly the HTML of the template loop they
replace in uppfoljning/nationell/blad.html, kept here as the reference (with the checks'
include _kontroll.html as it is in the templates)."""

import copy

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from finsam.rapporter.nationell.blad_html import insatser_html
from finsam.rapporter.nationell.selectors import Kontroll, uppfoljningsblad

pytestmark = pytest.mark.django_db

AR = 2025

#: The loop of uppfoljning/nationell/blad.html that insatser_html replaces.
LOOP = (
    "{% for r in blad.insatsrader %}\n"
    '  <div class="mb-3">\n'
    '    <h3 class="h6" id="insats-{{ r.nr|slugify }}">{{ r.nr }} {{ r.namn }}</h3>\n'
    '    <div class="table-responsive">\n'
    '    <table class="table table-sm w-auto" aria-labelledby="insats-{{ r.nr|slugify }}'
    '">\n'
    "      <tbody>\n"
    '        <tr><th scope="row" class="fw-normal">{% translate "Insatsens inriktning" %}'
    "</th><td>{{ r.inriktning }}</td></tr>\n"
    '        <tr><th scope="row" class="fw-normal">{% translate "Preciserad inriktning" %}'
    '</th><td>{{ r.preciserad_inriktning|default:"–" }}</td></tr>\n'
    '        <tr><th scope="row" class="fw-normal">{% translate "Målgrupp" %}</th>'
    '<td>{{ r.malgrupp|default:"–" }}</td></tr>\n'
    '        <tr><th scope="row" class="fw-normal">{% translate "ESF-finansiering" %}'
    '</th><td>{% if r.esf %}{% translate "Ja" %}{% else %}{% translate "Nej" %}'
    "{% endif %}</td></tr>\n"
    '        <tr><th scope="row" class="fw-normal">{% translate "Budget (kr)" %}</th>'
    '<td class="num">{% if r.budget is None %}–{% else %}{{ r.budget|belopp }}'
    "{% endif %}</td></tr>\n"
    '        <tr><th scope="row" class="fw-normal">{% translate "Utfall (kr)" %}</th>'
    '<td class="num">{% if r.utfall is None %}–{% else %}{{ r.utfall|belopp }}'
    "{% endif %}</td></tr>\n"
    "        {% if r.ar_individ %}\n"
    '        <tr><th scope="row" class="fw-normal">{% translate "Budgeterat antal deltagare" %}'
    '</th><td class="num">{{ r.budgeterade_deltagare|default_if_none:"–" }}</td>'
    "</tr>\n"
    "        {% for cell in r.celler %}\n"
    '        <tr><th scope="row" class="fw-normal">{{ cell.etikett }}</th>'
    '<td class="num{% if cell.hidden %} smatal-dold{% endif %}{% if cell.marked %}'
    ' smatal-markerad{% endif %}"{% if cell.marked %}'
    " title=\"{% translate 'Döljs för styrelse och revisor' %}\"{% endif %}"
    ">{{ cell.value }}{% if cell.marked %}*{% endif %}</td></tr>\n"
    "        {% empty %}\n"
    '        <tr><th scope="row" class="fw-normal">{% translate "Deltagare" %}</th>'
    "<td>–</td></tr>\n"
    "        {% endfor %}\n"
    "        {% else %}\n"
    '        <tr><th scope="row" class="fw-normal">'
    '{% translate "Deltagare i strukturövergripande aktiviteter" %}'
    '</th><td class="num">{{ r.strukturdeltagare|default_if_none:"–" }}</td></tr>\n'
    '        <tr><th scope="row" class="fw-normal">{% translate "Antal aktiviteter" %}'
    '</th><td class="num">{{ r.aktiviteter }}</td></tr>\n'
    "        {% endif %}\n"
    "      </tbody>\n"
    "    </table>\n"
    "    </div>\n"
    "    {% for k in r.kontroller %}"
    '{% include "uppfoljning/nationell/_kontroll.html" %}{% endfor %}\n'
    "  </div>\n"
    "  {% empty %}\n"
    '  <p class="text-muted">'
    '{% translate "Ingen insats under året har inriktning i Uppföljning Finsam angiven." %}'
    "</p>\n"
    "  {% endfor %}"
)


def _referens(blad, kan_andra: bool) -> str:
    return (
        engines["django"]
        .from_string("{% load i18n finsam_format %}" + LOOP)
        .render({"blad": blad, "kan_andra": kan_andra})
    )


@pytest.mark.parametrize("protected", [False, True])
@pytest.mark.parametrize("kan_andra", [False, True])
def test_the_demo_sheets_insatser_are_the_template_loops_html(demo, protected, kan_andra):
    blad = uppfoljningsblad(demo, AR, protected=protected)
    assert len(blad.insatsrader) >= 4
    assert any(r.ar_individ for r in blad.insatsrader)
    assert any(not r.ar_individ for r in blad.insatsrader)
    html = insatser_html(blad, kan_andra)
    assert html == _referens(blad, kan_andra)
    assert html.count('<div class="mb-3">') == len(blad.insatsrader)


def test_every_kind_of_row_is_the_template_loops_html(demo):
    """No figures, no cells, hidden and marked cells, checks that pass and fail with and
    without a link, text to escape and safe text; and a sheet without insatser."""
    blad = uppfoljningsblad(demo, AR, protected=False)
    individ = next(r for r in blad.insatsrader if r.ar_individ and r.celler)
    struktur = next(r for r in blad.insatsrader if not r.ar_individ)
    tom = copy.deepcopy(individ)
    tom.celler, tom.budgeterade_deltagare, tom.budget, tom.utfall = [], None, None, None
    tom.preciserad_inriktning, tom.malgrupp, tom.esf = "", "", True
    farlig = copy.deepcopy(individ)
    farlig.nr, farlig.namn = "2.<1>", "Team \"A\" & 'B' <b>"
    farlig.malgrupp = mark_safe("<i>unga</i>")
    farlig.budget, farlig.utfall, farlig.budgeterade_deltagare = -1234567, 0, 0
    farlig.celler = [
        {"etikett": "Kvinnor", "value": "<3", "hidden": True, "marked": False},
        {"etikett": "Män & <x>", "value": 17, "hidden": False, "marked": True},
        {"etikett": "Totalt", "value": "..", "hidden": True, "marked": True},
    ]
    farlig.kontroller = [
        Kontroll(
            rubrik="Budget <x>",
            ok=False,
            meddelande="Skiljer & mer",
            url="/a?b=1&c=2",
            lank="Till <b>",
        ),
        Kontroll(rubrik="Utfall", ok=True, meddelande="", url="/x/", lank="L"),
        Kontroll(rubrik="Utan länk", ok=False, meddelande="M"),
    ]
    s = copy.deepcopy(struktur)
    s.strukturdeltagare, s.aktiviteter = None, 0
    blad.insatsrader = [tom, farlig, s, struktur]
    for kan_andra in (False, True):
        html = insatser_html(blad, kan_andra)
        assert html == _referens(blad, kan_andra)
    assert "Team &quot;A&quot; &amp; &#x27;B&#x27; &lt;b&gt;" in html
    assert '<a href="/a?b=1&amp;c=2">Till &lt;b&gt;</a>' in html
    blad.insatsrader = []
    assert insatser_html(blad, True) == _referens(blad, True)
    assert "Ingen insats" in insatser_html(blad, True)
