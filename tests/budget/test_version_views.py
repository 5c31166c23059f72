"""A version's page, a new version (with copied amounts), and editing a version's fields."""

import pytest
from django.urls import reverse

from budget.models import Budgetbelopp, Budgetversion
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text

CREATE = reverse("budget:version-create")


def _detail(version):
    return reverse("budget:version-detail", args=[version.pk])


def _edit(version):
    return reverse("budget:version-edit", args=[version.pk])


def _data(**kw):
    data = {
        "typ": "tillagg",
        "ar": "2025",
        "beslutsdatum": "2025-05-20",
        "paragraf": "§ 31",
        "motivering": "Omfördelning till Team A.",
        "eget_kapital_ingaende": "",
    }
    data.update(kw)
    return data


# --- version-detail ------------------------------------------------------------------------


def test_detail_shows_the_versions_table(client_for, kansli, exempel):
    page = client_for(kansli).get(_detail(exempel.budget))
    assert page.status_code == 200
    assert row(page, "Team A") == ["−3 000 000"]
    assert row(page, "Summa individinsatser") == ["−5 000 000"]
    assert row(page, "Summa kostnader") == ["−8 500 000"]
    assert row(page, "Resultat") == ["1 500 000"]
    assert row(page, "Beräknat eget kapital vid årets början") == ["2 000 000"]
    assert row(page, "Beräknat utgående eget kapital") == ["3 500 000"]
    assert "Gällande" in text(page)
    assert reverse("budget:belopp-edit", args=[exempel.budget.pk]) in page.content.decode()


def test_earlier_version_stays_readable_after_a_tillaggsbudget(client_for, styrelse, exempel):
    tillagg = factories.make_version(exempel.forbund, 2025, "tillagg", paragraf="§ 31")
    factories.set_belopp(tillagg, exempel.rader.team_a, -3_500_000)
    c = client_for(styrelse)
    page = c.get(_detail(exempel.budget))
    assert page.status_code == 200
    assert row(page, "Team A") == ["−3 000 000"]
    assert "Inte gällande" in text(page)
    assert _detail(tillagg) in page.content.decode()
    page = c.get(_detail(tillagg))
    assert row(page, "Team A") == ["−3 500 000"]
    assert row(page, "Summa kostnader") == ["−3 500 000"]
    # Readers get no edit buttons.
    assert "Ändra belopp" not in text(page)


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_can_read_a_version(request, client_for, exempel, role):
    assert_status(client_for(request.getfixturevalue(role)), _detail(exempel.plan), 200)


def test_detail_access(client, client_for, outsider, styrgrupp, kansli, exempel):
    url = _detail(exempel.budget)
    assert_requires_login(client, url)
    assert_status(client_for(outsider), url, 404)
    assert_status(client_for(styrgrupp), url, 403)
    assert_status(client_for(kansli), url, 405, "post")
    assert_status(client_for(kansli), reverse("budget:version-detail", args=[99999]), 404)


# --- version-create ------------------------------------------------------------------------


def test_create_page_suggests_the_years_current_version(client_for, kansli, exempel):
    page = client_for(kansli).get(CREATE, {"ar": 2025})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["ar"] == 2025
    assert form.initial["kopiera_fran"] == exempel.budget
    assert form.initial["typ"] == "tillagg"
    # A year with only a plan: its budget is next, starting from the plan.
    form = client_for(kansli).get(CREATE, {"ar": 2026}).context["form"]
    assert (form.initial["typ"], form.initial["kopiera_fran"]) == ("budget", exempel.plan)
    assert "Kopiera belopp från" in text(page)


def test_create_copies_amounts_and_goes_to_the_grid(client_for, kansli, exempel):
    data = _data(kopiera_fran=exempel.budget.pk, eget_kapital_ingaende="−1 250 000")
    response = client_for(kansli).post(CREATE, data)
    version = Budgetversion.objects.get(forbund=exempel.forbund, typ="tillagg")
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:belopp-edit", args=[version.pk])
    assert version.paragraf == "§ 31"
    assert version.eget_kapital_ingaende == -1_250_000
    belopp = dict(version.belopp.values_list("rad_id", "belopp"))
    assert belopp[exempel.rader.team_a.pk] == -3_000_000
    assert len(belopp) == 6


