"""Antal anställda survives a save of the bokslut form (issue 9, defect 3).

The localized Decimal was rendered as <input type="number" value="3,0">: a browser cannot
show "3,0" in a number input and sends it back empty, so saving the page without touching
the field erased the figure that the five-year overview of the årsredovisning shows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import Bokslut
from tests.budget.bokslut.conftest import make_arsredovisning
from tests.finsam import formular


@pytest.fixture
def bokslut(forbund):
    return make_arsredovisning(forbund, ar=(2025,), utfall=False).b2025


def _falt(form, namn):
    return next(k for k in form.kontroller if k.namn == namn)


def test_the_field_shows_the_stored_value_in_a_text_input(bokslut, kansli, client_for):
    url = reverse("budget:bokslut-edit", args=[bokslut.ar])
    form = formular.post_form(client_for(kansli).get(url).content.decode(), url)
    falt = _falt(form, "antal_anstallda")
    assert falt.typ == "text"
    assert falt.attrs.get("inputmode") == "decimal"
    assert dict(form.submission())["antal_anstallda"] == "3,0"


def test_saving_the_page_untouched_keeps_antal_anstallda(bokslut, kansli, client_for):
    assert bokslut.antal_anstallda == Decimal("3.0")
    client = client_for(kansli)
    url = reverse("budget:bokslut-edit", args=[bokslut.ar])
    form = formular.post_form(client.get(url).content.decode(), url)

    svar = formular.post_as_browser(client, url, form.submission())

    assert svar.status_code == 302
    bokslut.refresh_from_db()
    assert bokslut.antal_anstallda == Decimal("3.0")
    assert bokslut.lock_version == 0  # nothing changed, nothing written


@pytest.mark.parametrize("typed", ["2,5", "2.5", " 2,5 "])
def test_decimal_comma_and_point_are_both_accepted(bokslut, kansli, client_for, typed):
    client = client_for(kansli)
    url = reverse("budget:bokslut-edit", args=[bokslut.ar])
    form = formular.post_form(client.get(url).content.decode(), url)
    data = [(k, typed if k == "antal_anstallda" else v) for k, v in form.submission()]

    svar = formular.post_as_browser(client, url, data)

    assert svar.status_code == 302
    assert Bokslut.objects.get(pk=bokslut.pk).antal_anstallda == Decimal("2.5")
