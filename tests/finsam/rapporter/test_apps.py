"""The roof is an app of its own: its ready() tells finsam.concurrency what an adopted
edition locks, as budget and uppfoljning do for their models; the ground floor names none."""

import inspect

from django.apps import apps

from finsam import concurrency
from finsam.rapporter.utgava.faststall import las_for


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
