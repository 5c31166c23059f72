"""The Årsredovisning's driftredovisning table (utfall, budget, avvikelse and last year's
utfall per line and group, in tkr) written in Python: exactly the HTML of the template it
replaces in `rapporter/arsredovisning/_rakenskaper.html`
(tests/finsam/rapporter/test_arsredovisning_html.py compares with that template, kept there,
on the demo's report and on one of every kind of row). At national scale the table has some
fifty rows of ten amounts: about a third of the whole document's rendering, on every view
of it and in its PDF."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from finsam.formatting import tkr
from finsam.forms_base import etiketter, html_text

#: The columns after the label, on the template's three lines: this year's utfall, this
#: year's budget with the deviation, last year's utfall.
UTFALL = ("intakt", "kostnad", "netto")
BUDGET = ("b_intakt", "b_kostnad", "budget", "avvikelse")
FOREGAENDE = ("f_intakt", "f_kostnad", "f_netto")


#: The labels, translated (and escaped) as the template did, once per language
#: (finsam.forms_base.etiketter).
_etiketter = etiketter(
    {
        "belopp": "Belopp tkr",
        "avvikelse": "Avvikelse",
        "intakt": "Intäkt",
        "kostnad": "Kostnad",
        "netto": "Netto",
        "utfall_budget": "Utfall − budget",
        "finansiella": "Finansiella intäkter och kostnader",
        "efter": "SUMMA efter finansiella poster",
    },
    {"utfall": "Utfall %(ar)s", "budget": "Budget %(ar)s"},
)


def _td(varden: dict, nycklar: tuple[str, ...]) -> str:
    """The amount cells of `nycklar`, side by side."""
    return "".join(f'<td class="num">{tkr(varden.get(k))}</td>' for k in nycklar)


def _celler(varden: dict) -> str:
    """The amount cells of a row: three, four and three on their lines, as the template
    wrote them."""
    return (
        f"\n        {_td(varden, UTFALL)}"
        f"\n        {_td(varden, BUDGET)}"
        f"\n        {_td(varden, FOREGAENDE)}"
    )


def _finansiell_rad(klass: str, etikett: str, varden: dict) -> str:
    """A row below the sum (financial items, the sum after them): no budget columns."""
    return (
        f"\n      <tr{klass}>\n"
        f'        <th scope="row">{etikett}</th>\n'
        f"        {_td(varden, UTFALL)}\n"
        "        <td></td><td></td><td></td><td></td>\n"
        f"        {_td(varden, FOREGAENDE)}\n"
        "      </tr>"
    )


def drift_html(d, ar: int) -> SafeString:
    """The table of the Driftredovisning `d` of the year `ar`, from `<table` to `</table>`."""
    t = _etiketter()
    ar_text, far_text = html_text(str(ar)), html_text(str(ar - 1))
    # {% blocktranslate %}: the value escaped, the translation as it is.
    utfall = t["utfall"] % {"ar": ar_text}
    budget = t["budget"] % {"ar": ar_text}
    utfall_f = t["utfall"] % {"ar": far_text}
    num = '<th scope="col" class="num">'
    ikn = f"{num}{t['intakt']}</th>{num}{t['kostnad']}</th>{num}{t['netto']}</th>"
    ut = [
        '<table class="drift">\n'
        '    <colgroup><col class="drift-etikett"><col span="10"></colgroup>\n'
        "    <thead>\n"
        "      <tr>\n"
        f'        <th scope="col" rowspan="2">{t["belopp"]}</th>\n'
        f'        <th scope="colgroup" colspan="3" class="grupp">{utfall}</th>\n'
        f'        <th scope="colgroup" colspan="3" class="grupp">{budget}</th>\n'
        f"        {num}{t['avvikelse']}</th>\n"
        f'        <th scope="colgroup" colspan="3" class="grupp">{utfall_f}</th>\n'
        "      </tr>\n"
        "      <tr>\n"
        f"        {ikn}\n"
        f"        {ikn}{num}{t['utfall_budget']}</th>\n"
        f"        {ikn}\n"
        "      </tr>\n"
        "    </thead>\n"
        "    <tbody>\n    "
    ]
    for r in d.tabell.rader:
        ut.append(
            f'\n      <tr class="{html_text(r.typ)}">\n'
            f'        <th scope="row" class="niva-{html_text(r.niva)}">{html_text(r.etikett)}</th>'
            "\n        "
        )
        ut.append(
            '<td colspan="10"></td>' if r.typ == "rubrik" else _celler(r.varden) + "\n        "
        )
        ut.append("\n      </tr>\n    ")
    ut.append(
        '\n    \n      <tr class="summa total">\n'
        '        <th scope="row">SUMMA</th>' + _celler(d.tabell.summa) + "\n      </tr>\n    \n    "
    )
    if d.finansiella:
        ut.append(_finansiell_rad("", t["finansiella"], d.finansiella))
        ut.append(_finansiell_rad(' class="summa total"', t["efter"], d.summa_efter_finansiella))
        ut.append("\n    ")
    ut.append("\n    </tbody>\n  </table>")
    return mark_safe("".join(ut))
