"""crispy-bootstrap5's field template (`bootstrap5/field.html`), written in Python.

Every form page renders each field through that template and the three it includes
(help text and errors); with the template engine's cost per node that was most of a form
page's server time (about 20 ms of a 30 ms page). `falt_html` writes the same text, byte
for byte, for the cases this app's forms use: a field with a label or none, required or
not, with help text and errors, as an input, a select, a textarea, a checkbox, a list of
checkboxes or radio buttons, shown by `{% crispy %}`, `|crispy` or `|as_crispy_field`.
Anything else (a horizontal form, a label or field class, a `td` tag, inline help text
or choices, a file input, another widget in a fieldset) gives None, and the original
template is rendered (`templates/bootstrap5/field.html`, tag `snabbt_falt`).

`tests/finsam/test_crispy_falt.py` renders every form of every page both ways and
compares the bytes, so an upgrade of crispy-bootstrap5 that changes its template fails
there rather than changing the pages unseen.
"""

from __future__ import annotations

from pathlib import Path

import crispy_bootstrap5
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import forms
from django.conf import settings
from django.template import Context, Engine
from django.templatetags.l10n import unlocalize
from django.utils.functional import cached_property

from finsam.forms_base import attrs_html, html_text

#: The original template, for the cases `falt_html` leaves to it.
ORIGINAL = Path(crispy_bootstrap5.__file__).parent / "templates" / "bootstrap5" / "field.html"


class _Original:
    @cached_property
    def mall(self):
        return Engine.get_default().from_string(ORIGINAL.read_text(encoding="utf-8"))


original = _Original()


def _crispy_field(field, css: str) -> str:
    """crispy-forms' `{% crispy_field field 'class' css %}` (CrispyFieldNode): the widget's
    class name in lower case and `css` added to its classes, then the field rendered."""
    widget = field.field.widget
    widgets = getattr(widget, "widgets", [getattr(widget, "widget", widget)])
    converters = getattr(settings, "CRISPY_CLASS_CONVERTERS", {})
    for w in widgets:
        class_name = w.__class__.__name__.lower()
        class_name = converters.get(class_name, class_name)
        css_class = w.attrs.get("class", "")
        if css_class:
            if css_class.find(class_name) == -1:
                css_class += " " + class_name
        else:
            css_class = class_name
        w.attrs["class"] = css_class
        # "class" is now in the attributes: each of css's classes not there is added.
        for klass in css.split():
            if klass not in w.attrs["class"].split():
                w.attrs["class"] += " " + klass
    return str(field)


def _field_errors(field, form_show_errors, element) -> str:
    """`bootstrap5/layout/field_errors_block.html` (each error in a p) or, with element
    "span", `field_errors.html`."""
    fel = field.errors
    if not (form_show_errors and fel):
        return "\n"
    ut = [f'\n    <div id="{html_text(fel.field_id)}_error" class="invalid-feedback">\n    ']
    auto_id = html_text(field.auto_id)
    for i, error in enumerate(fel, 1):
        ut.append(
            f'\n        <{element} id="error_{i}_{auto_id}"><strong>{html_text(error)}</strong>'
            f"</{element}>\n    "
        )
    ut.append("\n    </div>\n\n")
    return "".join(ut)


def _help_text(field) -> str:
    """`bootstrap5/layout/help_text.html` without inline help text."""
    if not field.help_text:
        return "\n"
    ut = ["\n    \n        <div "]
    if field.auto_id:
        ut.append(f'id="{html_text(field.auto_id)}_helptext" ')
    ut.append(f'class="form-text">{field.help_text}</div>\n    \n\n')
    return "".join(ut)


def _help_text_and_errors(field, form_show_errors, error_text_inline) -> str:
    """`bootstrap5/layout/help_text_and_errors.html` without inline help text: the errors
    (`field_errors.html`, each in a span, with `error_text_inline` as `{% crispy %}`'s
    helper sets it; else `field_errors_block.html`), then the help text."""
    element = "span" if error_text_inline else "p"
    return (
        f"\n\n\n    {_field_errors(field, form_show_errors, element)}\n\n\n\n    "
        f"{_help_text(field)}\n\n"
    )


def _radio_checkbox_select(field, form_show_errors) -> str:
    """`bootstrap5/layout/radio_checkbox_select.html` without field class, attributes or
    inline class: one checkbox or radio button per choice."""
    fel = field.errors
    invalid = " is-invalid" if fel else ""
    namn = html_text(field.html_name)
    ut = ["\n\n\n<div >\n\n    "]
    grupper = optgroups(field)
    for g, (grupp, val, _index) in enumerate(grupper, 1):
        ut.append("\n    ")
        if grupp:
            ut.append(f"<strong>{html_text(grupp)}</strong>")
        ut.append("\n    ")
        for i, o in enumerate(val, 1):
            ut.append(
                f'\n      <div class="form-check">\n        <input type="{html_text(o["type"])}" '
                f'class="form-check-input{invalid}"  name="{namn}" '
                f'value="{html_text(unlocalize(o["value"]))}" {attrs_html(o["attrs"])}>\n'
                f'        <label for="{html_text(o["attrs"].get("id", ""))}" '
                'class="form-check-label">\n'
                f"            {html_text(unlocalize(o['label']))}\n        </label>\n        "
            )
            if fel and i == len(val) and g == len(grupper):
                ut.append(f"\n            {_field_errors(field, form_show_errors, 'p')}\n        ")
            ut.append("\n     </div>\n    ")
        ut.append("\n    ")
    ut.append(f"\n\n</div>\n\n{_help_text(field)}\n")
    return "".join(ut)


