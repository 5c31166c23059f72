"""Forms for the target-group statistics: one value, and a whole year's table at once."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from finsam import forms_base
from finsam.forms_base import BaseForm, LockedModelForm
from finsam.models import Medlem
from uppfoljning.models import Malgruppsstatistik

#: Spaces people type between thousands: space, no-break, narrow no-break and thin space.
_MELLANRUM = re.compile(r"[\s\u00a0\u202f\u2009]+")


class SvDecimalField(forms.DecimalField):
    """A decimal as Swedes type it: "1 200,5" (spaces between thousands, decimal comma);
    "1200.5" is accepted too. Anything else is the usual "Fyll i ett tal"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = _MELLANRUM.sub("", value).replace(",", ".").replace("\u2212", "-")
        return super().to_python(value)


def kommuner(forbund):
    return Medlem.objects.filter(forbund=forbund, typ=Medlem.Typ.KOMMUN).order_by("ordning", "namn")


class MalgruppsstatistikForm(LockedModelForm):
    class Meta:
        model = Malgruppsstatistik
        fields = ["medlem", "ar", "aldersgrupp", "kategori", "helarsekvivalenter", "andel", "kalla"]
        #: Swedish decimals: "1 200,5".
        localized_fields = ["helarsekvivalenter", "andel"]
        field_classes = {"helarsekvivalenter": SvDecimalField, "andel": SvDecimalField}

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        self.fields["medlem"].queryset = kommuner(forbund)
        self.fields["ar"].widget.attrs.update(min=2000, max=2100)


def _decimal(label, *, hogst, max_digits, size):
    attrs = {"inputmode": "decimal", "class": "form-control form-control-sm", "size": size}
    return SvDecimalField(
        label=label,
        required=False,
        max_digits=max_digits,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(hogst)],
        localize=True,
        widget=forms_base.TextInput(attrs={**attrs, "aria-label": label}),
    )


class TabellForm(BaseForm):
    """A year's table for one age group: helårsekvivalenter and andel per kommun and kind.

    The fields are named h-<medlem id>-<kategori> and a-<medlem id>-<kategori>; an empty
    helårsekvivalenter cell removes a stored value. `lock_version` is the table's fingerprint
    when the page was loaded (uppfoljning.malgrupper.selectors.tabellversion), named
    like every locked form's version."""

    kalla = forms.CharField(
        label=_("Källa"),
        max_length=300,
        required=False,
        help_text=_(
            "Gäller alla värden i tabellen, t.ex. Statisticon, Den offentliga "
            "försörjningens omfattning."
        ),
    )
    lock_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, medlemmar: list[Medlem], **kwargs):
        super().__init__(*args, **kwargs)
        self.medlemmar = medlemmar
        self.kategorier = list(Malgruppsstatistik.Kategori)
        for m in medlemmar:
            for k in self.kategorier:
                namn = f"{m.visningsnamn}, {k.label.lower()}"
                self.fields[f"h-{m.pk}-{k.value}"] = _decimal(
                    _("Helårsekvivalenter: %(namn)s") % {"namn": namn},
                    hogst=Decimal("99999999.9"),
                    max_digits=9,
                    size=6,
                )
                self.fields[f"a-{m.pk}-{k.value}"] = _decimal(
                    _("Andel (%%): %(namn)s") % {"namn": namn},
                    hogst=Decimal(100),
                    max_digits=4,
                    size=4,
                )

    @staticmethod
    def initial_for(rader: list[Malgruppsstatistik], version: str) -> dict:
        initial = {"lock_version": version}
        for r in rader:
            initial[f"h-{r.medlem_id}-{r.kategori}"] = r.helarsekvivalenter
            initial[f"a-{r.medlem_id}-{r.kategori}"] = r.andel
        kallor = [r.kalla for r in rader if r.kalla]
        if kallor:
            initial["kalla"] = kallor[0]
        return initial

    def clean(self):
        data = super().clean()
        for m in self.medlemmar:
            for k in self.kategorier:
                h, a = f"h-{m.pk}-{k.value}", f"a-{m.pk}-{k.value}"
                if data.get(h) is None and data.get(a) is not None and h not in self.errors:
                    self.add_error(h, _("Ange helårsekvivalenterna när andelen är ifylld."))
        return data

    @property
    def celler(self) -> dict:
        """{(medlem id, kategori): (helårsekvivalenter, andel) or None} of every cell."""
        data = self.cleaned_data
        ut = {}
        for m in self.medlemmar:
            for k in self.kategorier:
                h = data.get(f"h-{m.pk}-{k.value}")
                ut[(m.pk, k.value)] = None if h is None else (h, data.get(f"a-{m.pk}-{k.value}"))
        return ut

    @property
    def rutnat(self) -> list[tuple[Medlem, list[tuple]]]:
        """For the template: per kommun, per kind, (helårsekvivalenter field, andel field)."""
        return [
            (m, [(self[f"h-{m.pk}-{k}"], self[f"a-{m.pk}-{k}"]) for k in self.kategorier])
            for m in self.medlemmar
        ]
