"""A newly opened period has no approved report: every page that shows its figures
answers 200, not 500 (it used to raise IndexError in smatal.CountTable)."""

from datetime import date

import pytest
from django.urls import reverse

from finsam.models import User
from insatser.models import Insats
from tests.finsam.rapporter.helpers import hamta_pdf
from uppfoljning.deltagarrapport import services
from uppfoljning.models import Deltagarrapport, Rapportperiod

NYCKEL = "st-vasteras:2027-H1"


@pytest.fixture
def period_2027(demo, settings, tmp_path):
    """The issue's reproduction: the demo, and 2027 H1 opened for Samordningsteam Västerås."""
    settings.MEDIA_ROOT = tmp_path
    forbund = demo
    return services.period_open(
        forbund=forbund,
        ar=2027,
        typ="h1",
        sista_dag=date(2027, 8, 15),
        insatser=[Insats.objects.get(forbund=forbund, slug="st-vasteras")],
        anvandare=User.objects.get(username="kansli"),
        base_url="http://testserver/",
        skicka_epost=False,
    )


def _get(client, username, url, **kw):
    client.force_login(User.objects.get(username=username))
    return client.get(url, **kw)


@pytest.mark.parametrize("username", ["kansli", "styrelse"])
def test_statistics_of_a_period_without_approved_reports(period_2027, client, username):
    response = _get(client, username, reverse("uppfoljning:statistik-period", args=[2027, "h1"]))
    assert response.status_code == 200
    assert response.context["stat"].per_insats["deltagare"].n_rows == 0
    excel = client.get(reverse("uppfoljning:statistik-excel", args=[2027, "h1"]))
    assert excel.status_code == 200
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")


def test_insats_report_of_a_period_without_approved_report(period_2027, client):
    args = ["st-vasteras", "2027-H1"]
    assert (
        _get(client, "styrgrupp-vasteras", reverse("finsam:insatsrapport", args=args)).status_code
        == 200
    )
    pdf = hamta_pdf(client, reverse("finsam:insatsrapport-pdf", args=args))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_report_editor_pages_of_a_period_without_approved_report(period_2027, client):
    client.force_login(User.objects.get(username="kansli"))
    for name in ["finsam:rapport-texter", "finsam:rapport-kontroll", "finsam:rapport-faststall"]:
        response = client.get(reverse(name, args=["insats", NYCKEL]))
        assert response.status_code == 200, name
    preview = client.post(
        reverse("finsam:rapport-forhandsvisning", args=["insats", NYCKEL]),
        {"sammanfattning": "Nytt team."},
    )
    assert preview.status_code == 200 and "Nytt team." in preview.content.decode()


def test_delarsrapport_when_h1_has_no_approved_report(period_2027, client):
    Deltagarrapport.objects.filter(
        period=Rapportperiod.objects.get(forbund=period_2027.forbund, ar=2025, typ="h1")
    ).update(status=Deltagarrapport.Status.INSKICKAD)
    response = _get(client, "kansli", reverse("finsam:delarsrapport", args=["2025-08-31"]))
    assert response.status_code == 200
