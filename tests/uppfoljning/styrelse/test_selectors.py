"""The meetings and events of a period (uppfoljning/styrelse/selectors.py): the counts are
computed from the rows, in the period only; the demo's delår and year."""

from datetime import date

import pytest

from uppfoljning.models import Styrelsemote
from uppfoljning.styrelse import selectors, services

pytestmark = pytest.mark.django_db


def test_demo_delar_period_has_two_ordinarie_two_extra_and_one_medlemssamrad(demo):
    a = selectors.styrelsens_arbete(demo, date(2025, 1, 1), date(2025, 8, 31))
    assert (a.antal_ordinarie, a.antal_extra, a.antal_medlemssamrad) == (2, 2, 1)
    assert a.antal_styrelsemoten == 4
    assert [m.datum for m in a.medlemssamrad] == [date(2025, 3, 28)]
    assert [m.datum for m in a.moten] == sorted(m.datum for m in a.moten)


def test_demo_year_2025(demo):
    a = selectors.styrelsens_arbete(demo, date(2025, 1, 1), date(2025, 12, 31))
    assert (a.antal_ordinarie, a.antal_extra, a.antal_medlemssamrad) == (4, 2, 1)
    h = selectors.handelser(demo, date(2025, 1, 1), date(2025, 8, 31))
    assert [x.rubrik for x in h] == [
        "Andra året som länsförbund",
        "Förbundschefen går i pension",
        "Ny förbundschef rekryterad",
    ]
    assert len(selectors.handelser(demo, date(2025, 1, 1), date(2025, 12, 31))) == 5


def test_counts_follow_the_rows_and_the_period_bounds(forbund):
    for datum, typ in (
        (date(2024, 12, 31), "ordinarie"),
        (date(2025, 1, 1), "extra"),
        (date(2025, 8, 31), "ordinarie"),
        (date(2025, 9, 1), "ordinarie"),
    ):
        services.styrelsemote_save(
            mote=Styrelsemote(forbund=forbund, datum=datum, typ=typ), expected_version=0
        )
    a = selectors.styrelsens_arbete(forbund, date(2025, 1, 1), date(2025, 8, 31))
    assert (a.antal_ordinarie, a.antal_extra, a.antal_medlemssamrad) == (1, 1, 0)
    assert selectors.ar_med_uppgifter(forbund) == [2025, 2024]
