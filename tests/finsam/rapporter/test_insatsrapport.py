"""The insats report: protected figures from the approved report, the economy, who may read
it, the command, and query counts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.rapporter.insatsrapport import build_insatsrapport, parse_nyckel
from tests import factories
from tests.finsam.rapporter.helpers import hamta_pdf, pdf_text


def _url(name, slug="st-vasteras", period="2025-H1"):
    return reverse(name, args=[slug, period])


def test_pdf_has_the_protected_figures_and_the_economy(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    response = hamta_pdf(client, _url("finsam:insatsrapport-pdf"))
    assert response.status_code == 200
    assert 'filename="insatsrapport-st-vasteras-2025-H1.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    # 45 women, men hidden as "..", 1-2 others as "<3", 85 in total.
    assert "Deltagare under perioden 45 .. <3 85" in text
    assert "Avslutade under perioden 9 8 0 17" in text
    assert "Beslutade medel totalt 6 100 000 kr" in text
    assert "Utbetalt under året 3 050 000 kr" in text
    assert "Förbrukning av årets budget 50,0 %" in text
    assert "Samverkan med parterna har fungerat väl" in text


def test_no_figures_from_a_report_that_is_not_approved(demo):
    rapport = build_insatsrapport(demo, "st-vasteras", 2026, "h1")
    assert not rapport.godkand and rapport.rapportstatus == "utkast"
    assert rapport.deltagare == [] and rapport.styrgruppens_texter == []


@pytest.mark.parametrize(
    ("username", "egen", "annan"),
    [
        ("kansli", 200, 200),
        ("styrelse", 200, 200),
        ("revisor", 200, 200),
        ("styrgrupp-vasteras", 200, 404),
        ("kansli-exempel", 404, 404),
    ],
)
def test_steering_group_reads_only_its_own_insats(demo, demo_user, client, username, egen, annan):
    client.force_login(demo_user(username))
    assert client.get(_url("finsam:insatsrapport")).status_code == egen
    assert client.get(_url("finsam:insatsrapport", slug="st-fns")).status_code == annan
    assert client.get(_url("finsam:insatsrapport-pdf", slug="st-fns")).status_code == annan


def test_unknown_insats_or_period_is_404(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    assert client.get(_url("finsam:insatsrapport", slug="nope")).status_code == 404
    assert client.get(_url("finsam:insatsrapport", period="2025-X")).status_code == 404
    assert client.get(_url("finsam:insatsrapport", period="2031-H1")).status_code == 404


def test_anonymous_is_sent_to_login(demo, client):
    response = client.get(_url("finsam:insatsrapport"))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_command_writes_the_pdf_and_explains_bad_input(demo, tmp_path):
    output = tmp_path / "insats.pdf"
    call_command(
        "rapport",
        "insats",
        "--forbund",
        "vastmanland",
        "--insats",
        "st-fns",
        "--period",
        "2025-helar",
        "--output",
        str(output),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert "Samordningsteam FNS" in pdf_text(output.read_bytes())
    with pytest.raises(CommandError, match="Kortnamn som finns: .*st-vasteras"):
        call_command(
            "rapport",
            "insats",
            "--forbund",
            "vastmanland",
            "--insats",
            "nope",
            "--period",
            "2025-H1",
            "--output",
            str(output),
        )
    with pytest.raises(CommandError, match="Ogiltig period"):
        call_command(
            "rapport",
            "insats",
            "--forbund",
            "vastmanland",
            "--insats",
            "st-fns",
            "--period",
            "2025",
            "--output",
            str(output),
        )


def test_nyckel_parsing():
    assert parse_nyckel("st-fns:2025-H1") == ("st-fns", 2025, "h1")
    assert parse_nyckel("st-fns:2025-helar") == ("st-fns", 2025, "helar")
    for bad in ("st-fns", ":2025-H1", "st-fns:2025", "st-fns:25-H1"):
        with pytest.raises(ValueError):
            parse_nyckel(bad)


def _queries(forbund):
    with CaptureQueriesContext(connection) as ctx:
        build_insatsrapport(forbund, "st-vasteras", 2025, "h1")
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_insatser(demo):
    _queries(demo)  # creates the edition on first use
    malomrade = factories.make_malomrade(demo)
    for _ in range(5):
        factories.make_insats(demo, malomrade=malomrade)
    fa = _queries(demo)
    for _ in range(45):
        factories.make_insats(demo, malomrade=malomrade)
    assert _queries(demo) == fa


def test_steering_group_finds_its_insats_report_links(demo, demo_user, client):
    client.force_login(demo_user("styrgrupp-vasteras"))
    mina = client.get(reverse("uppfoljning:rapport-mina")).content.decode()
    assert _url("finsam:insatsrapport-pdf", period="2025-H1") in mina
    assert _url("finsam:insatsrapport-pdf", period="2025-helar") in mina
    assert "st-fns" not in mina


@pytest.mark.parametrize(
    ("username", "tillbaka", "inte"),
    [
        ("kansli", "finsam:rapporter", "uppfoljning:rapport-mina"),
        ("styrelse", "finsam:rapporter", "uppfoljning:rapport-mina"),
        ("styrgrupp-vasteras", "uppfoljning:rapport-mina", "finsam:rapporter"),
    ],
)
def test_back_link_leads_to_a_page_the_role_may_open(
    demo, demo_user, client, username, tillbaka, inte
):
    client.force_login(demo_user(username))
    html = client.get(_url("finsam:insatsrapport")).content.decode()
    assert f'href="{reverse(tillbaka)}"' in html
    assert f'href="{reverse(inte)}"' not in html
    assert client.get(reverse(tillbaka)).status_code == 200
