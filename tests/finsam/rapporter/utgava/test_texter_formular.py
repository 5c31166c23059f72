"""The text editor prints its unbound form in Python (views.formular_html), not through
crispy's templates per field: the HTML must be crispy's, byte for byte."""

import pytest
from django.template import Context, Template

from finsam.rapporter.dokument import typer
from finsam.rapporter.utgava.views import TexterForm, formular_html


def _crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


@pytest.mark.parametrize("kod", list(typer()))
@pytest.mark.parametrize("last", [False, True])
@pytest.mark.parametrize("version", [0, 7, None])
def test_the_form_prints_as_crispy_does(kod, last, version):
    typ = typer()[kod]
    avsnitt = list(typ.avsnitt)
    initial = {"lock_version": version, avsnitt[0]: 'a <b> & "c"\n\n*rad* {{ar}}'}
    if len(avsnitt) > 1:
        initial[avsnitt[1]] = ""
    form = TexterForm(typ=typ, initial=initial)
    if last:
        for field in form.fields.values():
            field.disabled = True
    assert formular_html(form) == _crispy(form)
    assert "&lt;b&gt; &amp; &quot;c&quot;" in formular_html(form)
