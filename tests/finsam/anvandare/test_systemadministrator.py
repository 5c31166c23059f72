"""The systemadministratör: creates, renames and deactivates förbund and invites their first
kansli user; sees the förbund but none of their data (every page of SIDOR that is a
förbund's answers 404 or 403 to them, never 500)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from finsam.models import Forbund, User
from tests import factories
from tests.factories import PASSWORD
from tests.finsam.test_alla_sidor import SIDOR, new_state

#: The pages a systemadministratör uses (200), and those open to everybody logged in.
EGNA = {
    "finsam:system-start",
    "finsam:system-forbund-create",
    "finsam:system-forbund-edit",
    "finsam:system-forbund-status",
    "finsam:system-bjud-in",
    "finsam:system-kopiera-struktur",  # an action by förbund name; shows no data
}
ALLAS = {
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "finsam:notiser",  # their own notices (none)
    "finsam:notis-installningar",  # their own e-mail setting
    "finsam:tillganglighet",
    "finsam:halsa",  # the health check (JSON)
}
#: Sent on: the start page to the list of förbund, the login page to the start page.
VIDARE = {"finsam:start", "login"}


@pytest.fixture
def sysadmin(db):
    return factories.make_user(None, "", systemadministrator=True, email="sys@example.org")


def test_the_constraint_keeps_a_systemadministrator_without_forbund(forbund):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_user(forbund, "kansli", systemadministrator=True)


def test_a_systemadministrator_sees_no_page_of_a_forbund(client_for, sysadmin, media_root):
    d, _users = new_state()
    c = client_for(sysadmin)
    fel = []
    for name, fall_lista in SIDOR.items():
        for fall in fall_lista:
            kwargs = fall.kwargs(d)
            if kwargs is None:
                continue
            query = kwargs.pop("?", None)
            url = reverse(name, kwargs=kwargs)
            status = c.get(url, query).status_code
            if name in EGNA or name in ALLAS:
                forvantat = {200}
            elif name in VIDARE:
                forvantat = {302}
            elif fall.svar.get("kansli") == 405:
                forvantat = {405}
            else:
                forvantat = {403, 404}
            if status not in forvantat:
                fel.append(f"{name} {url}: {status}, väntat {sorted(forvantat)}")
    assert not fel, "\n".join(fel)
    assert c.get(reverse("finsam:start")).url == reverse("finsam:system-start")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_start_page_lists_forbund_but_no_data(client_for, sysadmin, forbund, kansli):
    page = client_for(sysadmin).get(reverse("finsam:system-start")).content.decode()
    assert forbund.namn in page
    assert kansli.username not in page  # users are the förbund's data
    assert 'href="/system/"' in page  # the menu entry "Samordningsförbund"
    assert reverse("insatser:list") not in page


def test_create_rename_deactivate_and_invite(
    client, client_for, sysadmin, django_capture_on_commit_callbacks
):
    c = client_for(sysadmin)
    response = c.post(
        reverse("finsam:system-forbund-create"),
        {
            "namn": "Samordningsförbundet Nytt",
            "slug": "nytt",
            "organisationsnummer": "222000-9999",
            "epost": "",
        },
    )
    nytt = Forbund.objects.get(slug="nytt")
    assert response.url == reverse("finsam:system-bjud-in", args=[nytt.pk])
    assert nytt.aktiv and nytt.history.count() == 1
    assert nytt.history.first().history_user == sysadmin

    response = c.post(
        reverse("finsam:system-forbund-edit", args=[nytt.pk]),
        {
            "namn": "Samordningsförbundet Omdöpt",
            "slug": "nytt",
            "organisationsnummer": "222000-9999",
            "lock_version_loaded": nytt.lock_version,
        },
    )
    assert response.status_code == 302
    nytt.refresh_from_db()
    assert nytt.namn == "Samordningsförbundet Omdöpt" and nytt.history.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            reverse("finsam:system-bjud-in", args=[nytt.pk]),
            {
                "first_name": "Kim",
                "last_name": "Kansli",
                "email": "kim@example.org",
                "roll": "revisor",
            },
        )
    assert response.status_code == 302
    kim = User.objects.get(username="kim@example.org")
    assert (kim.forbund, kim.roll) == (nytt, "kansli")  # always kansli, whatever is posted
    assert len(mail.outbox) == 1 and "Samordningsförbundet Omdöpt" in mail.outbox[0].body
    lank = re.search(r"https?://[^/\s]+(/nytt-losenord/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    sida = client.get(lank, follow=True).redirect_chain[-1][0]
    losen = "kims-eget-losenord-1"
    client.post(sida, {"new_password1": losen, "new_password2": losen})
    assert (
        client.post(reverse("login"), {"username": kim.username, "password": losen}).status_code
        == 302
    )
    assert client.get(reverse("finsam:anvandare-list")).status_code == 200

    # Deactivated: the förbund's users can no longer log in, and a session ends.
    c = client_for(sysadmin)
    url = reverse("finsam:system-forbund-status", args=[nytt.pk])
    response = c.post(url, {"lock_version_loaded": nytt.lock_version})
    assert response.status_code == 302
    nytt.refresh_from_db()
    assert not nytt.aktiv and nytt.history.count() == 3
    c.logout()
    assert (
        c.post(reverse("login"), {"username": kim.username, "password": losen}).status_code == 200
    )
    assert "_auth_user_id" not in c.session
    # Inviting into a deactivated förbund is refused.
    c = client_for(sysadmin)
    response = c.post(
        reverse("finsam:system-bjud-in", args=[nytt.pk]),
        {"first_name": "A", "last_name": "B", "email": "ab@example.org"},
    )
    assert "Förbundet är avaktiverat." in response.content.decode()
    # Reactivated: they can again.
    c.post(url, {"lock_version_loaded": nytt.lock_version})
    nytt.refresh_from_db()
    assert nytt.aktiv
    c.logout()
    assert (
        c.post(reverse("login"), {"username": kim.username, "password": losen}).status_code == 302
    )


def test_a_stale_deactivation_is_refused(client_for, sysadmin, forbund):
    c = client_for(sysadmin)
    version = forbund.lock_version
    forbund.namn = "Ändrat av någon annan"
    from finsam.concurrency import save_locked

    save_locked(forbund, expected_version=version)
    response = c.post(
        reverse("finsam:system-forbund-status", args=[forbund.pk]),
        {"lock_version_loaded": version},
    )
    assert response.status_code == 200
    forbund.refresh_from_db()
    assert forbund.aktiv


def test_a_session_ends_when_the_forbund_is_deactivated(client, kansli):
    client.post(reverse("login"), {"username": kansli.username, "password": PASSWORD})
    assert client.get(reverse("finsam:forbund")).status_code == 200
    Forbund.objects.filter(pk=kansli.forbund_id).update(aktiv=False)
    assert client.get(reverse("finsam:forbund")).status_code == 302


@pytest.mark.parametrize("roll", ["kansli", "styrelse", "revisor", "styrgrupp"])
def test_the_forbunds_users_cannot_use_the_system_pages(client_for, forbund, roll):
    c = client_for(factories.make_user(forbund, roll))
    for url in (
        reverse("finsam:system-start"),
        reverse("finsam:system-forbund-create"),
        reverse("finsam:system-forbund-edit", args=[forbund.pk]),
        reverse("finsam:system-forbund-status", args=[forbund.pk]),
        reverse("finsam:system-bjud-in", args=[forbund.pk]),
    ):
        assert c.get(url).status_code == 404
    response = c.post(
        reverse("finsam:system-forbund-status", args=[forbund.pk]),
        {"lock_version_loaded": forbund.lock_version},
    )
    assert response.status_code == 404
    forbund.refresh_from_db()
    assert forbund.aktiv


def test_a_superuser_without_the_flag_is_no_systemadministrator(client_for, db):
    admin = factories.make_user(None, "", is_superuser=True, is_staff=True)
    assert client_for(admin).get(reverse("finsam:system-start")).status_code == 404


def test_the_command_creates_a_systemadministrator_and_mails_the_link(
    db, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "skapa_systemadministrator", "Ny.Admin@example.org", "--url", "https://x.se", stdout=out
        )
    user = User.objects.get(username="ny.admin@example.org")
    assert user.systemadministrator and user.forbund is None and user.roll == ""
    assert not user.is_superuser and not user.has_usable_password()
    assert len(mail.outbox) == 1 and "https://x.se/nytt-losenord/" in mail.outbox[0].body
    with pytest.raises(CommandError, match="Det finns redan"):
        call_command("skapa_systemadministrator", "ny.admin@example.org", stdout=out)
