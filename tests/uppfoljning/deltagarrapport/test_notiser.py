"""The workflow's notices: who gets a notice and an e-mail when a report is submitted,
returned or approved, and that nobody of another förbund or another insats does.

The e-mails leave when the transaction commits (`transaction.on_commit`): the tests run
the callbacks with `django_capture_on_commit_callbacks(execute=True)`.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from finsam.models import Notis, Notisinstallning
from tests import factories
from tests.uppfoljning.deltagarrapport.test_helpers import (
    good_values,
    open_period,
    post_data,
    rapport_for,
    save_values,
)
from uppfoljning.deltagarrapport import services
from uppfoljning.models import Deltagarrapport

S = Deltagarrapport.Status


@pytest.fixture(autouse=True)
def _utan_demo(empty_db):
    """Without the demo's notices: the tests count every notice."""


@pytest.fixture
def folk(forbund, annat_forbund, insats, annan_insats, kansli, styrgrupp):
    """Everybody who could be notified, each with an e-mail address."""
    kansli.email = "kansli1@example.org"
    kansli.save()
    styrgrupp.email = "styrgrupp@example.org"
    styrgrupp.save()
    annan_styrgrupp = factories.make_user(forbund, "styrgrupp", email="annan-sg@example.org")
    annan_insats.styrgrupp.add(annan_styrgrupp)
    return {
        "kansli": kansli,
        "kansli2": factories.make_user(forbund, "kansli", email="kansli2@example.org"),
        "styrgrupp": styrgrupp,
        "styrgrupp2": factories.make_user(forbund, "styrgrupp", email="sg2@example.org"),
        "annan_styrgrupp": annan_styrgrupp,
        "styrelse": factories.make_user(forbund, "styrelse", email="styrelse@example.org"),
        "revisor": factories.make_user(forbund, "revisor", email="revisor@example.org"),
        "annat_kansli": factories.make_user(annat_forbund, "kansli", email="annat@example.org"),
    }


@pytest.fixture
def rapport(forbund, kansli, insats, folk):
    insats.styrgrupp.add(folk["styrgrupp2"])
    rapport = rapport_for(open_period(forbund, kansli, [insats]), insats)
    mail.outbox.clear()  # the period's opening mail
    return rapport


def _mottagare():
    return sorted(a for m in mail.outbox for a in m.to)


def _notiser(typ):
    return sorted(Notis.objects.filter(typ=typ).values_list("mottagare__username", flat=True))


def _skicka_in_via_sidan(client, rapport):
    url = reverse("uppfoljning:rapport-edit", args=[rapport.pk])
    rapport.refresh_from_db()
    return client.post(url, post_data(rapport, good_values(rapport), action="skicka"))


