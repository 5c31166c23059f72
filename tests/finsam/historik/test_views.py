"""The change history page (finsam/historik/views.py): filters, pages of fifty, access."""

import io
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from finsam.models import Medlem
from insatser.models import Insats
from tests import factories

URL = reverse("finsam:historik")
XLSX = reverse("finsam:historik-xlsx")


def _page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


# --- filters and pages ----------------------------------------------------------------------


def _set_date(model, obj, when):
    model.history.filter(id=obj.pk).update(history_date=when)


def test_filters_by_date_user_and_kind(client_for, kansli, revisor, forbund):
    tz = timezone.get_current_timezone()
    gammal = factories.make_medlem(forbund, namn="Gamla kommunen")
    _set_date(Medlem, gammal, datetime(2024, 3, 1, 12, tzinfo=tz))
    ny = Medlem(forbund=forbund, namn="Nya kommunen", typ="kommun")
    ny._history_user = kansli
    ny.save()
    _set_date(Medlem, ny, datetime(2025, 6, 30, 23, 30, tzinfo=tz))
    insats = factories.make_insats(forbund, namn="Insatsen")
    _set_date(Insats, insats, datetime(2025, 6, 1, tzinfo=tz))

    c = client_for(revisor)
    page = _page(c, fran="2025-01-01", till="2025-06-30").content.decode()
    assert "Nya kommunen" in page and "Insatsen" in page and "Gamla kommunen" not in page

    page = _page(c, anvandare=kansli.pk).content.decode()
    assert "Nya kommunen" in page and "Gamla kommunen" not in page and "Insatsen" not in page

    page = _page(c, typ="finsam.Medlem").content.decode()
    assert "Nya kommunen" in page and "Gamla kommunen" in page and "Insatsen" not in page

    page = _page(c, fran="2025-07-01", till="2025-06-01")
    assert "Slutdatumet ligger före startdatumet." in page.content.decode()

    # The export carries the same filter.
    ws = load_workbook(io.BytesIO(c.get(XLSX, {"typ": "insatser.Insats"}).content)).active
    poster = {row[4] for row in ws.iter_rows(min_row=5, values_only=True)}
    assert "Insatsen" in poster and "Nya kommunen" not in poster


def test_filter_fields_have_labels_and_the_table_scoped_headers(client_for, revisor):
    page = _page(client_for(revisor)).content.decode()
    for name, label in [
        ("fran", "Från och med"),
        ("till", "Till och med"),
        ("anvandare", "Användare"),
        ("typ", "Typ av uppgift"),
    ]:
        assert f'<label class="form-label" for="id_{name}">{label}</label>' in page
    assert "Utfallsrad" in page  # a kind the old page did not know


def test_pages_of_fifty_with_swedish_labels(client_for, revisor, forbund):
    for i in range(59):  # + the förbund's own creation = 60 rows
        factories.make_medlem(forbund, namn=f"Kommun {i:02d}")
    c = client_for(revisor)
    first = _page(c).content.decode()
    assert "60 ändringar, sida 1 av 2" in first
    assert "Nästa" in first and "Föregående" in first
    assert first.count("Skapad medlem") == 50
    second = _page(c, sida=2).content.decode()
    assert second.count("<tr>") - 1 == 10  # the header row
    assert "Kommun 00" in second  # the oldest last
    # The filter stays in the page links.
    filtered = _page(c, typ="finsam.Medlem").content.decode()
    assert "typ=finsam.Medlem&amp;sida=2" in filtered


# --- kind of change and order (issue 12: lists you can work with) -----------------------------


def _poster(response):
    return [a.objekt for a in response.context["historik"]]


def test_filters_by_kind_of_change_and_sorts_oldest_first(client_for, revisor, forbund):
    tz = timezone.get_current_timezone()
    forst = factories.make_medlem(forbund, namn="Första kommunen")
    _set_date(Medlem, forst, datetime(2024, 1, 1, tzinfo=tz))
    sedan = factories.make_medlem(forbund, namn="Andra kommunen")
    _set_date(Medlem, sedan, datetime(2024, 2, 1, tzinfo=tz))
    sedan.namn = "Andra kommunen, nytt namn"
    sedan.save()
    c = client_for(revisor)
    assert _poster(_page(c, typ="finsam.Medlem")) == [
        "Andra kommunen, nytt namn",
        "Andra kommunen",
        "Första kommunen",
    ]
    response = _page(c, typ="finsam.Medlem", ordning="tid")
    assert _poster(response) == ["Första kommunen", "Andra kommunen", "Andra kommunen, nytt namn"]
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html
    assert '<input type="hidden" name="ordning" value="tid">' in html
    assert _poster(_page(c, typ="finsam.Medlem", handelse="~")) == ["Andra kommunen, nytt namn"]
    assert len(_poster(_page(c, typ="finsam.Medlem", handelse="+"))) == 2
    # The export follows the order and the kind.
    ws = load_workbook(
        io.BytesIO(c.get(XLSX, {"typ": "finsam.Medlem", "handelse": "+", "ordning": "tid"}).content)
    ).active
    poster = [row[4] for row in ws.iter_rows(min_row=5, values_only=True)]
    assert poster[0] == "Första kommunen" and "Andra kommunen, nytt namn" not in poster


def test_invalid_kind_and_order_show_the_whole_list(client_for, revisor, forbund):
    factories.make_medlem(forbund, namn="Kommunen")
    c = client_for(revisor)
    alla = _poster(_page(c))
    response = _page(c, handelse="x", ordning="bogus")
    assert _poster(response) == alla
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert _poster(_page(c, ordning="-tid")) == alla
