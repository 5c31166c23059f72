"""finsam.pdf: one render_pdf() for every report, and a fetcher that never leaves the machine."""

import pytest

from finsam.pdf import (
    StaticFilesFetcher,
    cachenyckel,
    html_till_pdf,
    pdf_fil_response,
    pdf_html,
    render_pdf,
)
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


def test_pdf_fil_response_is_a_download():
    pdf = render_pdf(TEMPLATE, {})
    response = pdf_fil_response(pdf, "rapport-2025.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2025.pdf"'
    assert response.content == pdf


def test_render_pdf_is_pdf_html_laid_out():
    """The split the worker uses (HTML, then layout) makes the same PDF as render_pdf."""
    html = pdf_html(TEMPLATE, {})
    assert render_pdf(TEMPLATE, {}) == html_till_pdf(html)


def test_cachenyckel_follows_the_html_the_base_and_the_stylesheets(settings, tmp_path):
    html = pdf_html(TEMPLATE, {})
    nyckel = cachenyckel(html)
    assert nyckel == cachenyckel(pdf_html(TEMPLATE, {}))
    assert nyckel != cachenyckel(html.replace("</body>", "<p>x</p></body>"))
    assert nyckel != cachenyckel(html, "https://finsam.example/")
    # A stylesheet the HTML links to is part of the key: a changed file, a new key.
    css = tmp_path / "extra.css"
    css.write_text("p { color: black; }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    med_css = html.replace("</head>", '<link rel="stylesheet" href="/static/extra.css"></head>')
    fore = cachenyckel(med_css)
    css.write_text("p { color: navy; }")
    assert cachenyckel(med_css) != fore


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
