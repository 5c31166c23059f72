"""The Verksamhetsplan's insats articles written in Python
(finsam/rapporter/verksamhetsplan_html.py) give exactly the HTML of the template loop they
replace, kept here as the reference."""

import copy
from decimal import Decimal

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from finsam.rapporter.verksamhetsplan import build_verksamhetsplan

pytestmark = pytest.mark.django_db

#: The labels the template translated once, before its loop.
ETIKETTER = (
    '{% translate "Insatstid" as t_insatstid %}'
    '{% translate "Ägare" as t_agare %}'
    '{% translate "Kommuner" as t_kommuner %}'
    '{% translate "Målgrupp:" as t_malgrupp %}'
    '{% translate "Bemanning" as t_bemanning %}'
    '{% translate "Roll" as t_roll %}'
    '{% translate "Åa" as t_aa %}'
    '{% translate "Anställd av" as t_anstalld %}'
    '{% translate "Varav finansierat av förbundet (åa)" as t_varav %}'
    '{% translate "Anmärkning" as t_anmarkning %}'
    '{% translate "Summa" as t_summa %}'
    '{% translate "Styrelsens beslut" as t_beslut %}'
    '{% translate "Datum" as t_datum %}'
    '{% translate "Paragraf" as t_paragraf %}'
    '{% translate "Avser år" as t_avser %}'
    '{% translate "Beviljat belopp" as t_beviljat %}'
    '{% translate "Anteckning" as t_anteckning %}'
)

#: The loop of rapporter/verksamhetsplan.html that InsatsAvsnitt.html replaces.
LOOP = (
    "{% for ia in mo.insatser %}\n"
    "    {% with i=ia.insats %}\n"
    '    <article class="insats" id="{{ ia.ankare }}">\n'
    '      <h4><span class="nr">{{ ia.nummer }}</span>{{ i.namn }}</h4>\n'
    '      <table class="fakta">\n'
    "        <tbody>\n"
    '          <tr><th scope="row">{{ t_insatstid }}</th><td>{{ i.insatstid }}</td></tr>\n'
    '          {% if i.agare %}<tr><th scope="row">{{ t_agare }}</th><td>'
    "{{ i.agare.namn }}</td></tr>{% endif %}\n"
    '          {% if ia.kommuner %}<tr><th scope="row">{{ t_kommuner }}</th><td>'
    "{% for k in ia.kommuner %}{{ k.visningsnamn }}{% if not forloop.last %}"
    ", {% endif %}{% endfor %}</td></tr>{% endif %}\n"
    '          {% if ia.budget is not None %}<tr><th scope="row">'
    "{% blocktranslate with ar=rapport.ar %}"
    "Förbundets budget {{ ar }}{% endblocktranslate %}</th><td>"
    "{{ ia.budget|kr }}</td></tr>{% endif %}\n"
    "        </tbody>\n"
    "      </table>\n"
    "      {{ ia.beskrivning_html }}\n"
    "      {% if i.malgrupp %}<p><strong>{{ t_malgrupp }}</strong>"
    " {{ i.malgrupp }}</p>{% endif %}\n"
    "\n"
    "      {% if ia.bemanning %}\n"
    '      <table class="bemanning">\n'
    '        <colgroup><col class="roll"><col class="fte"><col class="arbetsgivare">'
    '<col class="fte-forbund"><col></colgroup>\n'
    "        <thead>\n"
    '          <tr><th scope="colgroup" colspan="5" class="tabellrubrik">'
    "{{ t_bemanning }}</th></tr>\n"
    "          <tr>\n"
    '            <th scope="col">{{ t_roll }}</th>\n'
    '            <th scope="col" class="num">{{ t_aa }}</th>\n'
    '            <th scope="col">{{ t_anstalld }}</th>\n'
    '            <th scope="col" class="num">{{ t_varav }}</th>\n'
    '            <th scope="col">{{ t_anmarkning }}</th>\n'
    "          </tr>\n"
    "        </thead>\n"
    "        <tbody>\n"
    "          {% for b in ia.bemanning %}\n"
    "          <tr>\n"
    "            <td>{{ b.roll }}</td>\n"
    '            <td class="num">{{ b.arsarbetare|fte }}</td>\n'
    "            <td>{{ b.arbetsgivare.namn }}</td>\n"
    '            <td class="num">{{ b.finansierat_av_forbundet|fte }}</td>\n'
    "            <td>{{ b.anmarkning }}</td>\n"
    "          </tr>\n"
    "          {% endfor %}\n"
    "          {% if ia.bemanning|length > 1 %}\n"
    '          <tr class="summa">\n'
    "            <td>{{ t_summa }}</td>\n"
    '            <td class="num">{{ ia.summa_arsarbetare|fte }}</td>\n'
    "            <td></td>\n"
    '            <td class="num">{{ ia.summa_finansierat|fte }}</td>\n'
    "            <td></td>\n"
    "          </tr>\n"
    "          {% endif %}\n"
    "        </tbody>\n"
    "      </table>\n"
    "      {% endif %}\n"
    "\n"
    "      {% if ia.beslut %}\n"
    '      <table class="beslut">\n'
    '        <colgroup><col class="datum"><col class="paragraf"><col class="ar">'
    '<col class="belopp"><col></colgroup>\n'
    "        <thead>\n"
    '          <tr><th scope="colgroup" colspan="5" class="tabellrubrik">{{ t_beslut }}</th></tr>\n'
    "          <tr>\n"
    '            <th scope="col">{{ t_datum }}</th>\n'
    '            <th scope="col">{{ t_paragraf }}</th>\n'
    '            <th scope="col">{{ t_avser }}</th>\n'
    '            <th scope="col" class="num">{{ t_beviljat }}</th>\n'
    '            <th scope="col">{{ t_anteckning }}</th>\n'
    "          </tr>\n"
    "        </thead>\n"
    "        <tbody>\n"
    "          {% for b in ia.beslut %}\n"
    "          <tr>\n"
    "            <td>{{ b.datum|datum }}</td>\n"
    "            <td>{{ b.paragraf }}</td>\n"
    "            <td>{{ b.ar_text }}</td>\n"
    '            <td class="num">{{ b.summa|kr }}</td>\n'
    "            <td>{{ b.anteckning }}</td>\n"
    "          </tr>\n"
    "          {% endfor %}\n"
    "        </tbody>\n"
    "      </table>\n"
    "      {% endif %}\n"
    "    </article>\n"
    "    {% endwith %}\n"
    "    {% empty %}"
)


