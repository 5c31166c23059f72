from django.urls import reverse

from tests.factories import PASSWORD


def test_login_with_password_reaches_start_page(client, kansli):
    response = client.post(
        reverse("login"), {"username": kansli.username, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert kansli.forbund.namn in response.content.decode()


def test_wrong_password_gets_swedish_message_and_keeps_username(client, kansli):
    response = client.post(reverse("login"), {"username": kansli.username, "password": "fel"})
    page = response.content.decode()
    assert "Fel användarnamn eller lösenord" in page
    assert f'value="{kansli.username}"' in page


def test_repeated_failures_lock_the_user_out(client, kansli):
    for _ in range(5):
        client.post(reverse("login"), {"username": kansli.username, "password": "fel"})
    response = client.post(reverse("login"), {"username": kansli.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "tillfälligt spärrad" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(client_for, kansli):
    c = client_for(kansli)
    assert c.get(reverse("logout")).status_code == 405
    assert c.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in c.session


def test_responses_carry_a_content_security_policy(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
