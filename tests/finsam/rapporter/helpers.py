"""Read figures back out of a report: PDF or HTML to plain text, and the amounts of a row.

    text = pdf_text(pdf, layout=True)
    assert row_amounts(text, "Summa kostnader") == [-20_982_000, -20_204_000, …]

Whitespace is normalised (no-break and narrow no-break spaces become plain spaces) and
the true minus sign U+2212 becomes "-", so expected strings are written in plain ASCII.
In the layout text, table cells are separated by at least two spaces; inside an amount
the digit groups are separated by one.
"""

import io
import re
from html import unescape

from pypdf import PdfReader

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-"})
#: A whole-kronor amount as the reports print it: -1 250 000, 322 000, 0.
AMOUNT = re.compile(r"-?\d{1,3}(?: \d{3})*")


def normalise(text: str, *, keep_gaps: bool = False) -> str:
    text = text.translate(_SPACES)
    lines = []
    for line in text.splitlines():
        if not keep_gaps:
            line = re.sub(r"[ \t]+", " ", line)
        lines.append(line.strip())
    return "\n".join(lines)


def pdf_pages(pdf: bytes, *, layout: bool = False) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    mode = "layout" if layout else "plain"
    return [
        normalise(page.extract_text(extraction_mode=mode), keep_gaps=layout)
        for page in reader.pages
    ]


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    return "\n".join(pdf_pages(pdf, layout=layout))


def html_text(html: str) -> str:
    """Visible text of an HTML page: a line per row or block, cells two spaces apart."""
    html = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", html)
    html = re.sub(r"(?i)</t[hd]>", "  ", html)
    html = re.sub(r"(?i)</(tr|p|h[1-6]|li|div|section)>|<br\s*/?>", "\n", html)
    html = re.sub(r"<[^>]+>", "", html)
    return normalise(unescape(html), keep_gaps=True)


def cell_amounts(line: str) -> list[int]:
    """The cells of a line that are amounts, in order."""
    cells = re.split(r"\s{2,}", line.strip())
    return [int(c.replace(" ", "")) for c in cells if AMOUNT.fullmatch(c)]


def row_amounts(text: str, label: str) -> list[int]:
    """The amounts of the first row whose label cell is `label`.

    A long label may wrap in the PDF, with its amounts on one of the next two lines: pass
    the label's first line then.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.split(r"\s{2,}", line)[0] == label:
            for candidate in lines[i : i + 3]:
                if found := cell_amounts(candidate.removeprefix(label)):
                    return found
            return []
    raise AssertionError(f"no row labelled {label!r} in:\n{text}")


def skriv_texter(forbund, kod: str, nyckel: str) -> None:
    """Give every section of the edition that still shows its instruction a text of its
    own: adoption refuses an edition that shows an instruction."""
    from finsam.rapporter.dokument import dokumenttyp
    from finsam.rapporter.utgava.kontroller import _instruktioner, _platshallare
    from finsam.rapporter.utgava.texter import text_spara, texter_markdown, utgava_for

    typ = dokumenttyp(kod)
    ar, per = typ.ar_per(nyckel)
    utgava = utgava_for(forbund, kod, ar=ar, per=per, nyckel=nyckel)
    for avsnitt, text in texter_markdown(utgava, typ.forvalda).items():
        standard = typ.forvalda[avsnitt]
        if _platshallare(standard) and any(i in text for i in _instruktioner(standard)):
            text_spara(utgava=utgava, avsnitt=avsnitt, text=f"Kansliets text om {avsnitt}.")


def hamta_pdf(client, url: str):
    """A document's PDF as a reader gets it through its PDF link: the file at once when it
    exists (an adopted edition's archive, or made before from the same data), else the
    page that orders it, whose form is posted; in tests the task runs at once (the
    immediate backend, finsam/settings/test.py), and the redirects end at the file.
    Any other answer (403, 404, 302 to the login) is returned as it is."""
    svar = client.get(url)
    if svar.status_code != 200 or svar["Content-Type"] == "application/pdf":
        return svar
    assert "Skapa PDF" in svar.content.decode(), "the PDF link offers no order form"
    return client.post(url, follow=True)
