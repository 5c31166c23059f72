"""The Verksamhetsplan's article about one insats (facts, staffing, the board's decisions)
written in Python: exactly the HTML of the template loop it replaces in
`rapporter/verksamhetsplan.html` (tests/finsam/rapporter/test_verksamhetsplan_html.py
compares with that loop, kept there, on the demo's plan and on one of every kind of row).
A plan has an article per insats, each of some twenty template nodes per row; at national
scale (30 insatser) they were about 60 % of the page's rendering."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from finsam import formatting
from finsam.forms_base import etiketter, html_text
from finsam.templatetags.finsam_format import fte

#: The labels, translated as the template's {% translate %} did (escaped), once per
#: language (finsam.forms_base.etiketter).
_etiketter = etiketter(
    {
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
    },
    {"budget": "Förbundets budget %(ar)s"},
)


_NUM = ' class="num"'


def _tabellhuvud(klass: str, rubrik: str, kolumner: list[tuple[str, str, bool]]) -> str:
    """The start of the staffing or the decisions table, up to its body's first row: the
    heading over all columns (`rubrik`, escaped), then per column (its <col> class, "" for
    none; its heading, escaped; whether it holds numbers) a <col> and a heading."""
    cols = "".join(f'<col class="{k}">' if k else "<col>" for k, _r, _n in kolumner)
    huvuden = "".join(
        f'            <th scope="col"{_NUM if num else ""}>{r}</th>\n' for _k, r, num in kolumner
    )
    return (
        f'\n      <table class="{klass}">\n'
        f"        <colgroup>{cols}</colgroup>\n"
        "        <thead>\n"
        f'          <tr><th scope="colgroup" colspan="{len(kolumner)}" class="tabellrubrik">'
        f"{rubrik}</th></tr>\n"
        f"          <tr>\n{huvuden}          </tr>\n        </thead>\n        <tbody>\n          "
    )


def insats_html(ia) -> SafeString:
    """The article of one InsatsAvsnitt of the plan (for its year, `ia.ar`), with the
    whitespace the template loop wrote around it."""
    t = _etiketter()
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
        rubrik = html_text(t["budget"] % {"ar": ia.ar})
        ut.append(
            f'<tr><th scope="row">{rubrik}</th><td>{html_text(formatting.kr(ia.budget))}</td></tr>'
        )
    ut.append(f"\n        </tbody>\n      </table>\n      {html_text(ia.beskrivning_html)}\n      ")
    if i.malgrupp:
        ut.append(f"<p><strong>{t['malgrupp']}</strong> {html_text(i.malgrupp)}</p>")
    ut.append("\n\n      ")
    if ia.bemanning:
        ut.append(
            _tabellhuvud(
                "bemanning",
                t["bemanning"],
                [
                    ("roll", t["roll"], False),
                    ("fte", t["aa"], True),
                    ("arbetsgivare", t["anstalld"], False),
                    ("fte-forbund", t["varav"], True),
                    ("", t["anmarkning"], False),
                ],
            )
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
            _tabellhuvud(
                "beslut",
                t["beslut"],
                [
                    ("datum", t["datum"], False),
                    ("paragraf", t["paragraf"], False),
                    ("ar", t["avser"], False),
                    ("belopp", t["beviljat"], True),
                    ("", t["anteckning"], False),
                ],
            )
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
