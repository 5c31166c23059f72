"""Opening a period, the kansli overview and the one-click reminder: every role."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from insatser.models import Insats
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.uppfoljning.deltagarrapport.test_helpers import open_period, rapport_for, submitted
from uppfoljning.models import Deltagarrapport, Matt, Rapportperiod


@pytest.fixture
def styrgrupp_med_epost(styrgrupp):
    styrgrupp.email = "styrgrupp@example.org"
    styrgrupp.save()
    return styrgrupp


@pytest.fixture
def period(forbund, kansli, insats, annan_insats, styrgrupp_med_epost):
    return open_period(forbund, kansli, [insats, annan_insats], sista_dag=date(2026, 12, 15))


def _data(insatser, **kw):
    data = {"ar": 2026, "typ": "h1", "sista_dag": "2026-12-15"}
    data["insatser"] = [i.pk for i in insatser]
    data.update(kw)
    return data


def test_kansli_opens_a_period(client_for, forbund, kansli, insats, styrgrupp_med_epost):
    response = client_for(kansli).post(reverse("uppfoljning:period-create"), _data([insats]))
    period = Rapportperiod.objects.get(forbund=forbund)
    assert response.status_code == 302
    assert response["Location"] == reverse("uppfoljning:period-detail", args=[period.pk])
    rapport = period.rapporter.get()
    assert (rapport.insats, rapport.status) == (insats, Deltagarrapport.Status.UTKAST)
    assert rapport.handelser.get().handelse == "skapad"
    assert Matt.objects.filter(forbund=forbund, kod="deltagare").exists()
    assert period.oppnad is not None
    # The steering group is told, with a link to its report.
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["styrgrupp@example.org"]
    assert reverse("uppfoljning:rapport-edit", args=[rapport.pk]) in msg.body
    assert msg.body.count("http://testserver/") == 1


def test_no_mail_without_an_address(client_for, kansli, annan_insats):
    client_for(kansli).post(reverse("uppfoljning:period-create"), _data([annan_insats]))
    assert mail.outbox == []


def test_the_same_period_cannot_be_opened_twice(client_for, kansli, period, insats):
    response = client_for(kansli).post(reverse("uppfoljning:period-create"), _data([insats]))
    assert response.status_code == 200
    assert response.context["form"].errors["typ"] == ["Perioden är redan öppnad."]


def test_default_insatser_are_the_years_individinsatser_and_rmgt(client_for, forbund, kansli):
    st = factories.make_insats(forbund)
    rmgt = factories.make_insats(forbund, typ=Insats.Typ.RADGIVANDE_TEAM)
    factories.make_insats(forbund, typ=Insats.Typ.METODUTVECKLING)
    factories.make_insats(forbund, startdatum=date(2015, 1, 1), slutdatum=date(2019, 12, 31))
    response = client_for(kansli).get(reverse("uppfoljning:period-create"))
    assert sorted(response.context["form"].initial["insatser"]) == sorted([st.pk, rmgt.pk])


def test_overview_shows_status_submitter_and_late(client_for, kansli, styrgrupp, period, insats):
    rapport = rapport_for(period, insats)
    submitted(rapport, styrgrupp)
    Rapportperiod.objects.filter(pk=period.pk).update(sista_dag=date(2020, 1, 1))
    response = client_for(kansli).get(reverse("uppfoljning:period-detail", args=[period.pk]))
    rader = {r.rapport.insats: r for r in response.context["rader"]}
    assert rader[insats].inskickad.anvandare == str(styrgrupp)
    assert rader[insats].sen is False
    late = [r for r in rader.values() if r.rapport.insats != insats][0]
    assert late.sen is True
    html = response.content.decode()
    assert "Försenad" in html and str(styrgrupp) in html
    assert "Påminn styrgrupperna (1)" in html


def test_overview_submitter_without_a_name_is_the_user_name(
    client_for, kansli, styrgrupp, period, insats
):
    styrgrupp.first_name = styrgrupp.last_name = ""
    styrgrupp.save()
    submitted(rapport_for(period, insats), styrgrupp)
    response = client_for(kansli).get(reverse("uppfoljning:period-detail", args=[period.pk]))
    rad = next(r for r in response.context["rader"] if r.rapport.insats == insats)
    assert rad.inskickad.anvandare == styrgrupp.username == str(styrgrupp)


def test_one_click_reminder(client_for, kansli, period, insats, annan_insats):
    mail.outbox.clear()
    url = reverse("uppfoljning:period-remind", args=[period.pk])
    response = client_for(kansli).post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1  # only the steering group with an e-mail address
    assert "Påminnelse" in mail.outbox[0].subject
    period.refresh_from_db()
    assert period.paminnelse_skickad is not None


def test_no_reminder_for_a_submitted_report(client_for, kansli, styrgrupp, period, insats):
    submitted(rapport_for(period, insats), styrgrupp)
    mail.outbox.clear()
    client_for(kansli).post(reverse("uppfoljning:period-remind", args=[period.pk]))
    assert mail.outbox == []


# --- the access matrix -------------------------------------------------------------------


def _urls(period):
    return {
        "period-list": (reverse("uppfoljning:period-list"), "get"),
        "period-detail": (reverse("uppfoljning:period-detail", args=[period.pk]), "get"),
        "period-create": (reverse("uppfoljning:period-create"), "get"),
        "period-remind": (reverse("uppfoljning:period-remind", args=[period.pk]), "post"),
    }


READ = {"period-list", "period-detail"}


@pytest.mark.parametrize("name", ["period-list", "period-detail", "period-create", "period-remind"])
def test_anonymous(client, period, name):
    url, method = _urls(period)[name]
    assert_requires_login(client, url, method)


@pytest.mark.parametrize("name", ["period-list", "period-detail", "period-create", "period-remind"])
@pytest.mark.parametrize("who", ["kansli", "styrelse", "revisor", "styrgrupp"])
def test_roles(request, client_for, period, name, who):
    url, method = _urls(period)[name]
    if who == "kansli":
        expected = 302 if name == "period-remind" else 200
    elif who in ("styrelse", "revisor"):
        expected = 200 if name in READ else 403
    else:
        expected = 403
    assert_status(client_for(request.getfixturevalue(who)), url, expected, method)


@pytest.mark.parametrize("name", ["period-detail", "period-remind"])
def test_outsider_kansli_gets_404(client_for, outsider, period, name):
    url, method = _urls(period)[name]
    assert_status(client_for(outsider), url, 404, method)
    assert mail.outbox[:0] == []


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("period-list", "post"),
        ("period-detail", "post"),
        ("period-remind", "get"),
        ("period-create", "put"),
    ],
)
def test_wrong_method(client_for, kansli, period, name, method):
    url, _m = _urls(period)[name]
    assert_status(client_for(kansli), url, 405, method)


def test_index_sends_each_role_to_its_list(client_for, kansli, styrgrupp, db):
    assert client_for(kansli).get(reverse("uppfoljning:index"))["Location"] == reverse(
        "uppfoljning:period-list"
    )
    assert client_for(styrgrupp).get(reverse("uppfoljning:index"))["Location"] == reverse(
        "uppfoljning:rapport-mina"
    )


def test_nav_links(client_for, kansli, styrgrupp, db):
    assert (
        "Uppföljning" in client_for(kansli).get(reverse("uppfoljning:period-list")).content.decode()
    )
    html = client_for(styrgrupp).get(reverse("uppfoljning:rapport-mina")).content.decode()
    assert reverse("uppfoljning:rapport-mina") in html
    assert reverse("uppfoljning:period-list") not in html


# --- query count -------------------------------------------------------------------------


def _period_with(forbund, kansli, styrgrupp, n):
    insatser = [factories.make_insats(forbund, styrgrupp=[styrgrupp]) for _ in range(n)]
    period = open_period(forbund, kansli, insatser, ar=2000 + n)
    for insats in insatser[::2]:
        submitted(rapport_for(period, insats), styrgrupp)
    return period


def test_overview_queries_do_not_grow(
    client_for, forbund, kansli, styrgrupp, django_assert_num_queries
):
    small = _period_with(forbund, kansli, styrgrupp, 5)
    large = _period_with(forbund, kansli, styrgrupp, 50)
    c = client_for(kansli)
    c.get(reverse("uppfoljning:period-detail", args=[small.pk]))  # warm the session
    counts = []
    for period in (small, large):
        # session, user, the user's förbund (navigation), period with förbund, reports
        # with insats and their latest 'inskickad' event (subqueries)
        with django_assert_num_queries(5) as ctx:
            response = c.get(reverse("uppfoljning:period-detail", args=[period.pk]))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
