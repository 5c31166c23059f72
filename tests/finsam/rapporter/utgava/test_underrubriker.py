"""Sub-headings in a section's text are numbered under the section, in the body and in
the document's contents list, and become PDF bookmarks; tables print with the report's
style."""

import io

from django.urls import reverse
from pypdf import PdfReader

from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.texter import text_spara, utgava_for
from tests.finsam.rapporter.helpers import hamta_pdf, pdf_text

TEXT = """Målgruppen är personer i arbetsför ålder.

## Behov per kommun

| Kommun | Placering |
|:--|--:|
| Fagersta | 1 |
| Norberg | 2 |

### Unga vuxna

Text om unga.

## Samverkan

#### Ett stycke med fet rubrik
"""


def _rader(rapport):
    return [(r.nummer, r.rubrik, r.niva) for r in rapport.innehall]


def test_sub_headings_are_numbered_into_the_contents_and_the_body(demo, demo_user, client):
    utgava = utgava_for(demo, "verksamhetsplan", ar=2025)
    text_spara(utgava=utgava, avsnitt="malgrupper", text=TEXT)
    text_spara(utgava=utgava, avsnitt="vision", text="## På lång sikt\n\nVisionen.")
    text_spara(utgava=utgava, avsnitt="verksamhet", text="## Inledning\n\nOm insatserna.")
    rapport = dokumenttyp("verksamhetsplan").bygg(demo, "2025")
    rader = _rader(rapport)
    i = rader.index(("4", "Målgrupper och behov", 1))
    assert rader[i + 1 : i + 5] == [
        ("4.1", "Behov per kommun", 2),
        ("4.1.1", "Unga vuxna", 3),
        ("4.2", "Samverkan", 2),
        ("5", "Organisation", 1),
    ]
    # "vision" belongs to 3.1 (its row's anchor is vision-text), not to section 3
    j = rader.index(("3.1", "Vision", 2))
    assert rader[j + 1] == ("3.1.1", "På lång sikt", 3)
    # section 6 has its målområden 6.1, 6.2 … under it: its introduction's heading is
    # listed without a number that would collide
    k = rader.index(("6", "Målområden och verksamhet", 1))
    assert rader[k + 1] == ("", "Inledning", 2)
    assert "Ett stycke med fet rubrik" not in [r[1] for r in rader]

    client.force_login(demo_user("styrelse"))
    html = client.get(reverse("finsam:verksamhetsplan", args=[2025])).content.decode()
    assert '<a href="#avsnitt-malgrupper-1"><span class="nr">4.1</span>Behov per kommun</a>' in html
    assert '<h3 id="avsnitt-malgrupper-1"><span class="nr">4.1</span>Behov per kommun</h3>' in html
    assert '<h4 id="avsnitt-malgrupper-2"><span class="nr">4.1.1</span>Unga vuxna</h4>' in html
    assert '<h4 id="avsnitt-vision-1"><span class="nr">3.1.1</span>På lång sikt</h4>' in html
    # "####" right after a "##" (h3): one level below it, no gap in the heading order
    assert '<h4 id="avsnitt-malgrupper-4" class="underrubrik">' in html
    assert '<th scope="col" class="num">Placering</th>' in html

    pdf = hamta_pdf(client, reverse("finsam:verksamhetsplan-pdf", args=[2025])).content
    text = pdf_text(pdf)
    assert "4.1 BEHOV PER KOMMUN" in text.upper()
    assert "Fagersta" in text and "Unga vuxna" in text

    def titlar(outline):
        for x in outline:
            yield from titlar(x) if isinstance(x, list) else [x.title]

    bokmarken = list(titlar(PdfReader(io.BytesIO(pdf)).outline))
    assert "4.1Behov per kommun" in bokmarken  # WeasyPrint joins the number and the text
    assert "4.1.1Unga vuxna" in bokmarken
    assert not any("fet rubrik" in b for b in bokmarken)


def test_other_documents_number_their_texts_sub_headings(demo):
    per = utgava_for(demo, "delarsrapport", ar=2025, nyckel="2025-08-31")
    text_spara(utgava=per, avsnitt="omvarld", text="## Arbetsmarknaden\n\nText.")
    rader = _rader(dokumenttyp("delarsrapport").bygg(demo, "2025-08-31"))
    assert rader[rader.index(("2", "Omvärlden", 1)) + 1] == ("2.1", "Arbetsmarknaden", 2)

    ar = utgava_for(demo, "arsredovisning", ar=2025)
    text_spara(utgava=ar, avsnitt="strukturella", text="## Rehabkoordinatorer\n\n### Resultat")
    text_spara(utgava=ar, avsnitt="oversikt", text="## Fem år")
    text_spara(utgava=ar, avsnitt="organisation", text="## Styrelsen")
    rapport = dokumenttyp("arsredovisning").bygg(demo, "2025")
    rader = _rader(rapport)
    # every section of the förvaltningsberättelse is listed, with its texts' sub-headings
    i = rader.index(("1.1", "Organisation", 2))
    assert rader[i + 1] == ("1.1.1", "Styrelsen", 3)
    assert '<h4 id="avsnitt-organisation-1"><span class="nr">1.1.1</span>Styrelsen</h4>' in str(
        rapport.texter["organisation"]
    )
    i = rader.index(("1.12", "Strukturella insatser", 2))
    assert rader[i + 1 : i + 3] == [
        ("1.12.1", "Rehabkoordinatorer", 3),
        ("1.12.1.1", "Resultat", 4),
    ]
    assert ("1.5.1", "Fem år", 3) in rader


def test_a_long_table_repeats_its_header_on_every_page_and_never_splits_a_row(demo):
    from finsam.pdf import render_pdf
    from finsam.rapporter.utgava.kontext import rapportkontext
    from tests.finsam.rapporter.helpers import pdf_pages

    rader = "\n".join(f"| Rad {i} | rad {i} andra raden<br>fortsätter | {i} |" for i in range(150))
    text = "## Lång tabell\n\n| Namn | Beskrivning | Antal |\n|:--|:--|--:|\n" + rader
    utgava = utgava_for(demo, "verksamhetsplan", ar=2025)
    text_spara(utgava=utgava, avsnitt="malgrupper", text=text)
    typ = dokumenttyp("verksamhetsplan")
    rapport = typ.bygg(demo, "2025")
    pdf = render_pdf(typ.template, rapportkontext(typ, demo, "2025", rapport))
    sidor = [s for s in pdf_pages(pdf) if "andra raden" in s]
    assert len(sidor) >= 2
    for sida in sidor:
        assert "Namn Beskrivning Antal" in sida  # the header row again on every page
        # each row's two lines on the same page
        assert sida.count("andra raden") == sida.count("fortsätter")
    assert sum(s.count("andra raden") for s in sidor) == 150
