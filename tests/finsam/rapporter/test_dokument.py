"""The registry (finsam/rapporter/dokument.py) drives the URLs, the views and the `rapport`
command: every registered document has working HTML and PDF URLs and a subcommand, and a
document added to the registry gets them without touching anything else."""

import dataclasses
import io
import sys
import types

import pytest
from django.core.management import call_command
from django.urls import get_resolver, include, path, reverse

from finsam import app_urls
from finsam import urls as site_urls
from finsam.rapporter import dokument
from finsam.rapporter import urls as rapport_urls
from finsam.rapporter import views as rapport_views
from finsam.rapporter.dokument import Dokumenttyp, Utgavegrupp, dokumenttyp, typer
from finsam.rapporter.management.commands import rapport as rapport_command
from tests.finsam.rapporter.helpers import hamta_pdf, pdf_text

KODER = ["verksamhetsplan", "delarsrapport", "arsredovisning", "insats"]


def test_the_four_documents_are_registered_in_page_order():
    assert list(typer()) == KODER
    with pytest.raises(KeyError):
        dokumenttyp("finns-inte")


def test_the_roofs_urls_are_those_of_the_registry():
    names = {p.name for p in rapport_urls.urlpatterns if hasattr(p, "name")}
    for typ in typer().values():
        assert {typ.url_namn, typ.pdf_url_namn} <= names
    finsam = get_resolver().namespace_dict["finsam"][1]
    for typ in typer().values():
        assert finsam.reverse_dict.getlist(typ.url_namn), typ.kod
        assert finsam.reverse_dict.getlist(typ.pdf_url_namn), typ.kod


def test_url_paths_and_names_stay_as_they_were():
    assert reverse("finsam:verksamhetsplan", args=[2025]) == "/rapporter/verksamhetsplan/2025/"
    assert (
        reverse("finsam:delarsrapport-pdf", args=["2025-08-31"])
        == "/rapporter/delarsrapport/2025-08-31/pdf/"
    )
    assert reverse("finsam:arsredovisning", args=[2025]) == "/rapporter/arsredovisning/2025/"
    assert (
        reverse("finsam:insatsrapport-pdf", args=["st-vasteras", "2025-H1"])
        == "/rapporter/insats/st-vasteras/2025-H1/pdf/"
    )


@pytest.mark.parametrize("kod", KODER)
def test_each_document_has_working_html_and_pdf(demo, demo_user, client, kod):
    typ = dokumenttyp(kod)
    nyckel = typ.senaste_nyckel(demo)
    assert nyckel is not None
    client.force_login(demo_user("kansli"))
    html = client.get(typ.visa_url(nyckel))
    assert html.status_code == 200
    assert typ.template in [t.name for t in html.templates]
    pdf = hamta_pdf(client, typ.pdf_url(nyckel))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert demo.namn in pdf_text(pdf.content)


@pytest.mark.parametrize("kod", KODER)
def test_each_document_is_a_rapport_subcommand(kod):
    parser = rapport_command.Command().create_parser("manage.py", "rapport")
    subparsers = next(a for a in parser._actions if a.dest == "rapport")
    assert kod in subparsers.choices
    hjalp = subparsers.choices[kod].format_help()
    assert "--forbund" in hjalp and "--output" in hjalp


# --- a fifth document ---------------------------------------------------------------------


def _femte() -> Dokumenttyp:
    """A made-up document, registered as a module would register it."""
    typ = dokumenttyp("arsredovisning")

    def argument(parser):
        parser.add_argument("--ar", type=int, required=True)

    return dataclasses.replace(
        typ,
        kod="femte",
        namn="Femte dokumentet",
        url_segment="femte",
        url_route="<int:ar>/",
        url_namn="femte",
        utgavor=lambda forbund: [Utgavegrupp(None, [(None, "2025")])],
        kommando=dataclasses.replace(typ.kommando, hjalp="Femte.", add_arguments=argument),
    )


def test_a_module_that_defines_dokumenttyp_is_found_without_being_listed(monkeypatch, tmp_path):
    """The registry is the modules of finsam.rapporter that define DOKUMENTTYP: a new
    document module in the package is all it takes."""
    import finsam.rapporter as paket

    (tmp_path / "femte_modul.py").write_text(
        "from tests.finsam.rapporter.test_dokument import _femte\n"
        "import dataclasses\n"
        "DOKUMENTTYP = dataclasses.replace(_femte(), ordning=15)\n"
    )
    monkeypatch.setattr(paket, "__path__", [*paket.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "finsam.rapporter.femte_modul", raising=False)
    try:
        funna = dokument._laddade()
    finally:
        sys.modules.pop("finsam.rapporter.femte_modul", None)
    # ordning 15: after the verksamhetsplan (10), before the delårsrapport (20)
    assert list(funna) == ["verksamhetsplan", "femte", *KODER[1:]]
    assert list(typer()) == KODER  # the cached registry of the running site is untouched


@pytest.fixture
def med_femte(monkeypatch, settings):
    """The registry with a fifth document, and the site's URLs made again from it."""
    femte = _femte()
    alla = {**typer(), femte.kod: femte}
    for modul in (rapport_urls, rapport_command, dokument, rapport_views):
        monkeypatch.setattr(modul, "typer", lambda: alla)
    finsam_urls = [p for p in app_urls.urlpatterns if not hasattr(p, "url_patterns")]
    finsam_urls += [*rapport_urls._dokument_urls(), *rapport_urls.urlpatterns]
    urlconf = types.ModuleType("femte_urls")
    urlconf.urlpatterns = [
        *[p for p in site_urls.urlpatterns if p.pattern.regex.pattern != "^"],
        path("", include((finsam_urls, "finsam"))),
    ]
    monkeypatch.setitem(sys.modules, "femte_urls", urlconf)
    settings.ROOT_URLCONF = "femte_urls"
    return femte


def test_a_fifth_document_gets_its_urls(med_femte):
    patterns = {p.name: str(p.pattern) for p in rapport_urls._dokument_urls()}
    assert patterns["femte"] == "rapporter/femte/<int:ar>/"
    assert patterns["femte-pdf"] == "rapporter/femte/<int:ar>/pdf/"
    assert patterns["verksamhetsplan"] == "rapporter/verksamhetsplan/<int:ar>/"


def test_a_fifth_document_gets_its_subcommand(med_femte, demo, tmp_path):
    output = tmp_path / "femte.pdf"
    out = io.StringIO()
    call_command(
        "rapport", "femte", "--forbund", "vastmanland", "--ar", "2025", "--output", output,
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    assert output.read_bytes().startswith(b"%PDF-")


def test_a_fifth_document_gets_its_pages(med_femte, demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    assert reverse("finsam:femte", args=[2025]) == "/rapporter/femte/2025/"
    assert client.get("/rapporter/femte/2025/").status_code == 200
    assert hamta_pdf(client, "/rapporter/femte/2025/pdf/")["Content-Type"] == "application/pdf"
    assert 'href="/rapporter/femte/2025/"' in client.get("/rapporter/?ar=2025").content.decode()
