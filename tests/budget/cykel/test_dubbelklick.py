"""Starta nästa år pressed twice, or by two people at once, makes one budget (issue 9, defect 7).

Ten simultaneous POSTs to /budget/nasta-ar/ on PostgreSQL created ten "Budget 2026". The
database now holds one budget per förbund and year, and the service locks the förbund.
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from budget.cykel.services import budget_start_next_year
from budget.models import Budgetversion
from budget.services import budgetversion_create
from tests import factories as f
from tests.budget.conftest import make_exempelbudget

START = reverse("budget:start-next-year")


def _budgetar(forbund, ar):
    return Budgetversion.objects.filter(forbund=forbund, ar=ar, typ=Budgetversion.Typ.BUDGET)


def test_the_database_refuses_a_second_budget_for_a_year(exempel):
    with pytest.raises(IntegrityError), transaction.atomic():
        Budgetversion.objects.create(
            forbund=exempel.budget.forbund,
            ar=exempel.budget.ar,
            typ=Budgetversion.Typ.BUDGET,
            beslutsdatum=date(2025, 1, 1),
        )


def test_a_second_budget_is_a_swedish_validation_error(exempel):
    with pytest.raises(ValidationError, match="redan en budget"):
        budgetversion_create(
            forbund=exempel.budget.forbund,
            typ=Budgetversion.Typ.BUDGET,
            ar=exempel.budget.ar,
            beslutsdatum=date(2025, 1, 1),
        )
    # Plans and tilläggsbudgetar are not limited.
    for typ in (Budgetversion.Typ.PLAN, Budgetversion.Typ.TILLAGG):
        for _ in range(2):
            budgetversion_create(
                forbund=exempel.budget.forbund, typ=typ, ar=2025, beslutsdatum=date(2025, 6, 1)
            )


def test_starting_twice_makes_one_budget(exempel):
    forbund = exempel.budget.forbund
    budget_start_next_year(forbund=forbund, ar=2025, beslutsdatum=date(2025, 11, 20))
    with pytest.raises(ValidationError, match="2026 har redan en budget"):
        budget_start_next_year(forbund=forbund, ar=2025, beslutsdatum=date(2025, 11, 20))
    assert _budgetar(forbund, 2026).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every write transaction"
)
def test_ten_simultaneous_posts_make_one_budget():
    forbund = f.make_forbund()
    make_exempelbudget(forbund)
    kansli = f.make_user(forbund, "kansli")
    klienter = []
    for _ in range(10):
        c = Client()
        c.force_login(kansli)
        klienter.append(c)
    start = threading.Barrier(len(klienter))
    svar = []

    def posta(c):
        try:
            start.wait()
            svar.append(c.post(START, {"ar": 2025, "beslutsdatum": "2025-11-20"}).status_code)
        finally:
            connection.close()

    trådar = [threading.Thread(target=posta, args=(c,)) for c in klienter]
    for t in trådar:
        t.start()
    for t in trådar:
        t.join(60)
    assert svar == [302] * 10  # one to the new budget, nine back with the message
    assert _budgetar(forbund, 2026).count() == 1
