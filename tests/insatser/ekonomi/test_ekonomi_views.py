"""The förbund-wide follow-up, its Excel download, and the figures on an insats's page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text
from tests.insatser.ekonomi.test_selectors import _many

OVERVIEW = reverse("insatser:ekonomi")
XLSX = reverse("insatser:ekonomi-xlsx")


@pytest.mark.parametrize("url", [OVERVIEW, XLSX])
def test_access(client, client_for, kansli, styrelse, revisor, styrgrupp, outsider, url, data):
    assert_requires_login(client, url)
    for user in (kansli, styrelse, revisor):
        assert_status(client_for(user), url, 200)
    assert_status(client_for(styrgrupp), url, 403)
    assert_status(client_for(outsider), url + "?per=2025-08-31", 200)  # own förbund only
    assert "Insats A" not in text(client_for(outsider).get(OVERVIEW + "?per=2025-08-31"))
    assert_status(client_for(kansli), url, 405, "post")


def test_overview_figures(client_for, styrelse, data):
    response = client_for(styrelse).get(OVERVIEW, {"per": "2025-08-31"})
    assert row(response, "Insats A")[1:] == [
        "3 000 000",
        "1 200 000",
        "800 000",
        "1 700 000",
        "700 000",
        "1 600 000",
        "58,3 %",
        "53,3 %",
        "100 000",
        "100 000",
        "500 000",
    ]
    assert row(response, "Insats B")[7:9] == ["–", "–"]
    assert row(response, "Insats C")[-1] == "0"
    assert row(response, "Summa")[1:3] == ["3 100 000", "1 300 000"]
    assert "Utan beslut" not in text(response)


def test_malformed_date_falls_back_to_year_end(client_for, kansli, data):
    response = client_for(kansli).get(OVERVIEW, {"per": "2025-13-45"})
    assert response.status_code == 200
    assert response.context["uppfoljning"].per.month == 12


@pytest.mark.parametrize("n", [5, 50])
def test_overview_queries_do_not_grow(client_for, kansli, django_assert_num_queries, n, forbund):
    _many(forbund, n)
    c = client_for(kansli)
    c.get(OVERVIEW)  # warm the session
    # session, user, förbund; the data token (another date: nothing kept, see
    # finsam.views_base.sidinnehall); insatser, beslut, versions, budget amounts, rekvisitioner
    with django_assert_num_queries(9):
        assert c.get(OVERVIEW, {"per": "2025-08-31"}).status_code == 200


def test_xlsx_download(client_for, revisor, data):
    response = client_for(revisor).get(XLSX, {"per": "2025-08-31"})
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="insatsuppfoljning-2025-08-31.xlsx"'
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A5"].value == "Insats A"
    assert ws["C5"].value == 3_000_000


def test_insats_page_shows_its_figures(client_for, styrgrupp, kansli, data):
    url = reverse("insatser:detail", args=[data.a.pk])
    page = text(client_for(styrgrupp).get(url, {"per": "2025-08-31"}))
    assert "Ekonomisk uppföljning per 2025-08-31" in page
    assert "Förväntat utbetalt 2025 (8/12) 800 000 kr" in page
    assert "Förbrukning av beslutade medel 53,3 %" in page
    assert "Återstår av budget 2025 500 000 kr" in page
    # styrgrupp: no link to the förbund-wide overview; kansli: one.
    assert OVERVIEW not in client_for(styrgrupp).get(url).content.decode()
    assert OVERVIEW in client_for(kansli).get(url).content.decode()


def test_styrgrupp_cannot_see_another_insats_follow_up(client_for, styrgrupp, data):
    assert_status(client_for(styrgrupp), reverse("insatser:detail", args=[data.c.pk]), 404)


def test_insats_without_decision_says_so(client_for, kansli, data):
    url = reverse("insatser:detail", args=[data.utan.pk])
    assert "har inget beslut som gäller 2025" in text(
        client_for(kansli).get(url, {"per": "2025-08-31"})
    )
