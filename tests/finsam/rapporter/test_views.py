"""The generic document views and the Rapporter page (finsam/rapporter/views.py)."""

import pytest
from django.urls import reverse

from finsam.rapporter.dokument import typer
from tests.access import assert_requires_login, assert_status


def test_rapporter_page_anonymous_is_sent_to_login(client, db):
    assert_requires_login(client, reverse("finsam:rapporter"))


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_rapporter_page_for_readers(request, client_for, role):
    assert_status(client_for(request.getfixturevalue(role)), reverse("finsam:rapporter"), 200)


def test_rapporter_page_refuses_styrgrupp_and_post(client_for, styrgrupp, kansli):
    assert_status(client_for(styrgrupp), reverse("finsam:rapporter"), 403)
    assert_status(client_for(kansli), reverse("finsam:rapporter"), 405, "post")


def test_rapporter_page_of_a_new_forbund_says_what_is_missing(client_for, kansli):
    page = client_for(kansli).get(reverse("finsam:rapporter")).content.decode()
    for typ in typer().values():
        assert str(typ.tom_text) in page, typ.kod


def test_rapporter_page_lists_every_edition_of_the_demo(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    page = client.get(reverse("finsam:rapporter")).content.decode()
    for typ in typer().values():
        for grupp in typ.utgavor(demo):
            assert grupp.utgavor, typ.kod
            for _rubrik, nyckel in grupp.utgavor:
                assert f'href="{typ.visa_url(nyckel)}"' in page
                assert f'href="{typ.pdf_url(nyckel)}"' in page
                texter = reverse("finsam:rapport-texter", args=[typ.kod, nyckel])
                assert f'href="{texter}"' in page
    assert "Januari–juni 2025 (" in page  # the insatsrapporter per period
