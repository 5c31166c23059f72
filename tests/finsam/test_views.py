"""The förbund, members and history: every view, every role. (The start page and the
Rapporter page: tests/finsam/rapporter/.)"""

import pytest
from django.urls import reverse

from finsam.models import Befolkning, Medlem
from tests import factories
from tests.access import assert_requires_login, assert_status

READ_VIEWS = ["finsam:forbund", "finsam:medlem-list"]
WRITE_VIEWS = ["finsam:forbund-edit", "finsam:medlem-create"]


@pytest.fixture
def medlem(forbund):
    m = factories.make_medlem(forbund, namn="Fagersta kommun", kortnamn="Fagersta")
    Befolkning.objects.create(medlem=m, ar=2024, antal=13263)
    return m


# --- anonymous -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["finsam:historik", *READ_VIEWS, *WRITE_VIEWS])
def test_anonymous_is_sent_to_login(client, db, name):
    assert_requires_login(client, reverse(name))


@pytest.mark.parametrize("name", ["finsam:medlem-detail", "finsam:medlem-edit"])
def test_anonymous_is_sent_to_login_for_objects(client, medlem, name):
    assert_requires_login(client, reverse(name, args=[medlem.pk]))


# --- the other förbund -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["finsam:medlem-detail", "finsam:medlem-edit"])
def test_outsider_gets_404_for_members(client_for, outsider, medlem, name):
    assert_status(client_for(outsider), reverse(name, args=[medlem.pk]), 404)


def test_outsider_cannot_post_to_members(client_for, outsider, medlem):
    url = reverse("finsam:medlem-edit", args=[medlem.pk])
    assert_status(client_for(outsider), url, 404, "post", {"namn": "Kapat"})
    medlem.refresh_from_db()
    assert medlem.namn == "Fagersta kommun"


def test_outsider_sees_only_own_forbund(client_for, outsider, forbund, medlem):
    c = client_for(outsider)
    page = c.get(reverse("finsam:forbund")).content.decode()
    assert outsider.forbund.namn in page and forbund.namn not in page
    assert "Fagersta kommun" not in c.get(reverse("finsam:medlem-list")).content.decode()


# --- readers -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
@pytest.mark.parametrize("name", READ_VIEWS)
def test_readers_can_read(request, client_for, medlem, role, name):
    assert_status(client_for(request.getfixturevalue(role)), reverse(name), 200)


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_can_read_member(request, client_for, medlem, role):
    page = client_for(request.getfixturevalue(role)).get(
        reverse("finsam:medlem-detail", args=[medlem.pk])
    )
    assert page.status_code == 200
    assert "13\u00a0263" in page.content.decode()


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_readers_and_styrgrupp_cannot_write(request, client_for, db, role, method, name):
    assert_status(client_for(request.getfixturevalue(role)), reverse(name), 403, method)


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
def test_readers_cannot_edit_member(request, client_for, medlem, role):
    c = client_for(request.getfixturevalue(role))
    url = reverse("finsam:medlem-edit", args=[medlem.pk])
    assert_status(c, url, 403, "post", {"typ": "kommun", "namn": "X", "ordning": 1})
    medlem.refresh_from_db()
    assert medlem.namn == "Fagersta kommun"


@pytest.mark.parametrize("name", READ_VIEWS)
def test_styrgrupp_cannot_read_forbund_pages(client_for, styrgrupp, name):
    assert_status(client_for(styrgrupp), reverse(name), 403)


def test_styrgrupp_gets_403_for_member_detail(client_for, styrgrupp, medlem):
    assert_status(client_for(styrgrupp), reverse("finsam:medlem-detail", args=[medlem.pk]), 403)


def test_history_is_for_kansli_and_revisor(client_for, kansli, revisor, styrelse, styrgrupp):
    url = reverse("finsam:historik")
    assert_status(client_for(kansli), url, 200)
    assert_status(client_for(revisor), url, 200)
    assert_status(client_for(styrelse), url, 403)
    assert_status(client_for(styrgrupp), url, 403)


# --- wrong method --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["finsam:historik", *READ_VIEWS])
def test_read_views_refuse_post(client_for, kansli, name):
    assert_status(client_for(kansli), reverse(name), 405, "post")


@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_write_views_refuse_put(client_for, kansli, name):
    assert_status(client_for(kansli), reverse(name), 405, "put")


# --- happy paths ---------------------------------------------------------------------------


def test_kansli_edits_forbund(client_for, kansli, forbund):
    c = client_for(kansli)
    url = reverse("finsam:forbund-edit")
    form = c.get(url).context["form"]
    data = {**form.initial, "namn": "Samordningsförbundet Nytt namn", "epost": ""}
    data["lock_version_loaded"] = forbund.lock_version
    response = c.post(url, data)
    assert response.status_code == 302
    forbund.refresh_from_db()
    assert forbund.namn == "Samordningsförbundet Nytt namn"
    assert forbund.history.count() == 2


