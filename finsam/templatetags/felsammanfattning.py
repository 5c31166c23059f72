"""The error summary at the top of every refused form (GOV.UK's pattern, WCAG 3.3.1 and
3.3.3): a list of every error with a link to the field it concerns.

`{% felsammanfattning as fel %}` (used by `templates/finsam/_felsammanfattning.html`,
which base.html includes on every page) finds the bound forms and formsets with errors in
the page's context by itself: `form`, `formset` and any other name, also inside a list.
So no view needs code of its own. Content rendered and kept apart from the page
(`finsam.views_base.sidinnehall`) brings its forms' errors along (`fel_i_innehall`).
Each error is a `Fel(href, text)`:

- a field's error links to the field (`#id_…`, the first box of a group of check boxes),
  with the text "Label: message" (a formset's row number first; a grid whose fields share
  a label names them through a method `fel_etikett(name)`);
- an error of the whole form (non-field) links to where the form shows it: the element
  with the id `{% felankare form %}` (the crispy error box, templates/bootstrap5/errors.html,
  or a page's own box), an error of a whole formset likewise;
- a form may add errors shown elsewhere on the page, e.g. a grid's sum row, through an
  attribute `ovriga_fel`: an iterable of (element id, text).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseForm, BaseFormSet
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class Fel:
    href: str  # "#id_…", or "" when the page has nothing to link to
    text: str


@register.simple_tag
def felankare(form) -> str:
    """The id of the element that shows the errors of the whole form (or formset)."""
    prefix = getattr(form, "prefix", None)
    return f"{prefix}-fel" if prefix else "formularfel"


def _etikett(bf) -> str:
    label = str(bf.label or bf.name).strip().rstrip(":")
    return label[:1].upper() + label[1:]


def _falt_id(bf) -> str:
    """The id of the control to focus: the field, the first box of a group, the first part
    of a split field."""
    if not bf.auto_id:
        return ""
    if bf.id_for_label:
        return bf.id_for_label
    # A group of boxes: its first box, or crispy's wrapper when there is none to choose.
    return f"{bf.auto_id}_0" if bf.subwidgets else f"div_{bf.auto_id}"


def _fel_i_form(form, *, rad: int | None = None) -> list[Fel]:
    fel: list[Fel] = []
    errors = form.errors if isinstance(form.errors, ErrorDict) else {}
    # The whole form's errors first, then the fields' in the order the form has them.
    namn = [n for n in errors if n not in form.fields or form[n].is_hidden]
    fel += [Fel(f"#{felankare(form)}", m) for m in formularfel(form)]
    for name in form.fields:
        if name not in errors or name in namn:
            continue
        bf = form[name]
        falt_id = _falt_id(bf)
        egen = getattr(form, "fel_etikett", None)
        etikett = (egen(name) if egen else None) or _etikett(bf)
        if rad is not None:
            etikett = _("Rad %(rad)s, %(falt)s") % {"rad": rad, "falt": etikett}
        href = f"#{falt_id}" if falt_id else f"#{felankare(form)}"
        fel += [Fel(href, f"{etikett}: {m}") for m in errors[name]]
    for element_id, text in getattr(form, "ovriga_fel", ()) or ():
        fel.append(Fel(f"#{element_id}", str(text)))
    return fel


@register.filter
def formularfel(form) -> list[str]:
    """The errors a page shows for the whole form, in the box with the id `felankare`:
    the non-field errors and those of hidden fields (which have no place of their own)."""
    errors = form.errors if isinstance(form.errors, ErrorDict) else {}
    ut = [str(m) for m in errors.get(NON_FIELD_ERRORS, [])]
    for bf in form.hidden_fields():
        ut += [f"{_etikett(bf)}: {m}" for m in errors.get(bf.name, [])]
    for name, messages in errors.items():
        if name != NON_FIELD_ERRORS and name not in form.fields:
            ut += [str(m) for m in messages]
    return ut


def _fel_i_formset(formset) -> list[Fel]:
    fel = [Fel(f"#{felankare(formset)}", str(m)) for m in formset.non_form_errors()]
    for i, form in enumerate(formset.forms, start=1):
        fel += _fel_i_form(form, rad=i)
    return fel


def _formular(context):
    """The bound forms and formsets of the context, each once, in the context's order."""
    sedda: set[int] = set()
    for value in context.flatten().values():
        for v in value if isinstance(value, list | tuple) else (value,):
            if isinstance(v, BaseForm | BaseFormSet) and v.is_bound and id(v) not in sedda:
                sedda.add(id(v))
                yield v


@register.simple_tag(takes_context=True)
def felsammanfattning(context) -> list[Fel]:
    """Every error of the page's refused forms, in the order of the forms and their fields."""
    fel: list[Fel] = []
    for f in _formular(context):
        fel += _fel_i_formset(f) if isinstance(f, BaseFormSet) else _fel_i_form(f)
    for value in context.flatten().values():
        fel += getattr(value, "fel_i_innehall", ())
    unika: list[Fel] = []
    for f in fel:
        if f not in unika:
            unika.append(f)
    return unika
