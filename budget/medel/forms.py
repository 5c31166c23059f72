"""The form for a year's medelstilldelning, with a grid of the kommuner's key values.

Amounts are typed as the documents print them ("9 479 000"); percentages with a decimal
comma ("31,25") or point; populations as whole numbers, weights as decimals. Only the
column of the chosen key is saved: populations go to Befolkning of the key's year (shared
with the member pages), weights to the tilldelning's own Fordelningsandel rows.
"""

import re
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from budget.forms import BeloppField, DateInput
from budget.models import Medelstilldelning
from finsam import formatting
from finsam.forms_base import LockedModelForm

_MELLANRUM = re.compile(r"[\s\u00a0\u202f\u2009]+")


def parse_decimal(text) -> Decimal | None:
    """A Swedish-typed decimal: "31,25", "31.25", "2 096 319", "25 %". None for blank."""
    if text is None:
        return None
    compact = _MELLANRUM.sub("", str(text)).rstrip("%").replace(",", ".")
    if not compact:
        return None
    if not re.fullmatch(r"\d+(\.\d+)?", compact):
        raise ValueError(text)
    try:
        return Decimal(compact)
    except InvalidOperation:
        raise ValueError(text) from None


class SvDecimalField(forms.CharField):
    """A non-negative decimal typed with decimal comma or point."""

    default_error_messages = {"invalid": _("Skriv ett tal, t.ex. 31,25.")}

    def __init__(self, *, decimaler: int = 4, max_value=None, **kwargs):
        self.decimaler = decimaler
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        if max_value is not None:
            self.validators.append(MaxValueValidator(max_value))

    def to_python(self, value):
        text = super().to_python(value)
        try:
            d = parse_decimal(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if d is not None and d.as_tuple().exponent < -self.decimaler:
            raise ValidationError(
                _("Skriv högst %(n)d decimaler.") % {"n": self.decimaler}, code="invalid"
            )
        return d

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formatting.decimal_sv(
                value.normalize(), max(0, -value.normalize().as_tuple().exponent)
            )
        return value


class HeltalField(forms.CharField):
    """A non-negative whole number typed with or without spaces, e.g. "159 629"."""

    default_error_messages = {"invalid": _("Skriv ett heltal, t.ex. 14 019.")}

    def to_python(self, value):
        text = _MELLANRUM.sub("", super().to_python(value) or "")
        if not text:
            return None
        if not text.isdigit() or len(text) > 9:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)

    def prepare_value(self, value):
        return formatting.heltal(value) if isinstance(value, int) else value


def _field(name):
    return Medelstilldelning._meta.get_field(name)


