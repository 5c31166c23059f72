"""The statistics views: access matrix, protected vs exact figures, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.uppfoljning.statistik.conftest import make_period, make_rapport


def urls(period):
    return [
        reverse("uppfoljning:statistik"),
        reverse("uppfoljning:statistik-period", args=[period.ar, period.typ]),
        reverse("uppfoljning:statistik-excel", args=[period.ar, period.typ]),
    ]


def test_access_matrix(client, client_for, period, kansli, styrelse, revisor, styrgrupp, outsider):
    for url in urls(period):
        assert_requires_login(client, url)
        for user in (kansli, styrelse, revisor):
            assert client_for(user).get(url, follow=True).status_code == 200, (url, user)
        assert_status(client_for(styrgrupp), url, 403)
        assert_status(client_for(kansli), url, 405, method="post")
    # Another förbund's kansli: the period is not theirs.
    for url in urls(period)[1:]:
        assert_status(client_for(outsider), url, 404)


def test_unknown_period_is_404(client_for, period, kansli):
    assert_status(client_for(kansli), "/uppfoljning/statistik/2025/h1/", 404)
    assert_status(client_for(kansli), "/uppfoljning/statistik/2025/q3/", 404)


def test_index_redirects_to_latest_period(client_for, period, kansli):
    response = client_for(kansli).get(reverse("uppfoljning:statistik"))
    assert response.status_code == 302
    assert response["Location"] == reverse("uppfoljning:statistik-period", args=[2025, "helar"])


def _deltagare_row(content: str, namn: str) -> str:
    start = content.index(namn, content.index("Deltagare under perioden</caption>"))
    return content[start : content.index("</tr>", start)]


def test_styrelse_sees_small_counts_hidden_kansli_exact(client_for, period, kansli, styrelse):
    url = reverse("uppfoljning:statistik-period", args=[2025, "helar"])
    exact = client_for(kansli).get(url).content.decode()
    row = _deltagare_row(exact, "Samordningsteam Litet")
    assert ">2*<" in row  # kansli: exact, marked as hidden for the styrelse
    assert "exakta tal" in exact
    protected = client_for(styrelse).get(url).content.decode()
    row = _deltagare_row(protected, "Samordningsteam Litet")
    assert "&lt;3" in row and ">2<" not in row
    assert "Visa som styrelsen ser det" not in protected
    # Kansli's toggle shows the styrelse's view.
    as_board = client_for(kansli).get(url + "?visa=styrelse").content.decode()
    assert "&lt;3" in _deltagare_row(as_board, "Samordningsteam Litet")
    assert "godkända rapporter" in protected and "inte godkänd" in protected


def test_page_shows_svg_charts(client_for, period, kansli):
    url = reverse("uppfoljning:statistik-period", args=[2025, "helar"])
    content = client_for(kansli).get(url).content.decode()
    # Two bar charts; no trend: the only period has a report still in draft.
    assert content.count("<svg") == 2
    assert "Avslutsorsak per kön" in content
    assert "Helår 2025 visas inte i diagrammet: perioden pågår" in content


def _forbund_with(n):
    forbund = factories.make_forbund()
    kansli = factories.make_user(forbund, "kansli")
    period = make_period(forbund)
    malomrade = factories.make_malomrade(forbund)
    for i in range(n):
        insats = factories.make_insats(forbund, malomrade=malomrade, ordning=i)
        make_rapport(
            period,
            insats,
            {("deltagare", "k"): 10 + i, ("deltagare", "m"): 2, ("avslutade", "k"): 4},
        )
    return kansli, reverse("uppfoljning:statistik-period", args=[2025, "helar"])


@pytest.mark.django_db
def test_query_count_does_not_grow_with_insatser(client, django_assert_num_queries):
    kansli, url = _forbund_with(5)
    client.force_login(kansli)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    kansli, url = _forbund_with(50)
    client.force_login(kansli)
    # session, user, förbund, the periods (the page's among them), the data token,
    # measures, status counts, values, insatser, trend (the survey query only runs when
    # an RMGT reported).
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) == 10
    # Until anything is written the statistics are kept under the data token: the second
    # request reads only the session, user, förbund, the periods and the token.
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    assert len(warm.captured_queries) == 5


def test_threshold_is_per_forbund(client_for, period, styrelse, forbund):
    """With the förbund's threshold at 5, counts 1–4 are hidden and labelled <5."""
    forbund.smatal_grans = 5
    forbund.save()
    url = reverse("uppfoljning:statistik-period", args=[2025, "helar"])
    protected = client_for(styrelse).get(url).content.decode()
    row = _deltagare_row(protected, "Samordningsteam Litet")
    assert "&lt;5" in row and "&lt;3" not in row and ">2<" not in row
