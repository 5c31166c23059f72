"""The insatser pages that only read keep their content per data token
(finsam.views_base.sidinnehall): shown again from what was kept, in fewer queries, the
same HTML; gone at the next write, per user, per query string and per day."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from finsam import dataversion
from insatser.models import Insats, Rekvisition
from tests import factories as f
from tests.insatser.ekonomi.conftest import make_uppfoljningsdata


def _sida(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    # The logout form's CSRF token is masked anew on every response (the frame, not kept).
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return html, len(ctx)


@pytest.fixture
def sidor(forbund):
    data = make_uppfoljningsdata(forbund)
    insats = data.a
    return [
        reverse("insatser:list"),
        reverse("insatser:list") + "?status=alla&q=insats&ordning=-agare",
        reverse("insatser:list") + "?malomrade=abc&ordning=bogus",
        reverse("insatser:detail", args=[insats.pk]),
        reverse("insatser:detail", args=[insats.pk]) + "?per=2025-06-30",
        reverse("insatser:detail", args=[insats.pk]) + "?per=2025-02-30",
        reverse("insatser:rekvisition-list"),
        reverse("insatser:rekvisition-list") + f"?insats={insats.pk}&ordning=-belopp",
        reverse("insatser:rekvisition-list") + "?avser_ar=abc&fran=2025-02-30",
        reverse("insatser:ekonomi"),
        reverse("insatser:ekonomi") + "?per=2025-08-31",
        reverse("insatser:ekonomi") + "?per=2025-02-30",
    ]


def test_kept_content_is_the_same_page_in_fewer_queries(client_for, kansli, sidor):
    """Each page shown again: byte for byte the page first rendered (also the error
    summary of a refused ?per=, which the frame lists from the kept content), in the
    session, user, förbund, (the insats,) and token queries alone."""
    c = client_for(kansli)
    for url in sidor:
        forsta, kall = _sida(c, url)
        igen, varm = _sida(c, url)
        assert igen == forsta, url
        assert varm <= 5 < kall, (url, varm, kall)
        if "per=2025-02-30" in url:
            assert 'id="felsammanfattning"' in igen, url


def test_a_write_shows_at_once(client_for, kansli, forbund, sidor):
    """After any write the pages are rendered again from the data."""
    c = client_for(kansli)
    for url in sidor:
        c.get(url)
    insats = Insats.objects.get(pk=int(sidor[3].split("/")[-2]))
    Insats.objects.filter(pk=insats.pk).update(namn="Nytt namn på insatsen")
    Rekvisition.objects.create(
        insats=insats, datum=date(2025, 5, 5), avser_ar=2025, belopp=4321, anteckning="Ny rad"
    )
    for url in (sidor[0], sidor[3], sidor[6], sidor[10]):
        assert "Nytt namn på insatsen" in _sida(c, url)[0], url
    assert "Ny rad" in _sida(c, sidor[6])[0]
    assert "4\u00a0321\u00a0kr" in _sida(c, sidor[3])[0]


def test_kept_per_user(client_for, kansli, revisor, styrgrupp, forbund):
    """What kansli was shown (edit links) is not what a reader or a steering group
    member is shown, with no write in between."""
    insats = f.make_insats(forbund, styrgrupp=[styrgrupp])
    f.make_beslut(insats)
    url = reverse("insatser:detail", args=[insats.pk])
    andra = reverse("insatser:edit", args=[insats.pk])
    assert andra in _sida(client_for(kansli), url)[0]
    token = dataversion.aktuell()
    assert andra not in _sida(client_for(revisor), url)[0]
    assert andra not in _sida(client_for(styrgrupp), url)[0]
    lista = reverse("insatser:list")
    assert reverse("insatser:create") in _sida(client_for(kansli), lista)[0]
    assert reverse("insatser:create") not in _sida(client_for(revisor), lista)[0]
    assert dataversion.aktuell() == token  # nothing was written: the key told them apart


def test_kept_per_day(client_for, kansli, forbund, monkeypatch):
    """The follow-up's default date follows today: a new day renders the page again."""
    make_uppfoljningsdata(forbund)
    c = client_for(kansli)
    url = reverse("insatser:ekonomi")
    idag = date(2025, 9, 10)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: idag)
    assert "per 2025-08-31" in _sida(c, url)[0]
    idag = date(2025, 10, 2)
    assert "per 2025-09-30" in _sida(c, url)[0]
