"""Bemanning rows of an insats: add, edit, remove — every view, every role."""

from decimal import Decimal

import pytest
from django.urls import reverse

from insatser.models import Bemanning
from tests import factories
from tests.access import assert_requires_login, assert_status


@pytest.fixture
def fagersta(forbund):
    return factories.make_medlem(forbund, namn="Fagersta kommun", kortnamn="Fagersta")


@pytest.fixture
def rad(insats, fagersta):
    return factories.make_bemanning(
        insats,
        roll="Socialkonsulent",
        arsarbetare=Decimal("4.0"),
        finansierat_av_forbundet=Decimal("1.5"),
        arbetsgivare=fagersta,
    )


@pytest.fixture
def annan_rad(annan_insats, fagersta):
    return factories.make_bemanning(annan_insats, roll="Kurator", arbetsgivare=fagersta)


def _data(fagersta, **kw):
    data = {
        "roll": "Arbetsförmedlare",
        "arsarbetare": "0,4",
        "arbetsgivare": fagersta.pk,
        "finansierat_av_forbundet": "0",
        "anmarkning": "",
        "ordning": 2,
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


def _urls(insats, rad):
    """Every bemanning URL of `insats` / `rad`, with the method that writes."""
    return [
        reverse("insatser:bemanning-create", args=[insats.pk]),
        reverse("insatser:bemanning-edit", args=[rad.pk]),
        reverse("insatser:bemanning-delete", args=[rad.pk]),
    ]


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, insats, rad, method):
    for url in _urls(insats, rad):
        assert_requires_login(client, url, method)
    assert Bemanning.objects.filter(pk=rad.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(client_for, outsider, insats, rad, fagersta, method):
    c = client_for(outsider)
    for url in _urls(insats, rad):
        assert_status(c, url, 404, method, _data(fagersta, lock_version_loaded=0))
    rad.refresh_from_db()
    assert rad.roll == "Socialkonsulent"
    assert insats.bemanning.count() == 1


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_get_403(request, client_for, insats, rad, fagersta, role, method):
    c = client_for(request.getfixturevalue(role))
    for url in _urls(insats, rad):
        assert_status(c, url, 403, method, _data(fagersta, lock_version_loaded=0))
    rad.refresh_from_db()
    assert rad.roll == "Socialkonsulent"
    assert insats.bemanning.count() == 1


def test_styrgrupp_gets_the_same_answer_for_another_insats(
    client_for, styrgrupp, annan_insats, annan_rad
):
    c = client_for(styrgrupp)
    for url in _urls(annan_insats, annan_rad):
        assert_status(c, url, 403)
    assert_status(c, reverse("insatser:bemanning-edit", args=[999_999]), 403)


def test_unknown_row_is_404_for_kansli(client_for, kansli):
    assert_status(client_for(kansli), reverse("insatser:bemanning-edit", args=[999_999]), 404)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client_for, kansli, insats, rad, method):
    for url in _urls(insats, rad):
        assert_status(client_for(kansli), url, 405, method)


# --- happy paths ---------------------------------------------------------------------------


def test_kansli_adds_bemanning_with_swedish_decimals(client_for, kansli, insats, fagersta):
    url = reverse("insatser:bemanning-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(fagersta, finansierat_av_forbundet="0,25"))
    assert response.status_code == 302
    assert response["Location"] == reverse("insatser:detail", args=[insats.pk])
    rad = insats.bemanning.get()
    assert rad.roll == "Arbetsförmedlare"
    assert rad.arsarbetare == Decimal("0.4")
    assert rad.finansierat_av_forbundet == Decimal("0.25")
    assert rad.arbetsgivare == fagersta
    detail = client_for(kansli).get(response["Location"]).content.decode()
    assert "Arbetsförmedlare" in detail and "0,25" in detail


def test_kansli_edits_bemanning(client_for, kansli, rad, fagersta):
    url = reverse("insatser:bemanning-edit", args=[rad.pk])
    page = client_for(kansli).get(url).content.decode()
    assert 'value="4,00"' in page  # shown the Swedish way
    data = _data(fagersta, roll="Socialsekreterare", arsarbetare="4", finansierat_av_forbundet="2")
    assert client_for(kansli).post(url, data).status_code == 302
    rad.refresh_from_db()
    assert rad.roll == "Socialsekreterare"
    assert rad.finansierat_av_forbundet == Decimal("2")
    assert rad.lock_version == 1


def test_financed_more_than_whole_is_refused(client_for, kansli, insats, fagersta):
    url = reverse("insatser:bemanning-create", args=[insats.pk])
    data = _data(fagersta, arsarbetare="0,4", finansierat_av_forbundet="0,5")
    response = client_for(kansli).post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["finansierat_av_forbundet"] == [
        "Förbundet kan inte finansiera mer än hela tjänstgöringsgraden."
    ]
    assert not insats.bemanning.exists()


def test_employer_must_be_a_member_of_the_forbund(client_for, kansli, insats, fagersta):
    foreign = factories.make_medlem(factories.make_forbund(), namn="Främmande kommun")
    url = reverse("insatser:bemanning-create", args=[insats.pk])
    page = client_for(kansli).get(url).content.decode()
    assert "Fagersta" in page and "Främmande" not in page
    response = client_for(kansli).post(url, _data(fagersta, arbetsgivare=foreign.pk))
    assert response.status_code == 200
    assert "arbetsgivare" in response.context["form"].errors
    assert not insats.bemanning.exists()


def test_concurrent_bemanning_edit_keeps_first_and_typed_value(client_for, forbund, rad, fagersta):
    anna = factories.make_user(forbund, "kansli")
    bo = factories.make_user(forbund, "kansli")
    url = reverse("insatser:bemanning-edit", args=[rad.pk])
    client_for(anna).post(url, _data(fagersta, roll="Annas roll", arsarbetare="4"))
    response = client_for(bo).post(url, _data(fagersta, roll="Bos roll", arsarbetare="4"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page
    assert 'value="Bos roll"' in page
    rad.refresh_from_db()
    assert rad.roll == "Annas roll"


def test_delete_asks_first_then_removes(client_for, kansli, insats, rad):
    url = reverse("insatser:bemanning-delete", args=[rad.pk])
    c = client_for(kansli)
    page = c.get(url).content.decode()
    assert "Ta bort bemanning?" in page
    assert "Socialkonsulent, 4,0 åa, anställd av Fagersta kommun" in page
    assert Bemanning.objects.filter(pk=rad.pk).exists()
    response = c.post(url, {"lock_version_loaded": 0})
    assert response.status_code == 302
    assert not Bemanning.objects.filter(pk=rad.pk).exists()
    # The removal stays visible in the insats's history.
    detail = c.get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    assert "Borttagen bemanning" in detail


def test_delete_of_a_row_changed_meanwhile_is_refused(client_for, kansli, rad, fagersta):
    c = client_for(kansli)
    c.post(reverse("insatser:bemanning-edit", args=[rad.pk]), _data(fagersta, arsarbetare="4"))
    response = c.post(
        reverse("insatser:bemanning-delete", args=[rad.pk]), {"lock_version_loaded": 0}
    )
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert Bemanning.objects.filter(pk=rad.pk).exists()
