"""Helpers views use to reach the user's förbund and objects: 404 to outsiders, 403 to readers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from finsam import permissions


def forbund_for_user(user):
    """The user's own förbund, or 404 for a user without one (e.g. a bare superuser)."""
    if not user.is_authenticated or user.forbund_id is None:
        raise Http404
    return user.forbund


def require_read(user):
    """The user's förbund if the user may read it as a whole; 403 for styrgrupp users."""
    forbund = forbund_for_user(user)
    if not permissions.can_read_forbund(user, forbund):
        raise PermissionDenied
    return forbund


def require_edit(user):
    """The user's förbund if the user may write; 403 for readers."""
    forbund = forbund_for_user(user)
    if not permissions.can_edit_forbund(user, forbund):
        raise PermissionDenied
    return forbund


def require_systemadministrator(user):
    """404 for everybody but a systemadministratör: to the users of the förbund, the system
    administration's pages are outside their förbund, like another förbund's objects."""
    if not permissions.is_systemadministrator(user):
        raise Http404


def require_history(user):
    forbund = forbund_for_user(user)
    if not permissions.can_view_history(user, forbund):
        raise PermissionDenied
    return forbund


def get_for_forbund(queryset, user, **lookup):
    """One object of the user's förbund, or 404 whether it exists elsewhere or not at all.

    `queryset` must have a `forbund` field path given by `forbund_path` in `lookup`
    or a plain `forbund` field.
    """
    forbund = forbund_for_user(user)
    path = lookup.pop("forbund_path", "forbund")
    try:
        return queryset.get(**{path: forbund}, **lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
