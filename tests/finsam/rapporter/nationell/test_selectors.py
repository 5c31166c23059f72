"""The Uppföljning Finsam sheet of the demo year 2025: every figure computed again here from
the stored rows (not from the selectors), an insats with both parts as two rows, and the
checks with their differences where the figures disagree."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import (
    Bokslut,
    Budgetbelopp,
    Budgetrad,
    Budgetversion,
    Medelstilldelning,
    Utfallsrad,
)
from finsam.rapporter.nationell.selectors import INDIVID, STRUKTUR, uppfoljningsblad
from insatser.models import Insats
from uppfoljning.models import Aktivitet, BudgeteradeDeltagare, Deltagarrapport, Rapportvarde

AR = 2025
ADMIN = Budgetrad.Kategori.ADMINISTRATION


# --- the figures, from the stored rows ------------------------------------------------------


def _version(forbund):
    """The budget in force on 31 December: the newest budget or tilläggsbudget decided."""
    return (
        Budgetversion.objects.filter(
            forbund=forbund,
            ar=AR,
            typ__in=["budget", "tillagg"],
            beslutsdatum__lte=date(AR, 12, 31),
        )
        .order_by("-beslutsdatum", "-pk")
        .first()
    )


def _budget(forbund, **rad_filter) -> int:
    belopp = Budgetbelopp.objects.filter(
        version=_version(forbund), **{f"rad__{k}": v for k, v in rad_filter.items()}
    )
    return -sum(b.belopp for b in belopp)


def _utfall(forbund, **rad_filter) -> int:
    rader = Utfallsrad.objects.filter(
        period__forbund=forbund,
        period__per=date(AR, 12, 31),
        **{f"rad__{k}": v for k, v in rad_filter.items()},
    )
    return -sum(u.kostnad for u in rader)


def _eget_kapital(forbund, ar) -> int:
    b = Bokslut.objects.get(forbund=forbund, ar=ar)
    ingaende = b.ingaende_eget_kapital
    if ingaende is None:
        ingaende = _eget_kapital(forbund, ar - 1)
    rader = Utfallsrad.objects.filter(period__forbund=forbund, period__per=date(ar, 12, 31))
    if rader.exists():
        resultat = sum(u.intakt + u.kostnad for u in rader)
    else:
        resultat = (b.verksamhetens_intakter or 0) + (b.verksamhetens_kostnader or 0)
    return (
        ingaende + b.kapitaltillskott + resultat + b.finansiella_intakter + b.finansiella_kostnader
    )


def _deltagare(insats) -> list[int]:
    varden = Rapportvarde.objects.filter(
        rapport__insats=insats,
        rapport__period__ar=AR,
        rapport__period__typ="helar",
        rapport__status=Deltagarrapport.Status.GODKAND,
        matt__kod="deltagare",
    )
    return [int(sum(v.varde for v in varden if v.kon == k)) for k in ("k", "m", "a")]


def _falt(blad, nr):
    return next(f for f in blad.forbundsfalt if f.nr == nr)


def _rad(blad, slug, del_=INDIVID):
    return next(r for r in blad.insatsrader if r.insats.slug == slug and r.del_ == del_)


def _kontroll(kontroller, rubrik):
    return next(k for k in kontroller if k.rubrik == rubrik)


@pytest.fixture
def blad(demo):
    return uppfoljningsblad(demo, AR, protected=False)


# --- the förbund's fields ---------------------------------------------------------------------


def test_forbund_fields_are_the_stored_figures(demo, blad):
    mt = Medelstilldelning.objects.get(forbund=demo, ar=AR)
    assert _falt(blad, "1.1").varde == 2 * mt.statens_bidrag
    assert _falt(blad, "1.2").varde == _eget_kapital(demo, AR)
    assert _falt(blad, "1.3").varde == _budget(demo, kategori=ADMIN) > 0
    assert _falt(blad, "1.4").varde == _utfall(demo, kategori=ADMIN) > 0
    assert [f.nr for f in blad.forbundsfalt] == ["1.1", "1.2", "1.3", "1.4"]


def test_tilldelade_medel_against_the_bokslut_shows_the_difference(demo, blad):
    falt = _falt(blad, "1.1")
    assert _kontroll(falt.kontroller, "Medlemmarnas driftbidrag").ok
    intakter = sum(
        u.intakt
        for u in Utfallsrad.objects.filter(period__forbund=demo, period__per=date(AR, 12, 31))
    )
    k = _kontroll(falt.kontroller, "Verksamhetens intäkter i bokslutet")
    assert k.skillnad == falt.varde - intakter != 0
    assert not k.ok
    assert "skillnad" in k.meddelande


def test_eget_kapital_agrees_with_note_5(blad):
    assert _kontroll(_falt(blad, "1.2").kontroller, "Eget kapital enligt not 5").ok


# --- the insatser -----------------------------------------------------------------------------


def test_every_insats_row_is_its_budget_lines_and_approved_report(demo, blad):
    budgeterade = {b.insats_id: b.antal for b in BudgeteradeDeltagare.objects.filter(ar=AR)}
    enkla = [r for r in blad.insatsrader if r.insats.insatsinriktning != "bada"]
    assert len(enkla) >= 8
    for r in enkla:
        assert r.budget == _budget(demo, insats=r.insats), r.namn
        assert r.utfall == _utfall(demo, insats=r.insats), r.namn
        if r.ar_individ:
            assert r.budgeterade_deltagare == budgeterade.get(r.insats.pk)
            if r.deltagare is not None:
                assert r.deltagare == _deltagare(r.insats), r.namn
        else:
            aktiviteter = Aktivitet.objects.filter(insats=r.insats, ar=AR)
            assert r.aktiviteter == aktiviteter.count()
            if aktiviteter:
                assert r.strukturdeltagare == sum(a.antal_deltagare or 0 for a in aktiviteter)
    vasteras = _rad(blad, "st-vasteras")
    assert vasteras.deltagare == [50, 43, 2]
    assert vasteras.budgeterade_deltagare == 90
    assert _rad(blad, "rmgt", STRUKTUR).strukturdeltagare == 105
    # ESF: Inkluderingslyftet's funding from the Europeiska socialfonden, nobody else's.
    assert [r.insats.slug for r in blad.insatsrader if r.esf] == ["inkluderingslyftet"]


def test_an_insats_with_both_parts_is_two_rows(demo, blad):
    rader = [r for r in blad.insatsrader if r.insats.slug == "teamsamverkan-vm"]
    assert [r.del_ for r in rader] == [INDIVID, STRUKTUR]
    assert rader[0].namn != rader[1].namn
    assert rader[0].inriktning == "Individinriktad"
    assert rader[1].inriktning == "Strukturövergripande"
    insats = rader[0].insats
    # The demo has one line (individinsatser): all of it is the individinriktad part's …
    assert rader[0].budget == _budget(demo, insats=insats) > 0
    assert rader[1].budget == 0
    # … and the structural part says so.
    k = _kontroll(rader[1].kontroller, "Budget och utfall")
    assert not k.ok and "Dela insatsens budgetrad" in k.meddelande
    assert rader[0].deltagare == _deltagare(insats)


def test_a_structural_line_goes_to_the_structural_part(demo):
    insats = Insats.objects.get(forbund=demo, slug="teamsamverkan-vm")
    befintlig = Budgetrad.objects.get(insats=insats)
    rad = Budgetrad.objects.create(
        forbund=demo,
        grupp=befintlig.grupp,
        namn="Teamsamverkan, struktur",
        insats=insats,
        kategori=Budgetrad.Kategori.STRUKTURELLA,
    )
    Budgetbelopp.objects.create(version=_version(demo), rad=rad, belopp=-123_456)
    blad = uppfoljningsblad(demo, AR, protected=False)
    individ, struktur = _rad(blad, "teamsamverkan-vm"), _rad(blad, "teamsamverkan-vm", STRUKTUR)
    assert struktur.budget == 123_456
    assert individ.budget == _budget(demo, insats=insats) - 123_456
    assert not [k for k in struktur.kontroller if k.rubrik == "Budget och utfall"]
    assert len(blad.insatsrader) == len(uppfoljningsblad(demo, AR, protected=True).insatsrader)


def test_participants_by_kon_must_add_up_to_the_total(blad):
    k = _kontroll(_rad(blad, "st-vasteras").kontroller, "Deltagare per kön")
    assert not k.ok
    assert k.skillnad == -2
    assert "93" in k.meddelande and "95" in k.meddelande
    assert _kontroll(_rad(blad, "st-sala").kontroller, "Deltagare per kön").ok


# --- the whole sheet --------------------------------------------------------------------------


def test_the_sheets_utfall_against_the_bokslut_names_what_is_outside(demo, blad):
    k = _kontroll(blad.kontroller, "Utfall i bladet och bokslutets verksamhetens kostnader")
    pa_bladet = {r.insats.pk for r in blad.insatsrader}
    utanfor = (
        Utfallsrad.objects.filter(period__forbund=demo, period__per=date(AR, 12, 31))
        .exclude(rad__kategori=ADMIN)
        .exclude(rad__insats__in=pa_bladet)
    )
    assert k.skillnad == sum(u.kostnad for u in utanfor) != 0
    assert not k.ok
    assert blad.utfall_summa == _utfall(demo) + sum(u.kostnad for u in utanfor)
    assert "Processtöd" in k.meddelande


def _kostnadsrad(rad) -> bool:
    grupp = rad.grupp
    while grupp.overordnad is not None:
        grupp = grupp.overordnad
    return grupp.typ == "kostnad"


def test_the_sheets_budget_against_the_budget(demo, blad):
    k = _kontroll(blad.kontroller, "Budget i bladet och budgetens summa kostnader")
    belopp = list(
        Budgetbelopp.objects.filter(version=_version(demo)).select_related(
            "rad__grupp__overordnad__overordnad"
        )
    )
    kostnader = -sum(b.belopp for b in belopp if _kostnadsrad(b.rad))
    pa_bladet = {r.insats.pk for r in blad.insatsrader}
    utanfor = -sum(
        b.belopp
        for b in belopp
        if _kostnadsrad(b.rad) and b.rad.kategori != ADMIN and b.rad.insats_id not in pa_bladet
    )
    assert blad.budget_summa == kostnader - utanfor
    assert k.skillnad == -utanfor != 0
    assert not k.ok
    assert "Ofördelade medel" in k.meddelande


def test_participants_of_all_approved_reports_are_on_the_sheet(demo, blad):
    k = _kontroll(blad.kontroller, "Deltagare i godkända rapporter")
    assert k.ok
    assert sum(r.deltagare_totalt or 0 for r in blad.individrader) == 278


def test_an_insats_without_inriktning_is_left_out_and_its_participants_missed(demo):
    Insats.objects.filter(forbund=demo, slug="st-vasteras").update(
        insatsinriktning="", inriktning_individ=""
    )
    blad = uppfoljningsblad(demo, AR, protected=False)
    assert "st-vasteras" not in {r.insats.slug for r in blad.insatsrader}
    k = _kontroll(blad.kontroller, "Deltagare i godkända rapporter")
    assert not k.ok
    assert k.skillnad == -95
    assert "Samordningsteam Västerås 95" in k.meddelande
    assert (
        "Samordningsteam Västerås"
        in _kontroll(blad.kontroller, "Insatser utan inriktning").meddelande
    )


def test_a_report_not_approved_is_not_counted(demo):
    Deltagarrapport.objects.filter(
        insats__slug="st-sala", period__ar=AR, period__typ="helar"
    ).update(status=Deltagarrapport.Status.INSKICKAD)
    blad = uppfoljningsblad(demo, AR, protected=False)
    rad = _rad(blad, "st-sala")
    assert rad.deltagare is None
    assert "inte godkänd" in _kontroll(rad.kontroller, "Deltagare").meddelande


def test_small_counts_are_protected_for_readers(demo):
    skyddat = uppfoljningsblad(demo, AR, protected=True)
    exakt = uppfoljningsblad(demo, AR, protected=False)
    fns_s, fns_e = _rad(skyddat, "st-fns"), _rad(exakt, "st-fns")
    assert fns_e.deltagare == [27, 24, 1]
    assert skyddat.deltagare_visat(fns_s, 2) == "<3"
    assert exakt.deltagare_visat(fns_e, 2) == 1
    assert fns_e.celler[2]["marked"] and not fns_e.celler[2]["hidden"]
    assert fns_s.celler[2]["hidden"]
    # No row or column lets the hidden 1 be worked out.
    assert sum(1 for c in fns_s.celler if c["hidden"]) != 1
    # Nor the check's message.
    k = _kontroll(fns_s.kontroller, "Deltagare per kön")
    assert not k.ok and k.skillnad is None
    assert not any(ch.isdigit() for ch in k.meddelande)
    assert "1 har kön" in _kontroll(fns_e.kontroller, "Deltagare per kön").meddelande


def test_a_small_count_outside_the_sheet_is_not_revealed(demo):
    Insats.objects.filter(forbund=demo, slug="teamsamverkan-vm").update(
        insatsinriktning="struktur", inriktning_individ=""
    )
    rapport = Deltagarrapport.objects.get(
        insats__slug="teamsamverkan-vm", period__ar=AR, period__typ="helar"
    )
    Rapportvarde.objects.filter(rapport=rapport, matt__kod="deltagare", kon="m").update(varde=0)
    Rapportvarde.objects.filter(rapport=rapport, matt__kod="deltagare", kon="k").update(varde=2)
    skyddat = _kontroll(
        uppfoljningsblad(demo, AR, protected=True).kontroller, "Deltagare i godkända rapporter"
    )
    assert not skyddat.ok and skyddat.skillnad is None
    assert not any(ch.isdigit() for ch in skyddat.meddelande)
    assert "Teamsamverkan Västra Mälardalen" in skyddat.meddelande
    exakt = _kontroll(
        uppfoljningsblad(demo, AR, protected=False).kontroller, "Deltagare i godkända rapporter"
    )
    assert exakt.skillnad == -2


def test_a_year_without_data_has_every_field_missing_and_says_so(demo):
    blad = uppfoljningsblad(demo, 2031, protected=True)
    assert [f.varde for f in blad.forbundsfalt] == [None, None, None, None]
    assert all(not k.ok for f in blad.forbundsfalt for k in f.kontroller)
    assert not _kontroll(blad.kontroller, "Deltagare i godkända rapporter").ok


def test_the_number_of_queries_does_not_grow_with_the_insatser(demo, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as fore:
        rader_fore = len(uppfoljningsblad(demo, AR, protected=True).insatsrader)
    mall = Insats.objects.get(forbund=demo, slug="st-sala")
    befintlig = Budgetrad.objects.get(insats=mall)
    for n in range(5):
        insats = Insats.objects.create(
            forbund=demo,
            namn=f"Ny insats {n}",
            slug=f"ny-{n}",
            typ=mall.typ,
            malomrade=mall.malomrade,
            startdatum=date(2025, 1, 1),
            insatsinriktning="bada",
        )
        rad = Budgetrad.objects.create(
            forbund=demo, grupp=befintlig.grupp, namn=f"Ny {n}", insats=insats
        )
        Budgetbelopp.objects.create(version=_version(demo), rad=rad, belopp=-1000)
    with django_assert_max_num_queries(len(fore.captured_queries)):
        blad = uppfoljningsblad(demo, AR, protected=True)
    assert len(blad.insatsrader) == rader_fore + 10
