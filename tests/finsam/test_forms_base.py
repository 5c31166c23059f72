"""Ids no database can hold, e.g. 10**30 posted by hand in a multi-select, are an ordinary
validation error: the `pk__in` query used to raise OverflowError on SQLite (500)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam import forms_base
from finsam.forms_base import DeleteForm, IdModelMultipleChoiceField, add_validation_error
from finsam.models import Medlem
from tests import factories
from uppfoljning.models import Rapportperiod

HUGE = str(10**30)
OUT_OF_RANGE = [HUGE, "-" + HUGE, str(2**63), str(-(2**63) - 1)]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_an_id_out_of_range_is_an_invalid_choice(forbund, value):
    medlem = factories.make_medlem(forbund)
    field = IdModelMultipleChoiceField(queryset=Medlem.objects.all())
    with pytest.raises(forms.ValidationError) as e:
        field.clean([str(medlem.pk), value])
    assert e.value.code == "invalid_choice"
    assert list(field.clean([str(medlem.pk)])) == [medlem]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_a_single_choice_out_of_range_is_already_an_invalid_choice(forbund, value):
    """Django checks a single id's range itself; kept here so that it stays so."""
    field = forms.ModelChoiceField(queryset=Medlem.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean(value)


def test_every_multi_select_of_rows_refuses_ids_out_of_range():
    """Every form of the apps: each ModelMultipleChoiceField is an IdModelMultipleChoiceField."""
    wrong = []
    for app in ("finsam", "insatser", "budget", "uppfoljning"):
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "forms" not in info.name.rsplit(".", 1)[-1]:
                continue
            module = importlib.import_module(info.name)
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                    continue
                for field_name, field in cls.base_fields.items():
                    if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(
                        field, IdModelMultipleChoiceField
                    ):
                        wrong.append(f"{module.__name__}.{name}.{field_name}")
    assert not wrong, wrong


def test_insats_form_with_a_huge_id_shows_an_error(client_for, kansli, forbund):
    factories.make_malomrade(forbund)
    client = client_for(kansli)
    url = reverse("insatser:create")
    data = {"namn": "Nytt team", "slug": "nytt", "typ": "samordningsteam", "status": "pagaende"}
    for field in ("deltagande_medlemmar", "kommuner", "styrgrupp"):
        response = client.post(url, {**data, field: [HUGE]})
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field


def test_period_form_with_a_huge_insats_id_shows_an_error(empty_db, client_for, kansli, insats):
    client = client_for(kansli)
    data = {"ar": 2027, "typ": "h1", "sista_dag": "2027-08-15", "insatser": [insats.pk, HUGE]}
    response = client.post(reverse("uppfoljning:period-create"), data)
    assert response.status_code == 200
    assert "insatser" in response.context["form"].errors
    assert not Rapportperiod.objects.exists()


# --- a service's ValidationError on a form -------------------------------------------------


class _NamnForm(forms.Form):
    namn = forms.CharField(required=False)


def test_a_field_error_lands_at_its_field_and_the_rest_at_the_top():
    form = _NamnForm({"namn": "x"})
    assert form.is_valid()
    add_validation_error(form, ValidationError({"namn": "Fel namn.", "finns_inte": "Annat fel."}))
    assert form.errors == {"namn": ["Fel namn."], "__all__": ["Annat fel."]}


def test_an_error_without_field_lands_at_the_top():
    form = _NamnForm({"namn": "x"})
    assert form.is_valid()
    add_validation_error(form, ValidationError(["Ett.", "Två."]))
    assert form.non_field_errors() == ["Ett.", "Två."]


def test_the_delete_form_carries_the_loaded_version_and_a_red_button():
    form = DeleteForm({"lock_version_loaded": "3"})
    assert form.is_valid()
    assert form.cleaned_data["lock_version_loaded"] == 3
    assert form.helper.inputs[0].field_classes == "btn btn-danger"
    assert DeleteForm({}).is_valid()  # a missing version is None, refused by the service


# --- inputs rendered in Python ----------------------------------------------------------


@pytest.mark.parametrize(
    ("snabb", "django_widget"),
    [(forms_base.TextInput, forms.TextInput), (forms_base.NumberInput, forms.NumberInput)],
)
@pytest.mark.parametrize("value", [None, "", "1 250 000", 'a "<b>" & c', 12])
@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"autocomplete": "off", "class": "form-control x", "data-kolumn": 'n"<>&'},
        {"required": True, "disabled": False, "min": 0, "max": 100000},
    ],
)
def test_python_rendered_inputs_give_djangos_html(snabb, django_widget, value, attrs):
    """The same HTML as the template the widget would otherwise render, and the same class
    name (crispy-forms puts it, in lower case, into the CSS classes)."""
    fast = snabb(attrs=dict(attrs)).render("antal-1", value, attrs={"id": "id_antal-1"})
    ref = django_widget(attrs=dict(attrs)).render("antal-1", value, attrs={"id": "id_antal-1"})
    assert fast == ref
    assert snabb.__name__ == django_widget.__name__
