"""The groups and lines: the structure page, new and edited groups and lines, and removing
a line (refused when a decided budget uses it)."""

import pytest
from django.urls import reverse

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text

STRUKTUR = reverse("budget:struktur")
GRUPP_CREATE = reverse("budget:grupp-create")
RAD_CREATE = reverse("budget:rad-create")
ANVAND = "Raden används i en beslutad budget och kan inte tas bort – stäng den i stället."


def _grupp_edit(g):
    return reverse("budget:grupp-edit", args=[g.pk])


def _rad_edit(r):
    return reverse("budget:rad-edit", args=[r.pk])


def _rad_delete(r):
    return reverse("budget:rad-delete", args=[r.pk])


def _grupp_data(**kw):
    data = {
        "namn": "Lokaler",
        "overordnad": "",
        "typ": "kostnad",
        "visa_rubrik": "on",
        "summa_etikett": "Summa lokaler",
        "ordning": "4",
        "lock_version_loaded": "0",
    }
    data.update(kw)
    return data


def _rad_data(grupp, **kw):
    data = {
        "namn": "Hyra",
        "grupp": grupp.pk,
        "insats": "",
        "kategori": "administration",
        "ordning": "1",
        "lock_version_loaded": "0",
    }
    data.update(kw)
    return data


# --- the structure page ------------------------------------------------------------------


def test_struktur_lists_the_tree_and_offers_removal_only_of_unused_lines(
    client_for, kansli, exempel
):
    insats = factories.make_insats(exempel.forbund, namn="Samordningsteam Sala")
    oanvand = factories.make_rad(exempel.grupper.admin, namn="Oanvänd", insats=insats)
    page = client_for(kansli).get(STRUKTUR)
    assert page.status_code == 200
    assert row(page, "Team A")[1:5] == ["Individinsatser", "–", "1", "Öppen I beslutad budget"]
    assert row(page, "Oanvänd")[1:4] == ["–", "Samordningsteam Sala", str(oanvand.ordning)]
    content = page.content.decode()
    assert _rad_delete(oanvand) in content
    assert _rad_delete(exempel.rader.team_a) not in content
    assert _grupp_edit(exempel.grupper.individ) in content
    assert f"{RAD_CREATE}?grupp={exempel.grupper.individ.pk}" in content
    assert "budget/confirm.js" in content
    # Groups appear depth first: the nested groups right after their parent.
    assert content.index("Direkta insatskostnader") < content.index("Strukturella insatser")
    assert content.index("Strukturella insatser") < content.index(">Administration")


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_see_the_structure_without_edit_links(request, client_for, exempel, role):
    page = client_for(request.getfixturevalue(role)).get(STRUKTUR)
    assert page.status_code == 200
    assert "Team A" in text(page)
    content = page.content.decode()
    assert _rad_edit(exempel.rader.team_a) not in content and "Ny grupp" not in text(page)


def test_struktur_access(client, client_for, styrgrupp, outsider, kansli, exempel):
    assert_requires_login(client, STRUKTUR)
    assert_status(client_for(styrgrupp), STRUKTUR, 403)
    assert "Team A" not in text(client_for(outsider).get(STRUKTUR))
    assert_status(client_for(kansli), STRUKTUR, 405, "post")


# --- groups ------------------------------------------------------------------------------


def test_create_group_below_a_parent(client_for, kansli, exempel):
    c = client_for(kansli)
    page = c.get(GRUPP_CREATE, {"overordnad": exempel.grupper.direkta.pk})
    assert page.status_code == 200
    assert page.context["form"].initial["overordnad"] == exempel.grupper.direkta.pk
    response = c.post(GRUPP_CREATE, _grupp_data(overordnad=exempel.grupper.direkta.pk))
    grupp = Budgetgrupp.objects.get(namn="Lokaler")
    assert response.status_code == 302
    assert response["Location"] == f"{STRUKTUR}#grupp-{grupp.pk}"
    assert grupp.forbund == exempel.forbund
    assert grupp.overordnad == exempel.grupper.direkta
    assert grupp.summa_etikett == "Summa lokaler"


