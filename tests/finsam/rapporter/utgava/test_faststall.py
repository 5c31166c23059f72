"""Fastställ: the archived PDF never changes, the figures behind it are locked until the
edition is reopened with a reason, and the archive serves only an intact file."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget.models import Bokslut, Budgetversion, Utfallsperiod
from budget.utfall.services import Utfallsvarde, utfall_save
from finsam.concurrency import LastError
from finsam.models import Rapportarkiv, Rapportutgava, Underlagslas, Utgavahandelse
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava import faststall, las
from finsam.rapporter.utgava.texter import text_spara
from tests.finsam.rapporter.helpers import pdf_text, skriv_texter


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _adopt(demo, kansli=None, kod="arsredovisning", nyckel="2025", paragraf="§ 12"):
    skriv_texter(demo, kod, nyckel)
    return faststall.faststall(
        dokumenttyp(kod),
        demo,
        nyckel,
        beslutsdatum=date(2026, 3, 20),
        paragraf=paragraf,
        user=kansli,
    )


def _bytes(arkiv: Rapportarkiv) -> bytes:
    with arkiv.pdf.open("rb") as f:
        return f.read()


def test_adopting_archives_the_pdf_with_its_checksum_and_locks_the_figures(demo, demo_user, media):
    kansli = demo_user("kansli")
    arkiv = _adopt(demo, kansli)

    data = _bytes(arkiv)
    assert faststall.sha256(data) == arkiv.sha256
    assert arkiv.storlek == len(data)
    text = pdf_text(data)
    assert "Fastställd av styrelsen 2026-03-20, § 12" in text
    assert "Utkast – ej fastställt" not in text
    assert "345 299" in text  # the figures are the report's

    utgava = arkiv.utgava
    assert utgava.status == Rapportutgava.Status.FASTSTALLD
    assert Utgavahandelse.objects.filter(utgava=utgava, typ="faststalld", anvandare=kansli).exists()
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 12, 31))
    bokslut = Bokslut.objects.get(forbund=demo, ar=2025)
    for obj in (period, bokslut, utgava):
        assert las.las_for(obj) == utgava

    # Every change to the locked figures is refused and leaves them as they were.
    rad_id = period.rader.values_list("rad_id", flat=True).first()
    fore = list(period.rader.order_by("pk").values_list("intakt", "kostnad"))
    with pytest.raises(LastError, match="Årsredovisning 2025, fastställd av styrelsen 2026-03-20"):
        utfall_save(
            period=period,
            varden={rad_id: Utfallsvarde(intakt=1, kostnad=-1)},
            expected_version=period.lock_version,
        )
    assert list(period.rader.order_by("pk").values_list("intakt", "kostnad")) == fore
    with pytest.raises(ValidationError, match="fastställd"):
        text_spara(utgava=utgava, avsnitt="forord", text="Nytt förord")
    with pytest.raises(ValidationError, match="redan fastställd"):
        _adopt(demo, kansli)


def test_reopen_needs_a_reason_and_readopting_keeps_the_first_file(demo, demo_user, media):
    kansli = demo_user("kansli")
    forsta = _adopt(demo, kansli)
    forsta_bytes, forsta_sha = _bytes(forsta), forsta.sha256

    with pytest.raises(ValidationError, match="Skriv varför"):
        faststall.oppna(forsta.utgava, anledning="  ", user=kansli)
    utgava = faststall.oppna(forsta.utgava, anledning="Fel i not 4", user=kansli)
    assert utgava.status == Rapportutgava.Status.UTKAST
    assert not Underlagslas.objects.filter(utgava=utgava).exists()
    assert utgava.handelser.last().anledning == "Fel i not 4"

    text_spara(utgava=utgava, avsnitt="forord", text="Ett nytt förord efter revisionen.")
    andra = _adopt(demo, kansli, paragraf="§ 19")

    assert andra.pk != forsta.pk and andra.lopnummer == 2
    forsta.refresh_from_db()
    assert forsta.sha256 == forsta_sha and _bytes(forsta) == forsta_bytes
    assert "Ett nytt förord efter revisionen." in pdf_text(_bytes(andra))
    assert "Ett nytt förord efter revisionen." not in pdf_text(forsta_bytes)


def test_adopting_validates_date_and_paragraph(demo, media):
    with pytest.raises(ValidationError) as e:
        faststall.faststall(
            dokumenttyp("verksamhetsplan"),
            demo,
            "2025",
            beslutsdatum=date(2099, 1, 1),
            paragraf="",
        )
    assert set(e.value.message_dict) == {"beslutsdatum", "paragraf"}
    assert not Rapportarkiv.objects.exists()


def test_locked_budget_grid_shows_the_message_and_keeps_the_input(demo, demo_user, media, client):
    _adopt(demo, kod="verksamhetsplan", nyckel="2025")
    version = Budgetversion.objects.get(forbund=demo, ar=2025, typ="budget")
    client.force_login(demo_user("kansli"))
    url = reverse("budget:belopp-edit", args=[version.pk])
    rad_id = next(iter(version.belopp.values_list("rad_id", flat=True)))
    fore = dict(version.belopp.values_list("rad_id", "belopp"))
    data = {"lock_version_loaded": version.lock_version, f"rad_{rad_id}": "-123 456"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Verksamhetsplan och budget 2025" in response.content.decode()
    assert "låsta" in response.content.decode()
    assert dict(version.belopp.values_list("rad_id", "belopp")) == fore


def test_archive_download_checks_the_checksum(demo, demo_user, media, client):
    arkiv = _adopt(demo)
    url = reverse("finsam:rapportarkiv-pdf", args=[arkiv.pk])
    client.force_login(demo_user("styrelse"))
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == _bytes(arkiv)
    assert "attachment" in response["Content-Disposition"]

    listing = client.get(reverse("finsam:rapportarkiv")).content.decode()
    assert "Årsredovisning 2025" in listing and arkiv.sha256[:16] in listing

    path = media / arkiv.pdf.name
    path.write_bytes(path.read_bytes() + b"%tampered")
    response = client.get(url)
    assert response.status_code == 409
    assert "kontrollsumma" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("kansli", 200),
        ("styrelse", 200),
        ("revisor", 200),
        ("styrgrupp-vasteras", 403),
        ("kansli-exempel", 404),
    ],
)
def test_archive_download_access(demo, demo_user, media, client, username, status):
    arkiv = _adopt(demo)
    client.force_login(demo_user(username))
    assert client.get(reverse("finsam:rapportarkiv-pdf", args=[arkiv.pk])).status_code == status


def test_faststall_and_reopen_views(demo, demo_user, media, client):
    client.force_login(demo_user("kansli"))
    url = reverse("finsam:rapport-faststall", args=["delarsrapport", "2025-08-31"])
    page = client.get(url)
    assert page.status_code == 200
    assert "avviker" in page.content.decode()  # the checklist's warnings are shown

    skriv_texter(demo, "delarsrapport", "2025-08-31")
    bad = client.post(url, {"beslutsdatum": "2025-10-20", "paragraf": ""})
    assert bad.status_code == 200
    assert "Detta fält måste fyllas i" in bad.content.decode()
    assert 'value="2025-10-20"' in bad.content.decode()

    ok = client.post(url, {"beslutsdatum": "2025-10-20", "paragraf": "§ 40"})
    assert ok.status_code == 302
    utgava = Rapportutgava.objects.get(forbund=demo, dokument="delarsrapport")
    assert utgava.status == "faststalld" and utgava.paragraf == "§ 40"

    oppna_url = reverse("finsam:rapport-oppna", args=["delarsrapport", "2025-08-31"])
    assert client.post(oppna_url, {"anledning": ""}).status_code == 200
    assert client.post(oppna_url, {"anledning": "Ny prognos"}).status_code == 302
    utgava.refresh_from_db()
    assert utgava.status == "utkast"


def test_adopted_verksamhetsplan_prints_the_recorded_decision(demo, media):
    arkiv = _adopt(demo, kod="verksamhetsplan", nyckel="2025", paragraf="§ 61")
    assert "Beslutad av styrelsen 2026-03-20, § 61" in pdf_text(_bytes(arkiv))


def _instruktion_kvar(demo, kod, nyckel, avsnitt):
    """The edition with every section written, but `avsnitt` keeps its instruction."""
    typ = dokumenttyp(kod)
    skriv_texter(demo, kod, nyckel)
    utgava = Rapportutgava.objects.get(forbund=demo, dokument=kod, nyckel=nyckel)
    text_spara(utgava=utgava, avsnitt=avsnitt, text=typ.forvalda[avsnitt] + "\n\nEgen text.")
    return utgava


def test_adoption_is_refused_while_a_section_shows_its_instruction(demo, demo_user, media):
    utgava = _instruktion_kvar(demo, "verksamhetsplan", "2025", "vision")
    with pytest.raises(faststall.EjKlar) as fel:
        _faststall_utan_att_skriva(demo, "verksamhetsplan", "2025")
    assert [v.url for v in fel.value.varningar] == [
        reverse("finsam:rapport-texter", args=["verksamhetsplan", "2025"]) + "#id_vision"
    ]
    assert "Vision" in fel.value.varningar[0].text
    utgava.refresh_from_db()
    assert utgava.status == "utkast"
    assert not Rapportarkiv.objects.filter(utgava=utgava).exists()
    assert not Underlagslas.objects.filter(utgava=utgava).exists()

    text_spara(utgava=utgava, avsnitt="vision", text="Alla ska kunna försörja sig.")
    assert _faststall_utan_att_skriva(demo, "verksamhetsplan", "2025").utgava.status == "faststalld"


def _faststall_utan_att_skriva(demo, kod, nyckel):
    return faststall.faststall(
        dokumenttyp(kod), demo, nyckel, beslutsdatum=date(2026, 3, 20), paragraf="§ 3"
    )


def test_the_faststall_page_lists_what_blocks_with_links_and_keeps_the_input(
    demo, demo_user, media, client
):
    _instruktion_kvar(demo, "arsredovisning", "2025", "forord")
    client.force_login(demo_user("kansli"))
    url = reverse("finsam:rapport-faststall", args=["arsredovisning", "2025"])
    sida = client.get(url).content.decode()
    assert "Rapporten kan inte fastställas ännu" in sida
    assert "#id_forord" in sida and "Ordförandes förord" in sida
    assert "disabled" in sida

    svar = client.post(url, {"beslutsdatum": "2026-03-20", "paragraf": "§ 12"})
    assert svar.status_code == 200
    sida = svar.content.decode()
    assert "måste åtgärdas först" in sida and "#id_forord" in sida
    assert 'value="§ 12"' in sida
    assert not Rapportarkiv.objects.filter(utgava__forbund=demo).exists()


def test_warnings_that_do_not_block_are_recorded_with_the_adoption(demo, demo_user, media):
    from finsam.models import Rapporttext

    skriv_texter(demo, "arsredovisning", "2025")
    # "inledning" has a real default text: shown as a warning, it does not block
    Rapporttext.objects.filter(utgava__forbund=demo, avsnitt="inledning").delete()
    arkiv = _faststall_utan_att_skriva(demo, "arsredovisning", "2025")
    handelse = Utgavahandelse.objects.get(utgava=arkiv.utgava, typ="faststalld")
    assert any("inledning" in a for a in handelse.anmarkningar)
