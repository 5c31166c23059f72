"""The start page (finsam/rapporter/start.py): every role, and what it refuses."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status


def test_anonymous_is_sent_to_login(client, db):
    assert_requires_login(client, reverse("finsam:start"))


def test_start_page_for_each_role(client_for, kansli, styrelse, revisor, styrgrupp, insats):
    for user in (kansli, styrelse, revisor):
        assert_status(client_for(user), reverse("finsam:start"), 200)
    page = client_for(styrgrupp).get(reverse("finsam:start")).content.decode()
    assert insats.namn in page


def test_start_page_refuses_user_without_forbund(client_for, db):
    admin = factories.make_user(None, "", is_superuser=True, is_staff=True)
    assert_status(client_for(admin), reverse("finsam:start"), 404)


@pytest.mark.parametrize("method", ["post", "put"])
def test_start_page_refuses_writes(client_for, kansli, method):
    assert_status(client_for(kansli), reverse("finsam:start"), 405, method)


# --- the work queues on the page -----------------------------------------------------------

import re  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from finsam.models import Forbund  # noqa: E402
from tests.uppfoljning.deltagarrapport.test_helpers import (  # noqa: E402
    open_period,
    rapport_for,
    submitted,
)
from uppfoljning.deltagarrapport import services  # noqa: E402

START = reverse("finsam:start")


def _sida(client_for, user) -> str:
    response = client_for(user).get(START)
    assert response.status_code == 200
    return response.content.decode()


def _period(forbund, kansli, insatser, dagar=10):
    return open_period(
        forbund, kansli, insatser, sista_dag=timezone.localdate() + timedelta(days=dagar)
    )


def _text(html: str) -> str:
    """The text of some markup, tags left out and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def _avsnitt(page: str, rubrik_id: str) -> str:
    """The text of the section labelled by the heading `rubrik_id`."""
    start = page.index(f'aria-labelledby="{rubrik_id}"')
    return page[start : page.index("</section>", start)]


def test_a_submitted_report_appears_for_kansli_until_approved(
    client_for, forbund, kansli, styrgrupp, insats
):
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    granska = _avsnitt(_sida(client_for, kansli), "rubrik-granska")
    assert insats.namn not in granska
    submitted(rapport, styrgrupp)
    granska = _avsnitt(_sida(client_for, kansli), "rubrik-granska")
    assert insats.namn in granska
    assert reverse("uppfoljning:rapport-detail", args=[rapport.pk]) in granska
    assert "Inskickad 20" in _text(granska)
    rapport.refresh_from_db()
    services.rapport_godkann(rapport=rapport, anvandare=kansli)
    granska = _avsnitt(_sida(client_for, kansli), "rubrik-granska")
    assert insats.namn not in granska
    assert "Inga rapporter väntar på granskning" in granska


def test_a_returned_report_is_on_top_for_its_steering_group_only(
    client_for, forbund, kansli, styrgrupp, insats
):
    annan = factories.make_user(forbund, "styrgrupp")
    factories.make_insats(forbund, styrgrupp=[annan])
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    submitted(rapport, styrgrupp)
    rapport.refresh_from_db()
    kommentar = "Summan för kvinnor stämmer inte med raderna."
    assert "alert-danger" not in _sida(client_for, styrgrupp)
    services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar=kommentar)
    page = _sida(client_for, styrgrupp)
    alert = page.index("alert-danger")
    assert alert < page.index('id="rubrik-rapporter"'), "the return comes before the list"
    assert kommentar in page[alert:]
    assert reverse("uppfoljning:rapport-edit", args=[rapport.pk]) in page
    other = _sida(client_for, annan)
    assert kommentar not in other and insats.namn not in other
    assert "Du har ingen rapport att skriva just nu" in other


def test_the_steering_group_sees_its_open_report_with_due_date(
    client_for, forbund, kansli, styrgrupp, insats
):
    period = _period(forbund, kansli, [insats], dagar=13)
    page = _avsnitt(_sida(client_for, styrgrupp), "rubrik-rapporter")
    assert insats.namn in page
    assert f"Sista dag {period.sista_dag:%Y-%m-%d}, om 13 dagar" in _text(page)
    assert "Utkast" in page
    submitted(rapport_for(period, insats), styrgrupp)
    page = _avsnitt(_sida(client_for, styrgrupp), "rubrik-rapporter")
    assert "väntar på kansliets granskning" in page


