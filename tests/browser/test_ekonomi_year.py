"""A kansli user's autumn in real headless Chromium: open a delår period, enter utfall in the
grid, read the delår table, then round-trip the period through the Excel template: download,
fill in a prognos, upload, preview and apply."""

import pytest
from openpyxl import load_workbook

from budget.models import Budgetrad, Utfallsperiod, Utfallsrad

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"
MINUS = "\u2212"


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("finsam-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_selector("text=Rapporter att granska")


def test_kansli_enters_delar_utfall_and_imports_a_prognos(demo, page, live_server, tmp_path):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    _login(page, live_server, "kansli")

    # Ekonomi → Utfall och prognos → Ny utfallsperiod.
    page.get_by_role("button", name="Ekonomi").click()
    page.get_by_role("link", name="Utfall och prognos").click()
    page.get_by_role("link", name="Ny utfallsperiod").click()
    page.get_by_label("Per").fill("2026-08-31")
    page.get_by_role("button", name="Skapa utfallsperiod").click()

    # The grid: Styrelse's utfall so far.
    period = Utfallsperiod.objects.get(forbund__slug="vastmanland", per="2026-08-31")
    styrelse = Budgetrad.objects.get(forbund__slug="vastmanland", namn="Styrelse")
    page.wait_for_url(f"**/budget/utfall/{period.pk}/andra/")
    page.get_by_role("row", name="Styrelse").locator("input").first.fill("-400 000")
    page.get_by_role("button", name="Spara utfall").click()
    page.wait_for_url(f"**/budget/utfall/{period.pk}/")
    assert f"{MINUS}400{NBSP}000" in page.locator("tr", has_text="Styrelse").first.inner_text()
    assert Utfallsrad.objects.get(period=period, rad=styrelse).netto == -400_000

    # Import: download the period's template, fill in a prognos, upload, preview, apply.
    page.goto(f"{live_server.url}/budget/import/")
    with page.expect_download() as info:
        page.get_by_role("link", name="2026-08-31").click()
    path = tmp_path / "mall.xlsx"
    info.value.save_as(path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows() if r[0].value == "Rad-id")
    kolumn = {c.value: c.column for c in header}
    rad = next(r for r in ws.iter_rows() if r[0].value == styrelse.pk)
    prognos = next(c for name, c in kolumn.items() if name and name.startswith("Prognos"))
    ws.cell(row=rad[0].row, column=prognos, value=-650_000)
    wb.save(path)

    page.get_by_label("Excelfil (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Granska ändringarna").click()
    page.wait_for_selector("text=Tillämpa")
    assert "Styrelse" in page.content()
    page.get_by_role("button", name="Tillämpa").click()
    page.wait_for_load_state()
    assert Utfallsrad.objects.get(period=period, rad=styrelse).prognos == -650_000
    # What was there before the import is untouched.
    assert Utfallsrad.objects.get(period=period, rad=styrelse).netto == -400_000
    assert errors == []
