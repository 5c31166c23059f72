"""The Uppföljning Finsam sheet's section per insats written in Python: exactly the HTML of
the template loop it replaces in `uppfoljning/nationell/blad.html`, its checks' include
`_kontroll.html` included (tests/finsam/rapporter/nationell/test_blad_html.py compares with
that loop, kept there, on the demo's sheet and on one of every kind of row). At national
scale (30 insatser, each some fifteen rows of translated labels) the loop was three
quarters of the page's rendering, which is the page's whole cost once the sheet is kept."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from finsam.formatting import belopp
from finsam.forms_base import etiketter, html_text

_TH = '<tr><th scope="row" class="fw-normal">'
_RAD = "\n        "


#: The labels, translated (and escaped) as the template's {% translate %} did, once per
#: language (finsam.forms_base.etiketter).
_etiketter = etiketter(
    {
        "inriktning": "Insatsens inriktning",
        "preciserad": "Preciserad inriktning",
        "malgrupp": "Målgrupp",
        "esf": "ESF-finansiering",
        "ja": "Ja",
        "nej": "Nej",
        "budget": "Budget (kr)",
        "utfall": "Utfall (kr)",
        "budgeterade": "Budgeterat antal deltagare",
        "dold": "Döljs för styrelse och revisor",
        "deltagare": "Deltagare",
        "struktur": "Deltagare i strukturövergripande aktiviteter",
        "aktiviteter": "Antal aktiviteter",
        "stammer": "Stämmer",
        "avviker": "Avviker",
        "ingen": "Ingen insats under året har inriktning i Uppföljning Finsam angiven.",
    }
)


def kontroll_html(k, kan_andra: bool) -> str:
    """A check as `_kontroll.html` wrote it (with the file's last newline)."""
    t = _etiketter()
    lank = (
        f' <a href="{html_text(k.url)}">{html_text(k.lank)}</a>'
        if k.url and not k.ok and kan_andra
        else ""
    )
    return (
        f'<div class="small mt-1 {"text-success" if k.ok else "text-danger"}">'
        f'<span class="fw-bold">{t["stammer"] if k.ok else t["avviker"]}: '
        f"{html_text(k.rubrik)}.</span> {html_text(k.meddelande)}{lank}</div>\n"
    )


def _eller_streck(varde) -> str:
    """`|default_if_none:"–"`."""
    return "–" if varde is None else html_text(varde)


def _belopp(varde) -> str:
    """`{% if v is None %}–{% else %}{{ v|belopp }}{% endif %}`."""
    return "–" if varde is None else html_text(belopp(varde))


def _cell(cell: dict, t: dict) -> str:
    klass = (" smatal-dold" if cell["hidden"] else "") + (
        " smatal-markerad" if cell["marked"] else ""
    )
    titel = f' title="{t["dold"]}"' if cell["marked"] else ""
    return (
        f"{_TH}{html_text(cell['etikett'])}</th>"
        f'<td class="num{klass}"{titel}>{html_text(cell["value"])}'
        f"{'*' if cell['marked'] else ''}</td></tr>"
    )


def _insats(r, kan_andra: bool, t: dict) -> str:
    ankare = slugify(str(r.nr))
    if r.ar_individ:
        deltagare = (
            "".join(f"\n        {_cell(c, t)}\n        " for c in r.celler)
            if r.celler
            else f"\n        {_TH}{t['deltagare']}</th><td>–</td></tr>\n        "
        )
        del_ = (
            f"\n        {_TH}{t['budgeterade']}</th>"
            f'<td class="num">{_eller_streck(r.budgeterade_deltagare)}</td></tr>'
            f"\n        {deltagare}\n        "
        )
    else:
        del_ = (
            f"\n        {_TH}{t['struktur']}</th>"
            f'<td class="num">{_eller_streck(r.strukturdeltagare)}</td></tr>'
            f"{_RAD}{_TH}{t['aktiviteter']}</th>"
            f'<td class="num">{html_text(r.aktiviteter)}</td></tr>\n        '
        )
    return (
        '\n  <div class="mb-3">\n'
        f'    <h3 class="h6" id="insats-{ankare}">{html_text(r.nr)} {html_text(r.namn)}</h3>\n'
        '    <div class="table-responsive">\n'
        f'    <table class="table table-sm w-auto" aria-labelledby="insats-{ankare}">\n'
        "      <tbody>"
        f"{_RAD}{_TH}{t['inriktning']}</th><td>{html_text(r.inriktning)}</td></tr>"
        f"{_RAD}{_TH}{t['preciserad']}</th>"
        f"<td>{html_text(r.preciserad_inriktning or '–')}</td></tr>"
        f"{_RAD}{_TH}{t['malgrupp']}</th><td>{html_text(r.malgrupp or '–')}</td></tr>"
        f"{_RAD}{_TH}{t['esf']}</th><td>{t['ja'] if r.esf else t['nej']}</td></tr>"
        f'{_RAD}{_TH}{t["budget"]}</th><td class="num">{_belopp(r.budget)}</td></tr>'
        f'{_RAD}{_TH}{t["utfall"]}</th><td class="num">{_belopp(r.utfall)}</td></tr>'
        f"{_RAD}{del_}\n"
        "      </tbody>\n"
        "    </table>\n"
        "    </div>\n"
        f"    {''.join(kontroll_html(k, kan_andra) for k in r.kontroller)}\n"
        "  </div>\n  "
    )


def insatser_html(blad, kan_andra: bool) -> SafeString:
    """The sheet's insatser (or the line saying there are none), with the whitespace the
    template loop wrote around them."""
    t = _etiketter()
    if not blad.insatsrader:
        return mark_safe(f'\n  <p class="text-muted">{t["ingen"]}</p>\n  ')  # noqa: S308
    return mark_safe("".join(_insats(r, kan_andra, t) for r in blad.insatsrader))  # noqa: S308
