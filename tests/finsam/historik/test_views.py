"""The change history page (finsam/historik/views.py): filters, pages of fifty, access."""

import io
from datetime import UTC, datetime

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


# --- the rows written in Python (issue 14) ---------------------------------------------------

#: The template loop that finsam.historik.views.rader_html replaces, kept as the reference.
RADER_MALL = (
    "  {% for a in historik %}\n"
    "    <tr>\n"
    '      <td class="text-nowrap">{{ a.tid|date:"Y-m-d H:i" }}</td>\n'
    "      <td>{{ a.anvandare }}</td>\n"
    '      <td class="text-nowrap">{{ a.typ }} {{ a.modell|lower }}</td>\n'
    "      <td>{{ a.objekt }}</td>\n"
    "      <td>{% for namn, fran, till in a.falt %}<div><strong>{{ namn }}</strong>: "
    "{{ fran }} → {{ till }}</div>{% empty %}–{% endfor %}{% if a.orsak %}"
    '<div class="text-muted">{{ a.orsak }}</div>{% endif %}</td>\n'
    "    </tr>\n"
    "  {% endfor %}\n"
)


def test_the_rows_written_in_python_are_the_template_loops_html(client_for, kansli, forbund):
    from django.template import engines
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from finsam.historik.selectors import Andring
    from finsam.historik.views import rader_html

    tz = timezone.get_current_timezone()
    historik = [
        Andring(
            tid=datetime(2025, 1, 31, 23, 30, tzinfo=UTC),  # another day in Sweden
            anvandare="Åsa <Ö> & \"co\" 'x'",
            typ="Ändrad",
            modell="Medlem <b>",
            objekt="A & B <script>",
            falt=[("Namn", "Gamla & <i>", 'Nya "n"'), ("Typ", "–", "kommun")],
            orsak="Rättat <fel>",
        ),
        Andring(
            tid=datetime(987, 7, 1, 8, 5),  # naive, and a year of three digits
            anvandare=mark_safe("<em>redan säker</em>"),
            typ=gettext_lazy("Borttagen"),
            modell="Bokslut",
            objekt="Ö",
            falt=[("Belopp", "1 & 2", "3")],
            orsak="",
        ),
        Andring(
            tid=datetime(2024, 7, 1, 8, 5, tzinfo=tz),
            anvandare="systemet",
            typ="Skapad",
            modell="Utfallsrad",
            objekt="Rad 1",
            falt=[],
            orsak="",
        ),
    ]
    mall = engines["django"].from_string(RADER_MALL)
    for rader in (historik, historik[1:], historik[2:], []):
        html = mall.render({"historik": rader})
        assert "  " + rader_html(rader) + "\n" == html
    assert "2025-02-01 00:30" in rader_html(historik)
    # And the page: its rows are the loop's.
    factories.make_medlem(forbund, namn="Kommunen <&>")
    response = _page(client_for(kansli))
    html = mall.render({"historik": response.context["historik"]})
    assert html.strip() in response.content.decode()
