"""The Årsredovisning's driftredovisning table written in Python
(finsam/rapporter/arsredovisning_html.py) gives exactly the HTML of the template it replaces,
kept here as the reference."""

import copy

import pytest
from django.template import engines

from finsam.rapporter.arsredovisning import build_arsredovisning

pytestmark = pytest.mark.django_db

#: The table of rapporter/arsredovisning/_rakenskaper.html that drift_html replaces.
TABELL = (
    '<table class="drift">\n'
    '    <colgroup><col class="drift-etikett"><col span="10"></colgroup>\n'
    "    <thead>\n"
    "      <tr>\n"
    '        <th scope="col" rowspan="2">{% translate "Belopp tkr" %}</th>\n'
    '        <th scope="colgroup" colspan="3" class="grupp">{% blocktranslate %}'
    "Utfall {{ ar }}{% endblocktranslate %}</th>\n"
    '        <th scope="colgroup" colspan="3" class="grupp">{% blocktranslate %}'
    "Budget {{ ar }}{% endblocktranslate %}</th>\n"
    '        <th scope="col" class="num">{% translate "Avvikelse" %}</th>\n'
    '        <th scope="colgroup" colspan="3" class="grupp">{% blocktranslate %}'
    "Utfall {{ far }}{% endblocktranslate %}</th>\n"
    "      </tr>\n"
    "      <tr>\n"
    '        <th scope="col" class="num">{% translate "Intäkt" %}</th>'
    '<th scope="col" class="num">{% translate "Kostnad" %}</th>'
    '<th scope="col" class="num">{% translate "Netto" %}</th>\n'
    '        <th scope="col" class="num">{% translate "Intäkt" %}</th>'
    '<th scope="col" class="num">{% translate "Kostnad" %}</th>'
    '<th scope="col" class="num">{% translate "Netto" %}</th>'
    '<th scope="col" class="num">{% translate "Utfall − budget" %}</th>\n'
    '        <th scope="col" class="num">{% translate "Intäkt" %}</th>'
    '<th scope="col" class="num">{% translate "Kostnad" %}</th>'
    '<th scope="col" class="num">{% translate "Netto" %}</th>\n'
    "      </tr>\n"
    "    </thead>\n"
    "    <tbody>\n"
    "    {% for r in d.tabell.rader %}\n"
    '      <tr class="{{ r.typ }}">\n'
    '        <th scope="row" class="niva-{{ r.niva }}">{{ r.etikett }}</th>\n'
    '        {% if r.typ == "rubrik" %}<td colspan="10"></td>{% else %}\n'
    '        <td class="num">{{ r.varden.intakt|tkr }}</td>'
    '<td class="num">{{ r.varden.kostnad|tkr }}</td>'
    '<td class="num">{{ r.varden.netto|tkr }}</td>\n'
    '        <td class="num">{{ r.varden.b_intakt|tkr }}</td>'
    '<td class="num">{{ r.varden.b_kostnad|tkr }}</td>'
    '<td class="num">{{ r.varden.budget|tkr }}</td>'
    '<td class="num">{{ r.varden.avvikelse|tkr }}</td>\n'
    '        <td class="num">{{ r.varden.f_intakt|tkr }}</td>'
    '<td class="num">{{ r.varden.f_kostnad|tkr }}</td>'
    '<td class="num">{{ r.varden.f_netto|tkr }}</td>\n'
    "        {% endif %}\n"
    "      </tr>\n"
    "    {% endfor %}\n"
    "    {% with s=d.tabell.summa %}\n"
    '      <tr class="summa total">\n'
    '        <th scope="row">SUMMA</th>\n'
    '        <td class="num">{{ s.intakt|tkr }}</td>'
    '<td class="num">{{ s.kostnad|tkr }}</td><td class="num">{{ s.netto|tkr }}</td>\n'
    '        <td class="num">{{ s.b_intakt|tkr }}</td>'
    '<td class="num">{{ s.b_kostnad|tkr }}</td>'
    '<td class="num">{{ s.budget|tkr }}</td>'
    '<td class="num">{{ s.avvikelse|tkr }}</td>\n'
    '        <td class="num">{{ s.f_intakt|tkr }}</td>'
    '<td class="num">{{ s.f_kostnad|tkr }}</td>'
    '<td class="num">{{ s.f_netto|tkr }}</td>\n'
    "      </tr>\n"
    "    {% endwith %}\n"
    "    {% if d.finansiella %}{% with f=d.finansiella e=d.summa_efter_finansiella %}"
    "\n"
    "      <tr>\n"
    '        <th scope="row">{% translate "Finansiella intäkter och kostnader" %}'
    "</th>\n"
    '        <td class="num">{{ f.intakt|tkr }}</td>'
    '<td class="num">{{ f.kostnad|tkr }}</td><td class="num">{{ f.netto|tkr }}</td>\n'
    "        <td></td><td></td><td></td><td></td>\n"
    '        <td class="num">{{ f.f_intakt|tkr }}</td>'
    '<td class="num">{{ f.f_kostnad|tkr }}</td>'
    '<td class="num">{{ f.f_netto|tkr }}</td>\n'
    "      </tr>\n"
    '      <tr class="summa total">\n'
    '        <th scope="row">{% translate "SUMMA efter finansiella poster" %}</th>\n'
    '        <td class="num">{{ e.intakt|tkr }}</td>'
    '<td class="num">{{ e.kostnad|tkr }}</td><td class="num">{{ e.netto|tkr }}</td>\n'
    "        <td></td><td></td><td></td><td></td>\n"
    '        <td class="num">{{ e.f_intakt|tkr }}</td>'
    '<td class="num">{{ e.f_kostnad|tkr }}</td>'
    '<td class="num">{{ e.f_netto|tkr }}</td>\n'
    "      </tr>\n"
    "    {% endwith %}{% endif %}\n"
    "    </tbody>\n"
    "  </table>"
)


