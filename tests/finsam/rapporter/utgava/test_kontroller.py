"""The checklist: each warning appears for deliberately broken data and goes when fixed; a
draft's PDF prints them under an UTKAST stamp."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import Bokslut, Bokslutspost, Utfallsperiod
from budget.utfall.services import Utfallsvarde, utfall_save
from finsam.pdf import render_pdf
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.kontext import rapportkontext
from finsam.rapporter.utgava.kontroller import varningar
from finsam.rapporter.utgava.texter import text_spara
from tests import factories
from tests.finsam.rapporter.helpers import normalise, pdf_text
from uppfoljning.models import Deltagarrapport


def _texter(typ, forbund, nyckel):
    """The warnings' texts with plain spaces and ASCII minus."""
    return [normalise(v.text) for v in varningar(typ, forbund, nyckel)]


def test_delarsrapport_warns_for_avvikelse_without_comment_until_commented(demo):
    typ = dokumenttyp("delarsrapport")
    texter = _texter(typ, demo, "2025-08-31")
    assert any(t.startswith("Rehabkoordinatorer i samverkan avviker 180 000 kr") for t in texter)
    assert any(
        # The row as the delårsrapport's own table names it (budget.tabeller).
        "Utvecklingsdagar Samordningsteam har utfall -3 620 kr men ingen budget" in t
        for t in texter
    )

    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 8, 31))
    rad = period.rader.get(rad__namn="Rehabkoordinatorer i samverkan")
    utfall_save(
        period=period,
        varden={
            rad.rad_id: Utfallsvarde(
                netto=rad.netto, prognos=rad.prognos, kommentar="Tjänsten tillsattes i maj."
            )
        },
        expected_version=period.lock_version,
    )
    assert not any(t.startswith("Rehabkoordinatorer") for t in _texter(typ, demo, "2025-08-31"))


def test_arsredovisning_warns_when_the_balance_sheet_does_not_balance(demo):
    typ = dokumenttyp("arsredovisning")
    fore = [t for t in _texter(typ, demo, "2025") if t.startswith("Balansräkningen")]
    assert len(fore) == 1 and "skillnad 1 kr" in fore[0]  # the published 1-kr difference

    bokslut = Bokslut.objects.get(forbund=demo, ar=2025)
    Bokslutspost.objects.create(bokslut=bokslut, typ="fordran", namn="Felbokning", belopp=50_000)
    efter = [t for t in _texter(typ, demo, "2025") if t.startswith("Balansräkningen")]
    assert len(efter) == 1 and "skillnad 49 999 kr" in efter[0]


def test_warns_for_an_insats_without_an_approved_report(demo):
    typ = dokumenttyp("arsredovisning")
    assert not any("deltagarrapport" in t for t in _texter(typ, demo, "2025"))
    rapport = Deltagarrapport.objects.get(
        period__forbund=demo, period__ar=2025, period__typ="helar", insats__slug="st-vasteras"
    )
    Deltagarrapport.objects.filter(pk=rapport.pk).update(status="inskickad")
    texter = _texter(typ, demo, "2025")
    assert (
        "Samordningsteam Västerås har ingen godkänd deltagarrapport för helår 2025 "
        "(rapporten är inskickad). Dess siffror kommer inte med." in texter
    )
    insats = dokumenttyp("insats")
    assert any(
        "Samordningsteam Västerås" in t for t in _texter(insats, demo, "st-vasteras:2025-helar")
    )
    assert not any("deltagarrapport" in t for t in _texter(insats, demo, "st-fns:2025-helar"))


def test_unwritten_texts_are_listed_until_written(demo):
    from finsam.models import Rapporttext

    typ = dokumenttyp("delarsrapport")
    Rapporttext.objects.filter(utgava__forbund=demo, utgava__dokument="delarsrapport").delete()
    rapport = typ.bygg(demo, "2025-08-31")
    stopp = [v for v in varningar(typ, demo, "2025-08-31", rapport) if v.blockerande]
    assert any("Omvärld" in v.text and v.url.endswith("#id_omvarld") for v in stopp)
    assert len(stopp) == sum(1 for s in typ.forvalda.values() if "*" in s)
    for avsnitt in typ.avsnitt:
        text_spara(utgava=rapport.utgava, avsnitt=avsnitt, text="Skrivet av kansliet.")
    assert not [v for v in varningar(typ, demo, "2025-08-31") if v.blockerande]
    assert not any("standardtext" in t for t in _texter(typ, demo, "2025-08-31"))


def test_draft_pdf_prints_the_warnings_and_adopted_does_not(demo):
    typ = dokumenttyp("delarsrapport")
    rapport = typ.bygg(demo, "2025-08-31")
    text = pdf_text(render_pdf(typ.template, rapportkontext(typ, demo, "2025-08-31", rapport)))
    assert re.search(r"Utkast – ej fastställt. Kontrollen hittade \d+ anmärkningar:", text)
    assert "Rehabkoordinatorer i samverkan avviker 180 000 kr" in text

    rapport.utgava.status = "faststalld"
    rapport.utgava.save()
    rapport = typ.bygg(demo, "2025-08-31")
    text = pdf_text(render_pdf(typ.template, rapportkontext(typ, demo, "2025-08-31", rapport)))
    assert "Utkast – ej fastställt" not in text


