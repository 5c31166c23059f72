"""The page where kansli enters the year's budgeted participants: kansli only, the grid
keeps what was typed on an error, a save goes back to the sheet."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login
from uppfoljning.models import BudgeteradeDeltagare
from uppfoljning.nationell import selectors


def _url(ar=2025):
    return reverse("uppfoljning:nationell-deltagare", args=[ar])


def _post(client_for, user, forbund, **antal):
    rader = selectors.budgeterade_rader(forbund, 2025)
    data = {"lock_version": selectors.budgeterade_version(rader), **antal}
    return client_for(user).post(_url(), data)


def test_anonymous_is_sent_to_login(client, db):
    assert_requires_login(client, _url())


@pytest.mark.parametrize("roll", ["styrelse", "revisor", "styrgrupp"])
def test_readers_and_styrgrupp_get_403(client_for, forbund, roll, insats):
    user = factories.make_user(forbund, roll)
    assert client_for(user).get(_url()).status_code == 403
    assert _post(client_for, user, forbund, **{f"antal-{insats.pk}": "5"}).status_code == 403
    assert not BudgeteradeDeltagare.objects.filter(insats__forbund=forbund).exists()


def test_kansli_saves_and_returns_to_the_sheet(client_for, kansli, forbund, insats):
    page = client_for(kansli).get(_url())
    assert page.status_code == 200
    assert insats.namn in page.content.decode()
    response = _post(client_for, kansli, forbund, **{f"antal-{insats.pk}": "42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("finsam:nationell", args=[2025])
    assert selectors.budgeterade(forbund, 2025) == {insats.pk: 42}


def test_an_error_keeps_what_was_typed(client_for, kansli, forbund, insats, annan_insats):
    response = _post(
        client_for,
        kansli,
        forbund,
        **{f"antal-{insats.pk}": "-3", f"antal-{annan_insats.pk}": "17"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Antalet kan inte vara negativt." in html
    assert 'value="17"' in html
    assert not BudgeteradeDeltagare.objects.filter(insats__forbund=forbund).exists()


def test_an_outdated_grid_is_refused_and_kept(client_for, kansli, forbund, insats):
    gammal = selectors.budgeterade_version([])
    _post(client_for, kansli, forbund, **{f"antal-{insats.pk}": "10"})
    response = client_for(kansli).post(_url(), {"lock_version": gammal, f"antal-{insats.pk}": "99"})
    assert response.status_code == 200
    assert 'value="99"' in response.content.decode()
    assert selectors.budgeterade(forbund, 2025) == {insats.pk: 10}


def test_other_forbund_cannot_write_ours(client_for, outsider, forbund, insats):
    response = _post(client_for, outsider, forbund, **{f"antal-{insats.pk}": "5"})
    # Its own grid has no field for our insats: nothing of ours is written.
    assert response.status_code in (200, 302)
    assert not BudgeteradeDeltagare.objects.filter(insats=insats).exists()


def test_years_outside_bounds_are_404(client_for, kansli):
    assert client_for(kansli).get(_url(1999)).status_code == 404


def _utan_mellanrum(html: str) -> str:
    """The markup with whitespace runs as one space, none next to a tag's brackets, and the
    CSRF token (masked anew at every rendering) left out."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", html)
    html = re.sub(r"\s*(/?>)\s*", r"\1", " ".join(html.split()))
    return re.sub(r"\s+<", "<", html)


@pytest.mark.parametrize("fel", [False, True])
def test_the_form_is_the_markup_crispy_draws(rf, kansli, forbund, insats, fel):
    """The page writes the insatser's fields in Python (form.falt_html): the same markup as
    {% crispy form %}, with and without errors."""
    from django.template import engines

    from uppfoljning.nationell.forms import BudgeteradeDeltagareForm

    annan = factories.make_insats(forbund, namn="Insats <B> & C")
    insatser = [insats, annan]
    if fel:
        data = {"lock_version": "x", f"antal-{insats.pk}": "-5", f"antal-{annan.pk}": "abc"}
        form = BudgeteradeDeltagareForm(data, insatser=insatser)
        assert not form.is_valid()
        form.add_error(None, "Någon annan har sparat <under tiden>.")
    else:
        initial = {"lock_version": "x", f"antal-{insats.pk}": 7}
        form = BudgeteradeDeltagareForm(initial=initial, insatser=insatser)
    request = rf.get("/")
    request.user = kansli
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}{% crispy form %}").render(
        {"form": form}, request
    )
    egen = engine.from_string(
        '{% include "uppfoljning/nationell/_budgeterade_formular.html" %}'
    ).render({"form": form}, request)
    assert "is-invalid" in egen if fel else 'value="7"' in egen
    assert _utan_mellanrum(egen) == _utan_mellanrum(crispy)


def test_a_negative_number_is_one_error(client_for, kansli, forbund, insats):
    response = _post(client_for, kansli, forbund, **{f"antal-{insats.pk}": "-1"})
    assert response.context["form"].errors[f"antal-{insats.pk}"] == [
        "Antalet kan inte vara negativt."
    ]
