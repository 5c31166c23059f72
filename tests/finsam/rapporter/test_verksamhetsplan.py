"""Verksamhetsplan och budget: the context builder's figures, the HTML and PDF views, access
and query counts. The demo figures are the published ones (seed document, section 7)."""

import io
import re
from datetime import date

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from budget.models import Budgetgrupp, Budgetversion
from finsam.models import User
from finsam.rapporter import RapportSaknas
from finsam.rapporter.verksamhetsplan import build_verksamhetsplan
from insatser.models import Insats
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.finsam.rapporter.helpers import hamta_pdf, html_text, pdf_pages, pdf_text, row_amounts

#: Every test runs with the database, so that pytest-django keeps the module's tests together
#: and the module-scoped document below is made once, not once per group.
pytestmark = pytest.mark.django_db

VIEWS = ["finsam:verksamhetsplan", "finsam:verksamhetsplan-pdf"]

# Budget 2024 (its tilläggsbudget), budget 2025, plan 2026, plan 2027.
SUMMA_INTAKTER = [19_038_000, 18_958_000, 18_958_000, 18_958_000]
SUMMA_KOSTNADER = [-20_982_000, -20_204_000, -18_226_600, -18_636_000]
RESULTAT = [-1_944_000, -1_246_000, 731_400, 322_000]
EGET_KAPITAL = [2_246_700, 1_000_700, 1_732_100, 2_054_100]


def budget_part(text):
    """The text from the budget section's heading on (the numbered heading '7 BUDGET')."""
    return text[re.search(r"^7\s+BUDGET$", text, re.MULTILINE).start() :]


# --- the figures ------------------------------------------------------------------------


def test_builder_computes_the_published_figures(demo):
    rapport = build_verksamhetsplan(demo, 2025)

    assert [k.rubrik for k in rapport.kolumner] == [
        "Budget 2024",
        "Budget 2025",
        "Plan 2026",
        "Plan 2027",
    ]
    # Budget 2024 is the newest version decided before budget 2025: the tilläggsbudget.
    assert rapport.kolumner[0].version.typ == Budgetversion.Typ.TILLAGG
    assert rapport.summa_intakter == SUMMA_INTAKTER
    assert rapport.summa_kostnader == SUMMA_KOSTNADER
    assert rapport.resultat == RESULTAT
    assert rapport.eget_kapital == EGET_KAPITAL
    assert [round(a * 1000) for a in rapport.individinsatser_andel] == [776, 781, 755, 707]
    assert rapport.beslutad == "Beslutad av styrelsen 2024-11-22, §\u00a057"
    assert rapport.titel == "Verksamhetsplan och budget 2025–2027"
    assert rapport.filnamn == "verksamhetsplan-och-budget-2025-2027.pdf"


def test_builder_writes_the_budget_sentence_from_the_same_figures(demo):
    text = " ".join(build_verksamhetsplan(demo, 2025).budgettext).replace("\u00a0", " ")
    assert "För 2025 budgeterar förbundet för 20 204 tkr i kostnader" in text
    assert "årets intäkter 18 958 tkr" in text
    assert "nyttja 1 246 tkr av tidigare års upparbetade egna kapital" in text
    assert "Beräknat utgående eget kapital 2025-12-31 är 1 001 tkr" in text
    assert "78,1 %" in text


def test_builder_writes_a_surplus_as_a_surplus(forbund):
    intakter = factories.make_grupp(forbund, typ=Budgetgrupp.Typ.INTAKT)
    kostnader = factories.make_grupp(forbund)
    version = factories.make_version(forbund, 2026, eget_kapital_ingaende=1_000_000)
    factories.set_belopp(version, factories.make_rad(intakter), 2_000_000)
    factories.set_belopp(
        version, factories.make_rad(kostnader, kategori="individinsatser"), -1_500_000
    )

    rapport = build_verksamhetsplan(forbund, 2026)
    text = " ".join(rapport.budgettext).replace("\u00a0", " ")

    assert "överskott på 500 tkr" in text and "nyttja" not in text
    assert "2026-12-31 är 1 500 tkr" in text
    # The plan covers only the years with stored versions: budget 2026 alone.
    assert [k.rubrik for k in rapport.kolumner] == ["Budget 2026"]
    assert rapport.resultat == [500_000]
    assert rapport.eget_kapital == [1_500_000]
    assert rapport.period == "2026"


