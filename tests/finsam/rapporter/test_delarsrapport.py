"""Delårsrapport per 2025-08-31: the command and the views render the PDF, its figures come
from stored data (the delår table, the protected participant statistics), access, and the
query count of the context build."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.rapporter.delarsrapport import build_delarsrapport
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.finsam.rapporter.helpers import hamta_pdf, html_text, pdf_text, row_amounts
from uppfoljning.models import Deltagarrapport, Kon, Matt, Rapportperiod, Rapportvarde

#: Every test runs with the database, so that pytest-django keeps the module's tests together
#: and the module-scoped document below is made once, not once per group.
pytestmark = pytest.mark.django_db

PER = "2025-08-31"
VIEWS = ["finsam:delarsrapport", "finsam:delarsrapport-pdf"]
SUMMA = [-2_028_622, 5_108_938, -9_073, 2_019_549]


@pytest.fixture(scope="module")
def command_pdf(demo_data, django_db_blocker, tmp_path_factory):
    """The PDF written by the command, made once for the module's text assertions."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            demo_data()
            out = tmp_path_factory.mktemp("delar") / "delar.pdf"
            call_command(
                "rapport",
                "delarsrapport",
                "--forbund",
                "vastmanland",
                "--per",
                PER,
                "--output",
                str(out),
                stdout=io.StringIO(),
            )
            transaction.set_rollback(True)
    return out.read_bytes()


def test_command_pdf_has_the_summa_row(command_pdf):
    assert command_pdf.startswith(b"%PDF")
    text = pdf_text(command_pdf, layout=True)
    assert row_amounts(text, "SUMMA") == SUMMA


def test_command_pdf_economy_table_has_the_delarsrapport_own_structure(command_pdf):
    """As printed: "Administration" where the verksamhetsplan says "Gemensam
    administration", ofördelade medel and processtöd among the strukturpåverkande insatser,
    no sum rows but SUMMA."""
    text = pdf_text(command_pdf, layout=True)
    ekonomi = text[text.index("INTÄKTER") : text.index("Belopp i kronor; kostnader")]
    rader = [r.strip() for r in ekonomi.splitlines() if r.strip()]
    etiketter = [re.split(r"\s{2,}", r)[0] for r in rader]
    assert row_amounts(ekonomi, "Administration") == [-2_033_931, -971_341, -1_691_923, 342_008]
    assert "Gemensam administration" not in ekonomi
    assert not any(e.startswith("Summa") for e in etiketter)
    i = etiketter.index("Strukturpåverkande insatser")
    assert "Samverkansmedel ofördelat" in etiketter[i:]
    assert etiketter[-2] == "Processtöd samverkansinsatser"
    assert row_amounts(ekonomi, "SUMMA") == SUMMA


def test_command_pdf_has_participants_goals_and_title(command_pdf):
    text = pdf_text(command_pdf)
    assert "Delårsrapport per 2025-08-31" in text
    assert "Utkast" in text
    assert "Sida 2 av" in text
    assert "247" in text
    assert "I fas" in text
    for rubrik in ("STYRELSENS ARBETE", "OMVÄRLDEN", "DELTAGARE FÖRSTA HALVÅRET", "EKONOMI"):
        assert rubrik in text.upper()


def test_builder_figures(demo):
    rapport = build_delarsrapport(demo, date(2025, 8, 31))
    s = rapport.summa
    assert [s["budget"], s["utfall"], s["prognos"], s["avvikelse"]] == SUMMA
    totals = rapport.totals
    assert totals.shown(0, 3) == 247
    assert rapport.statistik.protected
    assert any(m.bedomning == "I fas" for mo in rapport.malomraden for m in mo.mal)
    text = rapport.prognostext.replace("\u00a0", " ").replace("\u202f", " ")
    assert "2 019 549 kr bättre än årsbudgetens \u22122 028 622 kr" in text
    assert "\u22129 073" in text


def test_faststalld_edition_shows_the_decision(demo):
    rapport = build_delarsrapport(demo, date(2025, 8, 31))
    utgava = rapport.utgava
    utgava.status = "faststalld"
    utgava.beslutsdatum = date(2025, 10, 10)
    utgava.paragraf = "§ 40"
    utgava.save()
    rapport = build_delarsrapport(demo, date(2025, 8, 31))
    assert rapport.beslutad.startswith("Fastställd av styrelsen 2025-10-10, §")


