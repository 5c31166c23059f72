"""The kansli's form for a measure (Matt): what a report asks, per kind of insats."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from finsam import forms_base
from finsam.forms_base import LockedModelForm
from insatser.models import Insats
from uppfoljning.models import Matt


def _attrs(attrs: dict) -> str:
    """Django's django/forms/widgets/attrs.html (`stringformat:'s'`: str())."""
    delar = []
    for namn, varde in attrs.items():
        if varde is False:
            continue
        delar.append(f" {conditional_escape(namn)}")
        if varde is not True:
            delar.append(f'="{escape(str(varde))}"')
    return "".join(delar)


# Django's class name: crispy-forms puts it in lower case into the select's CSS classes.
class Select(forms.Select):
    """Django's Select with the HTML of its templates (select.html, select_option.html)
    written in Python, as finsam.forms_base.PythonRenderedInput does for inputs: the
    measure to compare with lists every measure of the förbund, an option template each.
    tests/uppfoljning/matt holds the two equal."""

    def _render(self, template_name, context, renderer=None):
        w = context["widget"]
        ut = [f'<select name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>']
        for gruppnamn, val, _index in w["optgroups"]:
            if gruppnamn:
                ut.append(f'\n  <optgroup label="{conditional_escape(gruppnamn)}">')
            for option in val:
                ut.append(
                    f'\n  <option value="{escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if gruppnamn:
                ut.append("\n  </optgroup>")
        ut.append("\n</select>")
        return mark_safe("".join(ut))  # noqa: S308  (every value escaped)


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
            "slag": Select,
            "jamfor_med": Select,
            "regel": Select,
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
