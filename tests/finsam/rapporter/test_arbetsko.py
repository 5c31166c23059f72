"""The start page's queues: the report selectors (uppfoljning.deltagarrapport.selectors) and
their composition per role (finsam/rapporter/arbetsko.py), each item appearing and
disappearing with the data, in a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import Medelstilldelning, Utfallsperiod
from finsam.rapporter import arbetsko
from tests import factories
from tests.uppfoljning.deltagarrapport.test_helpers import open_period, rapport_for, submitted
from uppfoljning.deltagarrapport import selectors, services

IDAG = date(2026, 9, 15)


def _period(forbund, kansli, insatser, *, dagar=10, **kw):
    return open_period(forbund, kansli, insatser, sista_dag=IDAG + timedelta(days=dagar), **kw)


def _antal_fragor(fn):
    with CaptureQueriesContext(connection) as c:
        fn()
    return len(c.captured_queries)


# --- att_granska ------------------------------------------------------------------------


def test_a_submitted_report_is_to_review_until_approved(forbund, kansli, styrgrupp, insats):
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    assert list(selectors.att_granska(forbund)) == []
    submitted(rapport, styrgrupp)
    ko = list(selectors.att_granska(forbund))
    assert ko == [rapport]
    assert ko[0].inskickad_tid is not None
    rapport.refresh_from_db()
    services.rapport_godkann(rapport=rapport, anvandare=kansli)
    assert list(selectors.att_granska(forbund)) == []


def test_a_returned_report_leaves_the_review_queue(forbund, kansli, styrgrupp, insats):
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    submitted(rapport, styrgrupp)
    rapport.refresh_from_db()
    services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="Rätta kön.")
    assert list(selectors.att_granska(forbund)) == []


def test_review_queue_is_the_forbunds_own(forbund, annat_forbund, kansli, styrgrupp, insats):
    submitted(rapport_for(_period(forbund, kansli, [insats]), insats), styrgrupp)
    assert list(selectors.att_granska(annat_forbund)) == []


def test_review_queue_is_one_query_however_many(forbund, kansli, styrgrupp, insats):
    andra = [factories.make_insats(forbund, styrgrupp=[styrgrupp]) for _ in range(3)]
    period = _period(forbund, kansli, [insats, *andra])
    for i in [insats, *andra]:
        submitted(rapport_for(period, i), styrgrupp)
    n = _antal_fragor(
        lambda: [(r.insats.namn, r.period.sista_dag) for r in selectors.att_granska(forbund)]
    )
    assert n == 1


# --- oppna_perioder ------------------------------------------------------------------------


def test_a_period_near_its_deadline_lists_who_has_not_reported(
    forbund, kansli, styrgrupp, insats, annan_insats
):
    period = _period(forbund, kansli, [insats, annan_insats], dagar=10)
    [lage] = selectors.oppna_perioder(forbund, IDAG)
    assert lage.period == period
    assert lage.dagar_kvar == 10 and not lage.sen
    assert [(s.insats, s.status_text) for s in lage.saknas] == [
        (insats, "Utkast"),
        (annan_insats, "Utkast"),
    ]
    submitted(rapport_for(period, insats), styrgrupp)
    [lage] = selectors.oppna_perioder(forbund, IDAG)
    assert [s.insats for s in lage.saknas] == [annan_insats]
    submitted(rapport_for(period, annan_insats), kansli)
    assert selectors.oppna_perioder(forbund, IDAG) == []


def test_a_period_far_from_its_deadline_is_not_listed(forbund, kansli, insats):
    _period(forbund, kansli, [insats], dagar=selectors.NARA_DAGAR + 1)
    assert selectors.oppna_perioder(forbund, IDAG) == []
    assert len(selectors.oppna_perioder(forbund, IDAG, dagar=selectors.NARA_DAGAR + 1)) == 1


def test_a_period_past_its_deadline_is_late(forbund, kansli, insats):
    _period(forbund, kansli, [insats], dagar=-3)
    [lage] = selectors.oppna_perioder(forbund, IDAG)
    assert lage.sen and lage.dagar_sen == 3


def test_an_insats_of_the_period_without_a_report_is_missing(forbund, kansli, insats):
    period = _period(forbund, kansli, [insats])
    utan = factories.make_insats(forbund)
    period.insatser.add(utan)
    [lage] = selectors.oppna_perioder(forbund, IDAG)
    saknad = {s.insats: s for s in lage.saknas}[utan]
    assert saknad.rapport is None and saknad.status_text == "Ingen rapport"


def test_a_returned_report_counts_as_not_reported(forbund, kansli, styrgrupp, insats):
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    submitted(rapport, styrgrupp)
    assert selectors.oppna_perioder(forbund, IDAG) == []
    rapport.refresh_from_db()
    services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="Fel.")
    [lage] = selectors.oppna_perioder(forbund, IDAG)
    assert [s.status_text for s in lage.saknas] == ["Returnerad"]


def test_open_periods_cost_three_queries_however_many(forbund, kansli, styrgrupp):
    insatser = [factories.make_insats(forbund) for _ in range(2)]
    _period(forbund, kansli, insatser[:1])
    en = _antal_fragor(lambda: selectors.oppna_perioder(forbund, IDAG))
    insatser += [factories.make_insats(forbund) for _ in range(4)]
    _period(forbund, kansli, insatser, ar=2025, typ="helar")
    flera = _antal_fragor(lambda: selectors.oppna_perioder(forbund, IDAG))
    assert en == flera == 3


# --- styrgruppens_oppna_rapporter ---------------------------------------------------------------


def test_a_returned_report_is_shown_to_its_steering_group_only_with_the_comment(
    forbund, kansli, styrgrupp, insats
):
    annan_styrgrupp = factories.make_user(forbund, "styrgrupp")
    factories.make_insats(forbund, styrgrupp=[annan_styrgrupp])
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    submitted(rapport, styrgrupp)
    rapport.refresh_from_db()
    services.rapport_returnera(
        rapport=rapport, anvandare=kansli, kommentar="Summan av kvinnor stämmer inte."
    )
    [egen] = selectors.styrgruppens_oppna_rapporter(styrgrupp)
    assert egen == rapport
    assert egen.retur.kommentar == "Summan av kvinnor stämmer inte."
    assert egen.retur.anvandare == kansli
    assert selectors.styrgruppens_oppna_rapporter(annan_styrgrupp) == []


def test_steering_group_queue_follows_the_workflow(forbund, kansli, styrgrupp, insats):
    rapport = rapport_for(_period(forbund, kansli, [insats]), insats)
    [r] = selectors.styrgruppens_oppna_rapporter(styrgrupp)
    assert r.status == "utkast" and r.retur is None
    submitted(rapport, styrgrupp)
    [r] = selectors.styrgruppens_oppna_rapporter(styrgrupp)
    assert r.status == "inskickad"
    rapport.refresh_from_db()
    services.rapport_godkann(rapport=rapport, anvandare=kansli)
    assert selectors.styrgruppens_oppna_rapporter(styrgrupp) == []


def test_returned_reports_come_first(forbund, kansli, styrgrupp, insats):
    andra = factories.make_insats(forbund, styrgrupp=[styrgrupp])
    period = _period(forbund, kansli, [insats, andra])
    rapport = rapport_for(period, andra)
    submitted(rapport, styrgrupp)
    rapport.refresh_from_db()
    services.rapport_returnera(rapport=rapport, anvandare=kansli, kommentar="Rätta.")
    assert [r.insats for r in selectors.styrgruppens_oppna_rapporter(styrgrupp)] == [
        andra,
        insats,
    ]


def test_steering_group_queue_is_two_queries(forbund, kansli, styrgrupp):
    insatser = [factories.make_insats(forbund, styrgrupp=[styrgrupp]) for _ in range(3)]
    period = _period(forbund, kansli, insatser)
    for i in insatser[:2]:
        r = rapport_for(period, i)
        submitted(r, styrgrupp)
        r.refresh_from_db()
        services.rapport_returnera(rapport=r, anvandare=kansli, kommentar="Rätta.")
    n = _antal_fragor(
        lambda: [
            (r.insats.namn, r.period.sista_dag, r.retur and r.retur.anvandare)
            for r in selectors.styrgruppens_oppna_rapporter(styrgrupp)
        ]
    )
    assert n == 2


# --- the year's steps --------------------------------------------------------------------------


def _steg(forbund, idag, text):
    return [s for s in arbetsko.arshjul(forbund, idag) if text in s.text]


def test_delarsrapport_steps_follow_the_utfall_and_the_adoption(forbund):
    [utfall] = _steg(forbund, IDAG, "Registrera utfall och prognos per 2026-08-31")
    assert not utfall.klar and utfall.url
    [faststall] = _steg(forbund, IDAG, "Fastställ delårsrapporten per 2026-08-31")
    assert not faststall.klar and faststall.datum == date(2026, 10, 31)
    Utfallsperiod.objects.create(forbund=forbund, per=date(2026, 8, 31))
    [utfall] = _steg(forbund, IDAG, "Registrera utfall och prognos per 2026-08-31")
    assert utfall.klar
    [faststall] = _steg(forbund, IDAG, "Fastställ delårsrapporten per 2026-08-31")
    assert "/kontroll/" in faststall.url


def test_steps_far_ahead_are_not_shown(forbund):
    # In February the delårsrapport (October) is too far ahead; the årsredovisning is due.
    februari = date(2026, 2, 10)
    assert _steg(forbund, februari, "delårsrapporten") == []
    [ar] = _steg(forbund, februari, "Fastställ årsredovisningen 2025")
    assert ar.datum == date(2026, 3, 31) and not ar.sen
    assert _steg(forbund, date(2026, 4, 5), "Fastställ årsredovisningen 2025")[0].sen


def test_a_reporting_period_is_a_step_with_its_deadline(forbund, kansli, styrgrupp, insats):
    assert _steg(forbund, IDAG, "Öppna rapportperioden januari–juni 2026")
    period = _period(forbund, kansli, [insats], ar=2026, typ="h1")
    assert _steg(forbund, IDAG, "Öppna rapportperioden januari–juni 2026") == []
    [steg] = _steg(forbund, IDAG, "Sista dag för deltagarrapporterna januari–juni 2026")
    assert steg.datum == period.sista_dag and not steg.klar
    submitted(rapport_for(period, insats), styrgrupp)
    [steg] = _steg(forbund, IDAG, "Sista dag för deltagarrapporterna januari–juni 2026")
    assert steg.klar


def test_overdue_steps_come_first(forbund):
    steg = arbetsko.arshjul(forbund, date(2026, 11, 5))
    assert steg, "a new förbund has steps ahead"
    sena = [s.sen for s in steg]
    assert sena == sorted(sena, reverse=True)
    assert all(s.url for s in steg if not s.klar)


# --- a förbund created a minute ago ---------------------------------------------------------


def test_new_forbund_has_empty_queues_everywhere(forbund, styrgrupp):
    k = arbetsko.kansli(forbund, IDAG)
    assert k.att_granska == [] and k.perioder == []
    assert [d.kan_skapas for d in k.kontroller] == [False, False, False]
    s = arbetsko.styrelse(forbund, IDAG)
    assert (s.faststallda, s.budget, s.eget_kapital, s.deltagare) == ([], None, None, None)
    r = arbetsko.revisor(forbund, IDAG)
    assert r.faststallda == []
    assert arbetsko.styrgrupp(styrgrupp, IDAG).rapporter == []


# --- the demo: checklists and charts ------------------------------------------------------------


def test_checklist_counts_are_the_checklists(demo):
    from finsam.rapporter.dokument import typer
    from finsam.rapporter.utgava import kontroller

    for rad in arbetsko.dokumentkontroller(demo):
        assert rad.kan_skapas
        typ = typer()[rad.typ.kod]
        # The checklist page's findings: from the whole report, each document on its own
        # (the start page builds less and reads the decisions once for all three).
        varningar = kontroller.varningar(typ, demo, rad.nyckel, typ.bygg(demo, rad.nyckel))
        assert rad.antal == len(varningar)
        assert rad.blockerande == len(kontroller.blockerande(varningar))
        assert rad.url.endswith(f"/{rad.nyckel}/kontroll/")


def test_eget_kapital_chart_uses_the_ceiling(demo):
    diagram = arbetsko.eget_kapital(demo)
    assert diagram is not None and "<svg" in diagram.svg
    ar, (ek, tak) = diagram.rader[-1]
    medel = Medelstilldelning.objects.get(forbund=demo, ar=int(ar))
    vantat = int((Decimal(medel.total) * Decimal("0.2") / 1000).quantize(Decimal(1)))
    assert tak.replace("\u00a0", "").replace(" ", "") == str(vantat)
    assert "av tilldelade medel" in diagram.sammanfattning


def test_budget_and_participants_charts_from_the_demo(demo):
    budget = arbetsko.budget_mot_utfall(demo, date(2026, 1, 15))
    assert budget is not None and "Budget 2025 och utfall per 2025-12-31" in budget.svg
    assert budget.rader
    deltagare = arbetsko.deltagare_per_kon(demo, date(2026, 12, 2))
    assert deltagare is not None and 'role="img"' in deltagare.svg
    assert deltagare.kolumner[:2] == ["Kvinnor", "Män"]


def test_the_checklists_read_the_budget_tree_once(demo):
    """The start page builds three documents' budget tables (here without the documents'
    own table structures, so each is built from the budget tree): the tree's groups and
    lines are read for the first only, and the counts are still each checklist's."""
    from budget.models import Tabellstruktur

    Tabellstruktur.objects.filter(forbund=demo).delete()
    with CaptureQueriesContext(connection) as ctx:
        rader = arbetsko.dokumentkontroller(demo)
    assert [r.kan_skapas for r in rader] == [True, True, True]
    sql = [q["sql"] for q in ctx.captured_queries]
    # The tree: every group and every line of the förbund (no join: not a line looked up).
    assert sum('FROM "budget_budgetgrupp" WHERE' in q for q in sql) == 1
    assert sum('FROM "budget_budgetrad" WHERE' in q for q in sql) == 1
    # The editions: every one of the förbund once, none looked up per document.
    per_nyckel = '"finsam_rapportutgava"."nyckel" = '
    assert not [q for q in sql if q.startswith('SELECT "finsam_rapportutgava"') and per_nyckel in q]
    test_checklist_counts_are_the_checklists(demo)
