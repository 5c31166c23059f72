"""The årsredovisning: the published 2025 figures in the PDF, access, and query counts."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.rapporter import RapportSaknas
from finsam.rapporter.arsredovisning import build_arsredovisning
from tests import factories
from tests.finsam.rapporter.helpers import hamta_pdf, html_text, pdf_text, row_amounts

#: Every test runs with the database, so that pytest-django keeps the module's tests together
#: and the module-scoped document below is made once, not once per group.
pytestmark = pytest.mark.django_db


def rad(text: str, etikett: str) -> str:
    """The first line of `text` that starts with `etikett`."""
    for line in text.splitlines():
        if line.startswith(etikett):
            return line
    raise AssertionError(f"no line starting {etikett!r}")


@pytest.fixture(scope="module")
def ar_pdf(demo_data, django_db_blocker, tmp_path_factory):
    """The demo's årsredovisning 2025 written by the command, rendered once (it is slow)."""
    output = tmp_path_factory.mktemp("ar") / "ar.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data()
        start = time.perf_counter()
        call_command(
            "rapport",
            "arsredovisning",
            "--forbund",
            "vastmanland",
            "--ar",
            "2025",
            "--output",
            str(output),
            stdout=io.StringIO(),
        )
        sekunder = time.perf_counter() - start
        transaction.set_rollback(True)
    pdf = output.read_bytes()
    print(f"arsredovisning rendered in {sekunder:.1f} s")
    return {"pdf": pdf, "text": pdf_text(pdf), "sekunder": sekunder}


def test_renders_in_seconds(ar_pdf):
    assert ar_pdf["pdf"].startswith(b"%PDF-")
    assert ar_pdf["sekunder"] < 60


def test_title_page_and_contents(ar_pdf):
    text = ar_pdf["text"]
    assert "Årsredovisning 2025" in text
    assert "Utkast" in text
    assert "INNEHÅLL" in text.upper()
    assert "Sida 2 av" in text


@pytest.mark.parametrize(
    ("etikett", "belopp"),
    [
        ("Verksamhetens intäkter 2", "18 964 118"),
        ("Verksamhetens kostnader 3", "-18 763 370"),
        ("Resultat efter finansiella poster", "345 299"),
        ("Summa tillgångar", "9 453 288"),
        ("Summa direkta insatskostnader -", "-16 184 868"),
        ("Driftbidrag Västerås stad", "2 096 319"),
        ("Driftbidrag från Region Västmanland", "5 924 375"),
    ],
)
def test_published_figures(ar_pdf, etikett, belopp):
    assert belopp in rad(ar_pdf["text"], etikett)


def test_driftredovisning_summa_netto(ar_pdf):
    # SUMMA: intäkt, kostnad, netto (201), budget intäkt, kostnad, netto, avvikelse, last year.
    # (intäkt 18 964: the app rounds the kronor sum; the published table added rounded rows;
    # budget kostnad −20 987 for the same reason, published −20 986.)
    line = rad(ar_pdf["text"], "SUMMA ")
    assert line.startswith("SUMMA 18 964 -18 763 201 18 958 -20 987 -2 029 2 229 ")


@pytest.fixture(scope="module")
def drift_text(ar_pdf):
    """The driftredovisning page of the PDF's text, laid out (a long label wraps)."""
    text = pdf_text(ar_pdf["pdf"], layout=True)
    start = text.index("DRIFTREDOVISNING", text.index("Belopp tkr") - 500)
    return text[start : text.index("Finansiella intäkter", start)]


@pytest.mark.parametrize(
    ("etikett", "varden"),
    [
        # Utfall intäkt, kostnad, netto; budget intäkt, kostnad, netto; avvikelse; 2024.
        ("Medel från huvudmännen", "18958 0 18958 18958 0 18958 0 19038 0 19038"),
        ("Kansli + Bilkonto", "5 -1970 -1965 0 -2034 -2034 68 5 -1757 -1753"),
        ("Samverkansmedel ofördelat", "0 0 0 0 -400 -400 400 0 -75 -75"),
        ("Myndighetsgemensamt team", "0 -1020 -1020 0 -1254 -1254 234 0 -1084 -1084"),
        ("Summa kostnader", "0 -12399 -12399 0 -13842 -13842 1443 0 -12706 -12706"),
        ("Summa processtöd", "0 -2037 -2037 0 -2017 -2017 -19 0 -1815 -1815"),
        ("Summa direkta", "1 -16185 -16184 0 -18333 -18333 2150 0 -16711 -16711"),
    ],
)
def test_driftredovisning_has_the_published_budget_columns_and_groups(drift_text, etikett, varden):
    """The årsredovisning's own structure: ofördelade medel inside Strukturpåverkande
    insatser (Summa direkta insatskostnader budget −18 333 tkr), processtöd a group of its
    own, the published labels, and budget Intäkt, Kostnad, Netto."""
    assert row_amounts(drift_text, etikett) == [int(v) for v in varden.split()]


def test_driftredovisning_counts_ofordelade_medel_in_strukturpaverkande(drift_text):
    rader = [r.strip() for r in drift_text.splitlines()]
    start = next(i for i, r in enumerate(rader) if r.startswith("Strukturpåverkande insatser"))
    ofordelat = next(i for i, r in enumerate(rader) if r.startswith("Samverkansmedel ofördelat"))
    summa = next(
        i for i, r in enumerate(rader) if r.startswith("Summa kostnader") and i > ofordelat
    )
    assert start < ofordelat < summa
    # Summa kostnader strukturpåverkande insatser: budget −2 474 tkr with the −400 inside.
    assert row_amounts("\n".join(rader[summa:]), "Summa kostnader")[3:6] == [0, -2474, -2474]
    assert "Processstöd" in "\n".join(rader[summa:])


