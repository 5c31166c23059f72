"""Named figures in the kansli's texts: `{{namn}}` prints the value from stored data in
preview, HTML and PDF; an adopted edition keeps the values it was adopted with; an unknown
name is visible and blocks; values never become markup."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.markdown import markdown_html
from finsam.models import Rapportutgava
from finsam.pdf import render_pdf
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava import faststall, kontroller
from finsam.rapporter.utgava.figurer import ALIAS, NAMN, SAKNAS, figurer, figurtexter, fyll
from finsam.rapporter.utgava.kontext import rapportkontext
from finsam.rapporter.utgava.texter import text_spara, utgava_for
from tests.finsam.rapporter.helpers import html_text, normalise, pdf_text, skriv_texter
from uppfoljning.models import Rapportvarde

UTGAVOR = [
    ("verksamhetsplan", "2025"),
    ("delarsrapport", "2025-08-31"),
    ("arsredovisning", "2025"),
    ("insats", "st-vasteras:2025-H1"),
]


def _t(text: str) -> str:
    """A figure's text with plain spaces and minus, as the PDF helpers give it."""
    return normalise(text)


def _bygg(forbund, kod, nyckel):
    typ = dokumenttyp(kod)
    return typ, typ.bygg(forbund, nyckel)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- values against the published documents ------------------------------------------------


@pytest.mark.parametrize(
    ("kod", "nyckel", "namn", "text"),
    [
        # Årsredovisning 2025: "totalt 278 deltagare, varav 108 har avslutat", "i genomsnitt
        # deltagit i 14 månader", "Hela 51 % …", "44 % … sjuk", "24 % … studier och anställning",
        # "50% … offentlig försörjning i mer än 4 år", "Cirka 37% har grundskola", "Teamsamverkan
        # … 15 personer", resultat 345 tkr, eget kapital 4 374 tkr = 23 %, "86 % … direkta
        # insatskostnader", soliditet 46,3 %, medelstilldelning 18 958 tkr, budget −2 029.
        ("arsredovisning", "2025", "deltagare.antal", "278"),
        ("arsredovisning", "2025", "avslutade.antal", "108"),
        ("arsredovisning", "2025", "deltagare.manader", "14"),
        ("arsredovisning", "2025", "avslut.arbete_studier.andel", "51 %"),
        ("arsredovisning", "2025", "avslut.sjuk.andel", "44 %"),
        ("arsredovisning", "2025", "avslut.arbete_eller_studier.andel", "24 %"),
        ("arsredovisning", "2025", "deltagare.langvarig_forsorjning.andel", "50 %"),
        ("arsredovisning", "2025", "deltagare.forgymnasial.andel", "37 %"),
        ("arsredovisning", "2025", "deltagare.teamsamverkan-vm", "15"),
        ("arsredovisning", "2025", "deltagare.insatser", "6"),
        ("arsredovisning", "2025", "resultat", "345 tkr"),
        ("arsredovisning", "2025", "resultat.kr", "345 299 kr"),
        ("arsredovisning", "2025", "eget_kapital.utgaende", "4 374 tkr"),
        ("arsredovisning", "2025", "eget_kapital.andel_av_medel", "23 %"),
        ("arsredovisning", "2025", "kostnader.direkta.andel", "86 %"),
        ("arsredovisning", "2025", "kostnader.individinsatser.andel", "66 %"),
        ("arsredovisning", "2025", "kostnader.administration.andel", "14 %"),
        ("arsredovisning", "2025", "soliditet", "46,3 %"),
        ("arsredovisning", "2025", "medel.totalt", "18 958 tkr"),
        ("arsredovisning", "2025", "budget.resultat", "-2 029 tkr"),
        ("arsredovisning", "2025", "forbund.kommuner", "10"),
        # Verksamhetsplan 2025–2027: "budgeterar förbundet för 20 204 tkr i kostnader …
        # medlemsintäkter 18 958 tkr … nyttja 1 246 tkr … utgående kapital … 1 001 tkr",
        # "utgör 78% av förbundets insatsfinansiering".
        ("verksamhetsplan", "2025", "budget.kostnader", "20 204 tkr"),
        ("verksamhetsplan", "2025", "budget.intakter", "18 958 tkr"),
        ("verksamhetsplan", "2025", "budget.eget_kapital_anvands", "1 246 tkr"),
        ("verksamhetsplan", "2025", "budget.resultat", "-1 246 tkr"),
        ("verksamhetsplan", "2025", "budget.eget_kapital", "1 001 tkr"),
        ("verksamhetsplan", "2025", "budget.individinsatser.andel", "78 %"),
        ("verksamhetsplan", "2025", "budget.gemensam-administration.2025", "1 759 tkr"),
        ("verksamhetsplan", "2025", "medel.totalt", "18 958 tkr"),
        ("verksamhetsplan", "2025", "ar", "2025"),
        # Delårsrapport per 2025-08-31: the first half-year's participants, the budget −2 029.
        ("delarsrapport", "2025-08-31", "deltagare.antal", "247"),
        ("delarsrapport", "2025-08-31", "budget.resultat", "-2 029 tkr"),
        ("delarsrapport", "2025-08-31", "per", "2025-08-31"),
        ("insats", "st-vasteras:2025-H1", "deltagare.antal", "85"),
    ],
)
def test_figures_match_the_published_documents(demo, kod, nyckel, namn, text):
    typ, rapport = _bygg(demo, kod, nyckel)
    assert _t(figurer(typ, demo, nyckel, rapport)[namn].text) == text