class MedelstilldelningForm(LockedModelForm):
    """The year's figures and, per kommun, a population (`folk_<id>`) and a weight
    (`vikt_<id>`). The hidden `befolkningsar_visat` tells which year the populations were
    loaded for, so that switching the year does not write one year's figures into another."""

    statens_bidrag = BeloppField(
        label=capfirst(_field("statens_bidrag").verbose_name),
        help_text=_field("statens_bidrag").help_text,
        required=True,
    )
    region_procent = SvDecimalField(
        label=capfirst(_field("region_procent").verbose_name),
        help_text=_field("region_procent").help_text,
        max_value=Decimal(50),
    )
    kommuner_procent = SvDecimalField(
        label=capfirst(_field("kommuner_procent").verbose_name),
        help_text=_field("kommuner_procent").help_text,
        max_value=Decimal(50),
    )
    befolkningsar_visat = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Medelstilldelning
        fields = [
            "ar",
            "statens_bidrag",
            "region_procent",
            "kommuner_procent",
            "nyckel",
            "befolkningsar",
            "beslutsdatum",
            "anmarkning",
        ]
        widgets = {
            "nyckel": forms.RadioSelect,
            "beslutsdatum": DateInput,
            "anmarkning": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, forbund, kommuner, befolkning, vikter, **kwargs):
        """`befolkning` and `vikter`: {kommun id: value} to show in the grid."""
        self.forbund = forbund
        self.kommuner = kommuner
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        for name in ("ar", "befolkningsar"):
            f = self.fields[name]
            f.validators += [MinValueValidator(2000), MaxValueValidator(2100)]
            f.widget.attrs.update(min=2000, max=2100)
        self.fields["statens_bidrag"].widget.attrs["data-statens-bidrag"] = ""
        self.fields["region_procent"].widget.attrs["data-procent"] = "region"
        self.fields["kommuner_procent"].widget.attrs["data-procent"] = "kommuner"
        self.fields["beslutsdatum"].help_text = _("Dagen styrelsen beslutade tilldelningen.")
        self.fields["anmarkning"].help_text = _(
            "T.ex. hur nyckeln är bestämd eller varför ett belopp avviker från det beslutade."
        )
        self.fields["nyckel"].help_text = _(
            "Folkmängd: kommunernas del fördelas efter folkmängden det år som anges nedan. "
            "Egen: efter vikterna i tabellen, t.ex. kommunernas beslutade belopp."
        )
        if not self.is_bound:
            self.initial["befolkningsar_visat"] = self.instance.befolkningsar or self.instance.ar
        for k in kommuner:
            self.fields[f"folk_{k.pk}"] = HeltalField(
                required=False, label=_("Folkmängd för %(namn)s") % {"namn": k.namn}
            )
            self.fields[f"vikt_{k.pk}"] = SvDecimalField(
                required=False,
                label=_("Vikt för %(namn)s") % {"namn": k.namn},
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            for prefix, values in (("folk", befolkning), ("vikt", vikter)):
                name = f"{prefix}_{k.pk}"
                self.fields[name].widget.attrs.update(
                    {
                        "class": "form-control form-control-sm text-end",
                        "data-nyckel": prefix,
                        "autocomplete": "off",
                    }
                )
                if not self.is_bound and k.pk in values:
                    self.initial[name] = values[k.pk]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.Meta.fields)

    def clean_ar(self):
        ar = self.cleaned_data["ar"]
        andra = Medelstilldelning.objects.filter(forbund=self.forbund, ar=ar)
        if self.instance.pk is not None:
            andra = andra.exclude(pk=self.instance.pk)
        if andra.exists():
            raise ValidationError(
                gettext("Det finns redan en medelstilldelning för %(ar)s.") % {"ar": ar}
            )
        return ar

    def clean(self):
        data = super().clean()
        nyckel = data.get("nyckel")
        prefix = "vikt" if nyckel == Medelstilldelning.Nyckel.EGEN else "folk"
        for k in self.kommuner:
            name = f"{prefix}_{k.pk}"
            if name not in self.errors and data.get(name) is None:
                text = (
                    gettext("Fyll i folkmängd för %(namn)s.")
                    if prefix == "folk"
                    else gettext("Fyll i en vikt för %(namn)s (0 om kommunen inte ska betala).")
                )
                self.add_error(name, text % {"namn": k.namn})
        return data

    def nycklar(self) -> dict[int, int | Decimal]:
        """{kommun id: value} of the chosen key's column."""
        egen = self.cleaned_data["nyckel"] == Medelstilldelning.Nyckel.EGEN
        prefix = "vikt" if egen else "folk"
        return {k.pk: self.cleaned_data.get(f"{prefix}_{k.pk}") for k in self.kommuner}

    def grid(self):
        """(kommun, population input, weight input) per kommun."""
        rows = []
        for k in self.kommuner:
            folk, vikt = self[f"folk_{k.pk}"], self[f"vikt_{k.pk}"]
            for falt in (folk, vikt):
                if falt.errors:
                    falt.field.widget.attrs["class"] += " is-invalid"
                    falt.field.widget.attrs["aria-describedby"] = f"{falt.auto_id}-fel"
            rows.append((k, folk, vikt))
        return rows

    @property
    def visat_ar(self) -> int | None:
        """The year whose population the grid was loaded with."""
        return self.cleaned_data.get("befolkningsar_visat")

    @property
    def valt_ar(self) -> int | None:
        """The year whose population the user chose (blank: the tilldelning's year)."""
        return self.cleaned_data.get("befolkningsar") or self.cleaned_data.get("ar")
