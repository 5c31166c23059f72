"""One way to make a PDF: render a template to HTML, let WeasyPrint lay it out.

    pdf = render_pdf("rapporter/verksamhetsplan.html", {"rapport": rapport})
    return pdf_response(request, "rapporter/verksamhetsplan.html", context, "vp.pdf")

The HTML is the same the browser shows. WeasyPrint never goes to the network: the
fetcher below serves the app's static files from disk and `data:` URIs, and refuses
every other URL (text the kansli writes may contain links or images).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render `template_name` with `context` and return the PDF bytes."""
    with rapportbilder.pdf_bilder():
        return _render_pdf(template_name, context, base_url=base_url)


def _render_pdf(template_name: str, context: dict, *, base_url: str | None) -> bytes:
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
    return document.write_pdf(stylesheets=[fonts, base], font_config=font_config)


def pdf_response(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    """A report as a PDF download named `filename`."""
    pdf = render_pdf(template_name, context, base_url=request.build_absolute_uri("/"))
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
