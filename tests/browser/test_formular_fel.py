"""Refused forms in real headless Chromium: the error summary takes focus and its links
move focus to the field (or the sum cell) they name; Enter in the report grid moves to
the next figure instead of submitting; leaving a changed report asks first. Skips
without Chromium (see tests/browser_fixtures.py)."""

import pytest
from django.urls import reverse

from tests.uppfoljning.deltagarrapport.test_helpers import by_kod, open_period, rapport_for
from uppfoljning.deltagarrapport.forms import field_name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, client, live_server, user):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _fokus(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _vanta_fokus(page, id_: str) -> None:
    """Wait (up to five seconds) until the element with that id has focus: the summary's
    script runs after the element is in the DOM, so a bare read right after
    wait_for_selector races it."""
    from playwright.sync_api import expect

    expect(page.locator(f"[id='{id_}']")).to_be_focused(timeout=5000)


def _fel(page):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    return errors


def test_a_crispy_forms_summary_takes_focus_and_links_to_the_fields(
    page, client, live_server, forbund, kansli, insats
):
    open_period(forbund, kansli, [insats], ar=2026, typ="h1")
    errors = _fel(page)
    _login(page, client, live_server, kansli)
    page.goto(f"{live_server.url}{reverse('uppfoljning:period-create')}")
    page.locator("#id_ar").fill("2026")
    page.locator("#id_typ").select_option("h1")
    page.locator("#id_sista_dag").fill("2026-12-15")
    page.get_by_role("button", name="Öppna perioden").click()
    page.wait_for_selector("#felsammanfattning")
    _vanta_fokus(page, "felsammanfattning")
    page.locator("#felsammanfattning").get_by_role(
        "link", name="Period: Perioden är redan öppnad."
    ).click()
    _vanta_fokus(page, "id_typ")
    assert page.locator("#id_typ").get_attribute("aria-describedby") == "id_typ_error"
    assert errors == []


def test_report_grid_enter_summary_links_and_unsaved_warning(
    page, client, live_server, forbund, kansli, styrgrupp, insats
):
    rapport = rapport_for(open_period(forbund, kansli, [insats]), insats)
    m = by_kod(rapport)
    errors = _fel(page)
    _login(page, client, live_server, styrgrupp)
    url = f"{live_server.url}{reverse('uppfoljning:rapport-edit', args=[rapport.pk])}"
    page.goto(url)

    # Enter in a figure moves to the next one; nothing is submitted.
    deltagare_k = page.locator(f"#id_{field_name((m['deltagare'].pk, 'k'))}")
    deltagare_k.click()
    deltagare_k.press_sequentially("10")
    deltagare_k.press("Enter")
    _vanta_fokus(page, f"id_{field_name((m['deltagare'].pk, 'm'))}")
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Enter")
    _vanta_fokus(page, f"id_{field_name((m['deltagare'].pk, 'm'))}")
    page.wait_for_timeout(300)
    assert page.url == url
    assert not rapport.varden.exists()
    # The age group's sum row follows the typing, per column.
    alder_k = page.locator(f"#id_{field_name((m['alder-20-24'].pk, 'k'))}")
    alder_k.fill("7")
    summa_k = page.locator("tr.summarad [data-kolumnsumma='k']").first
    assert summa_k.inner_text() == "7"

    # Leaving with a changed figure asks first; staying keeps the page.
    dialoger = []

    def stanna(dialog):
        dialoger.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stanna)
    meny = page.get_by_role("navigation", name="Huvudmeny")
    meny.get_by_role("link", name="Mina rapporter").click()
    page.wait_for_timeout(500)
    assert dialoger == ["beforeunload"]
    assert page.url == url

    # Submitting with an unreadable figure and a sum that does not add up: both reported.
    nya_k = page.locator(f"#id_{field_name((m['nya'].pk, 'k'))}")
    nya_k.fill("tolv")
    page.get_by_role("button", name="Skicka in").click()
    page.wait_for_selector("#felsammanfattning")
    _vanta_fokus(page, "felsammanfattning")
    summary = page.locator("#felsammanfattning")
    summary.get_by_role("link", name="Varav nya under perioden, kvinnor:").click()
    _vanta_fokus(page, f"id_{field_name((m['nya'].pk, 'k'))}")
    summary.get_by_role("link", name="Åldersgrupperna ska tillsammans").first.click()
    page.wait_for_function(
        "document.activeElement && document.activeElement.id.startsWith('summa-')", timeout=5000
    )
    fokus = _fokus(page)
    assert fokus.startswith("summa-") and fokus.endswith("-k")
    assert "7 av 10 (kvinnor)" in page.locator(f"#{fokus}").inner_text()
    rapport.refresh_from_db()
    assert rapport.status == "utkast"
    assert errors == []
