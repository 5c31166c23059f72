"""Forms of the administration: invite a user, change a user, create and rename a förbund,
confirm a deactivation."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import BaseForm, LockedModelForm, LockVersionField
from finsam.models import Forbund, User

Roll = User.Roll

ROLL_HJALP = _(
    "Kansli: läser och ändrar allt i förbundet och hanterar användarna. Styrelse: läser. "
    "Revisor: läser, även ändringshistoriken. Styrgrupp: rapporterar för sina insatser."
)


class InbjudanForm(BaseForm):
    submit_label = _("Skicka inbjudan")

    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_(
            "Inbjudan skickas hit med en länk för att välja lösenord. Adressen blir "
            "användarnamnet vid inloggning."
        ),
    )
    roll = forms.ChoiceField(label=_("Roll"), choices=Roll.choices, help_text=ROLL_HJALP)

    def __init__(self, *args, fast_roll: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fast_roll is not None:
            # The systemadministratör invites kansli only: no choice to make.
            del self.fields["roll"]
        self.fast_roll = fast_roll

    @property
    def vald_roll(self) -> str:
        return self.fast_roll or self.cleaned_data["roll"]


class AnvandareForm(BaseForm):
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        help_text=_("Dit går notiser och länken när lösenordet glömts."),
    )
    roll = forms.ChoiceField(label=_("Roll"), choices=Roll.choices, help_text=ROLL_HJALP)

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "roll": user.roll,
            },
        )
        super().__init__(*args, **kwargs)


class ForbundForm(LockedModelForm):
    class Meta:
        model = Forbund
        fields = ["namn", "slug", "organisationsnummer", "epost"]
        help_texts = {
            "namn": _("T.ex. Samordningsförbundet Västra Mälardalen."),
            "slug": _("Små bokstäver, siffror och bindestreck, t.ex. vastra-malardalen."),
        }


class BekraftaForm(BaseForm):
    """Confirms a deactivation or reactivation; carries the version the page showed."""

    lock_version_loaded = LockVersionField()

    def __init__(self, *args, knapp: str, **kwargs):
        self.submit_label = knapp
        super().__init__(*args, **kwargs)


class GlomtLosenordForm(PasswordResetForm):
    """Django's reset form, which never says whether the address exists; the users of a
    deactivated förbund get no link either."""

    def get_users(self, email):
        for user in super().get_users(email):
            if user.forbund_id is None or user.forbund.aktiv:
                yield user
