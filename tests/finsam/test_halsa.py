"""The health check /halsa/ (finsam/halsa.py): public, JSON, cheap, writes nothing, never
cached, 503 without details when the database is down, not redirected to https."""

import importlib
import json
import logging
import sys

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from finsam.halsa import halsa

pytestmark = pytest.mark.django_db

URL = "/halsa/"


def test_url_name():
    assert reverse("finsam:halsa") == URL


def test_up_answers_ok_to_anybody(client):
    with CaptureQueriesContext(connection) as fragor:
        svar = client.get(URL)
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/json"
    assert json.loads(svar.content) == {"status": "ok"}
    assert "no-cache" in svar["Cache-Control"] and "max-age=0" in svar["Cache-Control"]
    # One query, the check itself: no session, no user, nothing written.
    assert [q["sql"] for q in fragor.captured_queries] == ["SELECT 1"]
    assert "sessionid" not in svar.cookies


def test_head_for_load_balancers_post_refused(client, rf):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405
    # Without a body (the test client drops it; gunicorn would log a warning per probe).
    assert halsa(rf.head(URL)).content == b""


def test_database_down_is_503_without_details(client, monkeypatch, caplog):
    def trasig():
        raise OperationalError('could not connect to server "db.intern" port 5432: secret')

    monkeypatch.setattr(connection, "cursor", trasig)
    with caplog.at_level(logging.ERROR, logger="finsam.halsa"):
        svar = client.get(URL)
    assert svar.status_code == 503
    data = json.loads(svar.content)
    assert data["status"] == "fel"
    text = svar.content.decode()
    assert "db.intern" not in text and "5432" not in text and "secret" not in text
    assert "no-cache" in svar["Cache-Control"]
    # The operator finds the cause in the log.
    (post,) = [r for r in caplog.records if r.name == "finsam.halsa"]
    assert post.levelno == logging.ERROR and "db.intern" in str(post.exc_info[1])


@pytest.fixture
def produktion(monkeypatch):
    """finsam.settings.production, imported with the environment it requires."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test-" + "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "finsam.example.se")
    # Fresh modules (base reads the environment too); monkeypatch puts the old ones back.
    for namn in ("finsam.settings.base", "finsam.settings.production"):
        monkeypatch.delitem(sys.modules, namn, raising=False)
    yield importlib.import_module("finsam.settings.production")
    sys.modules.pop("finsam.settings.production", None)


def test_not_redirected_to_https_in_production(client, produktion):
    assert produktion.SECURE_SSL_REDIRECT is True
    with override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=produktion.SECURE_REDIRECT_EXEMPT
    ):
        assert client.get(URL).status_code == 200
        # … while the other pages still are (the exemption is this URL only).
        assert client.get(reverse("login")).status_code == 301
        assert client.get("/halsa/x/").status_code == 301
