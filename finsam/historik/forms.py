"""The change history's filter: date range, user and kind of record (GET, never saved)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import TomtValMixin
from finsam.historik.selectors import HANDELSER, Historikfilter, modell_val
from finsam.models import User


class HistorikFilterForm(TomtValMixin, forms.Form):
    fran = forms.DateField(
        label=_("Från och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Datum, ÅÅÅÅ-MM-DD."),
    )
    till = forms.DateField(
        label=_("Till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Datum, ÅÅÅÅ-MM-DD."),
    )
    anvandare = forms.ModelChoiceField(
        label=_("Användare"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Alla användare"),
    )
    typ = forms.ChoiceField(label=_("Typ av uppgift"), required=False)
    handelse = forms.ChoiceField(
        label=_("Ändring"),
        required=False,
        choices=[("", _("Alla ändringar"))] + HANDELSER,
    )

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anvandare"].queryset = User.objects.filter(forbund=forbund).order_by(
            "first_name", "last_name", "username"
        )
        self.fields["anvandare"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["typ"].choices = [("", _("Alla typer"))] + modell_val()

    def faltlista(self) -> list[dict]:
        """The fields for the template, a select's options already marked (rendering
        them one by one in the template is the slowest part of the page)."""
        ut = []
        for falt in self:
            alternativ = None
            if isinstance(falt.field, forms.ChoiceField | forms.ModelChoiceField):
                vald = str(falt.value() or "")
                if isinstance(falt.field, forms.ModelChoiceField):
                    choices = [("", falt.field.empty_label)] + [
                        (str(u.pk), falt.field.label_from_instance(u)) for u in falt.field.queryset
                    ]
                else:
                    choices = [(str(v), lbl) for v, lbl in falt.field.choices]
                alternativ = [(v, lbl, v == vald) for v, lbl in choices]
            ut.append({"falt": falt, "alternativ": alternativ})
        return ut

    def clean(self):
        data = super().clean()
        fran, till = data.get("fran"), data.get("till")
        if fran and till and fran > till:
            self.add_error("till", _("Slutdatumet ligger före startdatumet."))
        return data

    def filter(self, *, stigande: bool = False) -> Historikfilter:
        """The filter the form describes; an invalid form filters nothing (but keeps the
        order)."""
        if not self.is_valid():
            return Historikfilter(stigande=stigande)
        d = self.cleaned_data
        return Historikfilter(
            fran=d.get("fran"),
            till=d.get("till"),
            anvandare_id=d["anvandare"].pk if d.get("anvandare") else None,
            modell=d.get("typ") or None,
            history_type=d.get("handelse") or None,
            stigande=stigande,
        )
