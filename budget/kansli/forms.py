"""The form of a kansli position."""

from django import forms

from budget.models import Kanslitjanst
from finsam.forms_base import LockedModelForm


class KanslitjanstForm(LockedModelForm):
    class Meta:
        model = Kanslitjanst
        fields = [
            "roll",
            "namn",
            "tjanstgoringsgrad",
            "anstallningsform",
            "andel_administration",
            "andel_administration_utfall",
            "ordning",
        ]
        widgets = {
            "tjanstgoringsgrad": forms.NumberInput(
                attrs={"step": "0.01", "min": "0.01", "max": "1"}
            ),
            "andel_administration": forms.NumberInput(
                attrs={"step": "1", "min": "0", "max": "100"}
            ),
            "andel_administration_utfall": forms.NumberInput(
                attrs={"step": "1", "min": "0", "max": "100"}
            ),
        }
