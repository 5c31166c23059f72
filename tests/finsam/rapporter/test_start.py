"""The start page (finsam/rapporter/start.py): every role, and what it refuses."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status


def test_anonymous_is_sent_to_login(client, db):
    assert_requires_login(client, reverse("finsam:start"))


def test_start_page_for_each_role(client_for, kansli, styrelse, revisor, styrgrupp, insats):
    for user in (kansli, styrelse, revisor):
        assert_status(client_for(user), reverse("finsam:start"), 200)
    page = client_for(styrgrupp).get(reverse("finsam:start")).content.decode()
    assert insats.namn in page


def test_start_page_refuses_user_without_forbund(client_for, db):
    admin = factories.make_user(None, "", is_superuser=True, is_staff=True)
    assert_status(client_for(admin), reverse("finsam:start"), 404)


@pytest.mark.parametrize("method", ["post", "put"])
def test_start_page_refuses_writes(client_for, kansli, method):
    assert_status(client_for(kansli), reverse("finsam:start"), 405, method)
