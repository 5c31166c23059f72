"""The workflow services: each transition only for the right role and state."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.uppfoljning.deltagarrapport.test_helpers import (
    good_values,
    open_period,
    rapport_for,
    save_values,
    submitted,
)
from uppfoljning.deltagarrapport import services
from uppfoljning.models import Deltagarrapport, Rapporthandelse

S = Deltagarrapport.Status


@pytest.fixture
def rapport(forbund, kansli, insats):
    return rapport_for(open_period(forbund, kansli, [insats]), insats)


def _handelser(rapport):
    return list(rapport.handelser.values_list("handelse", flat=True))


def test_opening_logs_skapad(rapport, kansli):
    h = rapport.handelser.get()
    assert (h.handelse, h.anvandare) == ("skapad", kansli)


@pytest.mark.parametrize("who", ["styrgrupp", "kansli"])
def test_steering_group_member_or_kansli_submits(request, rapport, who):
    user = request.getfixturevalue(who)
    submitted(rapport, user)
    rapport.refresh_from_db()
    assert rapport.status == S.INSKICKAD
    h = rapport.handelser.last()
    assert (h.handelse, h.anvandare) == ("inskickad", user)


@pytest.mark.parametrize("who", ["styrelse", "revisor", "outsider"])
def test_others_cannot_submit(request, rapport, kansli, who):
    save_values(rapport, kansli, good_values(rapport))
    with pytest.raises(PermissionDenied):
        services.rapport_skicka_in(rapport=rapport, anvandare=request.getfixturevalue(who))


def test_a_member_of_another_steering_group_cannot_submit(forbund, rapport, kansli):
    other = factories.make_user(forbund, "styrgrupp")
    factories.make_insats(forbund, styrgrupp=[other])
    save_values(rapport, kansli, good_values(rapport))
    with pytest.raises(PermissionDenied):
        services.rapport_skicka_in(rapport=rapport, anvandare=other)


def test_submit_refuses_inconsistent_stored_figures(rapport, styrgrupp):
    with pytest.raises(ValidationError, match="går inte att skicka in"):
        services.rapport_skicka_in(rapport=rapport, anvandare=styrgrupp)
    assert rapport.status == S.UTKAST


def test_submit_twice_is_refused(rapport, styrgrupp):
    submitted(rapport, styrgrupp)
    with pytest.raises(ValidationError, match="inskickad och kan inte skickas in"):
        services.rapport_skicka_in(rapport=rapport, anvandare=styrgrupp)


def test_kansli_approves_and_the_report_is_locked(rapport, styrgrupp, kansli):
    submitted(rapport, styrgrupp)
    services.rapport_godkann(rapport=rapport, anvandare=kansli)
    rapport.refresh_from_db()
    assert rapport.status == S.GODKAND
    assert _handelser(rapport) == ["skapad", "inskickad", "godkand"]
    for user in (styrgrupp, kansli):
        with pytest.raises(ValidationError, match="godkänd och kan inte ändras"):
            save_values(rapport, user, {})
    with pytest.raises(ValidationError):
        services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="Fel")


@pytest.mark.parametrize("who", ["styrgrupp", "styrelse", "revisor", "outsider"])
def test_only_kansli_approves_returns_and_reopens(request, rapport, styrgrupp, who):
    submitted(rapport, styrgrupp)
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.rapport_godkann(rapport=rapport, anvandare=user)
    with pytest.raises(PermissionDenied):
        services.rapport_returnera(rapport=rapport, anvandare=user, kommentar="Rätta")
    with pytest.raises(PermissionDenied):
        services.rapport_ateroppna(rapport=rapport, anvandare=user, kommentar="Rätta")
    rapport.refresh_from_db()
    assert rapport.status == S.INSKICKAD


def test_a_draft_cannot_be_approved_or_returned(rapport, kansli):
    with pytest.raises(ValidationError, match="utkast och kan inte godkännas"):
        services.rapport_godkann(rapport=rapport, anvandare=kansli)
    with pytest.raises(ValidationError, match="returneras"):
        services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="x")
    with pytest.raises(ValidationError, match="återöppnas"):
        services.rapport_ateroppna(rapport=rapport, anvandare=kansli, kommentar="x")


def test_return_needs_a_comment_and_can_be_resubmitted(rapport, styrgrupp, kansli):
    submitted(rapport, styrgrupp)
    with pytest.raises(ValidationError, match="Skriv vad styrgruppen behöver rätta"):
        services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="  ")
    services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="Stäm av åldrarna")
    rapport.refresh_from_db()
    assert rapport.status == S.RETURNERAD
    assert rapport.handelser.last().kommentar == "Stäm av åldrarna"
    services.rapport_skicka_in(rapport=rapport, anvandare=styrgrupp)
    rapport.refresh_from_db()
    assert rapport.status == S.INSKICKAD


def test_reopen_needs_a_reason_and_returns_to_draft(rapport, styrgrupp, kansli):
    submitted(rapport, styrgrupp)
    services.rapport_godkann(rapport=rapport, anvandare=kansli)
    with pytest.raises(ValidationError, match="Skriv varför"):
        services.rapport_ateroppna(rapport=rapport, anvandare=kansli, kommentar="")
    services.rapport_ateroppna(rapport=rapport, anvandare=kansli, kommentar="Nya siffror från Fk")
    rapport.refresh_from_db()
    assert rapport.status == S.UTKAST
    h = rapport.handelser.last()
    assert (h.handelse, h.kommentar, h.anvandare) == (
        Rapporthandelse.Handelse.ATEROPPNAD,
        "Nya siffror från Fk",
        kansli,
    )
    save_values(rapport, styrgrupp, {})  # editable again
