"""The kansli's form for a measure (Matt): what a report asks, per kind of insats."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam import forms_base
from finsam.forms_base import LockedModelForm
from insatser.models import Insats
from uppfoljning.models import Matt


class MattForm(LockedModelForm):
    insatstyper = forms.MultipleChoiceField(
        label=_("Insatstyper som rapporterar måttet"),
        choices=Insats.Typ.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Rapportformuläret för en insats visar de aktiva mått som gäller dess typ."),
    )

    class Meta:
        model = Matt
        fields = [
            "namn",
            "kod",
            "grupp",
            "insatstyper",
            "per_kon",
            "slag",
            "jamfor_med",
            "regel",
            "max_varde",
            "hjalptext",
            "ordning",
            "aktiv",
        ]
        widgets = {
            "namn": forms_base.TextInput,
            "kod": forms_base.TextInput,
            "grupp": forms_base.TextInput,
            "max_varde": forms_base.NumberInput,
            "ordning": forms_base.NumberInput,
        }
        help_texts = {
            "kod": _(
                "Kort och stabil, t.ex. avslut-arbete. Statistiken känner igen måtten på koden."
            ),
            "per_kon": _("Fråga efter kvinnor, män och annat eller ej angivet var för sig."),
            "jamfor_med": _("Det mått som regeln nedan gäller, t.ex. Deltagare under perioden."),
            "aktiv": _("Ett inaktivt mått visas inte i nya rapporter men finns kvar i gamla."),
        }

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        andra = Matt.objects.filter(forbund=forbund)
        if self.instance.pk:
            andra = andra.exclude(pk=self.instance.pk)
        self.fields["jamfor_med"].queryset = andra
        self.fields["regel"].required = False

    def clean_kod(self):
        kod = self.cleaned_data["kod"]
        qs = Matt.objects.filter(forbund=self.forbund, kod=kod)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(_("Det finns redan ett mått med den koden."))
        return kod

    def clean(self):
        data = super().clean()
        if data.get("regel") and not data.get("jamfor_med"):
            self.add_error("jamfor_med", _("Välj vilket mått regeln jämför med."))
        if data.get("jamfor_med") and not data.get("regel"):
            self.add_error("regel", _("Välj en regel, eller ta bort måttet att jämföra med."))
        if data.get("slag") == Matt.Slag.MEDEL and data.get("regel") == Matt.Regel.SUMMA:
            self.add_error("regel", _("Ett medelvärde kan inte summeras med andra mått."))
        return data