def test_a_period_near_its_deadline_shows_who_has_not_reported(
    client_for, forbund, kansli, styrgrupp, insats, annan_insats
):
    period = _period(forbund, kansli, [insats, annan_insats], dagar=5)
    perioder = _avsnitt(_sida(client_for, kansli), "rubrik-perioder")
    assert "om 5 dagar" in perioder
    assert insats.namn in perioder and annan_insats.namn in perioder
    submitted(rapport_for(period, insats), styrgrupp)
    perioder = _avsnitt(_sida(client_for, kansli), "rubrik-perioder")
    assert annan_insats.namn in perioder and insats.namn not in perioder
    assert "1 av 2 insatser har inte skickat in" in perioder


def test_the_steering_group_does_not_get_kanslis_queue(
    client_for, forbund, kansli, styrgrupp, insats
):
    submitted(rapport_for(_period(forbund, kansli, [insats]), insats), styrgrupp)
    page = _sida(client_for, styrgrupp)
    assert "Rapporter att granska" not in page


# --- a förbund created a minute ago: every role has an empty state that says what to do ---


@pytest.mark.parametrize(
    ("roll", "texter"),
    [
        (
            "kansli",
            [
                "Inga rapporter väntar på granskning",
                "Ingen rapportperiod har sista dag",
                "kan inte skapas än",
                "Öppna rapportperioden",
            ],
        ),
        (
            "styrelse",
            [
                "Inga dokument är fastställda än",
                "Inget utfall är registrerat",
                "Inget bokslut är registrerat ännu",
                "Inga deltagarrapporter är godkända ännu",
            ],
        ),
        ("revisor", ["Inga dokument är fastställda än"]),
        ("styrgrupp", ["Du har ingen rapport att skriva just nu"]),
    ],
)
def test_new_forbund_empty_states(client_for, forbund, roll, texter):
    page = _sida(client_for, factories.make_user(forbund, roll))
    for text in texter:
        assert text in page


# --- accessible markup --------------------------------------------------------------------


