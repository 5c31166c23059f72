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