def _queries(forbund):
    typ = dokumenttyp("delarsrapport")
    rapport = typ.bygg(forbund, "2025-08-31")
    with CaptureQueriesContext(connection) as ctx:
        varningar(typ, forbund, "2025-08-31", rapport)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_insatser(demo):
    malomrade = factories.make_malomrade(demo)
    for _ in range(5):
        factories.make_insats(demo, malomrade=malomrade)
    fa = _queries(demo)
    for _ in range(45):
        factories.make_insats(demo, malomrade=malomrade)
    assert _queries(demo) == fa


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("kansli", 200),
        ("styrelse", 403),
        ("revisor", 403),
        ("styrgrupp-vasteras", 403),
        ("kansli-exempel", 404),
    ],
)
def test_checklist_access(demo, demo_user, client, username, status):
    client.force_login(demo_user(username))
    url = reverse("finsam:rapport-kontroll", args=["arsredovisning", "2025"])
    assert client.get(url).status_code == status


def test_checklist_page_links_to_the_fix(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    page = client.get(reverse("finsam:rapport-kontroll", args=["delarsrapport", "2025-08-31"]))
    html = page.content.decode()
    assert re.search(r"\d+ anmärkningar", html)
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 8, 31))
    assert reverse("budget:utfall-edit", args=[period.pk]) in html
    assert (
        client.get(
            reverse("finsam:rapport-kontroll", args=["delarsrapport", "2030-08-31"])
        ).status_code
        == 404
    )
    assert client.get(reverse("finsam:rapport-kontroll", args=["nope", "2025"])).status_code == 404


def _funna(lista):
    return [(v.text, v.url, v.lanktext, v.blockerande) for v in lista]


@pytest.mark.parametrize("kod", ["verksamhetsplan", "delarsrapport", "arsredovisning"])
def test_the_checklists_own_build_finds_what_the_whole_report_does(demo, kod):
    """The start page counts findings from `bygg_kontroll` (no charts, board, kansli...):
    for every edition, the same findings as from the whole report, also with texts that
    use named figures (known and unknown) and a picture the edition does not have."""
    typ = dokumenttyp(kod)
    assert typ.bygg_kontroll is not None
    nycklar = [n for grupp in typ.utgavor(demo) for _rubrik, n in grupp.utgavor]
    assert nycklar
    for nyckel in nycklar:
        assert _funna(varningar(typ, demo, nyckel)) == _funna(
            varningar(typ, demo, nyckel, typ.bygg(demo, nyckel))
        )
    nyckel = nycklar[0]
    utgava = typ.bygg(demo, nyckel).utgava
    avsnitt = list(typ.forvalda)
    text_spara(utgava=utgava, avsnitt=avsnitt[0], text="År {{ar}}: {{finns.inte}}.")
    text_spara(utgava=utgava, avsnitt=avsnitt[1], text="![Karta](bild:saknas)")
    fran_hela = _funna(varningar(typ, demo, nyckel, typ.bygg(demo, nyckel)))
    assert any("finns.inte" in t for t, *_ in fran_hela)
    assert any("saknas" in t for t, *_ in fran_hela)
    assert _funna(varningar(typ, demo, nyckel)) == fran_hela


def test_saknade_rapporter_reads_the_period_in_two_queries(demo):
    """The insatser without an approved report, with their report's link and status, in two
    queries when the builder has read the period (its reports, its insatser; no insats or
    report is built), and the same list when the period is read here."""
    from finsam.rapporter.utgava.kontroller import saknade_rapporter
    from uppfoljning.models import Rapportperiod

    period = Rapportperiod.objects.get(forbund=demo, ar=2025, typ="helar")
    rapporter = list(Deltagarrapport.objects.filter(period=period).order_by("pk"))
    Deltagarrapport.objects.filter(pk=rapporter[0].pk).update(status="inskickad")
    rapporter[1].delete()
    period = Rapportperiod.objects.get(pk=period.pk)
    with CaptureQueriesContext(connection) as ctx:
        lista = saknade_rapporter(demo, 2025, "helar", period=period)
    assert len(ctx) == 2
    assert len(lista) == 2
    texter = [normalise(v.text) for v in lista]
    assert any("(rapporten är inskickad)" in t for t in texter)
    assert any("(rapporten är saknas)" in t for t in texter)
    urls = {v.url for v in lista}
    assert reverse("uppfoljning:rapport-detail", args=[rapporter[0].pk]) in urls
    assert reverse("uppfoljning:period-detail", args=[period.pk]) in urls
    assert [v.text for v in saknade_rapporter(demo, 2025, "helar")] == [v.text for v in lista]
    en = saknade_rapporter(demo, 2025, "helar", insats_id=rapporter[0].insats_id)
    assert [v.url for v in en] == [reverse("uppfoljning:rapport-detail", args=[rapporter[0].pk])]
