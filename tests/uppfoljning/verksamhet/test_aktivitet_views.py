"""Structural activities: list, add, edit, remove — every view, every role."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.uppfoljning.verksamhet import helpers
from uppfoljning.models import Aktivitet


def _data(insats=None, **kw):
    data = {
        "insats": insats.pk if insats else "",
        "namn": "Utbildning i SIP",
        "malgrupp": "Handläggare",
        "antal_deltagare": 12,
        "omfattning": "2 halvdagar",
        "startdatum": "",
        "slutdatum": "",
        "ordning": 1,
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


def _write_urls(aktivitet):
    return [
        reverse("uppfoljning:aktivitet-create", args=[2025]),
        reverse("uppfoljning:aktivitet-edit", args=[aktivitet.pk]),
        reverse("uppfoljning:aktivitet-delete", args=[aktivitet.pk]),
    ]


def _all_urls(aktivitet):
    return [
        reverse("uppfoljning:aktivitet-index"),
        reverse("uppfoljning:aktivitet-list", args=[2025]),
        *_write_urls(aktivitet),
    ]


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, forbundets_aktivitet, method):
    for url in _all_urls(forbundets_aktivitet):
        if method == "post" and url.endswith(("/aktiviteter/", "/2025/")):
            continue
        assert_requires_login(client, url, method)


def test_outsider_gets_404(client_for, outsider, forbundets_aktivitet):
    c = client_for(outsider)
    for url in _write_urls(forbundets_aktivitet)[1:]:
        assert_status(c, url, 404)
        assert_status(c, url, 404, "post", _data())
    # The outsider's own list shows nothing of the other förbund.
    response = assert_status(c, reverse("uppfoljning:aktivitet-list", args=[2025]), 200)
    assert "Förbundets aktivitet" not in response.content.decode()


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_readers_read_but_get_403_on_writes(
    empty_db, client_for, forbund, roll, forbundets_aktivitet
):
    c = client_for(factories.make_user(forbund, roll))
    response = assert_status(c, reverse("uppfoljning:aktivitet-list", args=[2025]), 200)
    assert "Förbundets aktivitet" in response.content.decode()
    assert reverse("uppfoljning:aktivitet-edit", args=[forbundets_aktivitet.pk]) not in (
        response.content.decode()
    )
    for url in _write_urls(forbundets_aktivitet):
        assert_status(c, url, 403)
        assert_status(c, url, 403, "post", _data())
    assert Aktivitet.objects.count() == 1


def test_wrong_method_405(client_for, kansli, forbundets_aktivitet):
    c = client_for(kansli)
    assert_status(c, reverse("uppfoljning:aktivitet-list", args=[2025]), 405, "post")
    assert_status(c, reverse("uppfoljning:aktivitet-index"), 405, "post")
    for url in _write_urls(forbundets_aktivitet):
        assert_status(c, url, 405, "put")


def test_index_redirects_to_latest_year(client_for, kansli, forbundets_aktivitet):
    response = client_for(kansli).get(reverse("uppfoljning:aktivitet-index"))
    assert response["Location"] == reverse("uppfoljning:aktivitet-list", args=[2025])


# --- styrgrupp: own insatser only --------------------------------------------------------


def test_styrgrupp_sees_only_own_insats(
    client_for, styrgrupp, egen_aktivitet, annan_aktivitet, forbundets_aktivitet
):
    c = client_for(styrgrupp)
    html = assert_status(
        c, reverse("uppfoljning:aktivitet-list", args=[2025]), 200
    ).content.decode()
    assert "Styrgruppens aktivitet" in html
    assert "Annan insats aktivitet" not in html
    assert "Förbundets aktivitet" not in html


def test_styrgrupp_gets_404_for_other_activities(
    empty_db, client_for, styrgrupp, annan_aktivitet, forbundets_aktivitet
):
    c = client_for(styrgrupp)
    for aktivitet in (annan_aktivitet, forbundets_aktivitet):
        for name in ("aktivitet-edit", "aktivitet-delete"):
            url = reverse(f"uppfoljning:{name}", args=[aktivitet.pk])
            assert_status(c, url, 404)
            assert_status(c, url, 404, "post", _data(lock_version_loaded=0))
    annan_aktivitet.refresh_from_db()
    assert annan_aktivitet.namn == "Annan insats aktivitet"
    assert Aktivitet.objects.count() == 2


def test_styrgrupp_adds_and_edits_for_own_insats(
    client_for, styrgrupp, insats, annan_insats, egen_aktivitet
):
    c = client_for(styrgrupp)
    url = reverse("uppfoljning:aktivitet-create", args=[2025])
    response = assert_status(c, url, 200)
    html = response.content.decode()
    assert insats.namn in html and annan_insats.namn not in html
    response = c.post(url, _data(insats))
    assert response.status_code == 302
    ny = Aktivitet.objects.get(namn="Utbildning i SIP")
    assert (ny.insats, ny.ar, ny.forbund_id) == (insats, 2025, insats.forbund_id)
    # Another insats, or none (the förbund's own), is refused.
    assert_status(c, url, 200, "post", _data(annan_insats, namn="Fel"))
    assert_status(c, url, 200, "post", _data(None, namn="Fel"))
    assert not Aktivitet.objects.filter(namn="Fel").exists()
    edit = reverse("uppfoljning:aktivitet-edit", args=[egen_aktivitet.pk])
    response = c.post(
        edit, _data(insats, namn="Ändrad", lock_version_loaded=egen_aktivitet.lock_version)
    )
    assert response.status_code == 302
    egen_aktivitet.refresh_from_db()
    assert egen_aktivitet.namn == "Ändrad"


# --- kansli ------------------------------------------------------------------------------


def test_kansli_creates_for_forbund_and_any_insats(client_for, kansli, annan_insats):
    c = client_for(kansli)
    url = reverse("uppfoljning:aktivitet-create", args=[2025])
    assert c.post(url, _data(None, namn="Egen")).status_code == 302
    assert c.post(url, _data(annan_insats, namn="Insatsens")).status_code == 302
    assert Aktivitet.objects.get(namn="Egen").insats is None
    assert Aktivitet.objects.get(namn="Insatsens").insats == annan_insats


def test_kansli_cannot_link_other_forbunds_insats(empty_db, client_for, kansli, annat_forbund):
    annan = factories.make_insats(annat_forbund)
    response = client_for(kansli).post(
        reverse("uppfoljning:aktivitet-create", args=[2025]), _data(annan)
    )
    assert response.status_code == 200
    assert not Aktivitet.objects.exists()


def test_kansli_deletes(empty_db, client_for, kansli, forbundets_aktivitet):
    url = reverse("uppfoljning:aktivitet-delete", args=[forbundets_aktivitet.pk])
    response = client_for(kansli).post(url, {"lock_version_loaded": 0})
    assert response.status_code == 302
    assert not Aktivitet.objects.exists()


def test_concurrent_edit_is_refused_and_input_kept(client_for, kansli, forbundets_aktivitet):
    # A colleague saves first.
    kollega = Aktivitet.objects.get(pk=forbundets_aktivitet.pk)
    kollega.omfattning = "Kollegans ändring"  # an unchanged save would not bump the version
    helpers.services.aktivitet_save(aktivitet=kollega, expected_version=0)
    url = reverse("uppfoljning:aktivitet-edit", args=[forbundets_aktivitet.pk])
    response = client_for(kansli).post(url, _data(namn="Min ändring", lock_version_loaded=0))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat ändringar" in html
    assert 'value="Min ändring"' in html
    forbundets_aktivitet.refresh_from_db()
    assert forbundets_aktivitet.namn == "Förbundets aktivitet"


def test_concurrent_delete_is_refused(client_for, kansli, forbundets_aktivitet):
    kollega = Aktivitet.objects.get(pk=forbundets_aktivitet.pk)
    kollega.omfattning = "Kollegans ändring"  # an unchanged save would not bump the version
    helpers.services.aktivitet_save(aktivitet=kollega, expected_version=0)
    url = reverse("uppfoljning:aktivitet-delete", args=[forbundets_aktivitet.pk])
    response = client_for(kansli).post(url, {"lock_version_loaded": 0})
    assert response.status_code == 200
    assert Aktivitet.objects.exists()


# --- queries -----------------------------------------------------------------------------

# session, user, the user's förbund, the activities with their insats
LIST_QUERIES = 4


@pytest.mark.parametrize("n", [5, 50])
def test_list_queries_do_not_grow(client_for, kansli, forbund, django_assert_num_queries, n):
    insatser = [factories.make_insats(forbund) for _ in range(3)]
    for i in range(n):
        helpers.make_aktivitet(
            forbund, insats=insatser[i % 4] if i % 4 < 3 else None, antal_deltagare=2
        )
    c = client_for(kansli)
    with django_assert_num_queries(LIST_QUERIES):
        response = c.get(reverse("uppfoljning:aktivitet-list", args=[2025]))
    html = response.content.decode()
    assert html.count('class="aktivitet"') == n
    assert f'id="summa-deltagare">{2 * n}<' in html
