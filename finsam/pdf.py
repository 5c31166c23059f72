"""One way to make a PDF: render a template to HTML, let WeasyPrint lay it out.

    pdf = render_pdf("rapporter/verksamhetsplan.html", {"rapport": rapport})
    html = pdf_html("rapporter/verksamhetsplan.html", context)      # cheap
    nyckel = cachenyckel(html, base_url)                             # what the PDF is built from
    pdf = html_till_pdf(html, base_url=base_url)                     # ~0.1 s a page
    return pdf_fil_response(pdf, "vp.pdf")

No request renders a PDF: a page orders one and a background worker makes it
(finsam.rapporter.pdfjobb); commands render directly. `cachenyckel` names what a PDF was
built from, so an unchanged document is served from the file made before.

The HTML is the same the browser shows. WeasyPrint never goes to the network: the
fetcher below serves the app's static files from disk and `data:` URIs, and refuses
every other URL (text the kansli writes may contain links or images).

Every PDF is tagged for assistive technology (PDF/UA-1, `PDF_VARIANT`): a structure tree
of headings, paragraphs, lists, tables with their header cells and figures with their
alt text (an `<img alt>`, an inline SVG's first `<title>`), the language of `<html lang>`,
the title of `<title>` shown in the viewer's title bar, the author of `<meta name=author>`.
An adopted edition's archived file is PDF/A-2a (`render_pdf(..., arkiv=True)`): archival
(fonts embedded, sRGB output intent, XMP metadata) and tagged the same way.

What WeasyPrint leaves out of the structure tree: the running header and footer (the
`@page` margin boxes: the förbund, the document and "Sida 2 av 12"). `_sidhuvud_som_artefakt`
marks them as pagination artifacts, as PDF/UA wants of repeated page furniture; and
`_lanktexter` describes each link by its text instead of the anchor's name.
"""

import hashlib
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pydyf
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from finsam import rapportbilder

#: Relative URLs in a report resolve against this when no request is at hand.
DEFAULT_BASE_URL = "http://finsam.invalid/"


def static_file(relative: str) -> Path | None:
    """The file on disk behind a static URL path ('rapporter/print.css'), or None.

    Collected (and, in production, hashed) files first, then the finders.
    """
    try:
        if staticfiles_storage.exists(relative):
            return Path(staticfiles_storage.path(relative))
    except (NotImplementedError, SuspiciousFileOperation, ValueError):
        pass
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


