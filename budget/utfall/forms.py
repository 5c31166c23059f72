"""Forms for utfall: a new period, and the entry grid of a period's lines.

Amounts are typed as the documents print them ("−1 250 000", "-1250000"), see
`finsam.formatting.parse_belopp`. A delår has one netto column per line; a bokslut has intäkt
(without minus) and kostnad (with minus).
"""

import copy

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from budget.forms import BeloppField, DateInput, input_html
from budget.models import Utfallsperiod
from budget.utfall.selectors import Utfallsgrid
from budget.utfall.services import Utfallsvarde
from finsam import forms_base
from finsam.formatting import belopp, parse_belopp
from finsam.forms_base import LockVersionField, TomtValMixin, html_text


class UtfallsperiodForm(TomtValMixin, forms.ModelForm):
    class Meta:
        model = Utfallsperiod
        fields = ["per", "typ", "anmarkning"]
        widgets = {"per": DateInput, "anmarkning": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        self.fields["typ"].help_text = _(
            "Ett delårsbokslut har utfall netto och prognos för helåret; ett bokslut (per 31 "
            "december) har intäkter och kostnader var för sig."
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Skapa utfallsperiod")))


class UtfallGridForm(TomtValMixin, forms.Form):
    """Per line of `grid`: netto and prognos (delår) or intäkt and kostnad (bokslut), and a
    comment. Built from `budget.utfall.selectors.utfallsgrid()`."""

    lock_version_loaded = LockVersionField()

    INTAKT_FEL = _("Skriv intäkter utan minustecken.")
    KOSTNAD_FEL = _("Skriv kostnader med minustecken, t.ex. −1 250 000.")

    def __init__(self, data=None, *, grid: Utfallsgrid):
        self.grid = grid
        initial = {"lock_version_loaded": grid.period.lock_version}
        for r in grid.linjer:
            for kol in self.beloppskolumner:
                initial[self.faltnamn(kol, r)] = r.varden.get(kol)
            initial[self.faltnamn("kommentar", r)] = r.kommentar
        super().__init__(data, initial=initial)
        # Each line's fields are copies of one field per kind (a copy is a fraction of a
        # field's __init__, and a grid has a few hundred).
        belopp = BeloppField(widget=forms_base.TextInput(attrs={"autocomplete": "off"}))
        kommentar = forms.CharField(
            required=False,
            max_length=2000,
            label=_("Kommentar"),
            widget=forms_base.TextInput(attrs={"autocomplete": "off"}),
        )
        for r in grid.linjer:
            for kol in self.beloppskolumner:
                falt = copy.deepcopy(belopp)
                falt.label = r.etikett
                self.fields[self.faltnamn(kol, r)] = falt
            self.fields[self.faltnamn("kommentar", r)] = copy.deepcopy(kommentar)

    #: The columns as the grid's hidden labels name them.
    KOLUMNNAMN = {
        "intakt": _("intäkt"),
        "kostnad": _("kostnad"),
        "netto": _("utfall"),
        "prognos": _("prognos"),
        "kommentar": _("kommentar"),
    }

    def fel_etikett(self, name: str) -> str | None:
        """A field's name in the error summary: the line and the column."""
        kolumn, _sep, rad_id = name.rpartition("_")
        for r in self.grid.linjer:
            if str(r.rad.pk) == rad_id and kolumn in self.KOLUMNNAMN:
                return f"{r.etikett}, {self.KOLUMNNAMN[kolumn]}"
        return None

    @property
    def beloppskolumner(self) -> list[str]:
        return ["intakt", "kostnad"] if self.grid.bokslut else ["netto", "prognos"]

    @staticmethod
    def faltnamn(kolumn: str, r) -> str:
        return f"{kolumn}_{r.rad.pk}"

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("lock_version_loaded")

    def clean(self):
        cleaned = super().clean()
        if self.grid.bokslut:
            for r in self.grid.linjer:
                i, k = self.faltnamn("intakt", r), self.faltnamn("kostnad", r)
                if (cleaned.get(i) or 0) < 0:
                    self.add_error(i, ValidationError(self.INTAKT_FEL, code="intakt_negativ"))
                if (cleaned.get(k) or 0) > 0:
                    self.add_error(k, ValidationError(self.KOSTNAD_FEL, code="kostnad_positiv"))
        return cleaned

    def varden(self) -> dict[int, Utfallsvarde]:
        """{rad_id: Utfallsvarde} for the lines the page posted (a line added after the page
        was loaded is left as it is)."""
        ut = {}
        for r in self.grid.linjer:
            if self.add_prefix(self.faltnamn("kommentar", r)) not in self.data:
                continue
            v = {kol: self.cleaned_data.get(self.faltnamn(kol, r)) for kol in self.beloppskolumner}
            kommentar = self.cleaned_data.get(self.faltnamn("kommentar", r)) or ""
            ut[r.rad.pk] = Utfallsvarde(kommentar=kommentar, **v)
        return ut

    def rader(self):
        """(table row, {column: bound field} or None, comment field or None, changed)."""
        ut = []
        for r in self.grid.tabell.rader:
            if r.typ != "rad":
                ut.append((r, None, None, False))
                continue
            falt = {}
            skiljer = False
            for kol in self.beloppskolumner:
                f = self[self.faltnamn(kol, r)]
                attrs = f.field.widget.attrs
                klasser = "form-control form-control-sm grid-input"
                if f.errors:
                    klasser += " is-invalid"
                    attrs["aria-describedby"] = f"{f.auto_id}-fel"
                attrs["class"] = klasser
                attrs["data-kolumn"] = kol
                attrs["data-summagrupper"] = r.summagrupper_attr
                attrs["data-typ"] = r.topptyp
                if self.is_bound and not f.errors and self._skrivet(f) != r.varden.get(kol):
                    skiljer = True
                falt[kol] = f
            kommentar = self[self.faltnamn("kommentar", r)]
            kommentar.field.widget.attrs["class"] = "form-control form-control-sm grid-text"
            ut.append((r, falt, kommentar, skiljer))
        return ut

    def hidden_fields(self):
        """The one hidden field (Django's own walks every field of the grid)."""
        return [self["lock_version_loaded"]]

    #: The hidden labels of the amount columns, as the grid template wrote them.
    _ETIKETT = {"intakt": "intäkt", "kostnad": "kostnad", "netto": "utfall"}

    def rader_html(self, *, konflikt: bool) -> SafeString:
        """The grid's body rows, written in Python: exactly the HTML of the template loop
        they replace (tests/budget/utfall/test_grid_html.py compares), which was most of
        the page's server time at national scale (a few hundred nodes per line)."""
        bokslut = self.grid.bokslut
        kolumner = self.beloppskolumner
        ut: list[str] = []
        for r, falt, kommentar, skiljer in self.rader():
            etikett = html_text(r.etikett)
            if r.typ == "rad":
                stangd = ' <span class="badge text-bg-light">stängd</span>' if r.rad.stangd else ""
                ut.append(
                    f'\n      \n      <tr class="rad">\n        <td class="niva-{r.niva}">'
                    f"{etikett}{stangd}</td>\n        "
                    f'<td class="num">{belopp(r.varden.get("budget"))}</td>\n        '
                )
                for kol, f in falt.items():
                    auto_id = html_text(f.auto_id)
                    ut.append(
                        f'\n        <td><label class="visually-hidden" for="{auto_id}">'
                        f"{etikett}: {self._ETIKETT.get(kol, 'prognos')}</label>{input_html(f)}"
                    )
                    for e in f.errors:
                        ut.append(
                            f'<div class="invalid-feedback d-block" id="{auto_id}-fel">'
                            f"{html_text(e)}</div>"
                        )
                    ut.append("</td>\n        ")
                k_id = html_text(kommentar.auto_id)
                ut.append(
                    f'\n        <td><label class="visually-hidden" for="{k_id}">'
                    f"{etikett}: kommentar</label>{input_html(kommentar)}</td>\n        "
                )
                if konflikt:
                    a, b = ("intakt", "kostnad") if bokslut else ("netto", "prognos")
                    ut.append(
                        f'<td class="num{" changed" if skiljer else ""}">'
                        f"{belopp(r.varden.get(a))} / {belopp(r.varden.get(b))}</td>"
                    )
                ut.append("\n      </tr>\n      \n    ")
            elif r.typ == "rubrik":
                ut.append(
                    f'\n      \n      <tr class="rubrik"><td class="niva-{r.niva}" '
                    f'colspan="{6 if konflikt else 5}">{etikett}</td></tr>\n      \n    '
                )
            else:
                ut.append(
                    f'\n      \n      <tr class="summa">\n        <td class="niva-{r.niva}">'
                    f'{etikett}</td>\n        <td class="num">{belopp(r.varden.get("budget"))}'
                    "</td>\n        "
                )
                for kol in kolumner:
                    ut.append(
                        f'<td class="num" data-summa-grupp="{r.grupp.pk}" data-kolumn="{kol}">'
                        f"{belopp(r.varden.get(kol))}</td>"
                    )
                ut.append(
                    "\n        <td></td>"
                    + ("<td></td>" if konflikt else "")
                    + "\n      </tr>\n      \n    "
                )
        if not ut:
            ut.append(
                '\n      <tr><td colspan="5" class="text-muted">Det finns inga öppna budgetrader. '
                f'Lägg till rader under <a href="{reverse("budget:struktur")}">Grupper och '
                "rader</a>.</td></tr>\n    "
            )
        return mark_safe("".join(ut))

    def _skrivet(self, f):
        try:
            return parse_belopp(self.data.get(f.html_name))
        except ValueError:
            return None
