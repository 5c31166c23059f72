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
        # Swedish decimals: "0,75" as well as "0.75".
        localized_fields = [
            "tjanstgoringsgrad",
            "andel_administration",
            "andel_administration_utfall",
        ]
        widgets = {
            "tjanstgoringsgrad": forms.TextInput(attrs={"inputmode": "decimal"}),
            "andel_administration": forms.TextInput(attrs={"inputmode": "decimal"}),
            "andel_administration_utfall": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
