"""Text the kansli writes (Markdown), made safe for reports, and Swedish enumerations.

markdown_html(text)          short texts (descriptions): paragraphs, lists, links
markdown_avsnitt(text, ...)  a report section's text: also sub-headings, tables and
                             the edition's pictures (the syntax: the editor's help)
"""

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown.extensions.tables import TableExtension

#: What a description may contain in a report: paragraphs, lists, emphasis, links.
#: No images (a PDF must not fetch anything) and no headings (they would break the
#: document's numbering).
TAGGAR = {"p", "br", "ul", "ol", "li", "em", "strong", "a", "blockquote"}


#: More "[" than this in one text is not links: Markdown's link search takes seconds on
#: thousands of unmatched brackets, so they are all written as plain brackets.
MAX_HAKPARENTESER = 200


def markdown_html(text: str) -> SafeString:
    """Markdown to sanitized HTML. Any text renders, quickly: brackets beyond
    MAX_HAKPARENTESER are plain, and a nesting deeper than Python's stack (e.g. "- - - …"
    thousands deep) is shown as plain paragraphs."""
    if not text:
        return mark_safe("")
    kort = _kort_html_minne if len(text) <= MINNE_TEXTLANGD else _kort_html
    return mark_safe(kort(text))  # noqa: S308


#: Rendered texts kept per process: a report shows the same texts on every request, and
#: rendering is a pure function of the text (the key is the whole text, so an edited text
#: is a new key; nothing else goes in). Texts longer than MINNE_TEXTLANGD are rendered
#: every time (a few megabytes at most are kept).
MINNE = 512
MINNE_TEXTLANGD = 20_000

_lokalt = threading.local()


def _omvandlare(rik: bool) -> markdown.Markdown:
    """A Markdown converter of this thread, reset: building one loads its extensions,
    which costs more than converting a section."""
    namn = "rik" if rik else "kort"
    md = getattr(_lokalt, namn, None)
    if md is None:
        extensions = [TableExtension(use_align_attribute=True)] if rik else []
        md = markdown.Markdown(output_format="html", extensions=extensions)
        setattr(_lokalt, namn, md)
    return md.reset()


def _till_html(text: str, rik: bool) -> str:
    if text.count("[") > MAX_HAKPARENTESER:
        text = text.replace("[", "\\[")
    try:
        return _omvandlare(rik).convert(text)
    except RecursionError:
        setattr(_lokalt, "rik" if rik else "kort", None)  # its state is half-way: a new one
        return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def _kort_html(text: str) -> str:
    return nh3.clean(_till_html(text, rik=False), tags=TAGGAR, attributes={"a": {"href"}})


_kort_html_minne = lru_cache(maxsize=MINNE)(_kort_html)


# --- the rich text of a report's sections ---------------------------------------------

#: What a section's text in a generated document may contain besides TAGGAR: sub-headings,
#: GitHub-style pipe tables and pictures uploaded to the edition (`![](bild:slug)`).
RIKA_TAGGAR = TAGGAR | {"h1", "h2", "h3", "h4", "h5", "h6", "img"}
RIKA_TAGGAR |= {"table", "thead", "tbody", "tr", "th", "td"}
RIKA_ATTRIBUT = {"a": {"href"}, "img": {"src", "alt"}, "th": {"align"}, "td": {"align"}}

#: A table cell's alignment becomes a class of the report's stylesheet (no inline styles).
_JUSTERING = {"right": ' class="num"', "center": ' class="mitten"', "left": ""}
_JUSTERING_RE = re.compile(r' align="(left|center|right)"')
_RUBRIK_RE = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_BILD_RE = re.compile(r"<img\b([^>]*)>")
_TH_RE = re.compile(r"<th\b")
_ATTRIBUT_RE = re.compile(r'(\w+)="([^"]*)"')
BILDSCHEMA = "bild:"


def _attributfilter(element: str, attribut: str, varde: str) -> str | None:
    """Only pictures of the edition (`bild:slug`) as img src; only plain alignments."""
    if element == "img" and attribut == "src":
        return varde if varde.startswith(BILDSCHEMA) else None
    if attribut == "href" and varde.lower().startswith(BILDSCHEMA):
        return None
    if attribut == "align":
        return varde if varde in _JUSTERING else None
    return varde


@dataclass
class Bild:
    """A picture a text shows: what `bild(slug)` of markdown_avsnitt returns."""

    src: str
    alt: str
    #: anything the caller wants back when the text is shown (e.g. the stored picture)
    kalla: object = None


@dataclass
class Underrubrik:
    """A sub-heading in a section's text. niva 1: "#"/"##", 2: "###" (both numbered under
    the section), 3: "####" and deeper (unnumbered, not in the contents list)."""

    niva: int
    #: the heading's content: sanitized inline HTML
    html: str
    ankare: str
    nummer: str = ""

    @property
    def text(self) -> str:
        return unescape(nh3.clean(self.html, tags=set())).strip()

    @property
    def numrerad(self) -> bool:
        return self.niva <= 2


