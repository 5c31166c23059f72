"""Wide pages in real headless Chromium at a laptop's 1366 px: Ekonomi per insats fits
without scrolling sideways, and opens on a date with payments."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("finsam-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def test_ekonomi_per_insats_fits_1366_px(demo, page, live_server):
    # A vertical scroll bar of a desktop browser takes ~17 px of the 1366.
    page.set_viewport_size({"width": 1366 - 17, "height": 900})
    _login(page, live_server, "styrelse")
    page.goto(f"{live_server.url}/insatser/ekonomi/")
    tabell = page.locator(".table-responsive").first
    scroll, synlig = tabell.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= synlig, f"the table is {scroll - synlig} px too wide"
    sida = page.evaluate("document.documentElement.scrollWidth")
    assert sida <= 1366 - 17
    # The default date shows payments: the total row's "Utbetalt" is not 0.
    summa = page.locator("tfoot tr").inner_text()
    assert "12 463 275" in summa.replace("\u00a0", " ")
