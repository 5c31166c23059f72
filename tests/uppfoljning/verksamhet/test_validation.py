"""The rules for indicator shares and goal assessments, in the services and the forms."""

import pytest
from django.core.exceptions import ValidationError

from tests.uppfoljning.verksamhet import helpers
from uppfoljning.models import Indikatorsvar, Maluppfoljning
from uppfoljning.verksamhet import services
from uppfoljning.verksamhet.forms import IndikatorsvarFormSet, MaluppfoljningForm

T, B = Maluppfoljning.Tillfalle, Maluppfoljning.Bedomning


@pytest.mark.parametrize(
    "andelar",
    [
        [0, 0, 0, 9, 36, 55],
        [0, 0, 0, 20, 45, 34],  # 99: rounding
        [0, 0, 0, 20, 45, 36],  # 101: rounding
        [10.5, 10.5, 20, 20, 20, 19],
        ["0", "0", "17", "30", "5", "48"],
    ],
)
def test_andelar_good(andelar):
    assert services.andelar_fel(andelar) is None


@pytest.mark.parametrize(
    ("andelar", "text"),
    [
        ([0, 0, 0, 9, 36, 50], "nu 95 %"),
        ([0, 0, 0, 20, 45, 37], "nu 102 %"),
        ([0, 0, -5, 20, 45, 40], "mellan 0 och 100"),
        ([0, 0, 0, 0, 0, 101], "mellan 0 och 100"),
        ([50, 50], "sex andelar"),
        ([10, 10, 10, 10, 10, 10, 40], "sex andelar"),
    ],
)
def test_andelar_bad(andelar, text):
    assert text in services.andelar_fel(andelar)


@pytest.mark.parametrize(
    ("tillfalle", "bedomning"),
    [
        (T.DELAR, B.I_FAS),
        (T.DELAR, B.EJ_I_FAS),
        (T.HELAR, B.UPPFYLLT),
        (T.HELAR, B.DELVIS),
        (T.HELAR, B.EJ_UPPFYLLT),
        (T.DELAR, ""),
    ],
)
def test_bedomning_fits(tillfalle, bedomning):
    assert services.bedomning_fel(tillfalle, bedomning) is None


@pytest.mark.parametrize(
    ("tillfalle", "bedomning", "text"),
    [
        (T.DELAR, B.UPPFYLLT, "i fas eller ej i fas"),
        (T.DELAR, B.DELVIS, "i fas eller ej i fas"),
        (T.HELAR, B.I_FAS, "uppfyllt, delvis uppfyllt eller ej uppfyllt"),
        (T.HELAR, B.EJ_I_FAS, "Vid helår"),
    ],
)
def test_bedomning_does_not_fit(tillfalle, bedomning, text):
    assert text in services.bedomning_fel(tillfalle, bedomning)


def test_service_refuses_wrong_bedomning(empty_db, mal):
    with pytest.raises(ValidationError) as e:
        helpers.make_uppfoljning(mal, T.DELAR, B.UPPFYLLT)
    assert "bedomning" in e.value.error_dict
    assert not Maluppfoljning.objects.exists()
    helpers.make_uppfoljning(mal, T.DELAR, B.EJ_I_FAS)
    helpers.make_uppfoljning(mal, T.HELAR, B.DELVIS)
    assert Maluppfoljning.objects.count() == 2


def test_service_refuses_bad_shares_and_stores_numbers(forbund):
    with pytest.raises(ValidationError):
        helpers.make_svar(forbund, andelar=[0, 0, 0, 9, 36, 40])
    svar = helpers.make_svar(forbund, andelar=["0", "0", "0", "9.0", "36", "55"])
    svar.refresh_from_db()
    assert svar.andelar == [0, 0, 0, 9, 36, 55]


def test_uppfoljning_form_limits_choices_with_swedish_message(mal):
    form = MaluppfoljningForm(
        data={"utfall": "x", "bedomning": B.UPPFYLLT, "lock_version_loaded": 0},
        instance=Maluppfoljning(mal=mal, tillfalle=T.DELAR),
    )
    assert not form.is_valid()
    assert "Vid delår kan bedömningen vara i fas eller ej i fas." in form.errors["bedomning"]
    form = MaluppfoljningForm(
        data={"utfall": "x", "bedomning": B.I_FAS, "lock_version_loaded": 0},
        instance=Maluppfoljning(mal=mal, tillfalle=T.DELAR),
    )
    assert form.is_valid(), form.errors


def _grid_data(rows):
    data = {
        "svar-TOTAL_FORMS": len(rows),
        "svar-INITIAL_FORMS": 0,
        "svar-MIN_NUM_FORMS": 0,
        "svar-MAX_NUM_FORMS": 1000,
    }
    for i, (nummer, andelar) in enumerate(rows):
        data.update(
            {
                f"svar-{i}-nummer": nummer,
                f"svar-{i}-fraga": f"Fråga {nummer}",
                f"svar-{i}-skala": "frekvens",
                f"svar-{i}-n": 20,
            }
        )
        for j, a in enumerate(andelar, start=1):
            data[f"svar-{i}-andel_{j}"] = a
    return data


def test_grid_row_errors(db):
    formset = IndikatorsvarFormSet(
        _grid_data(
            [
                (1, [0, 0, 0, 9, 36, 55]),
                (2, [0, 0, 0, 9, 36, 40]),
                (3, [0, 0, 0, 9, 36, 120]),
                (1, [0, 0, 0, 10, 40, 50]),
            ]
        ),
        queryset=Indikatorsvar.objects.none(),
        prefix="svar",
    )
    assert not formset.is_valid()
    assert formset.forms[0].errors == {}
    assert "nu 85 %" in formset.forms[1].non_field_errors()[0]
    assert formset.forms[2].errors["andel_6"] == ["Högst 100 %."]
    assert formset.forms[3].errors["nummer"] == ["Frågenumret finns redan i tabellen."]
