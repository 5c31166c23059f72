"""Rekvisitioner of an insats: add, edit, remove — every view, every role."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insatser.models import Rekvisition
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import text
from tests.insatser.ekonomi.conftest import rekvisition as make_rekvisition


@pytest.fixture
def rekvisition(insats):
    return make_rekvisition(insats, date(2025, 2, 14), 2025, 412_500)


def _data(**kw):
    data = {
        "datum": "2025-05-15",
        "avser_ar": 2025,
        "belopp": "387625",
        "anteckning": "Kvartal 2",
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


def _urls(insats, rekvisition):
    return [
        reverse("insatser:rekvisition-create", args=[insats.pk]),
        reverse("insatser:rekvisition-edit", args=[rekvisition.pk]),
        reverse("insatser:rekvisition-delete", args=[rekvisition.pk]),
    ]


def _unchanged(insats, rekvisition):
    rekvisition.refresh_from_db()
    return rekvisition.belopp == 412_500 and insats.rekvisitioner.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, insats, rekvisition, method):
    for url in _urls(insats, rekvisition):
        assert_requires_login(client, url, method, _data())
    assert _unchanged(insats, rekvisition)


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(client_for, outsider, insats, rekvisition, method):
    for url in _urls(insats, rekvisition):
        assert_status(client_for(outsider), url, 404, method, _data())
    assert _unchanged(insats, rekvisition)


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_get_403(request, client_for, insats, rekvisition, role, method):
    c = client_for(request.getfixturevalue(role))
    for url in _urls(insats, rekvisition):
        assert_status(c, url, 403, method, _data())
    assert _unchanged(insats, rekvisition)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_method_is_405(client_for, kansli, insats, rekvisition, method):
    for url in _urls(insats, rekvisition):
        assert_status(client_for(kansli), url, 405, method)


def test_kansli_adds_a_rekvisition(client_for, kansli, insats):
    c = client_for(kansli)
    url = reverse("insatser:rekvisition-create", args=[insats.pk])
    assert c.get(url).status_code == 200
    response = c.post(url, _data(belopp="-12000", anteckning="Återbetalning"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("insatser:detail", args=[insats.pk]))
    r = insats.rekvisitioner.get()
    assert (r.datum, r.avser_ar, r.belopp, r.anteckning) == (
        date(2025, 5, 15),
        2025,
        -12_000,
        "Återbetalning",
    )


def test_zero_and_odd_years_are_refused(client_for, kansli, insats):
    url = reverse("insatser:rekvisition-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(belopp="0", avser_ar=1999))
    assert response.status_code == 200
    assert not insats.rekvisitioner.exists()
    assert "kan inte vara 0 kr" in text(response)


def test_kansli_edits_with_optimistic_locking(client_for, kansli, insats, rekvisition):
    c = client_for(kansli)
    url = reverse("insatser:rekvisition-edit", args=[rekvisition.pk])
    assert c.get(url).status_code == 200
    assert c.post(url, _data(belopp="400000")).status_code == 302
    rekvisition.refresh_from_db()
    assert (rekvisition.belopp, rekvisition.lock_version) == (400_000, 1)
    # A second save based on version 0 is refused and keeps what was typed.
    response = c.post(url, _data(belopp="1"))
    assert response.status_code == 200
    assert "Någon annan har sparat" in text(response)
    rekvisition.refresh_from_db()
    assert rekvisition.belopp == 400_000


def test_kansli_deletes_with_optimistic_locking(client_for, kansli, insats, rekvisition):
    c = client_for(kansli)
    url = reverse("insatser:rekvisition-delete", args=[rekvisition.pk])
    response = c.get(url)
    assert response.status_code == 200
    assert "412 500 kr" in text(response)
    Rekvisition.objects.filter(pk=rekvisition.pk).update(lock_version=5)
    response = c.post(url, {"lock_version_loaded": 0})
    assert response.status_code == 200 and insats.rekvisitioner.exists()
    assert c.post(url, {"lock_version_loaded": 5}).status_code == 302
    assert not insats.rekvisitioner.exists()


def test_styrgrupp_of_another_insats_gets_403_before_lookup(client_for, styrgrupp, annan_insats):
    r = make_rekvisition(annan_insats, date(2025, 2, 1), 2025, 1)
    for url in _urls(annan_insats, r):
        assert_status(client_for(styrgrupp), url, 403)


def test_listed_on_the_insats_page(client_for, kansli, styrgrupp, insats, rekvisition):
    make_rekvisition(insats, date(2025, 5, 15), 2025, 400_000)
    url = reverse("insatser:detail", args=[insats.pk])
    page = text(client_for(kansli).get(url))
    assert "2025-02-14" in page and "412 500 kr" in page and "Summa utbetalt 812 500 kr" in page
    assert (
        reverse("insatser:rekvisition-edit", args=[rekvisition.pk])
        in client_for(kansli).get(url).content.decode()
    )
    # The styrgrupp user reads the list of its own insats, without edit links.
    response = client_for(styrgrupp).get(url)
    assert response.status_code == 200
    assert "812 500 kr" in text(response)
    assert reverse("insatser:rekvisition-edit", args=[rekvisition.pk]) not in (
        response.content.decode()
    )


def test_other_forbund_rekvisition_is_404_for_kansli(client_for, kansli, annat_forbund):
    other = factories.make_insats(annat_forbund)
    r = make_rekvisition(other, date(2025, 2, 1), 2025, 1)
    assert_status(client_for(kansli), reverse("insatser:rekvisition-edit", args=[r.pk]), 404)
    assert_status(client_for(kansli), reverse("insatser:rekvisition-create", args=[other.pk]), 404)


def test_new_payment_defaults_to_this_year_and_explains_january(client_for, kansli, insats):
    page = client_for(kansli).get(reverse("insatser:rekvisition-create", args=[insats.pk]))
    html = page.content.decode()
    assert f'name="avser_ar" value="{timezone.localdate().year}"' in html
    assert "En utbetalning i januari för förra årets sista månad avser förra året" in html


def test_a_january_payment_for_last_year_is_stored_for_last_year(client_for, kansli, insats):
    url = reverse("insatser:rekvisition-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(datum="2026-01-20", avser_ar=2025))
    assert response.status_code == 302
    r = insats.rekvisitioner.get()
    assert (r.datum, r.avser_ar) == (date(2026, 1, 20), 2025)
    lista = text(client_for(kansli).get(reverse("insatser:rekvisition-list")))
    assert "2026-01-20" in lista and "2025" in lista


def test_editing_keeps_the_stored_year(client_for, kansli, insats):
    r = make_rekvisition(insats, date(2025, 1, 10), 2024, 100_000)
    page = client_for(kansli).get(reverse("insatser:rekvisition-edit", args=[r.pk]))
    assert 'name="avser_ar" value="2024"' in page.content.decode()


def test_list_year_filter_reads_one_row_per_year(client_for, kansli, insats):
    """The year filter's choices come from one DISTINCT query over the years, not over
    every payment (the default ordering's columns in a DISTINCT made it read them all)."""
    for dag in range(1, 7):
        make_rekvisition(insats, date(2025, 3, dag), 2025 if dag % 2 else 2024, 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(kansli).get(reverse("insatser:rekvisition-list"))
    assert response.status_code == 200
    ar = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT DISTINCT "insatser_rekvisition"."avser_ar"')
    ]
    assert len(ar) == 1, ar
    with connection.cursor() as cursor:
        cursor.execute(ar[0])
        assert len(cursor.fetchall()) == 2
    assert '<option value="2024">2024</option>' in response.content.decode()
