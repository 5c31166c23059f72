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
    """Every edition is on the page of its year, and every such year is linked."""
    client.force_login(demo_user("kansli"))
    sidor = {}
    forsta = client.get(reverse("finsam:rapporter")).content.decode()
    for typ in typer().values():
        for grupp in typ.utgavor(demo):
            assert grupp.utgavor, typ.kod
            for _rubrik, nyckel in grupp.utgavor:
                ar = typ.ar_per(nyckel)[0]
                assert f'href="?ar={ar}"' in forsta
                if ar not in sidor:
                    sidor[ar] = client.get(
                        f"{reverse('finsam:rapporter')}?ar={ar}"
                    ).content.decode()
                page = sidor[ar]
                assert f'href="{typ.visa_url(nyckel)}"' in page
                assert f'href="{typ.pdf_url(nyckel)}"' in page
                for namn in ["rapport-texter", "rapport-kontroll"]:
                    url = reverse(f"finsam:{namn}", args=[typ.kod, nyckel])
                    assert f'href="{url}"' in page
                assert (
                    reverse("finsam:rapport-faststall", args=[typ.kod, nyckel]) in page
                    or reverse("finsam:rapport-oppna", args=[typ.kod, nyckel]) in page
                )
    page = sidor[2025]
    assert "Januari–juni 2025 (" in page  # the insatsrapporter per period


# --- one year at a time ------------------------------------------------------------------


def _forbund_med_ar(ar_lista, insatser=3):
    """A förbund with a budget and a reporting period with `insatser` insatser in every
    year of `ar_lista`."""
    from datetime import date

    from tests import factories
    from uppfoljning.models import Rapportperiod

    forbund = factories.make_forbund()
    malomrade = factories.make_malomrade(forbund)
    alla = [factories.make_insats(forbund, malomrade=malomrade) for _ in range(insatser)]
    for ar in ar_lista:
        factories.make_version(forbund, ar=ar)
        period = Rapportperiod.objects.create(
            forbund=forbund, ar=ar, typ="h1", sista_dag=date(ar, 8, 15)
        )
        period.insatser.set(alla)
    return forbund


def _rader(html: str) -> int:
    return html.count("<tr>")


def test_rapporter_page_shows_only_the_chosen_year_and_links_the_others(db, client_for):
    from tests import factories

    forbund = _forbund_med_ar([2021, 2022, 2023])
    client = client_for(factories.make_user(forbund, "kansli"))
    html = client.get(reverse("finsam:rapporter") + "?ar=2022").content.decode()
    assert 'href="/rapporter/verksamhetsplan/2022/"' in html
    assert "/rapporter/verksamhetsplan/2021/" not in html
    assert "/rapporter/verksamhetsplan/2023/" not in html
    assert "Januari–juni 2022 (" in html and "Januari–juni 2021 (" not in html
    assert '<a class="nav-link active" aria-current="page" href="?ar=2022">2022</a>' in html
    for ar in [2021, 2023]:
        assert f'href="?ar={ar}">{ar}</a>' in html
    assert f'href="{reverse("finsam:rapportarkiv")}"' in html
    assert "style=" not in html


def test_rapporter_page_defaults_to_this_year_if_it_has_documents(db, client_for):
    from django.utils import timezone

    from tests import factories

    i_ar = timezone.localdate().year
    forbund = _forbund_med_ar([i_ar - 2, i_ar])
    client = client_for(factories.make_user(forbund, "kansli"))
    html = client.get(reverse("finsam:rapporter")).content.decode()
    assert f"/rapporter/verksamhetsplan/{i_ar}/" in html
    assert f"/rapporter/verksamhetsplan/{i_ar - 2}/" not in html


def test_rapporter_page_defaults_to_the_newest_year_with_documents(db, client_for):
    from django.utils import timezone

    from tests import factories

    i_ar = timezone.localdate().year
    forbund = _forbund_med_ar([i_ar - 4, i_ar - 3])
    client = client_for(factories.make_user(forbund, "kansli"))
    html = client.get(reverse("finsam:rapporter")).content.decode()
    assert f"/rapporter/verksamhetsplan/{i_ar - 3}/" in html
    assert f"/rapporter/verksamhetsplan/{i_ar - 4}/" not in html


@pytest.mark.parametrize("junk", ["abc", "", "10" + "0" * 30, "1999", "2101", "-5", "2022.0"])
def test_rapporter_page_junk_year_shows_the_default(db, client_for, junk):
    from tests import factories

    forbund = _forbund_med_ar([2021, 2022])
    client = client_for(factories.make_user(forbund, "kansli"))
    response = client.get(reverse("finsam:rapporter"), {"ar": junk})
    assert response.status_code == 200
    assert "/rapporter/verksamhetsplan/2022/" in response.content.decode()


def test_rapporter_page_a_year_without_documents_says_so(db, client_for):
    from tests import factories

    forbund = _forbund_med_ar([2022])
    client = client_for(factories.make_user(forbund, "kansli"))
    html = client.get(reverse("finsam:rapporter") + "?ar=2010").content.decode()
    assert "Inga för 2010." in html and 'href="?ar=2022">2022</a>' in html
    assert "/rapporter/verksamhetsplan/2022/" not in html


def test_rapporter_page_does_not_grow_with_the_number_of_years(db, client_for):
    """2 and 6 years of editions: the same rows, and only the year links add bytes."""
    from tests import factories

    sidor = []
    for ar_lista in [[2020, 2021], [2016, 2017, 2018, 2019, 2020, 2021]]:
        forbund = _forbund_med_ar(ar_lista)
        client = client_for(factories.make_user(forbund, "kansli"))
        html = client.get(reverse("finsam:rapporter") + "?ar=2021").content.decode()
        sidor.append(html)
    fa, manga = sidor
    assert _rader(fa) == _rader(manga) == 1 + 3  # the verksamhetsplan, 3 insatsrapporter
    assert len(manga.encode()) - len(fa.encode()) < 4 * 200  # four more year links


def test_a_report_reads_the_data_token_once_and_shows_a_write(demo, demo_user, client):
    """The edition and its warnings are kept under one token, read once per request
    before the data; after a write the page is built again and shows it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from finsam.rapporter.utgava.texter import text_spara, utgava_las

    client.force_login(demo_user("kansli"))
    url = reverse("finsam:arsredovisning", args=[2025])
    for _ in range(2):  # built and kept, then found
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert sum("finsam_dataversion" in q["sql"] for q in ctx.captured_queries) == 1
    utgava = utgava_las(demo, "arsredovisning", ar=2025)
    text_spara(utgava=utgava, avsnitt="forord", text="Ett nytt förord efter skrivningen.")
    assert "Ett nytt förord efter skrivningen." in client.get(url).content.decode()
