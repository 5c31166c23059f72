"""Who may do what with a deltagarrapport: questions about a user and a report, no writes.

`uppfoljning.deltagarrapport.access` uses them to answer 404/403, the services to refuse a
change, the views to show or hide buttons.
"""

from finsam import permissions
from uppfoljning.models import Deltagarrapport


def can_edit_rapport(user, rapport: Deltagarrapport) -> bool:
    """Kansli of the förbund, or a member of the insats's steering group."""
    forbund = rapport.period.forbund
    if permissions.can_edit_forbund(user, forbund):
        return True
    return (
        permissions.has_role(user, permissions.Roll.STYRGRUPP)
        and user.forbund_id == forbund.pk
        and rapport.insats.styrgrupp.filter(pk=user.pk).exists()
    )


def can_review_rapport(user, rapport: Deltagarrapport) -> bool:
    return permissions.can_edit_forbund(user, rapport.period.forbund)
