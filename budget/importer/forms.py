"""The upload form of the Excel import: the file, and optionally the target it must be for."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budget.importer import services as importer
from finsam.forms_base import BaseForm


class ImportUploadForm(BaseForm):
    submit_label = _("Granska ändringarna")

    fil = forms.FileField(
        label=_("Excelfil (.xlsx)"),
        help_text=_("En ifylld mall från FINSAM. Ingenting sparas förrän du har granskat."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    mal = forms.ChoiceField(
        label=_("Importera till"),
        required=False,
        help_text=_("Filen visar själv vad den gäller; välj här för att vara säker."),
    )

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mal"].choices = [("", _("Det som står i filen"))] + importer.mal_choices(
            forbund
        )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > importer.MAX_BYTES:
            raise ValidationError(
                _("Filen är för stor (högst %(mb)d MB).") % {"mb": importer.MAX_BYTES // 2**20}
            )
        return fil

    def data_bytes(self) -> bytes:
        fil = self.cleaned_data["fil"]
        fil.seek(0)
        return fil.read()
