"""Forms for budget versions, the amounts grid, and the groups and lines.

Amounts are typed the way the documents print them: "−1 250 000", "-1250000" or
"1 250 000" are all accepted (spaces, no-break spaces, a real minus sign); blank means
no amount. Every choice (groups, insatser, versions) is limited to the user's förbund;
the services check the same again before saving.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from budget.models import Budgetgrupp, Budgetrad, Budgetversion
from budget.selectors import Beloppsgrid, underordnade_grupper
from finsam import formatting, forms_base
from finsam.forms_base import LockedModelForm, LockVersionField, html_text


class BeloppField(forms.CharField):
    """A whole amount in kronor, typed with or without spaces and minus sign."""

    default_error_messages = {
        "invalid": _("Skriv ett helt belopp i kronor, t.ex. −1 250 000."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return formatting.parse_belopp(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        # Stored amounts are shown as the documents print them; typed text is shown as typed.
        if isinstance(value, int):
            return formatting.belopp(value)
        return value


def input_html(bf) -> str:
    """A bound field's `<input>` (a text, number or hidden input), written directly: the
    HTML of `str(bf)` (Django's attributes, value and id, in its order), without the
    widget's context copies and the lazy-aware escaping that were most of a grid's time.
    The grids' tests compare it with the template that renders `{{ field }}`."""
    widget = bf.field.widget
    if bf.field.localize:
        widget.is_localized = True
    attrs = bf.build_widget_attrs({}, widget)
    if bf.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bf.auto_id)
    value = widget.format_value(bf.value())
    return forms_base.input_html(widget.input_type, bf.html_name, value, {**widget.attrs, **attrs})


# Rendered in Python with Django's HTML (finsam.forms_base.PythonRenderedInput); the class
# names stay Django's, which crispy-forms puts into the CSS classes.
class HiddenInput(forms_base.PythonRenderedInput, forms.HiddenInput):
    """Django's HiddenInput, rendered in Python."""


class CheckboxInput(forms_base.PythonRenderedInput, forms.CheckboxInput):
    """Django's CheckboxInput, rendered in Python (its template is the input's)."""


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# --- versions ----------------------------------------------------------------------------


class BudgetversionForm(LockedModelForm):
    eget_kapital_ingaende = BeloppField(
        label=capfirst(Budgetversion._meta.get_field("eget_kapital_ingaende").verbose_name),
        help_text=Budgetversion._meta.get_field("eget_kapital_ingaende").help_text,
    )

    class Meta:
        model = Budgetversion
        fields = ["typ", "ar", "beslutsdatum", "paragraf", "motivering", "eget_kapital_ingaende"]
        widgets = {
            "beslutsdatum": DateInput,
            "motivering": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        ar = self.fields["ar"]
        ar.validators += [MinValueValidator(2000), MaxValueValidator(2100)]
        ar.widget.attrs.update(min=2000, max=2100)
        self.fields["paragraf"].help_text = _("Protokollets paragraf, t.ex. § 57.")


class BudgetversionCreateForm(BudgetversionForm):
    kopiera_fran = forms.ModelChoiceField(
        queryset=Budgetversion.objects.none(),
        required=False,
        label=_("Kopiera belopp från"),
        empty_label=_("Ingen – börja utan belopp"),
        help_text=_(
            "Beloppen på öppna rader kopieras till den nya versionen och kan sedan ändras. "
            "Stängda rader tas inte med."
        ),
    )

    submit_label = _("Skapa version")

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, forbund=forbund, **kwargs)
        self.fields["kopiera_fran"].queryset = Budgetversion.objects.filter(forbund=forbund)


# --- the amounts grid ----------------------------------------------------------------------


