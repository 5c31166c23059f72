"""The notice pages: every logged-in role has them and sees only its own notices; reading
one marks it read and follows its link; the navbar counts the unread without a query."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.models import Notis, Notisinstallning
from finsam.notiser import services
from tests import factories

ROLLER = ("kansli", "styrelse", "revisor", "styrgrupp", "outsider")


@pytest.fixture
def anvandare(request, kansli, styrelse, revisor, styrgrupp, outsider):
    return {r: request.getfixturevalue(r) for r in ROLLER}


def _notis(user, rubrik, lank="/insatser/", **kw):
    return services.notifiera(
        [user], forbund=user.forbund, typ="test", rubrik=rubrik, text="Text", lank=lank, **kw
    )[0]


@pytest.fixture
def notiser(anvandare):
    return {r: _notis(u, f"Notis till {r}") for r, u in anvandare.items()}


@pytest.mark.parametrize("roll", ROLLER)
def test_each_role_sees_its_own_notices_only(client_for, anvandare, notiser, roll):
    svar = client_for(anvandare[roll]).get(reverse("finsam:notiser"))
    assert svar.status_code == 200
    html = svar.content.decode()
    assert f"Notis till {roll}" in html
    for annan in ROLLER:
        if annan != roll:
            assert f"Notis till {annan}" not in html


def test_anonymous_is_sent_to_login(client):
    for namn in ("finsam:notiser", "finsam:notis-installningar"):
        svar = client.get(reverse(namn))
        assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("roll", ROLLER)
def test_another_users_notice_is_404_and_stays_unread(client_for, anvandare, notiser, roll):
    c = client_for(anvandare[roll])
    for annan, notis in notiser.items():
        if annan == roll:
            continue
        svar = c.post(reverse("finsam:notis-las", args=[notis.pk]))
        assert svar.status_code == 404
        notis.refresh_from_db()
        assert notis.last is None
    assert c.post(reverse("finsam:notis-las", args=[10**30])).status_code == 404


def test_reading_a_notice_marks_it_read_and_follows_its_link(client_for, kansli):
    notis = _notis(kansli, "Läs mig", lank="/uppfoljning/")
    svar = client_for(kansli).post(reverse("finsam:notis-las", args=[notis.pk]))
    assert svar.status_code == 302 and svar["Location"] == "/uppfoljning/"
    notis.refresh_from_db()
    forsta = notis.last
    assert forsta is not None
    # Read again: the first reading time stays.
    client_for(kansli).post(reverse("finsam:notis-las", args=[notis.pk]))
    notis.refresh_from_db()
    assert notis.last == forsta


@pytest.mark.parametrize("lank", ["https://evil.example/", "//evil.example/x", ""])
def test_a_link_off_the_site_goes_to_the_list(client_for, kansli, lank):
    notis = _notis(kansli, "Konstig länk", lank=lank)
    svar = client_for(kansli).post(reverse("finsam:notis-las", args=[notis.pk]))
    assert svar["Location"] == reverse("finsam:notiser")


def test_get_does_not_mark_read(client_for, kansli):
    notis = _notis(kansli, "Oläst")
    assert client_for(kansli).get(reverse("finsam:notis-las", args=[notis.pk])).status_code == 405
    client_for(kansli).get(reverse("finsam:notiser"))
    notis.refresh_from_db()
    assert notis.last is None


def test_mark_all_read_marks_only_ones_own(client_for, anvandare, notiser):
    extra = _notis(anvandare["kansli"], "En till")
    svar = client_for(anvandare["kansli"]).post(reverse("finsam:notiser-las-alla"))
    assert svar.status_code == 302
    assert not Notis.objects.filter(mottagare=anvandare["kansli"], last__isnull=True).exists()
    extra.refresh_from_db()
    assert extra.last is not None
    for roll in ROLLER[1:]:
        notiser[roll].refresh_from_db()
        assert notiser[roll].last is None


def test_the_list_is_newest_first_marks_unread_and_is_paged(client_for, kansli):
    for i in range(30):
        _notis(kansli, f"Notis nummer {i:02d}")
    services.markera_last(notis=Notis.objects.get(rubrik="Notis nummer 29"))
    c = client_for(kansli)
    html = c.get(reverse("finsam:notiser")).content.decode()
    rubriker = re.findall(r"Notis nummer (\d\d)", html)
    assert rubriker[0] == "29" and len(set(rubriker)) == 25
    assert rubriker == sorted(rubriker, reverse=True)
    assert html.count(">Oläst</span>") == 24  # 29 is read
    assert "29 olästa" in html
    sida2 = c.get(reverse("finsam:notiser") + "?sida=2").content.decode()
    assert sorted(set(re.findall(r"Notis nummer (\d\d)", sida2))) == [f"{i:02d}" for i in range(5)]
    # A page beyond the last, or not a number: the nearest page, not an error.
    assert c.get(reverse("finsam:notiser") + "?sida=99").status_code == 200
    assert c.get(reverse("finsam:notiser") + "?sida=x").status_code == 200


def _navbar(html: str) -> str:
    """The text of the navbar's link to the notices, as a screen reader reads it."""
    lank = re.search(r'<a[^>]*href="/notiser/"[^>]*>(.*?)</a>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", lank).split()).replace("( ", "(")


def test_the_navbar_counts_unread_for_screen_readers(client_for, kansli, styrgrupp):
    _notis(kansli, "Första")
    _notis(kansli, "Andra")
    _notis(styrgrupp, "Inte din")
    html = client_for(kansli).get(reverse("insatser:list")).content.decode()
    assert _navbar(html) == "Notiser (2 olästa)"
    services.markera_alla_lasta(anvandare=kansli)
    html = client_for(kansli).get(reverse("insatser:list")).content.decode()
    assert _navbar(html) == "Notiser"


def test_the_navbar_count_costs_no_query_of_its_own(client_for, kansli):
    _notis(kansli, "Första")
    c = client_for(kansli)
    with CaptureQueriesContext(connection) as ctx:
        svar = c.get(reverse("finsam:notis-installningar"))
    assert _navbar(svar.content.decode()) == "Notiser (1 oläst)"
    # The count rides on the query that loads the user; nothing else reads the notices.
    om_notiser = [q["sql"] for q in ctx.captured_queries if 'finsam_notis"' in q["sql"]]
    assert len(om_notiser) == 1, om_notiser
    assert re.search(r'FROM "finsam_user"', om_notiser[0])


# --- the setting -----------------------------------------------------------------------


@pytest.mark.parametrize("roll", ROLLER)
def test_every_role_chooses_its_own_setting(client_for, anvandare, roll):
    user = anvandare[roll]
    url = reverse("finsam:notis-installningar")
    c = client_for(user)
    html = c.get(url).content.decode()
    assert 'value="direkt"' in html and 'value="vecka"' in html and 'value="ingen"' in html
    assert c.post(url, {"satt": "vecka"}).status_code == 302
    assert Notisinstallning.objects.get(anvandare=user).satt == "vecka"
    assert Notisinstallning.objects.count() == 1
    html = c.get(url).content.decode()
    valda = re.findall(r'<input[^>]*type="radio"[^>]*value="(\w+)"[^>]*checked', html)
    assert valda == ["vecka"]


def test_the_default_posted_unchanged_writes_nothing(client_for, kansli):
    svar = client_for(kansli).post(reverse("finsam:notis-installningar"), {"satt": "direkt"})
    assert svar.status_code == 302
    assert not Notisinstallning.objects.filter(anvandare=kansli).exists()


@pytest.mark.parametrize("varde", ["", "varje-minut", "x" * 1000, "\x00"])
def test_an_unknown_choice_is_refused(client_for, kansli, varde):
    svar = client_for(kansli).post(reverse("finsam:notis-installningar"), {"satt": varde})
    assert svar.status_code == 200
    assert not Notisinstallning.objects.filter(anvandare=kansli).exists()


def test_a_user_of_another_forbund_cannot_be_notified_through_this_forbund(forbund, outsider):
    assert services.notifiera([outsider], forbund=forbund, typ="t", rubrik="r") == []
    assert not Notis.objects.filter(mottagare=outsider).exists()


def test_inactive_users_get_no_notice(forbund):
    user = factories.make_user(forbund, "kansli", is_active=False)
    assert services.notifiera([user], forbund=forbund, typ="t", rubrik="r") == []


def test_the_demo_has_notices_to_show(demo, demo_user, client_for):
    """The demo's report steps left notices: the kansli has the submitted report still
    waiting for review unread, the Västerås steering group its approvals."""
    kansli = demo_user("kansli")
    html = client_for(kansli).get(reverse("finsam:notiser")).content.decode()
    assert _navbar(html) == "Notiser (1 oläst)"
    assert "Deltagarrapport inskickad: Samordningsteam FNS, Januari–juni 2026" in html
    olast = Notis.objects.get(mottagare=kansli, last__isnull=True)
    assert "FNS" in olast.rubrik
    sg = demo_user("styrgrupp-vasteras")
    rubriker = list(Notis.objects.filter(mottagare=sg).values_list("rubrik", flat=True))
    assert len(rubriker) == 2 and all("godkänd: Samordningsteam Västerås" in r for r in rubriker)
    assert not Notis.objects.filter(mailad__isnull=True, forbund=demo).exists()
