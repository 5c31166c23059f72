"""Forms of a board meeting and an important event (LockedModelForm stores a textarea's
line breaks as LF, so a form posted back unchanged changes nothing)."""

from django import forms

from finsam.forms_base import LockedModelForm
from uppfoljning.models import Styrelsemote, Viktighandelse

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyrelsemoteForm(LockedModelForm):
    class Meta:
        model = Styrelsemote
        fields = ["datum", "typ", "plats", "beslut"]
        widgets = {"datum": _DATUM, "beslut": forms.Textarea(attrs={"rows": 6})}


class ViktighandelseForm(LockedModelForm):
    class Meta:
        model = Viktighandelse
        fields = ["datum", "rubrik", "beskrivning"]
        widgets = {"datum": _DATUM, "beskrivning": forms.Textarea(attrs={"rows": 5})}
