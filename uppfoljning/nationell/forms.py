"""The budgeted participants of a year, one field per insats."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from finsam import forms_base
from finsam.forms_base import BaseForm
from insatser.models import Insats
from uppfoljning.models import BudgeteradeDeltagare

MAX_ANTAL = 100_000


class BudgeteradeDeltagareForm(BaseForm):
    """One field per insats named antal-<insats id>; an empty field removes a stored value.
    `lock_version` is the fingerprint of the year's rows when the page was loaded."""

    lock_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, insatser: list[Insats], **kwargs):
        super().__init__(*args, **kwargs)
        self.insatser = insatser
        for insats in insatser:
            del_text = (
                insats.get_insatsinriktning_display()
                if insats.insatsinriktning
                else _("inriktning i Uppföljning Finsam ej angiven")
            )
            self.fields[f"antal-{insats.pk}"] = forms.IntegerField(
                label=insats.namn,
                required=False,
                widget=forms_base.NumberInput,
                validators=[MinValueValidator(0), MaxValueValidator(MAX_ANTAL)],
                min_value=0,
                max_value=MAX_ANTAL,
                error_messages={
                    "invalid": _("Ange ett heltal."),
                    "min_value": _("Antalet kan inte vara negativt."),
                    "max_value": _("Antalet kan vara högst 100 000."),
                },
                help_text=_(
                    "%(inriktning)s. Lämna tomt om insatsen inte har något budgeterat antal."
                )
                % {"inriktning": del_text},
            )

    @staticmethod
    def initial_for(rader: list[BudgeteradeDeltagare], version: str) -> dict:
        initial = {"lock_version": version}
        for r in rader:
            initial[f"antal-{r.insats_id}"] = r.antal
        return initial

    @property
    def antal(self) -> dict[int, int | None]:
        return {i.pk: self.cleaned_data.get(f"antal-{i.pk}") for i in self.insatser}
