"""What every form shares: a crispy helper with a Swedish submit button, the
optimistic-lock field that lets a save detect a colleague's newer change, and empty
choices that say what they mean ("Välj …", "(ingen)") instead of Django's "---------"."""

from collections.abc import Callable
from functools import lru_cache

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

#: lock_version is a PositiveIntegerField; anything outside cannot be a loaded version.
_STORSTA_VERSION = 2**31 - 1


class LockVersionField(forms.IntegerField):
    """The hidden lock_version a page was loaded with.

    It never fails on its own: a missing, malformed or impossible value becomes None, and
    `finsam.concurrency` refuses a save based on None exactly like one based on an outdated
    version (ConflictError, shown as a form error with everything typed kept). So a post
    without the field can never overwrite a colleague's newer save.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            value = super().to_python(value)
        except ValidationError:
            return None
        if value is None or not 0 <= value < _STORSTA_VERSION:
            return None
        return value


#: Django's label of a select's empty choice, which says nothing to a reader.
DJANGOS_TOMMA_VAL = "---------"
VALJ = _("Välj …")
INGEN = _("(ingen)")


class PythonRenderedInput:
    """An `<input>` widget that writes its HTML in Python instead of through the template
    engine.

    The same HTML as Django's `django/forms/widgets/input.html` and `attrs.html` (the context
    comes from the ordinary `get_context`), about twenty times faster: an entry grid with a
    hundred inputs (e.g. the utfall grid) spent most of its server time rendering them.
    Only for widgets whose template is that one (text, number, hidden …).
    """

    def _render(self, template_name, context, renderer=None):
        w = context["widget"]
        return mark_safe(input_html(w["type"], w["name"], w["value"], w["attrs"]))


def html_text(value) -> str:
    """A value as the template engine writes it with autoescape: safe HTML as it is, anything
    else escaped (for HTML written in Python, which must give the templates' HTML)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    text = str(value)
    # Most are names, ids and amounts with nothing to escape (a grid writes thousands).
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text)
    return text


def etiketter(
    oversatta: dict[str, str], blockoversatta: dict[str, str] | None = None
) -> Callable[[], dict[str, str]]:
    """For HTML written in Python: a function giving its labels in the active language,
    translated once per language (gettext for every label of every row was most of such
    HTML's time). `oversatta` as {% translate %} writes them (escaped); `blockoversatta` as
    {% blocktranslate %} does before its values are put in (not escaped: the caller puts
    escaped values in with %)."""

    @lru_cache(maxsize=8)
    def i_sprak(_sprak: str) -> dict[str, str]:
        return {namn: html_text(gettext(text)) for namn, text in oversatta.items()} | {
            namn: gettext(text) for namn, text in (blockoversatta or {}).items()
        }

    return lambda: i_sprak(get_language())


def stringformat_s(value):
    """`value|stringformat:'s'` as Django's widget templates write values: "%s" of the
    value; safe HTML stays safe (the filter is `is_safe`), so `html_text` leaves it."""
    if isinstance(value, tuple):
        value = str(value)
    text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting)
    return mark_safe(text) if isinstance(value, SafeData) else text


def attrs_html(attrs) -> str:
    """Django's `django/forms/widgets/attrs.html`: the attributes in their order; False
    leaves an attribute out, True writes its name alone."""
    delar = []
    for attr, v in attrs.items():
        if v is False:
            continue
        delar.append(f" {html_text(attr)}")
        if v is not True:
            delar.append(f'="{html_text(stringformat_s(v))}"')
    return "".join(delar)


def input_html(typ, namn, varde, attrs) -> str:
    """Django's `<input>` (`django/forms/widgets/input.html` with `attrs.html`): its type,
    name, value (None: none) and attributes in their order; False leaves an attribute out,
    True writes its name alone."""
    delar = [f'<input type="{html_text(typ)}" name="{html_text(namn)}"']
    if varde is not None:
        delar.append(f' value="{html_text(stringformat_s(varde))}"')
    delar.append(attrs_html(attrs))
    delar.append(">")
    return "".join(delar)