class BeloppGridForm(forms.Form):
    """One amount per line of a version. Built from `selectors.beloppsgrid()`."""

    lock_version_loaded = LockVersionField()

    def __init__(self, data=None, *, grid: Beloppsgrid):
        self.grid = grid
        initial = {"lock_version_loaded": grid.version.lock_version}
        for g in grid.rader:
            if g.typ == "rad":
                initial[g.faltnamn] = g.belopp
        super().__init__(data, initial=initial)
        for g in grid.rader:
            if g.typ == "rad":
                # Rendered in Python (Django's HTML): a hundred inputs through the template
                # engine were much of the page's server time.
                self.fields[g.faltnamn] = BeloppField(
                    label=g.etikett, widget=forms_base.TextInput(attrs={"autocomplete": "off"})
                )

    def hidden_fields(self):
        """The one hidden field (Django's own walks every field of the grid)."""
        return [self["lock_version_loaded"]]

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("lock_version_loaded")

    def belopp(self) -> dict[int, int | None]:
        """{rad_id: amount or None} for the lines the page posted (a line added after the
        page was loaded is left as it is)."""
        return {
            g.rad.pk: self.cleaned_data.get(g.faltnamn)
            for g in self.grid.rader
            if g.typ == "rad" and self.add_prefix(g.faltnamn) in self.data
        }

    def rader(self):
        """(grid row, its input or None, whether the typed amount differs from the stored)."""
        ut = []
        for g in self.grid.rader:
            if g.typ != "rad":
                ut.append((g, None, False))
                continue
            falt = self[g.faltnamn]
            klasser = "form-control form-control-sm grid-input"
            attrs = falt.field.widget.attrs
            if falt.errors:
                klasser += " is-invalid"
                attrs["aria-describedby"] = f"{falt.auto_id}-fel"
            attrs["class"] = klasser
            attrs["data-summagrupper"] = g.summagrupper_attr
            attrs["data-typ"] = g.toppgruppstyp
            skiljer = self.is_bound and not falt.errors and self._skrivet(g) != g.belopp
            ut.append((g, falt, skiljer))
        return ut

    def rader_html(self, *, konflikt: bool) -> SafeString:
        """The grid's body rows, written in Python: exactly the HTML of the template loop
        they replace (tests/budget/test_belopp_grid_html.py compares)."""
        ut: list[str] = []
        for g, falt, skiljer in self.rader():
            etikett = html_text(g.etikett)
            if g.typ == "rad":
                auto_id = html_text(falt.auto_id)
                stangd = ' <span class="badge text-bg-light">stängd</span>' if g.rad.stangd else ""
                ut.append(
                    f'\n      \n      <tr class="rad">\n        <td class="niva-{g.niva}">'
                    f'<label for="{auto_id}">{etikett}</label>{stangd}</td>\n        <td>'
                    + input_html(falt)
                )
                for e in falt.errors:
                    ut.append(
                        f'<div class="invalid-feedback d-block" id="{auto_id}-fel">'
                        f"{html_text(e)}</div>"
                    )
                ut.append("</td>\n        ")
                if konflikt:
                    ut.append(
                        f'<td class="num{" changed" if skiljer else ""}">'
                        f"{formatting.belopp(g.belopp)}</td>"
                    )
                ut.append("\n      </tr>\n      \n    ")
            elif g.typ == "rubrik":
                ut.append(
                    f'\n      \n      <tr class="rubrik"><td class="niva-{g.niva}" '
                    f'colspan="{3 if konflikt else 2}">{etikett}</td></tr>\n      \n    '
                )
            else:
                ut.append(
                    f'\n      \n      <tr class="summa">\n        <td class="niva-{g.niva}">'
                    f'{etikett}</td>\n        <td class="num" data-summa-grupp='
                    f'"{html_text(g.grupp_id)}">{formatting.belopp(g.belopp)}</td>\n        '
                    + ("<td></td>" if konflikt else "")
                    + "\n      </tr>\n      \n    "
                )
        if not ut:
            ut.append(
                '\n      <tr><td colspan="2" class="text-muted">Det finns inga öppna rader. '
                f'Lägg till rader under <a href="{reverse("budget:struktur")}">Grupper och '
                "rader</a>.</td></tr>\n    "
            )
        return mark_safe("".join(ut))

    def _skrivet(self, g):
        try:
            return formatting.parse_belopp(self.data.get(self.add_prefix(g.faltnamn)))
        except ValueError:
            return None


# --- groups and lines ----------------------------------------------------------------------


class BudgetgruppForm(LockedModelForm):
    class Meta:
        model = Budgetgrupp
        fields = ["namn", "overordnad", "typ", "visa_rubrik", "summa_etikett", "ordning", "stangd"]

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        grupper = Budgetgrupp.objects.filter(forbund=forbund)
        if self.instance.pk is not None:
            grupper = grupper.exclude(pk__in=underordnade_grupper(self.instance))
        overordnad = self.fields["overordnad"]
        overordnad.queryset = grupper
        overordnad.empty_label = _("Ingen – en huvudgrupp")
        overordnad.help_text = _(
            "En grupp kan inte placeras under sig själv eller sina undergrupper."
        )
        self.fields["typ"].help_text = _(
            "Intäkter räknas in i Summa intäkter, kostnader i Summa kostnader. För en "
            "undergrupp gäller den översta gruppens typ."
        )
        self.fields["stangd"].help_text = _(
            "Radernas belopp fylls inte i för nya budgetar, om de inte redan har ett belopp."
        )


class BudgetradForm(LockedModelForm):
    class Meta:
        model = Budgetrad
        fields = ["namn", "grupp", "insats", "kategori", "ordning", "stangd"]

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        self.fields["grupp"].queryset = Budgetgrupp.objects.filter(forbund=forbund)
        self.fields["insats"].queryset = forbund.insatser.order_by("namn")
        self.fields["insats"].empty_label = _("Ingen insats")
        self.fields["kategori"].choices = [("", _("Ingen (intäkter och ofördelade medel)"))] + list(
            Budgetrad.Kategori.choices
        )


class LockVersionForm(forms.Form):
    """Carries the version of an object the user saw, e.g. for a removal."""

    lock_version_loaded = LockVersionField()
