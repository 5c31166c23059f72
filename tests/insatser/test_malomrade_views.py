"""Målområden: list, create, edit — every view, every role."""

import pytest
from django.urls import reverse

from insatser.models import Malomrade
from tests import factories
from tests.access import assert_requires_login, assert_status


@pytest.fixture
def malomrade(forbund):
    return factories.make_malomrade(forbund, namn="Individinsatser", ordning=1)


def _url(name, malomrade=None):
    return reverse(f"insatser:{name}", args=[malomrade.pk] if malomrade else [])


def _data(**kw):
    data = {
        "namn": "Metoder och arbetssätt",
        "beskrivning": "Utveckling av metoder.",
        "ordning": 2,
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["malomrade-list", "malomrade-create"])
def test_anonymous_is_sent_to_login(client, db, name):
    assert_requires_login(client, _url(name))


def test_anonymous_is_sent_to_login_for_edit(client, malomrade):
    assert_requires_login(client, _url("malomrade-edit", malomrade), "post", _data())
    malomrade.refresh_from_db()
    assert malomrade.namn == "Individinsatser"


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404_for_edit(client_for, outsider, malomrade, method):
    assert_status(client_for(outsider), _url("malomrade-edit", malomrade), 404, method, _data())
    malomrade.refresh_from_db()
    assert malomrade.namn == "Individinsatser"


def test_outsider_list_shows_only_own(client_for, outsider, malomrade):
    factories.make_malomrade(outsider.forbund, namn="Eget målområde")
    page = client_for(outsider).get(_url("malomrade-list")).content.decode()
    assert "Eget målområde" in page and "Individinsatser" not in page


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_see_the_list(request, client_for, malomrade, role):
    factories.make_insats(malomrade.forbund, malomrade=malomrade)
    page = client_for(request.getfixturevalue(role)).get(_url("malomrade-list"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Individinsatser" in content
    assert '<td class="num">1</td>' in content  # one insats
    assert _url("malomrade-edit", malomrade) not in content


def test_styrgrupp_gets_403_for_the_list(client_for, styrgrupp, malomrade):
    assert_status(client_for(styrgrupp), _url("malomrade-list"), 403)


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_cannot_write(empty_db, request, client_for, malomrade, role, method):
    c = client_for(request.getfixturevalue(role))
    assert_status(c, _url("malomrade-create"), 403, method, _data())
    assert_status(c, _url("malomrade-edit", malomrade), 403, method, _data())
    assert list(Malomrade.objects.values_list("namn", flat=True)) == ["Individinsatser"]


def test_list_refuses_post(client_for, kansli):
    assert_status(client_for(kansli), _url("malomrade-list"), 405, "post")


@pytest.mark.parametrize("method", ["put", "delete"])
def test_write_views_refuse_other_methods(client_for, kansli, malomrade, method):
    assert_status(client_for(kansli), _url("malomrade-create"), 405, method)
    assert_status(client_for(kansli), _url("malomrade-edit", malomrade), 405, method)


# --- happy paths ---------------------------------------------------------------------------


def test_kansli_creates_malomrade(client_for, kansli, forbund):
    response = client_for(kansli).post(_url("malomrade-create"), _data())
    assert response.status_code == 302
    assert response["Location"] == _url("malomrade-list")
    m = Malomrade.objects.get(forbund=forbund)
    assert (m.namn, m.ordning) == ("Metoder och arbetssätt", 2)
    page = client_for(kansli).get(_url("malomrade-list")).content.decode()
    assert "Utveckling av metoder." in page
    assert _url("malomrade-edit", m) in page


def test_kansli_edits_malomrade(client_for, kansli, malomrade):
    url = _url("malomrade-edit", malomrade)
    assert 'value="Individinsatser"' in client_for(kansli).get(url).content.decode()
    assert client_for(kansli).post(url, _data(namn="Individinsatser och team")).status_code == 302
    malomrade.refresh_from_db()
    assert malomrade.namn == "Individinsatser och team"
    assert malomrade.lock_version == 1


def test_duplicate_name_is_refused(client_for, kansli, malomrade, outsider):
    factories.make_malomrade(outsider.forbund, namn="Metoder och arbetssätt")
    c = client_for(kansli)
    response = c.post(_url("malomrade-create"), _data(namn="individinsatser"))
    assert response.status_code == 200
    assert response.context["form"].errors["namn"] == [
        "Förbundet har redan ett målområde med det namnet."
    ]
    # Another förbund's name is no obstacle.
    assert c.post(_url("malomrade-create"), _data()).status_code == 302


def test_concurrent_edit_keeps_first_and_typed_value(client_for, forbund, malomrade):
    anna = factories.make_user(forbund, "kansli")
    bo = factories.make_user(forbund, "kansli")
    url = _url("malomrade-edit", malomrade)
    assert client_for(anna).post(url, _data(namn="Annas namn")).status_code == 302
    response = client_for(bo).post(url, _data(namn="Bos namn"))
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert 'value="Bos namn"' in response.content.decode()
    malomrade.refresh_from_db()
    assert malomrade.namn == "Annas namn"
