"""Amounts typed the Swedish way."""

import pytest
from django import forms

from budget.forms import BeloppField, CheckboxInput, HiddenInput


def test_field_gives_the_swedish_error_and_shows_amounts_as_printed():
    field = BeloppField()
    with pytest.raises(Exception) as exc:
        field.clean("12,50")
    assert exc.value.messages == ["Skriv ett helt belopp i kronor, t.ex. −1 250 000."]
    assert field.clean("−1 250 000") == -1_250_000
    assert field.prepare_value(-1_250_000) == "\u22121\u00a0250\u00a0000"
    assert field.prepare_value("-12 typed") == "-12 typed"


@pytest.mark.parametrize(
    ("snabb", "django_widget"),
    [(HiddenInput, forms.HiddenInput), (CheckboxInput, forms.CheckboxInput)],
)
@pytest.mark.parametrize("value", [None, "", "12", 'a "<b>" & c', 12, True, False])
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "form-check-input", "data-x": 'n"<>&'}, {"disabled": True}]
)
def test_python_rendered_hidden_and_checkbox_give_djangos_html(snabb, django_widget, value, attrs):
    """The bokslut's note rows render these in Python: the same HTML as Django's templates,
    and the same class name (crispy-forms puts it, in lower case, into the CSS classes)."""
    fast = snabb(attrs=dict(attrs)).render("post-1", value, attrs={"id": "id_post-1"})
    ref = django_widget(attrs=dict(attrs)).render("post-1", value, attrs={"id": "id_post-1"})
    assert fast == ref
    assert snabb.__name__ == django_widget.__name__


@pytest.mark.parametrize(
    "value", ["", "abc", "Team <B> & \"C\" 'd'", "a&b", "a'b", "1\u00a0250", 12, None, -3]
)
def test_html_text_escapes_as_the_template_engine(value):
    from django.template import engines

    from finsam.forms_base import html_text

    mall = engines["django"].from_string("{{ v }}").render({"v": value})
    assert html_text(value) == mall
