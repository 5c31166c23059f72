"""The notice setting: single e-mails, a weekly digest, or none."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import BaseForm
from finsam.models import Notisinstallning


class NotisinstallningForm(BaseForm):
    satt = forms.ChoiceField(
        label=_("E-post om notiser"),
        choices=Notisinstallning.Satt.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Notiserna visas alltid under Notiser här i appen. Sammanfattningen skickas en "
            "gång i veckan med de notiser som inte redan har mejlats."
        ),
    )
