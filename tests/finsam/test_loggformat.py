"""Logs as JSON lines in production (finsam/loggformat.py, LOGGING in
finsam/settings/production.py): one JSON object per record, on one line, with the time in
UTC, the level, the logger, the message, the exception and the request's path and status."""

import importlib
import io
import json
import logging
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from finsam.loggfilter import UtanTraceback403
from finsam.loggformat import JsonFormatter


def _post(msg="hej", *args, level=logging.WARNING, exc_info=None, **extra):
    record = logging.LogRecord("finsam.test", level, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_json_line_with_time_level_logger_message():
    fore = datetime.now(UTC)
    rad = JsonFormatter().format(_post("Rad ett\nrad två: %s", "åäö"))
    assert "\n" not in rad
    data = json.loads(rad)
    assert data["level"] == "WARNING"
    assert data["logger"] == "finsam.test"
    assert data["message"] == "Rad ett\nrad två: åäö"
    tid = datetime.fromisoformat(data["time"])
    assert tid.utcoffset() == timedelta(0)
    assert abs(tid - fore) < timedelta(seconds=5)
    assert "exception" not in data and "path" not in data and "status" not in data


def test_the_exception_is_carried_on_the_same_line():
    try:
        raise ValueError("trasig\nflerradig")
    except ValueError:
        rad = JsonFormatter().format(_post("fel", level=logging.ERROR, exc_info=sys.exc_info()))
    assert "\n" not in rad
    data = json.loads(rad)
    assert data["level"] == "ERROR"
    assert data["exception"].startswith("Traceback (most recent call last):")
    assert "ValueError: trasig\nflerradig" in data["exception"]


def test_path_and_status_of_a_request(rf):
    rad = JsonFormatter().format(
        _post("Not Found: /x/", request=rf.get("/x/?q=1"), status_code=404)
    )
    data = json.loads(rad)
    assert (data["path"], data["method"], data["status"]) == ("/x/", "GET", 404)
    # runserver's django.server records carry a socket as `request`: no path then.
    assert "path" not in json.loads(JsonFormatter().format(_post(request=object())))


def test_a_stream_gets_one_line_per_record():
    strom = io.StringIO()
    handler = logging.StreamHandler(strom)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("finsam.test.strom")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("ett\ntvå")
        try:
            raise ZeroDivisionError("noll")
        except ZeroDivisionError:
            logger.exception("tre")
    finally:
        logger.removeHandler(handler)
    rader = strom.getvalue().splitlines()
    assert [json.loads(r)["message"] for r in rader] == ["ett\ntvå", "tre"]
    assert "ZeroDivisionError" in json.loads(rader[1])["exception"]


def test_a_403_through_the_filter_is_one_line_without_exception(demo, demo_user, client):
    strom = io.StringIO()
    handler = logging.StreamHandler(strom)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(UtanTraceback403())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.force_login(demo_user("styrgrupp-vasteras"))
        assert client.get(reverse("finsam:rapporter")).status_code == 403
    finally:
        logger.removeHandler(handler)
    (rad,) = strom.getvalue().splitlines()
    data = json.loads(rad)
    assert data["status"] == 403 and data["path"] == "/rapporter/"
    assert "exception" not in data


def _produktion(monkeypatch, **miljo):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test-" + "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "finsam.example.se")
    monkeypatch.delenv("FINSAM_LOGG", raising=False)
    for namn, varde in miljo.items():
        monkeypatch.setenv(namn, varde)
    # Fresh modules (base reads the environment too); monkeypatch puts the old ones back.
    for namn in ("finsam.settings.base", "finsam.settings.production"):
        monkeypatch.delitem(sys.modules, namn, raising=False)
    try:
        return importlib.import_module("finsam.settings.production")
    finally:
        sys.modules.pop("finsam.settings.production", None)


def test_production_logs_json_by_default_and_keeps_the_403_filter(monkeypatch):
    prod = _produktion(monkeypatch)
    logging_ = prod.LOGGING
    assert prod.FINSAM_LOGG == "json"
    assert logging_["formatters"]["json"]["()"] == "finsam.loggformat.JsonFormatter"
    assert logging_["handlers"]["console"]["formatter"] == "json"
    assert logging_["loggers"]["django.request"]["filters"] == ["utan_traceback_403"]
    assert "utan_traceback_403" in logging_["filters"]
    # base.LOGGING (development, tests) is left as it was.
    assert "formatter" not in sys.modules["finsam.settings.base"].LOGGING["handlers"]["console"]


def test_production_text_logs_on_request_and_nonsense_refused(monkeypatch):
    prod = _produktion(monkeypatch, FINSAM_LOGG="text")
    assert "formatter" not in prod.LOGGING["handlers"]["console"]
    with pytest.raises(ImproperlyConfigured):
        _produktion(monkeypatch, FINSAM_LOGG="xml")
