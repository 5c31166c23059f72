"""Forms of a board meeting and an important event."""

from django import forms

from finsam.forms_base import LockedModelForm
from uppfoljning.models import Styrelsemote, Viktighandelse

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _radslut(text: str) -> str:
    """A browser sends a textarea's line breaks as CRLF: store them as the loader does (LF),
    so that a form posted back unchanged changes nothing."""
    return text.replace("\r\n", "\n")


class StyrelsemoteForm(LockedModelForm):
    class Meta:
        model = Styrelsemote
        fields = ["datum", "typ", "plats", "beslut"]
        widgets = {"datum": _DATUM, "beslut": forms.Textarea(attrs={"rows": 6})}

    def clean_beslut(self):
        return _radslut(self.cleaned_data["beslut"])


class ViktighandelseForm(LockedModelForm):
    class Meta:
        model = Viktighandelse
        fields = ["datum", "rubrik", "beskrivning"]
        widgets = {"datum": _DATUM, "beskrivning": forms.Textarea(attrs={"rows": 5})}

    def clean_beskrivning(self):
        return _radslut(self.cleaned_data["beskrivning"])
