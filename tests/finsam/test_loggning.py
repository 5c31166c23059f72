"""A 403 is logged once, in one line, without a traceback (finsam/loggfilter.py and
LOGGING in finsam/settings/base.py)."""

import logging

import pytest
from django.urls import reverse


@pytest.fixture
def request_logg(caplog):
    """caplog on django.request itself: the logger does not pass records on to the root."""
    logger = logging.getLogger("django.request")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.WARNING, logger="django.request")
    yield caplog
    logger.removeHandler(caplog.handler)


def test_a_403_is_one_line_without_traceback(demo, demo_user, client, request_logg):
    client.force_login(demo_user("styrgrupp-vasteras"))
    assert client.get(reverse("finsam:rapporter")).status_code == 403
    rader = [r for r in request_logg.records if r.name == "django.request"]
    assert len(rader) == 1
    assert rader[0].getMessage() == "Forbidden (Permission denied): /rapporter/"
    assert rader[0].exc_info is None
    assert "Traceback" not in request_logg.text


def test_a_500_keeps_its_traceback(request_logg):
    from django.utils.log import log_response

    try:
        raise ValueError("trasig")
    except ValueError as e:
        undantag = e

    class Svar:
        status_code = 500

    log_response("Internal Server Error: /x/", response=Svar(), exception=undantag)
    assert "Traceback" in request_logg.text and "trasig" in request_logg.text


def test_django_request_is_written_by_one_handler():
    """Not also by the `django` logger's console (DEBUG) on its way to the root's."""
    handlers = []
    logger = logging.getLogger("django.request")
    while logger:
        handlers += [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
        logger = logger.parent if logger.propagate else None
    assert len(handlers) == 1
