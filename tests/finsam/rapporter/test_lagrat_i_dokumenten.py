"""What is stored reaches the documents: the board's indicator assessments, the activities'
Omfattning, the rådgivande team's (RMGT) survey, the average time in the insats and the
participants' education, read from the PDFs' extracted text; small counts stay hidden."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string

from finsam.rapporter import deltagartabeller
from finsam.rapporter.arsredovisning import TEMPLATE, build_arsredovisning
from tests.finsam.rapporter.helpers import html_text, pdf_text
from uppfoljning.models import (
    Aktivitet,
    Deltagarrapport,
    Enkatsvar,
    Indikatorbedomning,
    Rapportperiod,
    Rapportvarde,
)
from uppfoljning.statistik import selectors as statistik

#: Every test runs with the database, so that pytest-django keeps the module's tests together
#: and the module-scoped documents below are made once, not once per group.
pytestmark = pytest.mark.django_db


def _command(tmp, *args) -> str:
    out = tmp / "dokument.pdf"
    call_command(
        "rapport", *args, "--forbund", "vastmanland", "--output", str(out), stdout=io.StringIO()
    )
    return pdf_text(out.read_bytes())


@pytest.fixture(scope="module")
def pdfer(demo_data, django_db_blocker, tmp_path_factory):
    """The demo's årsredovisning 2025 and delårsrapport per 2025-08-31, as text."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data()
        ar = _command(tmp_path_factory.mktemp("ar"), "arsredovisning", "--ar", "2025")
        delar = _command(tmp_path_factory.mktemp("delar"), "delarsrapport", "--per", "2025-08-31")
        transaction.set_rollback(True)
    return {"ar": ar, "delar": delar}


def rad(text: str, start: str) -> str:
    """The first line of `text` that starts with `start`."""
    for line in text.splitlines():
        if line.startswith(start):
            return line
    raise AssertionError(f"no line starting {start!r}")


def _html(forbund) -> str:
    rapport = build_arsredovisning(forbund, 2025)
    return html_text(render_to_string(TEMPLATE, {"rapport": rapport, "pdf": True}))


# -- the board's assessments -------------------------------------------------------------


def test_the_boards_assessments_print_as_stored(demo, pdfer):
    text = pdfer["ar"]
    assert "Styrelsens samlade bedömning" in text
    bedomningar = list(Indikatorbedomning.objects.filter(forbund=demo, ar=2025))
    assert len(bedomningar) == 5
    for b in bedomningar:
        assert rad(text, b.omrade) == f"{b.omrade} {b.bedomning}"
    assert rad(text, "Användning av könsuppdelad statistik").endswith("Delvis etablerad")


def test_an_assessment_changed_or_commented_prints_the_new_text(demo):
    b = Indikatorbedomning.objects.get(forbund=demo, ar=2025, omrade="Uppföljning och utvärdering")
    b.bedomning = "Mycket god"
    b.kommentar = "Uppföljningen används i styrgrupperna."
    b.save()
    text = _html(demo)
    assert "Kommentar" in text
    assert "Uppföljning och utvärdering  Mycket god  Uppföljningen används i styrgrupperna." in text


# -- the activities ----------------------------------------------------------------------


def test_activities_print_omfattning_not_an_empty_time_column(pdfer):
    text = pdfer["ar"]
    assert "Omfattning" in text
    assert "105 2 heldagar per vecka" in text
    assert "98 4 utbildningar à 4 heldagar" in text
    assert "519 28" in text
    assert not re.search(r"^Aktivitet Tid\b", text, re.M)


def test_an_activity_without_omfattning_prints_its_dates(demo):
    a = Aktivitet.objects.get(forbund=demo, ar=2025, namn="Fontänhus möten")
    a.omfattning = ""
    a.startdatum, a.slutdatum = date(2025, 3, 4), date(2025, 11, 20)
    a.save()
    text = _html(demo)
    assert re.search(r"Fontänhus möten .*135  2025-03-04 – 2025-11-20", text)


# -- the RMGT survey -----------------------------------------------------------------------


