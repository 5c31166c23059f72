"""The pages of the accessibility crawl (tests/sidor.py), without a browser, and the
accessibility statement (tillgänglighetsredogörelse)."""

import pytest
from django.test import Client
from django.urls import reverse

from finsam.models import User
from tests.finsam.test_alla_sidor import SIDOR
from tests.sidor import ANVANDARE, ROLLER, demo_state, inte_html, sidor_for


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def crawl(demo, media):
    d, _ = demo_state()
    return d, {roll: sidor_for(roll, d) for roll in ROLLER}


def _client(roll):
    client = Client(raise_request_exception=False)
    if roll != "anonym":
        client.force_login(User.objects.get(username=ANVANDARE[roll]))
    return client


def test_every_page_of_every_role_is_html_and_answers_200(crawl):
    _, sidor = crawl
    fel = []
    for roll, lista in sidor.items():
        client = _client(roll)
        for sida in lista:
            response = client.get(sida.url)
            typ = response.get("Content-Type", "")
            if response.status_code != 200 or not typ.startswith("text/html"):
                fel.append(f"{roll} {sida.url} ({sida.namn}): {response.status_code} {typ}")
    assert not fel, "\n".join(fel)


def test_the_crawl_covers_every_html_page_and_the_reports(crawl):
    d, sidor = crawl
    namn = {s.namn for lista in sidor.values() for s in lista}
    # Every URL name some crawled role gets 200 on in the demo, apart from files, is crawled.
    svarar = {
        n
        for n, fall in SIDOR.items()
        for f in fall
        if f.kwargs(d) is not None and any(f.svar.get(r) == 200 for r in ROLLER)
    }
    assert sorted(svarar - namn - {n for n in svarar if inte_html(n)}) == []
    # The report HTML pages are pages too; the statement and login are read logged out.
    assert {"finsam:verksamhetsplan", "finsam:delarsrapport", "finsam:arsredovisning"} <= namn
    assert {s.namn for s in sidor["anonym"]} == {
        "login",
        "finsam:tillganglighet",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
    # Each role its own pages: the steering group no budget, the readers no forms.
    styrgrupp = {s.namn for s in sidor["styrgrupp"]}
    assert "uppfoljning:rapport-mina" in styrgrupp and "budget:overview" not in styrgrupp
    assert "budget:medel-create" in {s.namn for s in sidor["kansli"]}
    assert "budget:medel-create" not in {s.namn for s in sidor["styrelse"]}
    assert "finsam:historik" in {s.namn for s in sidor["revisor"]}
    assert "finsam:historik" not in {s.namn for s in sidor["styrelse"]}
    # No file and no URL twice.
    for lista in sidor.values():
        assert not any(inte_html(s.namn) for s in lista)
        assert len({s.url for s in lista}) == len(lista)
    assert len(sidor["kansli"]) > 100


def test_files_left_out_are_not_html(demo, media):
    """What the crawl leaves out as a file is one (the PDFs, slow to build, by their name)."""
    d, _ = demo_state()
    client = _client("kansli")
    provade = 0
    for namn, fall_lista in SIDOR.items():
        if not inte_html(namn) or namn.endswith("-pdf"):
            continue
        kwargs = fall_lista[0].kwargs(d)
        if kwargs is None or fall_lista[0].svar.get("kansli") != 200:
            continue
        kwargs = dict(kwargs)
        query = kwargs.pop("?", None)
        response = client.get(reverse(namn, kwargs=kwargs), query or {})
        assert response.status_code == 200, namn
        assert not response["Content-Type"].startswith("text/html"), namn
        provade += 1
    assert provade >= 8


def test_an_unknown_role_is_refused(demo, media):
    d, _ = demo_state()
    with pytest.raises(ValueError):
        sidor_for("annat", d)


def test_the_statement_follows_diggs_model(demo, client):
    """Public, with the parts of DIGG's model; a logged-in user's förbund is named with its
    e-mail address for reporting problems, a visitor is told to ask their förbund."""
    url = reverse("finsam:tillganglighet")
    html = client.get(url).content.decode()
    for del_ in (
        "<h1>Tillgänglighets&shy;redogörelse</h1>",
        "Hur tillgänglig är tjänsten?",
        "Kända brister",
        "Rapportera brister och kontakta oss",
        ">Tillsyn</h2>",
        "delvis förenlig med lagen",
        "Hur vi har testat tjänsten",
        "axe-core",
        "PDF/UA",
        "PDF/A",
        '<a href="https://www.digg.se/tdosanmalan">',
    ):
        assert del_ in html, del_
    assert "mailto:" not in html and "kansliet på ditt samordningsförbund" in html
    assert 'rel="icon" href="/static/finsam/favicon.svg"' in html

    client.force_login(User.objects.get(username="styrelse"))
    html = client.get(url).content.decode()
    assert demo.epost and f'<a href="mailto:{demo.epost}">{demo.epost}</a>' in html
    assert f"{demo.namn} står bakom" in html
