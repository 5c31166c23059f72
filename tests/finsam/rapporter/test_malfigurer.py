"""The goals' follow-up texts quote named figures like the kansli's section texts: the
delårsrapport and årsredovisning print them from data, and an unknown name blocks."""

import pytest
from django.db.models import F

from finsam.pdf import render_pdf
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.kontext import rapportkontext
from finsam.rapporter.utgava.kontroller import varningar
from tests.finsam.rapporter.helpers import normalise, pdf_text
from uppfoljning.models import Maluppfoljning, Rapportvarde

pytestmark = pytest.mark.django_db


def _delar_text(demo):
    return Maluppfoljning.objects.get(
        mal__forbund=demo, mal__ar=2025, tillfalle="delar", utfall__contains="{{deltagare.antal}}"
    )


def test_delarsrapport_follow_up_prints_participants_from_data(demo):
    typ = dokumenttyp("delarsrapport")
    rapport = typ.bygg(demo, "2025-08-31")
    text = normalise(
        pdf_text(render_pdf(typ.template, rapportkontext(typ, demo, "2025-08-31", rapport)))
    )
    assert "arbetat med 247 individer, varav 78 nya. 50 har avslutat" in text
    assert "{{" not in text

    # ten more participants in a first-half report: the sentence follows
    n = Rapportvarde.objects.filter(
        rapport__insats__forbund=demo,
        rapport__insats__slug="st-vasteras",
        rapport__period__ar=2025,
        rapport__period__typ="h1",
        matt__kod="deltagare",
        kon="k",
    ).update(varde=F("varde") + 10)
    assert n == 1
    rapport = typ.bygg(demo, "2025-08-31")
    html = normalise(" ".join(str(m.utfall_html) for mo in rapport.malomraden for m in mo.mal))
    assert "257 individer" in html


def test_unknown_figure_in_a_follow_up_blocks_adoption(demo):
    uppfoljning = _delar_text(demo)
    uppfoljning.utfall = "Vi mötte {{deltagare.antl}} personer."
    uppfoljning.save()
    typ = dokumenttyp("delarsrapport")
    rapport = typ.bygg(demo, "2025-08-31")
    html = "".join(str(m.utfall_html) for mo in rapport.malomraden for m in mo.mal)
    assert "⟦okänd siffra: deltagare.antl⟧" in html
    stopp = [v for v in varningar(typ, demo, "2025-08-31", rapport) if v.blockerande]
    assert any("{{deltagare.antl}}" in v.text and "/uppfoljning/" in v.url for v in stopp)


def test_arsredovisning_follow_up_prints_activity_figures(demo):
    typ = dokumenttyp("arsredovisning")
    rapport = typ.bygg(demo, "2025")
    text = normalise(pdf_text(render_pdf(typ.template, rapportkontext(typ, demo, "2025", rapport))))
    assert "RMGT gav råd till 105 remitterande handläggare" in text
    assert "28 dejter med 519 deltagare" in text
    assert "{{" not in text
