"""The reports are set in the font the app ships, on every machine (issue 9, defect 12).

A PDF made on a machine without the Liberation fonts used to fall back to DejaVu Sans, which
wraps table headers differently; one without any fonts crashed WeasyPrint. The app ships
Liberation Sans (static/fonts/liberation, SIL OFL 1.1) and gives it to every PDF.
"""

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader

from finsam.pdf import FONT_CSS, render_pdf

ROOT = Path(settings.BASE_DIR)


def pdf_fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


def test_font_files_and_licence_ship_with_the_app():
    css = (ROOT / "static" / FONT_CSS).read_text()
    folder = ROOT / "static" / "fonts" / "liberation"
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert f"liberation/LiberationSans-{style}.ttf" in css
        assert (folder / f"LiberationSans-{style}.ttf").stat().st_size > 100_000
    assert "SIL Open Font License" in (folder / "OFL.txt").read_text()


def test_every_pdf_uses_only_the_shipped_font(settings, tmp_path):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "t.html").write_text("<p>Vanlig <b>fet</b> <i>kursiv</i> text</p>")
    assert pdf_fonts(render_pdf("t.html", {})) == {
        "FINSAM-Sans",
        "FINSAM-Sans-Bold",
        "FINSAM-Sans-Italic",
    }


SCRIPT = textwrap.dedent(
    """
    import io, sys
    import django
    django.setup()
    from django.conf import settings
    settings.TEMPLATES[0]["DIRS"].insert(0, sys.argv[1])
    from finsam.pdf import render_pdf
    from pypdf import PdfReader
    pdf = render_pdf("t.html", {})
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    print(text)
    """
)


def test_a_machine_without_any_fonts_makes_the_same_pdf(tmp_path):
    """FONTCONFIG_FILE pointing at an empty font folder: no system font at all."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{tmp_path / 'empty'}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>"
    )
    (tmp_path / "t.html").write_text(
        '<link rel="stylesheet" href="/static/rapporter/rapport.css">'
        "<h2>Budget 2025</h2><p>Summa kostnader −20 204 000 kr</p>"
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
        "DJANGO_SETTINGS_MODULE": "finsam.settings.test",
        "PYTHONWARNINGS": "ignore",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Summa kostnader −20 204 000 kr" in done.stdout
