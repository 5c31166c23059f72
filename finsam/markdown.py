"""Text the kansli writes (Markdown), made safe for reports, and Swedish enumerations."""

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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
    if text.count("[") > MAX_HAKPARENTESER:
        text = text.replace("[", "\\[")
    try:
        html = markdown.markdown(text, output_format="html")
    except RecursionError:
        html = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return mark_safe(nh3.clean(html, tags=TAGGAR, attributes={"a": {"href"}}))  # noqa: S308


def opraknad(delar: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    delar = [d for d in delar if d]
    if len(delar) <= 1:
        return "".join(delar)
    return _("%(forsta)s och %(sista)s") % {"forsta": ", ".join(delar[:-1]), "sista": delar[-1]}
