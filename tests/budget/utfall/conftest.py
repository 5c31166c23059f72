"""Utfall on the small example budget (tests/budget/conftest.py): a delår per 2025-08-31 and
bokslut per 2024-12-31 and 2025-12-31.

                     budget 2025   delår utfall / prognos   bokslut 2025 (i / k)    2024 (i / k)
Medel                 10 000 000    6 000 000 / 10 000 000   10 000 000 / 0          9 000 000 / 0
Team A                −3 000 000   −2 000 000 / −2 800 000   0 / −2 900 400          0 / −2 500 000
Team B                −2 000 000   −1 500 000 /  (none)      0 / −2 100 600          –
Metodstöd             −1 000 000      200 000 / −1 000 000   1 200 / −1 000 700      –
Processtöd            −1 000 000     −600 000 /   −900 000   0 / −999 499            0 / −800 000
Kansli                −1 500 000   −1 000 000 / −1 600 000   0 / −1 500 400          0 / −1 400 000
"""

from datetime import date
from types import SimpleNamespace

import pytest

from budget.models import Utfallsperiod
from budget.utfall import services
from budget.utfall.services import Utfallsvarde


def make_period(forbund, per, typ, varden):
    period = services.utfallsperiod_create(forbund=forbund, per=per, typ=typ)
    services.utfall_save(period=period, varden=varden, expected_version=0)
    period.refresh_from_db()
    return period


@pytest.fixture
def utfall(exempel):
    r = exempel.rader
    f = exempel.forbund
    U = Utfallsvarde
    delar = make_period(
        f,
        date(2025, 8, 31),
        Utfallsperiod.Typ.DELAR,
        {
            r.medel.pk: U(netto=6_000_000, prognos=10_000_000),
            r.team_a.pk: U(netto=-2_000_000, prognos=-2_800_000, kommentar="Vakant tjänst."),
            r.team_b.pk: U(netto=-1_500_000),
            r.metod.pk: U(netto=200_000, prognos=-1_000_000),
            r.processtod.pk: U(netto=-600_000, prognos=-900_000),
            r.kansli.pk: U(netto=-1_000_000, prognos=-1_600_000),
        },
    )
    bokslut = make_period(
        f,
        date(2025, 12, 31),
        Utfallsperiod.Typ.BOKSLUT,
        {
            r.medel.pk: U(intakt=10_000_000, kostnad=0),
            r.team_a.pk: U(intakt=0, kostnad=-2_900_400),
            r.team_b.pk: U(intakt=0, kostnad=-2_100_600),
            r.metod.pk: U(intakt=1_200, kostnad=-1_000_700),
            r.processtod.pk: U(intakt=0, kostnad=-999_499),
            r.kansli.pk: U(intakt=0, kostnad=-1_500_400),
        },
    )
    fjol = make_period(
        f,
        date(2024, 12, 31),
        Utfallsperiod.Typ.BOKSLUT,
        {
            r.medel.pk: U(intakt=9_000_000, kostnad=0),
            r.team_a.pk: U(intakt=0, kostnad=-2_500_000),
            r.processtod.pk: U(intakt=0, kostnad=-800_000),
            r.kansli.pk: U(intakt=0, kostnad=-1_400_000),
        },
    )
    return SimpleNamespace(delar=delar, bokslut=bokslut, fjol=fjol, exempel=exempel)