def test_avstamning_is_shown_not_hidden(demo, ar_pdf):
    rapport = build_arsredovisning(demo, 2025)
    if rapport.avvikelser:
        assert "Avstämning" in ar_pdf["text"]


def test_signatures_fall_back_to_one_line_per_member_without_a_board(demo):
    from django.template.loader import render_to_string

    from finsam.models import Fortroendevald
    from finsam.rapporter.arsredovisning import TEMPLATE

    Fortroendevald.objects.filter(forbund=demo).delete()
    html = render_to_string(TEMPLATE, {"rapport": build_arsredovisning(demo, 2025), "pdf": True})
    assert "Ledamot utsedd av Region Västmanland" in html
    assert "Revisorernas underskrift" in html


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [("kansli", 200), ("styrelse", 200), ("revisor", 200), ("styrgrupp-vasteras", 403)],
)
def test_html_access(client_for, demo_user, username, status):
    response = client_for(demo_user(username)).get(reverse("finsam:arsredovisning", args=[2025]))
    assert response.status_code == status


def test_html_shows_the_figures(client_for, demo_user):
    response = client_for(demo_user("styrelse")).get(reverse("finsam:arsredovisning", args=[2025]))
    text = html_text(response.content.decode())
    assert "18 964 118" in text
    assert reverse("finsam:arsredovisning-pdf", args=[2025]) in response.content.decode()


def test_year_without_bokslut_is_404(client_for, demo_user):
    url = reverse("finsam:arsredovisning", args=[2031])
    assert client_for(demo_user("kansli")).get(url).status_code == 404
    with pytest.raises(RapportSaknas):
        build_arsredovisning(demo_user("kansli").forbund, 2031)


def test_post_is_405(client_for, demo_user):
    url = reverse("finsam:arsredovisning", args=[2025])
    assert client_for(demo_user("kansli")).post(url).status_code == 405


def test_other_forbund_sees_only_its_own(client_for, demo_user):
    # Exempeldalen has no bokslut 2025: 404, never Västmanland's figures.
    response = client_for(demo_user("kansli-exempel")).get(
        reverse("finsam:arsredovisning", args=[2025])
    )
    assert response.status_code == 404
    assert b"18 964 118" not in response.content


def test_anonymous_is_sent_to_login(client, demo):
    response = client.get(reverse("finsam:arsredovisning", args=[2025]))
    assert response.status_code == 302


def test_pdf_download(client_for, demo_user):
    response = hamta_pdf(
        client_for(demo_user("revisor")), reverse("finsam:arsredovisning-pdf", args=[2025])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="arsredovisning-2025.pdf"' in response["Content-Disposition"]


# --- queries --------------------------------------------------------------------------------


def _queries(forbund) -> int:
    with CaptureQueriesContext(connection) as ctx:
        build_arsredovisning(forbund, 2025)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_insatser(demo):
    build_arsredovisning(demo, 2025)  # creates the edition on first use
    malomrade = factories.make_malomrade(demo)
    for _ in range(5):
        factories.make_insats(demo, malomrade=malomrade)
    fa = _queries(demo)
    for _ in range(45):
        factories.make_insats(demo, malomrade=malomrade)
    assert _queries(demo) == fa


def test_signature_pages_name_the_board_and_the_auditors(ar_pdf):
    text = ar_pdf["text"]
    signaturer = text[text.index("STYRELSENS UNDERSKRIFT") :]
    assert "Eva Ekström" in signaturer
    assert "Ordförande, utsedd av Region Västmanland" in signaturer
    assert "Ledamot, utsedd av Fagersta kommun" in signaturer
    revisorer = signaturer[signaturer.index("REVISORERNAS UNDERSKRIFT") :]
    assert "Niklas Hedlund" in revisorer
    assert "Auktoriserad revisor, utsedd av staten" in revisorer


def test_draft_pdf_lists_the_checklist_warnings(ar_pdf):
    assert "Utkast – ej fastställt. Kontrollen hittade" in ar_pdf["text"]
    assert "Balansräkningen går inte ihop" in ar_pdf["text"]


@pytest.mark.parametrize(
    ("kod", "nyckel"), [("arsredovisning", "2025"), ("delarsrapport", "2025-08-31")]
)
def test_the_built_edition_keeps_the_statistics_tables_not_the_raw_figures(demo, kod, nyckel):
    """What the cache keeps (and pickles) of the statistics: the protected tables, shares
    and averages, not the raw figures per insats, measure and kön they were built from."""
    import pickle

    from finsam.rapporter.dokument import dokumenttyp

    rapport = dokumenttyp(kod).bygg(demo, nyckel)
    stat = rapport.statistik
    assert stat is not None and stat.har_data
    assert stat.values == {} and "_antal" not in stat.__dict__
    assert stat.per_insats["deltagare"].n_rows and stat.totals is not None
    kopia = pickle.loads(pickle.dumps(rapport))
    assert kopia.statistik.per_insats["deltagare"].rows == stat.per_insats["deltagare"].rows
