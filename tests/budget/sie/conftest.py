"""Helpers for the SIE tests: a small file built with the parser's writer."""

from datetime import date
from decimal import Decimal

import pytest

from budget.sie import services
from budget.sie.parser import Objektref, Saldo, SieFil, write


def sie_fil(*, orgnr="", rar=(date(2025, 1, 1), date(2025, 12, 31)), psaldo=()) -> SieFil:
    fil = SieFil(
        flagga=0,
        program="Test",
        format="PC8",
        sietyp=4,
        orgnr=orgnr,
        rar={0: rar},
        konton={"3010": "Medel", "5010": "Löner", "6110": "Kontorsmaterial"},
        dimensioner={1: "Kostnadsställe"},
    )
    for konto, period, belopp, *objekt in psaldo:
        fil.psaldo.append(
            Saldo(0, konto, Decimal(belopp), tuple(Objektref(1, o) for o in objekt), period)
        )
    return fil


#: Medel 10 000 000 (credit); Team A 3 000 000 on kostnadsställe A, Kansli 1 500 000 on K,
#: and 200 000 on kostnadsställe X that no line takes.
PSALDO = [
    ("3010", "202501", "-10000000"),
    ("5010", "202503", "4700000"),
    ("5010", "202503", "3000000", "A"),
    ("5010", "202503", "1500000", "K"),
    ("5010", "202503", "200000", "X"),
]


def sie_bytes(**kw) -> bytes:
    kw.setdefault("psaldo", PSALDO)
    return write(sie_fil(**kw), ksumma=True)


@pytest.fixture
def mappad(exempel):
    """The small budget with Medel on 3000–3999, Team A and Kansli on 4000–7999 by
    kostnadsställe (1) A and K."""
    r = exempel.rader
    services.kontomappning_save(
        rad=r.medel, konton="3000-3999", dimension=None, objekt="", expected_version=0
    )
    services.kontomappning_save(
        rad=r.team_a, konton="4000-7999", dimension=1, objekt="A", expected_version=0
    )
    services.kontomappning_save(
        rad=r.kansli, konton="4000-7999", dimension=1, objekt="K", expected_version=0
    )
    return exempel
