"""Forms for the insats-level economy: a rekvisition, and the follow-up's date."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import LockedModelForm
from insatser.ekonomi.selectors import default_per
from insatser.forms import DateInput
from insatser.models import Externfinansiering, Insats, Rekvisition


class RekvisitionForm(LockedModelForm):
    class Meta:
        model = Rekvisition
        fields = ["datum", "avser_ar", "belopp", "anteckning"]
        widgets = {"datum": DateInput}

    def __init__(self, *args, insats: Insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.insats = insats
        avser = self.fields["avser_ar"]
        avser.validators += [MinValueValidator(2000), MaxValueValidator(2100)]
        avser.widget.attrs.update(min=2000, max=2100)
        avser.help_text = _(
            "Det budgetår utbetalningen räknas mot i uppföljningen, i förval i år. En "
            "utbetalning i januari för förra årets sista månad avser förra året: ändra då året."
        )
        if not self.is_bound and self.instance.pk is None:
            self.initial["avser_ar"] = self.initial.get("avser_ar") or timezone.localdate().year

    def clean_belopp(self):
        belopp = self.cleaned_data["belopp"]
        if belopp == 0:
            raise forms.ValidationError(_("Ett utbetalt belopp kan inte vara 0 kr."))
        return belopp


class ExternfinansieringForm(LockedModelForm):
    class Meta:
        model = Externfinansiering
        fields = [
            "finansiar",
            "benamning",
            "projektagare",
            "fran",
            "till",
            "beviljat",
            "utbetalt",
            "anteckning",
        ]
        widgets = {"fran": DateInput, "till": DateInput}

    def __init__(self, *args, insats: Insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.insats = insats
        for namn in ("beviljat", "utbetalt"):
            self.fields[namn].widget.attrs.update(min=0)


class PerForm(forms.Form):
    """The follow-up's date, from the query string (?per=2025-08-31)."""

    per = forms.DateField(
        label=_("Per datum"), required=False, widget=DateInput, input_formats=["%Y-%m-%d"]
    )


def per_from_query(query, rekvisitioner=None) -> tuple:
    """(the follow-up's date, the date form) from ?per=YYYY-MM-DD; when missing,
    `default_per` of the payments `rekvisitioner` (the förbund's or an insats's). A
    malformed date falls back to the default and the form shows the error."""
    form = PerForm(query)
    per = form.cleaned_data["per"] if form.is_valid() else None
    if per is None:
        per = default_per(rekvisitioner)
        if form.is_valid():
            form = PerForm(initial={"per": per})
    return per, form
