"""The insats list and the rekvisition list: search, filters, order, the Excel export,
what each role sees, and invalid query strings."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from insatser.models import Insats, Rekvisition
from tests import factories

LISTA = reverse("insatser:list")
XLSX = reverse("insatser:list-xlsx")
REKVISITIONER = reverse("insatser:rekvisition-list")


@pytest.fixture
def malomraden(forbund):
    return (
        factories.make_malomrade(forbund, namn="Individinsatser", ordning=1),
        factories.make_malomrade(forbund, namn="Strukturinsatser", ordning=2),
    )


@pytest.fixture
def insatser(forbund, styrgrupp, malomraden):
    """Three insatser of the förbund (the steering group in the first) and one of another."""
    ind, struktur = malomraden
    fagersta = factories.make_medlem(forbund, namn="Fagersta kommun")
    a = factories.make_insats(
        forbund, namn="Samordningsteam Fagersta", malomrade=ind, styrgrupp=[styrgrupp]
    )
    a.kommuner.set([fagersta])
    b = factories.make_insats(
        forbund,
        namn="Processtöd Norra",
        typ=Insats.Typ.PROCESSTOD,
        malomrade=struktur,
        malgrupp='=HYPERLINK("http://example.org")',
    )
    c = factories.make_insats(
        forbund, namn="Avslutat projekt", malomrade=ind, status=Insats.Status.AVSLUTAD
    )
    return a, b, c


@pytest.fixture
def annans_insats(annat_forbund):
    mo = factories.make_malomrade(annat_forbund, namn="Annat förbunds målområde")
    return factories.make_insats(annat_forbund, namn="Samordningsteam Annat", malomrade=mo)


def _namn(response):
    return [i.namn for i in response.context["insatser"]]


def test_default_list_is_one_table_of_the_not_ended_insatser_by_malomrade(
    client_for, kansli, insatser, annans_insats
):
    a, b, c = insatser
    response = client_for(kansli).get(LISTA)
    assert response.status_code == 200
    assert _namn(response) == [a.namn, b.namn]  # målområde order, the ended one left out
    html = response.content.decode()
    assert html.count("<table") == 1
    assert 'aria-sort="ascending"><a class="sorthuvud" href="?ordning=-malomrade">Målområde' in html
    assert "Individinsatser" in html
    assert annans_insats.namn not in html


def test_search_filter_and_status(client_for, kansli, insatser, malomraden):
    a, b, c = insatser
    c_ = client_for(kansli)
    assert _namn(c_.get(LISTA, {"q": "fagersta"})) == [a.namn]
    assert _namn(c_.get(LISTA, {"q": "team fagersta"})) == [a.namn]
    assert _namn(c_.get(LISTA, {"q": "team norra"})) == []
    assert _namn(c_.get(LISTA, {"typ": Insats.Typ.PROCESSTOD})) == [b.namn]
    assert _namn(c_.get(LISTA, {"malomrade": malomraden[0].pk, "status": "alla"})) == [
        c.namn,  # "Avslutat projekt": by name within the målområde
        a.namn,
    ]
    assert _namn(c_.get(LISTA, {"status": Insats.Status.AVSLUTAD})) == [c.namn]
    kommun = a.kommuner.get()
    assert _namn(c_.get(LISTA, {"kommun": kommun.pk})) == [a.namn]


def test_sorting_and_aria_sort(client_for, kansli, insatser):
    a, b, c = insatser
    c_ = client_for(kansli)
    response = c_.get(LISTA, {"status": "alla", "ordning": "namn"})
    assert _namn(response) == sorted([a.namn, b.namn, c.namn])
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html
    # The header link reverses the order and keeps the filter.
    assert "?status=alla&amp;ordning=-namn" in html
    response = c_.get(LISTA, {"status": "alla", "ordning": "-namn"})
    assert _namn(response) == sorted([a.namn, b.namn, c.namn], reverse=True)
    assert 'aria-sort="descending"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"ordning": "bogus"},
        {"ordning": "-"},
        {"malomrade": "abc"},
        {"malomrade": 10**30},
        {"kommun": "-1"},
        {"status": "okänd"},
        {"typ": "<script>"},
        {"q": "x" * 5000},
    ],
)
def test_invalid_query_strings_show_the_list(client_for, kansli, insatser, query):
    response = client_for(kansli).get(LISTA, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_an_invalid_filter_says_so_in_swedish_and_filters_nothing_else(
    client_for, kansli, insatser
):
    a, b, _c = insatser
    response = client_for(kansli).get(LISTA, {"malomrade": "abc", "q": "norra"})
    html = response.content.decode()
    assert "Välj ett giltigt alternativ" in html
    assert 'aria-invalid="true"' in html
    assert _namn(response) == [b.namn]
    response = client_for(kansli).get(LISTA, {"ordning": "bogus"})
    assert "Okänd sortering" in response.content.decode()
    assert _namn(response) == [a.namn, b.namn]


def test_the_selects_list_only_the_users_forbund(
    client_for, kansli, outsider, insatser, annans_insats
):
    html = client_for(kansli).get(LISTA).content.decode()
    assert "Individinsatser" in html and "Annat förbunds målområde" not in html
    # Another förbund's målområde as a filter value is refused, not used.
    response = client_for(kansli).get(LISTA, {"malomrade": annans_insats.malomrade_id})
    assert annans_insats.namn not in _namn(response)
    assert "Välj ett giltigt alternativ" in response.content.decode()
    # And the other förbund's kansli sees only its own.
    response = client_for(outsider).get(LISTA, {"status": "alla"})
    assert _namn(response) == [annans_insats.namn]
    assert "Individinsatser" not in response.content.decode()


def test_a_steering_group_sees_only_its_own_insats(client_for, styrgrupp, insatser):
    a, b, _c = insatser
    response = client_for(styrgrupp).get(LISTA, {"status": "alla"})
    assert _namn(response) == [a.namn]
    html = response.content.decode()
    assert b.namn not in html
    assert "Strukturinsatser" not in html  # not even as a choice of the målområde filter
    assert _namn(client_for(styrgrupp).get(LISTA, {"q": "norra", "status": "alla"})) == []


def test_the_query_count_does_not_grow_with_the_list(client_for, kansli, forbund, insatser):
    c_ = client_for(kansli)
    c_.get(LISTA)
    with CaptureQueriesContext(connection) as fore:
        c_.get(LISTA, {"status": "alla"})
    for i in range(5):
        ins = factories.make_insats(forbund, namn=f"Extra {i}")
        ins.kommuner.set([factories.make_medlem(forbund)])
    with CaptureQueriesContext(connection) as efter:
        response = c_.get(LISTA, {"status": "alla"})
    assert len(response.context["insatser"]) == 8
    assert len(efter) == len(fore)


# --- the Excel export ------------------------------------------------------------------


def _rader(response):
    ws = load_workbook(io.BytesIO(response.content)).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_excel_has_the_filtered_list_in_its_order(client_for, kansli, insatser):
    a, b, c = insatser
    response = client_for(kansli).get(XLSX, {"status": "alla", "ordning": "-namn"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws, rader = _rader(response)
    header = next(i for i, r in enumerate(rader) if r[0] == "Insats")
    assert rader[header][:4] == ["Insats", "Målområde", "Typ", "Status"]
    data = rader[header + 1 :]
    assert [r[0] for r in data] == sorted([a.namn, b.namn, c.namn], reverse=True)
    rad_a = next(r for r in data if r[0] == a.namn)
    assert rad_a[1:4] == ["Individinsatser", "Samordningsteam", "Pågående"]
    assert rad_a[7] == "Fagersta kommun"
    assert "Status: Alla" in rader[1][0]


def test_excel_never_writes_a_users_text_as_a_formula(client_for, kansli, insatser):
    _a, b, _c = insatser
    ws, rader = _rader(client_for(kansli).get(XLSX, {"q": "norra"}))
    cell = next(c for row in ws.iter_rows() for c in row if c.value == b.malgrupp)
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_excel_follows_the_filter(client_for, kansli, insatser):
    a, _b, _c = insatser
    _ws, rader = _rader(client_for(kansli).get(XLSX, {"q": "fagersta"}))
    namn = [r[0] for r in rader]
    assert a.namn in namn and "Processtöd Norra" not in namn


def test_excel_access(client_for, styrgrupp, styrelse, revisor, outsider, insatser, annans_insats):
    assert client_for(None).get(XLSX).status_code == 302
    assert client_for(styrgrupp).get(XLSX).status_code == 403
    for user in (styrelse, revisor):
        assert client_for(user).get(XLSX).status_code == 200
    # Another förbund's kansli gets its own förbund's insatser, never these.
    _ws, rader = _rader(client_for(outsider).get(XLSX, {"status": "alla"}))
    namn = {r[0] for r in rader}
    assert annans_insats.namn in namn
    assert not namn & {i.namn for i in insatser}


# --- the rekvisition list --------------------------------------------------------------


@pytest.fixture
def rekvisitioner(insatser, annans_insats):
    a, b, _c = insatser
    return [
        Rekvisition.objects.create(insats=a, datum=date(2025, 3, 1), avser_ar=2025, belopp=100),
        Rekvisition.objects.create(
            insats=a, datum=date(2024, 6, 1), avser_ar=2024, belopp=300, anteckning="Halvår"
        ),
        Rekvisition.objects.create(insats=b, datum=date(2025, 9, 1), avser_ar=2025, belopp=200),
        Rekvisition.objects.create(
            insats=annans_insats, datum=date(2025, 1, 1), avser_ar=2023, belopp=999
        ),
    ]


def _belopp(response):
    return [r.belopp for r in response.context["rekvisitioner"]]


def test_rekvisition_list_filters_sorts_and_sums(client_for, kansli, insatser, rekvisitioner):
    a, b, _c = insatser
    c_ = client_for(kansli)
    response = c_.get(REKVISITIONER)
    assert _belopp(response) == [200, 100, 300]  # newest first; never the other förbund's
    assert response.context["summa"] == 600
    assert _belopp(c_.get(REKVISITIONER, {"ordning": "belopp"})) == [100, 200, 300]
    assert _belopp(c_.get(REKVISITIONER, {"insats": a.pk})) == [100, 300]
    assert _belopp(c_.get(REKVISITIONER, {"avser_ar": 2024})) == [300]
    assert _belopp(c_.get(REKVISITIONER, {"q": "halvår"})) == [300]
    assert _belopp(c_.get(REKVISITIONER, {"fran": "2025-01-01", "till": "2025-06-30"})) == [100]
    response = c_.get(REKVISITIONER, {"q": "processtöd"})
    assert (_belopp(response), response.context["summa"]) == ([200], 200)
    # The year filter lists only this förbund's years.
    html = c_.get(REKVISITIONER).content.decode()
    assert '<option value="2024">' in html and '<option value="2023">' not in html


@pytest.mark.parametrize(
    "query",
    [{"avser_ar": "abc"}, {"fran": "2025-02-30"}, {"ordning": "bogus"}, {"sida": "999"}],
)
def test_rekvisition_list_invalid_input(client_for, kansli, rekvisitioner, query):
    response = client_for(kansli).get(REKVISITIONER, query)
    assert response.status_code == 200
    assert sorted(_belopp(response)) == [100, 200, 300]


def test_rekvisition_list_access(client_for, styrgrupp, styrelse, outsider, rekvisitioner):
    assert client_for(styrgrupp).get(REKVISITIONER).status_code == 403
    assert _belopp(client_for(styrelse).get(REKVISITIONER)) == [200, 100, 300]
    assert _belopp(client_for(outsider).get(REKVISITIONER)) == [999]
    # An insats of another förbund as a filter value: refused, nothing of it shown.
    response = client_for(outsider).get(REKVISITIONER, {"insats": rekvisitioner[0].insats_id})
    assert _belopp(response) == [999]


# --- breadcrumbs -----------------------------------------------------------------------


def test_breadcrumbs_on_the_insats_pages(client_for, kansli, insatser, malomraden):
    a, _b, _c = insatser
    c_ = client_for(kansli)
    html = c_.get(reverse("insatser:detail", args=[a.pk])).content.decode()
    assert '<nav aria-label="Brödsmulor"' in html
    assert f'<li class="breadcrumb-item active" aria-current="page">{a.namn}</li>' in html
    assert f'href="{LISTA}">Insatser</a>' in html
    html = c_.get(reverse("insatser:bemanning-create", args=[a.pk])).content.decode()
    assert f'href="{reverse("insatser:detail", args=[a.pk])}">{a.namn}</a>' in html
    assert "← " not in html
    html = c_.get(reverse("insatser:malomrade-edit", args=[malomraden[0].pk])).content.decode()
    assert f'href="{reverse("insatser:malomrade-list")}">Målområden</a>' in html
