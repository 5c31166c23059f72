"""bokslut_save: the figures, the note lines, and the optimistic lock."""

import pytest
from django.core.exceptions import ValidationError

from budget.bokslut.services import Post, bokslut_save
from budget.models import Bokslut, Bokslutspost
from finsam.concurrency import ConflictError

F, S = Bokslutspost.Typ.FORDRAN, Bokslutspost.Typ.SKULD


def test_create_numbers_lines_per_typ(forbund):
    b = bokslut_save(
        bokslut=Bokslut(forbund=forbund, ar=2025, kassa_och_bank=10),
        poster=[Post(F, "A", 1), Post(S, "B", 2), Post(F, "C", 3)],
        expected_version=0,
    )
    assert list(b.poster.order_by("typ", "ordning").values_list("typ", "namn", "ordning")) == [
        ("fordran", "A", 1),
        ("fordran", "C", 2),
        ("skuld", "B", 1),
    ]
    assert b.lock_version == 0


def test_update_replaces_the_lines_and_bumps_the_version(forbund):
    b = bokslut_save(
        bokslut=Bokslut(forbund=forbund, ar=2025),
        poster=[Post(F, "A", 1), Post(F, "B", 2)],
        expected_version=0,
    )
    a = b.poster.get(namn="A")
    b.kassa_och_bank = 5
    b = bokslut_save(
        bokslut=b, poster=[Post(F, "A2", 10, pk=a.pk), Post(S, "Ny", 3)], expected_version=0
    )
    assert b.lock_version == 1
    assert set(b.poster.values_list("pk", "namn", "belopp")) == {
        (a.pk, "A2", 10),
        (b.poster.get(namn="Ny").pk, "Ny", 3),
    }


def test_stale_version_changes_nothing(empty_db, forbund):
    b = bokslut_save(bokslut=Bokslut(forbund=forbund, ar=2025), poster=[], expected_version=0)
    kollega = Bokslut.objects.get(pk=b.pk)
    kollega.anmarkning = "Kollegans ändring"  # an unchanged save would not bump the version
    bokslut_save(bokslut=kollega, poster=[], expected_version=0)
    b.kassa_och_bank = 99
    with pytest.raises(ConflictError):
        bokslut_save(bokslut=b, poster=[Post(F, "X", 1)], expected_version=0)
    assert Bokslut.objects.get(pk=b.pk).kassa_och_bank == 0
    assert not Bokslutspost.objects.exists()


def test_refuses_float_amounts_and_positive_financial_costs(empty_db, forbund):
    with pytest.raises(TypeError):
        bokslut_save(
            bokslut=Bokslut(forbund=forbund, ar=2025),
            poster=[Post(F, "A", 1.5)],
            expected_version=0,
        )
    with pytest.raises(ValidationError):
        bokslut_save(
            bokslut=Bokslut(forbund=forbund, ar=2025, finansiella_kostnader=5),
            poster=[],
            expected_version=0,
        )
    assert not Bokslut.objects.exists()


def test_one_bokslut_per_year(forbund):
    bokslut_save(bokslut=Bokslut(forbund=forbund, ar=2025), poster=[], expected_version=0)
    with pytest.raises(ValidationError):
        bokslut_save(bokslut=Bokslut(forbund=forbund, ar=2025), poster=[], expected_version=0)
