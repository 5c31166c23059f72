"""The year switcher (_arsval.html) of the Uppföljning pages links only to years the URL
accepts: no "← 1999" from 2000 and no "2101 →" from 2100."""

import re

import pytest
from django.urls import reverse

SIDOR = [
    "uppfoljning:aktivitet-list",
    "uppfoljning:indikator-detail",
    "uppfoljning:mal-list",
    "uppfoljning:malgrupp-list",
]


def _arslankar(html, url_namn):
    """Every link of the page to url_namn with a year, as years."""
    monster = re.escape(reverse(url_namn, args=[1234])).replace("1234", r"(\d+)")
    return sorted(int(ar) for ar in re.findall(f'href="{monster}"', html))


@pytest.mark.parametrize("url_namn", SIDOR)
@pytest.mark.parametrize(("ar", "grannar"), [(2000, [2001]), (2100, [2099]), (2025, [2024, 2026])])
def test_year_links_stay_within_the_years_the_url_accepts(
    demo, demo_user, client, url_namn, ar, grannar
):
    client.force_login(demo_user("kansli"))
    response = client.get(reverse(url_namn, args=[ar]))
    assert response.status_code == 200
    lankar = _arslankar(response.content.decode(), url_namn)
    assert [a for a in lankar if a != ar and abs(a - ar) == 1] == grannar
    for lankat_ar in lankar:
        assert client.get(reverse(url_namn, args=[lankat_ar])).status_code == 200
