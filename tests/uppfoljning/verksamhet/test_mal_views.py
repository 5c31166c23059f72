"""Goals per year: the read page, goals, planned activities and follow-ups."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.uppfoljning.verksamhet import helpers
from uppfoljning.models import Mal, Maluppfoljning, PlaneradAktivitet

LIST = reverse("uppfoljning:mal-list", args=[2025])
INDEX = reverse("uppfoljning:mal-index")
T, B = Maluppfoljning.Tillfalle, Maluppfoljning.Bedomning


def _write_urls(mal, malomrade, planerad):
    return [
        reverse("uppfoljning:mal-create", args=[2025, malomrade.pk]),
        reverse("uppfoljning:mal-edit", args=[mal.pk]),
        reverse("uppfoljning:mal-delete", args=[mal.pk]),
        reverse("uppfoljning:mal-aktivitet-create", args=[mal.pk]),
        reverse("uppfoljning:mal-aktivitet-edit", args=[planerad.pk]),
        reverse("uppfoljning:mal-aktivitet-delete", args=[planerad.pk]),
        reverse("uppfoljning:mal-uppfoljning", args=[mal.pk, "delar"]),
    ]


def test_anonymous_is_sent_to_login(client, mal, malomrade, planerad):
    for url in [INDEX, LIST, *_write_urls(mal, malomrade, planerad)]:
        assert_requires_login(client, url)
    for url in _write_urls(mal, malomrade, planerad):
        assert_requires_login(client, url, "post")


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_readers_read_but_get_403_on_writes(
    empty_db, client_for, forbund, roll, mal, malomrade, planerad
):
    c = client_for(factories.make_user(forbund, roll))
    html = assert_status(c, LIST, 200).content.decode()
    assert mal.text in html and planerad.text in html
    assert reverse("uppfoljning:mal-edit", args=[mal.pk]) not in html
    for url in _write_urls(mal, malomrade, planerad):
        assert_status(c, url, 403)
        assert_status(c, url, 403, "post", {"text": "x", "lock_version_loaded": 0})
    assert Mal.objects.get().text == mal.text


def test_styrgrupp_gets_403(client_for, styrgrupp, mal, malomrade, planerad):
    c = client_for(styrgrupp)
    for url in [INDEX, LIST, *_write_urls(mal, malomrade, planerad)]:
        assert_status(c, url, 403)


def test_outsider_gets_404(client_for, outsider, mal, malomrade, planerad):
    c = client_for(outsider)
    for url in _write_urls(mal, malomrade, planerad):
        assert_status(c, url, 404)
        assert_status(c, url, 404, "post", {"text": "x", "lock_version_loaded": 0})
    assert mal.text not in assert_status(c, LIST, 200).content.decode()


def test_wrong_method_405(client_for, kansli, mal, malomrade, planerad):
    c = client_for(kansli)
    for url in (INDEX, LIST):
        assert_status(c, url, 405, "post")
    for url in _write_urls(mal, malomrade, planerad):
        assert_status(c, url, 405, "put")


def test_kansli_adds_goal_and_planned_activity(empty_db, client_for, kansli, forbund, malomrade):
    c = client_for(kansli)
    url = reverse("uppfoljning:mal-create", args=[2025, malomrade.pk])
    assert_status(c, url, 200)
    response = c.post(url, {"malomrade": malomrade.pk, "text": "Nytt mål", "ordning": 2})
    assert response.status_code == 302
    mal = Mal.objects.get(text="Nytt mål")
    assert (mal.ar, mal.forbund, mal.malomrade) == (2025, forbund, malomrade)
    url = reverse("uppfoljning:mal-aktivitet-create", args=[mal.pk])
    assert 'value="1"' in c.get(url).content.decode()  # next ordning
    assert c.post(url, {"text": "Utbilda", "ordning": 1}).status_code == 302
    assert PlaneradAktivitet.objects.get().mal == mal


def test_kansli_reorders_and_deletes(empty_db, client_for, kansli, mal, planerad):
    c = client_for(kansli)
    url = reverse("uppfoljning:mal-aktivitet-edit", args=[planerad.pk])
    data = {"text": planerad.text, "ordning": 5, "lock_version_loaded": 0}
    assert c.post(url, data).status_code == 302
    planerad.refresh_from_db()
    assert planerad.ordning == 5
    url = reverse("uppfoljning:mal-delete", args=[mal.pk])
    assert c.post(url, {"lock_version_loaded": 0}).status_code == 302
    assert not Mal.objects.exists() and not PlaneradAktivitet.objects.exists()


def test_uppfoljning_create_edit_and_wrong_assessment(empty_db, client_for, kansli, mal):
    c = client_for(kansli)
    url = reverse("uppfoljning:mal-uppfoljning", args=[mal.pk, "delar"])
    response = c.post(url, {"utfall": "Allt går bra", "bedomning": B.UPPFYLLT})
    assert response.status_code == 200
    assert "Vid delår kan bedömningen vara i fas eller ej i fas." in response.content.decode()
    assert not Maluppfoljning.objects.exists()
    assert c.post(url, {"utfall": "Allt går bra", "bedomning": B.I_FAS}).status_code == 302
    upp = Maluppfoljning.objects.get()
    assert (upp.tillfalle, upp.bedomning) == (T.DELAR, B.I_FAS)
    data = {"utfall": "Sämre", "bedomning": B.EJ_I_FAS, "lock_version_loaded": 0}
    assert c.post(url, data).status_code == 302
    upp.refresh_from_db()
    assert upp.bedomning == B.EJ_I_FAS
    helar = reverse("uppfoljning:mal-uppfoljning", args=[mal.pk, "helar"])
    assert c.post(helar, {"utfall": "x", "bedomning": B.I_FAS}).status_code == 200
    assert c.post(helar, {"utfall": "x", "bedomning": B.DELVIS}).status_code == 302
    assert_status(c, reverse("uppfoljning:mal-uppfoljning", args=[mal.pk, "kvartal"]), 404)


def test_concurrent_goal_edit_refused_and_input_kept(client_for, kansli, mal, malomrade):
    kollega = Mal.objects.get(pk=mal.pk)
    kollega.ordning += 1  # an unchanged save would not bump the version
    helpers.services.mal_save(mal=kollega, expected_version=0)
    url = reverse("uppfoljning:mal-edit", args=[mal.pk])
    data = {
        "malomrade": malomrade.pk,
        "text": "Min version",
        "ordning": 1,
        "lock_version_loaded": 0,
    }
    response = client_for(kansli).post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat" in html and "Min version" in html


def test_read_page_shows_badges(client_for, styrelse, mal, planerad):
    helpers.make_uppfoljning(mal, T.DELAR, B.I_FAS, "Halvvägs")
    helpers.make_uppfoljning(mal, T.HELAR, B.DELVIS, "Nästan")
    html = assert_status(client_for(styrelse), LIST, 200).content.decode()
    assert "Mål och uppföljning 2025" in html
    assert "Målområde: Individinsatser" in html
    assert ">I fas</span>" in html and ">Delvis uppfyllt</span>" in html
    assert "Halvvägs" in html and "Nästan" in html


# session, user, the user's förbund, målområden, mål, planned activities, follow-ups
LIST_QUERIES = 7


@pytest.mark.parametrize("n", [5, 50])
def test_list_queries_do_not_grow(client_for, kansli, forbund, django_assert_num_queries, n):
    omraden = [factories.make_malomrade(forbund) for _ in range(3)]
    for i in range(n):
        mal = helpers.make_mal(forbund, omraden[i % 3], text=f"Mål nr {i}", ordning=i)
        helpers.make_planerad(mal)
        helpers.make_uppfoljning(mal, T.DELAR, B.I_FAS)
        helpers.make_uppfoljning(mal, T.HELAR, B.UPPFYLLT)
    c = client_for(kansli)
    with django_assert_num_queries(LIST_QUERIES):
        response = c.get(LIST)
    html = response.content.decode()
    assert html.count('class="card mb-3 mal"') == n
    assert html.count(">Uppfyllt</span>") == n
