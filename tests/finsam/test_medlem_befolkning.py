"""A kommun's population on the member form: a number no population has is refused with a
Swedish message next to the field, never a 500, and nothing of the post is saved."""

import pytest
from django.urls import reverse

from finsam.models import Befolkning, Medlem
from tests import factories
from tests.finsam import formular


@pytest.fixture
def kommun(forbund):
    medlem = factories.make_medlem(forbund, namn="Sala kommun")
    Befolkning.objects.create(medlem=medlem, ar=2024, antal=24022)
    return medlem


@pytest.mark.parametrize("antal", [str(2**63), str(2**31), "10000001"])
def test_an_impossible_population_is_refused(kommun, kansli, client_for, antal):
    client = client_for(kansli)
    url = reverse("finsam:medlem-edit", args=[kommun.pk])
    form = formular.post_form(client.get(url).content.decode(), url)
    data = [
        (k, antal if k == "befolkning-0-antal" else "Sala" if k == "kortnamn" else v)
        for k, v in form.submission()
    ]

    svar = formular.post_as_browser(client, url, data)

    assert svar.status_code == 200
    assert "Folkmängden kan vara högst 10 000 000." in svar.content.decode()
    assert Befolkning.objects.get(medlem=kommun).antal == 24022
    assert Medlem.objects.get(pk=kommun.pk).kortnamn == ""  # the member is not saved either


def test_a_population_is_saved(kommun, kansli, client_for):
    client = client_for(kansli)
    url = reverse("finsam:medlem-edit", args=[kommun.pk])
    form = formular.post_form(client.get(url).content.decode(), url)
    data = [(k, "24500" if k == "befolkning-0-antal" else v) for k, v in form.submission()]
    assert formular.post_as_browser(client, url, data).status_code == 302
    assert Befolkning.objects.get(medlem=kommun).antal == 24500
