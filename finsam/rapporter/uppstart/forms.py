"""Forms of the onboarding: the workbook to upload, and the förbund to copy a structure from."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from finsam.arbetsbok import MAX_BYTES
from finsam.forms_base import BaseForm
from finsam.models import Forbund


class UppstartUploadForm(BaseForm):
    submit_label = _("Granska arbetsboken")

    fil = forms.FileField(
        label=_("Ifylld arbetsbok (.xlsx)"),
        help_text=_("Arbetsboken från FINSAM, ifylld. Ingenting sparas förrän du har granskat."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > MAX_BYTES:
            raise ValidationError(
                _("Filen är för stor (högst %(mb)d MB).") % {"mb": MAX_BYTES // 2**20}
            )
        return fil

    def data_bytes(self) -> bytes:
        fil = self.cleaned_data["fil"]
        fil.seek(0)
        return fil.read()


class KopieraStrukturForm(BaseForm):
    submit_label = _("Kopiera strukturen")

    fran = forms.ModelChoiceField(
        label=_("Kopiera från"),
        queryset=Forbund.objects.none(),
        help_text=_(
            "Budgetgrupper och budgetrader (utan belopp), målområden, deltagarrapporternas "
            "mått och dokumentens tabellstrukturer kopieras. Inga belopp, utfall, "
            "deltagaruppgifter, medlemmar, insatser eller användare."
        ),
    )

    def __init__(self, *args, till: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fran"].queryset = Forbund.objects.exclude(pk=till.pk).order_by("namn")
