"""Producing, reviewing and adopting a report without leaving the app, in real Chromium:
write a text and watch the live preview follow, check the checklist, adopt, and find the
archived PDF; the board member downloads it."""

import io

import pytest
from pypdf import PdfReader

from finsam.models import Rapportarkiv, Rapporttext

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("finsam-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _pdf_text(path) -> str:
    with open(path, "rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return "\n".join(p.extract_text() for p in reader.pages).replace("\u00a0", " ")


def test_kansli_writes_previews_checks_and_adopts(demo, page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    _login(page, live_server, "kansli")

    page.goto(f"{live_server.url}/rapporter/?ar=2025")
    row = page.locator("tr", has_text="Delårsrapport per 2025-08-31")
    row.get_by_role("link", name="Texter").click()
    page.wait_for_selector("text=Texter: Delårsrapport per 2025-08-31")

    # The preview shows the whole document and follows what is typed, unsaved.
    preview = page.frame_locator("#forhandsvisning")
    preview.locator("text=EKONOMI").first.wait_for()
    page.get_by_label("Omvärld").fill("Arbetsmarknaden i länet **förbättrades** under våren.")
    preview.locator("strong", has_text="förbättrades").wait_for(timeout=15000)
    assert not Rapporttext.objects.filter(text__startswith="Arbetsmarknaden i länet").exists()
    page.get_by_role("button", name="Spara texterna").click()
    page.wait_for_selector("text=Texterna är sparade")
    assert Rapporttext.objects.get(avsnitt="omvarld").text.startswith("Arbetsmarknaden")

    # The checklist names what is missing, with a link to fix it.
    page.get_by_role("link", name="Checklista").click()
    page.wait_for_selector("text=Rehabkoordinatorer i samverkan avviker")
    assert page.get_by_role("link", name="Skriv en kommentar").count() >= 1

    # The PDF is ordered (made by the worker; in tests at once) and then downloaded.
    checklista = page.url
    page.get_by_role("link", name="Skapa PDF ändå").click()
    page.wait_for_selector("text=Det finns ingen PDF")
    with page.expect_download() as info:
        page.get_by_role("button", name="Skapa PDF").click()
    assert "Utkast – ej fastställt" in _pdf_text(info.value.path())
    page.goto(checklista)

    # Fastställ: decision date and paragraph; the PDF is archived.
    page.get_by_role("link", name="Fastställ…").click()
    page.get_by_label("Fastställd av styrelsen").fill("2025-10-20")
    page.get_by_label("Paragraf").fill("§ 40")
    page.get_by_role("button", name="Fastställ och arkivera").click()
    page.wait_for_selector("text=är fastställd. PDF:en är arkiverad")
    arkiv = Rapportarkiv.objects.get()
    assert arkiv.paragraf == "§ 40"
    assert errors == []

    # A board member reads the archive and downloads the adopted PDF.
    page.context.clear_cookies()
    _login(page, live_server, "styrelse")
    page.goto(f"{live_server.url}/rapporter/arkiv/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ned PDF").first.click()
    text = _pdf_text(info.value.path())
    assert "Fastställd av styrelsen 2025-10-20, § 40" in text
    assert "förbättrades" in text