def test_arsredovisning_prints_the_rmgt_figures_and_survey(pdfer):
    text = pdfer["ar"]
    assert "Genomförda konsultationer 118" in text
    assert "Handläggare som deltagit 105" in text
    assert "Uppföljning med individer i anslutning till rådgivande samtal (112 svar)" in text
    assert rad(text, "Vi pratade om det som är viktigt") == (
        "Vi pratade om det som är viktigt för mig 83 (74 %) 29 (26 %) 0 (0 %) 112"
    )


def test_the_survey_hides_small_counts_and_what_would_reveal_them(pdfer):
    # 74 + 36 + 2 = 112: the 2 is "<3", and the 36 ".." (else 112 − 74 − 36 gives it away);
    # no share is printed for either.
    assert "Jag tror att det som vi pratade om" in pdfer["ar"]
    assert "\n79 (71 %) .. <3 112\n" in pdfer["ar"]
    assert "(1 %)" not in pdfer["ar"] and "(2 %)" not in pdfer["ar"]


def test_delarsrapport_prints_the_first_half_survey(pdfer):
    text = pdfer["delar"]
    assert "Uppföljning med individer i anslutning till rådgivande samtal (62 svar)" in text
    assert "Vi pratade om det som är viktigt för mig 46 (74 %) 16 (26 %) 0 (0 %) 62" in text
    assert "Genomförda konsultationer 64" in text


def test_survey_counts_come_from_the_stored_answers(demo):
    svar = Enkatsvar.objects.get(
        rapport__period__forbund=demo,
        rapport__period__typ=Rapportperiod.Typ.HELAR,
        fraga="Vi pratade om det som är viktigt för mig",
    )
    svar.ja_helt, svar.ja_delvis, svar.nej = 60, 30, 10
    svar.save()
    text = _html(demo)
    assert "Vi pratade om det som är viktigt för mig  60 (60 %)  30 (30 %)  10 (10 %)  100" in text


# -- average time and education ----------------------------------------------------------


def test_average_time_in_the_insats_per_insats_and_in_total(pdfer):
    text = pdfer["ar"]
    assert "Genomsnittlig tid i insatsen för avslutade deltagare (månader)" in text
    # Weighted by avslutade: 14 months in total, as published; a cell whose avslutade are
    # hidden (Västerås: one in "annat") is "..", an insats without avslutade is left out.
    assert rad(text, "Samtliga insatser").endswith("14,0")
    assert "Samordningsteam Surahammar 15,5 16,5 – 16,0" in text
    assert "Samordningsteam Västerås 12,5 .. .. 13,0" in text


def test_education_level_with_shares(pdfer):
    text = pdfer["ar"]
    assert "Deltagarnas högsta avslutade utbildning" in text
    assert "Förgymnasial (grundskola eller kortare) 102 37 %" in text
    assert "Totalt 278 100 %" in text


def test_average_time_is_recomputed_from_the_stored_measures(demo):
    period = Rapportperiod.objects.get(forbund=demo, ar=2025, typ=Rapportperiod.Typ.HELAR)
    Rapportvarde.objects.filter(
        rapport__period=period, rapport__insats__namn="Samordningsteam Sala", matt__kod="manader"
    ).update(varde=Decimal("20.0"))
    stat = statistik.period_statistik(demo, period, protected=True)
    tabell = deltagartabeller.tid_i_insatsen(stat)
    sala = next(r for r in tabell.rader if r.etikett == "Samordningsteam Sala")
    assert sala.celler == ["20,0", "20,0", "–", "20,0"]


def test_a_small_education_group_is_hidden_with_no_share(demo):
    period = Rapportperiod.objects.get(forbund=demo, ar=2025, typ=Rapportperiod.Typ.HELAR)
    rapport = Deltagarrapport.objects.get(period=period, insats__namn="Samordningsteam Sala")
    okand = Rapportvarde.objects.filter(matt__kod="utb-okand", rapport__period=period)
    okand.update(varde=0)
    okand.filter(rapport=rapport).update(varde=2)
    stat = statistik.period_statistik(demo, period, protected=True)
    rader = {r.etikett: r.celler for r in deltagartabeller.utbildning(stat).rader}
    assert rader["Okänd"] == ["<3", ".."]
    # Another level is hidden with it, else the total would give the 2 away.
    assert [e for e, c in rader.items() if c == ["..", ".."]] == ["Eftergymnasial"]
    assert rader["Totalt"][1] == "100\u00a0%"
