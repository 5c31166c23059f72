"""Forms of the administration: invite a user, change a user, create and rename a förbund,
confirm a deactivation, ask for a new password."""

import unicodedata

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
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
    lock_version_loaded = LockVersionField()

    def __init__(self, *args, user: User, version: int, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "roll": user.roll,
                "lock_version_loaded": version,
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
    """Django's reset form, which never says whether the address exists. Unlike Django's,
    it also mails an invited user who has not chosen a password yet (an unusable one: the
    invitation's link may have expired); a deactivated user, or a user of a deactivated
    förbund, gets no link."""

    def get_users(self, email):
        anvandare = User._default_manager.filter(email__iexact=email, is_active=True)
        anvandare = anvandare.filter(Q(forbund__isnull=True) | Q(forbund__aktiv=True))
        return (u for u in anvandare if _samma_adress(email, u.email))


def _samma_adress(a: str, b: str) -> bool:
    """Two addresses compared as Django's reset form does (NFKC, Unicode case folding)."""
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )
