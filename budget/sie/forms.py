"""Forms of the SIE area: a budget line's mapping, and the upload of a SIE file."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budget.forms import DateInput
from budget.models import Kontomappning
from budget.sie import services
from finsam.forms_base import BaseForm, LockVersionField


class KontomappningForm(BaseForm):
    """One line's mapping. Blank accounts remove it. The service checks the ranges and
    that no amount can count on two lines."""

    submit_label = _("Spara mappningen")

    konton = forms.CharField(
        label=_("Konton"),
        required=False,
        max_length=500,
        help_text=Kontomappning._meta.get_field("konton").help_text
        + " "
        + _("Lämna tomt för att ta bort radens mappning."),
    )
    dimension = forms.IntegerField(
        label=_("Dimension"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=Kontomappning._meta.get_field("dimension").help_text,
    )
    objekt = forms.CharField(
        label=_("Objekt"),
        required=False,
        max_length=500,
        help_text=Kontomappning._meta.get_field("objekt").help_text,
    )
    lock_version_loaded = LockVersionField()

    def __init__(self, *args, mappning: Kontomappning | None, **kwargs):
        if mappning is not None:
            kwargs.setdefault(
                "initial",
                {
                    "konton": mappning.konton,
                    "dimension": mappning.dimension,
                    "objekt": mappning.objekt,
                    "lock_version_loaded": mappning.lock_version,
                },
            )
        super().__init__(*args, **kwargs)

    @property
    def loaded_version(self):
        return self.cleaned_data.get("lock_version_loaded")


class SieUploadForm(BaseForm):
    submit_label = _("Granska importen")

    fil = forms.FileField(
        label=_("SIE-fil (typ 4, .se)"),
        help_text=_(
            "Exporten från bokföringen (SIE 4 med periodsaldon eller verifikationer). "
            "Ingenting sparas förrän du har granskat."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".se,.si,.sie,.txt"}),
    )
    per = forms.DateField(
        label=_("Utfall per"),
        widget=DateInput,
        help_text=_(
            "Utfallet räknas från räkenskapsårets början till och med detta datum, t.ex. "
            "2025-08-31 för delåret eller 2025-12-31 för bokslutet. Finns ingen "
            "utfallsperiod för datumet skapas den."
        ),
    )
    bokslut = forms.BooleanField(
        label=_("Lägg också in årets bokslut från filen"),
        required=False,
        help_text=_(
            "Balansräkningen (kassa och bank, fordringar, avsättningar för pensioner, "
            "skulder), ingående eget kapital och finansiella poster enligt Kommun-Bas "
            "kontogrupper."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The template has the form tag and a button that says it is busy (upptagen.js).
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > services.MAX_BYTES:
            raise ValidationError(
                _("Filen är för stor (högst %(mb)d MB).") % {"mb": services.MAX_BYTES // 2**20}
            )
        return fil

    def data_bytes(self) -> bytes:
        fil = self.cleaned_data["fil"]
        fil.seek(0)
        return fil.read()
