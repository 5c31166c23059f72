"""The mapping rules: account ranges, objekt, and collisions that would count twice."""

import pytest
from django.core.exceptions import ValidationError

from budget.sie.mappning import Regel, krock, krockar, las_konton, las_objekt, las_regel


def test_ranges_are_read_sorted_with_any_dash():
    assert las_konton("7010, 4000–6999;3000 - 3999, 8400—8499") == [
        (3000, 3999),
        (4000, 6999),
        (7010, 7010),
        (8400, 8499),
    ]


@pytest.mark.parametrize(
    "text, fel",
    [
        ("", "minst ett konto"),
        ("4000-", "inget kontonummer"),
        ("abc", "inget kontonummer"),
        ("6999-4000", "börjar efter"),
        ("4000-5000-6000", "inget kontointervall"),
        ("4000-6999, 5000", "överlappar"),
    ],
)
def test_malformed_ranges_are_refused_in_swedish(text, fel):
    with pytest.raises(ValidationError) as e:
        las_konton(text)
    assert fel in e.value.messages[0]


def test_objekt_codes_keep_order_without_duplicates():
    assert las_objekt("110, 120,110, ,P 7") == ("110", "120", "P 7")


def test_dimension_and_objekt_go_together():
    with pytest.raises(ValidationError) as e:
        las_regel(rad_id=1, namn="A", konton="4000", dimension=1, objekt="")
    assert "objekt" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        las_regel(rad_id=1, namn="A", konton="4000", dimension=None, objekt="110")
    assert "dimension" in e.value.message_dict


def _r(rad_id, konton, dim=None, objekt=()):
    return Regel(rad_id, f"Rad {rad_id}", tuple(las_konton(konton)), dim, tuple(objekt))


def test_a_rule_takes_its_accounts_and_objekt_only():
    r = _r(1, "4000-6999", 1, ["110"])
    assert r.traffar("5010", {1: "110"})
    assert r.traffar("5010", {1: "110", 6: "P1"})
    assert not r.traffar("5010", {1: "120"})
    assert not r.traffar("5010", {})
    assert not r.traffar("7010", {1: "110"})
    assert _r(2, "3000-3999").traffar("3010", {1: "999"})


def test_disjoint_rules_do_not_collide():
    assert krock(_r(1, "3000-3999"), _r(2, "4000-6999")) is None
    assert krock(_r(1, "4000-6999", 1, ["110"]), _r(2, "4000-6999", 1, ["120"])) is None


@pytest.mark.parametrize(
    "a, b, ord_",
    [
        (_r(1, "4000-6999"), _r(2, "5000-5999", 1, ["110"]), "alla objekt"),
        (_r(1, "4000-6999", 1, ["110", "120"]), _r(2, "6000-7999", 1, ["120"]), "objekt 120"),
        (_r(1, "4000-6999", 1, ["110"]), _r(2, "4000-6999", 6, ["P1"]), "dimension 1"),
    ],
)
def test_overlapping_rules_are_refused_with_the_accounts_named(a, b, ord_):
    fel = krock(a, b)
    assert fel is not None and ord_ in fel
    assert "Rad 1" in fel and "Rad 2" in fel
    assert krockar([a, b]) == [fel]