def test_builder_takes_the_insatser_active_during_the_year(demo):
    rapport = build_verksamhetsplan(demo, 2025)
    namn = [ia.insats.slug for mo in rapport.malomraden for ia in mo.insatser]
    assert "rmgt" in namn  # ends 2025-12-31: still active in 2025
    assert "sip-vm" not in namn  # ended 2024-12-31
    assert namn == list(
        Insats.objects.filter(forbund=demo).aktiva_under(2025).values_list("slug", flat=True)
    )
    fns = rapport.malomraden[0].insatser[0]
    assert (fns.nummer, fns.insats.slug, fns.budget) == ("6.1.1", "st-fns", 1_650_000)
    assert [b.roll for b in fns.bemanning][:2] == ["Verksamhetsledare", "Socialkonsulent"]


def test_builder_refuses_a_year_without_adopted_budget(demo):
    factories.make_version(demo, 2030, typ=Budgetversion.Typ.PLAN)
    with pytest.raises(RapportSaknas, match="ingen beslutad budget för 2030"):
        build_verksamhetsplan(demo, 2030)


# --- the PDF -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_pdf(demo_data, django_db_blocker):
    """The demo's PDF as kansli downloads it, rendered once for the tests below (WeasyPrint
    takes about a second)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data()
        client = Client()
        client.force_login(User.objects.get(username="kansli"))
        response = hamta_pdf(client, reverse("finsam:verksamhetsplan-pdf", args=[2025]))
        transaction.set_rollback(True)
    assert response.status_code == 200
    return response


def test_pdf_is_an_attachment_named_after_the_document(demo_pdf):
    assert demo_pdf["Content-Type"] == "application/pdf"
    assert demo_pdf["Content-Disposition"] == (
        'attachment; filename="verksamhetsplan-och-budget-2025-2027.pdf"'
    )
    assert demo_pdf.content.startswith(b"%PDF-")


def test_pdf_budget_table_has_the_published_figures(demo_pdf):
    budget = budget_part(pdf_text(demo_pdf.content, layout=True))

    assert row_amounts(budget, "Summa intäkter") == SUMMA_INTAKTER
    assert row_amounts(budget, "Summa kostnader") == SUMMA_KOSTNADER
    assert row_amounts(budget, "Resultat") == RESULTAT
    assert row_amounts(budget, "Beräknat utgående eget kapital") == EGET_KAPITAL
    assert row_amounts(budget, "Summa individinsatser") == [
        -13_925_000,
        -13_842_000,
        -11_752_600,
        -10_223_000,
    ]
    assert row_amounts(budget, "Samordningsteam FNS") == [
        -1_525_000,
        -1_650_000,
        -1_369_500,
        -1_164_000,
    ]
    header = next(line for line in budget.splitlines() if line.startswith("Budget 2024"))
    assert header.split() == ["Budget", "2024", "Budget", "2025", "Plan", "2026", "Plan", "2027"]
    andel = next(
        line for line in budget.splitlines() if line.startswith("Individinsatsernas andel")
    )
    assert andel.split()[-8:] == ["77,6", "%", "78,1", "%", "75,5", "%", "70,7", "%"]


def test_pdf_budget_text_and_true_minus_signs(demo_pdf):
    text = pdf_text(demo_pdf.content)
    assert "För 2025 budgeterar förbundet för 20 204 tkr i kostnader" in text
    assert "årets intäkter 18 958 tkr samt genom att nyttja 1 246 tkr" in text
    assert "Beräknat utgående eget kapital 2025-12-31 är 1 001 tkr" in text
    raw = "".join(page.extract_text() for page in PdfReader(io.BytesIO(demo_pdf.content)).pages)
    assert "Summa kostnader \u221220 982 000" in raw.replace("\u00a0", " ")


def test_pdf_title_page_header_and_footer(demo_pdf):
    pages = pdf_pages(demo_pdf.content)
    title = pages[0]
    assert "Samordningsförbundet Västmanland" in title
    assert "Verksamhetsplan och budget" in title and "2025–2027" in title
    assert "Beslutad av styrelsen 2024-11-22, § 57" in title
    assert "Org nr 222 000-1974" in title
    assert "von Rosens väg 1" in title and "737 80 Fagersta" in title
    assert "Sida" not in title  # no running header or footer on the title page

    n = len(pages)
    assert n >= 5
    for number, page in enumerate(pages[1:], start=2):
        assert f"Sida {number} av {n}" in page, page
        assert "Samordningsförbundet Västmanland" in page
        assert "Verksamhetsplan och budget 2025–2027" in page


def test_pdf_has_contents_with_page_numbers_and_the_insatser(demo_pdf):
    pages = pdf_pages(demo_pdf.content)
    text = "\n".join(pages)
    assert "INNEHÅLL" in pages[1]
    budget_page = next(i for i, p in enumerate(pages, start=1) if "7 BUDGET" in p)
    toc_line = next(line for line in pages[1].splitlines() if line.startswith("7 Budget"))
    assert toc_line.endswith(f" {budget_page}")

    for heading in (
        "6.1 INDIVIDINSATSER",
        "6.2 METODER OCH ARBETSSÄTT",
        "6.1.1 Samordningsteam FNS",
    ):
        assert heading in text
    assert "Rådgivande myndighetsgemensamt team (RMGT)" in text
    assert "SIP-utvecklare" not in text.split("7 BUDGET")[0]  # ended 2024
    # Bemanning with FTE as the documents write them, and the board's decisions.
    assert "Socialkonsulent 4,0 Fagersta kommun 1,5" in text
    assert "2023-11-16 § 12 2024–2027 6 351 500 kr" in text


# --- the HTML view -----------------------------------------------------------------------


def test_html_view_shows_the_same_document_with_download_button(client_for, demo_user):
    response = client_for(demo_user("styrelse")).get(reverse("finsam:verksamhetsplan", args=[2025]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("finsam:verksamhetsplan-pdf", args=[2025]) in html
    assert "Ladda ned PDF" in html and reverse("finsam:rapporter") in html
    text = html_text(html)
    assert row_amounts(text, "Summa kostnader") == SUMMA_KOSTNADER
    assert row_amounts(text, "Resultat") == RESULTAT
    assert row_amounts(text, "Beräknat utgående eget kapital") == EGET_KAPITAL
    assert "Beslutad av styrelsen 2024-11-22, § 57" in text
    assert "<style" not in html and "style=" not in html  # CSP: no inline styles


def test_report_list_links_to_both_views(client_for, demo_user):
    url = reverse("finsam:rapporter") + "?ar=2025"
    html = client_for(demo_user("revisor")).get(url).content.decode()
    for name in VIEWS:
        assert reverse(name, args=[2025]) in html


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VIEWS)
def test_anonymous_is_sent_to_login(client, demo, name):
    assert_requires_login(client, reverse(name, args=[2025]))


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("username", ["kansli", "styrelse", "revisor"])
def test_kansli_styrelse_and_revisor_may_read(client_for, demo_user, monkeypatch, name, username):
    _skip_pdf_rendering(monkeypatch)
    assert_status(client_for(demo_user(username)), reverse(name, args=[2025]), 200)


@pytest.mark.parametrize("name", VIEWS)
def test_styrgrupp_gets_403(client_for, demo_user, name):
    assert_status(client_for(demo_user("styrgrupp-vasteras")), reverse(name, args=[2025]), 403)


# The PDF link takes a POST: it orders the PDF (tests/finsam/rapporter/test_pdfjobb.py).
@pytest.mark.parametrize("name", VIEWS[:1])
def test_post_is_not_allowed(client_for, demo_user, name):
    assert_status(client_for(demo_user("kansli")), reverse(name, args=[2025]), 405, "post")


@pytest.mark.parametrize("name", VIEWS)
def test_year_without_adopted_budget_is_404(client_for, demo_user, demo, name):
    factories.make_version(demo, 2026, typ=Budgetversion.Typ.TILLAGG)  # not an adopted budget
    client = client_for(demo_user("kansli"))
    for ar in (2026, 2030):
        assert_status(client, reverse(name, args=[ar]), 404)


@pytest.mark.parametrize("name", VIEWS)
def test_outsider_without_budget_gets_404(client_for, outsider, demo, name):
    """A förbund's users only ever get their own förbund's plan: none here."""
    assert_status(client_for(outsider), reverse(name, args=[2025]), 404)


def test_outsider_sees_own_forbund_only_html(client_for, demo_user):
    html = client_for(demo_user("kansli-exempel")).get(
        reverse("finsam:verksamhetsplan", args=[2025])
    )
    text = html_text(html.content.decode())
    assert "Samordningsförbundet Exempeldalen" in text
    assert "Västmanland" not in text and "Samordningsteam FNS" not in text
    assert row_amounts(text, "Summa kostnader") == [-1_900_000]
    assert "20 204 000" not in text


def test_outsider_sees_own_forbund_only_pdf(client_for, demo_user):
    response = hamta_pdf(
        client_for(demo_user("kansli-exempel")), reverse("finsam:verksamhetsplan-pdf", args=[2025])
    )
    text = pdf_text(response.content, layout=True)
    assert "Samordningsförbundet Exempeldalen" in text
    assert "Västmanland" not in text and "20 204 000" not in text
    assert row_amounts(budget_part(text), "Resultat") == [100_000]


def _skip_pdf_rendering(monkeypatch):
    """Access tests check status codes only: skip WeasyPrint's layout (about a second)."""
    monkeypatch.setattr("finsam.pdf.render_pdf", lambda *a, **kw: b"%PDF-1.7 test")


