"""The notice services: direct mails after the commit, the weekly digest, the setting."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from finsam.models import Notis, Notisinstallning
from finsam.notiser import services
from tests import factories


@pytest.fixture(autouse=True)
def _utan_demo(empty_db):
    """Without the demo's notices: the digest reads every user's."""


def _user(forbund, roll="kansli", satt=None, email=True):
    user = factories.make_user(forbund, roll)
    if email:
        user.email = f"{user.username}@example.org"
        user.save()
    if satt:
        Notisinstallning.objects.create(anvandare=user, satt=satt)
    return user


def _notifiera(users, forbund, rubrik="Något hände", **kw):
    return services.notifiera(
        users, forbund=forbund, typ="test", rubrik=rubrik, text="Detaljer", lank="/x/", **kw
    )


def test_direct_mail_per_recipient_after_commit(forbund, django_capture_on_commit_callbacks):
    a, b = _user(forbund), _user(forbund)
    with django_capture_on_commit_callbacks(execute=True):
        notiser = _notifiera([a, b, a], forbund, base_url="https://finsam.test/")
    assert len(notiser) == 2  # each recipient once
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])
    brev = mail.outbox[0]
    assert brev.subject == "Något hände"
    assert "Detaljer" in brev.body and "https://finsam.test/x/" in brev.body
    assert "https://finsam.test/notiser/installningar/" in brev.body
    assert not Notis.objects.filter(mailad__isnull=True).exists()


def test_no_mail_for_digest_and_none_settings(forbund, django_capture_on_commit_callbacks):
    vecka, ingen = _user(forbund, satt="vecka"), _user(forbund, satt="ingen")
    with django_capture_on_commit_callbacks(execute=True):
        _notifiera([vecka, ingen], forbund)
    assert mail.outbox == []
    assert Notis.objects.filter(mailad__isnull=True).count() == 2


def test_the_demo_mode_mails_never(forbund, django_capture_on_commit_callbacks):
    direkt, vecka = _user(forbund), _user(forbund, satt="vecka")
    with django_capture_on_commit_callbacks(execute=True):
        _notifiera([direkt, vecka], forbund, skicka_epost=False)
    assert mail.outbox == []
    assert services.skicka_veckosammanfattning() == 0


def test_a_failing_mail_server_leaves_the_notice_unmailed(
    forbund, monkeypatch, django_capture_on_commit_callbacks
):
    user = _user(forbund)

    def trasig(self, *a, **k):
        raise OSError("SMTP nere")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", trasig)
    with django_capture_on_commit_callbacks(execute=True):
        _notifiera([user], forbund)
    notis = Notis.objects.get(mottagare=user)
    assert notis.mailad is None


def test_digest_one_mail_per_user_of_the_week_only_and_idempotent(forbund, annat_forbund):
    vecka = _user(forbund, satt="vecka")
    annan = _user(annat_forbund, satt="vecka")
    direkt = _user(forbund)
    utan_adress = _user(forbund, satt="vecka", email=False)
    _notifiera([vecka, direkt, utan_adress], forbund, rubrik="Ny i veckan")
    _notifiera([vecka], forbund, rubrik="Också ny")
    _notifiera([annan], annat_forbund, rubrik="I andra förbundet")
    gammal = _notifiera([vecka], forbund, rubrik="Förra månaden")[0]
    Notis.objects.filter(pk=gammal.pk).update(skapad=timezone.now() - timedelta(days=30))
    mail.outbox.clear()

    out = StringIO()
    call_command("skicka_veckosammanfattning", "--url", "https://finsam.test", stdout=out)
    assert "2 sammanfattningar skickade" in out.getvalue()
    per_mottagare = {m.to[0]: m for m in mail.outbox}
    assert sorted(per_mottagare) == sorted([vecka.email, annan.email])
    brev = per_mottagare[vecka.email]
    assert "2 nya notiser" in brev.subject
    assert "Ny i veckan" in brev.body and "Också ny" in brev.body
    assert "Förra månaden" not in brev.body and "I andra förbundet" not in brev.body
    assert "https://finsam.test/x/" in brev.body
    assert "I andra förbundet" in per_mottagare[annan.email].body

    mail.outbox.clear()
    call_command("skicka_veckosammanfattning", stdout=StringIO())
    assert mail.outbox == []


def test_setting_saved_only_when_changed(forbund):
    user = _user(forbund)
    assert services.installning_spara(anvandare=user, satt="direkt") is None
    assert not Notisinstallning.objects.exists()
    rad = services.installning_spara(anvandare=user, satt="vecka")
    assert rad.satt == "vecka"
    services.installning_spara(anvandare=user, satt="vecka")
    services.installning_spara(anvandare=user, satt="direkt")
    assert Notisinstallning.objects.get(anvandare=user).satt == "direkt"
    assert Notisinstallning.objects.count() == 1