def test_kansli_text_replaces_the_default(demo):
    from finsam.rapporter.utgava.texter import text_spara

    rapport = build_delarsrapport(demo, date(2025, 8, 31))
    text_spara(utgava=rapport.utgava, avsnitt="omvarld", text="Arbetslösheten är **8,6 %**.")
    rapport = build_delarsrapport(demo, date(2025, 8, 31))
    assert "<strong>8,6 %</strong>" in rapport.texter["omvarld"]


# --- views and access -----------------------------------------------------------------------


@pytest.mark.parametrize("username", ["kansli", "styrelse", "revisor"])
def test_html_view_for_readers(client_for, demo_user, username):
    response = client_for(demo_user(username)).get(reverse("finsam:delarsrapport", args=[PER]))
    assert response.status_code == 200
    text = html_text(response.content.decode())
    assert row_amounts(text, "SUMMA") == SUMMA
    assert "247" in text
    assert "I fas" in text


def test_pdf_view(client_for, demo_user):
    response = hamta_pdf(
        client_for(demo_user("styrelse")), reverse("finsam:delarsrapport-pdf", args=[PER])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "delarsrapport-2025-08-31.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content, layout=True)
    assert row_amounts(text, "SUMMA") == SUMMA
    assert "247" in text


@pytest.mark.parametrize("name", VIEWS)
def test_styrgrupp_gets_403(client_for, demo_user, name):
    assert_status(client_for(demo_user("styrgrupp-vasteras")), reverse(name, args=[PER]), 403)


@pytest.mark.parametrize("name", VIEWS)
def test_date_without_utfallsperiod_gets_404(client_for, demo_user, name):
    assert_status(client_for(demo_user("kansli")), reverse(name, args=["2025-07-31"]), 404)


# The PDF link takes a POST: it orders the PDF (tests/finsam/rapporter/test_pdfjobb.py).
@pytest.mark.parametrize("name", VIEWS[:1])
def test_post_gets_405(client_for, demo_user, name):
    assert_status(client_for(demo_user("kansli")), reverse(name, args=[PER]), 405, method="post")


@pytest.mark.parametrize("name", VIEWS)
def test_requires_login(client, demo, name):
    assert_requires_login(client, reverse(name, args=[PER]))


@pytest.mark.parametrize("name", VIEWS)
def test_other_forbund_only_gets_its_own(client_for, demo_user, name):
    """Exempeldalen's kansli asks for Västmanland's date: it gets its own förbund or 404."""
    client = client_for(demo_user("kansli-exempel"))
    url = reverse(name, args=[PER])
    response = hamta_pdf(client, url) if name.endswith("pdf") else client.get(url)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        body = response.content if name.endswith("pdf") else None
        text = pdf_text(body) if body else html_text(response.content.decode())
        assert "Västmanland" not in text


# --- queries --------------------------------------------------------------------------------


def _add_insatser(forbund, n):
    """n more insatser, each with an approved first-half report and a goal with activities."""
    period = Rapportperiod.objects.get(forbund=forbund, ar=2025, typ=Rapportperiod.Typ.H1)
    matt = Matt.objects.get(forbund=forbund, kod="deltagare")
    from uppfoljning.models import Mal, Maluppfoljning, PlaneradAktivitet

    for i in range(n):
        insats = factories.make_insats(forbund, namn=f"Extra insats {i}")
        rapport = Deltagarrapport.objects.create(
            period=period, insats=insats, status=Deltagarrapport.Status.GODKAND
        )
        for kon in (Kon.KVINNOR, Kon.MAN):
            Rapportvarde.objects.create(rapport=rapport, matt=matt, kon=kon, varde=Decimal(5))
        mal = Mal.objects.create(
            forbund=forbund, ar=2025, malomrade=insats.malomrade, text=f"Extra mål {i}"
        )
        PlaneradAktivitet.objects.create(mal=mal, text="En aktivitet")
        Maluppfoljning.objects.create(mal=mal, tillfalle="delar", bedomning="i_fas")


def _queries(forbund):
    build_delarsrapport(forbund, date(2025, 8, 31))  # creates the edition once
    with CaptureQueriesContext(connection) as ctx:
        rapport = build_delarsrapport(forbund, date(2025, 8, 31))
    return len(ctx.captured_queries), rapport


def test_builder_queries_do_not_grow_with_insatser(demo):
    _add_insatser(demo, 5)
    fem, rapport = _queries(demo)
    antal_fem = len(rapport.deltagare.row_labels)
    _add_insatser(demo, 45)
    femtio, rapport = _queries(demo)
    assert len(rapport.deltagare.row_labels) == antal_fem + 45
    assert fem == femtio
