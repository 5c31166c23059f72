"""Who may see and change what. Pure functions of the user and the object's förbund.

Views never test roles themselves: they call these, or the `get_*_for_user` helpers in
`finsam.access`, which answer 404 to outsiders and 403 to read-only users.
"""

from finsam.models import User

Roll = User.Roll


def _member_of(user, forbund_id) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.forbund_id is not None
        and user.forbund_id == forbund_id
    )


def has_role(user, *roller) -> bool:
    return user.is_authenticated and user.forbund_id is not None and user.roll in roller


def is_kansli(user) -> bool:
    return has_role(user, Roll.KANSLI)


def is_systemadministrator(user) -> bool:
    """Creates and deactivates förbund and invites their first kansli user; has no förbund,
    so every page of a förbund's data refuses them like any user without one."""
    return (
        user.is_authenticated
        and user.is_active
        and user.forbund_id is None
        and getattr(user, "systemadministrator", False)
    )


def can_manage_users(user, forbund) -> bool:
    """Invites, changes and deactivates the förbund's users: kansli only."""
    return can_edit_forbund(user, forbund)


def can_read_forbund(user, forbund) -> bool:
    """Everything of the förbund except insats-bound pages: kansli, styrelse, revisor."""
    return _member_of(user, forbund.pk) and user.roll in (Roll.KANSLI, Roll.STYRELSE, Roll.REVISOR)


def can_edit_forbund(user, forbund) -> bool:
    """Writes anything of the förbund: kansli only."""
    return _member_of(user, forbund.pk) and user.roll == Roll.KANSLI


def can_view_history(user, forbund) -> bool:
    """The change history: kansli and revisor (auditors read everything incl. history)."""
    return _member_of(user, forbund.pk) and user.roll in (Roll.KANSLI, Roll.REVISOR)


def can_view_insats(user, insats) -> bool:
    if not _member_of(user, insats.forbund_id):
        return False
    if user.roll == Roll.STYRGRUPP:
        return insats.styrgrupp.filter(pk=user.pk).exists()
    return user.roll in (Roll.KANSLI, Roll.STYRELSE, Roll.REVISOR)


def can_edit_insats(user, insats) -> bool:
    return can_edit_forbund(user, insats.forbund)


def can_read_reports(user, forbund) -> bool:
    """The förbund's documents (verksamhetsplan, delårsrapport, årsredovisning) in the
    browser and as PDF: kansli, styrelse, revisor."""
    return can_read_forbund(user, forbund)
