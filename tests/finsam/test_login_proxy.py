"""The login lockout behind the README's reverse proxy (issue 9, defect 8).

Behind a proxy every request has the proxy's REMOTE_ADDR, so five wrong passwords by anyone
locked the real user out for an hour. The client address now comes from X-Forwarded-For for
FINSAM_TRUSTED_PROXIES proxies, and a lockout is per user name *and* address.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from finsam.proxy import client_ip
from tests.factories import PASSWORD

PROXY = "127.0.0.1"
ANGRIPARE = "203.0.113.9"
ANVANDARE = "198.51.100.7"


def via_proxy(client_address, claimed=None):
    """A client whose requests reach the app through one proxy (nginx's
    proxy_add_x_forwarded_for appends the address it received the request from)."""
    xff = f"{claimed}, {client_address}" if claimed else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff)


def login(c, user, password):
    return c.post(reverse("login"), {"username": user.username, "password": password})


@pytest.fixture
def one_proxy(settings):
    settings.FINSAM_TRUSTED_PROXIES = 1


def test_an_attacker_behind_the_proxy_does_not_lock_out_the_user(one_proxy, kansli):
    angripare = via_proxy(ANGRIPARE)
    for _ in range(6):
        login(angripare, kansli, "fel")
    assert login(angripare, kansli, PASSWORD).status_code == 429
    response = login(via_proxy(ANVANDARE), kansli, PASSWORD)
    assert response.status_code == 302


def test_a_forged_forwarded_for_does_not_pick_the_victims_address(one_proxy, kansli):
    """The attacker claims the user's address; the proxy appends the real one, which counts."""
    angripare = via_proxy(ANGRIPARE, claimed=ANVANDARE)
    for _ in range(6):
        login(angripare, kansli, "fel")
    assert login(via_proxy(ANVANDARE), kansli, PASSWORD).status_code == 302


def test_a_lockout_from_the_users_own_address_still_holds(one_proxy, kansli):
    c = via_proxy(ANVANDARE)
    for _ in range(5):
        login(c, kansli, "fel")
    assert login(c, kansli, PASSWORD).status_code == 429


@pytest.mark.parametrize(
    "proxies, meta, expected",
    [
        (0, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ANVANDARE}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ANVANDARE}, ANVANDARE),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{ANVANDARE}, {ANGRIPARE}"}, ANGRIPARE),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"1.1.1.1, {ANVANDARE}, 10.0.0.2"},
            ANVANDARE,
        ),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ANVANDARE}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "inte-en-adress"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": " 2001:db8::1 "}, "2001:db8::1"),
    ],
)
def test_client_ip(settings, proxies, meta, expected):
    settings.FINSAM_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", **meta)
    assert client_ip(request) == expected
