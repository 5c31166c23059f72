"""How the rapport views reach their objects: 404 to outsiders, 403 to read-only users.

A styrgrupp user reaches only the reports of insatser whose `styrgrupp` contains them;
every other report answers 404, exactly as if it did not exist (also for POSTs).
Styrelse and revisor read every report of the förbund but change nothing (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from finsam import access, permissions
from uppfoljning.deltagarrapport.permissions import can_edit_rapport, can_review_rapport
from uppfoljning.models import Deltagarrapport, Rapportperiod


def rapporter_for_user(user) -> QuerySet[Deltagarrapport]:
    forbund = access.forbund_for_user(user)
    qs = Deltagarrapport.objects.filter(period__forbund=forbund)
    if permissions.can_read_forbund(user, forbund):
        return qs
    if permissions.has_role(user, permissions.Roll.STYRGRUPP):
        return qs.filter(insats__styrgrupp=user)
    return qs.none()


def get_rapport_for_user(user, pk: int) -> Deltagarrapport:
    return get_object_or_404(
        rapporter_for_user(user).select_related("period__forbund", "insats"), pk=pk
    )


def get_rapport_for_edit(user, pk: int) -> Deltagarrapport:
    """404 unless the user may see it; 403 for readers (styrelse, revisor)."""
    rapport = get_rapport_for_user(user, pk)
    if not can_edit_rapport(user, rapport):
        raise PermissionDenied
    return rapport


def get_rapport_for_review(user, pk: int) -> Deltagarrapport:
    """Kansli's approve / return / reopen: 404 for outsiders, 403 for everyone else."""
    rapport = get_rapport_for_user(user, pk)
    if not can_review_rapport(user, rapport):
        raise PermissionDenied
    return rapport


def get_period_for_read(user, pk: int) -> Rapportperiod:
    forbund = access.require_read(user)
    return get_object_or_404(
        Rapportperiod.objects.select_related("forbund"), forbund=forbund, pk=pk
    )


def get_period_for_edit(user, pk: int) -> Rapportperiod:
    forbund = access.require_edit(user)
    return get_object_or_404(
        Rapportperiod.objects.select_related("forbund"), forbund=forbund, pk=pk
    )
