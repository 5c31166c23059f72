"""The table-structure pages: the kansli writes, the board and auditors read, another
förbund gets 404, a re-post that changes nothing writes nothing, and a colleague's newer
save or an adopted document refuses the change."""

from datetime import date

import pytest
from django.urls import reverse

from budget.models import MedelTillForfogande, Tabellgrupp, Tabellstruktur
from budget.tabeller import services
from finsam.concurrency import LastError
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava import faststall
from tests.access import assert_requires_login, assert_status
from tests.budget.conftest import make_exempelbudget

LIST = reverse("budget:tabell-list")
CREATE = reverse("budget:tabell-create")


@pytest.fixture
def struktur(forbund):
    make_exempelbudget(forbund)
    return services.struktur_fran_tradet(forbund=forbund, dokument="verksamhetsplan", ar=2025)


def _grupp_url(struktur, grupp):
    return reverse("budget:tabell-grupp-edit", args=[struktur.pk, grupp.pk])


def _grupp_data(grupp, version, **kw):
    data = {
        "namn": grupp.namn,
        "overordnad": grupp.overordnad_id or "",
        "typ": grupp.typ,
        "visa_rubrik": "on" if grupp.visa_rubrik else "",
        "summa_etikett": grupp.summa_etikett,
        "ordning": grupp.ordning,
        "lock_version_loaded": version,
    }
    data.update(kw)
    return data


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_readers_see_the_list_and_the_structure(request, client_for, struktur, role):
    client = client_for(request.getfixturevalue(role))
    page = assert_status(client, LIST, 200).content.decode()
    assert "Verksamhetsplan och budget" in page
    assert (CREATE in page) == (role == "kansli")
    detail = reverse("budget:tabell-detail", args=[struktur.pk])
    page = assert_status(client, detail, 200).content.decode()
    assert "Summa individinsatser" in page and "Team A" in page


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_may_not_write(request, client_for, struktur, role):
    client = client_for(request.getfixturevalue(role))
    grupp = struktur.grupper.first()
    for url in (
        CREATE,
        _grupp_url(struktur, grupp),
        reverse("budget:tabell-rad-create", args=[struktur.pk]),
        reverse("budget:tabell-medel-create"),
    ):
        assert_status(client, url, 403)
        assert_status(client, url, 403, method="post", data={"namn": "x"})
    assert Tabellstruktur.objects.get(pk=struktur.pk).lock_version == struktur.lock_version


def test_other_forbund_gets_404(client_for, outsider, struktur):
    client = client_for(outsider)
    grupp = struktur.grupper.first()
    rad = grupp.rader.first() or struktur.grupper.last().rader.first()
    for url in (
        reverse("budget:tabell-detail", args=[struktur.pk]),
        _grupp_url(struktur, grupp),
        reverse("budget:tabell-grupp-delete", args=[struktur.pk, grupp.pk]),
        reverse("budget:tabell-rad-create", args=[struktur.pk]),
    ):
        assert_status(client, url, 404)
    if rad is not None:
        assert_status(client, reverse("budget:tabell-rad-edit", args=[struktur.pk, rad.pk]), 404)
    assert "Verksamhetsplan" not in assert_status(client, LIST, 200).content.decode()


def test_anonymous_is_sent_to_login(client, struktur):
    assert_requires_login(client, LIST)
    assert_requires_login(client, reverse("budget:tabell-detail", args=[struktur.pk]))


def test_start_from_the_tree_and_copy_last_year(client_for, kansli, forbund):
    make_exempelbudget(forbund)
    client = client_for(kansli)
    response = client.post(CREATE, {"dokument": "arsredovisning", "ar": "2025", "kalla": "tradet"})
    assert response.status_code == 302
    s2025 = Tabellstruktur.objects.get(forbund=forbund, dokument="arsredovisning", ar=2025)
    assert s2025.grupper.count() == 5
    response = client.post(
        CREATE, {"dokument": "arsredovisning", "ar": "2026", "kalla": "foregaende"}
    )
    assert response.status_code == 302
    s2026 = Tabellstruktur.objects.get(forbund=forbund, dokument="arsredovisning", ar=2026)
    assert sorted(s2026.grupper.values_list("namn", flat=True)) == sorted(
        s2025.grupper.values_list("namn", flat=True)
    )
    # The same year twice, and a copy with nothing to copy, are refused in Swedish.
    again = client.post(CREATE, {"dokument": "arsredovisning", "ar": "2025", "kalla": "tradet"})
    assert "redan en tabellstruktur" in again.content.decode()
    ingen = client.post(CREATE, {"dokument": "delarsrapport", "ar": "2025", "kalla": "foregaende"})
    assert "ingen struktur för ett tidigare år" in ingen.content.decode()
    assert Tabellstruktur.objects.filter(forbund=forbund).count() == 2


