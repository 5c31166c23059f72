"""Writes of the administration: förbund (by the systemadministratör) and users (by the
förbund's kansli, or the first kansli user by the systemadministratör).

Every write saves through the model, so each change is a row in the history (User and
Forbund declare `history = Historik()`); a user is deactivated, never deleted. The
invitation e-mail leaves when the transaction commits, like the notices' e-mails: a
rolled-back invitation is never mailed, and a mail server that refuses it is logged.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from finsam.concurrency import check_tillstand, save_locked, tillstandsversion
from finsam.models import Forbund, User
from finsam.notiser.services import absolut

logger = logging.getLogger(__name__)

Roll = User.Roll


# --- förbund (systemadministratör) -----------------------------------------------------


@transaction.atomic
def forbund_skapa(*, forbund: Forbund) -> Forbund:
    """A new, active förbund with no data: its kansli fills it after the invitation."""
    if forbund.pk is not None:
        raise ValueError("forbund_skapa creates; use forbund_andra for a stored förbund")
    forbund.aktiv = True
    forbund.full_clean()
    return save_locked(forbund, expected_version=0)


@transaction.atomic
def forbund_andra(*, forbund: Forbund, expected_version: int | None) -> Forbund:
    """Save a renamed (or otherwise corrected) förbund, unless someone saved it since."""
    forbund.full_clean()
    return save_locked(forbund, expected_version=expected_version)


@transaction.atomic
def forbund_satt_aktiv(*, forbund: Forbund, aktiv: bool, expected_version: int | None) -> Forbund:
    """Deactivate (its users can no longer log in; nothing is deleted) or reactivate."""
    forbund.aktiv = aktiv
    return save_locked(forbund, expected_version=expected_version)


# --- users ------------------------------------------------------------------------------


def normaliserad_epost(epost: str) -> str:
    return (epost or "").strip().lower()


def losenordslank(user: User, base_url: str | None) -> str:
    """The set-password link of Django's password reset (valid PASSWORD_RESET_TIMEOUT,
    used once: setting the password changes what the token was made from)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    lank = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return absolut(base_url, lank)


def skicka_inbjudan(user: User, *, base_url: str | None, inbjuden_av: User | None) -> bool:
    """Mail `user` the invitation with a link to choose a password. False if it failed."""
    context = {
        "user": user,
        "forbund": user.forbund,
        "inbjuden_av": inbjuden_av,
        "lank": losenordslank(user, base_url),
        "inloggning": absolut(base_url, reverse("login")),
        "giltig_dagar": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    amne = render_to_string("registration/inbjudan_subject.txt", context)
    text = render_to_string("registration/inbjudan_email.txt", context)
    try:
        EmailMessage(" ".join(amne.split()), text, to=[user.email]).send()
    except Exception:  # a mail server that refuses must not break the page
        logger.exception("Inbjudan till användare %s kunde inte skickas", user.pk)
        return False
    return True


@transaction.atomic
def bjud_in(
    *,
    forbund: Forbund,
    epost: str,
    first_name: str,
    last_name: str,
    roll: str,
    inbjuden_av: User,
    base_url: str | None = None,
) -> User:
    """A new user of `forbund`, with the e-mail address as user name and no password yet,
    and (after commit) an e-mail with a link to choose one."""
    epost = normaliserad_epost(epost)
    if not forbund.aktiv:
        raise ValidationError(_("Förbundet är avaktiverat. Aktivera det först."))
    if roll not in Roll.values:
        raise ValidationError({"roll": _("Välj en av rollerna.")})
    if User.objects.filter(username__iexact=epost).exists() or (
        User.objects.filter(email__iexact=epost).exists()
    ):
        raise ValidationError({"email": _("Det finns redan en användare med den e-postadressen.")})
    user = User(
        username=epost,
        email=epost,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        forbund=forbund,
        roll=roll,
        is_active=True,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    transaction.on_commit(lambda: skicka_inbjudan(user, base_url=base_url, inbjuden_av=inbjuden_av))
    return user


@transaction.atomic
def systemadministrator_skapa(
    *, epost: str, first_name: str = "", last_name: str = "", base_url: str | None = None
) -> User:
    """A systemadministratör (no förbund, no role, not a Django superuser), with the e-mail
    address as user name and, after commit, an invitation to choose a password."""
    epost = normaliserad_epost(epost)
    if User.objects.filter(username__iexact=epost).exists() or (
        User.objects.filter(email__iexact=epost).exists()
    ):
        raise ValidationError({"email": _("Det finns redan en användare med den e-postadressen.")})
    user = User(
        username=epost,
        email=epost,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        systemadministrator=True,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    transaction.on_commit(lambda: skicka_inbjudan(user, base_url=base_url, inbjuden_av=None))
    return user


def anvandare_version(user: User) -> int:
    """The version of what the user form shows (name, address, role, active), for its
    hidden lock_version_loaded: users have no lock_version of their own."""
    return tillstandsversion(user.first_name, user.last_name, user.email, user.roll, user.is_active)


@transaction.atomic
def anvandare_andra(
    *,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    roll: str,
    andrad_av: User,
    expected_version: int | None,
) -> User:
    """Change a user's name, address or role. A kansli cannot change their own role (so a
    förbund cannot lose its last kansli by mistake), and a steering-group member keeps the
    role while in an insats's steering group. A save that changes nothing writes nothing
    (no history row)."""
    lagrad = User.objects.select_for_update().get(pk=user.pk)
    check_tillstand(user, expected_version=expected_version, nuvarande=anvandare_version(lagrad))
    email = normaliserad_epost(email)
    if roll not in Roll.values:
        raise ValidationError({"roll": _("Välj en av rollerna.")})
    if user.pk == andrad_av.pk and roll != user.roll:
        raise ValidationError({"roll": _("Du kan inte ändra din egen roll.")})
    # The insatser's steering groups hold only users with the role styrgrupp (the
    # reverse accessor of insatser.Insats.styrgrupp: no import of the app).
    if user.roll == Roll.STYRGRUPP and roll != Roll.STYRGRUPP and user.styrgrupp_insatser.exists():
        raise ValidationError(
            {
                "roll": _(
                    "Användaren är med i styrgruppen för insatser. Ta först bort dem under "
                    "Insatser i användarlistan."
                )
            }
        )
    if email and User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError({"email": _("Det finns redan en användare med den e-postadressen.")})
    nytt = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email,
        "roll": roll,
    }
    if all(getattr(user, k) == v for k, v in nytt.items()):
        return user
    for k, v in nytt.items():
        setattr(user, k, v)
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*nytt])
    return user


@transaction.atomic
def anvandare_satt_aktiv(*, user: User, aktiv: bool, andrad_av: User) -> User:
    """Deactivate (the user can no longer log in; nothing is deleted, the history and the
    reports keep the name) or reactivate. Nobody deactivates themselves."""
    if not aktiv and user.pk == andrad_av.pk:
        raise ValidationError(_("Du kan inte avaktivera dig själv."))
    if user.is_active != aktiv:
        user.is_active = aktiv
        user.save(update_fields=["is_active"])
    return user