# --- queries -----------------------------------------------------------------------------


def make_forbund_with_insatser(n):
    """A förbund with n active insatser, each with bemanning, kommuner, a decision and a
    budget line, and a budget 2025 with plan 2026–2027."""
    forbund = factories.make_forbund()
    malomraden = [factories.make_malomrade(forbund) for _ in range(3)]
    kommun = factories.make_medlem(forbund)
    intakter = factories.make_grupp(forbund, typ=Budgetgrupp.Typ.INTAKT)
    kostnader = factories.make_grupp(forbund, visa_rubrik=True)
    versioner = [
        factories.make_version(forbund, 2025, eget_kapital_ingaende=500_000),
        factories.make_version(forbund, 2026, typ="plan", beslutsdatum=date(2024, 11, 22)),
        factories.make_version(forbund, 2027, typ="plan", beslutsdatum=date(2024, 11, 22)),
    ]
    rad = factories.make_rad(intakter)
    for v in versioner:
        factories.set_belopp(v, rad, 10_000_000)
    for i in range(n):
        insats = factories.make_insats(forbund, malomrade=malomraden[i % 3])
        insats.kommuner.set([kommun])
        factories.make_bemanning(insats, arbetsgivare=kommun)
        factories.make_bemanning(insats, roll="Arbetsförmedlare")
        factories.make_beslut(insats)
        rad = factories.make_rad(kostnader, insats=insats, kategori="individinsatser")
        for v in versioner:
            factories.set_belopp(v, rad, -100_000)
    return forbund


# Building the report:
#   1 versions (budget 2025, budget 2024, plan 2026, plan 2027: the four years' at once)
#   3 budget table (groups, lines with their insats, amounts)
#   1 budget groups for the chart
#   4 insatser (with målområde and ägare), the kommuner they serve, their staffing with
#     its employers, the decisions covering the year with their totals (grouped in
#     Python: no queryset per insats)
#   1 målområden
#   1 medlemmar
#   2 the edition (a read stores none, so there are no texts of its own to read) and
#     the previous edition (none here)
#   1 the board (Fortroendevald)
#   1 the year's goals (none here, so no query for their planned activities)
#   1 the kansli's staff of the year

#   1 the years with target-group statistics (none here, so no query for a table)
# The document's table structure and medel till förfogande: one query each; the budget
# groups come with the table. The named figures (medel.* read the medelstilldelning) are
# computed only when a text names one: none here.
BUILD_QUERIES = 18


@pytest.mark.parametrize("n", [5, 50])
def test_builder_queries_do_not_grow_with_insatser(db, django_assert_num_queries, n):
    forbund = make_forbund_with_insatser(n)
    with django_assert_num_queries(BUILD_QUERIES):
        rapport = build_verksamhetsplan(forbund, 2025)
    assert rapport.antal_insatser == n


