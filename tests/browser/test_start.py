"""Each role's start page in real headless Chromium at 1366 and 390 px: the queue is on
screen, nothing in the content is wider than the window, and a returned report's comment
is the first thing a steering group sees."""

import pytest

from finsam.models import User
from insatser.models import Insats
from uppfoljning.models import Deltagarrapport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLLER = {
    "kansli": "Rapporter att granska",
    "styrelse": "Eget kapital mot taket",
    "revisor": "Senaste ändringar",
    "styrgrupp-vasteras": "Dina deltagarrapporter",
}


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("finsam-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _csp(message, errors: list[str]) -> None:
    if "Content Security" in message.text:
        errors.append(message.text)


def _bredast_i_main(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-responsive, details:not([open])'))
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName + '.' + e.className)"""
    )


@pytest.mark.parametrize("bredd", [1366, 390])
def test_every_roles_start_page_fits_and_shows_its_queue(demo, browser, live_server, bredd):
    for username, rubrik in ROLLER.items():
        context = browser.new_context(viewport={"width": bredd, "height": 900}, locale="sv-SE")
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, errors=errors: _csp(m, errors))
        _login(page, live_server, username)
        assert page.get_by_role("heading", level=1).count() == 1
        assert page.get_by_role("heading", level=2, name=rubrik).is_visible()
        assert _bredast_i_main(page) == [], username
        assert errors == []
        context.close()


def test_a_returned_report_is_the_first_thing_the_steering_group_sees(demo, browser, live_server):
    vasteras = User.objects.get(username="styrgrupp-vasteras")
    insats = Insats.objects.get(forbund=demo, slug="st-surahammar")
    insats.styrgrupp.add(vasteras)
    rapport = Deltagarrapport.objects.get(period__ar=2026, insats=insats)
    assert rapport.status == "returnerad"
    kommentar = rapport.handelser.filter(handelse="returnerad").last().kommentar
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="sv-SE")
    page = context.new_page()
    _login(page, live_server, "styrgrupp-vasteras")
    alert = page.locator(".alert-danger").first
    assert alert.is_visible()
    box = alert.bounding_box()
    assert box["y"] < 800, "the return is above the fold on a phone"
    assert kommentar.split()[0] in alert.inner_text()
    alert.get_by_role("link", name="Rätta och skicka in rapporten igen").click()
    page.wait_for_load_state()
    assert f"/rapporter/{rapport.pk}/andra/" in page.url
    context.close()
