"""The demo's SIE file 2025 reproduces the demo's published utfall and bokslut."""

from datetime import date

import pytest

from budget.models import Bokslut, Kontomappning, Utfallsperiod
from budget.sie import services
from fixtures.sie import DEMOFIL, demofil_bytes

FILNAMN = "vastmanland-2025.se"


def test_the_committed_file_is_what_the_generator_makes():
    assert DEMOFIL.read_bytes() == demofil_bytes()


def test_the_demo_has_a_mapping_for_every_line_with_utfall(demo):
    mappade = set(Kontomappning.objects.filter(forbund=demo).values_list("rad__namn", flat=True))
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 12, 31))
    assert {u.rad.namn for u in period.rader.all()} <= mappade


def _stored(period):
    return {u.rad_id: (u.intakt, u.kostnad) for u in period.rader.all()}


@pytest.mark.parametrize("per", [date(2025, 12, 31), date(2025, 8, 31)])
def test_import_into_an_empty_utfall_reproduces_every_line(demo, per):
    period = Utfallsperiod.objects.get(forbund=demo, per=per)
    publicerat = _stored(period)
    period.rader.all().delete()
    fil = services.sie_las(DEMOFIL.read_bytes())
    plan = services.utfall_plan(forbund=demo, fil=fil, per=per, filnamn=FILNAMN)
    b = plan.berakning
    assert b.fil_belopp == b.mappat_belopp + b.omappat_belopp
    if per.month == 12:
        # Only the financial items (bokslut, not a budget line) are left unmapped.
        assert {o.konto for o in b.omappade} == {"8410", "8510"}
        assert b.omappat_belopp == 180_551 - 36_000
    services.utfall_apply(forbund=demo, plan=plan, expected_version=plan.lock_version)
    importerat = _stored(period)
    for rad_id in publicerat.keys() | importerat.keys():
        assert importerat.get(rad_id, (0, 0)) == publicerat.get(rad_id, (0, 0)), rad_id


def test_import_over_the_demo_changes_nothing(demo):
    fil = services.sie_las(DEMOFIL.read_bytes())
    plan = services.utfall_plan(forbund=demo, fil=fil, per=date(2025, 12, 31), filnamn=FILNAMN)
    assert plan.andrade == []


def _bokslut_tal(b: Bokslut):
    falt = {f: getattr(b, f) for f in services.BOKSLUT_FALT}
    poster = [(p.typ, p.namn, p.belopp) for p in b.poster.order_by("typ", "ordning")]
    return falt, poster


def test_bokslut_from_the_file_reproduces_the_demo_bokslut(demo):
    bokslut = Bokslut.objects.get(forbund=demo, ar=2025)
    publicerat = _bokslut_tal(bokslut)
    fil = services.sie_las(DEMOFIL.read_bytes())

    plan = services.bokslut_plan(forbund=demo, fil=fil, filnamn=FILNAMN)
    assert not [f for f in plan.falt if f.andras]
    assert plan.ar == 2025
    assert plan.varden.ovriga == []
    # The checks of the bokslut page, as after the import: the demo's published 1 kr.
    assert [k.skillnad for k in plan.kontroller if not k.ok] == [-1, 1]

    bokslut.poster.all().delete()
    Bokslut.objects.filter(pk=bokslut.pk).update(
        kassa_och_bank=0, ingaende_eget_kapital=None, finansiella_intakter=0
    )
    plan = services.bokslut_plan(forbund=demo, fil=fil, filnamn=FILNAMN)
    assert {f.falt for f in plan.falt if f.andras} == {
        "kassa_och_bank",
        "ingaende_eget_kapital",
        "finansiella_intakter",
    }
    ny = services.bokslut_apply(forbund=demo, plan=plan, expected_version=plan.lock_version)
    assert _bokslut_tal(ny) == publicerat
    assert ny.history.first().history_change_reason == f"Import från SIE-fil {FILNAMN}"
    assert ny.kapitaltillskott == 0 and ny.antal_anstallda == 3
