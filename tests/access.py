"""Assertions for the access rules every view must keep (see DEVELOPERS.md).

assert_requires_login(client, url)
assert_status(client_for(outsider), url, 404)
"""

from django.conf import settings


def assert_requires_login(client, url, method="get", data=None):
    client.logout()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302, (url, response.status_code)
    assert (
        response["Location"].startswith(settings.LOGIN_URL) or "/logga-in/" in response["Location"]
    ), response["Location"]


def assert_status(client, url, status, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    assert response.status_code == status, (url, method, response.status_code)
    return response
