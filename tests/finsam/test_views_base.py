"""The shared form and delete pages (`finsam.views_base`): a success redirects with a
message; a colleague's newer save and a service's rule are shown on the form."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from finsam.concurrency import ConflictError
from finsam.views_base import REFUSED, call_service, delete_page, form_page, positive_int


class _NamnForm(forms.Form):
    namn = forms.CharField()


class _Objekt:
    lock_version = 4

    def __str__(self):
        return "objektet"


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def _context(monkeypatch):
    """Capture what the page renders instead of rendering a template."""
    seen = {}

    def render(request, template, context):
        seen.update(context, template=template)
        return "rendered"

    monkeypatch.setattr("finsam.views_base.render", render)
    return seen


def test_a_saved_form_redirects_with_its_message():
    request = _request("post", {"namn": "Ny"})
    response = form_page(
        request,
        _NamnForm(request.POST),
        save=lambda f: f.cleaned_data["namn"],
        sparad=lambda namn: f"{namn} är sparad.",
        done_url=lambda namn: f"/klar/{namn}/",
        template="finsam/form.html",
    )
    assert (response.status_code, response.url) == (302, "/klar/Ny/")
    assert [str(m) for m in get_messages(request)] == ["Ny är sparad."]


@pytest.mark.parametrize(
    ("fel", "errors"),
    [
        (
            ConflictError("objektet", "Någon annan har sparat."),
            {"__all__": ["Någon annan har sparat."]},
        ),
        (ValidationError({"namn": "Upptaget."}), {"namn": ["Upptaget."]}),
    ],
)
def test_a_refused_save_is_shown_on_the_form(monkeypatch, fel, errors):
    seen = _context(monkeypatch)
    request = _request("post", {"namn": "Ny"})

    def save(form):
        raise fel

    response = form_page(
        request,
        _NamnForm(request.POST),
        save=save,
        sparad="Sparad.",
        done_url="/klar/",
        template="finsam/form.html",
        rubrik="Rubrik",
    )
    assert response == "rendered"
    assert seen["form"].errors == errors
    assert (seen["template"], seen["rubrik"]) == ("finsam/form.html", "Rubrik")
    assert not list(get_messages(request))


def test_a_delete_passes_the_loaded_version(monkeypatch):
    request = _request("post", {"lock_version_loaded": "4"})
    versioner = []
    response = delete_page(
        request,
        _Objekt(),
        delete=versioner.append,
        borttagen="Borttagen.",
        done_url="/lista/",
        template="finsam/fortroendevald_delete.html",
    )
    assert (response.status_code, response.url, versioner) == (302, "/lista/", [4])


def test_a_refused_delete_is_shown_and_get_only_asks(monkeypatch):
    seen = _context(monkeypatch)
    objekt = _Objekt()

    def delete(version):
        raise ValidationError("Används.")

    delete_page(
        _request("post", {"lock_version_loaded": "4"}),
        objekt,
        delete=delete,
        borttagen="Borttagen.",
        done_url="/lista/",
        template="t.html",
    )
    assert seen["form"].non_field_errors() == ["Används."]
    assert seen["objekt"] is objekt
    delete_page(_request(), objekt, delete=delete, borttagen="", done_url="/", template="t.html")
    assert seen["form"].initial == {"lock_version_loaded": 4}


def test_call_service_returns_the_result_or_refused():
    form = _NamnForm({"namn": "x"})
    assert call_service(form, lambda: None) is None
    assert call_service(form, lambda: 5) == 5
    assert form.is_valid()

    def conflict():
        raise ConflictError("objektet", "Ändrad.")

    assert call_service(form, conflict) is REFUSED
    assert form.non_field_errors() == ["Ändrad."]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026", 2026), ("", None), ("x", None), ("0", None), ("-3", None), (str(2**31), None)],
)
def test_positive_int(value, expected):
    assert positive_int({"ar": value}, "ar") == expected
    assert positive_int({}, "ar") is None
