from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import BaseForm, IdModelMultipleChoiceField, LockVersionField
from insatser.models import Insats


class StyrgruppInsatserForm(BaseForm):
    insatser = IdModelMultipleChoiceField(
        label=_("Insatser"),
        queryset=Insats.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Användaren ser och rapporterar för de insatser som är markerade, och inga andra."
        ),
    )

    lock_version_loaded = LockVersionField()

    def __init__(self, *args, forbund, user, version: int, **kwargs):
        kwargs.setdefault(
            "initial",
            {"insatser": list(user.styrgrupp_insatser.all()), "lock_version_loaded": version},
        )
        super().__init__(*args, **kwargs)
        self.fields["insatser"].queryset = Insats.objects.filter(forbund=forbund).order_by(
            "ordning", "namn"
        )
