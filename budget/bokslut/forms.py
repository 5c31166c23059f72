"""Forms for a bokslut: its figures, and a grid of note lines (not 4 fordringar, not 6
kortfristiga skulder) where lines are added, renamed, removed and their amounts typed.

Amounts are typed the way the documents print them ("9 350 453", "−36 000"); see
`finsam.formatting.parse_belopp`.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from budget.bokslut.services import Post
from budget.forms import BeloppField, CheckboxInput, HiddenInput
from budget.models import Bokslut, Bokslutspost
from finsam import forms_base
from finsam.forms_base import LockedModelForm, html_text
from finsam.templatetags.felsammanfattning import felankare, formularfel

#: Empty rows offered for new lines under each note.
EXTRA_RADER = 3

_BELOPPSFALT = [
    "verksamhetens_intakter",
    "verksamhetens_kostnader",
    "finansiella_intakter",
    "finansiella_kostnader",
    "kassa_och_bank",
    "avsattningar_pensioner",
    "ingaende_eget_kapital",
    "kapitaltillskott",
]
#: Fields that cannot be left blank (the model has a default of 0 for them).
_KRAVS = {"finansiella_intakter", "finansiella_kostnader", "kassa_och_bank"}


def _beloppsfalt(name: str) -> BeloppField:
    f = Bokslut._meta.get_field(name)
    return BeloppField(
        label=capfirst(f.verbose_name),
        help_text=f.help_text,
        required=name in _KRAVS,
        widget=forms_base.TextInput(attrs={"autocomplete": "off"}),
    )


class BokslutForm(LockedModelForm):
    class Meta:
        model = Bokslut
        fields = ["ar", *_BELOPPSFALT, "antal_anstallda", "anmarkning"]
        widgets = {
            "anmarkning": forms.Textarea(attrs={"rows": 3}),
            # Not type="number": a browser cannot show "3,0" there and posts it back empty.
            "antal_anstallda": forms_base.TextInput(attrs={"inputmode": "decimal"}),
            "ar": forms_base.NumberInput,
        }
        # Swedish decimals: "2,5" as well as "2.5".
        localized_fields = ["antal_anstallda"]

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        for name in _BELOPPSFALT:
            self.fields[name] = _beloppsfalt(name)
            if self.instance.pk is not None and not self.is_bound:
                self.initial[name] = getattr(self.instance, name)
        ar = self.fields["ar"]
        ar.validators += [MinValueValidator(2000), MaxValueValidator(2100)]
        ar.widget.attrs.update(min=2000, max=2100)
        if self.instance.pk is not None:
            ar.disabled = True
        self.fields["verksamhetens_intakter"].help_text = _(
            "Bara för år utan utfall per 31 december i appen. Finns utfallet används det."
        )
        self.fields["kapitaltillskott"].required = False
        self.fields["avsattningar_pensioner"].required = False

    def clean_ar(self):
        ar = self.cleaned_data["ar"]
        if (
            self.instance.pk is None
            and ar is not None
            and Bokslut.objects.filter(forbund=self.forbund, ar=ar).exists()
        ):
            raise forms.ValidationError(
                _("Det finns redan ett bokslut för %(ar)s. Ändra det i stället.") % {"ar": ar}
            )
        return ar

    def clean(self):
        cleaned = super().clean()
        for name in ("kapitaltillskott", "avsattningar_pensioner"):
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        for name in ("finansiella_intakter", "avsattningar_pensioner"):
            if (cleaned.get(name) or 0) < 0:
                self.add_error(name, _("Skriv beloppet utan minustecken."))
        if (cleaned.get("finansiella_kostnader") or 0) > 0:
            self.add_error(
                "finansiella_kostnader",
                _("Skriv finansiella kostnader med minustecken, t.ex. −36 000."),
            )
        if (cleaned.get("verksamhetens_kostnader") or 0) > 0:
            self.add_error(
                "verksamhetens_kostnader",
                _("Skriv kostnaderna med minustecken, t.ex. −7 921 000."),
            )
        return cleaned


class PostForm(forms.Form):
    """A note line. A blank row is skipped; a row marked for removal is removed."""

    # Inputs rendered in Python (Django's HTML): two notes' rows of four.
    post_id = forms.IntegerField(widget=HiddenInput, required=False, min_value=1)
    namn = forms.CharField(
        label=_("Namn"), max_length=200, required=False, widget=forms_base.TextInput
    )
    belopp = BeloppField(
        label=_("Belopp (kr)"), widget=forms_base.TextInput(attrs={"autocomplete": "off"})
    )
    ta_bort = forms.BooleanField(label=_("Ta bort"), required=False, widget=CheckboxInput)

    def __init__(self, *args, typ: str, **kwargs):
        self.typ = typ
        super().__init__(*args, **kwargs)
        self.fields["namn"].widget.attrs.update(
            {"class": "form-control form-control-sm", "aria-label": _("Namn")}
        )
        self.fields["belopp"].widget.attrs.update(
            {"class": "form-control form-control-sm grid-input", "aria-label": _("Belopp (kr)")}
        )
        self.fields["ta_bort"].widget.attrs.update({"class": "form-check-input"})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ta_bort") or self.tom:
            return cleaned
        if not cleaned.get("namn", "").strip() and "namn" not in self.errors:
            self.add_error("namn", _("Skriv vad raden avser."))
        if cleaned.get("belopp") is None and "belopp" not in self.errors:
            self.add_error("belopp", _("Skriv ett belopp i kronor, t.ex. 31 758."))
        belopp = cleaned.get("belopp")
        if belopp is not None and belopp < 0 and self.typ == Bokslutspost.Typ.SKULD:
            self.add_error(
                "belopp",
                _(
                    "Skriv skulderna som positiva tal, som i balansräkningen (not 6 i "
                    "årsredovisningen visar dem med minustecken)."
                ),
            )
        return cleaned

    @property
    def tom(self) -> bool:
        """A new row left blank."""
        d = self.cleaned_data
        return not d.get("post_id") and not d.get("namn", "").strip() and d.get("belopp") is None

    def as_post(self) -> Post | None:
        d = self.cleaned_data
        if d.get("ta_bort") or self.tom:
            return None
        return Post(typ=self.typ, namn=d["namn"].strip(), belopp=d["belopp"], pk=d.get("post_id"))


class BasePostFormSet(forms.BaseFormSet):
    @property
    def rader_html(self) -> SafeString:
        """The note's rows, written in Python: exactly the HTML of the template loop they
        replace in `budget/bokslut/_post_grid.html` (tests/budget/bokslut/test_post_html.py
        compares)."""
        ta_bort = html_text(gettext("Ta bort"))
        ut: list[str] = []
        for f in self:
            namn, belopp = f["namn"], f["belopp"]
            ut.append(f"\n    <tr>\n      <td>{f['post_id']}{namn}")
            ut.append(_fel(namn))
            if fel := formularfel(f):
                ut.append(
                    f'<div class="invalid-feedback d-block" id="{html_text(felankare(f))}" '
                    'tabindex="-1">'
                )
                ut += [f"<div>{html_text(e)}</div>" for e in fel]
                ut.append("</div>")
            ut.append(
                f'</td>\n      <td>{belopp}{_fel(belopp)}</td>\n      <td class="text-center">'
            )
            if f.initial.get("post_id"):
                kryss = f["ta_bort"]
                kryss_id = html_text(kryss.id_for_label)
                ut.append(f'<label class="visually-hidden" for="{kryss_id}">{ta_bort}')
                if f.initial.get("namn"):
                    ut.append(f" {html_text(f.initial['namn'])}")
                ut.append(f"</label>{kryss}")
            ut.append("</td>\n    </tr>\n  ")
        return mark_safe("".join(ut))


def _fel(bf) -> str:
    if not bf.errors:
        return ""
    fel = "".join(f"<div>{html_text(e)}</div>" for e in bf.errors)
    return f'<div class="invalid-feedback d-block" id="{html_text(bf.auto_id)}_error">{fel}</div>'


PostFormSet = forms.formset_factory(PostForm, formset=BasePostFormSet, extra=EXTRA_RADER)


def post_formsets(data, bokslut: Bokslut | None):
    """(fordringar, skulder): one formset per note, filled with the stored lines."""
    poster = list(bokslut.poster.all()) if bokslut is not None and bokslut.pk else []
    ut = []
    for typ, prefix in ((Bokslutspost.Typ.FORDRAN, "fordran"), (Bokslutspost.Typ.SKULD, "skuld")):
        initial = [
            {"post_id": p.pk, "namn": p.namn, "belopp": p.belopp}
            for p in sorted(poster, key=lambda p: (p.ordning, p.pk))
            if p.typ == typ
        ]
        ut.append(PostFormSet(data, initial=initial, prefix=prefix, form_kwargs={"typ": typ}))
    return tuple(ut)


def poster_from(*formsets) -> list[Post]:
    return [p for fs in formsets for form in fs.forms if (p := form.as_post()) is not None]
