"""What every form shares: a crispy helper with a Swedish submit button, and the
optimistic-lock field that lets a save detect a colleague's newer change."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
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


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but a key that no row can have (e.g. 10**30 for an integer key) is an
    invalid choice like any other unknown key, instead of an overflow in the database."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        falt = self.queryset.model._meta.get_field(key) if key != "pk" else None
        falt = falt or self.queryset.model._meta.pk
        lagst, hogst = connection.ops.integer_field_range(falt.get_internal_type())
        if falt.get_internal_type() in _HELTALSFALT:
            for v in [] if isinstance(value, str | bytes) else value:
                try:
                    tal = int(str(v).strip())
                except ValueError:
                    continue  # not a number: Django's own check refuses it
                if (lagst is not None and tal < lagst) or (hogst is not None and tal > hogst):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": v},
                    )
        return super()._check_values(value)


_HELTALSFALT = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


class BaseForm(forms.Form):
    submit_label = _("Spara")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class LockedModelForm(forms.ModelForm):
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
