from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import LockedModelForm
from finsam.models import Forbund, Medlem


class ForbundForm(LockedModelForm):
    class Meta:
        model = Forbund
        fields = [
            "namn",
            "organisationsnummer",
            "utdelningsadress",
            "postnummer",
            "postort",
            "epost",
            "smatal_grans",
        ]


class MedlemForm(LockedModelForm):
    class Meta:
        model = Medlem
        fields = ["typ", "namn", "kortnamn", "ordning"]

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund

    def clean_namn(self):
        namn = self.cleaned_data["namn"]
        qs = Medlem.objects.filter(forbund=self.forbund, namn__iexact=namn)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(_("Förbundet har redan en medlem med det namnet."))
        return namn


#: Far above any kommun (Stockholm has about a million), far inside the column.
MAX_FOLKMANGD = 10_000_000


class BefolkningForm(forms.Form):
    """Population per year for a kommun: one row per year, a blank value removes it."""

    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    antal = forms.IntegerField(
        label=_("Folkmängd"),
        min_value=0,
        max_value=MAX_FOLKMANGD,
        error_messages={"max_value": _("Folkmängden kan vara högst 10 000 000.")},
        required=False,
        help_text=_("Folkmängden 31 december året innan. Lämna tomt för att ta bort."),
    )


BefolkningFormSet = forms.formset_factory(BefolkningForm, extra=1, can_delete=False)