def test_create_without_copy(client_for, kansli, exempel):
    response = client_for(kansli).post(CREATE, _data(typ="plan", ar="2027"))
    assert response.status_code == 302
    version = Budgetversion.objects.get(forbund=exempel.forbund, ar=2027)
    assert version.typ == "plan" and not version.belopp.exists()


def test_create_refuses_bad_input_in_swedish_and_keeps_it(empty_db, client_for, kansli, exempel):
    page = client_for(kansli).post(
        CREATE, _data(ar="1999", eget_kapital_ingaende="2,5 miljoner", paragraf="§ 77")
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert errors["eget_kapital_ingaende"] == ["Skriv ett helt belopp i kronor, t.ex. −1 250 000."]
    assert "ar" in errors
    assert 'value="§ 77"' in page.content.decode()
    assert not Budgetversion.objects.filter(typ="tillagg").exists()


def test_create_cannot_copy_from_another_forbund(client_for, kansli, exempel, annat_forbund):
    frammande = factories.make_version(annat_forbund)
    page = client_for(kansli).post(CREATE, _data(kopiera_fran=frammande.pk))
    assert page.status_code == 200
    assert "kopiera_fran" in page.context["form"].errors
    assert not Budgetversion.objects.filter(forbund=exempel.forbund, typ="tillagg").exists()


# --- version-edit --------------------------------------------------------------------------


def test_edit_saves_the_versions_fields(client_for, kansli, exempel):
    c = client_for(kansli)
    url = _edit(exempel.budget)
    assert c.get(url).status_code == 200
    data = _data(typ="budget", beslutsdatum="2024-11-21", paragraf="§ 58", lock_version_loaded=0)
    data["eget_kapital_ingaende"] = "2 100 000"
    response = c.post(url, data)
    assert response.status_code == 302 and response["Location"] == _detail(exempel.budget)
    exempel.budget.refresh_from_db()
    assert exempel.budget.paragraf == "§ 58"
    assert exempel.budget.eget_kapital_ingaende == 2_100_000
    assert exempel.budget.lock_version == 1
    # The amounts are untouched.
    assert Budgetbelopp.objects.filter(version=exempel.budget).count() == 6


def test_edit_based_on_outdated_page_is_refused(client_for, kansli, exempel):
    c = client_for(kansli)
    url = _edit(exempel.budget)
    c.post(url, _data(typ="budget", paragraf="§ 58", lock_version_loaded=0))
    page = c.post(url, _data(typ="budget", paragraf="§ 99", lock_version_loaded=0))
    assert page.status_code == 200
    assert "Någon annan har sparat ändringar" in text(page)
    assert 'value="§ 99"' in page.content.decode()
    exempel.budget.refresh_from_db()
    assert exempel.budget.paragraf == "§ 58"


# --- access to the writes ------------------------------------------------------------------


def _write_urls(exempel):
    return [CREATE, _edit(exempel.budget)]


def test_writes_require_login(client, exempel):
    for url in _write_urls(exempel):
        assert_requires_login(client, url)
        assert_requires_login(client, url, "post", _data())


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_writes_refuse_readers_and_styrgrupp(request, client_for, exempel, role, method):
    c = client_for(request.getfixturevalue(role))
    for url in _write_urls(exempel):
        assert_status(c, url, 403, method, _data(lock_version_loaded=0))
    assert Budgetversion.objects.filter(forbund=exempel.forbund).count() == 2
    exempel.budget.refresh_from_db()
    assert exempel.budget.typ == "budget" and exempel.budget.lock_version == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_edit_is_404_for_outsider(client_for, outsider, exempel, method):
    data = _data(lock_version_loaded=0)
    assert_status(client_for(outsider), _edit(exempel.budget), 404, method, data)
    exempel.budget.refresh_from_db()
    assert exempel.budget.typ == "budget"


def test_outsider_cannot_copy_our_version(empty_db, client_for, outsider, exempel):
    page = client_for(outsider).post(CREATE, _data(kopiera_fran=exempel.budget.pk))
    assert page.status_code == 200
    assert "kopiera_fran" in page.context["form"].errors
    assert not Budgetversion.objects.filter(typ="tillagg").exists()


def test_writes_refuse_wrong_method(client_for, kansli, exempel):
    for url in _write_urls(exempel):
        assert_status(client_for(kansli), url, 405, "put")
