"""Accessible PDFs: every report is tagged (PDF/UA-1) and an adopted edition is archived as
PDF/A-2a, read back with pikepdf as a screen reader or an archive would read them.

Each report of the demo is rendered once (module fixtures: rendering is slow): the
verksamhetsplan, the delårsrapport, the årsredovisning and an insatsrapport as drafts, and
the insatsrapport again as the archived file of its adopted edition.
"""

import io
import re
from datetime import date
from html import unescape

import pikepdf
import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings

from finsam.pdf import render_pdf
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava import faststall
from finsam.rapporter.utgava.kontext import rapportkontext
from tests.finsam.rapporter.helpers import normalise, pdf_text, skriv_texter

FORBUND = "Samordningsförbundet Västmanland"
RAPPORTER = {
    "verksamhetsplan": ("verksamhetsplan", "2025", "Verksamhetsplan och budget 2025–2027"),
    "delarsrapport": ("delarsrapport", "2025-08-31", "Delårsrapport per 2025-08-31"),
    "arsredovisning": ("arsredovisning", "2025", "Årsredovisning 2025"),
    "insatsrapport": (
        "insats",
        "st-vasteras:2025-helar",
        "Insatsrapport Samordningsteam Västerås, helåret 2025",
    ),
}
ARKIV = "arkiv"
ALLA = [*RAPPORTER, ARKIV]

XMP_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
XMP_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
XMP_PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
XMP_PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"


def _alternativ(html: str) -> list[str]:
    """The text alternatives of what the HTML shows as pictures: each inline SVG's first
    <title> (the charts) and each <img alt> (uploaded pictures)."""
    svg = re.findall(r"<svg\b[^>]*>\s*<title>(.*?)</title>", html, re.S)
    img = re.findall(r"<img\b[^>]*\balt=\"([^\"]*)\"", html)
    return [unescape(a).strip() for a in [*svg, *img]]


def _rendera(kod: str, nyckel: str, forbund) -> dict:
    typ = dokumenttyp(kod)
    rapport = typ.bygg(forbund, nyckel)
    kontext = rapportkontext(typ, forbund, nyckel, rapport)
    html = render_to_string(typ.template, {**kontext, "pdf": True})
    return {"pdf": render_pdf(typ.template, kontext), "alternativ": _alternativ(html)}


@pytest.fixture(scope="module")
def pdfer(demo_data, django_db_blocker, tmp_path_factory):
    """{namn: {"pdf": bytes, "alternativ": [the HTML's text alternatives]}}: the four
    reports as drafts, and the insatsrapport's archived file once adopted."""
    ut = {}
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        forbund = demo_data()
        for namn, (kod, nyckel, _titel) in RAPPORTER.items():
            ut[namn] = _rendera(kod, nyckel, forbund)
        kod, nyckel, _titel = RAPPORTER["insatsrapport"]
        with override_settings(MEDIA_ROOT=media):
            skriv_texter(forbund, kod, nyckel)
            arkiv = faststall.faststall(
                dokumenttyp(kod), forbund, nyckel, beslutsdatum=date(2026, 1, 20), paragraf="§ 4"
            )
            typ = dokumenttyp(kod)
            rapport = typ.bygg(forbund, nyckel)
            html = render_to_string(
                typ.template, {**rapportkontext(typ, forbund, nyckel, rapport), "pdf": True}
            )
            ut[ARKIV] = {"pdf": faststall.verifierad_pdf(arkiv), "alternativ": _alternativ(html)}
        transaction.set_rollback(True)
    return ut


@pytest.fixture(scope="module")
def oppnade(pdfer):
    return {namn: pikepdf.open(io.BytesIO(data["pdf"])) for namn, data in pdfer.items()}


def _element(struktur) -> list[pikepdf.Dictionary]:
    """Every structure element under the structure tree root, in reading order (depth first)."""
    ut = []

    def besok(element):
        barn = element.get("/K")
        if barn is None:
            return
        for b in barn if isinstance(barn, pikepdf.Array) else [barn]:
            if isinstance(b, pikepdf.Dictionary) and b.get("/Type") not in ("/MCR", "/OBJR"):
                ut.append(b)
                besok(b)

    besok(struktur)
    return ut


