"""The missing facts in print: the verksamhetsplan's "Målgrupper och behov" table per kommun
(with sums computed from the stored statistics) and the external funding the årsredovisning
and the delårsrapport list."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from finsam.formatting import decimal_sv
from finsam.models import User
from finsam.rapporter.verksamhetsplan import DOKUMENTTYP as VERKSAMHETSPLAN
from finsam.rapporter.verksamhetsplan import build_verksamhetsplan
from insatser.models import Externfinansiering, Insats
from tests import factories
from tests.finsam.rapporter.helpers import hamta_pdf, html_text, pdf_text
from uppfoljning.models import Malgruppsstatistik

D = Decimal


# --- the verksamhetsplan -------------------------------------------------------------------


@pytest.fixture(scope="module")
def vp_text(demo_data, django_db_blocker):
    """The demo's verksamhetsplan 2025–2027 as text, rendered once (WeasyPrint is slow)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data()
        client = Client()
        client.force_login(User.objects.get(username="kansli"))
        response = hamta_pdf(client, reverse("finsam:verksamhetsplan-pdf", args=[2025]))
        transaction.set_rollback(True)
    assert response.status_code == 200
    return pdf_text(response.content, layout=True)


def test_demo_plan_prints_the_table_per_kommun_from_the_data(vp_text, demo):
    start = re.search(r"4\s+MÅLGRUPPER OCH BEHOV", vp_text).start()
    avsnitt = vp_text[start : re.search(r"5\s+ORGANISATION", vp_text).start()]
    assert "Helårsekvivalenter per kommun och ersättning 2023, 20–64 år" in avsnitt
    # Every kommun's row as stored, with its sum and share computed.
    for rad in Malgruppsstatistik.objects.filter(forbund=demo, ar=2023, kategori="sa"):
        assert decimal_sv(rad.helarsekvivalenter).replace("\xa0", " ") in avsnitt
    rad = next(line for line in avsnitt.splitlines() if re.match(r"\s*Fagersta\s+\d", line))
    assert "1 507,7" in rad
    assert rad.split()[-1] == "20,3"
    assert "Samtliga" in avsnitt and "22 266,0" in avsnitt
    total = next(line for line in avsnitt.splitlines() if "22 266,0" in line)
    assert total.split()[-1] == "14,1"
    # The sentence from the figures, the source line and the chart.
    assert "sammanlagt 22 266, det vill säga 14,1 % av befolkningen 20–64 år" in " ".join(
        avsnitt.split()
    )
    assert "Källa: Statisticon, Den offentliga försörjningens omfattning 2023" in " ".join(
        avsnitt.split()
    )
    assert "Helårsekvivalenter per kommun 2023" in avsnitt


@pytest.fixture
def plan(forbund):
    """A förbund with a budget 2025 and statistics for 2023 in two kommuner."""
    factories.make_version(forbund, 2025)
    stor = factories.make_medlem(forbund, namn="Storstad", ordning=1)
    liten = factories.make_medlem(forbund, namn="Lillby", ordning=2)
    for medlem, kategori, helar, andel in [
        (stor, "sjukpenning", "600", "6"),
        (stor, "sa", "400", "4"),
        (liten, "sjukpenning", "100", "10"),
        (liten, "sa", "200", "20"),
    ]:
        Malgruppsstatistik.objects.create(
            forbund=forbund,
            medlem=medlem,
            ar=2023,
            kategori=kategori,
            helarsekvivalenter=D(helar),
            andel=D(andel),
            kalla="Testkälla",
        )
    return forbund


