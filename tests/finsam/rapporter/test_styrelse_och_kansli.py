"""The board's meetings, the important events and the kansli's staff in the documents: the
demo's delårsrapport per 2025-08-31, årsredovisning 2025 and verksamhetsplan 2025 print
them from stored data (counts and the cost split computed), and an adopted document locks
what it printed."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from budget.kansli import services as kansli_services
from budget.models import Kanslitjanst
from finsam.concurrency import LastError
from finsam.rapporter.arsredovisning import build_arsredovisning
from finsam.rapporter.delarsrapport import build_delarsrapport
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava import faststall
from tests.finsam.rapporter.helpers import pdf_text, skriv_texter
from uppfoljning.models import Styrelsemote
from uppfoljning.styrelse import services as styrelse_services

pytestmark = pytest.mark.django_db


def _pdf(demo_data, django_db_blocker, tmp_path_factory, *args):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data()
        out = tmp_path_factory.mktemp("fakta") / "rapport.pdf"
        call_command("rapport", *args, "--output", str(out), stdout=io.StringIO())
        transaction.set_rollback(True)
    return pdf_text(out.read_bytes())


@pytest.fixture(scope="module")
def delar_text(demo_data, django_db_blocker, tmp_path_factory):
    return _pdf(
        demo_data,
        django_db_blocker,
        tmp_path_factory,
        "delarsrapport",
        "--forbund",
        "vastmanland",
        "--per",
        "2025-08-31",
    )


@pytest.fixture(scope="module")
def ar_text(demo_data, django_db_blocker, tmp_path_factory):
    return _pdf(
        demo_data,
        django_db_blocker,
        tmp_path_factory,
        "arsredovisning",
        "--forbund",
        "vastmanland",
        "--ar",
        "2025",
    )


def test_delarsrapport_counts_and_lists_the_periods_meetings(delar_text):
    assert "haft 4 sammanträden: 2 ordinarie och 2 extra" in delar_text
    assert "1 medlemssamråd" in delar_text
    for datum in ("2025-02-21", "2025-03-14", "2025-03-28", "2025-05-23", "2025-06-13"):
        assert datum in delar_text
    assert "Tilläggsbudget 2025 beslutades (§ 24)" in delar_text
    assert "Medlemssamråd" in delar_text
    assert "2025-09-26" not in delar_text  # after the report date


def test_delarsrapport_lists_the_periods_events(delar_text):
    assert "VIKTIGA HÄNDELSER UNDER PERIODEN" in delar_text.upper()
    assert "Ny förbundschef rekryterad (2025-06-13)" in delar_text
    assert "RMGT avslutas" not in delar_text  # 2025-12-31: after the report date


def test_arsredovisning_prints_the_years_meetings_and_events(ar_text):
    assert "Styrelsen har under 2025 haft 6 sammanträden: 4 ordinarie och 2 extra" in ar_text
    assert "Verksamhetsplan och budget 2026–2028 fastställdes." in ar_text
    assert "RMGT avslutas (2025-12-31)" in ar_text
    assert "Vikarie för utvecklingsledare (2025-09-01)" in ar_text


def test_arsredovisning_prints_the_staff_table_and_the_cost_split(ar_text):
    assert "Kansliets tjänster 2025" in ar_text
    assert "Förbundschef" in ar_text
    assert "60 % / 40 %" in ar_text and "80 % / 20 %" in ar_text
    assert "20,0 % / 80,0 %" in ar_text and "26,7 % / 73,3 %" in ar_text
    # 2 036 511 kr processtöd (the bokslut's line) is 73,3 % of the kansli's cost.
    text = " ".join(ar_text.split())
    assert "administration 740 549 kr (26,7 %)" in text
    assert "processtöd samverkansinsatser 2 036 511 kr (73,3 %)" in text
    assert "totalt 2 777 060 kr" in text


def test_verksamhetsplan_prints_the_plan_years_staff(client, demo, demo_user):
    client.force_login(demo_user("styrelse"))
    html = client.get(reverse("finsam:verksamhetsplan", args=[2025])).content.decode()
    assert "Kansliets tjänster 2025" in html
    assert "Summa, viktat med tjänstgöringsgrad" in html
    assert "60&nbsp;% / 40&nbsp;%" in html
    assert "80&nbsp;% / 20&nbsp;%" not in html  # a plan shows the budget's split only


def test_printed_counts_and_split_follow_the_data(demo):
    styrelse_services.styrelsemote_save(
        mote=Styrelsemote(forbund=demo, datum=date(2025, 8, 20), typ="extra"), expected_version=0
    )
    rapport = build_delarsrapport(demo, date(2025, 8, 31))
    assert rapport.styrelsens_arbete.antal_extra == 3
    chef = Kanslitjanst.objects.get(forbund=demo, ar=2025, roll="Förbundschef")
    chef.andel_administration_utfall = Decimal("100")
    kansli_services.kanslitjanst_save(tjanst=chef, expected_version=chef.lock_version)
    ar = build_arsredovisning(demo, 2025)
    # 1,0 of 3,0 FTE is administration: processtöd 2 036 511 kr is two thirds of the cost.
    assert ar.kanslikostnad.kostnad == 3_054_767
    assert ar.kanslikostnad.administration == 1_018_256


def test_adopted_arsredovisning_locks_its_meetings_and_staff(
    demo, demo_user, settings, tmp_path, client
):
    settings.MEDIA_ROOT = tmp_path
    skriv_texter(demo, "arsredovisning", "2025")
    faststall.faststall(
        dokumenttyp("arsredovisning"),
        demo,
        "2025",
        beslutsdatum=date(2026, 3, 20),
        paragraf="§ 12",
        user=demo_user("kansli"),
    )
    mote = Styrelsemote.objects.get(forbund=demo, datum=date(2025, 5, 23))
    mote.plats = "Annan plats"
    with pytest.raises(LastError, match="Årsredovisning 2025"):
        styrelse_services.styrelsemote_save(mote=mote, expected_version=mote.lock_version)
    # The page says why and keeps what was typed.
    chef = Kanslitjanst.objects.get(forbund=demo, ar=2025, roll="Förbundschef")
    client.force_login(demo_user("kansli"))
    response = client.post(
        reverse("budget:kansli-edit", args=[chef.pk]),
        {
            "roll": "Förbundschef (ny)",
            "tjanstgoringsgrad": "1",
            "anstallningsform": "anstalld",
            "andel_administration": "60",
            "andel_administration_utfall": "80",
            "ordning": "1",
            "lock_version_loaded": chef.lock_version,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "låsta" in html and "Årsredovisning 2025" in html
    assert "Förbundschef (ny)" in html
    chef.refresh_from_db()
    assert chef.roll == "Förbundschef"
    # A meeting of another year is not locked.
    gammalt = Styrelsemote.objects.get(forbund=demo, datum=date(2024, 11, 22))
    gammalt.plats = "Digitalt"
    styrelse_services.styrelsemote_save(mote=gammalt, expected_version=gammalt.lock_version)
