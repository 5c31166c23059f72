"""Password reset by e-mail ("Glömt lösenord?" on the login page): the answer never says
whether the address exists, the link sets the password once, a deactivated user or förbund
gets no link, and the login throttling (django-axes) still holds afterwards."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from finsam.models import Forbund
from tests.factories import PASSWORD

NYTT = "ett-helt-nytt-losen-7"


@pytest.fixture
def med_epost(kansli):
    kansli.email = "kansli-reset@example.org"
    kansli.save()
    return kansli


def _begar(client, epost):
    return client.post(reverse("password_reset"), {"email": epost})


def _lank(brev) -> str:
    return re.search(r"https?://[^/\s]+(/nytt-losenord/\S+/)", brev.body).group(1)


def test_the_login_page_links_to_the_reset(client, db):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page and "Glömt lösenord?" in page
    form = client.get(reverse("password_reset")).content.decode()
    assert 'for="id_email"' in form and "Skicka länk" in form


def test_reset_mail_and_link_set_the_password_once(client, med_epost):
    response = _begar(client, "KANSLI-reset@example.org")
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    brev = mail.outbox[0]
    assert brev.to == ["kansli-reset@example.org"] and brev.subject == "Nytt lösenord till FINSAM"
    assert med_epost.username in brev.body
    lank = _lank(brev)
    sida = client.get(lank, follow=True)
    assert "Välj lösenord" in sida.content.decode()
    url = sida.redirect_chain[-1][0]
    svar = client.post(url, {"new_password1": NYTT, "new_password2": NYTT})
    assert svar.url == reverse("password_reset_complete")
    assert "_auth_user_id" not in client.session
    med_epost.refresh_from_db()
    assert med_epost.check_password(NYTT)
    assert "fungerar inte längre" in client.get(lank, follow=True).content.decode()
    assert client.get(reverse("password_reset_complete")).status_code == 200


def test_a_weak_password_is_refused_in_swedish(client, med_epost):
    _begar(client, med_epost.email)
    url = client.get(_lank(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    svar = client.post(url, {"new_password1": "kort", "new_password2": "kort"})
    assert svar.status_code == 200
    assert "för kort" in svar.content.decode()
    med_epost.refresh_from_db()
    assert med_epost.check_password(PASSWORD)


def test_the_answer_does_not_reveal_whether_the_address_exists(client, med_epost):
    finns = _begar(client, med_epost.email)
    finns_inte = _begar(client, "ingen@example.org")
    assert (finns.status_code, finns.url) == (finns_inte.status_code, finns_inte.url)
    assert len(mail.outbox) == 1  # only the real one
    sida = client.get(finns_inte.url).content.decode()
    assert "Om adressen hör till en inloggning" in sida


def test_no_link_for_a_deactivated_user_or_forbund(client, med_epost, styrelse):
    styrelse.email = "styrelse-reset@example.org"
    styrelse.is_active = False
    styrelse.save()
    _begar(client, styrelse.email)
    assert mail.outbox == []
    Forbund.objects.filter(pk=med_epost.forbund_id).update(aktiv=False)
    svar = _begar(client, med_epost.email)
    assert svar.url == reverse("password_reset_done") and mail.outbox == []


def test_a_reset_does_not_lift_the_login_lockout(client, med_epost):
    for _ in range(5):
        client.post(reverse("login"), {"username": med_epost.username, "password": "fel"})
    _begar(client, med_epost.email)
    url = client.get(_lank(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NYTT, "new_password2": NYTT})
    svar = client.post(reverse("login"), {"username": med_epost.username, "password": NYTT})
    assert svar.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_deactivated_user_is_refused_at_login(client, styrelse):
    styrelse.is_active = False
    styrelse.save()
    svar = client.post(reverse("login"), {"username": styrelse.username, "password": PASSWORD})
    assert svar.status_code == 200
    assert "Fel användarnamn eller lösenord" in svar.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_invited_user_without_a_password_can_ask_for_a_link(client, forbund):
    from finsam.models import User

    ny = User(username="inbjuden@example.org", email="inbjuden@example.org", forbund=forbund)
    ny.roll = "styrelse"
    ny.set_unusable_password()
    ny.save()
    _begar(client, "inbjuden@example.org")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["inbjuden@example.org"]
