"""Förbundet → Användare: the kansli invites, changes and deactivates the förbund's users;
nobody else of the förbund may, and another förbund's users are 404."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from finsam.anvandare.services import anvandare_version
from finsam.models import User
from insatser.styrgrupp.services import styrgrupp_version
from tests import factories
from tests.factories import PASSWORD

LANK = re.compile(r"https?://[^/\s]+(/nytt-losenord/\S+/)")


def _inbjudan(c, **data):
    falt = {"first_name": "Nora", "last_name": "Nyström", "email": "Nora@Example.org"}
    falt.update(data)
    return c.post(reverse("finsam:anvandare-bjud-in"), falt)


def _lank(meddelande) -> str:
    return LANK.search(meddelande.body).group(1)


def test_the_list_shows_the_forbund_users_only(client_for, kansli, styrgrupp, outsider):
    page = client_for(kansli).get(reverse("finsam:anvandare-list")).content.decode()
    assert styrgrupp.username in page and kansli.username in page
    assert outsider.username not in page
    assert reverse("insatser:styrgrupp-anvandare", args=[styrgrupp.pk]) in page
    assert 'aria-current="page">Användare<' in page  # the breadcrumbs


@pytest.mark.parametrize("roll", ["styrelse", "revisor", "styrgrupp"])
def test_readers_are_refused_every_page(client_for, forbund, kansli, roll):
    c = client_for(factories.make_user(forbund, roll))
    for url in (
        reverse("finsam:anvandare-list"),
        reverse("finsam:anvandare-bjud-in"),
        reverse("finsam:anvandare-edit", args=[kansli.pk]),
        reverse("finsam:anvandare-status", args=[kansli.pk]),
        reverse("insatser:styrgrupp-anvandare", args=[kansli.pk]),
    ):
        assert c.get(url).status_code == 403
        if url != reverse("finsam:anvandare-list"):  # GET only
            assert c.post(url, {"roll": "kansli"}).status_code == 403
    assert _inbjudan(c).status_code == 403
    assert not User.objects.filter(email="nora@example.org").exists()
    kansli.refresh_from_db()
    assert kansli.is_active


def test_the_kansli_menu_has_the_entry(client_for, kansli, styrelse):
    url = reverse("finsam:anvandare-list")
    assert url in client_for(kansli).get(reverse("finsam:forbund")).content.decode()
    assert url not in client_for(styrelse).get(reverse("finsam:forbund")).content.decode()


def test_another_forbunds_users_are_404(client_for, kansli, outsider):
    c = client_for(kansli)
    for name in ("finsam:anvandare-edit", "finsam:anvandare-status"):
        url = reverse(name, args=[outsider.pk])
        assert c.get(url).status_code == 404
        assert (
            c.post(url, {"first_name": "X", "last_name": "Y", "roll": "revisor"}).status_code == 404
        )
    assert c.post(reverse("finsam:anvandare-ny-inbjudan", args=[outsider.pk])).status_code == 404
    assert c.get(reverse("insatser:styrgrupp-anvandare", args=[outsider.pk])).status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active and outsider.roll == "kansli"


def test_a_kansli_cannot_invite_into_another_forbund(client_for, kansli, annat_forbund):
    # The förbund is the kansli's own, whatever is posted.
    response = _inbjudan(client_for(kansli), forbund=annat_forbund.pk, roll="kansli")
    assert response.status_code == 302
    ny = User.objects.get(email="nora@example.org")
    assert ny.forbund == kansli.forbund
    assert not User.objects.filter(forbund=annat_forbund).exists()
    # Nor through the systemadministratör's page.
    c = client_for(kansli)
    url = reverse("finsam:system-bjud-in", args=[annat_forbund.pk])
    assert c.get(url).status_code == 404
    assert c.post(url, {"first_name": "A", "last_name": "B", "email": "a@b.se"}).status_code == 404
    assert not User.objects.filter(forbund=annat_forbund).exists()


def test_invitation_mail_link_sets_the_password_once(
    client, client_for, kansli, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _inbjudan(client_for(kansli), roll="styrgrupp")
    assert response.status_code == 302
    ny = User.objects.get(email="nora@example.org")
    assert (ny.username, ny.roll, ny.forbund, ny.has_usable_password()) == (
        "nora@example.org",
        "styrgrupp",
        kansli.forbund,
        False,
    )
    assert len(mail.outbox) == 1
    brev = mail.outbox[0]
    assert brev.to == ["nora@example.org"]
    assert kansli.forbund.namn in brev.subject
    assert "styrgrupp" in brev.body and "nora@example.org" in brev.body

    client.logout()
    lank = _lank(brev)
    form = client.get(lank, follow=True)
    assert form.status_code == 200 and "Välj lösenord" in form.content.decode()
    sida = form.redirect_chain[-1][0] if form.redirect_chain else lank
    nytt = "ett-nytt-langt-losen-42"
    done = client.post(sida, {"new_password1": nytt, "new_password2": nytt})
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert "_auth_user_id" not in client.session  # setting a password does not log in
    ny.refresh_from_db()
    assert ny.check_password(nytt)
    # The link is spent.
    igen = client.get(lank, follow=True).content.decode()
    assert "fungerar inte längre" in igen
    # And the new user can log in.
    login = client.post(reverse("login"), {"username": "nora@example.org", "password": nytt})
    assert login.status_code == 302


def test_an_existing_address_is_refused_with_what_was_typed(client_for, kansli, outsider):
    outsider.email = "upptagen@example.org"
    outsider.save()
    response = _inbjudan(client_for(kansli), email="Upptagen@example.org", roll="revisor")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Det finns redan en användare med den e-postadressen." in page
    assert 'value="Nora"' in page
    assert User.objects.filter(email__iexact="upptagen@example.org").count() == 1


def test_change_role_and_name_writes_history(client_for, kansli, styrgrupp):
    before = styrgrupp.history.count()
    response = client_for(kansli).post(
        reverse("finsam:anvandare-edit", args=[styrgrupp.pk]),
        {
            "first_name": "Stina",
            "last_name": "Ny",
            "email": "stina@example.org",
            "roll": "revisor",
            "lock_version_loaded": anvandare_version(styrgrupp),
        },
    )
    assert response.status_code == 302
    styrgrupp.refresh_from_db()
    assert (styrgrupp.first_name, styrgrupp.roll, styrgrupp.email) == (
        "Stina",
        "revisor",
        "stina@example.org",
    )
    assert styrgrupp.history.count() == before + 1
    rad = styrgrupp.history.first()
    assert rad.history_user == kansli and rad.roll == "revisor"


def test_a_kansli_cannot_change_own_role_nor_deactivate_self(client_for, kansli):
    c = client_for(kansli)
    response = c.post(
        reverse("finsam:anvandare-edit", args=[kansli.pk]),
        {
            "first_name": "K",
            "last_name": "L",
            "email": "k@example.org",
            "roll": "styrelse",
            "lock_version_loaded": anvandare_version(kansli),
        },
    )
    assert "Du kan inte ändra din egen roll." in response.content.decode()
    response = c.post(reverse("finsam:anvandare-status", args=[kansli.pk]), {})
    assert "Du kan inte avaktivera dig själv." in response.content.decode()
    kansli.refresh_from_db()
    assert kansli.roll == "kansli" and kansli.is_active


def test_deactivate_then_login_refused_then_reactivate(client, client_for, kansli, styrelse):
    before = styrelse.history.count()
    c = client_for(kansli)
    url = reverse("finsam:anvandare-status", args=[styrelse.pk])
    assert "Avaktivera" in c.get(url).content.decode()
    assert c.post(url, {}).status_code == 302
    styrelse.refresh_from_db()
    assert not styrelse.is_active
    assert User.objects.filter(pk=styrelse.pk).exists()  # never deleted
    assert styrelse.history.count() == before + 1
    assert styrelse.history.first().history_user == kansli

    c.logout()
    login = c.post(reverse("login"), {"username": styrelse.username, "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in c.session

    c = client_for(kansli)
    assert c.post(url, {}).status_code == 302
    styrelse.refresh_from_db()
    assert styrelse.is_active
    c.logout()
    login = c.post(reverse("login"), {"username": styrelse.username, "password": PASSWORD})
    assert login.status_code == 302


def test_a_session_of_a_deactivated_user_ends(client, styrelse):
    client.post(reverse("login"), {"username": styrelse.username, "password": PASSWORD})
    assert client.get(reverse("finsam:forbund")).status_code == 200
    styrelse.is_active = False
    styrelse.save()
    assert client.get(reverse("finsam:forbund")).status_code == 302  # to the login page


def test_resend_invitation_only_before_a_password_is_chosen(
    client_for, kansli, styrelse, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _inbjudan(client_for(kansli), roll="styrelse")
    ny = User.objects.get(email="nora@example.org")
    mail.outbox.clear()
    c = client_for(kansli)
    assert c.post(reverse("finsam:anvandare-ny-inbjudan", args=[ny.pk])).status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nora@example.org"]
    styrelse.email = "s@example.org"  # has a password already
    styrelse.save()
    lista = c.get(reverse("finsam:anvandare-list")).content.decode()
    assert reverse("finsam:anvandare-ny-inbjudan", args=[ny.pk]) in lista
    assert reverse("finsam:anvandare-ny-inbjudan", args=[styrelse.pk]) not in lista
    assert "Inbjuden, har inte valt lösenord" in lista
    assert c.post(reverse("finsam:anvandare-ny-inbjudan", args=[styrelse.pk])).status_code == 404


def test_styrgrupp_insatser_are_assigned_with_history(client_for, kansli, styrgrupp, forbund):
    egen = factories.make_insats(forbund, styrgrupp=[styrgrupp])
    annan = factories.make_insats(forbund)
    fel = factories.make_insats(factories.make_forbund())
    url = reverse("insatser:styrgrupp-anvandare", args=[styrgrupp.pk])
    c = client_for(kansli)
    page = c.get(url).content.decode()
    assert egen.namn in page and annan.namn in page and fel.namn not in page
    versioner = (egen.lock_version, annan.lock_version)
    version = styrgrupp_version(styrgrupp)
    assert c.post(url, {"insatser": [annan.pk], "lock_version_loaded": version}).status_code == 302
    assert list(styrgrupp.styrgrupp_insatser.all()) == [annan]
    egen.refresh_from_db()
    annan.refresh_from_db()
    assert (egen.lock_version, annan.lock_version) == (versioner[0] + 1, versioner[1] + 1)
    assert annan.history.first().history_user == kansli
    # Another förbund's insats is an invalid choice.
    response = c.post(
        url, {"insatser": [fel.pk], "lock_version_loaded": styrgrupp_version(styrgrupp)}
    )
    assert response.status_code == 200
    assert list(styrgrupp.styrgrupp_insatser.all()) == [annan]
    # A user without the role styrgrupp has no insatser to choose.
    assert c.get(reverse("insatser:styrgrupp-anvandare", args=[kansli.pk])).status_code == 404


def test_the_change_history_page_lists_user_changes(client_for, kansli, styrgrupp):
    c = client_for(kansli)
    c.post(
        reverse("finsam:anvandare-edit", args=[styrgrupp.pk]),
        {
            "first_name": "Greta",
            "last_name": "Grupp",
            "email": "",
            "roll": "revisor",
            "lock_version_loaded": anvandare_version(styrgrupp),
        },
    )
    c.post(reverse("finsam:anvandare-status", args=[styrgrupp.pk]), {})
    page = c.get(reverse("finsam:historik")).content.decode()
    assert "Greta Grupp" in page
    assert "pbkdf2" not in page  # never a password hash


def test_a_steering_group_member_keeps_the_role_while_in_a_group(client_for, kansli, styrgrupp):
    insats = factories.make_insats(kansli.forbund, styrgrupp=[styrgrupp])
    c = client_for(kansli)
    data = {"first_name": "S", "last_name": "G", "email": "", "roll": "styrelse"}
    data["lock_version_loaded"] = anvandare_version(styrgrupp)
    response = c.post(reverse("finsam:anvandare-edit", args=[styrgrupp.pk]), data)
    assert "Ta först bort dem under Insatser" in response.content.decode()
    styrgrupp.refresh_from_db()
    assert styrgrupp.roll == "styrgrupp"
    c.post(
        reverse("insatser:styrgrupp-anvandare", args=[styrgrupp.pk]),
        {"lock_version_loaded": styrgrupp_version(styrgrupp)},
    )
    assert not insats.styrgrupp.exists()
    assert c.post(reverse("finsam:anvandare-edit", args=[styrgrupp.pk]), data).status_code == 302
    styrgrupp.refresh_from_db()
    assert styrgrupp.roll == "styrelse"


def test_a_colleagues_change_of_the_user_is_not_overwritten(client_for, kansli, styrgrupp):
    """Users have no lock_version: the form carries a version of what it shows, and a save
    based on an outdated page is refused with what was typed kept."""
    c = client_for(kansli)
    url = reverse("finsam:anvandare-edit", args=[styrgrupp.pk])
    version = anvandare_version(styrgrupp)
    assert f'value="{version}"' in c.get(url).content.decode()
    kollega = User.objects.get(pk=styrgrupp.pk)
    kollega.first_name = "Kollegans"
    kollega.save()
    data = {
        "first_name": "Mitt",
        "last_name": "Namn",
        "email": "",
        "roll": "styrgrupp",
        "lock_version_loaded": version,
    }
    response = c.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page and 'value="Mitt"' in page
    styrgrupp.refresh_from_db()
    assert styrgrupp.first_name == "Kollegans"


def test_a_colleagues_change_of_the_steering_groups_is_not_overwritten(
    client_for, kansli, styrgrupp, forbund
):
    insats = factories.make_insats(forbund)
    c = client_for(kansli)
    url = reverse("insatser:styrgrupp-anvandare", args=[styrgrupp.pk])
    version = styrgrupp_version(styrgrupp)
    insats.styrgrupp.add(styrgrupp)  # a colleague, on the insats's own page
    response = c.post(url, {"lock_version_loaded": version})
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert list(styrgrupp.styrgrupp_insatser.all()) == [insats]