def test_plan_takes_the_newest_statistics_before_its_year_and_computes_the_sums(plan):
    [t] = build_verksamhetsplan(plan, 2025).malgrupper
    assert (t.ar, t.summa, t.andel) == (2023, D(1300), D("11.8"))
    # A change in the data changes the document; no figure is kept anywhere else.
    Malgruppsstatistik.objects.filter(forbund=plan, kategori="sa").update(
        helarsekvivalenter=D(0), andel=D(0)
    )
    [t] = build_verksamhetsplan(plan, 2025).malgrupper
    # 600 of 10 000 and 100 of 1 000 (the populations the shares imply): 6,4 %.
    assert (t.summa, t.andel) == (D(700), D("6.4"))
    # Statistics of the plan's own year are not "before" it.
    medlem = Malgruppsstatistik.objects.filter(forbund=plan).first().medlem
    Malgruppsstatistik.objects.create(
        forbund=plan, medlem=medlem, ar=2025, kategori="sa", helarsekvivalenter=D(1)
    )
    assert build_verksamhetsplan(plan, 2025).malgrupper[0].ar == 2023


def test_plan_html_shows_the_table_and_the_checklist_warns_without_statistics(client_for, plan):
    client = client_for(factories.make_user(plan, "kansli"))
    response = client.get(reverse("finsam:verksamhetsplan", args=[2025]))
    text = html_text(response.content.decode())
    assert "Helårsekvivalenter per kommun och ersättning 2023, 20–64 år" in text
    assert "Testkälla" in text
    varning = "Det finns ingen statistik om målgrupper och behov före 2025."
    rapport = build_verksamhetsplan(plan, 2025)
    assert varning not in [v.text for v in VERKSAMHETSPLAN.kontroll(plan, rapport)]
    Malgruppsstatistik.objects.filter(forbund=plan).delete()
    rapport = build_verksamhetsplan(plan, 2025)
    assert rapport.malgrupper == []
    assert varning in [v.text for v in VERKSAMHETSPLAN.kontroll(plan, rapport)]


def test_an_adopted_plan_locks_the_statistics_it_printed(plan):
    las = VERKSAMHETSPLAN.underlag(plan, "2025")
    rader = [o for o in las if isinstance(o, Malgruppsstatistik)]
    assert len(rader) == 4 and {r.ar for r in rader} == {2023}


# --- the årsredovisning and the delårsrapport -----------------------------------------------


def _extra_funding(demo):
    """A second funding in the demo, with amounts, so that the sum row shows."""
    insats = Insats.objects.get(forbund=demo, slug="inkluderingslyftet")
    return Externfinansiering.objects.create(
        insats=insats,
        finansiar="Allmänna arvsfonden",
        benamning="Testprojektet",
        fran=date(2025, 1, 1),
        till=date(2025, 6, 30),
        beviljat=350_000,
        utbetalt=125_000,
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [("finsam:arsredovisning", [2025]), ("finsam:delarsrapport", [date(2025, 8, 31)])],
)
def test_reports_list_the_external_funding_with_sums(client_for, demo, demo_user, name, args):
    client = client_for(demo_user("styrelse"))
    text = html_text(client.get(reverse(name, args=args)).content.decode())
    avsnitt = text[text.index("Extern finansiering") :]
    assert "Inkluderingslyftet" in avsnitt
    assert "Europeiska socialfonden (ESF)" in avsnitt
    assert "Samordningsförbundet Centrala Östergötland" in avsnitt
    assert "2023-08-01 – 2026-07-31" in avsnitt
    assert "Summa, kända belopp" not in avsnitt  # one row: no sum

    _extra_funding(demo)
    text = html_text(client.get(reverse(name, args=args)).content.decode())
    avsnitt = text[text.index("Extern finansiering") :]
    summa = next(line for line in avsnitt.splitlines() if "Summa, kända belopp" in line)
    assert "350 000 kr" in summa and "125 000 kr" in summa
    assert "Allmänna arvsfonden" in avsnitt


def test_arsredovisning_pdf_has_the_funding_and_locks_it(demo):
    from finsam.pdf import render_pdf
    from finsam.rapporter.arsredovisning import DOKUMENTTYP as AR
    from finsam.rapporter.utgava.kontext import rapportkontext

    rapport = AR.bygg(demo, "2025")
    text = pdf_text(render_pdf(AR.template, rapportkontext(AR, demo, "2025", rapport)))
    assert "Extern finansiering" in text and "Europeiska socialfonden (ESF)" in text
    las = AR.underlag(demo, "2025")
    assert any(isinstance(o, Externfinansiering) for o in las)
