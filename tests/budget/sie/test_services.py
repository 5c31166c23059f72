"""The SIE services: the mapping saved and refused, the utfall of a file at a date written
through utfall_save all or nothing, and the refusals that write nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import Kontomappning, Utfallsperiod, Utfallsrad
from budget.sie import services
from budget.utfall.services import Utfallsvarde, utfall_save, utfallsperiod_create
from finsam.concurrency import ConflictError
from tests.budget.sie.conftest import sie_bytes

PER = date(2025, 3, 31)


def _plan(forbund, data, per=PER, filnamn="bok.se"):
    fil = services.sie_las(data)
    return services.utfall_plan(forbund=forbund, fil=fil, per=per, filnamn=filnamn)


def test_mapping_is_saved_normalised_and_removed_when_blank(exempel):
    rad = exempel.rader.team_a
    m = services.kontomappning_save(
        rad=rad, konton="7010;4000 - 6999", dimension=1, objekt="A, B,A", expected_version=0
    )
    assert (m.konton, m.dimension, m.objekt) == ("4000–6999, 7010", 1, "A, B")
    assert m.history.count() == 1
    assert (
        services.kontomappning_save(
            rad=rad, konton="", dimension=None, objekt="", expected_version=m.lock_version
        )
        is None
    )
    assert not Kontomappning.objects.filter(rad=rad).exists()


def test_overlapping_mapping_is_refused_with_both_lines_named(mappad):
    r = mappad.rader
    with pytest.raises(ValidationError) as e:
        services.kontomappning_save(
            rad=r.team_b, konton="5000", dimension=1, objekt="K, Q", expected_version=0
        )
    assert "Team B" in e.value.message_dict["konton"][0]
    assert "Kansli" in e.value.message_dict["konton"][0]
    with pytest.raises(ValidationError):
        services.kontomappning_save(
            rad=r.team_b, konton="5000", dimension=6, objekt="P1", expected_version=0
        )
    assert not Kontomappning.objects.filter(rad=r.team_b).exists()
    # The same line may change its own mapping.
    m = Kontomappning.objects.get(rad=r.kansli)
    services.kontomappning_save(
        rad=r.kansli,
        konton="4000-7999",
        dimension=1,
        objekt="K, Q",
        expected_version=m.lock_version,
    )


def test_stale_mapping_edit_is_refused(mappad):
    with pytest.raises(ConflictError):
        services.kontomappning_save(
            rad=mappad.rader.kansli, konton="5000", dimension=None, objekt="", expected_version=7
        )


def test_import_creates_the_period_and_writes_each_line(mappad):
    f, r = mappad.forbund, mappad.rader
    plan = _plan(f, sie_bytes())
    assert plan.period is None
    b = plan.berakning
    assert b.fil_belopp == b.mappat_belopp + b.omappat_belopp
    assert b.fil_belopp == 5_300_000 and b.mappat_belopp == 5_500_000
    assert [(o.konto, o.objekt, o.belopp) for o in b.omappade] == [("5010", "1: X", -200_000)]
    assert {rad.namn for rad in plan.omappade_rader} == {"Team B", "Metodstöd", "Processtöd"}

    period = services.utfall_apply(forbund=f, plan=plan, expected_version=None)
    assert period.per == PER and period.typ == Utfallsperiod.Typ.DELAR
    rader = {u.rad_id: (u.intakt, u.kostnad) for u in period.rader.all()}
    assert rader == {
        r.medel.pk: (10_000_000, 0),
        r.team_a.pk: (0, -3_000_000),
        r.kansli.pk: (0, -1_500_000),
    }
    historik = Utfallsrad.history.filter(period_id=period.pk)
    assert {h.history_change_reason for h in historik} == {"Import från SIE-fil bok.se"}
    assert period.history.first().history_change_reason == "Import från SIE-fil bok.se"


def test_import_keeps_prognos_and_comment_and_refuses_a_stale_period(mappad):
    f, r = mappad.forbund, mappad.rader
    period = utfallsperiod_create(forbund=f, per=PER, typ="delar")
    utfall_save(
        period=period,
        varden={r.team_a.pk: Utfallsvarde(netto=-5, prognos=-9_000_000, kommentar="Bra")},
        expected_version=0,
    )
    period.refresh_from_db()
    plan = _plan(f, sie_bytes())
    assert [(a.rad.namn, a.fore, a.efter) for a in plan.andrade][1] == (
        "Team A",
        (0, -5),
        (0, -3_000_000),
    )
    # Someone saves the period after the upload: refused, nothing written.
    utfall_save(
        period=period,
        varden={r.team_b.pk: Utfallsvarde(netto=-1)},
        expected_version=period.lock_version,
    )
    with pytest.raises(ConflictError):
        services.utfall_apply(forbund=f, plan=plan, expected_version=plan.lock_version)
    assert Utfallsrad.objects.get(period=period, rad=r.team_a).kostnad == -5
    assert not Utfallsrad.objects.filter(period=period, rad=r.medel).exists()

    plan = _plan(f, sie_bytes())
    services.utfall_apply(forbund=f, plan=plan, expected_version=plan.lock_version)
    rad = Utfallsrad.objects.get(period=period, rad=r.team_a)
    assert (rad.kostnad, rad.prognos, rad.kommentar) == (-3_000_000, -9_000_000, "Bra")


def test_a_period_created_after_the_upload_is_a_conflict(mappad):
    plan = _plan(mappad.forbund, sie_bytes())
    utfallsperiod_create(forbund=mappad.forbund, per=PER, typ="delar")
    with pytest.raises(ConflictError):
        services.utfall_apply(forbund=mappad.forbund, plan=plan, expected_version=None)
    assert not Utfallsrad.objects.filter(period__forbund=mappad.forbund).exists()


def _fel(forbund, data, per=PER):
    with pytest.raises(services.SieImportFel) as e:
        _plan(forbund, data, per)
    return e.value.fel


def test_refusals_name_the_line_and_write_nothing(mappad):
    f = mappad.forbund
    data = sie_bytes()
    trasig = data.replace(b"#PSALDO 0 202503 5010 {} 4700000.00", b"#PSALDO 0 202503 5010 {} 4,7")
    assert trasig != data
    (fel,) = _fel(f, trasig)
    assert fel.startswith("Rad ") and "belopp" in fel.lower()

    fel_summa = data.replace(b"4700000.00", b"4700001.00")
    (fel,) = _fel(f, fel_summa)
    rader = data.decode("cp437").splitlines()
    assert fel.startswith(f"Rad {len(rader)}:")

    (fel,) = _fel(f, data, per=date(2024, 12, 31))
    rar = next(i for i, t in enumerate(rader, start=1) if t.startswith("#RAR 0"))
    assert "räkenskapsåret 2025-01-01–2025-12-31" in fel and fel.startswith(f"Rad {rar}:")

    (fel,) = _fel(f, sie_bytes(orgnr="556000-0000"))
    assert "556000-0000" in fel and f.organisationsnummer in fel and fel.startswith("Rad ")
    # The same number written without the dash is the förbund's own.
    assert _plan(f, sie_bytes(orgnr=f.organisationsnummer.replace("-", "")))

    (fel,) = _fel(f, sie_bytes(psaldo=[]))
    assert "#PSALDO" in fel
    assert not Utfallsperiod.objects.filter(forbund=f).exists()


def test_a_refused_apply_writes_nothing_not_even_the_period(mappad, monkeypatch):
    plan = _plan(mappad.forbund, sie_bytes())

    def fel(**kw):
        raise ValidationError("nej")

    monkeypatch.setattr(services, "utfall_save", fel)
    with pytest.raises(ValidationError):
        services.utfall_apply(forbund=mappad.forbund, plan=plan, expected_version=None)
    assert not Utfallsperiod.objects.filter(forbund=mappad.forbund).exists()


def test_restore_gives_the_same_plan(mappad):
    plan = _plan(mappad.forbund, sie_bytes())
    igen = services.utfall_restore(forbund=mappad.forbund, sparad=plan.sparad())
    assert [(a.rad.pk, a.efter) for a in igen.andringar] == [
        (a.rad.pk, a.efter) for a in plan.andringar
    ]
    assert igen.berakning.fil_summa == plan.berakning.fil_summa
    assert igen.berakning.omappade == plan.berakning.omappade


def test_bokslut_of_another_organisation_or_stale_is_refused(forbund):
    from budget.models import Bokslut
    from budget.sie.parser import Saldo, SieFil, write

    def fil(orgnr):
        f = SieFil(
            flagga=0,
            sietyp=4,
            orgnr=orgnr,
            rar={0: (date(2025, 1, 1), date(2025, 12, 31))},
            konton={"1930": "Bank", "2440": "Leverantörsskulder", "1510": "Kundfordringar"},
        )
        D = Decimal
        f.ub = [Saldo(0, "1930", D(1000)), Saldo(0, "1510", D(50)), Saldo(0, "2440", D(-300))]
        f.ib = [Saldo(0, "2030", D(-700))]
        f.res = [Saldo(0, "8410", D(-20)), Saldo(0, "8510", D(5))]
        return services.sie_las(write(f))

    with pytest.raises(services.SieImportFel) as e:
        services.bokslut_plan(forbund=forbund, fil=fil("556000-0000"), filnamn="x.se")
    assert "556000-0000" in e.value.fel[0]

    plan = services.bokslut_plan(
        forbund=forbund, fil=fil(forbund.organisationsnummer), filnamn="x.se"
    )
    assert {f.falt: f.efter for f in plan.falt} == {
        "finansiella_intakter": 20,
        "finansiella_kostnader": -5,
        "kassa_och_bank": 1000,
        "avsattningar_pensioner": 0,
        "ingaende_eget_kapital": 700,
    }
    assert [(p.konto, p.namn, p.belopp) for p in plan.varden.skulder] == [
        ("2440", "Leverantörsskulder", 300)
    ]
    assert not Bokslut.objects.filter(forbund=forbund).exists()  # the checks wrote nothing
    Bokslut.objects.create(forbund=forbund, ar=2025)  # someone else, meanwhile
    with pytest.raises(ConflictError):
        services.bokslut_apply(forbund=forbund, plan=plan, expected_version=plan.lock_version)
    assert Bokslut.objects.get(forbund=forbund).kassa_och_bank == 0
    plan = services.bokslut_plan(forbund=forbund, fil=fil(""), filnamn="x.se")
    b = services.bokslut_apply(forbund=forbund, plan=plan, expected_version=plan.lock_version)
    assert (b.kassa_och_bank, b.poster.count()) == (1000, 2)


def test_a_period_in_an_adopted_report_is_refused_at_the_upload(mappad, monkeypatch):
    from finsam import concurrency

    period = utfallsperiod_create(forbund=mappad.forbund, per=PER, typ="delar")

    class Utgava:
        beslutsdatum = date(2025, 4, 20)
        paragraf = "§ 9"

        def __str__(self):
            return "Delårsrapport 2025-03-31"

    monkeypatch.setattr(
        concurrency, "_lock_lookups", [lambda obj: Utgava() if obj == period else None]
    )
    (fel,) = _fel(mappad.forbund, sie_bytes())
    assert "Delårsrapport 2025-03-31" in fel and "låsta" in fel


def test_psaldo_without_vouchers_needs_a_month_end(mappad):
    (fel,) = _fel(mappad.forbund, sie_bytes(), per=date(2025, 3, 15))
    assert "2025-03-31" in fel