def test_rename_repost_unchanged_and_conflict(client_for, kansli, struktur):
    client = client_for(kansli)
    grupp = struktur.grupper.get(namn="Individinsatser")
    url = _grupp_url(struktur, grupp)
    assert client.get(url).status_code == 200
    data = _grupp_data(grupp, struktur.lock_version, namn="Individ-insatser")
    assert client.post(url, data).status_code == 302
    grupp.refresh_from_db()
    struktur.refresh_from_db()
    assert grupp.namn == "Individ-insatser"
    assert struktur.lock_version == 1
    # The same post again (now with the current version) changes nothing.
    antal = grupp.history.count()
    data["lock_version_loaded"] = 1
    assert client.post(url, data).status_code == 302
    struktur.refresh_from_db()
    assert struktur.lock_version == 1 and grupp.history.count() == antal
    # A post based on the old version is refused and keeps what was typed.
    stale = _grupp_data(grupp, 0, namn="Något annat")
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Någon annan har sparat" in response.content.decode()
    assert "Något annat" in response.content.decode()
    grupp.refresh_from_db()
    assert grupp.namn == "Individ-insatser"


def test_add_row_and_delete_group(client_for, kansli, struktur, forbund):
    client = client_for(kansli)
    ny = reverse("budget:tabell-grupp-create", args=[struktur.pk])
    response = client.post(
        ny,
        {
            "namn": "Processtöd",
            "typ": "kostnad",
            "visa_rubrik": "on",
            "ordning": 9,
            "summa_etikett": "",
            "overordnad": "",
            "lock_version_loaded": 0,
        },
    )
    assert response.status_code == 302
    grupp = Tabellgrupp.objects.get(struktur=struktur, namn="Processtöd")
    rad = struktur.grupper.get(namn="Strukturella insatser").rader.get(budgetrad__namn="Processtöd")
    url = reverse("budget:tabell-rad-edit", args=[struktur.pk, rad.pk])
    response = client.post(
        url,
        {
            "grupp": grupp.pk,
            "budgetrad": rad.budgetrad_id,
            "budgetgrupp": "",
            "etikett": "Processtöd (egen personal)",
            "ordning": 1,
            "lock_version_loaded": 1,
        },
    )
    assert response.status_code == 302
    rad.refresh_from_db()
    assert rad.grupp == grupp and rad.etikett == "Processtöd (egen personal)"
    # Neither or both of budgetrad and budgetgrupp: refused.
    response = client.post(
        reverse("budget:tabell-rad-create", args=[struktur.pk]),
        {
            "grupp": grupp.pk,
            "budgetrad": "",
            "budgetgrupp": "",
            "etikett": "x",
            "ordning": 1,
            "lock_version_loaded": 2,
        },
    )
    assert "antingen en budgetrad eller en budgetgrupp" in response.content.decode()
    delete = reverse("budget:tabell-grupp-delete", args=[struktur.pk, grupp.pk])
    assert client.post(delete, {"lock_version_loaded": 2}).status_code == 302
    assert not Tabellgrupp.objects.filter(pk=grupp.pk).exists()


def test_medel_till_forfogande_pages(client_for, kansli, styrelse, forbund):
    client = client_for(kansli)
    response = client.post(
        reverse("budget:tabell-medel-create"),
        {
            "ar": 2024,
            "fran": "SF Väst",
            "etikett": "",
            "belopp": "650000",
            "beraknat": "on",
            "beslut": "",
            "ordning": 1,
        },
    )
    assert response.status_code == 302
    medel = MedelTillForfogande.objects.get(forbund=forbund)
    assert medel.rubrik == "Medel som förs över från SF Väst (beräknat)"
    page = client_for(styrelse).get(LIST).content.decode()
    assert "från SF Väst (beräknat)" in page
    assert reverse("budget:tabell-medel-edit", args=[medel.pk]) not in page


def test_a_structure_an_adopted_document_uses_is_locked(demo, demo_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    struktur = Tabellstruktur.objects.get(forbund=demo, dokument="delarsrapport", ar=2025)
    faststall.faststall(
        dokumenttyp("delarsrapport"),
        demo,
        "2025-08-31",
        beslutsdatum=date(2025, 9, 26),
        paragraf="§ 40",
        user=demo_user("kansli"),
    )
    grupp = struktur.grupper.first()
    grupp.namn = "Något annat"
    with pytest.raises(LastError):
        services.del_spara(grupp, struktur=struktur, expected_version=struktur.lock_version)
    assert struktur.grupper.first().namn != "Något annat"
