"""What a picture upload accepts (PNG, JPEG by their content; SVG sanitized) and refuses,
with Swedish messages; and that a PDF embeds only the pictures its texts show."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from finsam import rapportbilder


def png(storlek=(40, 20), format_="PNG") -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", storlek, (30, 90, 160)).save(ut, format=format_)
    return ut.getvalue()


def _fil(data: bytes, namn="bild.png"):
    return SimpleUploadedFile(namn, data)


def _fel(data: bytes, namn="bild.svg") -> str:
    with pytest.raises(ValidationError) as e:
        rapportbilder.granska(_fil(data, namn))
    return " ".join(e.value.messages)


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
    '<rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/>{}</svg>'
)


def test_png_and_jpeg_are_recognised_by_their_content_not_their_name():
    assert rapportbilder.granska(_fil(png(), "karta.jpg"))[1:] == ("image/png", "png")
    data, mime, andelse = rapportbilder.granska(_fil(png(format_="JPEG"), "karta.png"))
    assert (mime, andelse) == ("image/jpeg", "jpg") and data.startswith(b"\xff\xd8")


def test_a_text_file_named_png_is_refused():
    assert "inte en PNG-, JPEG- eller SVG-bild" in _fel(b"hej hej, det har ar text", "bild.png")
    assert "inte en PNG-, JPEG- eller SVG-bild" in _fel(png()[:60], "trasig.png")
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    assert "inte en PNG-, JPEG- eller SVG-bild" in _fel(gif.getvalue(), "bild.gif")


def test_too_large_is_refused(settings):
    settings.FINSAM_RAPPORTBILD_MAX_BYTE = 100
    assert "får vara högst 0,0 MB" in _fel(png((200, 200)), "stor.png")


def test_a_clean_svg_is_accepted_and_reserialized_without_comments():
    data, mime, _ = rapportbilder.granska(
        _fil((SVG.format("<!-- hemligt --><text>Sala</text>")).encode(), "karta.svg")
    )
    assert mime == "image/svg+xml"
    assert b"hemligt" not in data and b"Sala" in data
    assert b'<svg xmlns="http://www.w3.org/2000/svg"' in data


@pytest.mark.parametrize(
    ("innehall", "fel"),
    [
        ("<script>alert(1)</script>", "<script>"),
        (
            '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
            "<foreignObject>",
        ),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "<set>"),
        ('<a href="https://example.org/"><text>x</text></a>', "länkar till https://example.org/"),
        ('<image xlink:href="http://example.org/a.png"/>', "länkar till http://example.org/a.png"),
        ('<image href="file:///etc/passwd"/>', "länkar till file:///etc/passwd"),
        ('<rect style="fill: url(https://example.org/x)"/>', "hämtar något utifrån"),
        ("<style>@import url(https://example.org/a.css);</style>", "stilmall"),
    ],
)
def test_an_svg_that_could_run_or_fetch_is_refused(innehall, fel):
    assert fel in _fel(SVG.format(innehall).encode())


def test_an_svg_with_an_event_handler_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
    assert "attributet onload" in _fel(svg)


def test_doctype_and_entities_are_refused_before_parsing():
    skratt = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    assert "DOCTYPE" in _fel(skratt)
    assert "går inte att läsa" in _fel(b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')
    assert "ingen SVG-bild" in _fel(b"<?xml version='1.0'?><html><svg/></html>")


def test_the_pdf_fetcher_hands_out_only_pictures_the_rendered_texts_show(db):
    assert rapportbilder.hamta_for_pdf("/rapporter/bild/1/") is None
    with rapportbilder.pdf_bilder():
        rapportbilder.visas({"/rapporter/bild/1/": 10**9})
        # registered but gone from the database: still nothing
        assert rapportbilder.hamta_for_pdf("/rapporter/bild/1/") is None
        assert rapportbilder.hamta_for_pdf("/rapporter/bild/2/") is None
    rapportbilder.visas({"/rapporter/bild/3/": 1})  # outside a PDF: noted nowhere
    assert rapportbilder.hamta_for_pdf("/rapporter/bild/3/") is None
