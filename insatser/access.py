"""How insatser views reach their objects: 404 to outsiders, 403 to read-only users.

Styrgrupp users see only the insatser whose `styrgrupp` contains them; every other
insats of their förbund answers 404, exactly as if it did not exist.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from finsam import access, permissions
from insatser.models import Bemanning, Beslut, Insats, Malomrade


def insatser_for_user(user) -> QuerySet[Insats]:
    """The insatser the user may read: all of the förbund, or a styrgrupp user's own."""
    forbund = access.forbund_for_user(user)
    qs = Insats.objects.filter(forbund=forbund)
    if permissions.can_read_forbund(user, forbund):
        return qs
    if permissions.has_role(user, permissions.Roll.STYRGRUPP):
        return qs.filter(styrgrupp=user)
    return qs.none()


def get_insats_for_user(user, pk: int) -> Insats:
    """One insats the user may read, with its förbund, målområde and ägare, or 404 (other
    förbund, or not the user's styrgrupp)."""
    qs = insatser_for_user(user).select_related("forbund", "malomrade", "agare")
    return get_object_or_404(qs, pk=pk)


def get_insats_for_edit(user, pk: int) -> Insats:
    """403 for anyone but kansli (before any lookup, so nothing is revealed), else 404."""
    access.require_edit(user)
    return access.get_for_forbund(Insats.objects.select_related("forbund"), user, pk=pk)


def get_bemanning_for_edit(user, pk: int) -> Bemanning:
    access.require_edit(user)
    return access.get_for_forbund(
        Bemanning.objects.select_related("insats", "arbetsgivare"),
        user,
        pk=pk,
        forbund_path="insats__forbund",
    )


def get_beslut_for_edit(user, pk: int) -> Beslut:
    access.require_edit(user)
    return access.get_for_forbund(
        Beslut.objects.select_related("insats").prefetch_related("beslutsbelopp"),
        user,
        pk=pk,
        forbund_path="insats__forbund",
    )


def get_malomrade_for_edit(user, pk: int) -> Malomrade:
    access.require_edit(user)
    return access.get_for_forbund(Malomrade.objects.all(), user, pk=pk)
