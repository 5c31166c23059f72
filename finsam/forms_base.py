"""What every form shares: a crispy helper with a Swedish submit button, and the
optimistic-lock field that lets a save detect a colleague's newer change."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


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
    as a form error and everything typed stays in the form.
    """

    submit_label = _("Spara")

    lock_version_loaded = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields["lock_version_loaded"].initial = self.instance.lock_version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))

    @property
    def loaded_version(self) -> int:
        value = self.cleaned_data.get("lock_version_loaded")
        return self.instance.lock_version if value is None else value
