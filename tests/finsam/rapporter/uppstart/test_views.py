"""The onboarding pages: download, upload with errors, preview, apply, cancel, and who may."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finsam.models import Medlem, User
from insatser.models import Malomrade
from tests import factories
from tests.finsam.rapporter.uppstart.test_services import _giltig, andra, antal, lagg_till, mall

UPLOAD = reverse("finsam:uppstart")
MALL = reverse("finsam:uppstart-mall-xlsx")


def _upload(client, data, name="uppstart.xlsx"):
    return client.post(UPLOAD, {"fil": SimpleUploadedFile(name, data)})


def _token(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.search(r"/forbundet/uppstart/([^/]+)/$", response["Location"]).group(1)


@pytest.fixture
def ny(db):
    forbund = factories.make_forbund()
    return forbund, factories.make_user(forbund, "kansli")


def test_download_upload_preview_apply(client, ny):
    forbund, kansli = ny
    client.force_login(kansli)
    svar = client.get(MALL)
    assert svar.status_code == 200 and svar["Content-Type"].startswith("application/vnd.openxml")
    data = andra(b"".join(svar), _giltig)
    token = _token(_upload(client, data))
    sida = client.get(reverse("finsam:uppstart-preview", args=[token]))
    assert sida.status_code == 200
    html = sida.content.decode()
    assert "Medlem Fagersta kommun" in html and "Tillämpa" in html
    assert antal(forbund)["medlemmar"] == 0, "the preview writes nothing"
    svar = client.post(reverse("finsam:uppstart-apply", args=[token]))
    assert svar.status_code == 302
    assert antal(forbund)["medlemmar"] == 2
    # The token is used up; the same file again changes nothing.
    assert client.post(reverse("finsam:uppstart-apply", args=[token])).status_code == 404
    token = _token(_upload(client, data))
    html = client.get(reverse("finsam:uppstart-preview", args=[token])).content.decode()
    assert "Ingenting ändras" in html


def test_errors_are_shown_and_nothing_is_kept(client, ny):
    forbund, kansli = ny
    client.force_login(kansli)

    def fn(wb):
        _giltig(wb)
        lagg_till(
            wb, "Insatser", {"Kortnamn": "x", "Namn": "X", "Typ": "Okänd typ", "Målområde": "Nej"}
        )

    svar = _upload(client, andra(mall(forbund), fn))
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Blad Insatser, rad" in html and "kolumn Typ" in html and "kolumn Målområde" in html
    assert antal(forbund) == dict.fromkeys(antal(forbund), 0)
    assert "uppstart" not in client.session


def test_cancel(client, ny):
    forbund, kansli = ny
    client.force_login(kansli)
    token = _token(_upload(client, andra(mall(forbund), _giltig)))
    assert client.post(reverse("finsam:uppstart-cancel", args=[token])).status_code == 302
    assert client.get(reverse("finsam:uppstart-preview", args=[token])).status_code == 404
    assert antal(forbund)["medlemmar"] == 0


@pytest.mark.parametrize("username", ["styrelse", "revisor", "styrgrupp-vasteras"])
def test_readers_and_styrgrupp_get_403(client, demo, username):
    client.force_login(User.objects.get(username=username))
    assert client.get(UPLOAD).status_code == 403
    assert client.get(MALL).status_code == 403
    data = andra(mall(demo), lambda wb: lagg_till(wb, "Målområden", {"Namn": "Smygvägen"}))
    assert _upload(client, data).status_code == 403
    assert not Malomrade.objects.filter(namn="Smygvägen").exists()


def test_another_forbunds_upload_is_404_and_its_workbook_refused(client, demo, ny):
    forbund, kansli = ny
    client.force_login(User.objects.get(username="kansli"))
    token = _token(_upload(client, mall(demo)))
    client.force_login(kansli)
    assert client.get(reverse("finsam:uppstart-preview", args=[token])).status_code == 404
    assert client.post(reverse("finsam:uppstart-apply", args=[token])).status_code == 404
    # Västmanland's workbook uploaded by another förbund's kansli: refused, named.
    svar = _upload(client, mall(demo))
    assert svar.status_code == 200 and "Blad Om arbetsboken" in svar.content.decode()
    assert Medlem.objects.filter(forbund=forbund).count() == 0


def test_anonymous_is_sent_to_login(client):
    assert client.get(UPLOAD).status_code == 302
    assert client.get(MALL).status_code == 302


def test_apply_refuses_when_the_forbund_changed_after_the_preview(client, ny):
    forbund, kansli = ny
    client.force_login(kansli)
    token = _token(_upload(client, andra(mall(forbund), _giltig)))
    assert client.get(reverse("finsam:uppstart-preview", args=[token])).status_code == 200
    # Meanwhile someone adds the member the workbook would create.
    factories.make_medlem(forbund, namn="Fagersta kommun")
    svar = client.post(reverse("finsam:uppstart-apply", args=[token]))
    assert svar.status_code == 200
    assert "har ändrats sedan du granskade" in svar.content.decode()
    assert antal(forbund)["insatser"] == 0 and antal(forbund)["medlemmar"] == 1