def test_aliases_point_to_figures_that_exist(demo):
    typ, rapport = _bygg(demo, "arsredovisning", "2025")
    varden = figurtexter(typ, demo, "2025", rapport)
    for alias in ("deltagare.andel_narmare_arbete", "eget_kapital", "medelstilldelning"):
        assert varden[alias] == varden[ALIAS[alias]]
    assert varden["deltagare.insats.teamsamverkan-vm.antal"] == "15"


# --- every name renders ------------------------------------------------------------------------


@pytest.mark.parametrize(("kod", "nyckel"), UTGAVOR)
def test_every_figure_renders(demo, kod, nyckel):
    typ, rapport = _bygg(demo, kod, nyckel)
    alla = figurer(typ, demo, nyckel, rapport)
    assert len(alla) > (10 if kod == "insats" else 50)
    varden = figurtexter(typ, demo, nyckel, rapport)
    for namn, figur in alla.items():
        assert figur.etikett and figur.grupp and figur.text, namn
        html = markdown_html(fyll(f"Värde: {{{{{namn}}}}}.", varden))
        assert "okänd siffra" not in html and "{{" not in html, namn
        assert _t(figur.text) in _t(html_text(str(html))), namn


@pytest.mark.parametrize(("kod", "nyckel"), UTGAVOR)
def test_the_fixed_names_of_each_document_exist(demo, kod, nyckel):
    typ, rapport = _bygg(demo, kod, nyckel)
    alla = figurer(typ, demo, nyckel, rapport)
    for namn, _etikett, dokument in NAMN:
        if kod in dokument:
            assert namn in alla, namn


def test_figures_cost_few_queries_and_a_cached_second_call_none(demo):
    typ, rapport = _bygg(demo, "arsredovisning", "2025")
    rapport._figurer = None
    with CaptureQueriesContext(connection) as queries:
        figurer(typ, demo, "2025", rapport)
    assert len(queries) <= 5
    with CaptureQueriesContext(connection) as queries:
        figurer(typ, demo, "2025", rapport)
    assert len(queries) == 0


def test_figures_never_raise_and_missing_data_prints_a_dash(demo):
    typ = dokumenttyp("arsredovisning")
    # No bokslut 1990: the report cannot be built, the common figures remain.
    alla = figurer(typ, demo, "1990", None)
    assert alla["forbund.namn"].text == demo.namn
    assert "resultat" not in alla
    # A delårsrapport whose half-year has no participants: its participant figures are "–".
    typ, rapport = _bygg(demo, "delarsrapport", "2025-08-31")
    rapport.statistik = None
    rapport._figurer = None
    alla = figurer(typ, demo, "2025-08-31", rapport)
    assert alla["deltagare.antal"].varde is None
    assert alla["deltagare.antal"].text == SAKNAS


# --- substitution, escaping, unknown names -------------------------------------------------------


def test_fyll_replaces_known_and_marks_unknown_names():
    varden = {"a.b": "278", "c": "51\u00a0%"}
    assert fyll("{{a.b}} och {{ c }} men {{okänd}} {{x_y}}", varden) == (
        "278 och 51\u00a0% men {{okänd}} ⟦okänd siffra: x\\_y⟧"
    )
    assert fyll("", varden) == ""


def test_values_are_text_never_markup(demo):
    demo.namn = "<script>alert(1)</script> *Förbundet* [länk](http://x)"
    demo.save()
    typ = dokumenttyp("arsredovisning")
    utgava = utgava_for(demo, "arsredovisning", ar=2025)
    text_spara(utgava=utgava, avsnitt="forord", text="Vi är {{forbund.namn}}.")
    rapport = typ.bygg(demo, "2025")
    html = str(rapport.texter["forord"])
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "Vi är &lt;script&gt;alert(1)&lt;/script&gt; *Förbundet* [länk](http://x)." in html


def test_unknown_name_is_visible_and_a_blocking_finding(demo, media):
    typ = dokumenttyp("arsredovisning")
    skriv_texter(demo, "arsredovisning", "2025")  # only the unknown figure blocks
    utgava = utgava_for(demo, "arsredovisning", ar=2025)
    text_spara(utgava=utgava, avsnitt="handelser", text="Vi hade {{deltagare.antl}} deltagare.")
    rapport = typ.bygg(demo, "2025")
    assert "⟦okänd siffra: deltagare.antl⟧" in str(rapport.texter["handelser"])
    fynd = [v for v in kontroller.varningar(typ, demo, "2025", rapport) if v.blockerande]
    assert len(fynd) == 1
    assert "{{deltagare.antl}}" in fynd[0].text
    assert "Händelser av väsentlig betydelse" in fynd[0].text
    assert fynd[0].url == reverse("finsam:rapport-texter", args=["arsredovisning", "2025"])
    pdf = render_pdf(typ.template, rapportkontext(typ, demo, "2025", rapport))
    assert "okänd siffra: deltagare.antl" in pdf_text(pdf)
    # Corrected, nothing blocks.
    text_spara(utgava=utgava, avsnitt="handelser", text="Vi hade {{deltagare.antal}} deltagare.")
    rapport = typ.bygg(demo, "2025")
    assert not [v for v in kontroller.varningar(typ, demo, "2025", rapport) if v.blockerande]


