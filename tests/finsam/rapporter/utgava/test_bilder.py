"""Pictures of an edition: kansli uploads them (refused while adopted, with Swedish errors
for what is not an accepted picture), whoever may read the edition sees them (another
förbund: 404), and a text shows them in the HTML and the PDF, also a text taken over from
the previous edition."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from finsam.models import Rapportbild, Rapportutgava
from finsam.rapporter.utgava.bilder import bild_ladda_upp
from finsam.rapporter.utgava.texter import text_spara, texter, utgava_for
from tests import factories
from tests.finsam.rapporter.helpers import hamta_pdf

BILDER = reverse("finsam:rapport-bilder", args=["verksamhetsplan", "2025"])
STORLEK = (123, 45)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(storlek=STORLEK) -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", storlek, (200, 30, 30)).save(ut, format="PNG")
    return ut.getvalue()


def _post(client, data: bytes, namn="karta.png", slug="karta", alt="Karta över länet"):
    fil = SimpleUploadedFile(namn, data)
    return client.post(BILDER, {"fil": fil, "slug": slug, "alt_text": alt})


def _vp(demo):
    return Rapportutgava.objects.get(forbund=demo, dokument="verksamhetsplan", nyckel="2025")


def test_uploaded_picture_is_shown_in_the_html_and_embedded_in_the_pdf(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    svar = _post(client, _png())
    assert svar.status_code == 302
    bild = Rapportbild.objects.get(utgava__forbund=demo, slug="karta")
    assert (bild.mime, bild.storlek, bild.uppladdad_av.username) == (
        "image/png",
        len(_png()),
        "kansli",
    )
    text_spara(utgava=bild.utgava, avsnitt="malgrupper", text="Före.\n\n![x](bild:karta)")

    html = client.get(reverse("finsam:verksamhetsplan", args=[2025])).content.decode()
    src = reverse("finsam:rapportbild", args=[bild.pk])
    assert f'<img class="rapportbild" src="{src}" alt="Karta över länet">' in html

    pdf = hamta_pdf(client, reverse("finsam:verksamhetsplan-pdf", args=[2025])).content
    storlekar = [im.image.size for sida in PdfReader(io.BytesIO(pdf)).pages for im in sida.images]
    assert STORLEK in storlekar


def test_the_pdf_embeds_only_pictures_its_texts_show(demo, demo_user, client):
    """A picture of the edition that no text shows is not fetched (nor anything else)."""
    client.force_login(demo_user("kansli"))
    assert _post(client, _png()).status_code == 302
    pdf = hamta_pdf(client, reverse("finsam:verksamhetsplan-pdf", args=[2025])).content
    storlekar = [im.image.size for sida in PdfReader(io.BytesIO(pdf)).pages for im in sida.images]
    assert STORLEK not in storlekar


def test_a_text_taken_over_from_last_year_finds_last_years_picture(forbund, kansli):
    fjol = utgava_for(forbund, "verksamhetsplan", ar=2024)
    bild_ladda_upp(
        fjol, fil=SimpleUploadedFile("k.png", _png()), slug="karta", alt_text="Fjolårets karta"
    )
    text_spara(utgava=fjol, avsnitt="malgrupper", text="![](bild:karta)")
    i_ar = utgava_for(forbund, "verksamhetsplan", ar=2025)
    forvalda = {"malgrupper": ""}
    assert 'alt="Fjolårets karta"' in texter(i_ar, forvalda)["malgrupper"]
    # saved again in the new edition, the text still finds it; a picture of its own wins
    text_spara(utgava=i_ar, avsnitt="malgrupper", text="Ny text.\n\n![](bild:karta)")
    assert 'alt="Fjolårets karta"' in texter(i_ar, forvalda)["malgrupper"]
    bild_ladda_upp(
        i_ar, fil=SimpleUploadedFile("k.png", _png()), slug="karta", alt_text="Årets karta"
    )
    assert 'alt="Årets karta"' in texter(i_ar, forvalda)["malgrupper"]


@pytest.mark.parametrize(
    ("data", "namn", "fel"),
    [
        (b"Det har ar bara text.", "karta.png", "inte en PNG-, JPEG- eller SVG-bild"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "karta.svg",
            "innehåller &lt;script&gt;",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "karta.svg",
            "attributet onload",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>',
            "karta.svg",
            "länkar till https://example.org/x.png",
        ),
    ],
)
def test_refused_uploads_say_why_and_keep_the_form(demo, demo_user, client, data, namn, fel):
    client.force_login(demo_user("kansli"))
    svar = _post(client, data, namn=namn)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert fel in html
    assert "Karta över länet" in html  # what was typed stays
    assert not Rapportbild.objects.filter(utgava__forbund=demo, slug="karta").exists()


def test_too_large_is_refused(demo, demo_user, client, settings):
    settings.FINSAM_RAPPORTBILD_MAX_BYTE = 1000
    client.force_login(demo_user("kansli"))
    svar = _post(client, _png((400, 400)) + b"\0" * 2000)
    assert "Bilden är" in svar.content.decode() and "högst 0,0 MB" in svar.content.decode()
    assert not Rapportbild.objects.filter(utgava__forbund=demo, slug="karta").exists()


def test_a_slug_used_in_the_edition_is_refused(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    assert _post(client, _png()).status_code == 302
    svar = _post(client, _png(), alt="En annan")
    assert "Det finns redan en bild med namnet karta" in svar.content.decode()


def test_upload_and_removal_are_refused_while_the_edition_is_adopted(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    assert _post(client, _png()).status_code == 302
    bild = Rapportbild.objects.get(utgava__forbund=demo, slug="karta")
    Rapportutgava.objects.filter(pk=bild.utgava_id).update(status="faststalld")
    svar = _post(client, _png(), slug="ny")
    assert svar.status_code == 200
    assert "är fastställd. Öppna den igen för att ändra bilderna." in svar.content.decode()
    ta_bort = reverse("finsam:rapport-bild-ta-bort", args=["verksamhetsplan", "2025", bild.pk])
    svar = client.post(ta_bort, {"lock_version_loaded": _version(bild)})
    assert "är fastställd" in svar.content.decode()
    assert Rapportbild.objects.filter(pk=bild.pk).exists()
    assert not Rapportbild.objects.filter(slug="ny").exists()


def test_kansli_removes_a_picture(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    assert _post(client, _png()).status_code == 302
    bild = Rapportbild.objects.get(utgava__forbund=demo, slug="karta")
    ta_bort = reverse("finsam:rapport-bild-ta-bort", args=["verksamhetsplan", "2025", bild.pk])
    assert client.get(ta_bort).status_code == 200
    fore = _version(bild)
    assert client.post(ta_bort, {"lock_version_loaded": fore - 1}).status_code == 200  # outdated
    assert Rapportbild.objects.filter(pk=bild.pk).exists()
    assert client.post(ta_bort, {"lock_version_loaded": fore}).status_code == 302
    assert not Rapportbild.objects.filter(pk=bild.pk).exists()


def test_who_sees_and_who_changes_pictures(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4"/></svg>'
    assert _post(client, svg, namn="ruta.svg", slug="ruta").status_code == 302
    bild = Rapportbild.objects.get(utgava__forbund=demo, slug="ruta")
    url = reverse("finsam:rapportbild", args=[bild.pk])
    ta_bort = reverse("finsam:rapport-bild-ta-bort", args=["verksamhetsplan", "2025", bild.pk])

    svar = client.get(url)
    assert svar.status_code == 200 and svar["Content-Type"] == "image/svg+xml"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"

    client.force_login(demo_user("styrelse"))
    assert client.get(url).status_code == 200
    assert client.get(BILDER).status_code == 403
    assert _post(client, _png(), slug="styrelsens").status_code == 403
    assert client.post(ta_bort).status_code == 403

    annan = factories.make_user(factories.make_forbund(), "kansli")
    client.force_login(annan)
    assert client.get(url).status_code == 404
    assert client.post(ta_bort).status_code == 404

    client.logout()
    assert client.get(url).status_code == 302
    assert Rapportbild.objects.filter(pk=bild.pk).exists()
    assert not Rapportbild.objects.filter(slug="styrelsens").exists()


def test_steering_group_sees_only_pictures_of_its_own_insats_report(demo, demo_user, client):
    """An insatsrapport's picture follows the report's own rule: its steering group and
    the förbund's readers, nobody else (404)."""
    bilder = {}
    for nyckel in ("st-vasteras:2025-helar", "st-fns:2025-helar"):
        utgava = utgava_for(demo, "insats", ar=2025, nyckel=nyckel)
        bild = bild_ladda_upp(
            utgava, fil=SimpleUploadedFile("k.png", _png()), slug="karta", alt_text="Karta"
        )
        bilder[nyckel] = reverse("finsam:rapportbild", args=[bild.pk])
    client.force_login(demo_user("styrgrupp-vasteras"))
    assert client.get(bilder["st-vasteras:2025-helar"]).status_code == 200
    assert client.get(bilder["st-fns:2025-helar"]).status_code == 404
    client.force_login(demo_user("revisor"))
    assert client.get(bilder["st-fns:2025-helar"]).status_code == 200


def test_a_text_showing_a_missing_picture_is_a_checklist_finding(demo, demo_user, client):
    utgava = utgava_for(demo, "verksamhetsplan", ar=2025)
    text_spara(utgava=utgava, avsnitt="malgrupper", text="![](bild:finns-inte)")
    client.force_login(demo_user("kansli"))
    html = client.get(reverse("finsam:rapport-kontroll", args=["verksamhetsplan", "2025"]))
    html = html.content.decode()
    assert "4 Målgrupper och behov visar en bild som inte finns i utgåvan: finns-inte." in html
    assert BILDER in html
    rapport = client.get(reverse("finsam:verksamhetsplan", args=[2025])).content.decode()
    assert "⟦okänd bild: finns-inte⟧" in rapport


def _version(bild) -> int:
    return Rapportutgava.objects.get(pk=bild.utgava_id).lock_version
