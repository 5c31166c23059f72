"""The Uppföljning Finsam page and Excel file: who may read them, kronor as numbers, text
never a formula, small counts protected for readers."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from openpyxl import load_workbook

from budget.models import Medelstilldelning
from finsam.excel import FORMAT
from finsam.models import User
from insatser.models import Insats

AR = 2025


@pytest.fixture
def logga_in(client, demo):
    def _as(username):
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        return client

    return _as


def _url(ar=AR):
    return reverse("finsam:nationell", args=[ar])


def _xlsx(ar=AR):
    return reverse("finsam:nationell-xlsx", args=[ar])


@pytest.mark.parametrize(
    ("username", "status"),
    [("kansli", 200), ("styrelse", 200), ("revisor", 200), ("styrgrupp-vasteras", 403)],
)
def test_who_may_read(logga_in, username, status):
    assert logga_in(username).get(_url()).status_code == status
    assert logga_in(username).get(_xlsx()).status_code == status


def test_anonymous_is_sent_to_login(logga_in):
    response = logga_in(None).get(_url())
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_another_forbund_sees_its_own_sheet_only(logga_in, demo):
    response = logga_in("kansli-exempel").get(_url())
    assert response.status_code == 200
    assert b"Samordningsteam V\xc3\xa4ster\xc3\xa5s" not in response.content
    total = Medelstilldelning.objects.get(forbund=demo, ar=AR).total
    assert f"{total:,}".replace(",", "\u00a0").encode() not in response.content


def test_years_outside_the_bounds_are_404(logga_in):
    c = logga_in("kansli")
    assert c.get(_url(1999)).status_code == 404
    assert c.get(_url(2101)).status_code == 404
    assert c.get(_url(2100)).status_code == 200


def test_index_goes_to_the_latest_full_year(logga_in):
    response = logga_in("styrelse").get(reverse("finsam:nationell-index"))
    assert response.status_code == 302
    assert response["Location"] == _url(2025)
    assert logga_in("styrgrupp-vasteras").get(reverse("finsam:nationell-index")).status_code == 403


def test_the_page_shows_the_fields_and_the_differences(logga_in, demo):
    html = logga_in("kansli").get(_url()).content.decode()
    assert "Tilldelade medel (kr)" in html
    assert "Teamsamverkan Västra Mälardalen (strukturövergripande del)" in html
    assert "Avviker: Deltagare per kön" in html
    assert "Utanför bladet" in html
    assert reverse("uppfoljning:nationell-deltagare", args=[AR]) in html
    assert 'style="' not in html
    # Styrelse sees the protected figures and no link to edit.
    html = logga_in("styrelse").get(_url()).content.decode()
    assert "&lt;3" in html
    assert reverse("uppfoljning:nationell-deltagare", args=[AR]) not in html


def _rader(ws):
    return list(ws.iter_rows(values_only=False))


def _wb(response):
    return load_workbook(io.BytesIO(response.content))


def test_excel_holds_kronor_as_numbers(logga_in, demo):
    response = logga_in("kansli").get(_xlsx())
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-finsam-2025.xlsx"'
    wb = _wb(response)
    assert wb.sheetnames == ["Förbundet 2025", "Insatser 2025", "Kontroller 2025"]
    assert all(len(n) <= 31 for n in wb.sheetnames)
    ws = wb["Förbundet 2025"]
    rad = next(r for r in _rader(ws) if r[0].value == "1.1")
    total = Medelstilldelning.objects.get(forbund=demo, ar=AR).total
    assert rad[2].value == total and isinstance(rad[2].value, int)
    assert rad[2].number_format == FORMAT["belopp"] == "#,##0;-#,##0;0"
    ws = wb["Insatser 2025"]
    huvud = [c.value for c in next(r for r in _rader(ws) if r[0].value == "Nr")]
    vasteras = next(r for r in _rader(ws) if r[1].value == "Samordningsteam Västerås")
    varden = dict(zip(huvud, (c.value for c in vasteras), strict=True))
    assert isinstance(varden["Budget (kr)"], int) and varden["Budget (kr)"] == 6_100_000
    assert varden["Deltagare: kvinnor"] == 50
    assert varden["Deltagare: annat eller ej angivet"] == 2  # exact for the kansli
    assert varden["Deltagare totalt"] == 95


def test_excel_for_readers_protects_small_counts(logga_in):
    wb = _wb(logga_in("revisor").get(_xlsx()))
    ws = wb["Insatser 2025"]
    huvud = [c.value for c in next(r for r in _rader(ws) if r[0].value == "Nr")]
    fns = next(r for r in _rader(ws) if r[1].value == "Samordningsteam FNS")
    varden = dict(zip(huvud, (c.value for c in fns), strict=True))
    assert varden["Deltagare: annat eller ej angivet"] == "<3"


def test_excel_text_is_never_a_formula(logga_in, demo):
    Insats.objects.filter(forbund=demo, slug="st-sala").update(namn="=HYPERLINK(1)")
    wb = _wb(logga_in("kansli").get(_xlsx()))
    cell = next(r[1] for r in _rader(wb["Insatser 2025"]) if r[1].value == "=HYPERLINK(1)")
    assert cell.data_type == "s"
    assert cell.quotePrefix
