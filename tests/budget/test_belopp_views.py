"""The amounts grid: one input per line, Swedish-typed numbers, and a save refused when a
colleague saved the version after the page was loaded."""

import html
import re

import pytest
from django.urls import reverse

from budget.models import Budgetbelopp
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text

FEL = "Skriv ett helt belopp i kronor, t.ex. −1 250 000."


def _url(version):
    return reverse("budget:belopp-edit", args=[version.pk])


def _form_data(page) -> dict[str, str]:
    """What a browser would send back: every input of the grid form with its value."""
    content = page.content.decode()
    form = content[content.index("data-beloppsgrid") :]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]*)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        data[name] = html.unescape(value.group(1)) if value else ""
    return data


def _field(rad):
    return f"rad_{rad.pk}"


def _belopp(version):
    return dict(Budgetbelopp.objects.filter(version=version).values_list("rad_id", "belopp"))


# --- the page --------------------------------------------------------------------------------


def test_grid_has_one_numeric_input_per_open_line_grouped_like_the_table(
    client_for, kansli, exempel
):
    factories.make_rad(exempel.grupper.admin, namn="Stängd utan belopp", stangd=True)
    page = client_for(kansli).get(_url(exempel.plan))
    assert page.status_code == 200
    data = _form_data(page)
    r = exempel.rader
    assert data[_field(r.team_a)] == "\u22124\u00a0000\u00a0000"
    # Plan 2026 has no amount for Metodstöd, but the line is open: an empty input.
    assert data[_field(r.metod)] == ""
    assert data["lock_version_loaded"] == "0"
    assert len([k for k in data if k.startswith("rad_")]) == 6
    assert "Stängd utan belopp" not in text(page)
    content = page.content.decode()
    assert content.count('autocomplete="off"') == 6  # no numeric keypad: costs need a minus
    assert f'<label for="id_{_field(r.team_a)}">Team A</label>' in content
    # The sums the script recomputes, as the server computed them.
    assert row(page, "Summa individinsatser") == ["−6 000 000"]
    assert row(page, "Summa kostnader") == ["−7 500 000"]
    assert row(page, "Resultat") == ["2 500 000"]
    assert f'data-summa-grupp="{exempel.grupper.individ.pk}"' in content
    assert "budget/grid.js" in content and "<script>" not in content


def test_closed_line_with_an_amount_stays_editable(client_for, kansli, exempel):
    exempel.rader.kansli.stangd = True
    exempel.rader.kansli.save()
    data = _form_data(client_for(kansli).get(_url(exempel.budget)))
    assert data[_field(exempel.rader.kansli)] == "\u22121\u00a0500\u00a0000"


