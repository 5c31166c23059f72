"""The form renderer (settings.FORM_RENDERER): Django's widget templates written in Python.

Django renders every widget through a template of its own (`django/forms/widgets/…`,
each including `input.html` and `attrs.html`), and a select includes `select_option.html`
once per choice. On a form page that was most of the server time left after crispy's
field template (finsam/crispy_falt.py): a form of five fields rendered about a hundred
templates. `PythonRenderer` writes the same text, byte for byte, for the widgets this
app's forms use — the `<input>` types, the checkbox, the textarea and the select — and
leaves every other template (radio buttons, checkbox lists, file inputs, a form's own
templates, error lists) to Django's renderer.

`tests/finsam/test_formrenderer.py` compares each writer with Django's template, and
`tests/finsam/test_crispy_falt.py` every form page with both renderers.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context

from finsam.forms_base import attrs_html, html_text, input_html, stringformat_s

_W = "django/forms/widgets/"
#: The widget templates that are `input.html` alone.
_INPUT = {
    f"{_W}{namn}.html"
    for namn in (
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
        "input",
    )
}
_KONTEXT = Context()  # autoescape on, localization as the templates have it


def _input(w) -> str:
    varde = w["value"]
    return input_html(w["type"], w["name"], varde, w["attrs"])


def _textarea(w) -> str:
    varde = w["value"]
    text = render_value_in_context(varde, _KONTEXT) if varde else ""
    return f'<textarea name="{html_text(w["name"])}"{attrs_html(w["attrs"])}>\n{text}</textarea>'


def _option(o) -> str:
    return (
        f'<option value="{html_text(stringformat_s(o["value"]))}"{attrs_html(o["attrs"])}>'
        f"{render_value_in_context(o['label'], _KONTEXT)}</option>"
    )


def _select(w) -> str | None:
    ut = [f'<select name="{html_text(w["name"])}"{attrs_html(w["attrs"])}>']
    for gruppnamn, val, _index in w["optgroups"]:
        if gruppnamn:
            ut.append(f'\n  <optgroup label="{render_value_in_context(gruppnamn, _KONTEXT)}">')
        for o in val:
            if o["template_name"] != f"{_W}select_option.html":
                return None
            ut.append(f"\n  {_option(o)}\n")
        if gruppnamn:
            ut.append("\n  </optgroup>")
    ut.append("\n</select>")
    return "".join(ut)


_SKRIVARE = dict.fromkeys(_INPUT, _input)
_SKRIVARE[f"{_W}textarea.html"] = _textarea
_SKRIVARE[f"{_W}select.html"] = _select


class PythonRenderer(DjangoTemplates):
    """Django's default renderer, with the widgets above written in Python."""

    def render(self, template_name, context, request=None):
        skrivare = _SKRIVARE.get(template_name)
        if skrivare is not None and set(context) == {"widget"}:
            html = skrivare(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
