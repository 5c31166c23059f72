"""Page breaks of the reports' print CSS (static/rapporter/rapport.css): a heading, a table's
caption, a chart's title or a group row of a table never ends a page without what follows
it. Tried in a real PDF: the same block put at every height near the page's end."""

import io
import re

import pytest
from django.conf import settings
from django.templatetags.static import static
from pypdf import PdfReader

from finsam import pdf as pdf_module

CSS_FIL = settings.BASE_DIR / "static" / "rapporter" / "rapport.css"

#: What must not be left alone at the bottom of a page ("RUBRIK"), and what follows it
#: ("EFTER" on its first line): the kinds of block the documents print.
FALL = {
    "h3 + text": "<section><h3>RUBRIK</h3><div class='kanslitext'><p>EFTER "
    + "Text som fortsätter. " * 60
    + "</p></div></section>",
    "h4 + tabell": "<h4>RUBRIK</h4><table class='deltagartabell'><thead><tr><th>Mått</th>"
    "<th class='num'>Totalt</th></tr></thead><tbody>"
    + "".join(f"<tr><th>EFTER {i}</th><td class='num'>{i}</td></tr>" for i in range(8))
    + "</tbody></table>",
    "h5 + lång tabell": "<h5>RUBRIK</h5><table><thead><tr><th>Rad</th></tr></thead><tbody>"
    + "".join(f"<tr><td>EFTER {i}</td></tr>" for i in range(50))
    + "</tbody></table>",
    "caption": "<table><caption>RUBRIK</caption><thead><tr><th>Rad</th></tr></thead><tbody>"
    + "".join(f"<tr><td>EFTER {i}</td></tr>" for i in range(50))
    + "</tbody></table>",
    "diagramrubrik": "<figure class='chart'><figcaption>RUBRIK</figcaption>"
    "<div style='height:55mm'>EFTER</div></figure>",
    "grupprad": "<table class='aktiviteter'><thead><tr><th>Aktivitet</th><th>Antal</th></tr>"
    "</thead><tbody><tr><td>Första</td><td>1</td></tr></tbody><tbody>"
    "<tr class='rubrik'><th colspan='2'>RUBRIK</th></tr>"
    + "".join(f"<tr><td>EFTER {i}</td><td>{i}</td></tr>" for i in range(12))
    + "</tbody></table>",
}

#: Heights (mm) of the space before the block: from well before the page's end (253 mm of
#: A4 inside the margins) to just before it.
HOJDER = range(224, 252, 3)


def _html(extra_css: str = "") -> str:
    sidor = []
    for i, block in enumerate(FALL.values()):
        for mm in HOJDER:
            sidor.append(
                f"<div class='fall'><div style='height:{mm}mm'></div>"
                f"{block.replace('RUBRIK', f'RUBRIK {i}')}</div>"
            )
    return (
        f"<!doctype html><html lang='sv'><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{static('rapporter/rapport.css')}'>"
        f"<style>.fall {{ break-before: page; }} {extra_css}</style></head>"
        f"<body><main class='dokument'>{''.join(sidor)}</main></body></html>"
    )


def _ensamma_rubriker(html: str, monkeypatch) -> list[str]:
    """The kinds of block (names of FALL) whose RUBRIK is the last line of some page."""
    monkeypatch.setattr(pdf_module, "render_to_string", lambda _name, _context: html)
    reader = PdfReader(io.BytesIO(pdf_module.render_pdf("test.html", {})))
    ensamma = []
    for page in reader.pages:
        rader = [r.strip() for r in page.extract_text().splitlines()]
        # The page footer ("1 72": no words without the document's data-sida) is not text.
        rader = [r for r in rader if r and not re.fullmatch(r"[\d\s]+", r)]
        if rader and (m := re.fullmatch(r"RUBRIK (\d+)", rader[-1])):
            ensamma.append(list(FALL)[int(m.group(1))])
    return ensamma


@pytest.fixture(scope="module")
def monkeymodule():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_no_heading_caption_or_group_row_ends_a_page(monkeymodule):
    assert _ensamma_rubriker(_html(), monkeymodule) == []


def test_without_the_rules_the_same_pages_leave_headings_alone(monkeymodule):
    """The check above can fail: with the break rules switched off, headings, captions and
    group rows are left at the bottom of a page, in every kind of block."""
    av = (
        "h1, h2, h3, h4, h5, h6, caption, figcaption, tr.rubrik { break-after: auto; "
        "break-inside: auto; } figure.chart { break-inside: auto; }"
    )
    drabbade = set(_ensamma_rubriker(_html(av), monkeymodule))
    assert drabbade == set(FALL)


def test_the_print_css_names_every_kind_of_heading():
    css = re.sub(r"/\*.*?\*/", "", CSS_FIL.read_text(encoding="utf-8"), flags=re.S)
    regel = re.search(r"([^{}]*)\{\s*break-after:\s*avoid;[^}]*\}", css)
    assert regel, "no break-after: avoid rule"
    valjare = {v.strip() for v in regel.group(1).split(",")}
    assert {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "tr.rubrik"} <= valjare