def falt_html(context) -> str | None:
    """The text `bootstrap5/field.html` renders for the context's `field`, or None for a case
    this function leaves to the template."""
    field = context.get("field")
    if not isinstance(field, forms.BoundField):
        return None
    if field.is_hidden:
        return f"\n\n\n    {field}\n\n"
    form_class = context.get("form_class") or ""
    if (
        not isinstance(form_class, str)
        or "form-horizontal" in form_class
        or context.get("tag")
        or context.get("label_class")
        or context.get("field_class")
        or context.get("help_text_inline")
    ):
        return None
    widget = field.field.widget
    lista = isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))
    if lista:
        if context.get("flat_attrs") or context.get("inline_class") or not field.use_fieldset:
            return None
    elif isinstance(widget, forms.FileInput) or field.use_fieldset:
        return None
    checkbox = isinstance(widget, forms.CheckboxInput)
    show_labels = context.get("form_show_labels")
    wrapper_class = context.get("wrapper_class")
    required = field.field.required
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    label = field.label

    ut = ["\n\n\n    "]
    if checkbox:
        ut.append('\n        <div class="mb-3">\n        \n    ')
    ut.append(f'\n    <div id="div_{html_text(field.auto_id)}" class="')
    ut.append("form-check" if checkbox and show_labels else "mb-3")
    if wrapper_class:
        ut.append(f" {html_text(wrapper_class)}")
    css_classes = field.css_classes()
    if css_classes:
        ut.append(f" {html_text(css_classes)}")
    ut.append('">\n        ')
    if label and not checkbox and show_labels:
        ut.append("\n            ")
        if lista:  # field.use_fieldset
            ut.append("<fieldset")
            aria = field.aria_describedby
            if aria:
                ut.append(f' aria-describedby="{html_text(aria)}"')
            ut.append(">")
        ut.append(f"\n            <{'legend' if lista else 'label'}\n                ")
        id_for_label = field.id_for_label
        if id_for_label:
            ut.append(f'for="{html_text(id_for_label)}"')
        ut.append(' class="form-label')
        if required:
            ut.append(" requiredField")
        if lista:
            ut.append(" fs-6")
        ut.append(f'">\n                {html_text(label)}{asterisk}\n            ')
        ut.append(f"</{'legend' if lista else 'label'}>\n        ")
    form_show_errors = context.get("form_show_errors")
    error_text_inline = context.get("error_text_inline")
    if lista:
        ut.append("\n\n        \n            ")
        ut.append(_radio_checkbox_select(field, form_show_errors))
        ut.append("\n        \n\n        \n        ")
        if label and show_labels:
            ut.append("</fieldset>")
        ut.append("\n    </div>\n    \n\n")
        return "".join(ut)
    ut.append("\n\n        \n\n        \n            ")
    fel = field.errors
    if checkbox and show_labels:
        css = "form-check-input is-invalid" if fel else "form-check-input"
        ut.append(
            f"\n                    \n                        {_crispy_field(field, css)}\n"
            "                    \n"
            f'                <label for="{html_text(field.id_for_label)}" class="form-check-label'
        )
        if required:
            ut.append(" requiredField")
        ut.append(f'">\n                    {html_text(label)}{asterisk}')
        ut.append("\n                </label>\n")
        ut.append("                ")
        ut.append(_help_text_and_errors(field, form_show_errors, error_text_inline))
        ut.append("\n            ")
    else:
        ut.append("\n                \n                    \n                        ")
        if isinstance(widget, (forms.Select, forms.CheckboxInput)):
            # {% elif field|is_select %} / {% elif field|is_checkbox %}: an if within
            if checkbox:
                css = "form-check-input is-invalid" if fel else "form-check-input"
            else:
                css = "form-select is-invalid" if fel else "form-select"
            ut.append(f"\n                            {_crispy_field(field, css)}")
            ut.append("\n                        ")
            ut.append("\n                    ")
        else:
            css = "form-control is-invalid" if fel else "form-control"
            ut.append(f"{_crispy_field(field, css)}\n                    ")
        ut.append("\n                    \n                        ")
        ut.append(_help_text_and_errors(field, form_show_errors, error_text_inline))
        ut.append("\n                    \n                \n            ")
    ut.append("\n        \n        \n    </div>\n    ")
    if checkbox:
        ut.append("\n        \n        </div>\n    ")
    ut.append("\n\n")
    return "".join(ut)


def render(context) -> str:
    """`bootstrap5/field.html` for the context: in Python where `falt_html` can, else the
    original template."""
    html = falt_html(context)
    if html is not None:
        return html
    mall = original.mall
    if context.template is None:  # rendered outside a template (not by this app)
        return mall.render(Context(context.flatten()))
    with context.render_context.push_state(mall):
        return mall._render(context)
