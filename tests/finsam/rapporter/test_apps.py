"""The roof is an app of its own: its ready() tells finsam.concurrency what an adopted
edition locks, as budget and uppfoljning do for their models; the ground floor names none."""

import inspect
import os
import subprocess
import sys

from django.apps import apps

from finsam import concurrency
from finsam.models import Rapportutgava
from finsam.rapporter.utgava.las import las_for


def test_the_roof_is_an_app_without_models():
    config = apps.get_app_config("rapporter")
    assert config.name == "finsam.rapporter"
    assert list(config.get_models()) == []


def test_the_apps_register_what_can_be_locked():
    for label in (
        "budget.Budgetversion",
        "budget.Utfallsperiod",
        "budget.Bokslut",
        "budget.Medelstilldelning",
        "uppfoljning.Deltagarrapport",
        "finsam.Rapportutgava",
    ):
        assert concurrency.is_lockable(apps.get_model(label)), label
    assert not concurrency.is_lockable(apps.get_model("finsam.Medlem"))
    assert las_for in concurrency._lock_lookups


def test_the_ground_floor_names_no_app():
    source = inspect.getsource(concurrency)
    for name in ("finsam.rapporter", "budget", "uppfoljning", "insatser"):
        assert name not in source, name


def test_an_edition_is_named_after_its_document():
    assert str(Rapportutgava(dokument="arsredovisning", nyckel="2025")) == "Årsredovisning 2025"
    assert str(Rapportutgava(dokument="okand", nyckel="2025")) == "okand 2025"


def test_start_up_does_not_load_the_documents_or_weasyprint():
    """ready() registers lookups only: every process (migrate, a worker) starts without the
    documents and the PDF machinery, which the first report request loads."""
    kod = (
        "import django, sys; django.setup(); "
        "print(sorted(m for m in ('weasyprint', 'finsam.rapporter.views') if m in sys.modules))"
    )
    ut = subprocess.run(
        [sys.executable, "-c", kod],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "finsam.settings.test"},
    )
    assert ut.stdout.strip() == "[]"
