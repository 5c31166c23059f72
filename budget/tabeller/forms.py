"""Forms of the table-structure pages. A group or row form carries the structure's
lock_version the page was loaded with (the structure is claimed when a part changes)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budget.models import (
    Budgetgrupp,
    Budgetrad,
    MedelTillForfogande,
    Tabellgrupp,
    Tabellrad,
    Tabellstruktur,
)
from finsam.forms_base import BaseForm, LockedModelForm, LockVersionField, TomtValMixin


class NyStrukturForm(BaseForm):
    submit_label = _("Skapa")

    class Kalla:
        TRADET = "tradet"
        FOREGAENDE = "foregaende"

    dokument = forms.ChoiceField(label=_("Dokument"), choices=Tabellstruktur.Dokument.choices)
    ar = forms.IntegerField(
        label=_("År"), min_value=2000, max_value=2100, help_text=_("Året dokumentet gäller.")
    )
    kalla = forms.ChoiceField(
        label=_("Starta från"),
        choices=[
            (Kalla.TRADET, _("Budgetträdet")),
            (Kalla.FOREGAENDE, _("Föregående års struktur för samma dokument")),
        ],
        initial=Kalla.TRADET,
        help_text=_("Strukturen kan sedan ändras: rubriker, grupper, ordning och etiketter."),
    )

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund

    def clean(self):
        data = super().clean()
        dokument, ar = data.get("dokument"), data.get("ar")
        if dokument and ar:
            finns = Tabellstruktur.objects.filter(forbund=self.forbund, dokument=dokument)
            if finns.filter(ar=ar).exists():
                raise ValidationError(_("Dokumentet har redan en tabellstruktur för året."))
            self.fran = finns.filter(ar__lt=ar).order_by("-ar").first()
            if data.get("kalla") == self.Kalla.FOREGAENDE and self.fran is None:
                self.add_error(
                    "kalla", _("Dokumentet har ingen struktur för ett tidigare år att kopiera.")
                )
        return data


class _DelForm(TomtValMixin, forms.ModelForm):
    """A group or row of a structure: with the structure's lock_version."""

    lock_version_loaded = LockVersionField()

    def __init__(self, *args, struktur, **kwargs):
        super().__init__(*args, **kwargs)
        self.struktur = struktur
        if not self.is_bound:
            self.fields["lock_version_loaded"].initial = struktur.lock_version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Spara")))

    @property
    def loaded_version(self):
        return self.cleaned_data.get("lock_version_loaded")


class TabellgruppForm(_DelForm):
    class Meta:
        model = Tabellgrupp
        fields = ["namn", "overordnad", "typ", "visa_rubrik", "summa_etikett", "dold", "ordning"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = self.struktur.grupper.all()
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["overordnad"].queryset = qs
        self.instance.struktur = self.struktur


class TabellradForm(_DelForm):
    class Meta:
        model = Tabellrad
        fields = ["grupp", "budgetrad", "budgetgrupp", "etikett", "ordning"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forbund_id = self.struktur.forbund_id
        self.fields["grupp"].queryset = self.struktur.grupper.all()
        self.fields["budgetrad"].queryset = Budgetrad.objects.filter(forbund_id=forbund_id)
        self.fields["budgetgrupp"].queryset = Budgetgrupp.objects.filter(forbund_id=forbund_id)
        self.fields["budgetrad"].help_text = _("En rad ur budgetträdet, eller välj en grupp nedan.")


class TabellstrukturForm(LockedModelForm):
    class Meta:
        model = Tabellstruktur
        fields = ["visa_totaler", "anteckning"]


class MedelTillForfogandeForm(LockedModelForm):
    class Meta:
        model = MedelTillForfogande
        fields = ["ar", "fran", "etikett", "belopp", "beraknat", "beslut", "ordning"]