class StaticFilesFetcher(URLFetcher):
    """Serves STATIC_URL paths from disk, `data:` URIs and the pictures the rendered texts
    show (finsam.rapportbilder, read from storage); every other URL is refused."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        path = unquote(parts.path)
        static_url = urlsplit(settings.STATIC_URL).path
        if parts.scheme in ("http", "https", "file") and path.startswith(static_url):
            filename = static_file(path[len(static_url) :])
            if filename is not None:
                mime_type = mimetypes.guess_type(filename.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, filename.read_bytes(), headers={"Content-Type": mime_type}
                )
        if parts.scheme in ("http", "https"):
            bild = rapportbilder.hamta_for_pdf(path)
            if bild is not None:
                return URLFetcherResponse(url, bild[0], headers={"Content-Type": bild[1]})
        raise ValueError(f"Hämtas inte i PDF: {url}")


#: The report font, shipped in static/fonts (Liberation Sans, SIL OFL 1.1), given to every PDF so
#: that it is set the same on every machine, also one without any system fonts.
FONT_CSS = "fonts/finsam-sans.css"
BASE_CSS = 'html { font-family: "FINSAM Sans", sans-serif; }'


#: Every report: tagged PDF/UA-1 (WeasyPrint turns on `pdf_tags` for it, PDF 1.7).
PDF_VARIANT = "pdf/ua-1"
#: An adopted edition's archived file: PDF/A-2a, the archival variant that is tagged ("a",
#: accessible); WeasyPrint makes one variant at a time, and PDF/A-2a keeps the structure.
ARKIV_VARIANT = "pdf/a-2a"


def render_pdf(
    template_name: str, context: dict, *, base_url: str | None = None, arkiv: bool = False
) -> bytes:
    """Render `template_name` with `context` and return the PDF bytes: tagged PDF/UA-1, or
    with `arkiv` PDF/A-2a for the archive of adopted editions."""
    with rapportbilder.pdf_bilder():
        return _render_pdf(
            template_name,
            context,
            base_url=base_url,
            variant=ARKIV_VARIANT if arkiv else PDF_VARIANT,
        )


def pdf_html(template_name: str, context: dict) -> str:
    """The HTML a PDF of `template_name` is laid out from (the template with `pdf` set).

    Inside `rapportbilder.pdf_bilder()` when the PDF is to be made from it: rendering the
    texts there lists the pictures the PDF may embed."""
    return render_to_string(template_name, {**context, "pdf": True})


def _render_pdf(template_name: str, context: dict, *, base_url: str | None, variant: str) -> bytes:
    return html_till_pdf(pdf_html(template_name, context), base_url=base_url, variant=variant)


def html_till_pdf(html: str, *, base_url: str | None = None, variant: str = PDF_VARIANT) -> bytes:
    """Lay out `html` (from `pdf_html`) as a tagged PDF: the slow part, for a worker."""
    base_url = base_url or DEFAULT_BASE_URL
    fetcher = StaticFilesFetcher()
    font_config = FontConfiguration()
    fonts = CSS(
        url=urljoin(base_url, settings.STATIC_URL + FONT_CSS),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    base = CSS(string=BASE_CSS, font_config=font_config)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[fonts, base],
        font_config=font_config,
        pdf_variant=variant,
        finisher=_efterbehandla,
    )


#: A static URL in the HTML or in a stylesheet (href="/static/rapporter/rapport.css",
#: url("/static/fonts/x.ttf")): the files whose contents are part of a PDF's cache key.
_STATIC_URL_RE = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")
#: (path, mtime, size) -> the file's SHA-256: a file is read again only when it changes.
_filsummor: dict[tuple[str, int, int], str] = {}


def _filsumma(fil: Path) -> str:
    st = fil.stat()
    nyckel = (str(fil), st.st_mtime_ns, st.st_size)
    if nyckel not in _filsummor:
        _filsummor[nyckel] = hashlib.sha256(fil.read_bytes()).hexdigest()
    return _filsummor[nyckel]


def _statiska_filer(text: str, sedda: set[str]) -> list[str]:
    """The static files `text` refers to, and those their stylesheets refer to, in order."""
    static_url = urlsplit(settings.STATIC_URL).path
    ut = []
    for match in _STATIC_URL_RE.finditer(text):
        url = urljoin(settings.STATIC_URL, match.group(1) or match.group(2))
        path = unquote(urlsplit(url).path)
        if not path.startswith(static_url) or path in sedda:
            continue
        sedda.add(path)
        fil = static_file(path[len(static_url) :])
        if fil is None or not fil.is_file():
            continue
        ut.append(f"{path} {_filsumma(fil)}")
        if fil.suffix == ".css":
            ut += _statiska_filer(fil.read_text(encoding="utf-8", errors="replace"), sedda)
    return ut


def cachenyckel(html: str, base_url: str | None = None, variant: str = PDF_VARIANT) -> str:
    """The SHA-256 of everything a PDF made by `html_till_pdf(html, ...)` depends on: the
    HTML itself (the data, the texts, the pictures' addresses), the static files it and its
    stylesheets use (CSS, fonts, images), the report font, the base address, the variant and
    the WeasyPrint version. Unchanged data gives the same key; an edit gives a new one."""
    filer = _statiska_filer(f'{html} href="{settings.STATIC_URL}{FONT_CSS}"', set())
    delar = [
        "finsam-pdf 1",
        weasyprint.__version__,
        variant,
        base_url or DEFAULT_BASE_URL,
        BASE_CSS,
        *filer,
        html,
    ]
    return hashlib.sha256("\n\0".join(delar).encode("utf-8")).hexdigest()


def _efterbehandla(document, pdf: pydyf.PDF) -> None:
    """What the tagged PDF needs beyond WeasyPrint's tags (run before the file is written)."""
    _sidhuvud_som_artefakt(document, pdf)
    _lanktexter(document)


def _lanktexter(document) -> None:
    """Describe each link by its own text ("1.2 Uppdrag" in the contents list).

    WeasyPrint gives a tagged link annotation the anchor's name as its description (the
    /Contents PDF/UA asks for: "uppdrag", "avsnitt-vision-1"); a screen reader reads it
    aloud. The text of the link's boxes, without generated content (the contents list's
    leader and page number), says where it goes. Each box inside a link has an annotation
    of its own ("1", "Uppdrag", the leader): they all get the text of the outermost."""

    def text(box) -> str:
        return " ".join(
            " ".join(
                b.text
                for b in box.descendants()
                if isinstance(b, boxes.TextBox) and "::" not in (b.element_tag or "")
            ).split()
        )

    def besok(box, arvd):
        annotation = box.link_annotation
        if annotation is not None and "Contents" in annotation:
            mal = annotation.get("Dest") or annotation.get("A", {}).get("URI")
            lank = getattr(mal, "string", None)
            if arvd is None or arvd[0] != lank:
                arvd = (lank, text(box))
            if arvd[1]:
                annotation["Contents"] = pydyf.String(arvd[1])
        for barn in getattr(box, "children", ()):
            if isinstance(barn, boxes.Box):
                besok(barn, arvd)

    for page in document.pages:
        besok(page._page_box, None)


def _objekt(pdf: pydyf.PDF, referens) -> object:
    """The object behind an indirect reference (b"12 0 R")."""
    return pdf.objects[int(bytes(referens).split()[0])]


def _sidhuvud_som_artefakt(document, pdf: pydyf.PDF) -> None:
    """Mark the text of the running header and footer as pagination artifacts.

    WeasyPrint tags the text of the @page margin boxes like any other (a /Span with a
    marked-content id) but links it into no structure tree: content that is neither in the
    tree nor an artifact, which PDF/UA refuses. This finds the marked-content ids whose
    structure element the document's tree does not reach and turns their marked content
    into `/Artifact <</Type /Pagination>>`, with no entry in the parent tree."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    rot = _objekt(pdf, pdf.catalog["StructTreeRoot"])
    nadda: set[int] = set()
    att_besoka = [k for k in rot["K"] if not isinstance(k, int)]
    while att_besoka:
        nummer = int(bytes(att_besoka.pop()).split()[0])
        if nummer in nadda:
            continue
        nadda.add(nummer)
        element = pdf.objects[nummer]
        barn = element.get("K", []) if isinstance(element, dict) else []
        att_besoka.extend(k for k in barn if isinstance(k, (bytes, str)))
    nums = _objekt(pdf, rot["ParentTree"])["Nums"]
    for i in range(0, min(len(nums), 2 * len(pdf.page_references)), 2):
        sida, element = nums[i], nums[i + 1]
        if not isinstance(element, pydyf.Array):
            continue
        artefakter = {
            mcid
            for mcid, ref in enumerate(element)
            if ref is not None and int(bytes(ref).split()[0]) not in nadda
        }
        if not artefakter:
            continue
        for mcid in artefakter:
            element[mcid] = "null"
        innehall = _objekt(pdf, _objekt(pdf, pdf.page_references[sida])["Contents"])
        strom = innehall.stream
        for k in range(len(strom) - 2):
            egenskaper = strom[k + 1]
            if (
                strom[k + 2] == b"BDC"
                and isinstance(egenskaper, dict)
                and egenskaper.get("MCID") in artefakter
            ):
                strom[k] = "/Artifact"
                strom[k + 1] = pydyf.Dictionary({"Type": "/Pagination"})


def pdf_fil_response(pdf: bytes, filename: str) -> HttpResponse:
    """PDF bytes made before (by the worker, or archived) as a download named `filename`."""
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