def test_preview_fills_figures_in_unsaved_text(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    response = client.post(
        reverse("finsam:rapport-forhandsvisning", args=["arsredovisning", "2025"]),
        {"forord": "Under året mötte vi {{deltagare.antal}} deltagare."},
    )
    assert response.status_code == 200
    assert "Under året mötte vi 278 deltagare." in response.content.decode()


def test_html_page_fills_figures(demo, demo_user, client):
    utgava = utgava_for(demo, "delarsrapport", ar=2025, per=date(2025, 8, 31))
    text_spara(utgava=utgava, avsnitt="styrelsen", text="Resultatet är {{resultat}}.")
    client.force_login(demo_user("styrelse"))
    typ = dokumenttyp("delarsrapport")
    response = client.get(reverse(f"finsam:{typ.url_namn}", args=typ.url_args("2025-08-31")))
    assert response.status_code == 200
    typ, rapport = _bygg(demo, "delarsrapport", "2025-08-31")
    resultat = figurer(typ, demo, "2025-08-31", rapport)["resultat"].text
    assert f"Resultatet är {_t(resultat)}." in html_text(response.content.decode())


# --- data changes, adoption freezes -----------------------------------------------------------


def _deltagare_plus(demo, antal: int):
    """Add `antal` kvinnor to Samordningsteam Västerås's approved helår 2025 report."""
    n = Rapportvarde.objects.filter(
        rapport__insats__forbund=demo,
        rapport__insats__slug="st-vasteras",
        rapport__period__ar=2025,
        rapport__period__typ="helar",
        matt__kod="deltagare",
        kon="k",
    ).update(varde=F("varde") + antal)
    assert n == 1


def test_figure_follows_its_data_and_stays_when_adopted(demo, demo_user, media):
    kansli = demo_user("kansli")
    typ = dokumenttyp("arsredovisning")
    skriv_texter(demo, "arsredovisning", "2025")
    utgava = utgava_for(demo, "arsredovisning", ar=2025)
    text_spara(utgava=utgava, avsnitt="forord", text="I år mötte vi {{deltagare.antal}} deltagare.")

    def forord():
        return html_text(str(typ.bygg(demo, "2025").texter["forord"]))

    assert "I år mötte vi 278 deltagare." in forord()
    _deltagare_plus(demo, 10)
    assert "I år mötte vi 288 deltagare." in forord()

    arkiv = faststall.faststall(
        typ, demo, "2025", beslutsdatum=date(2026, 3, 20), paragraf="§ 12", user=kansli
    )
    with arkiv.pdf.open("rb") as f:
        assert "I år mötte vi 288 deltagare." in pdf_text(f.read())
    utgava.refresh_from_db()
    assert utgava.figurvarden["deltagare.antal"] == "288"
    assert utgava.figurvarden["resultat"] == figurer(typ, demo, "2025")["resultat"].text

    # The participants are not locked by the årsredovisning: they change, the text does not.
    _deltagare_plus(demo, 5)
    assert figurer(typ, demo, "2025")["deltagare.antal"].text == "293"
    assert "I år mötte vi 288 deltagare." in forord()
    pdf = render_pdf(typ.template, rapportkontext(typ, demo, "2025", typ.bygg(demo, "2025")))
    assert "I år mötte vi 288 deltagare." in pdf_text(pdf)

    # A value stored at adoption prints even when the figure no longer exists.
    Rapportutgava.objects.filter(pk=utgava.pk).update(
        figurvarden={**utgava.figurvarden, "borttagen": "42 tkr"}
    )
    rapport = typ.bygg(demo, "2025")
    assert figurtexter(typ, demo, "2025", rapport)["borttagen"] == "42 tkr"

    faststall.oppna(utgava, anledning="Rättade deltagarsiffror", user=kansli)
    utgava.refresh_from_db()
    assert utgava.figurvarden == {}
    assert "I år mötte vi 293 deltagare." in forord()


def test_a_one_year_plan_names_its_figures_by_its_own_year(demo):
    typ = dokumenttyp("verksamhetsplan")
    rapport = typ.bygg(demo, "2024")
    f = figurer(typ, demo, "2024", rapport)
    assert len(rapport.kolumner) == 1
    assert "budget.kostnader.2023" not in f
    assert f["budget.kostnader.2024"].text == f["budget.kostnader"].text
    assert f["budget.kostnader"].varde == -rapport.summa_kostnader[0]
