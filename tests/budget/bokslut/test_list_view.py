"""The list of years with a bokslut."""

import pytest
from django.urls import reverse

from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text

URL = reverse("budget:bokslut-list")


def test_list_shows_each_year_and_its_checks(client_for, kansli, ar2025):
    page = client_for(kansli).get(URL)
    assert page.status_code == 200
    assert row(page, "2025") == ["345 299", "4 373 785", "9 453 288", "46,3 %", "2 avvikelser"]
    assert row(page, "2024") == ["81 778", "4 028 486", "8 463 907", "47,6 %", "Stämmer"]
    assert reverse("budget:bokslut-detail", args=[2025]) in page.content.decode()
    assert reverse("budget:bokslut-create") in page.content.decode()


def test_empty_list(client_for, kansli):
    assert "Det finns inga bokslut ännu." in text(client_for(kansli).get(URL))


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_see_the_list_without_the_new_button(request, client_for, ar2025, role):
    page = assert_status(client_for(request.getfixturevalue(role)), URL, 200)
    assert reverse("budget:bokslut-create") not in page.content.decode()


def test_list_access(client, client_for, kansli, styrgrupp, outsider, ar2025):
    assert_requires_login(client, URL)
    assert_status(client_for(styrgrupp), URL, 403)
    assert_status(client_for(kansli), URL, 405, "post")
    # An outsider sees its own (empty) list, never this förbund's years.
    page = assert_status(client_for(outsider), URL, 200)
    assert "2025" not in text(page)
