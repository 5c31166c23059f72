"""finsam.pdf: one render_pdf() for every report, and a fetcher that never leaves the machine."""

import pytest
from django.test import RequestFactory

from finsam.pdf import StaticFilesFetcher, pdf_response, render_pdf
from tests.finsam.rapporter.helpers import pdf_pages

TEMPLATE = "rapporter/base.html"


def test_render_pdf_leaves_out_the_browser_toolbar():
    pdf = render_pdf(TEMPLATE, {})
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(pdf) == [""]


def test_render_pdf_applies_the_print_stylesheet(settings, tmp_path):
    """Header and "Sida X av Y" come from the @page rules in static/rapporter/rapport.css:
    they show only if the fetcher found the stylesheet."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "tva_sidor.html").write_text(
        '{% extends "rapporter/base.html" %}{% block dokument %}'
        '<section class="titelsida"><p class="forbund">Förbundet</p><h1>Dokumentet</h1></section>'
        "<p>Andra sidan</p>{% endblock %}",
        encoding="utf-8",
    )
    pages = pdf_pages(render_pdf("tva_sidor.html", {}))
    assert len(pages) == 2
    assert "Sida" not in pages[0]
    assert "Sida 2 av 2" in pages[1]
    assert "Förbundet" in pages[1] and "Dokumentet" in pages[1]  # running header


def test_pdf_response_is_a_download():
    request = RequestFactory().get("/rapporter/")
    response = pdf_response(request, TEMPLATE, {}, "rapport-2025.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2025.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_fetcher_serves_static_files():
    response = StaticFilesFetcher().fetch("http://testserver/static/rapporter/rapport.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/bild.png",
        "https://intranat.example.se/static/../../etc/passwd",
        "http://testserver/static/../finsam/settings/base.py",
        "file:///etc/passwd",
        "http://testserver/static/finns-inte.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticFilesFetcher().fetch(url)


def test_external_image_in_text_is_not_fetched(settings, tmp_path, monkeypatch):
    """A link to an outside image (e.g. in a description) does not reach the network."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "bild.html").write_text(
        '<html><body><img src="http://example.com/spion.png"><p>Text</p></body></html>'
    )
    opened = []
    monkeypatch.setattr(
        "urllib.request.OpenerDirector.open", lambda self, *a, **kw: opened.append(a)
    )
    assert render_pdf("bild.html", {}).startswith(b"%PDF-")
    assert opened == []
