"""A steering group finishes its draft report in real headless Chromium: an inconsistent
figure is refused next to its field in Swedish, fixed, submitted; then kansli approves."""

import pytest

from fixtures.figures import consistent_values
from uppfoljning.deltagarrapport import selectors
from uppfoljning.deltagarrapport.forms import field_name
from uppfoljning.models import Deltagarrapport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("finsam-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def test_styrgrupp_submits_and_kansli_approves(demo, page, browser, live_server):
    rapport = Deltagarrapport.objects.select_related("insats").get(
        period__ar=2026, insats__slug="st-vasteras"
    )
    assert rapport.status == "utkast"
    matt = selectors.matt_for_insats(rapport.insats)
    kod = {m.kod: m for m in matt}
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)

    _login(page, live_server, "styrgrupp-vasteras")
    page.get_by_role("link", name="Mina rapporter").first.click()
    page.get_by_role("link", name="Januari–juni 2026", exact=True).click()
    page.get_by_role("link", name="Fyll i rapporten").click()
    page.wait_for_selector("text=Spara utkast")

    # Fill in every figure consistently (the draft has deltagare 44/37/2, nya 12/10/1).
    varden = consistent_values(matt, [44, 37, 2], [12, 10, 1], [9, 8, 0])
    for key, value in varden.items():
        page.locator(f"#id_{field_name(key)}").fill(str(value).replace(".", ","))
    # The row total follows as the user types.
    assert page.locator(f'[data-totalt="{kod["deltagare"].pk}"]').inner_text() == "83"

    # One inconsistent figure: more new women than women taking part.
    nya_k = page.locator(f"#id_{field_name((kod['nya'].pk, 'k'))}")
    nya_k.fill("50")
    page.get_by_role("button", name="Skicka in").click()
    page.wait_for_selector(".invalid-feedback")
    error = page.locator(f"#id_{field_name((kod['nya'].pk, 'k'))}_error")
    assert error.inner_text() == "Nya kan inte vara fler än deltagarna (kvinnor: 50 > 44)"
    assert nya_k.input_value() == "50"  # what was typed stays
    rapport.refresh_from_db()
    assert rapport.status == "utkast"

    page.locator(f"#id_{field_name((kod['nya'].pk, 'k'))}").fill("12")
    page.get_by_role("button", name="Skicka in").click()
    page.wait_for_selector("text=Rapporten är inskickad. Tack!")
    rapport.refresh_from_db()
    assert rapport.status == "inskickad"

    # Kansli, in a new browser context, approves it.
    context = browser.new_context(locale="sv-SE")
    kansli_page = context.new_page()
    kansli_page.set_default_timeout(15000)
    kansli_page.on("pageerror", lambda e: errors.append(str(e)))
    _login(kansli_page, live_server, "kansli")
    kansli_page.get_by_role("button", name="Uppföljning").click()
    kansli_page.get_by_role("link", name="Rapportperioder").click()
    kansli_page.get_by_role("link", name="Januari–juni 2026").click()
    kansli_page.get_by_role("link", name="Samordningsteam Västerås").click()
    kansli_page.get_by_role("button", name="Godkänn").click()
    kansli_page.wait_for_selector("text=Rapporten är godkänd.")
    rapport.refresh_from_db()
    assert rapport.status == "godkand"
    tidslinje = kansli_page.get_by_test_id("tidslinje").inner_text()
    assert "Inskickad" in tidslinje and "Omar Nilsson" in tidslinje
    assert "Godkänd" in tidslinje and "Karin Lindqvist" in tidslinje
    context.close()
    assert errors == []
