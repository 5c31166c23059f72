"""finsam.formrenderer.PythonRenderer writes Django's widget templates in Python: the same
bytes as Django's own renderer, for every widget it writes, and Django's templates for
the rest."""

from __future__ import annotations

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from finsam import formrenderer
from finsam.formrenderer import PythonRenderer

FIENTLIG = "<script>alert('x')</script> & \"citat\""

FALL = [
    ("text", forms.TextInput(), "Anna Andersson"),
    ("text-tom", forms.TextInput(), None),
    ("text-tomt", forms.TextInput(), ""),
    ("text-fientlig", forms.TextInput(attrs={"placeholder": FIENTLIG}), FIENTLIG),
    ("text-saker", forms.TextInput(), mark_safe("<b>fet</b>")),
    (
        "text-attr",
        forms.TextInput(attrs={"required": True, "disabled": False, "maxlength": 5}),
        "x",
    ),
    ("text-tuple-attr", forms.TextInput(attrs={"data-x": (1, 2)}), "x"),
    ("text-lat", forms.TextInput(attrs={"placeholder": gettext_lazy("Välj …")}), "x"),
    ("number", forms.NumberInput(), 1234567),
    ("number-decimal", forms.NumberInput(attrs={"step": "0.01"}), Decimal("1234.50")),
    ("email", forms.EmailInput(), "a@b.se"),
    ("password", forms.PasswordInput(render_value=True), "hemligt"),
    ("hidden", forms.HiddenInput(), 7),
    (
        "date",
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        datetime.date(2025, 8, 31),
    ),
    ("date-str", forms.DateInput(), "2025-08-31"),
    ("checkbox-pa", forms.CheckboxInput(), True),
    ("checkbox-av", forms.CheckboxInput(), False),
    ("checkbox-tom", forms.CheckboxInput(), None),
    ("textarea", forms.Textarea(), "rad ett\nrad två & <tre>"),
    ("textarea-tom", forms.Textarea(attrs={"rows": 3}), None),
    ("textarea-decimal", forms.Textarea(), Decimal("1.5")),
    ("select", forms.Select(choices=[("", "Välj …"), ("a", "A & B"), (3, 3)]), "a"),
    ("select-int", forms.Select(choices=[(1, "Ett"), (2, Decimal("2.5"))]), 2),
    ("select-none", forms.Select(choices=[("x", "X")]), None),
    (
        "select-grupper",
        forms.Select(
            choices=[("", "—"), ("Kommuner", [("v", "Västerås"), ("k", "Köping")]), ("z", "Z")]
        ),
        "k",
    ),
    ("select-fientlig", forms.Select(choices=[(FIENTLIG, FIENTLIG)]), FIENTLIG),
    ("selectmultiple", forms.SelectMultiple(choices=[(1, "Ett"), (2, "Två")]), [1, 2]),
    ("nullboolean", forms.NullBooleanSelect(), True),
    ("datum-lokaliserat", forms.Select(choices=[(1, datetime.date(2025, 1, 2))]), 1),
]


@pytest.mark.parametrize("widget,value", [f[1:] for f in FALL], ids=[f[0] for f in FALL])
def test_a_widget_written_in_python_is_djangos_template_byte_for_byte(widget, value):
    attrs = {"id": "id_falt"}
    django = widget.render("falt", value, attrs=attrs, renderer=DjangoTemplates())
    with mock.patch.object(DjangoTemplates, "render", side_effect=AssertionError("mallen")):
        python = widget.render("falt", value, attrs=attrs, renderer=PythonRenderer())
    assert python == django


@pytest.mark.parametrize(
    "widget",
    [
        forms.RadioSelect(choices=[("a", "A"), ("b", "B")]),
        forms.CheckboxSelectMultiple(choices=[("a", "A"), ("b", "B")]),
        forms.ClearableFileInput(),
        forms.SplitDateTimeWidget(),
    ],
    ids=["radio", "checkboxlista", "fil", "multiwidget"],
)
def test_other_widgets_are_left_to_djangos_templates(widget):
    django = widget.render("falt", None, attrs={"id": "id_falt"}, renderer=DjangoTemplates())
    original = DjangoTemplates.get_template
    with mock.patch.object(
        DjangoTemplates, "get_template", autospec=True, side_effect=original
    ) as mallen:
        python = widget.render("falt", None, attrs={"id": "id_falt"}, renderer=PythonRenderer())
    assert python == django
    assert mallen.called


def test_a_select_with_another_option_template_is_left_to_django():
    class EgenOption(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = EgenOption(choices=[("a", "A")])
    assert formrenderer._select(widget.get_context("f", "a", {})["widget"]) is None
    assert widget.render("f", "a", renderer=PythonRenderer()) == widget.render(
        "f", "a", renderer=DjangoTemplates()
    )


def test_the_setting_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        assert isinstance(get_default_renderer(), PythonRenderer)
    finally:
        get_default_renderer.cache_clear()