def test_save_accepts_swedish_typing_and_blank_removes(client_for, kansli, exempel):
    c = client_for(kansli)
    r = exempel.rader
    data = _form_data(c.get(_url(exempel.plan)))
    data[_field(r.team_a)] = "−4 100 000"  # U+2212 and spaces
    data[_field(r.team_b)] = "-2100000"
    data[_field(r.metod)] = "\u2212250\u00a0000"  # as the belopp filter prints it
    data[_field(r.medel)] = " 10 500 000 "
    data[_field(r.kansli)] = ""
    response = c.post(_url(exempel.plan), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:version-detail", args=[exempel.plan.pk])
    assert _belopp(exempel.plan) == {
        r.medel.pk: 10_500_000,
        r.team_a.pk: -4_100_000,
        r.team_b.pk: -2_100_000,
        r.metod.pk: -250_000,
    }
    page = c.get(response["Location"])
    assert "Beloppen i Plan 2026 är sparade (5 ändrade)." in text(page)
    assert row(page, "Resultat") == ["4 050 000"]  # 10 500 000 − 4 100 000 − 2 100 000 − 250 000


def test_unchanged_save_changes_nothing(client_for, kansli, exempel):
    c = client_for(kansli)
    before = _belopp(exempel.budget)
    response = c.post(_url(exempel.budget), _form_data(c.get(_url(exempel.budget))))
    assert response.status_code == 302
    assert _belopp(exempel.budget) == before
    assert "(0 ändrade)" in text(c.get(response["Location"]))


def test_one_change_is_counted_in_the_singular(client_for, kansli, exempel):
    c = client_for(kansli)
    data = _form_data(c.get(_url(exempel.budget)))
    data[_field(exempel.rader.team_a)] = "-1"
    response = c.post(_url(exempel.budget), data)
    assert response.status_code == 302
    assert "sparade (1 ändrat)." in text(c.get(response["Location"]))


def test_invalid_number_gets_a_swedish_error_next_to_the_field_and_nothing_is_saved(
    client_for, kansli, exempel
):
    c = client_for(kansli)
    r = exempel.rader
    data = _form_data(c.get(_url(exempel.budget)))
    data[_field(r.team_a)] = "3,5 milj"
    data[_field(r.team_b)] = "-2 222 222"
    page = c.post(_url(exempel.budget), data)
    assert page.status_code == 200
    assert page.context["form"].errors == {_field(r.team_a): [FEL]}
    content = page.content.decode()
    fel_id = f"id_{_field(r.team_a)}-fel"
    assert f'<div class="invalid-feedback d-block" id="{fel_id}">{FEL}</div>' in content
    assert f'aria-describedby="{fel_id}"' in content
    # The error summary names the line and links to its amount.
    assert "Formuläret har fel" in text(page)
    assert f'<a href="#id_{_field(r.team_a)}" class="alert-link">{r.team_a.namn}: {FEL}</a>' in (
        content
    )
    # What was typed is still there, and nothing was saved.
    again = _form_data(page)
    assert again[_field(r.team_a)] == "3,5 milj"
    assert again[_field(r.team_b)] == "-2 222 222"
    assert _belopp(exempel.budget)[r.team_b.pk] == -2_000_000


def test_line_added_after_the_page_was_loaded_is_left_alone(client_for, kansli, exempel):
    c = client_for(kansli)
    data = _form_data(c.get(_url(exempel.budget)))
    ny = factories.make_rad(exempel.grupper.admin, namn="Ny rad")
    factories.set_belopp(exempel.budget, ny, -5)  # e.g. through the admin
    assert c.post(_url(exempel.budget), data).status_code == 302
    assert _belopp(exempel.budget)[ny.pk] == -5


def test_two_users_save_the_same_grid_and_the_second_is_refused(client_for, forbund, exempel):
    anna = factories.make_user(forbund, "kansli", first_name="Anna")
    bo = factories.make_user(forbund, "kansli", first_name="Bo")
    r = exempel.rader
    url = _url(exempel.budget)

    # Both open the grid.
    anna_data = _form_data(client_for(anna).get(url))
    bo_data = _form_data(client_for(bo).get(url))
    assert anna_data["lock_version_loaded"] == bo_data["lock_version_loaded"] == "0"

    # Anna saves first.
    anna_data[_field(r.team_a)] = "−3 300 000"
    assert client_for(anna).post(url, anna_data).status_code == 302

    # Bo saves what he typed on his older page: refused, nothing of his is saved.
    bo_data[_field(r.team_a)] = "−2 900 000"
    bo_data[_field(r.kansli)] = "−1 600 000"
    page = client_for(bo).post(url, bo_data)
    assert page.status_code == 200
    assert "Någon annan har sparat ändringar i Budget 2025" in text(page)
    assert "Dina ändringar är inte sparade men finns kvar i formuläret." in text(page)
    belopp = _belopp(exempel.budget)
    assert belopp[r.team_a.pk] == -3_300_000
    assert belopp[r.kansli.pk] == -1_500_000

    # Bo's typed values are still in the page, next to what Anna saved.
    again = _form_data(page)
    assert again[_field(r.team_a)] == "−2 900 000"
    assert again[_field(r.kansli)] == "−1 600 000"
    assert row(page, "Team A") == ["−2 900 000", "−3 300 000"]
    assert row(page, "Kansli") == ["−1 600 000", "−1 500 000"]
    assert 'class="num changed">\u22123\u00a0300\u00a0000' in page.content.decode()

    # Saving the same page again is still refused: Bo reloads to see Anna's amounts.
    assert client_for(bo).post(url, bo_data).status_code == 200
    assert _belopp(exempel.budget)[r.kansli.pk] == -1_500_000


# --- access ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, exempel):
    assert_requires_login(client, _url(exempel.budget))
    assert_requires_login(client, _url(exempel.budget), "post", {"lock_version_loaded": 0})


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(client_for, outsider, exempel, method):
    data = {"lock_version_loaded": 0, _field(exempel.rader.team_a): "-1"}
    assert_status(client_for(outsider), _url(exempel.budget), 404, method, data)
    assert _belopp(exempel.budget)[exempel.rader.team_a.pk] == -3_000_000


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_get_403(request, client_for, exempel, role, method):
    data = {"lock_version_loaded": 0, _field(exempel.rader.team_a): "-1"}
    c = client_for(request.getfixturevalue(role))
    assert_status(c, _url(exempel.budget), 403, method, data)
    assert _belopp(exempel.budget)[exempel.rader.team_a.pk] == -3_000_000


def test_wrong_method(client_for, kansli, exempel):
    assert_status(client_for(kansli), _url(exempel.budget), 405, "put")
