"""Every view for working on an edition refuses the wrong user: kansli only writes,
styrelse and revisor read the archive, a steering group and another förbund see nothing."""

import pytest
from django.urls import reverse

from finsam.models import Rapportutgava
from tests.access import assert_requires_login

ARGS = ["delarsrapport", "2025-08-31"]
KANSLI_GET = ["finsam:rapport-texter", "finsam:rapport-kontroll", "finsam:rapport-faststall"]
KANSLI_POST = [
    ("finsam:rapport-texter", {"omvarld": "x", "lock_version": 0}),
    ("finsam:rapport-forhandsvisning", {"omvarld": "x"}),
    ("finsam:rapport-faststall", {"beslutsdatum": "2025-10-20", "paragraf": "§ 1"}),
    ("finsam:rapport-oppna", {"anledning": "x"}),
]


@pytest.mark.parametrize(
    ("username", "status"),
    [("styrelse", 403), ("revisor", 403), ("styrgrupp-vasteras", 403), ("kansli-exempel", 404)],
)
def test_only_kansli_works_on_an_edition(demo, demo_user, client, username, status):
    Rapportutgava.objects.create(
        forbund=demo, dokument="delarsrapport", ar=2025, nyckel=ARGS[1], status="faststalld"
    )
    client.force_login(demo_user(username))
    for name in KANSLI_GET:
        assert client.get(reverse(name, args=ARGS)).status_code == status, name
    for name, data in KANSLI_POST:
        assert client.post(reverse(name, args=ARGS), data).status_code == status, name
    utgava = Rapportutgava.objects.get(forbund=demo, dokument="delarsrapport")
    assert utgava.status == "faststalld" and not utgava.texter.exists()
    assert not utgava.handelser.exists()


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("kansli", 200),
        ("styrelse", 200),
        ("revisor", 200),
        ("styrgrupp-vasteras", 403),
        ("kansli-exempel", 200),
    ],
)
def test_archive_page_readers(demo, demo_user, client, username, status):
    client.force_login(demo_user(username))
    assert client.get(reverse("finsam:rapportarkiv")).status_code == status


def test_every_view_needs_login(demo, client):
    for name in [*KANSLI_GET, "finsam:rapport-oppna"]:
        assert_requires_login(client, reverse(name, args=ARGS))
    assert_requires_login(client, reverse("finsam:rapportarkiv"))
    assert_requires_login(client, reverse("finsam:rapportarkiv-pdf", args=[1]))


def test_archive_never_lists_another_forbunds_editions(demo, demo_user, client):
    from finsam.models import Forbund, Utgavahandelse

    exempel = Forbund.objects.get(slug="exempel")
    annan = Rapportutgava.objects.create(
        forbund=exempel, dokument="arsredovisning", ar=2025, nyckel="2025", status="faststalld"
    )
    Utgavahandelse.objects.create(utgava=annan, typ="faststalld")
    client.force_login(demo_user("kansli"))
    assert "Årsredovisning 2025" not in client.get(reverse("finsam:rapportarkiv")).content.decode()
    client.force_login(demo_user("kansli-exempel"))
    assert "Årsredovisning 2025" in client.get(reverse("finsam:rapportarkiv")).content.decode()


def _rapporter_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("finsam:rapporter"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_rapporter_page_queries_do_not_grow_with_insatser(db, client_for):
    from datetime import date

    from tests import factories
    from uppfoljning.models import Rapportperiod

    forbund = factories.make_forbund()
    client = client_for(factories.make_user(forbund, "kansli"))
    malomrade = factories.make_malomrade(forbund)
    period = Rapportperiod.objects.create(
        forbund=forbund, ar=2025, typ="h1", sista_dag=date(2025, 8, 15)
    )
    period.insatser.set([factories.make_insats(forbund, malomrade=malomrade) for _ in range(5)])
    fa, html = _rapporter_queries(client)
    assert html.count('data-dokument="insats"') == 1 and "Januari–juni 2025 (5 insatser)" in html
    period.insatser.add(*[factories.make_insats(forbund, malomrade=malomrade) for _ in range(45)])
    manga, html = _rapporter_queries(client)
    assert "Januari–juni 2025 (50 insatser)" in html
    assert manga == fa
