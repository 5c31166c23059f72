"""Board decisions on an insats: add, edit, remove — every view, every role."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from insatser.models import Beslut
from tests import factories
from tests.access import assert_requires_login, assert_status

NBSP = "\u00a0"


@pytest.fixture
def beslut(insats):
    return factories.make_beslut(insats, paragraf="§ 58", belopp=1_650_000)


@pytest.fixture
def annat_beslut(annan_insats):
    return factories.make_beslut(annan_insats)


def _data(**kw):
    data = {
        "datum": "2023-11-16",
        "paragraf": "§ 12",
        "belopp_2024": 1_700_000,
        "belopp_2025": 1_550_500,
        "belopp_2026": 1_550_500,
        "belopp_2027": 1_550_500,
        "forsta_ar": 2024,
        "sista_ar": 2027,
        "anteckning": "Fyraårigt projekt",
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


def _urls(insats, beslut):
    return [
        reverse("insatser:beslut-create", args=[insats.pk]),
        reverse("insatser:beslut-edit", args=[beslut.pk]),
        reverse("insatser:beslut-delete", args=[beslut.pk]),
    ]


def _unchanged(insats, beslut):
    beslut.refresh_from_db()
    return beslut.paragraf == "§ 58" and insats.beslut.count() == 1


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, insats, beslut, method):
    for url in _urls(insats, beslut):
        assert_requires_login(client, url, method, _data())
    assert _unchanged(insats, beslut)


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(client_for, outsider, insats, beslut, method):
    for url in _urls(insats, beslut):
        assert_status(client_for(outsider), url, 404, method, _data())
    assert _unchanged(insats, beslut)


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_get_403(request, client_for, insats, beslut, role, method):
    c = client_for(request.getfixturevalue(role))
    for url in _urls(insats, beslut):
        assert_status(c, url, 403, method, _data())
    assert _unchanged(insats, beslut)


def test_styrgrupp_gets_the_same_answer_for_another_insats(
    client_for, styrgrupp, annan_insats, annat_beslut
):
    c = client_for(styrgrupp)
    for url in _urls(annan_insats, annat_beslut):
        assert_status(c, url, 403)
    assert_status(c, reverse("insatser:beslut-delete", args=[999_999]), 403)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client_for, kansli, insats, beslut, method):
    for url in _urls(insats, beslut):
        assert_status(client_for(kansli), url, 405, method)


# --- happy paths ---------------------------------------------------------------------------


def test_a_new_decision_offers_this_years_amount_field(client_for, kansli, insats):
    ar = timezone.localdate().year
    page = client_for(kansli).get(reverse("insatser:beslut-create", args=[insats.pk]))
    html = page.content.decode()
    assert f'name="forsta_ar" value="{ar}"' in html
    assert f'name="belopp_{ar}"' in html
    assert f"Beviljat belopp för {ar} (kr)" in html


def test_kansli_adds_beslut(client_for, kansli, insats):
    c = client_for(kansli)
    assert (
        'type="date"' in c.get(reverse("insatser:beslut-create", args=[insats.pk])).content.decode()
    )
    response = c.post(reverse("insatser:beslut-create", args=[insats.pk]), _data())
    assert response.status_code == 302
    beslut = insats.beslut.get()
    assert beslut.datum == date(2023, 11, 16)
    assert (beslut.belopp, beslut.forsta_ar, beslut.sista_ar) == (6_351_500, 2024, 2027)
    assert beslut.belopp_per_ar == {
        2024: 1_700_000,
        2025: 1_550_500,
        2026: 1_550_500,
        2027: 1_550_500,
    }
    detail = c.get(response["Location"]).content.decode()
    assert f"6{NBSP}351{NBSP}500{NBSP}kr" in detail
    assert "2024–2027" in detail
    assert "Fyraårigt projekt" in detail


def test_kansli_edits_beslut(client_for, kansli, beslut):
    url = reverse("insatser:beslut-edit", args=[beslut.pk])
    assert 'value="2024-11-22"' in client_for(kansli).get(url).content.decode()
    page = client_for(kansli).get(url).content.decode()
    assert 'name="belopp_2025" value="1650000"' in page
    assert "belopp_2024" not in page
    data = _data(paragraf="§ 59", forsta_ar=2025, sista_ar=2025, belopp_2025=1_700_000)
    response = client_for(kansli).post(url, data)
    assert response.status_code == 302
    beslut = Beslut.objects.get(pk=beslut.pk)
    assert (beslut.paragraf, beslut.belopp, beslut.lock_version) == ("§ 59", 1_700_000, 1)
    assert beslut.belopp_per_ar == {2025: 1_700_000}


def test_edit_to_more_years_asks_for_each_year_and_keeps_what_was_typed(client_for, kansli, beslut):
    url = reverse("insatser:beslut-edit", args=[beslut.pk])
    data = _data(paragraf="§ 59", forsta_ar=2025, sista_ar=2026, belopp_2025=1_200_000)
    del data["belopp_2026"]
    response = client_for(kansli).post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["belopp_2026"] == ["Ange beloppet för 2026 (0 om inget)."]
    page = response.content.decode()
    assert 'name="belopp_2025" value="1200000"' in page
    assert 'value="§ 59"' in page
    assert "Beviljat belopp för 2026 (kr)" in page
    data["belopp_2026"] = 1_200_000
    assert client_for(kansli).post(url, data).status_code == 302
    beslut = Beslut.objects.get(pk=beslut.pk)
    assert beslut.belopp_per_ar == {2025: 1_200_000, 2026: 1_200_000}
    assert beslut.belopp == 2_400_000


def test_edit_to_fewer_years_removes_the_years_left_out(client_for, kansli, insats):
    beslut = factories.make_beslut(insats, belopp=3_000_000, forsta_ar=2025, sista_ar=2027)
    url = reverse("insatser:beslut-edit", args=[beslut.pk])
    data = _data(forsta_ar=2026, sista_ar=2027, belopp_2026=900_000, belopp_2027=800_000)
    assert client_for(kansli).post(url, data).status_code == 302
    beslut = Beslut.objects.get(pk=beslut.pk)
    assert beslut.belopp_per_ar == {2026: 900_000, 2027: 800_000}
    assert beslut.belopp == 1_700_000


def test_more_than_ten_years_is_refused(client_for, kansli, insats):
    url = reverse("insatser:beslut-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(forsta_ar=2024, sista_ar=2034))
    assert response.status_code == 200
    assert response.context["form"].errors["sista_ar"] == ["Ett beslut kan gälla högst 10 år."]
    assert not insats.beslut.exists()


def test_last_year_before_first_is_refused(client_for, kansli, insats):
    url = reverse("insatser:beslut-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(forsta_ar=2026, sista_ar=2025))
    assert response.status_code == 200
    assert response.context["form"].errors["sista_ar"] == [
        "Sista året kan inte vara före första året."
    ]
    assert "Sista året kan inte vara före första året." in response.content.decode()
    assert not insats.beslut.exists()


def test_negative_amount_is_refused(client_for, kansli, insats):
    url = reverse("insatser:beslut-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(belopp_2025=-5))
    assert response.status_code == 200
    assert response.context["form"].errors["belopp_2025"] == [
        "Ett beslutat belopp kan inte vara negativt."
    ]
    assert not insats.beslut.exists()


def test_concurrent_beslut_edit_keeps_first_and_typed_value(client_for, forbund, beslut):
    anna = factories.make_user(forbund, "kansli")
    bo = factories.make_user(forbund, "kansli")
    url = reverse("insatser:beslut-edit", args=[beslut.pk])
    ett_ar = {"forsta_ar": 2025, "sista_ar": 2025}
    assert client_for(anna).post(url, _data(paragraf="§ 60", **ett_ar)).status_code == 302
    response = client_for(bo).post(url, _data(paragraf="§ 61", **ett_ar))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page
    assert 'value="§ 61"' in page
    beslut.refresh_from_db()
    assert beslut.paragraf == "§ 60"


def test_delete_asks_first_then_removes(client_for, kansli, insats, beslut):
    url = reverse("insatser:beslut-delete", args=[beslut.pk])
    c = client_for(kansli)
    page = c.get(url).content.decode()
    assert f"§ 58 2024-11-22 om 1{NBSP}650{NBSP}000{NBSP}kr (2025)" in page
    assert Beslut.objects.filter(pk=beslut.pk).exists()
    response = c.post(url, {"lock_version_loaded": 0})
    assert response.status_code == 302
    assert not Beslut.objects.filter(pk=beslut.pk).exists()


def test_delete_without_version_is_not_done(client_for, kansli, beslut):
    response = client_for(kansli).post(reverse("insatser:beslut-delete", args=[beslut.pk]), {})
    assert response.status_code == 200
    assert Beslut.objects.filter(pk=beslut.pk).exists()
