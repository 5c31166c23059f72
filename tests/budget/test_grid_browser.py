"""The amounts grid's script in real headless Chromium: sums follow the typing, Enter moves
down the column, and the page saves. Skips without Chromium (see tests/browser_fixtures.py)."""

import pytest

from budget.models import Budgetbelopp, Budgetrad
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def _login(page, client, live_server, user):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_grid_recomputes_sums_and_saves(page, client, live_server, kansli, exempel):
    errors = []  # script exceptions and CSP refusals (a missing favicon is no concern here)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    _login(page, client, live_server, kansli)
    page.goto(f"{live_server.url}/budget/versioner/{exempel.plan.pk}/belopp/")
    r, g = exempel.rader, exempel.grupper

    team_a = page.locator(f"#id_rad_{r.team_a.pk}")
    individ = page.locator(f'[data-summa-grupp="{g.individ.pk}"]')
    kostnader = page.locator('[data-summa="kostnad"]')
    resultat = page.locator('[data-summa="resultat"]')
    assert individ.inner_text() == f"\u22126{NBSP}000{NBSP}000"

    team_a.fill("-4500000")
    assert individ.inner_text() == f"\u22126{NBSP}500{NBSP}000"
    assert kostnader.inner_text() == f"\u22128{NBSP}000{NBSP}000"
    assert resultat.inner_text() == f"2{NBSP}000{NBSP}000"
    assert "changed" in team_a.get_attribute("class")

    # An unreadable amount is marked and left out of the sums.
    team_a.fill("4,5 milj")
    assert "is-invalid" in team_a.get_attribute("class")
    assert individ.inner_text() == f"\u22122{NBSP}000{NBSP}000"

    # Enter moves down the column and tidies the amount typed.
    team_a.fill("-4500000")
    team_a.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"id_rad_{r.team_b.pk}"
    assert team_a.input_value() == f"\u22124{NBSP}500{NBSP}000"

    page.locator(f"#id_rad_{r.metod.pk}").fill("−250 000")
    assert page.locator(f'[data-summa-grupp="{g.direkta.pk}"]').inner_text() == (
        f"\u22126{NBSP}750{NBSP}000"
    )
    page.get_by_role("button", name="Spara belopp").click()
    page.wait_for_url(f"**/budget/versioner/{exempel.plan.pk}/")
    assert "sparade (2 ändrade)" in page.content()
    belopp = dict(Budgetbelopp.objects.filter(version=exempel.plan).values_list("rad", "belopp"))
    assert belopp[r.team_a.pk] == -4_500_000 and belopp[r.metod.pk] == -250_000
    assert errors == []


def test_removing_a_line_asks_first(page, client, live_server, kansli, exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Oanvänd rad")
    _login(page, client, live_server, kansli)
    page.goto(f"{live_server.url}/budget/struktur/")
    knapp = page.locator(f"#rad-{rad.pk}").get_by_role("button", name="Ta bort")

    page.once("dialog", lambda d: d.dismiss())
    knapp.click()
    assert Budgetrad.objects.filter(pk=rad.pk).exists()

    page.once("dialog", lambda d: d.accept())
    knapp.click()
    page.wait_for_selector("text=Raden Oanvänd rad är borttagen.")
    assert not Budgetrad.objects.filter(pk=rad.pk).exists()