def test_submitted_by_the_steering_group_mails_the_forbunds_kansli_only(
    client_for, rapport, folk, insats, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        svar = _skicka_in_via_sidan(client_for(folk["styrgrupp"]), rapport)
    assert svar.status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == S.INSKICKAD
    assert _mottagare() == ["kansli1@example.org", "kansli2@example.org"]
    assert _notiser("rapport_inskickad") == sorted(
        [folk["kansli"].username, folk["kansli2"].username]
    )
    brev = mail.outbox[0]
    assert len(brev.to) == 1  # one e-mail each: nobody sees the others' addresses
    assert str(insats) in brev.subject and "2026" in brev.subject
    assert str(rapport.period) in brev.subject
    assert str(folk["styrgrupp"]) in brev.body
    # The link is absolute, from the request.
    assert f"http://testserver/uppfoljning/rapporter/{rapport.pk}/" in brev.body


def test_submitted_by_kansli_notifies_the_other_kansli_not_the_one_who_did_it(
    rapport, folk, django_capture_on_commit_callbacks
):
    save_values(rapport, folk["kansli"], good_values(rapport))
    with django_capture_on_commit_callbacks(execute=True):
        services.rapport_skicka_in(
            rapport=rapport, anvandare=folk["kansli"], base_url="https://finsam.test"
        )
    assert _mottagare() == ["kansli2@example.org"]
    assert "https://finsam.test/uppfoljning/rapporter/" in mail.outbox[0].body


def test_returned_mails_the_insats_steering_group_with_the_comment(
    client_for, rapport, folk, insats, django_capture_on_commit_callbacks
):
    save_values(rapport, folk["styrgrupp"], good_values(rapport))
    services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_for(folk["kansli"]).post(
            reverse("uppfoljning:rapport-returnera", args=[rapport.pk]),
            {"kommentar": "Antalet nya kvinnor verkar för högt, kontrollera raden."},
        )
    assert svar.status_code == 302
    assert _mottagare() == ["sg2@example.org", "styrgrupp@example.org"]
    for brev in mail.outbox:
        assert "returnerad" in brev.subject and str(insats) in brev.subject
        assert "Antalet nya kvinnor verkar för högt, kontrollera raden." in brev.body
        assert f"http://testserver/uppfoljning/rapporter/{rapport.pk}/andra/" in brev.body
    notis = Notis.objects.get(typ="rapport_returnerad", mottagare=folk["styrgrupp"])
    assert "Antalet nya kvinnor verkar för högt" in notis.text
    assert notis.mailad is not None and notis.last is None


def test_approved_mails_the_steering_group(
    client_for, rapport, folk, django_capture_on_commit_callbacks
):
    save_values(rapport, folk["styrgrupp"], good_values(rapport))
    services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_for(folk["kansli"]).post(
            reverse("uppfoljning:rapport-godkann", args=[rapport.pk])
        )
    assert svar.status_code == 302
    assert _mottagare() == ["sg2@example.org", "styrgrupp@example.org"]
    assert all("godkänd" in b.subject for b in mail.outbox)
    assert _notiser("rapport_godkand") == sorted(
        [folk["styrgrupp"].username, folk["styrgrupp2"].username]
    )


def test_nobody_of_another_forbund_or_another_insats_or_the_readers_is_notified(
    rapport, folk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_values(rapport, folk["styrgrupp"], good_values(rapport))
        services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
        services.rapport_returnera(rapport=rapport, anvandare=folk["kansli"], kommentar="Rätta")
        services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
        services.rapport_godkann(rapport=rapport, anvandare=folk["kansli"])
    aldrig = {folk[k] for k in ("annan_styrgrupp", "styrelse", "revisor", "annat_kansli")}
    assert not Notis.objects.filter(mottagare__in=aldrig).exists()
    assert not {u.email for u in aldrig} & set(_mottagare())
    # Two submissions to two kansli, a return and an approval to two steering-group members.
    assert len(mail.outbox) == 8
    assert Notis.objects.count() == 8


def test_a_member_of_another_forbund_in_the_steering_group_is_not_notified(
    rapport, folk, insats, django_capture_on_commit_callbacks
):
    """A user wrongly added to the steering group from another förbund gets nothing."""
    insats.styrgrupp.add(folk["annat_kansli"])
    save_values(rapport, folk["styrgrupp"], good_values(rapport))
    services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    with django_capture_on_commit_callbacks(execute=True):
        services.rapport_godkann(rapport=rapport, anvandare=folk["kansli"])
    assert "annat@example.org" not in _mottagare()
    assert not Notis.objects.filter(mottagare=folk["annat_kansli"]).exists()


def test_inactive_users_and_users_without_address(
    rapport, folk, django_capture_on_commit_callbacks
):
    folk["kansli2"].is_active = False
    folk["kansli2"].save()
    folk["kansli"].email = ""
    folk["kansli"].save()
    save_values(rapport, folk["styrgrupp"], good_values(rapport))
    with django_capture_on_commit_callbacks(execute=True):
        services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    assert mail.outbox == []
    # The kansli without an address still has the notice in the app.
    assert _notiser("rapport_inskickad") == [folk["kansli"].username]


def test_a_refused_step_notifies_nobody(rapport, folk, django_capture_on_commit_callbacks):
    save_values(rapport, folk["styrgrupp"], good_values(rapport))
    services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    mail.outbox.clear()
    Notis.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Exception, match="rätta"):
            services.rapport_returnera(rapport=rapport, anvandare=folk["kansli"], kommentar=" ")
        with pytest.raises(Exception, match="inskickad"):
            services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    assert mail.outbox == []
    assert not Notis.objects.exists()


def test_the_mail_waits_for_the_commit(rapport, folk, django_capture_on_commit_callbacks):
    save_values(rapport, folk["styrgrupp"], good_values(rapport))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
    assert mail.outbox == []  # not sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 2


def test_digest_users_get_no_single_mail_and_one_digest(
    rapport, folk, insats, django_capture_on_commit_callbacks
):
    Notisinstallning.objects.create(anvandare=folk["styrgrupp"], satt="vecka")
    Notisinstallning.objects.create(anvandare=folk["styrgrupp2"], satt="ingen")
    Notisinstallning.objects.create(anvandare=folk["kansli2"], satt="vecka")
    with django_capture_on_commit_callbacks(execute=True):
        save_values(rapport, folk["styrgrupp"], good_values(rapport))
        services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
        services.rapport_returnera(rapport=rapport, anvandare=folk["kansli"], kommentar="Rätta")
        services.rapport_skicka_in(rapport=rapport, anvandare=folk["styrgrupp"])
        services.rapport_godkann(rapport=rapport, anvandare=folk["kansli"])
    # Single mails only to the kansli with the default setting (two submissions).
    assert _mottagare() == ["kansli1@example.org", "kansli1@example.org"]
    # Everybody has the notices in the app, whatever the setting.
    assert Notis.objects.filter(mottagare=folk["styrgrupp2"]).count() == 2
    mail.outbox.clear()

    call_command("skicka_veckosammanfattning", "--url", "https://finsam.test", stdout=None)
    assert _mottagare() == ["kansli2@example.org", "styrgrupp@example.org"]
    sg = next(b for b in mail.outbox if b.to == ["styrgrupp@example.org"])
    assert "2 nya notiser" in sg.subject
    assert "returnerad" in sg.body and "godkänd" in sg.body and "Rätta" in sg.body
    assert str(insats) in sg.body
    assert f"https://finsam.test/uppfoljning/rapporter/{rapport.pk}/" in sg.body
    assert not Notis.objects.filter(mottagare=folk["styrgrupp"], mailad__isnull=True).exists()

    mail.outbox.clear()
    call_command("skicka_veckosammanfattning", "--url", "https://finsam.test", stdout=None)
    assert mail.outbox == []  # idempotent: everything is mailed