def test_edit_group_cannot_be_placed_below_its_own_subgroup(client_for, kansli, exempel):
    g = exempel.grupper
    c = client_for(kansli)
    choices = [
        str(x) for x in c.get(_grupp_edit(g.direkta)).context["form"].fields["overordnad"].queryset
    ]
    assert "Individinsatser" not in choices and "Direkta insatskostnader" not in choices
    page = c.post(_grupp_edit(g.direkta), _grupp_data(namn="Direkta", overordnad=g.individ.pk))
    assert page.status_code == 200
    assert "overordnad" in page.context["form"].errors
    g.direkta.refresh_from_db()
    assert g.direkta.overordnad_id is None and g.direkta.namn == "Direkta insatskostnader"


def test_edit_group(client_for, kansli, exempel):
    g = exempel.grupper.strukturella
    response = client_for(kansli).post(
        _grupp_edit(g), _grupp_data(namn="Strukturpåverkande", summa_etikett="Summa struktur")
    )
    assert response.status_code == 302
    g.refresh_from_db()
    assert (g.namn, g.overordnad_id, g.summa_etikett, g.lock_version) == (
        "Strukturpåverkande",
        None,
        "Summa struktur",
        1,
    )


def test_edit_group_based_on_outdated_page_is_refused(client_for, kansli, exempel):
    g = exempel.grupper.admin
    c = client_for(kansli)
    c.post(_grupp_edit(g), _grupp_data(namn="Administration och kansli"))
    page = c.post(_grupp_edit(g), _grupp_data(namn="Förvaltning"))
    assert page.status_code == 200
    assert "Någon annan har sparat ändringar" in text(page)
    g.refresh_from_db()
    assert g.namn == "Administration och kansli"


def test_group_parent_of_another_forbund_is_refused(client_for, kansli, exempel, annat_forbund):
    frammande = factories.make_grupp(annat_forbund)
    page = client_for(kansli).post(GRUPP_CREATE, _grupp_data(overordnad=frammande.pk))
    assert page.status_code == 200 and "overordnad" in page.context["form"].errors
    assert not Budgetgrupp.objects.filter(namn="Lokaler").exists()


# --- lines -------------------------------------------------------------------------------


def test_create_line_in_a_group_with_an_insats(client_for, kansli, exempel):
    insats = factories.make_insats(exempel.forbund)
    c = client_for(kansli)
    page = c.get(RAD_CREATE, {"grupp": exempel.grupper.individ.pk})
    assert page.context["form"].initial["grupp"] == exempel.grupper.individ.pk
    data = _rad_data(exempel.grupper.individ, insats=insats.pk, kategori="individinsatser")
    response = c.post(RAD_CREATE, data)
    rad = Budgetrad.objects.get(namn="Hyra")
    assert response.status_code == 302 and response["Location"] == f"{STRUKTUR}#rad-{rad.pk}"
    assert (rad.forbund, rad.grupp, rad.insats, rad.kategori) == (
        exempel.forbund,
        exempel.grupper.individ,
        insats,
        "individinsatser",
    )


def test_line_refuses_insats_and_group_of_another_forbund(
    client_for, kansli, exempel, annat_forbund
):
    insats = factories.make_insats(annat_forbund)
    c = client_for(kansli)
    page = c.post(RAD_CREATE, _rad_data(exempel.grupper.admin, insats=insats.pk))
    assert "insats" in page.context["form"].errors
    page = c.post(RAD_CREATE, _rad_data(factories.make_grupp(annat_forbund)))
    assert "grupp" in page.context["form"].errors
    assert not Budgetrad.objects.filter(namn="Hyra").exists()


def test_close_a_line(client_for, kansli, exempel):
    rad = exempel.rader.kansli
    data = _rad_data(exempel.grupper.admin, namn="Kansli", stangd="on")
    assert client_for(kansli).post(_rad_edit(rad), data).status_code == 302
    rad.refresh_from_db()
    assert rad.stangd and rad.lock_version == 1
    # Its amount in the decided budget is kept.
    assert Budgetbelopp.objects.get(rad=rad, version=exempel.budget).belopp == -1_500_000


def test_edit_line_based_on_outdated_page_is_refused(client_for, kansli, exempel):
    rad = exempel.rader.kansli
    c = client_for(kansli)
    c.post(_rad_edit(rad), _rad_data(exempel.grupper.admin, namn="Kansliet"))
    page = c.post(_rad_edit(rad), _rad_data(exempel.grupper.admin, namn="Förbundets kansli"))
    assert page.status_code == 200 and "Någon annan har sparat ändringar" in text(page)
    assert 'value="Förbundets kansli"' in page.content.decode()
    rad.refresh_from_db()
    assert rad.namn == "Kansliet"


