"""Forms for structural activities, the indicator grid and the goals with their follow-up."""

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import LockedModelForm, LockVersionField, TomtValMixin
from insatser.forms import DateInput
from uppfoljning.models import (
    Aktivitet,
    Indikatorbedomning,
    Indikatorsvar,
    Mal,
    Maluppfoljning,
    PlaneradAktivitet,
)
from uppfoljning.verksamhet.services import (
    ANTAL_SKALSTEG,
    andelar_fel,
    bedomning_fel,
    tillatna_bedomningar_text,
)

ANDEL_FALT = [f"andel_{i}" for i in range(1, ANTAL_SKALSTEG + 1)]


class AktivitetForm(LockedModelForm):
    class Meta:
        model = Aktivitet
        fields = [
            "insats",
            "namn",
            "malgrupp",
            "antal_deltagare",
            "omfattning",
            "startdatum",
            "slutdatum",
            "ordning",
        ]
        widgets = {"startdatum": DateInput, "slutdatum": DateInput}

    def __init__(self, *args, insatser, insats_kravs: bool, **kwargs):
        super().__init__(*args, **kwargs)
        falt = self.fields["insats"]
        falt.queryset = insatser
        falt.required = insats_kravs
        falt.empty_label = None if insats_kravs else _("Förbundets egen aktivitet")


# --- indicator grid ---------------------------------------------------------------------


class IndikatorsvarRadForm(TomtValMixin, forms.ModelForm):
    """One question of the grid: number, text, scale, n and the six shares in %."""

    lock_version_loaded = LockVersionField()

    class Meta:
        model = Indikatorsvar
        fields = ["nummer", "fraga", "skala", "n"]
        widgets = {
            "nummer": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            "fraga": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "skala": forms.Select(attrs={"class": "form-select form-select-sm js-skala"}),
            "n": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        andelar = list(self.instance.andelar or [])
        for i, namn in enumerate(ANDEL_FALT):
            self.fields[namn] = forms.DecimalField(
                label=_("Andel %(nr)s (%%)") % {"nr": i + 1},
                required=False,
                min_value=0,
                max_value=100,
                max_digits=4,
                decimal_places=1,
                error_messages={
                    "min_value": _("Minst 0 %%."),
                    "max_value": _("Högst 100 %%."),
                },
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm num", "step": "0.1"}
                ),
            )
            if self.instance.pk is not None and i < len(andelar):
                self.fields[namn].initial = andelar[i]
        if self.instance.pk is not None and not self.is_bound:
            self.fields["lock_version_loaded"].initial = self.instance.lock_version

    @property
    def skalsteg(self) -> list:
        """The step labels of this row's scale (as typed, else as stored, else frekvens)."""
        skala = (self.data.get(self.add_prefix("skala")) if self.is_bound else None) or (
            self.instance.skala or Indikatorsvar.Skala.FREKVENS
        )
        return Indikatorsvar.SKALSTEG.get(skala, Indikatorsvar.SKALSTEG["frekvens"])

    @property
    def andel_falt(self) -> list:
        return [(self[namn], steg) for namn, steg in zip(ANDEL_FALT, self.skalsteg, strict=True)]

    @property
    def loaded_version(self) -> int | None:
        """None when the post lacks it: the save refuses it like an outdated version."""
        return self.cleaned_data.get("lock_version_loaded")

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        varden = [cleaned.get(namn) for namn in ANDEL_FALT]
        if any(self.has_error(namn) for namn in ANDEL_FALT):
            return cleaned
        if any(v is None for v in varden):
            self.add_error(None, _("Fyll i alla sex andelar (0 om ingen svarade så)."))
            return cleaned
        fel = andelar_fel(varden)
        if fel:
            self.add_error(None, fel)
        else:
            self.instance.andelar = varden
        return cleaned


class BaseIndikatorsvarFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        sedda = {}
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            nummer = form.cleaned_data.get("nummer") if hasattr(form, "cleaned_data") else None
            if nummer is None:
                continue
            if nummer in sedda:
                form.add_error("nummer", _("Frågenumret finns redan i tabellen."))
            sedda[nummer] = form


IndikatorsvarFormSet = modelformset_factory(
    Indikatorsvar,
    form=IndikatorsvarRadForm,
    formset=BaseIndikatorsvarFormSet,
    extra=3,
    can_delete=True,
)


class IndikatorbedomningForm(TomtValMixin, forms.ModelForm):
    lock_version_loaded = LockVersionField()

    class Meta:
        model = Indikatorbedomning
        fields = ["omrade", "bedomning", "kommentar", "ordning"]
        widgets = {
            "omrade": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "bedomning": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "kommentar": forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 1}),
            "ordning": forms.NumberInput(attrs={"class": "form-control form-control-sm num"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields["lock_version_loaded"].initial = self.instance.lock_version

    @property
    def loaded_version(self) -> int | None:
        """None when the post lacks it: the save refuses it like an outdated version."""
        return self.cleaned_data.get("lock_version_loaded")


IndikatorbedomningFormSet = modelformset_factory(
    Indikatorbedomning, form=IndikatorbedomningForm, extra=2, can_delete=True
)


# --- goals ------------------------------------------------------------------------------


class MalForm(LockedModelForm):
    class Meta:
        model = Mal
        fields = ["malomrade", "text", "ordning"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["malomrade"].queryset = forbund.malomraden.all()


class PlaneradAktivitetForm(LockedModelForm):
    class Meta:
        model = PlaneradAktivitet
        fields = ["text", "ordning"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MaluppfoljningForm(LockedModelForm):
    class Meta:
        model = Maluppfoljning
        fields = ["utfall", "bedomning"]
        widgets = {"utfall": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tillfalle = self.instance.tillfalle
        tillatna = Maluppfoljning.BEDOMNINGAR[tillfalle]
        self.fields["bedomning"].choices = [("", _("Ingen bedömning ännu"))] + [
            (b.value, b.label) for b in tillatna
        ]
        self.fields["bedomning"].error_messages["invalid_choice"] = tillatna_bedomningar_text(
            tillfalle
        )

    def clean_bedomning(self):
        bedomning = self.cleaned_data.get("bedomning", "")
        fel = bedomning_fel(self.instance.tillfalle, bedomning)
        if fel:
            raise forms.ValidationError(fel)
        return bedomning