def _taggar(pdf) -> list[str]:
    return [str(e.get("/S")) for e in _element(pdf.Root.StructTreeRoot)]


def _under(element, tagg: str) -> list:
    return [e for e in _element(element) if e.get("/S") == tagg]


@pytest.mark.parametrize("namn", ALLA)
def test_marked_in_swedish_with_title_and_author(oppnade, namn):
    pdf = oppnade[namn]
    titel = RAPPORTER.get(namn, RAPPORTER["insatsrapport"])[2]
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) in ("sv", "sv-SE")
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo["/Title"]) == f"{titel} – {FORBUND}"
    assert str(pdf.docinfo["/Author"]) == FORBUND
    with pdf.open_metadata() as xmp:
        assert xmp[XMP_DC_TITLE] == f"{titel} – {FORBUND}"
        assert FORBUND in str(xmp[XMP_DC_CREATOR])


@pytest.mark.parametrize("namn", list(RAPPORTER))
def test_reports_claim_pdf_ua_1(oppnade, namn):
    with oppnade[namn].open_metadata() as xmp:
        assert xmp[XMP_PDFUAID + "part"] == "1"
    assert oppnade[namn].pdf_version == "1.7"


def test_the_archived_edition_is_pdf_a_2a(oppnade, pdfer):
    pdf = oppnade[ARKIV]
    with pdf.open_metadata() as xmp:
        assert xmp[XMP_PDFAID + "part"] == "2"
        assert xmp[XMP_PDFAID + "conformance"] == "A"
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1"
    assert intent.DestOutputProfile.N == 3  # sRGB
    assert pdf.trailer.ID  # a file identifier, as PDF/A wants
    # the adopted edition, not a draft: no checklist warnings and no UTKAST stamp
    assert "Fastställd av styrelsen 2026-01-20, § 4" in pdf_text(pdfer[ARKIV]["pdf"])
    assert _sidor_med_stampel(pdf) == []


@pytest.mark.parametrize("namn", ALLA)
def test_headings_one_h1_and_no_level_skipped(oppnade, namn):
    rubriker = [int(t[2:]) for t in _taggar(oppnade[namn]) if re.fullmatch(r"/H[1-6]", t)]
    assert rubriker[0] == 1
    assert rubriker.count(1) == 1
    assert 2 in rubriker
    hoppade = [(a, b) for a, b in zip(rubriker, rubriker[1:], strict=False) if b > a + 1]
    assert hoppade == []


@pytest.mark.parametrize("namn", ALLA)
def test_tables_have_header_cells_linked_to_their_data(oppnade, namn):
    tabeller = _under(oppnade[namn].Root.StructTreeRoot, "/Table")
    assert tabeller
    for tabell in tabeller:
        rubriker = _under(tabell, "/TH")
        assert rubriker, "a table without header cells"
        assert all("/ID" in th for th in rubriker)
    celler = [td for t in tabeller for td in _under(t, "/TD")]
    med_rubrik = [td for td in celler if len(td.A.get("/Headers", [])) > 0]
    assert len(med_rubrik) > 0.8 * len(celler)


@pytest.mark.parametrize("namn", ALLA)
def test_every_chart_and_picture_is_a_figure_with_its_alt_text(oppnade, pdfer, namn):
    figurer = _under(oppnade[namn].Root.StructTreeRoot, "/Figure")
    alt = sorted(str(f.get("/Alt", "")) for f in figurer)
    assert alt == sorted(pdfer[namn]["alternativ"])
    assert all(alt)
    diagram = [a for a in alt if a.startswith("Stapeldiagram:")]
    assert diagram, "every report here has a chart"
    for a in diagram:
        assert re.search(r": [^;]*\d", a), f"a chart's alt text without its figures: {a}"


