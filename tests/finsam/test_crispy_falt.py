"""finsam/crispy_falt.py writes crispy-bootstrap5's `bootstrap5/field.html` in Python: for
each field it writes, the same text as the original template in the same context; the
cases it does not write go to the original; and every page of the demo is the same with
and without it (and without the Python widget renderer, finsam/formrenderer.py)."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from crispy_forms.helper import FormHelper
from django import forms
from django.db import transaction
from django.template import Context, Template
from django.test import Client

from finsam import crispy_falt


@pytest.fixture
def jamfor(monkeypatch):
    """Every field written in Python is also rendered by the original template in the same
    context; returns the list of (field name, differs) and fails on any difference."""
    skrivna, olika = [], []
    python = crispy_falt.falt_html

    def falt_html(context):
        html = python(context)
        if html is not None:
            mall = crispy_falt.original.mall
            with context.render_context.push_state(mall):
                original = mall._render(context)
            skrivna.append(context.get("field").name)
            if html != original:
                olika.append((context.get("field").name, original, html))
        return html

    monkeypatch.setattr(crispy_falt, "falt_html", falt_html)
    yield skrivna
    assert not olika, olika[:2]


class Formular(forms.Form):
    namn = forms.CharField(label="Namn & <titel>", help_text="T.ex. <b>Fagersta</b> kommun.")
    frivillig = forms.CharField(required=False, label="")
    antal = forms.IntegerField(min_value=0, help_text="Heltal")
    belopp = forms.DecimalField(required=False, widget=forms.NumberInput(attrs={"class": "x"}))
    datum = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    typ = forms.ChoiceField(choices=[("", "Välj …"), ("a", "A"), ("b", "B")])
    flera = forms.MultipleChoiceField(required=False, choices=[("a", "A"), ("b", "B")])
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    aktiv = forms.BooleanField(required=False, help_text="Kryssa i")
    maste = forms.BooleanField(label="Jag har läst")
    dold = forms.CharField(required=False, widget=forms.HiddenInput)
    e_post = forms.EmailField(required=False)

    def clean_namn(self):
        raise forms.ValidationError(["Fel ett <x>", "Fel två"])


TOMT = {}
FEL = {"namn": "x", "antal": "-1", "typ": "c", "belopp": "abc", "datum": "nej", "e_post": "y"}


def _rendera(mall: str, form, **extra) -> str:
    return Template("{% load crispy_forms_tags %}" + mall).render(Context({"form": form, **extra}))


@pytest.mark.parametrize("data", [None, TOMT, FEL], ids=["obunden", "tom", "fel"])
@pytest.mark.parametrize(
    "hjalpare",
    [
        {},
        {"form_show_labels": False},
        {"form_show_errors": False},
        {"wrapper_class": "col-6"},
    ],
    ids=["standard", "utan-etiketter", "utan-fel", "wrapper"],
)
def test_crispy_tag_fields_are_the_templates_text(jamfor, data, hjalpare):
    form = Formular(data)
    form.helper = FormHelper()
    for namn, varde in hjalpare.items():
        setattr(form.helper, namn, varde)
    _rendera("{% crispy form %}", form)
    assert len(jamfor) == len(form.fields)


@pytest.mark.parametrize("data", [None, TOMT, FEL], ids=["obunden", "tom", "fel"])
def test_crispy_filter_and_as_crispy_field_are_the_templates_text(jamfor, data):
    form = Formular(data)
    _rendera("{{ form|crispy }}", form)
    assert len(jamfor) == len(form.fields)
    _rendera("{{ form.namn|as_crispy_field }}{{ form.aktiv|as_crispy_field }}", form)
    assert len(jamfor) == len(form.fields) + 2


@pytest.mark.parametrize(
    "andring",
    [
        {"form_class": "form-horizontal", "label_class": "col-2", "field_class": "col-10"},
        {"help_text_inline": True},
    ],
    ids=["horisontell", "hjalptext-inline"],
)
def test_other_layouts_are_left_to_the_template(jamfor, andring):
    form = Formular(FEL)
    form.helper = FormHelper()
    for namn, varde in andring.items():
        setattr(form.helper, namn, varde)
    html = _rendera("{% crispy form %}", form)
    assert jamfor == ["dold"]  # a hidden field is its widget alone, in any layout
    assert "col-2" in html or "_helptext" in html


class Listor(forms.Form):
    val = forms.ChoiceField(
        choices=[("a", "A & B"), (2, "Två")], widget=forms.RadioSelect, help_text="Välj en"
    )
    flera = forms.MultipleChoiceField(
        label="Kommuner",
        required=False,
        choices=[("Norr", [("n1", "Norrby"), ("n2", "Nolby")]), ("Söder", [("s1", "Söby")])],
        widget=forms.CheckboxSelectMultiple,
    )
    utan = forms.MultipleChoiceField(
        label="", choices=[(1, "Ett")], widget=forms.CheckboxSelectMultiple
    )
    tal = forms.TypedChoiceField(
        coerce=int, choices=[(1000, "1 000"), (2000, "2 000")], widget=forms.RadioSelect
    )

    def clean_flera(self):
        raise forms.ValidationError("Fel på <listan>")


@pytest.mark.parametrize(
    "data",
    [None, {}, {"val": "x", "flera": ["n2", "s1"], "tal": "2000"}],
    ids=["obunden", "tom", "fel"],
)
@pytest.mark.parametrize("mall", ["{% crispy form %}", "{{ form|crispy }}"])
@pytest.mark.parametrize("etiketter", [True, False])
def test_checkbox_lists_and_radio_buttons_are_the_templates_text(jamfor, data, mall, etiketter):
    form = Listor(data)
    form.helper = FormHelper()
    form.helper.form_show_labels = etiketter
    html = _rendera(mall, form)
    assert sorted(jamfor) == sorted(form.fields)
    assert 'type="radio"' in html and 'type="checkbox"' in html


def test_files_and_inline_choices_are_left_to_the_template(jamfor):
    from crispy_forms.bootstrap import InlineRadios
    from crispy_forms.layout import Layout

    class Andra(forms.Form):
        fil = forms.FileField()
        val = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
        namn = forms.CharField()

    form = Andra({})
    form.helper = FormHelper()
    form.helper.layout = Layout("fil", InlineRadios("val"), "namn")
    html = _rendera("{% crispy form %}", form)
    assert jamfor == ["namn"]
    assert 'type="file"' in html and "form-check-inline" in html


def _utan_csrf(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


def test_every_demo_page_is_the_same_with_and_without_the_python_writers(demo, jamfor):
    """As kansli: every page of the URL table, and each form page posted empty (its
    errors shown); each request in a transaction that is rolled back."""
    from finsam.models import User
    from fixtures.management.commands.benchmark_sidor import sidor

    client = Client()
    client.force_login(User.objects.get(username="kansli"))
    olika, formular = [], 0
    for _nyckel, namn, url in sidor(demo):
        metoder = ["get"]
        if namn.rsplit(":", 1)[-1].split("-")[-1] in {"create", "edit"}:
            metoder.append("post")
        for metod in metoder:
            svar = []
            for python in (True, False):
                with transaction.atomic():
                    if python:
                        response = getattr(client, metod)(url)
                    else:
                        with (
                            mock.patch.object(crispy_falt, "falt_html", lambda context: None),
                            mock.patch("finsam.formrenderer._SKRIVARE", {}),
                        ):
                            response = getattr(client, metod)(url)
                    transaction.set_rollback(True)
                svar.append((response.status_code, _utan_csrf(response.content)))
            formular += metod == "post" and svar[0][0] == 200
            if svar[0] != svar[1]:
                olika.append(f"{metod.upper()} {url}")
    assert not olika, olika
    assert formular > 30  # the form pages were posted and shown again with their errors
    assert len(jamfor) > 500  # and their fields written in Python
