"""Writes: versions and copying, the amounts save with its lock, groups and lines."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from budget import services
from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from finsam.concurrency import ConflictError
from tests import factories


def _belopp(version):
    return dict(Budgetbelopp.objects.filter(version=version).values_list("rad__namn", "belopp"))


# --- versions ------------------------------------------------------------------------------


def test_create_version_copies_amounts_of_open_lines(exempel):
    r = exempel.rader
    r.team_b.stangd = True
    r.team_b.save()
    version = services.budgetversion_create(
        forbund=exempel.forbund,
        typ=Budgetversion.Typ.TILLAGG,
        ar=2025,
        beslutsdatum=date(2025, 5, 20),
        paragraf="§ 31",
        motivering="Omfördelning till Team A.",
        kopiera_fran=exempel.budget,
    )
    assert version.forbund == exempel.forbund and version.lock_version == 0
    assert _belopp(version) == {
        "Medel från huvudmännen": 10_000_000,
        "Team A": -3_000_000,
        "Metodstöd": -1_000_000,
        "Processtöd": -1_000_000,
        "Kansli": -1_500_000,
    }
    # The source keeps its own amounts, and the copies have a change history.
    assert _belopp(exempel.budget)["Team B"] == -2_000_000
    assert Budgetbelopp.history.filter(version_id=version.pk).count() == 5


def test_create_version_leaves_out_lines_of_closed_groups(exempel):
    exempel.grupper.strukturella.stangd = True
    exempel.grupper.strukturella.save()
    version = services.budgetversion_create(
        forbund=exempel.forbund,
        typ="budget",
        ar=2026,
        beslutsdatum=date(2025, 11, 20),
        kopiera_fran=exempel.budget,
    )
    assert "Metodstöd" not in _belopp(version)
    assert len(_belopp(version)) == 4


def test_create_version_without_copy_is_empty(exempel):
    version = services.budgetversion_create(
        forbund=exempel.forbund, typ="plan", ar=2027, beslutsdatum=date(2024, 11, 22)
    )
    assert _belopp(version) == {}


def test_create_version_refuses_another_forbunds_source(exempel, annat_forbund):
    frammande = factories.make_version(annat_forbund)
    with pytest.raises(ValidationError) as exc:
        services.budgetversion_create(
            forbund=exempel.forbund,
            typ="budget",
            ar=2026,
            beslutsdatum=date(2025, 11, 20),
            kopiera_fran=frammande,
        )
    assert "kopiera_fran" in exc.value.error_dict
    assert not Budgetversion.objects.filter(forbund=exempel.forbund, ar=2026, typ="budget").exists()


def test_create_version_validates_typ(exempel):
    with pytest.raises(ValidationError) as exc:
        services.budgetversion_create(
            forbund=exempel.forbund, typ="prognos", ar=2026, beslutsdatum=date(2025, 1, 1)
        )
    assert "typ" in exc.value.error_dict


def test_version_save_is_refused_when_outdated(exempel):
    first = Budgetversion.objects.get(pk=exempel.budget.pk)
    second = Budgetversion.objects.get(pk=exempel.budget.pk)
    first.paragraf = "§ 58"
    services.budgetversion_save(version=first, expected_version=0)
    second.paragraf = "§ 99"
    with pytest.raises(ConflictError):
        services.budgetversion_save(version=second, expected_version=0)
    exempel.budget.refresh_from_db()
    assert exempel.budget.paragraf == "§ 58"
    assert exempel.budget.lock_version == 1


# --- amounts -------------------------------------------------------------------------------


def test_save_amounts_creates_updates_and_removes(exempel):
    r = exempel.rader
    ny = factories.make_rad(exempel.grupper.admin, namn="Lokaler")
    andrade = services.budgetbelopp_save(
        version=exempel.budget,
        belopp={
            r.team_a.pk: -3_100_000,  # changed
            r.team_b.pk: -2_000_000,  # unchanged
            r.metod.pk: None,  # removed
            ny.pk: -250_000,  # new
        },
        expected_version=0,
    )
    assert andrade == 3
    belopp = _belopp(exempel.budget)
    assert belopp["Team A"] == -3_100_000
    assert belopp["Team B"] == -2_000_000
    assert "Metodstöd" not in belopp
    assert belopp["Lokaler"] == -250_000
    # Lines not in the save keep their amounts.
    assert belopp["Kansli"] == -1_500_000
    exempel.budget.refresh_from_db()
    assert exempel.budget.lock_version == 1


def test_save_amounts_based_on_outdated_page_is_refused_and_nothing_changes(exempel):
    r = exempel.rader
    services.budgetbelopp_save(version=exempel.budget, belopp={r.team_a.pk: -1}, expected_version=0)
    with pytest.raises(ConflictError):
        services.budgetbelopp_save(
            version=exempel.budget, belopp={r.team_a.pk: -2, r.kansli.pk: None}, expected_version=0
        )
    belopp = _belopp(exempel.budget)
    assert belopp["Team A"] == -1
    assert belopp["Kansli"] == -1_500_000


def test_save_amounts_refuses_another_forbunds_line_and_rolls_back(exempel, annat_forbund):
    frammande = factories.make_rad(factories.make_grupp(annat_forbund))
    with pytest.raises(ValidationError):
        services.budgetbelopp_save(
            version=exempel.budget,
            belopp={exempel.rader.team_a.pk: -9, frammande.pk: -1},
            expected_version=0,
        )
    exempel.budget.refresh_from_db()
    assert exempel.budget.lock_version == 0
    assert _belopp(exempel.budget)["Team A"] == -3_000_000
    assert not Budgetbelopp.objects.filter(rad=frammande).exists()


@pytest.mark.parametrize("varde", [1.5, "100", True])
def test_save_amounts_takes_whole_kronor_only(exempel, varde):
    with pytest.raises(TypeError):
        services.budgetbelopp_save(
            version=exempel.budget, belopp={exempel.rader.team_a.pk: varde}, expected_version=0
        )
    assert _belopp(exempel.budget)["Team A"] == -3_000_000


# --- groups and lines ------------------------------------------------------------------------


def test_group_cannot_move_below_itself(exempel):
    g = exempel.grupper
    direkta = Budgetgrupp.objects.get(pk=g.direkta.pk)
    direkta.overordnad = g.individ
    with pytest.raises(ValidationError) as exc:
        services.budgetgrupp_save(grupp=direkta, expected_version=0)
    assert "overordnad" in exc.value.error_dict
    direkta.overordnad = direkta
    with pytest.raises(ValidationError):
        services.budgetgrupp_save(grupp=direkta, expected_version=0)
    g.direkta.refresh_from_db()
    assert g.direkta.overordnad_id is None


def test_group_moves_and_new_group(exempel):
    g = exempel.grupper
    strukturella = Budgetgrupp.objects.get(pk=g.strukturella.pk)
    strukturella.overordnad = None
    services.budgetgrupp_save(grupp=strukturella, expected_version=0)
    strukturella.refresh_from_db()
    assert strukturella.overordnad_id is None and strukturella.lock_version == 1
    ny = services.budgetgrupp_save(
        grupp=Budgetgrupp(forbund=exempel.forbund, namn="Ny", overordnad=g.admin),
        expected_version=0,
    )
    assert ny.pk and ny.overordnad == g.admin


def test_group_refuses_parent_of_another_forbund(exempel, annat_forbund):
    grupp = Budgetgrupp(
        forbund=exempel.forbund, namn="X", overordnad=factories.make_grupp(annat_forbund)
    )
    with pytest.raises(ValidationError):
        services.budgetgrupp_save(grupp=grupp, expected_version=0)
    assert not Budgetgrupp.objects.filter(namn="X").exists()


def test_line_refuses_group_or_insats_of_another_forbund(exempel, annat_forbund):
    rad = Budgetrad(forbund=exempel.forbund, grupp=factories.make_grupp(annat_forbund), namn="X")
    with pytest.raises(ValidationError):
        services.budgetrad_save(rad=rad, expected_version=0)
    rad = Budgetrad(
        forbund=exempel.forbund,
        grupp=exempel.grupper.admin,
        namn="Y",
        insats=factories.make_insats(annat_forbund),
    )
    with pytest.raises(ValidationError) as exc:
        services.budgetrad_save(rad=rad, expected_version=0)
    assert "insats" in exc.value.error_dict
    assert not Budgetrad.objects.filter(namn__in=["X", "Y"]).exists()


def test_line_used_in_decided_budget_cannot_be_removed(exempel):
    rad = exempel.rader.team_a
    with pytest.raises(ValidationError) as exc:
        services.budgetrad_delete(rad=rad, expected_version=0)
    assert exc.value.messages == [
        "Raden används i en beslutad budget och kan inte tas bort – stäng den i stället."
    ]
    assert Budgetrad.objects.filter(pk=rad.pk).exists()
    assert Budgetbelopp.objects.filter(rad=rad).count() == 2


def test_line_in_tillaggsbudget_cannot_be_removed(exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Ny i tillägg")
    tillagg = factories.make_version(exempel.forbund, 2025, "tillagg")
    factories.set_belopp(tillagg, rad, -10)
    with pytest.raises(ValidationError):
        services.budgetrad_delete(rad=rad, expected_version=0)
    assert Budgetrad.objects.filter(pk=rad.pk).exists()


def test_line_with_only_plan_amounts_is_removed_with_them(exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Bara plan")
    factories.set_belopp(exempel.plan, rad, -100)
    services.budgetrad_delete(rad=rad, expected_version=0)
    assert not Budgetrad.objects.filter(pk=rad.pk).exists()
    assert "Bara plan" not in _belopp(exempel.plan)
    assert _belopp(exempel.plan)["Kansli"] == -1_500_000


def test_line_removal_is_refused_when_outdated(exempel):
    rad = factories.make_rad(exempel.grupper.admin, namn="Ändrad")
    kollega = Budgetrad.objects.get(pk=rad.pk)
    kollega.ordning += 1  # an unchanged save would not bump the version
    services.budgetrad_save(rad=kollega, expected_version=0)
    with pytest.raises(ConflictError):
        services.budgetrad_delete(rad=rad, expected_version=0)
    assert Budgetrad.objects.filter(pk=rad.pk).exists()