# --- removing a line -----------------------------------------------------------------------


def test_line_in_decided_budget_is_not_removed(client_for, kansli, exempel):
    rad = exempel.rader.team_a
    c = client_for(kansli)
    response = c.post(_rad_delete(rad), {"lock_version_loaded": 0})
    assert response.status_code == 302
    assert Budgetrad.objects.filter(pk=rad.pk).exists()
    assert Budgetbelopp.objects.filter(rad=rad).count() == 2
    assert ANVAND in text(c.get(response["Location"]))


def test_line_with_plan_amounts_only_is_removed(client_for, kansli, exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Bara plan")
    factories.set_belopp(exempel.plan, rad, -100_000)
    c = client_for(kansli)
    response = c.post(_rad_delete(rad), {"lock_version_loaded": 0})
    assert response.status_code == 302 and response["Location"] == STRUKTUR
    assert not Budgetrad.objects.filter(pk=rad.pk).exists()
    assert not Budgetbelopp.objects.filter(version=exempel.plan, rad_id=rad.pk).exists()
    assert Budgetbelopp.objects.filter(version=exempel.plan).count() == 4
    assert "Raden Bara plan är borttagen." in text(c.get(STRUKTUR))


def test_removal_based_on_outdated_page_is_refused(client_for, kansli, exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Omdöpt")
    c = client_for(kansli)
    c.post(_rad_edit(rad), _rad_data(exempel.grupper.admin, namn="Omdöpt igen"))
    response = c.post(_rad_delete(rad), {"lock_version_loaded": 0})
    assert Budgetrad.objects.filter(pk=rad.pk).exists()
    assert "Någon annan har sparat ändringar" in text(c.get(response["Location"]))


# --- access to the writes ------------------------------------------------------------------


def _write_urls(exempel):
    return [
        GRUPP_CREATE,
        _grupp_edit(exempel.grupper.admin),
        RAD_CREATE,
        _rad_edit(exempel.rader.kansli),
    ]


def test_writes_require_login(client, exempel):
    for url in _write_urls(exempel):
        assert_requires_login(client, url)
    rad = factories.make_rad(exempel.grupper.admin)
    assert_requires_login(client, _rad_delete(rad), "post", {"lock_version_loaded": 0})
    assert Budgetrad.objects.filter(pk=rad.pk).exists()


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_writes_refuse_readers_and_styrgrupp(request, client_for, exempel, role, method):
    c = client_for(request.getfixturevalue(role))
    data = {**_grupp_data(namn="Kapad"), **_rad_data(exempel.grupper.admin, namn="Kapad")}
    for url in _write_urls(exempel):
        assert_status(c, url, 403, method, data)
    assert not Budgetrad.objects.filter(namn="Kapad").exists()
    assert not Budgetgrupp.objects.filter(namn="Kapad").exists()


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
def test_removal_refuses_readers_and_styrgrupp(request, client_for, exempel, role):
    rad = factories.make_rad(exempel.grupper.admin, namn="Kvar")
    c = client_for(request.getfixturevalue(role))
    assert_status(c, _rad_delete(rad), 403, "post", {"lock_version_loaded": 0})
    assert Budgetrad.objects.filter(pk=rad.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404_for_our_groups_and_lines(client_for, outsider, exempel, method):
    c = client_for(outsider)
    data = {"namn": "Kapad", "lock_version_loaded": 0}
    assert_status(c, _grupp_edit(exempel.grupper.admin), 404, method, data)
    assert_status(c, _rad_edit(exempel.rader.kansli), 404, method, data)
    rad = factories.make_rad(exempel.grupper.admin, namn="Kvar")
    assert_status(c, _rad_delete(rad), 404, "post", data)
    assert Budgetrad.objects.filter(pk=rad.pk).exists()
    exempel.grupper.admin.refresh_from_db()
    assert exempel.grupper.admin.namn == "Administration"


def test_wrong_methods(client_for, kansli, exempel):
    c = client_for(kansli)
    for url in _write_urls(exempel):
        assert_status(c, url, 405, "put")
    rad = factories.make_rad(exempel.grupper.admin)
    assert_status(c, _rad_delete(rad), 405, "get")
    assert Budgetrad.objects.filter(pk=rad.pk).exists()
