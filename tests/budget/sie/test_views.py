"""The SIE pages: the mapping list and form (kansli writes, styrelse and revisor read,
styrgrupp 403, another förbund 404), and upload → preview → import or cancel, with the
refusals shown and nothing written."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget.models import Kontomappning, Utfallsperiod, Utfallsrad
from budget.utfall.services import Utfallsvarde, utfall_save, utfallsperiod_create
from finsam.models import User
from tests.access import assert_status
from tests.budget.helpers import text
from tests.budget.sie.conftest import sie_bytes

UPLOAD = reverse("budget:sie-upload")
MAPPNING = reverse("budget:sie-mappning")


def _upload(client, data, per="2025-03-31", name="bok.se", **extra):
    return client.post(UPLOAD, {"fil": SimpleUploadedFile(name, data), "per": per, **extra})


def _token(response) -> str:
    assert response.status_code == 302, text(response)[:800]
    match = re.search(r"/budget/utfall/sie/([^/]+)/$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def test_mapping_list_is_read_by_styrelse_and_revisor_without_edit_links(
    client_for, mappad, kansli, styrelse, revisor, styrgrupp, outsider
):
    edit = reverse("budget:sie-mappning-edit", args=[mappad.rader.kansli.pk])
    sida = text(client_for(kansli).get(MAPPNING))
    assert "4000–7999" in sida and "Ingen mappning" in sida
    assert edit in client_for(kansli).get(MAPPNING).content.decode()
    for user in (styrelse, revisor):
        response = client_for(user).get(MAPPNING)
        assert response.status_code == 200
        assert edit not in response.content.decode()
        assert_status(client_for(user), edit, 403)
        assert_status(client_for(user), edit, 403, method="post", data={"konton": ""})
    assert_status(client_for(styrgrupp), MAPPNING, 403)
    assert_status(client_for(styrgrupp), edit, 403)
    assert_status(client_for(outsider), edit, 404)
    assert Kontomappning.objects.filter(forbund=mappad.forbund).count() == 3


def test_mapping_form_saves_and_refuses_an_overlap_keeping_what_was_typed(
    client_for, mappad, kansli
):
    c = client_for(kansli)
    rad = mappad.rader.team_b
    url = reverse("budget:sie-mappning-edit", args=[rad.pk])
    response = c.post(url, {"konton": "5000-5999", "dimension": "1", "objekt": "K, Z"})
    assert response.status_code == 200
    sida = text(response)
    assert "Team B och Kansli" in sida or "Kansli och Team B" in sida
    assert 'value="5000-5999"' in response.content.decode()
    assert not Kontomappning.objects.filter(rad=rad).exists()

    response = c.post(url, {"konton": "5000-5999", "dimension": "1", "objekt": "B"})
    assert response.status_code == 302
    assert Kontomappning.objects.get(rad=rad).konton == "5000–5999"

    response = c.post(
        url, {"konton": "9-1", "dimension": "", "objekt": "", "lock_version_loaded": "0"}
    )
    assert "börjar efter" in text(response)


def test_upload_preview_and_import(client_for, mappad, kansli):
    c = client_for(kansli)
    assert c.get(UPLOAD).status_code == 200
    token = _token(_upload(c, sie_bytes()))
    preview = c.get(reverse("budget:sie-preview", args=[token]))
    sida = text(preview)
    html = preview.content.decode()
    assert re.search(r'data-total="fil">5\xa0300\xa0000<', html)
    assert re.search(r'data-total="mappat">5\xa0500\xa0000<', html)
    assert re.search(r'data-total="omappat">−200\xa0000<', html)
    assert "1: X" in sida
    assert not Utfallsperiod.objects.filter(forbund=mappad.forbund).exists()

    response = c.post(reverse("budget:sie-apply", args=[token]))
    period = Utfallsperiod.objects.get(forbund=mappad.forbund, per=date(2025, 3, 31))
    assert response.status_code == 302 and response["Location"] == reverse(
        "budget:utfall-detail", args=[period.pk]
    )
    assert Utfallsrad.objects.get(period=period, rad=mappad.rader.team_a).kostnad == -3_000_000
    # The token is used up.
    assert c.get(reverse("budget:sie-preview", args=[token])).status_code == 404


def test_refused_files_are_named_by_line_and_write_nothing(client_for, mappad, kansli):
    c = client_for(kansli)
    data = sie_bytes()
    for fil, ord_ in [
        (data.replace(b"4700000.00", b"4,7"), "Rad "),
        (data.replace(b"4700000.00", b"4700001.00"), "Kontrollsumman stämmer inte"),
        (sie_bytes(orgnr="556000-0000"), "556000-0000"),
    ]:
        response = _upload(c, fil)
        assert response.status_code == 200
        assert ord_ in text(response)
        assert "Filen är inte importerad" in text(response)
    response = _upload(c, data, per="2024-12-31")
    assert "räkenskapsåret 2025-01-01–2025-12-31" in text(response)
    assert not Utfallsperiod.objects.filter(forbund=mappad.forbund).exists()


def test_a_period_changed_after_the_upload_is_refused(client_for, mappad, kansli):
    c = client_for(kansli)
    period = utfallsperiod_create(forbund=mappad.forbund, per=date(2025, 3, 31), typ="delar")
    token = _token(_upload(c, sie_bytes()))
    utfall_save(
        period=period, varden={mappad.rader.team_b.pk: Utfallsvarde(netto=-7)}, expected_version=0
    )
    assert "ändrats av någon annan" in text(c.get(reverse("budget:sie-preview", args=[token])))
    response = c.post(reverse("budget:sie-apply", args=[token]), follow=True)
    assert "Importen är inte gjord" in text(response)
    assert list(period.rader.values_list("rad_id", flat=True)) == [mappad.rader.team_b.pk]


def test_cancel_writes_nothing(client_for, mappad, kansli):
    c = client_for(kansli)
    token = _token(_upload(c, sie_bytes()))
    response = c.post(reverse("budget:sie-cancel", args=[token]), follow=True)
    assert "Ingenting är ändrat" in text(response)
    assert not Utfallsperiod.objects.filter(forbund=mappad.forbund).exists()


def test_readers_cannot_upload_and_nobody_reads_another_users_upload(
    client_for, mappad, kansli, styrelse, styrgrupp
):
    token = _token(_upload(client_for(kansli), sie_bytes()))
    for user in (styrelse, styrgrupp):
        c = client_for(user)
        assert_status(c, UPLOAD, 403)
        assert_status(c, reverse("budget:sie-preview", args=[token]), 403)
        assert_status(c, reverse("budget:sie-apply", args=[token]), 403, method="post")
    other = client_for(
        __import__("tests.factories", fromlist=["x"]).make_user(mappad.forbund, "kansli")
    )
    assert_status(other, reverse("budget:sie-preview", args=[token]), 404)


def test_the_demo_file_with_bokslut_shows_the_checks(client_for, demo):
    kansli = User.objects.filter(forbund=demo, roll="kansli").first()
    c = client_for(kansli)
    from fixtures.sie import DEMOFIL

    token = _token(
        _upload(c, DEMOFIL.read_bytes(), per="2025-12-31", name="vastmanland-2025.se", bokslut="on")
    )
    sida = text(c.get(reverse("budget:sie-preview", args=[token])))
    assert "Bokslut 2025" in sida and "Kassa och bank" in sida
    assert "Balansräkningen går inte ihop" in sida
    assert "Leverantörsskulder" in sida


@pytest.mark.parametrize("url", [reverse("budget:utfall-list"), reverse("budget:bokslut-list")])
def test_utfall_and_bokslut_pages_link_the_import(client_for, mappad, kansli, url):
    assert UPLOAD in client_for(kansli).get(url).content.decode()