# Django's class names: crispy-forms puts the widget's class name in lower case into the
# input's CSS classes ("textinput", "numberinput"), so the HTML stays the same.
class TextInput(PythonRenderedInput, forms.TextInput):
    """Django's TextInput, rendered in Python (PythonRenderedInput)."""


class NumberInput(PythonRenderedInput, forms.NumberInput):
    """Django's NumberInput, rendered in Python (PythonRenderedInput)."""


class TomtValMixin:
    """A select's empty choice reads "Välj …" where a value is required and "(ingen)"
    where it may stay empty, for every ModelChoiceField and ChoiceField whose empty choice
    is Django's "---------" (a label a form sets itself is kept). Done when a field is
    shown (`form[namn]`), so fields a subclass adds or changes after __init__ are covered
    too. Every form of the app has it: BaseForm and LockedModelForm, or the mixin itself."""

    def __getitem__(self, name):
        falt = self.fields.get(name)
        if falt is not None and not getattr(falt, "_tomt_val_satt", False):
            satt_tomt_val(falt)
        return super().__getitem__(name)


def satt_tomt_val(falt) -> None:
    """Give `falt`'s empty choice a meaningful label (see TomtValMixin)."""
    etikett = VALJ if falt.required else INGEN
    if isinstance(falt, forms.ModelMultipleChoiceField):
        pass
    elif isinstance(falt, forms.ModelChoiceField):
        if falt.empty_label == DJANGOS_TOMMA_VAL:
            falt.empty_label = etikett
    elif isinstance(falt, forms.ChoiceField) and not isinstance(falt, forms.MultipleChoiceField):
        val = list(falt.choices)
        if any(v in ("", None) and text == DJANGOS_TOMMA_VAL for v, text in val):
            falt.choices = [
                (v, etikett if v in ("", None) and text == DJANGOS_TOMMA_VAL else text)
                for v, text in val
            ]
    falt._tomt_val_satt = True


class BaseForm(TomtValMixin, forms.Form):
    submit_label = _("Spara")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class LockedModelForm(TomtValMixin, forms.ModelForm):
    """A ModelForm for a LockedModel. It carries the lock_version the user loaded.

    The view passes `form.loaded_version` to the service, which calls
    `finsam.concurrency.save_locked(obj, expected_version=…)`; a ConflictError is shown
    as a form error and everything typed stays in the form. A post without the version
    is refused the same way.
    """

    submit_label = _("Spara")

    lock_version_loaded = LockVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields["lock_version_loaded"].initial = self.instance.lock_version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))

    @property
    def loaded_version(self) -> int | None:
        """The version the page was loaded with; None when the post lacks it, which the
        save refuses like an outdated version (for a new object it does not matter)."""
        return self.cleaned_data.get("lock_version_loaded")

    def clean(self):
        """Text from a textarea as stored: the browser sends line breaks as CRLF, the
        database keeps LF, so a text posted back unchanged is unchanged."""
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned


class IdModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField for which an id outside the database's integer range
    (e.g. 10**30 posted by hand) is an ordinary "invalid choice", not a 500.

    Django checks a single id's range itself (ModelChoiceField gives a validation error),
    but the `pk__in` query of a multi-select sends such an id to the database: SQLite
    raises OverflowError. Use this class for every multi-select of model rows (a test
    checks that every form does)."""

    def _check_values(self, value):
        model = self.queryset.model
        field = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        ops = connections[router.db_for_read(model)].ops
        try:
            lagst, hogst = ops.integer_field_range(field.get_internal_type())
        except KeyError:  # not an integer key
            return super()._check_values(value)
        for varde in value:
            try:
                tal = int(str(varde).strip())
            except (TypeError, ValueError):
                continue  # the base class reports it as an invalid value
            if (lagst is not None and tal < lagst) or (hogst is not None and tal > hogst):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": varde},
                )
        return super()._check_values(value)


class DeleteForm(BaseForm):
    """Confirms a removal; carries the version the user saw so a newer change is not lost."""

    submit_label = _("Ta bort")

    lock_version_loaded = LockVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs[0].field_classes = "btn btn-danger"


def add_validation_error(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: each message at its field when the form has
    that field, otherwise at the top of the form. The one way every view does it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
