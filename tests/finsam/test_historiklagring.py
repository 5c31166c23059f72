"""The history storage (finsam/historiklagring.py): every history row knows its förbund."""

from datetime import date

from django.apps import apps

from budget.models import Budgetbelopp, Utfallsperiod, Utfallsrad
from budget.services import budgetversion_create
from finsam.historiklagring import fyll_forbund
from insatser.models import Bemanning
from tests import factories

# --- storing the förbund ------------------------------------------------------------------


def test_a_child_row_stores_its_forbund(empty_db, forbund, insats):
    bemanning = factories.make_bemanning(insats)
    assert bemanning.history.get().forbund_id == forbund.pk
    period = Utfallsperiod.objects.create(forbund=forbund, per=date(2025, 8, 31))
    rad = factories.make_rad(factories.make_grupp(forbund))
    Utfallsrad.objects.create(period=period, rad=rad, intakt=1)
    assert Utfallsrad.history.get().forbund_id == forbund.pk


def test_a_copied_budget_stores_its_forbund_on_the_bulk_history(forbund):
    rad = factories.make_rad(factories.make_grupp(forbund))
    source = factories.make_version(forbund, 2025)
    factories.set_belopp(source, rad, -1000)
    copy = budgetversion_create(
        forbund=forbund,
        typ="budget",
        ar=2026,
        beslutsdatum=date(2025, 11, 1),
        kopiera_fran=source,
    )
    rows = Budgetbelopp.history.filter(version_id=copy.pk)
    assert rows.count() == 1
    assert rows.get().forbund_id == forbund.pk


def test_the_backfill_fills_rows_written_before_the_column(empty_db, forbund, insats):
    kept = factories.make_bemanning(insats)
    removed_insats = factories.make_insats(forbund)
    factories.make_bemanning(removed_insats)
    removed_insats.delete()
    Bemanning.history.update(forbund=None)
    assert Bemanning.history.filter(forbund__isnull=True).count() == 3

    fyll_forbund(apps, [("insatser", "Bemanning", "insats", "insatser", "Insats")])

    assert Bemanning.history.filter(forbund_id=forbund.pk).count() == 3
    assert kept.history.get().forbund_id == forbund.pk
