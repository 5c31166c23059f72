"""The pages that work on an edition (the text editor, the checklist, fastställ, the
pictures) use Dokumenttyp.bygg_arbete, a lighter build than the whole document's: its
edition, figures and findings must be the whole report's, and a first request after a write
must not build the whole document."""

import dataclasses

import pytest
from django.urls import reverse

from finsam import dataversion
from finsam.rapporter.dokument import dokumenttyp, typer
from finsam.rapporter.utgava.bilder import figurgrupper
from finsam.rapporter.utgava.figurer import figurer
from finsam.rapporter.utgava.kontroller import varningar
from finsam.rapporter.utgava.texter import text_spara

DOKUMENT = ["verksamhetsplan", "delarsrapport", "arsredovisning", "insats"]


def _nycklar(typ, forbund):
    """The editions (an insatsrapport's: the first six, of several periods and insatser)."""
    return [n for grupp in typ.utgavor(forbund) for _rubrik, n in grupp.utgavor][:6]


def _figurer(typ, forbund, nyckel, rapport):
    return {
        n: (f.etikett, f.grupp, f.varde, f.text)
        for n, f in figurer(typ, forbund, nyckel, rapport).items()
    }


def _funna(lista):
    return [(v.text, v.url, v.lanktext, v.blockerande) for v in lista]


@pytest.mark.parametrize("kod", DOKUMENT)
def test_the_working_build_has_the_whole_reports_figures_and_findings(demo, kod):
    """Every edition: the same named figures (the editor's picker) and checklist findings,
    also when no text names a figure (the checklist's own build then leaves them out)."""
    typ = dokumenttyp(kod)
    nycklar = _nycklar(typ, demo)
    assert nycklar
    for nyckel in nycklar:
        hel = typ.bygg(demo, nyckel)
        arbete = typ.bygg_kontroll(demo, nyckel, med_figurer=True)
        assert arbete.utgava.nyckel == hel.utgava.nyckel
        assert _figurer(typ, demo, nyckel, arbete) == _figurer(typ, demo, nyckel, hel)
        assert len(_figurer(typ, demo, nyckel, hel)) > 5
        assert _funna(varningar(typ, demo, nyckel, arbete)) == _funna(
            varningar(typ, demo, nyckel, hel)
        )
        assert _funna(varningar(typ, demo, nyckel, typ.bygg_kontroll(demo, nyckel))) == _funna(
            varningar(typ, demo, nyckel, typ.bygg(demo, nyckel))
        )
    # With a text naming figures, known and unknown.
    nyckel = nycklar[0]
    text_spara(
        utgava=typ.bygg(demo, nyckel).utgava,
        avsnitt=next(iter(typ.forvalda)),
        text="År {{ar}}: {{finns.inte}}.",
    )
    arbete = typ.bygg_kontroll(demo, nyckel, med_figurer=True)
    hel = typ.bygg(demo, nyckel)
    assert _figurer(typ, demo, nyckel, arbete) == _figurer(typ, demo, nyckel, hel)
    assert _funna(varningar(typ, demo, nyckel, arbete)) == _funna(varningar(typ, demo, nyckel, hel))


@pytest.mark.parametrize("kod", DOKUMENT)
def test_the_picker_has_figures_from_the_working_build(demo, kod):
    typ = dokumenttyp(kod)
    nyckel = _nycklar(typ, demo)[0]
    grupper = figurgrupper(typ, demo, nyckel, typ.bygg_arbete(demo, nyckel, figurer=figurgrupper))
    assert grupper
    hel = figurgrupper(typ, demo, nyckel, typ.bygg(demo, nyckel))
    assert [(g, [f.namn for f in lista]) for g, lista in grupper] == [
        (g, [f.namn for f in lista]) for g, lista in hel
    ]


@pytest.mark.parametrize("kod", DOKUMENT)
@pytest.mark.parametrize("sida", ["rapport-texter", "rapport-kontroll", "rapport-bilder"])
def test_a_working_page_does_not_build_the_whole_document(
    client, demo, demo_user, kod, sida, monkeypatch
):
    """Cold (right after a write), the page builds only the working build."""
    typ = dokumenttyp(kod)
    nyckel = _nycklar(typ, demo)[0]
    byggda = []
    hel = typ.bygg

    def raknad(*args, **kwargs):
        byggda.append(kwargs)
        return hel(*args, **kwargs)

    monkeypatch.setitem(typer(), kod, dataclasses.replace(typ, bygg=raknad))
    client.force_login(demo_user("kansli"))
    dataversion.ny()
    svar = client.get(reverse(f"finsam:{sida}", args=[kod, nyckel]))
    assert svar.status_code == 200
    assert byggda == []
