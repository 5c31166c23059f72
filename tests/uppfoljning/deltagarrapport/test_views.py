"""The report pages and workflow buttons: every view, every role.

A styrgrupp user reaches only their own insats's reports; another insats's report answers
404 for GET and POST alike, so its existence is never revealed."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.uppfoljning.deltagarrapport.test_helpers import (
    good_values,
    open_period,
    post_data,
    rapport_for,
    submitted,
)
from uppfoljning.models import Deltagarrapport

S = Deltagarrapport.Status
POSTS = ["rapport-godkann", "rapport-returnera", "rapport-ateroppna"]


@pytest.fixture
def period(forbund, kansli, insats, annan_insats):
    return open_period(forbund, kansli, [insats, annan_insats])


@pytest.fixture
def rapport(period, insats):
    return rapport_for(period, insats)


@pytest.fixture
def annan_rapport(period, annan_insats):
    return rapport_for(period, annan_insats)


def _url(name, rapport):
    return reverse(f"uppfoljning:{name}", args=[rapport.pk])


@pytest.mark.parametrize("name", ["rapport-detail", "rapport-edit", *POSTS])
def test_anonymous_is_sent_to_login(client, rapport, name):
    method = "post" if name in POSTS else "get"
    assert_requires_login(client, _url(name, rapport), method, {"kommentar": "x"})


def test_anonymous_list(client, db):
    assert_requires_login(client, reverse("uppfoljning:rapport-mina"))


@pytest.mark.parametrize("name", ["rapport-detail", "rapport-edit"])
@pytest.mark.parametrize("who", ["kansli", "styrgrupp", "styrelse", "revisor"])
def test_who_reads_and_who_edits(request, client_for, rapport, name, who):
    expected = 403 if name == "rapport-edit" and who in ("styrelse", "revisor") else 200
    assert_status(client_for(request.getfixturevalue(who)), _url(name, rapport), expected)


@pytest.mark.parametrize("name", ["rapport-detail", "rapport-edit", *POSTS])
def test_outsider_gets_404(client_for, outsider, rapport, name):
    method = "post" if name in POSTS else "get"
    assert_status(client_for(outsider), _url(name, rapport), 404, method, {"kommentar": "x"})


@pytest.mark.parametrize("name", ["rapport-detail", "rapport-edit", *POSTS])
def test_styrgrupp_cannot_learn_of_another_insats_report(
    client_for, styrgrupp, annan_rapport, name
):
    c = client_for(styrgrupp)
    if name not in POSTS:
        assert_status(c, _url(name, annan_rapport), 404)
    if name != "rapport-detail":  # the detail page answers 405 to any POST, for any pk
        assert_status(c, _url(name, annan_rapport), 404, "post", {"kommentar": "x"})


def test_styrgrupp_cannot_submit_another_insats_report(client_for, styrgrupp, annan_rapport):
    data = post_data(annan_rapport, good_values(annan_rapport), action="skicka")
    assert_status(client_for(styrgrupp), _url("rapport-edit", annan_rapport), 404, "post", data)
    annan_rapport.refresh_from_db()
    assert annan_rapport.status == S.UTKAST
    assert not annan_rapport.varden.exists()


def test_my_reports_lists_only_my_own(client_for, styrgrupp, rapport, annan_rapport):
    response = client_for(styrgrupp).get(reverse("uppfoljning:rapport-mina"))
    assert list(response.context["rapporter"]) == [rapport]
    assert annan_rapport.insats.namn not in response.content.decode()


@pytest.mark.parametrize("who", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("name", POSTS)
def test_readers_and_styrgrupp_cannot_review(request, client_for, rapport, styrgrupp, who, name):
    submitted(rapport, styrgrupp)
    assert_status(
        client_for(request.getfixturevalue(who)),
        _url(name, rapport),
        403,
        "post",
        {"kommentar": "x"},
    )
    rapport.refresh_from_db()
    assert rapport.status == S.INSKICKAD


@pytest.mark.parametrize("who", ["styrelse", "revisor"])
def test_readers_cannot_post_the_form(request, client_for, rapport, who):
    data = post_data(rapport, good_values(rapport), action="skicka")
    assert_status(
        client_for(request.getfixturevalue(who)), _url("rapport-edit", rapport), 403, "post", data
    )
    assert not rapport.varden.exists()


@pytest.mark.parametrize("name", POSTS)
def test_wrong_method(client_for, kansli, rapport, name):
    assert_status(client_for(kansli), _url(name, rapport), 405)


def test_wrong_method_on_pages(client_for, kansli, rapport):
    assert_status(client_for(kansli), _url("rapport-detail", rapport), 405, "post")
    assert_status(client_for(kansli), reverse("uppfoljning:rapport-mina"), 405, "post")


def test_kansli_approves_through_the_page_and_the_timeline_shows_it(
    client_for, kansli, styrgrupp, rapport
):
    submitted(rapport, styrgrupp)
    c = client_for(kansli)
    response = c.post(_url("rapport-godkann", rapport), follow=True)
    rapport.refresh_from_db()
    assert rapport.status == S.GODKAND
    html = response.content.decode()
    assert "Rapporten är godkänd." in html
    assert "Inskickad" in html and "Godkänd" in html and str(styrgrupp) in html
    # Locked: the edit page sends everyone back, and a POST changes nothing.
    for user in (kansli, styrgrupp):
        c = client_for(user)
        assert c.get(_url("rapport-edit", rapport)).status_code == 302
        c.post(_url("rapport-edit", rapport), post_data(rapport, {}, vad_gick_bra="Ändrat"))
        rapport.refresh_from_db()
        assert rapport.vad_gick_bra == ""


def test_return_without_a_comment_is_refused(client_for, kansli, styrgrupp, rapport):
    submitted(rapport, styrgrupp)
    response = client_for(kansli).post(_url("rapport-returnera", rapport), {}, follow=True)
    assert "Skriv en kommentar." in response.content.decode()
    rapport.refresh_from_db()
    assert rapport.status == S.INSKICKAD
    client_for(kansli).post(_url("rapport-returnera", rapport), {"kommentar": "Rätta åldrarna"})
    rapport.refresh_from_db()
    assert rapport.status == S.RETURNERAD


def test_reopen_needs_a_reason_through_the_page(client_for, kansli, styrgrupp, rapport):
    submitted(rapport, styrgrupp)
    c = client_for(kansli)
    c.post(_url("rapport-godkann", rapport))
    c.post(_url("rapport-ateroppna", rapport), {"kommentar": ""})
    rapport.refresh_from_db()
    assert rapport.status == S.GODKAND
    c.post(_url("rapport-ateroppna", rapport), {"kommentar": "Rättelse från teamet"})
    rapport.refresh_from_db()
    assert rapport.status == S.UTKAST


def test_the_detail_shows_exact_figures(client_for, kansli, styrgrupp, rapport):
    submitted(rapport, styrgrupp)
    html = client_for(kansli).get(_url("rapport-detail", rapport)).content.decode()
    assert ">2<" in html  # a small count is shown as it is


def test_radgivande_team_reports_survey_answers(client_for, forbund, kansli, styrgrupp):
    rmgt = factories.make_insats(forbund, typ="radgivande_team", styrgrupp=[styrgrupp])
    rapport = rapport_for(open_period(forbund, kansli, [rmgt], ar=2025), rmgt)
    c = client_for(styrgrupp)
    assert "Genomförda konsultationer" in c.get(_url("rapport-edit", rapport)).content.decode()
    data = post_data(rapport, {})
    data.update(
        {
            "enkat-TOTAL_FORMS": "2",
            "enkat-INITIAL_FORMS": "0",
            "enkat-0-fraga": "Fick du stöd?",
            "enkat-0-ja_helt": "5",
            "enkat-0-ja_delvis": "2",
            "enkat-0-nej": "1",
        }
    )
    assert c.post(_url("rapport-edit", rapport), data).status_code == 302
    svar = rapport.enkatsvar.get()
    assert (svar.fraga, svar.n) == ("Fick du stöd?", 8)
