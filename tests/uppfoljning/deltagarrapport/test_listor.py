"""The report lists: periods, one period's overview and "Mina rapporter" searched,
filtered and sorted; what each role sees; breadcrumbs."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.uppfoljning.deltagarrapport.test_helpers import open_period, rapport_for, submitted
from uppfoljning.models import Deltagarrapport

PERIODER = reverse("uppfoljning:period-list")
MINA = reverse("uppfoljning:rapport-mina")


@pytest.fixture
def perioder(forbund, kansli, insats, annan_insats, styrgrupp):
    p25 = open_period(forbund, kansli, [insats, annan_insats], ar=2025, typ="helar")
    p26 = open_period(forbund, kansli, [insats, annan_insats], ar=2026, typ="h1")
    submitted(rapport_for(p26, insats), styrgrupp)
    return p25, p26


@pytest.fixture
def annans_period(annat_forbund):
    kansli = factories.make_user(annat_forbund, "kansli")
    return open_period(annat_forbund, kansli, [factories.make_insats(annat_forbund)], ar=2024)


def _perioder(response):
    return [str(p) for p in response.context["perioder"]]


def test_period_list_filter_and_sort(client_for, kansli, perioder, annans_period):
    p25, p26 = perioder
    c = client_for(kansli)
    response = c.get(PERIODER)
    assert _perioder(response) == [str(p26), str(p25)]
    assert _perioder(c.get(PERIODER, {"ar": 2025})) == [str(p25)]
    assert _perioder(c.get(PERIODER, {"typ": "h1"})) == [str(p26)]
    assert _perioder(c.get(PERIODER, {"ordning": "period"})) == [str(p25), str(p26)]
    assert _perioder(c.get(PERIODER, {"ordning": "-inskickade"})) == [str(p26), str(p25)]
    html = response.content.decode()
    # The year filter offers this förbund's years only.
    assert '<option value="2025">' in html and '<option value="2024">' not in html


@pytest.mark.parametrize("query", [{"ar": "abc"}, {"ar": 10**30}, {"ordning": "bogus"}])
def test_period_list_invalid_input(client_for, kansli, perioder, query):
    response = client_for(kansli).get(PERIODER, query)
    assert response.status_code == 200
    assert len(response.context["perioder"]) == 2


def test_period_overview_filter_and_sort(client_for, kansli, perioder, insats, annan_insats):
    _p25, p26 = perioder
    url = reverse("uppfoljning:period-detail", args=[p26.pk])
    c = client_for(kansli)

    def namn(query):
        return [r.rapport.insats.namn for r in c.get(url, query).context["rader"]]

    assert sorted(namn({})) == sorted([insats.namn, annan_insats.namn])
    assert namn({"status": "inskickad"}) == [insats.namn]
    assert namn({"status": "utkast"}) == [annan_insats.namn]
    assert namn({"q": annan_insats.namn}) == [annan_insats.namn]
    assert namn({"ordning": "-insats"}) == sorted([insats.namn, annan_insats.namn], reverse=True)
    assert sorted(namn({"status": "bogus"})) == sorted([insats.namn, annan_insats.namn])
    # The reminder counts every report still open, whatever the filter shows.
    assert c.get(url, {"status": "inskickad"}).context["att_paminna"] == 1


def test_mina_rapporter_a_steering_group_sees_only_its_own(
    client_for, styrgrupp, kansli, perioder, insats, annan_insats
):
    c = client_for(styrgrupp)
    rapporter = c.get(MINA).context["rapporter"]
    assert {r.insats for r in rapporter} == {insats}
    assert len(rapporter) == 2
    assert [r.status for r in c.get(MINA, {"status": "inskickad"}).context["rapporter"]] == [
        Deltagarrapport.Status.INSKICKAD
    ]
    assert [r.period.ar for r in c.get(MINA, {"ar": 2025}).context["rapporter"]] == [2025]
    assert c.get(MINA, {"q": annan_insats.namn}).context["rapporter"] == []
    assert annan_insats.namn not in c.get(MINA).content.decode()
    # kansli sees all four.
    assert len(client_for(kansli).get(MINA).context["rapporter"]) == 4


def test_report_breadcrumbs_by_role(client_for, kansli, styrgrupp, perioder, insats):
    _p25, p26 = perioder
    rapport = rapport_for(p26, insats)
    url = reverse("uppfoljning:rapport-detail", args=[rapport.pk])
    html = client_for(kansli).get(url).content.decode()
    assert f'<a href="{reverse("uppfoljning:period-detail", args=[p26.pk])}">{p26}</a>' in html
    assert f'aria-current="page">{insats.namn}</li>' in html
    html = client_for(styrgrupp).get(url).content.decode()
    assert f'<a href="{MINA}">Mina rapporter</a>' in html
    assert reverse("uppfoljning:period-list") not in html.split("<main", 1)[1]
    html = client_for(kansli).get(reverse("uppfoljning:period-create")).content.decode()
    assert 'aria-current="page">Öppna en rapportperiod</li>' in html


def test_the_query_count_of_the_overview_does_not_grow(client_for, forbund, kansli):
    insatser = [factories.make_insats(forbund) for _ in range(2)]
    period = open_period(forbund, kansli, insatser, sista_dag=date(2026, 12, 15))
    url = reverse("uppfoljning:period-detail", args=[period.pk])
    c = client_for(kansli)
    with CaptureQueriesContext(connection) as fore:
        c.get(url)
    period2 = open_period(
        forbund, kansli, insatser + [factories.make_insats(forbund) for _ in range(4)], ar=2027
    )
    url2 = reverse("uppfoljning:period-detail", args=[period2.pk])
    with CaptureQueriesContext(connection) as efter:
        c.get(url2)
    assert len(efter) == len(fore)


# --- "Mina rapporter" is paged -------------------------------------------------------------


def test_mina_rapporter_is_paged_keeping_filter_and_order(
    client_for, kansli, perioder, insats, annan_insats, monkeypatch
):
    monkeypatch.setattr("uppfoljning.deltagarrapport.views.RAPPORTER_PER_SIDA", 3)
    c = client_for(kansli)
    forsta = c.get(MINA, {"ordning": "-insats"})
    sida = forsta.context["sida"]
    assert (sida.number, sida.paginator.num_pages, sida.paginator.count) == (1, 2, 4)
    assert len(forsta.context["rapporter"]) == 3
    html = forsta.content.decode()
    assert '<nav aria-label="Sidor i listan">' in html
    assert 'href="?ordning=-insats&amp;sida=2" rel="next"' in html
    assert 'aria-current="page"><span class="page-link">Sida 1 av 2</span>' in html
    andra = c.get(MINA, {"ordning": "-insats", "sida": 2})
    assert len(andra.context["rapporter"]) == 1
    assert 'href="?ordning=-insats&amp;sida=1" rel="prev"' in andra.content.decode()
    # Every report once, in the chosen order, over the two pages.
    namn = [r.insats.namn for r in forsta.context["rapporter"] + andra.context["rapporter"]]
    assert namn == sorted([insats.namn, annan_insats.namn] * 2, reverse=True)
    # The sort links start again at page 1; a filter narrows to one page without paging.
    assert "sida=" not in andra.content.decode().split("<thead>")[1].split("</thead>")[0]
    filtrerad = c.get(MINA, {"ar": 2025, "sida": 2})
    assert [r.period.ar for r in filtrerad.context["rapporter"]] == [2025, 2025]
    assert '<nav aria-label="Sidor i listan">' not in filtrerad.content.decode()
    # A page out of range or not a number: the last page, or the first.
    assert c.get(MINA, {"sida": 99}).context["sida"].number == 2
    assert c.get(MINA, {"sida": "abc"}).context["sida"].number == 1


def test_mina_rapporter_queries_do_not_grow(client_for, forbund, kansli, monkeypatch):
    monkeypatch.setattr("uppfoljning.deltagarrapport.views.RAPPORTER_PER_SIDA", 4)
    insatser = [factories.make_insats(forbund) for _ in range(3)]
    open_period(forbund, kansli, insatser, ar=2024)
    c = client_for(kansli)
    c.get(MINA)
    with CaptureQueriesContext(connection) as fore:
        assert len(c.get(MINA).context["rapporter"]) == 3
    for ar in (2025, 2026, 2027):
        open_period(forbund, kansli, insatser + [factories.make_insats(forbund)], ar=ar)
    with CaptureQueriesContext(connection) as efter:
        response = c.get(MINA)
    assert len(response.context["rapporter"]) == 4
    assert response.context["sida"].paginator.count == 15
    assert len(efter) == len(fore)
