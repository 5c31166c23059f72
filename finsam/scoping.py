"""Isolation enforced, not remembered: a query on a förbund's model inside a request sees
only the user's förbund, and one made where no förbund is known raises.

Every model that belongs to a förbund (directly or through its parent) has as its default
manager `forbund_manager(path)`, django-scopes' ScopedManager on the dimension `forbund`:

- inside `forbund_scope(<id>)` every query through it (`Model.objects`, related managers,
  prefetches, a ModelForm's unique check) is filtered to that förbund, so a view or service
  that forgets `forbund=` cannot show another förbund's rows;
- inside a scope without a förbund (anonymous users, the systemadministratör, a user
  without förbund) the query raises `ScopeError` (`ScopedQuerySetRefused`): those
  requests must not read a förbund's data at all;
- inside `scopes_disabled()` it is an ordinary manager (the admin site, and the narrow
  places that legitimately cross förbund, each with a comment saying why).

`ForbundScopeMiddleware` runs every request inside one of the first two. Outside any scope
(management commands, migrations, the demo loader, the e-mail digest, tests that call
services directly) the manager is unscoped while `settings.SCOPES_DISABLED_OUTSIDE_SCOPE`
is True (the default); with False, a query there raises too.

Not scoped: Forbund and User themselves (login, the authentication backend and the
systemadministratör's pages read them), Notisinstallning (one row per user, no förbund),
and simple-history's history models (the history pages read them by `forbund_id` in SQL
of their own, finsam/historik/selectors.py).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.urls import get_resolver
from django_scopes import ScopedManager, ScopeError, get_scope, scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet
from django_scopes.state import state as _state

__all__ = [
    "ScopeError",
    "ForbundScopeMiddleware",
    "forbund_manager",
    "forbund_scope",
    "get_scope",
    "is_scoped_model",
    "scope",
    "scopes_disabled",
]

#: The scope dimension: the förbund's id.
DIMENSION = "forbund"
#: Marks the scope in which the middleware loads the request's user (tests look for it).
USER_LOAD = "_user_load"
#: Where finsam/urls.py mounts the admin site.
ADMIN_PREFIX = "/admin/"


def _scope_entered() -> bool:
    """True inside `scope()` or `scopes_disabled()` (django-scopes marks both with
    `_enabled`); False where nobody entered one."""
    return "_enabled" in get_scope()


class ScopedQuerySetRefused(DisabledQuerySet):
    """django-scopes' DisabledQuerySet, also refusing what it lets through (exists,
    exclude, in_bulk, create, ...) and the model's own queryset methods
    (`Model.objects.<a method of its own>()`), which would otherwise fail with an AttributeError
    that hides the cause. Only `none()` and `using()` remain."""

    error = DisabledQuerySet.error
    create = error
    bulk_create = error
    exists = error
    contains = error
    exclude = error
    in_bulk = error
    explain = error
    select_related = error
    prefetch_related = error
    distinct = error
    defer = error
    extra = error
    alias = error
    get_or_create = error
    update_or_create = error
    bulk_update = error
    intersection = error
    difference = error

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        self.error()


def forbund_manager(path: str = DIMENSION, queryset_class: type[models.QuerySet] | None = None):
    """The default manager of a förbund's model: `path` is the lookup from the model to
    its förbund ("forbund", or "<parent>__forbund" for a model reached through its
    parent); `queryset_class` keeps the model's own queryset methods
    (`forbund_manager("forbund", SomeQuerySet)`)."""
    base = (
        models.Manager if queryset_class is None else models.Manager.from_queryset(queryset_class)
    )
    scoped = type(ScopedManager(_manager_class=base, **{DIMENSION: path}))

    class ForbundManager(scoped):
        forbund_path = path

        def get_queryset(self):
            if (
                not hasattr(self, "_override_scope")
                and not _scope_entered()
                and getattr(settings, "SCOPES_DISABLED_OUTSIDE_SCOPE", True)
            ):
                return super(scoped, self).get_queryset()
            qs = super().get_queryset()
            if isinstance(qs, DisabledQuerySet):
                return ScopedQuerySetRefused(
                    self.model, using=self._db, missing_scopes=qs.missing_scopes
                )
            return qs

    ForbundManager.__name__ = ForbundManager.__qualname__ = f"Forbund{base.__name__}"
    return ForbundManager()


def is_scoped_model(model) -> bool:
    return hasattr(model._default_manager, "forbund_path")


@contextmanager
def _fresh_scope(**scope_kwargs):
    """A scope that inherits nothing from one around it (django-scopes' `scope()` copies
    the outer one, so a scope without a förbund inside one with a förbund would keep it)."""
    token = _state.set({"_enabled": True, **scope_kwargs})
    try:
        yield
    finally:
        _state.reset(token)


def forbund_scope(forbund_id: int | list[int] | None):
    """The scope of a request: the förbund's rows only (a list: those förbunds' rows), or,
    with None, no förbund's rows (a query on a förbund's model raises). Never
    `scope(forbund=None)`: django-scopes reads None as "no filter", every förbund's rows."""
    if forbund_id is None:
        return _fresh_scope()
    if isinstance(forbund_id, (list, tuple)):
        forbund_id = list(forbund_id)
    return _fresh_scope(**{DIMENSION: forbund_id})


class ForbundScopeMiddleware:
    """Runs each request inside the scope of the user's förbund (after authentication).

    - a logged-in user of a förbund (any role, styrgrupp included): that förbund;
    - a superuser on the admin site: scopes disabled (the admin is the operator's tool
      across every förbund; only superusers reach it);
    - everybody else (anonymous, the systemadministratör, a user without förbund): a
      scope without a förbund, in which a query on a förbund's model raises. Their pages
      (login, password reset, invitations, the systemadministratör's förbund list, /halsa/)
      read only Forbund and User.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # The URLconf (and with it the views, forms and filters) is imported at the first
        # request, inside that request's scope: a class-level queryset would then keep that
        # user's filter for good. Import it here, before any scope.
        with scopes_disabled():
            get_resolver().url_patterns  # noqa: B018

    def __call__(self, request):
        # Loading the request's own user (and its unread notices, finsam/notiser/backends.py)
        # is what decides the scope, so it happens before one.
        with _fresh_scope(_enabled=False, **{USER_LOAD: True}):
            user = request.user
            user.is_authenticated  # noqa: B018  (evaluates the lazy user)
        if user.is_superuser and request.path_info.startswith(ADMIN_PREFIX):
            with scopes_disabled():
                return self.get_response(request)
        forbund_id = user.forbund_id if user.is_authenticated else None
        with forbund_scope(forbund_id):
            return self.get_response(request)