class _Struktur(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rubriker: list[int] = []
        self.i_main = False
        self.li_utan_lista = 0
        self.stack: list[str] = []
        self.svg: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.i_main = True
        if not self.i_main:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.rubriker.append(int(tag[1]))
        if tag == "li" and not any(t in ("ul", "ol") for t in self.stack):
            self.li_utan_lista += 1
        if tag == "svg":
            self.svg.append(dict(attrs))
        if tag not in ("br", "img", "input", "rect", "line", "meta", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "main":
            self.i_main = False
        if self.stack and tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def _struktur(page: str) -> _Struktur:
    s = _Struktur()
    s.feed(page)
    return s


def _kontrollera_markup(page: str) -> None:
    s = _struktur(page)
    assert s.rubriker.count(1) == 1 and s.rubriker[0] == 1, s.rubriker
    for a, b in zip(s.rubriker, s.rubriker[1:], strict=False):
        assert b <= a + 1, f"heading level jumps from h{a} to h{b}: {s.rubriker}"
    assert s.li_utan_lista == 0
    for svg in s.svg:
        assert svg.get("role") == "img" and svg.get("aria-label"), svg
    assert not re.search(r'\sstyle="', page[page.index("<main") :])


def test_markup_of_every_role_in_the_demo(client_for, demo):
    from finsam.models import User

    for username in ("kansli", "styrelse", "revisor", "styrgrupp-vasteras"):
        page = _sida(client_for, User.objects.get(username=username))
        _kontrollera_markup(page)
    styrelse = _sida(client_for, User.objects.get(username="styrelse"))
    assert styrelse.count("<svg") == 3, "budget, eget kapital and deltagare as charts"
    assert styrelse.count("Siffrorna som tabell") == 3


def test_markup_of_the_returned_report_page(client_for, forbund, kansli, styrgrupp, insats):
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    submitted(rapport, styrgrupp)
    rapport.refresh_from_db()
    services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="Rätta.")
    _kontrollera_markup(_sida(client_for, styrgrupp))
    _kontrollera_markup(_sida(client_for, kansli))


# --- queries: a fixed number per page, whatever the förbund holds -------------------------


def _fragor(client_for, user) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as c:
        assert client.get(START).status_code == 200
    return len(c.captured_queries)


def test_query_count_does_not_grow_with_the_data(
    client_for, forbund, kansli, styrelse, revisor, styrgrupp, insats, annan_insats
):
    # One of everything first (an empty queryset skips its prefetches), then more.
    period = _period(forbund, kansli, [insats, annan_insats])
    submitted(rapport_for(period, insats), styrgrupp)
    fore = {u.roll: _fragor(client_for, u) for u in (kansli, styrelse, revisor, styrgrupp)}
    fler = [factories.make_insats(forbund, styrgrupp=[styrgrupp]) for _ in range(4)]
    period2 = open_period(
        forbund,
        kansli,
        fler,
        ar=2025,
        typ="helar",
        sista_dag=timezone.localdate() - timedelta(days=2),
    )
    for i in fler[:2]:
        r = rapport_for(period2, i)
        submitted(r, styrgrupp)
        r.refresh_from_db()
        services.rapport_returnera(rapport=r, anvandare=kansli, kommentar="Rätta.")
    efter = {u.roll: _fragor(client_for, u) for u in (kansli, styrelse, revisor, styrgrupp)}
    assert efter == fore


def test_query_counts_in_the_demo(client_for, demo, capsys):
    """Measured per role on the demo; the bounds catch a page that starts to loop."""
    from finsam.models import User

    antal = {
        u: _fragor(client_for, User.objects.get(username=u))
        for u in ("kansli", "styrelse", "revisor", "styrgrupp-vasteras")
    }
    with capsys.disabled():
        print(f"\nstart page queries: {antal}")
    assert antal["styrgrupp-vasteras"] <= 10
    assert antal["revisor"] <= 20
    assert antal["styrelse"] <= 30
    # kansli builds the three current editions to count their checklists' findings.
    assert antal["kansli"] <= 160


def test_kansli_start_page_when_nothing_was_written_since(client_for, demo, tomt_cache):
    """Until anything is written the checklists' counts are kept (finsam/dataversion.py),
    and so is the rendered queue itself (finsam.views_base.sidinnehall): the page is then
    its frame, a fixed number of queries, none of the queue's (what the förbund lacks is
    one query with an EXISTS per kind of record: issue 14), and the same HTML. A write
    shows at once."""
    from finsam.models import User

    client = client_for(User.objects.get(username="kansli"))
    with CaptureQueriesContext(connection) as forsta:
        html = _utan_csrf(client.get(START))
    assert sum("EXISTS" in q["sql"] for q in forsta.captured_queries) == 1
    with CaptureQueriesContext(connection) as c:
        assert _utan_csrf(client.get(START)) == html
    assert len(c.captured_queries) <= 6
    assert not any("EXISTS" in q["sql"] for q in c.captured_queries)
    assert "Ny rubrik för förbundet" not in html
    Forbund.objects.filter(pk=demo.pk).update(namn="Ny rubrik för förbundet")
    assert "Ny rubrik för förbundet" in _utan_csrf(client.get(START))


def test_the_kept_start_page_is_each_users_own(client_for, demo):
    """The kept queue is per user: kansli's checklists never reach styrelse or revisor."""
    from finsam.models import User

    sidor = {}
    for namn in ("kansli", "styrelse", "revisor", "kansli", "styrelse", "revisor"):
        sidor.setdefault(namn, []).append(
            _utan_csrf(client_for(User.objects.get(username=namn)).get(START))
        )
    for namn, (forst, sedan) in sidor.items():
        assert forst == sedan, namn
        assert ('id="rubrik-kontroll"' in sedan) == (namn == "kansli"), namn


def _utan_csrf(response) -> str:
    """The page without the logout form's CSRF token, masked anew on every response (the
    frame's, not kept)."""
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_an_adopted_edition_reaches_styrelse_revisor_and_kanslis_checklist(client_for, demo):
    from finsam.models import Rapportarkiv, User
    from finsam.rapporter.dokument import dokumenttyp
    from finsam.rapporter.utgava import faststall

    users = {u: User.objects.get(username=u) for u in ("kansli", "styrelse", "revisor")}
    for u in ("styrelse", "revisor"):
        assert "Inga dokument är fastställda än" in _sida(client_for, users[u])
    kontroll = _avsnitt(_sida(client_for, users["kansli"]), "rubrik-kontroll")
    assert "Fastställd" not in kontroll
    faststall.faststall(
        dokumenttyp("verksamhetsplan"),
        demo,
        "2025",
        beslutsdatum=date(2024, 11, 20),
        paragraf="§ 12",
        user=users["kansli"],
    )
    arkiv = Rapportarkiv.objects.get(utgava__forbund=demo)
    for u in ("styrelse", "revisor"):
        lista = _avsnitt(_sida(client_for, users[u]), "rubrik-arkiv")
        assert reverse("finsam:rapportarkiv-pdf", args=[arkiv.pk]) in lista
        assert "Fastställd 2024-11-20 § 12" in _text(lista)
    kontroll = _avsnitt(_sida(client_for, users["kansli"]), "rubrik-kontroll")
    assert "Fastställd" in kontroll