class Avsnittstext:
    """A section's text rendered for a report (markdown_avsnitt): safe HTML once printed
    ({{ text }} in a template), with its sub-headings numbered under the section once
    `numrera` is told the section's number and level in the contents list."""

    def __init__(
        self,
        delar: list,
        *,
        bilder: list[Bild] | None = None,
        fore: str = "",
        efter: str = "",
        nar_visad: Callable[[list[Bild]], None] | None = None,
    ):
        self.delar = delar
        self.bilder = bilder or []
        #: the slugs of `![](bild:slug)` that no picture answered (shown as "okänd bild")
        self.okanda_bilder: list[str] = []
        self.fore, self.efter = fore, efter
        self.nar_visad = nar_visad
        #: the h-level of "##": one below the section's own heading (h2 by default)
        self.hniva = 3

    @property
    def rubriker(self) -> list[Underrubrik]:
        return [d for d in self.delar if isinstance(d, Underrubrik)]

    def numrera(self, nummer: str, niva: int) -> list[Underrubrik]:
        """Number the sub-headings under section `nummer` (e.g. "3.1", "" for none) whose
        heading is level `niva` of the contents list (1: h2, 2: h3). Returns the numbered
        sub-headings, for the contents list."""
        self.hniva = niva + 2
        forsta = andra = 0
        for r in self.rubriker:
            if r.niva == 1:
                forsta, andra = forsta + 1, 0
                r.nummer = f"{nummer}.{forsta}" if nummer else ""
            elif r.niva == 2:
                andra += 1
                r.nummer = f"{nummer}.{max(forsta, 1)}.{andra}" if nummer else ""
        return [r for r in self.rubriker if r.numrerad]

    def _rubrik_html(self, r: Underrubrik, h: int) -> str:
        if not r.numrerad:
            return f'<h{h} id="{r.ankare}" class="underrubrik">{r.html}</h{h}>'
        nr = f'<span class="nr">{escape(r.nummer)}</span>' if r.nummer else ""
        return f'<h{h} id="{r.ankare}">{nr}{r.html}</h{h}>'

    def __html__(self) -> str:
        if self.nar_visad and self.bilder:
            self.nar_visad(self.bilder)
        if not self.delar:
            return ""
        delar, forra = [], self.hniva - 1
        for d in self.delar:
            if isinstance(d, str):
                delar.append(d)
                continue
            # Never more than one level below the heading before it: a "####" with no "###"
            # before it is set one level down, not two (a heading list without a gap).
            forra = min(self.hniva + d.niva - 1, forra + 1, 6)
            delar.append(self._rubrik_html(d, forra))
        return self.fore + "".join(delar) + self.efter

    def __str__(self) -> SafeString:
        # templates call str() before escaping: a SafeString is not escaped again
        return mark_safe(self.__html__())  # noqa: S308  (sanitized by markdown_avsnitt)

    def __contains__(self, del_: str) -> bool:
        return del_ in self.__html__()

    def __bool__(self) -> bool:
        return bool(self.delar)


def _rik_html(text: str) -> str:
    """A section's Markdown as sanitized HTML, pictures not yet looked up."""
    html = nh3.clean(
        _till_html(text, rik=True),
        tags=RIKA_TAGGAR,
        attributes=RIKA_ATTRIBUT,
        url_schemes=nh3.ALLOWED_URL_SCHEMES | {BILDSCHEMA[:-1]},
        attribute_filter=_attributfilter,
    )
    html = _JUSTERING_RE.sub(lambda m: _JUSTERING[m.group(1)], html)
    # A pipe table's header cells head its columns (the tagged PDF links each cell to them).
    return _TH_RE.sub('<th scope="col"', html)


_rik_html_minne = lru_cache(maxsize=MINNE)(_rik_html)


def markdown_avsnitt(
    text: str,
    *,
    bild: Callable[[str], Bild | None] | None = None,
    ankare: str = "rubrik",
    fore: str = "",
    efter: str = "",
    nar_visad: Callable[[list[Bild]], None] | None = None,
) -> Avsnittstext:
    """A section's Markdown as an Avsnittstext: everything markdown_html allows, plus
    sub-headings, pipe tables and pictures `![](bild:slug)` that `bild(slug)` finds (any
    other picture is dropped; an unknown slug shows as "⟦okänd bild: slug⟧"). Headings get
    ids `{ankare}-1`, `{ankare}-2`, ...; `fore`/`efter` (trusted HTML) wrap a non-empty text.
    """
    if not text or not text.strip():
        return Avsnittstext([], fore=fore, efter=efter)
    html = (_rik_html_minne if len(text) <= MINNE_TEXTLANGD else _rik_html)(text)
    bilder: list[Bild] = []
    okanda: list[str] = []

    def _bild(m):
        attribut = {k: unescape(v) for k, v in _ATTRIBUT_RE.findall(m.group(1))}
        src = attribut.get("src", "")
        if not src.startswith(BILDSCHEMA):
            return ""
        slug = src[len(BILDSCHEMA) :]
        funnen = bild(slug) if bild else None
        if funnen is None:
            okanda.append(slug)
            return f'<span class="okand-bild">⟦{escape(_("okänd bild"))}: {escape(slug)}⟧</span>'
        bilder.append(funnen)
        return f'<img class="rapportbild" src="{escape(funnen.src)}" alt="{escape(funnen.alt)}">'

    html = _BILD_RE.sub(_bild, html)
    delar: list = []
    start = 0
    for i, m in enumerate(_RUBRIK_RE.finditer(html), start=1):
        delar.append(html[start : m.start()])
        niva = {1: 1, 2: 1, 3: 2}.get(int(m.group(1)), 3)
        delar.append(Underrubrik(niva=niva, html=m.group(2), ankare=f"{ankare}-{i}"))
        start = m.end()
    delar.append(html[start:])
    text = Avsnittstext(
        [d for d in delar if d], bilder=bilder, fore=fore, efter=efter, nar_visad=nar_visad
    )
    text.okanda_bilder = okanda
    return text


def opraknad(delar: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    delar = [d for d in delar if d]
    if len(delar) <= 1:
        return "".join(delar)
    return _("%(forsta)s och %(sista)s") % {"forsta": ", ".join(delar[:-1]), "sista": delar[-1]}