def test_chart_alt_texts_read_the_figures(pdfer):
    alt = pdfer["arsredovisning"]["alternativ"]
    femar = normalise(next(a for a in alt if "Verksamhetens intäkter och kostnader" in a))
    assert femar.startswith("Stapeldiagram: Verksamhetens intäkter och kostnader (tkr). 2021: ")
    assert "2021: Intäkter 7 055, Kostnader 7 078; 2022: " in femar
    vp = pdfer["verksamhetsplan"]["alternativ"]
    assert any(a.startswith("Stapeldiagram: Kostnader per grupp, budget 2025 (kr). ") for a in vp)


def _mcid_i_innehall(sida) -> list[tuple[str, int | None]]:
    """(tag, MCID or None) of each marked-content sequence of a page's content stream."""
    ut = []
    for operander, operator in pikepdf.parse_content_stream(sida):
        if str(operator) == "BDC":
            egenskaper = operander[1]
            mcid = egenskaper.get("/MCID") if isinstance(egenskaper, pikepdf.Dictionary) else None
            ut.append((str(operander[0]), None if mcid is None else int(mcid)))
        elif str(operator) == "BMC":
            ut.append((str(operander[0]), None))
    return ut


@pytest.mark.parametrize("namn", ALLA)
def test_all_content_is_tagged_or_an_artifact(oppnade, namn):
    """Every marked-content id of the pages belongs to an element of the structure tree;
    the running header and footer ("Sida 2 av 28") are pagination artifacts."""
    pdf = oppnade[namn]
    i_tradet = {e.objgen for e in _element(pdf.Root.StructTreeRoot)}
    foraldrar = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    utanfor, paginering = [], 0
    for nr, sida in enumerate(pdf.pages):
        tabell = foraldrar[int(sida.obj.StructParents)]
        for tagg, mcid in _mcid_i_innehall(sida):
            if mcid is not None:
                element = tabell[mcid] if mcid < len(tabell) else None
                if not isinstance(element, pikepdf.Dictionary) or element.objgen not in i_tradet:
                    utanfor.append((nr + 1, tagg, mcid))
        paginering += sum(
            1
            for operander, operator in pikepdf.parse_content_stream(sida)
            if str(operator) == "BDC"
            and str(operander[0]) == "/Artifact"
            and isinstance(operander[1], pikepdf.Dictionary)
            and operander[1].get("/Type") == "/Pagination"
        )
    assert utanfor == []
    # the first page has no header or footer; every other page at least its three parts
    assert paginering >= 3 * (len(pdf.pages) - 1)


@pytest.mark.parametrize("namn", list(RAPPORTER))
def test_the_draft_stamp_is_a_background_artifact_of_every_page(oppnade, namn):
    """The UTKAST stamp is drawn on every page of a draft, as an artifact: no figure
    without alt text (the figure test above finds only the charts and pictures)."""
    pdf = oppnade[namn]
    assert _sidor_med_stampel(pdf) == list(range(1, len(pdf.pages) + 1))


def _har_stampel(xobjekt, djup: int = 0) -> bool:
    """Is `xobjekt` the UTKAST picture (1434 × 1214 px), or a form that draws it?"""
    if xobjekt.get("/Subtype") == "/Image":
        return (int(xobjekt.Width), int(xobjekt.Height)) == (1434, 1214)
    resurser = xobjekt.get("/Resources", {})
    return djup < 4 and any(
        _har_stampel(x, djup + 1) for x in resurser.get("/XObject", {}).values()
    )


def _sidor_med_stampel(pdf) -> list[int]:
    """The pages that draw the UTKAST stamp inside an artifact."""
    sidor = []
    for nr, sida in enumerate(pdf.pages):
        namn = {str(n) for n, x in sida.Resources.get("/XObject", {}).items() if _har_stampel(x)}
        djup, som_artefakt = [], False
        for operander, operator in pikepdf.parse_content_stream(sida):
            op = str(operator)
            if op in ("BDC", "BMC"):
                djup.append(str(operander[0]))
            elif op == "EMC" and djup:
                djup.pop()
            elif op == "Do" and str(operander[0]) in namn and "/Artifact" in djup:
                som_artefakt = True
        if som_artefakt:
            sidor.append(nr + 1)
    return sidor