@pytest.mark.parametrize("n", [5, 50])
def test_html_view_queries_do_not_grow_with_insatser(db, client_for, django_assert_num_queries, n):
    forbund = make_forbund_with_insatser(n)
    client = client_for(factories.make_user(forbund, "kansli"))
    # + session, user, the user's förbund; + 3 for the checklist's decisions-against-budget
    # check (amounts, versions, budget lines); its unwritten-texts check reads the texts
    # the builder read; + 1 for the data's token (finsam/dataversion.py), read once for the
    # edition and its checklist
    with django_assert_num_queries(BUILD_QUERIES + 7):
        response = client.get(reverse("finsam:verksamhetsplan", args=[2025]))
    assert response.status_code == 200
    assert response.content.decode().count('class="insats"') == n
    # Again, with nothing written in between: the built edition and its checklist are kept
    # (session, user, förbund and the token), and show the same.
    with django_assert_num_queries(4):
        igen = client.get(reverse("finsam:verksamhetsplan", args=[2025]))
    assert igen.content.decode().count('class="insats"') == n


# --- each document's own table; only the years the plan covers ----------------------------


def test_pdf_2025_keeps_ofordelade_medel_outside_the_direkta(demo_pdf):
    """The verksamhetsplan 2025–2027 prints the budget tree: Ofördelade medel after Summa
    direkta insatskostnader, not in it (the årsredovisning counts them inside)."""
    budget = budget_part(pdf_text(demo_pdf.content, layout=True))
    rader = [r.strip() for r in budget.splitlines()]
    direkta = next(i for i, r in enumerate(rader) if r.startswith("Summa direkta"))
    ofordelat = next(i for i, r in enumerate(rader) if r.startswith("Ofördelade medel"))
    assert ofordelat > direkta
    assert row_amounts(budget, "Summa direkta insatskostnader")[1] == -17_733_000


@pytest.fixture(scope="module")
def vp2024(demo_data, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data()
        client = Client()
        client.force_login(User.objects.get(username="styrelse"))
        response = hamta_pdf(client, reverse("finsam:verksamhetsplan-pdf", args=[2024]))
        transaction.set_rollback(True)
    assert response.status_code == 200
    return pdf_text(response.content, layout=True)


def test_pdf_2024_shows_one_budget_year_with_its_own_table(vp2024):
    """The first year after the merger: budget 2024 only, no plan years, with the
    verksamhetsplan 2024's own groups and labels (ofördelade medel and processtöd among the
    struktur-insatser)."""
    budget = budget_part(vp2024)
    header = next(line for line in budget.splitlines() if "Budget 2024" in line)
    assert header.split() == ["Budget", "2024"]
    assert "Plan 2025" not in vp2024 and "2024–2026" not in vp2024
    assert row_amounts(budget, "Summa admin kostnader") == [-2_850_000]
    assert row_amounts(budget, "Summa individ-insatser") == [-13_925_000]
    assert row_amounts(budget, "Ofördelade/sökbara utvecklingsmedel") == [-400_000]
    assert row_amounts(budget, "Summa struktur-insatser") == [-4_208_000]
    assert row_amounts(budget, "Summa direkta insatskostnader") == [-18_133_000]
    assert row_amounts(budget, "Summa kostnader") == [-20_983_000]
    assert row_amounts(budget, "Resultat") == [-1_945_000]
    assert row_amounts(budget, "Beräknat utgående eget kapital") == [1_918_000]
    # The intäkter are a hidden group: counted in Resultat, printed in Medel till förfogande.
    tabell = budget[: budget.index("Medel till förfogande")]
    assert "Summa intäkter" not in tabell and "Medelstilldelning" not in tabell


def test_pdf_2024_medel_till_forfogande_with_computed_total(vp2024):
    assert row_amounts(vp2024, "Medelstilldelning från huvudmännen 2024") == [19_038_000]
    assert row_amounts(vp2024, "Medel som förs över från SF Västerås (beräknat)") == [2_817_000]
    assert row_amounts(vp2024, "Medel som förs över från Norra Västmanlands SF (beräknat)") == [
        396_000
    ]
    assert row_amounts(vp2024, "Summa medel till förfogande") == [22_901_000]


def test_a_renamed_row_shows_in_the_document(demo):
    from budget.models import Tabellrad

    Tabellrad.objects.filter(
        grupp__struktur__forbund=demo,
        grupp__struktur__dokument="verksamhetsplan",
        grupp__struktur__ar=2025,
        budgetrad__namn="Gemensam administration",
    ).update(etikett="Kansli och administration")
    rapport = build_verksamhetsplan(demo, 2025)
    etiketter = [r.etikett for r in rapport.rader]
    assert "Kansli och administration" in etiketter
    assert "Gemensam administration" not in etiketter