def _mallar():
    django = engines["django"]
    huvud = "{% load i18n l10n finsam_format %}" + ETIKETTER
    referens = django.from_string(
        huvud + "{% for mo in rapport.malomraden %}" + LOOP + "{% endfor %}{% endfor %}"
    )
    ny = django.from_string(
        "{% for mo in rapport.malomraden %}{% for ia in mo.insatser %}{{ ia.html }}"
        "{% empty %}{% endfor %}{% endfor %}"
    )
    return referens, ny


def test_the_demo_plans_articles_are_the_template_loops_html(demo):
    referens, ny = _mallar()
    rapport = build_verksamhetsplan(demo, 2025)
    assert sum(len(mo.insatser) for mo in rapport.malomraden) >= 6
    html = ny.render({"rapport": rapport})
    assert html == referens.render({"rapport": rapport})
    assert "<article" in html and "Samordningsteam" in html


def test_every_kind_of_article_is_the_template_loops_html(demo):
    """No owner, kommuner, budget, target group, staffing or decisions; one staffing row
    (no sum row); names and notes that must be escaped; text already safe."""
    referens, ny = _mallar()
    rapport = build_verksamhetsplan(demo, 2025)
    mo = next(
        mo for mo in rapport.malomraden if any(ia.bemanning and ia.beslut for ia in mo.insatser)
    )
    ia = next(ia for ia in mo.insatser if ia.bemanning and ia.beslut)
    varianter = []
    tom = copy.copy(ia)
    tom.insats = copy.copy(ia.insats)
    tom.insats.agare = None
    tom.insats.malgrupp = ""
    tom.insats.beskrivning = ""
    tom.kommuner, tom.bemanning, tom.beslut, tom.budget = [], [], [], None
    varianter.append(tom)
    en = copy.copy(ia)
    en.bemanning = ia.bemanning[:1]
    en.budget = 0
    varianter.append(en)
    farlig = copy.copy(ia)
    farlig.insats = copy.copy(ia.insats)
    farlig.insats.namn = "Team <b>\"A\" & 'B'</b>"
    farlig.insats.malgrupp = "Unga < 25 & äldre > 60"
    farlig.nummer = mark_safe("6.<i>1</i>")
    b = copy.copy(ia.bemanning[0])
    b.roll, b.anmarkning, b.arsarbetare = "Roll <x>", "Not & not", Decimal("0.25")
    farlig.bemanning = [b, *ia.bemanning]
    beslut = copy.copy(ia.beslut[0])
    beslut.paragraf, beslut.anteckning, beslut.summa = "§ 1 <2>", '"citat"', -1234567
    farlig.beslut = [beslut]
    farlig.budget = 1234567
    varianter.append(farlig)
    mo.insatser = varianter
    rapport.malomraden = [mo]
    html = ny.render({"rapport": rapport})
    assert html == referens.render({"rapport": rapport})
    assert "Team &lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;" in html
    assert "6.<i>1</i>" in html
