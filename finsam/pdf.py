"""One way to make a PDF: render a template to HTML, let WeasyPrint lay it out.

    pdf = render_pdf("rapporter/verksamhetsplan.html", {"rapport": rapport})
    return pdf_response(request, "rapporter/verksamhetsplan.html", context, "vp.pdf")

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
marks them as pagination artifacts, as PDF/UA wants of repeated page furniture.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import CSS, HTML
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


def _render_pdf(template_name: str, context: dict, *, base_url: str | None, variant: str) -> bytes:
    html = render_to_string(template_name, {**context, "pdf": True})
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
        finisher=_sidhuvud_som_artefakt,
    )


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


def pdf_response(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    """A report as a PDF download named `filename`."""
    pdf = render_pdf(template_name, context, base_url=request.build_absolute_uri("/"))
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
