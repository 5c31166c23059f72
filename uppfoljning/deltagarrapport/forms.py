"""Forms of the rapport area: open a period, fill in a report, the kansli's comments.

The report form builds one field per figure (per measure and kön) from the measures that
apply to the insats. Each field checks itself (a number, not negative, whole for counts,
an average within its range); the rules of the figures (`regler.check_consistency`) and the
sums of the groups (`regler.check_sums`) are checked, all at once, when the report is
submitted. A figure's message lands next to its field, a sum's in its group's sum row.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.forms_base import BaseForm, IdModelMultipleChoiceField, LockVersionField
from insatser.models import Insats
from uppfoljning.deltagarrapport import regler, selectors
from uppfoljning.deltagarrapport.services import Enkatrad
from uppfoljning.models import Kon, Matt, Rapportperiod

TEXTFALT = ("vad_gick_bra", "svarigheter", "lokala_mal", "ovrigt")
INGA_PERSONUPPGIFTER = gettext_lazy(
    "Skriv inga namn eller andra personuppgifter – bara sådant som inte kan pekas ut till en "
    "enskild deltagare."
)
TEXTHJALP = {
    "vad_gick_bra": gettext_lazy("Det som har fungerat bra under perioden."),
    "svarigheter": gettext_lazy("Hinder och svårigheter, och vad ni gjort åt dem."),
    "lokala_mal": gettext_lazy("Insatsens egna mål för perioden och hur det gick."),
    "ovrigt": gettext_lazy("Annat som förbundet bör känna till."),
}
#: What the submit buttons are called in the POST.
SPARA, SKICKA = "spara", "skicka"


def field_name(key: regler.Key) -> str:
    matt_id, kon = key
    return f"v_{matt_id}_{kon}" if kon else f"v_{matt_id}"


class PeriodForm(BaseForm):
    submit_label = gettext_lazy("Öppna perioden")

    ar = forms.IntegerField(label=gettext_lazy("År"), min_value=2000, max_value=2100)
    typ = forms.ChoiceField(label=gettext_lazy("Period"), choices=Rapportperiod.Typ.choices)
    sista_dag = forms.DateField(
        label=gettext_lazy("Sista dag att rapportera"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    insatser = IdModelMultipleChoiceField(
        label=gettext_lazy("Insatser som rapporterar"),
        queryset=Insats.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Förvalt: årets individinsatser och rådgivande team. Styrgrupperna får ett e-brev "
            "med en länk till sin rapport."
        ),
    )

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund
        self.fields["insatser"].queryset = Insats.objects.filter(forbund=forbund)

    def clean(self):
        data = super().clean()
        if data.get("ar") and data.get("typ"):
            finns = Rapportperiod.objects.filter(
                forbund=self.forbund, ar=data["ar"], typ=data["typ"]
            ).exists()
            if finns:
                self.add_error("typ", _("Perioden är redan öppnad."))
        return data


#: The largest figure a report takes: far more participants than any insats has, and far
#: inside the value column (numeric(10, 1) on PostgreSQL), so no typed number can overflow.
MAX_ANTAL = 100_000
STORLEK_FEL = gettext_lazy("Skriv ett antal mellan 0 och 100 000.")
MEDEL_STORLEK_FEL = gettext_lazy("Skriv ett värde mellan 0 och 100 000.")


def parse_number(raw: str, matt: Matt) -> Decimal | None:
    """A typed figure ('12', '14,5', '1 200') as Decimal, None when blank; else ValidationError.

    Counts are whole numbers from 0 to MAX_ANTAL; averages have at most one decimal and stay
    within the measure's own maximum (or MAX_ANTAL)."""
    text = (raw or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    text = text.replace("\u2212", "-")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(_("Skriv ett tal, t.ex. 12.")) from None
    if not value.is_finite():
        raise forms.ValidationError(_("Skriv ett tal, t.ex. 12."))
    if value < 0:
        raise forms.ValidationError(_("Kan inte vara negativt."))
    # The range first: quantize() of a huge number raises InvalidOperation.
    if matt.slag == Matt.Slag.ANTAL:
        if value > MAX_ANTAL:
            raise forms.ValidationError(STORLEK_FEL)
        if value != value.to_integral_value():
            raise forms.ValidationError(_("Skriv ett heltal (antal personer)."))
        return value.quantize(Decimal("1"))
    if matt.max_varde is not None and value > matt.max_varde:
        raise forms.ValidationError(
            _("Medelvärdet ska vara mellan 0 och %(max)s.")
            % {"max": regler.visa_varde(matt.max_varde)}
        )
    if value > MAX_ANTAL:
        raise forms.ValidationError(MEDEL_STORLEK_FEL)
    if value != value.quantize(Decimal("0.1")):
        raise forms.ValidationError(_("Högst en decimal, t.ex. 14,5."))
    return value.quantize(Decimal("0.1"))


class RapportForm(forms.Form):
    """The figures and texts of one report. `self.action` is SPARA or SKICKA."""

    lock_version_loaded = LockVersionField()

    def __init__(self, *args, rapport, matt_list: list[Matt], **kwargs):
        super().__init__(*args, **kwargs)
        self.rapport = rapport
        self.matt_list = matt_list
        self.action = SKICKA if self.data.get(SKICKA) is not None else SPARA
        stored = selectors.stored_values(rapport) if not self.is_bound else {}
        self.keys: dict[str, tuple[regler.Key, Matt]] = {}
        for m in matt_list:
            for key in regler.keys_for(m):
                name = field_name(key)
                label = m.namn if not key[1] else f"{m.namn}, {Kon(key[1]).label.lower()}"
                initial = stored.get(key)
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    initial=regler.visa_varde(initial) if initial is not None else "",
                    widget=forms.TextInput(
                        attrs={
                            "inputmode": "decimal" if m.slag == Matt.Slag.MEDEL else "numeric",
                            "class": "form-control form-control-sm text-end",
                            "data-matt": m.pk,
                            "data-kon": key[1],
                            "autocomplete": "off",
                        }
                    ),
                )
                self.keys[name] = (key, m)
        for name in TEXTFALT:
            model_field = rapport._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=str(model_field.verbose_name).capitalize(),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                initial=getattr(rapport, name),
                help_text=f"{TEXTHJALP[name]} {INGA_PERSONUPPGIFTER}",
            )
        if not self.is_bound:
            self.fields["lock_version_loaded"].initial = rapport.lock_version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit(SPARA, _("Spara utkast")))

    def clean(self):
        """Every check at once: each figure's format, and on submit the rules of the figures
        and the sums of the groups (`self.summafel`, shown in the groups' sum rows), except
        the rules that need a figure that could not be read."""
        data = super().clean()
        self.varden: dict[regler.Key, Decimal | None] = {}
        okanda: set[regler.Key] = set()
        for name, (key, matt) in self.keys.items():
            if name in self.errors:
                okanda.add(key)
                continue
            try:
                self.varden[key] = parse_number(self.data.get(name, ""), matt)
            except forms.ValidationError as e:
                self.add_error(name, e)
                okanda.add(key)
        self.summafel: list[regler.Summafel] = []
        if self.action == SKICKA:
            fel = regler.check_consistency(self.matt_list, self.varden, okanda=okanda)
            for key, messages in fel.items():
                for message in messages:
                    self.add_error(field_name(key), message)
            self.summafel = regler.check_sums(self.matt_list, self.varden, okanda=okanda)
            if self.errors or self.summafel:
                self.add_error(
                    None, _("Rapporten är inte inskickad: rätta uppgifterna som är markerade.")
                )
        return data

    @property
    def loaded_version(self) -> int | None:
        """None when the post lacks it: the save refuses it like an outdated version."""
        return self.cleaned_data.get("lock_version_loaded")

    @property
    def texter(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in TEXTFALT}

    def field_for(self, key: regler.Key):
        return self[field_name(key)]


