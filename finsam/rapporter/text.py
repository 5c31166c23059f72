"""Text the kansli writes (Markdown), made safe for reports, and Swedish enumerations."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

#: What a description may contain in a report: paragraphs, lists, emphasis, links.
#: No images (a PDF must not fetch anything) and no headings (they would break the
#: document's numbering).
TAGGAR = {"p", "br", "ul", "ol", "li", "em", "strong", "a", "blockquote"}


def markdown_html(text: str) -> SafeString:
    """Markdown to sanitized HTML."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(text, output_format="html")
    return mark_safe(nh3.clean(html, tags=TAGGAR, attributes={"a": {"href"}}))  # noqa: S308


def opraknad(delar: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    delar = [d for d in delar if d]
    if len(delar) <= 1:
        return "".join(delar)
    return _("%(forsta)s och %(sista)s") % {"forsta": ", ".join(delar[:-1]), "sista": delar[-1]}