def test_bad_organisationsnummer_gets_swedish_error_and_keeps_input(client_for, kansli, forbund):
    c = client_for(kansli)
    url = reverse("finsam:forbund-edit")
    data = {
        "namn": "Ändrat namn",
        "organisationsnummer": "12345",
        "smatal_grans": 3,
        "lock_version_loaded": 0,
    }
    page = c.post(url, data).content.decode()
    assert "Skriv organisationsnumret som 222000-1974." in page
    assert "Ändrat namn" in page
    forbund.refresh_from_db()
    assert forbund.namn != "Ändrat namn"


def _medlem_data(**kw):
    data = {
        "typ": "kommun",
        "namn": "Kungsörs kommun",
        "kortnamn": "Kungsör",
        "ordning": 4,
        "befolkning-TOTAL_FORMS": 1,
        "befolkning-INITIAL_FORMS": 0,
        "befolkning-0-ar": 2024,
        "befolkning-0-antal": 8638,
    }
    data.update(kw)
    return data


def test_kansli_creates_member_with_population(client_for, kansli, forbund):
    response = client_for(kansli).post(reverse("finsam:medlem-create"), _medlem_data())
    assert response.status_code == 302
    medlem = Medlem.objects.get(forbund=forbund, namn="Kungsörs kommun")
    assert medlem.befolkning.get(ar=2024).antal == 8638


def test_duplicate_member_name_is_refused(client_for, kansli, medlem):
    page = client_for(kansli).post(
        reverse("finsam:medlem-create"), _medlem_data(namn="Fagersta kommun")
    )
    assert page.status_code == 200
    assert "Förbundet har redan en medlem med det namnet." in page.content.decode()


def test_duplicate_population_year_is_refused(empty_db, client_for, kansli, forbund):
    data = _medlem_data(
        **{
            "befolkning-TOTAL_FORMS": 2,
            "befolkning-1-ar": 2024,
            "befolkning-1-antal": 9000,
        }
    )
    page = client_for(kansli).post(reverse("finsam:medlem-create"), data)
    assert page.status_code == 200
    assert "Året finns redan på en annan rad." in page.content.decode()
    assert not Medlem.objects.filter(namn="Kungsörs kommun").exists()


def test_kansli_edits_member_and_removes_a_year(client_for, kansli, medlem):
    url = reverse("finsam:medlem-edit", args=[medlem.pk])
    data = _medlem_data(
        namn="Fagersta kommun",
        kortnamn="Fagersta",
        lock_version_loaded=medlem.lock_version,
        **{"befolkning-0-antal": ""},
    )
    assert client_for(kansli).post(url, data).status_code == 302
    assert not medlem.befolkning.exists()


def test_concurrent_member_edit_second_is_refused_nothing_lost(client_for, forbund, medlem):
    anna = factories.make_user(forbund, "kansli")
    bo = factories.make_user(forbund, "kansli")
    url = reverse("finsam:medlem-edit", args=[medlem.pk])
    # Both load the form.
    version_a = client_for(anna).get(url).context["form"]["lock_version_loaded"].value()
    version_b = client_for(bo).get(url).context["form"]["lock_version_loaded"].value()
    assert version_a == version_b == 0

    data_a = _medlem_data(namn="Fagersta kommun", kortnamn="Anna", lock_version_loaded=version_a)
    assert client_for(anna).post(url, data_a).status_code == 302

    data_b = _medlem_data(namn="Fagersta kommun", kortnamn="Bo", lock_version_loaded=version_b)
    response = client_for(bo).post(url, data_b)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page
    assert 'value="Bo"' in page  # what Bo typed is still in the form
    medlem.refresh_from_db()
    assert medlem.kortnamn == "Anna"


def test_history_shows_who_changed_what(client_for, kansli, revisor, medlem):
    url = reverse("finsam:medlem-edit", args=[medlem.pk])
    client_for(kansli).post(
        url, _medlem_data(namn="Fagersta kommun", kortnamn="FA", lock_version_loaded=0)
    )
    page = client_for(revisor).get(reverse("finsam:historik")).content.decode()
    assert kansli.get_full_name() in page
    assert "Fagersta → FA" in page
    detail = client_for(revisor).get(reverse("finsam:medlem-detail", args=[medlem.pk]))
    assert "Ändringshistorik" in detail.content.decode()
    # Styrelse reads the member but not its history.
    assert (
        "Ändringshistorik"
        not in client_for(factories.make_user(medlem.forbund, "styrelse"))
        .get(reverse("finsam:medlem-detail", args=[medlem.pk]))
        .content.decode()
    )