def _antal_svar(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_ANTAL,
        required=False,
        error_messages={"min_value": STORLEK_FEL, "max_value": STORLEK_FEL},
    )


class EnkatsvarForm(forms.Form):
    fraga = forms.CharField(label=gettext_lazy("Fråga"), max_length=300, required=False)
    ja_helt = _antal_svar(gettext_lazy("Ja, helt och hållet"))
    ja_delvis = _antal_svar(gettext_lazy("Ja, till viss del"))
    nej = _antal_svar(gettext_lazy("Nej, inte alls"))

    def clean(self):
        data = super().clean()
        counts = [data.get(f) for f in ("ja_helt", "ja_delvis", "nej")]
        if not data.get("fraga") and any(c for c in counts):
            self.add_error("fraga", _("Skriv frågan som svaren gäller."))
        return data


EnkatsvarFormSet = forms.formset_factory(EnkatsvarForm, extra=2)


def enkat_rows(formset) -> list[Enkatrad]:
    return [
        Enkatrad(
            fraga=f.cleaned_data["fraga"],
            ja_helt=f.cleaned_data.get("ja_helt") or 0,
            ja_delvis=f.cleaned_data.get("ja_delvis") or 0,
            nej=f.cleaned_data.get("nej") or 0,
        )
        for f in formset.forms
        if f.cleaned_data.get("fraga")
    ]


class KommentarForm(BaseForm):
    kommentar = forms.CharField(
        label=gettext_lazy("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
        error_messages={"required": gettext_lazy("Skriv en kommentar.")},
    )
