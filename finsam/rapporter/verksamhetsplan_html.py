"""The Verksamhetsplan's article about one insats (facts, staffing, the board's decisions)
written in Python: exactly the HTML of the template loop it replaces in
`rapporter/verksamhetsplan.html` (tests/finsam/rapporter/test_verksamhetsplan_html.py
compares with that loop, kept there, on the demo's plan and on one of every kind of row).
A plan has an article per insats, each of some twenty template nodes per row; at national
scale (30 insatser) they were about 60 % of the page's rendering."""

from __future__ import annotations

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from finsam import formatting
from finsam.forms_base import html_text
from finsam.templatetags.finsam_format import fte


@lru_cache(maxsize=8)
def _etiketter(sprak: str) -> dict[str, str]:
    """The labels in the active language `sprak`, translated as the template's
    {% translate %} did (escaped), once per language: gettext for every label of every
    article was most of the articles' time."""
    return {
        namn: html_text(_(text))
        for namn, text in {
            "insatstid": "Insatstid",
            "agare": "Ägare",
            "kommuner": "Kommuner",
            "malgrupp": "Målgrupp:",
            "bemanning": "Bemanning",
            "roll": "Roll",
            "aa": "Åa",
            "anstalld": "Anställd av",
            "varav": "Varav finansierat av förbundet (åa)",
            "anmarkning": "Anmärkning",
            "summa": "Summa",
            "beslut": "Styrelsens beslut",
            "datum": "Datum",
            "paragraf": "Paragraf",
            "avser": "Avser år",
            "beviljat": "Beviljat belopp",
            "anteckning": "Anteckning",
        }.items()
    } | {"budget": _("Förbundets budget %(ar)s")}


def insats_html(ia, ar: int) -> SafeString:
    """The article of one InsatsAvsnitt of the plan for year `ar`, with the whitespace the
    template loop wrote around it."""
    t = _etiketter(get_language())
    i = ia.insats
    ut = [
        f'\n    \n    <article class="insats" id="{html_text(ia.ankare)}">\n'
        f'      <h4><span class="nr">{html_text(ia.nummer)}</span>{html_text(i.namn)}</h4>\n'
        '      <table class="fakta">\n        <tbody>\n'
        f'          <tr><th scope="row">{t["insatstid"]}</th>'
        f"<td>{html_text(i.insatstid)}</td></tr>\n          "
    ]
    if i.agare:
        ut.append(f'<tr><th scope="row">{t["agare"]}</th><td>{html_text(i.agare.namn)}</td></tr>')
    ut.append("\n          ")
    if ia.kommuner:
        kommuner = ", ".join(html_text(k.visningsnamn) for k in ia.kommuner)
        ut.append(f'<tr><th scope="row">{t["kommuner"]}</th><td>{kommuner}</td></tr>')
    ut.append("\n          ")
    if ia.budget is not None:
        rubrik = html_text(t["budget"] % {"ar": ar})
        ut.append(
            f'<tr><th scope="row">{rubrik}</th><td>{html_text(formatting.kr(ia.budget))}</td></tr>'
        )
    ut.append(f"\n        </tbody>\n      </table>\n      {html_text(ia.beskrivning_html)}\n      ")
    if i.malgrupp:
        ut.append(f"<p><strong>{t['malgrupp']}</strong> {html_text(i.malgrupp)}</p>")
    ut.append("\n\n      ")
    if ia.bemanning:
        ut.append(
            '\n      <table class="bemanning">\n'
            '        <colgroup><col class="roll"><col class="fte"><col class="arbetsgivare">'
            '<col class="fte-forbund"><col></colgroup>\n'
            "        <thead>\n"
            '          <tr><th scope="colgroup" colspan="5" class="tabellrubrik">'
            f"{t['bemanning']}</th></tr>\n"
            "          <tr>\n"
            f'            <th scope="col">{t["roll"]}</th>\n'
            f'            <th scope="col" class="num">{t["aa"]}</th>\n'
            f'            <th scope="col">{t["anstalld"]}</th>\n'
            f'            <th scope="col" class="num">{t["varav"]}</th>\n'
            f'            <th scope="col">{t["anmarkning"]}</th>\n'
            "          </tr>\n        </thead>\n        <tbody>\n          "
        )
        for b in ia.bemanning:
            ut.append(
                "\n          <tr>\n"
                f"            <td>{html_text(b.roll)}</td>\n"
                f'            <td class="num">{html_text(fte(b.arsarbetare))}</td>\n'
                f"            <td>{html_text(b.arbetsgivare.namn)}</td>\n"
                f'            <td class="num">{html_text(fte(b.finansierat_av_forbundet))}</td>\n'
                f"            <td>{html_text(b.anmarkning)}</td>\n"
                "          </tr>\n          "
            )
        ut.append("\n          ")
        if len(ia.bemanning) > 1:
            ut.append(
                '\n          <tr class="summa">\n'
                f"            <td>{t['summa']}</td>\n"
                f'            <td class="num">{html_text(fte(ia.summa_arsarbetare))}</td>\n'
                "            <td></td>\n"
                f'            <td class="num">{html_text(fte(ia.summa_finansierat))}</td>\n'
                "            <td></td>\n"
                "          </tr>\n          "
            )
        ut.append("\n        </tbody>\n      </table>\n      ")
    ut.append("\n\n      ")
    if ia.beslut:
        ut.append(
            '\n      <table class="beslut">\n'
            '        <colgroup><col class="datum"><col class="paragraf"><col class="ar">'
            '<col class="belopp"><col></colgroup>\n'
            "        <thead>\n"
            '          <tr><th scope="colgroup" colspan="5" class="tabellrubrik">'
            f"{t['beslut']}</th></tr>\n"
            "          <tr>\n"
            f'            <th scope="col">{t["datum"]}</th>\n'
            f'            <th scope="col">{t["paragraf"]}</th>\n'
            f'            <th scope="col">{t["avser"]}</th>\n'
            f'            <th scope="col" class="num">{t["beviljat"]}</th>\n'
            f'            <th scope="col">{t["anteckning"]}</th>\n'
            "          </tr>\n        </thead>\n        <tbody>\n          "
        )
        for b in ia.beslut:
            ut.append(
                "\n          <tr>\n"
                f"            <td>{html_text(formatting.datum(b.datum))}</td>\n"
                f"            <td>{html_text(b.paragraf)}</td>\n"
                f"            <td>{html_text(b.ar_text)}</td>\n"
                f'            <td class="num">{html_text(formatting.kr(b.summa))}</td>\n'
                f"            <td>{html_text(b.anteckning)}</td>\n"
                "          </tr>\n          "
            )
        ut.append("\n        </tbody>\n      </table>\n      ")
    ut.append("\n    </article>\n    \n    ")
    return mark_safe("".join(ut))
