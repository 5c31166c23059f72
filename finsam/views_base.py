"""What the pages of every area share: a form page, a delete page, the one way a service's
refusal reaches the form, and a number from the query string. Ground floor: imports no app.

    return form_page(
        request, form,
        save=lambda f: services.budgetrad_save(rad=f.instance, expected_version=f.loaded_version),
        sparad=lambda rad: _("Raden %(namn)s är sparad.") % {"namn": rad.namn},
        done_url=lambda rad: reverse("budget:struktur"),
        template="budget/form.html",
        rubrik=_("Ny budgetrad"), avbryt_url=reverse("budget:struktur"),
    )

A colleague's newer save (ConflictError, also a lock by an adopted report) and a rule the
service keeps (ValidationError) are shown on the form with everything typed kept; a
success is a message and a redirect.

An upload read once and previewed before it is applied (an Excel import, a SIE file, the
onboarding workbook) is kept in the session under a token for the preview's URL:

    token = uppladdning_spara(request, SESSION_KEY, forbund, plan=plan.sparad())
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund)   # or 404

A page that only reads (a list, an insats's page) renders its content once per change of
the data and keeps it (`sidinnehall`): the page template is the frame (title,
breadcrumbs) around ``{{ innehall }}``.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template import Context
from django.template.loader import render_to_string
from django.utils import timezone, translation

from finsam import dataversion
from finsam.concurrency import ConflictError
from finsam.forms_base import DeleteForm, add_validation_error
from finsam.templatetags.felsammanfattning import felsammanfattning

#: What `call_service` returns when the service refused: the errors are on the form.
REFUSED = object()


@dataclass(frozen=True)
class Innehall:
    """A page's content rendered apart from its frame: the HTML, written by ``{{ innehall
    }}``, and the error summary's entries of the content's refused forms (which the frame's
    summary, base.html, lists: finsam/templatetags/felsammanfattning.py)."""

    html: str
    fel_i_innehall: tuple = ()

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _rendera(request, template: str, context: dict) -> Innehall:
    html = str(render_to_string(template, context, request))
    return Innehall(html, tuple(felsammanfattning(Context(context))))


def sidinnehall(request, template: str, context: Callable[[], dict]) -> Innehall:
    """`template` rendered with `context()` (and the request's context processors), kept
    under the data's token (finsam/dataversion.py) for this user, language, this URL with
    its query string and today's date: rendered again as soon as any of the förbund's data
    changes, and `context()` (the page's queries) is only called then. One query (the
    token).

    For content that depends on nothing else: not on the session, the messages or a CSRF
    token (keep those in the page's frame), nor on the time of day."""
    nyckel = (
        "sidinnehall",
        template,
        request.user.pk,
        translation.get_language(),
        timezone.localdate().isoformat(),
        request.get_full_path(),
    )
    return dataversion.hamta(
        nyckel, lambda: _rendera(request, template, context()), token=dataversion.aktuell()
    )


def call_service(form, service: Callable[[], Any]) -> Any:
    """`service()`, or REFUSED with its refusal on `form` (ConflictError at the top, a
    ValidationError at its fields)."""
    try:
        return service()
    except ConflictError as e:
        form.add_error(None, str(e))
    except ValidationError as e:
        add_validation_error(form, e)
    return REFUSED


def positive_int(query, name: str) -> int | None:
    """A positive whole number (a year or an id) from `request.GET` or `request.POST`, or None
    when it is missing, not a number or beyond the database's integer range."""
    try:
        value = int(query.get(name, ""))
    except ValueError:
        return None
    return value if 0 < value < 2**31 else None


def _of(value, obj):
    """A message or URL given as is, or as a function of the saved object."""
    return value(obj) if callable(value) else value


def form_page(request, form, *, save, sparad, done_url, template: str, **context):
    """GET shows `form`; a valid POST calls `save(form)`, shows `sparad` and redirects to
    `done_url` (each a string or a function of what `save` returned). The rest of the
    keywords are the template's context, next to `form`."""
    if request.method == "POST" and form.is_valid():
        obj = call_service(form, lambda: save(form))
        if obj is not REFUSED:
            messages.success(request, _of(sparad, obj))
            return redirect(_of(done_url, obj))
    return render(request, template, {"form": form, **context})


def delete_page(request, obj, *, delete, borttagen: str, done_url: str, template: str, **context):
    """GET asks; POST calls `delete(version)` with the lock_version the page was loaded with,
    so a change made since is not lost, then redirects to `done_url`. The template gets
    `form`, `objekt` and the rest of the keywords."""
    form = DeleteForm(request.POST or None, initial={"lock_version_loaded": obj.lock_version})
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["lock_version_loaded"]
        if call_service(form, lambda: delete(version)) is not REFUSED:
            messages.success(request, borttagen)
            return redirect(done_url)
    return render(request, template, {"form": form, "objekt": obj, **context})


def uppladdning_spara(request, nyckel: str, forbund, **data) -> str:
    """Keep what an upload read in the session, for this user and förbund only; the
    returned token goes in the preview's URL."""
    token = secrets.token_urlsafe(16)
    request.session[nyckel] = {
        "token": token,
        "user": request.user.pk,
        "forbund": forbund.pk,
        **data,
    }
    return token


def uppladdning_hamta(request, nyckel: str, token: str, forbund, *, kraver=()) -> dict:
    """The upload kept under `token` for this user and förbund, or 404 (also when a key
    in `kraver` is missing: an upload kept by an older version of the app)."""
    entry = request.session.get(nyckel)
    if (
        not entry
        or not secrets.compare_digest(entry.get("token", ""), token)
        or entry.get("user") != request.user.pk
        or entry.get("forbund") != forbund.pk
        or any(k not in entry for k in kraver)
    ):
        raise Http404
    return entry
