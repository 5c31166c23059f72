"""The text editor's help: the syntax, the edition's pictures to insert and the figure
picker listing the named figures with their current values (no inline script)."""

import re
import sys
from dataclasses import dataclass
from types import ModuleType

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finsam.rapporter.utgava.bilder import bild_ladda_upp, figurgrupper
from finsam.rapporter.utgava.texter import utgava_for

URL = reverse("finsam:rapport-texter", args=["verksamhetsplan", "2025"])
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"/>'


@dataclass
class Figur:
    namn: str
    etikett: str
    grupp: str
    text: str


@pytest.fixture
def falska_figurer(monkeypatch):
    """The registry (finsam.rapporter.utgava.figurer, helper "fig") replaced by two figures."""
    modul = ModuleType("finsam.rapporter.utgava.figurer")
    anrop = []

    def figurer(typ, forbund, nyckel, rapport=None):
        anrop.append((typ.kod, forbund.slug, nyckel, rapport is not None))
        return {
            "deltagare.antal": Figur("deltagare.antal", "Deltagare totalt", "Deltagare", "278"),
            "resultat": Figur("resultat", "Årets resultat", "Ekonomi", "−1 250 tkr"),
        }

    modul.figurer = figurer
    monkeypatch.setitem(sys.modules, modul.__name__, modul)
    return anrop


def test_the_editor_lists_figures_with_their_values_and_the_pictures(
    demo, demo_user, client, falska_figurer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bild_ladda_upp(
        utgava_for(demo, "verksamhetsplan", ar=2025),
        fil=SimpleUploadedFile("ruta.svg", SVG),
        slug="ruta",
        alt_text="En ruta",
    )
    client.force_login(demo_user("kansli"))
    html = client.get(URL).content.decode()
    # Asked with the built report (when the working build is kept, and for the picker).
    assert set(falska_figurer) == {("verksamhetsplan", "vastmanland", "2025", True)}
    assert '<optgroup label="Deltagare">' in html
    assert (
        '<option value="deltagare.antal">Deltagare totalt: 278 – deltagare.antal</option>' in html
    )
    assert 'data-infoga="![](bild:ruta)"' in html
    assert "<code>## Rubrik</code>" in html and "{{namn}}" in html
    assert '<script src="/static/rapporter/infoga.js"></script>' in html
    assert not re.search(
        r"<script>(?!</script>)|<script(?![^>]*src=)[^>]*>|\sstyle=|\son\w+=", html
    )


def test_an_adopted_edition_shows_no_picker(demo, demo_user, client, falska_figurer):
    from finsam.models import Rapportutgava

    utgava = utgava_for(demo, "verksamhetsplan", ar=2025)
    Rapportutgava.objects.filter(pk=utgava.pk).update(status="faststalld")
    client.force_login(demo_user("kansli"))
    html = client.get(URL).content.decode()
    assert 'id="figurvaljare"' not in html


def test_the_picker_is_left_out_when_the_registry_fails(demo, monkeypatch):
    modul = ModuleType("finsam.rapporter.utgava.figurer")

    def trasig(*args, **kwargs):
        raise RuntimeError("trasig")

    modul.figurer = trasig
    monkeypatch.setitem(sys.modules, modul.__name__, modul)
    from finsam.rapporter.dokument import dokumenttyp

    typ = dokumenttyp("verksamhetsplan")
    assert figurgrupper(typ, demo, "2025", typ.bygg(demo, "2025")) == []