def _mallar():
    django = engines["django"]
    referens = django.from_string(
        "{% load i18n l10n finsam_format %}"
        '{% with d=rapport.drift ar=rapport.ar|unlocalize far=rapport.ar|add:"-1"|unlocalize %}'
        + TABELL
        + "{% endwith %}"
    )
    ny = django.from_string("{{ rapport.drift_html }}")
    return referens, ny


def test_the_demo_reports_table_is_the_templates_html(demo):
    referens, ny = _mallar()
    rapport = build_arsredovisning(demo, 2025)
    assert rapport.drift is not None and len(rapport.drift.tabell.rader) >= 10
    html = ny.render({"rapport": rapport})
    assert html == referens.render({"rapport": rapport})
    assert '<table class="drift">' in html and "SUMMA" in html


def test_every_kind_of_row_is_the_templates_html(demo):
    """Headings, lines and sums; amounts missing, None, zero and negative; labels to escape;
    with the financial items and without them."""
    referens, ny = _mallar()
    rapport = build_arsredovisning(demo, 2025)
    d = copy.deepcopy(rapport.drift)
    rad = next(r for r in d.tabell.rader if r.typ == "rad")
    rubrik = next(r for r in d.tabell.rader if r.typ == "rubrik")
    farlig = copy.deepcopy(rad)
    farlig.etikett = "Rad <b>\"A\" & 'B'</b>"
    farlig.varden = {"intakt": None, "kostnad": 0, "netto": -1234567, "avvikelse": 499}
    tom = copy.deepcopy(rad)
    tom.varden = {}
    d.tabell.rader = [rubrik, rad, farlig, tom, rubrik]
    d.finansiella = {"intakt": 1500, "kostnad": -2500, "netto": None, "f_intakt": 1}
    rapport.drift = d
    for finansiella in (d.finansiella, None, {}):
        d.finansiella = finansiella
        html = ny.render({"rapport": rapport})
        assert html == referens.render({"rapport": rapport})
    assert "Rad &lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;" in html
    assert "Finansiella" not in html
