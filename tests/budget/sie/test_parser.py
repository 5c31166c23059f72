"""The SIE 4 parser (budget/sie/parser.py): reading, writing, refusals."""

from datetime import date
from decimal import Decimal

import pytest

from budget.sie.parser import SieFel, parse, psaldo_per_objekt, psaldo_totaler

ENKEL = (
    "#FLAGGA 0\r\n"
    "#FORMAT PC8\r\n"
    "#SIETYP 4\r\n"
    '#FNAMN "Samordningsförbundet Test"\r\n'
    "#RAR 0 20240101 20241231\r\n"
    '#KONTO 4010 "Köpta tjänster"\r\n'
    "#PSALDO 0 202401 4010 {} 300.00\r\n"
    '#PSALDO 0 202401 4010 {1 "100"} 100.00\r\n'
    '#PSALDO 0 202401 4010 {1 "200"} 200.00\r\n'
    '#VER A 1 20240105 "Faktura"\r\n'
    "{\r\n"
    "#TRANS 1930 {} -300.00\r\n"
    '#TRANS 4010 {1 "100"} 300.00\r\n'
    "}\r\n"
).encode("cp437")


def test_reads_a_small_file():
    fil = parse(ENKEL)
    assert fil.fnamn == "Samordningsförbundet Test"
    assert fil.ar(0) == (date(2024, 1, 1), date(2024, 12, 31))
    assert fil.konton == {"4010": "Köpta tjänster"}
    assert psaldo_totaler(fil, 0, "202401") == {"4010": Decimal("300.00")}
    assert psaldo_per_objekt(fil, 0, "202401", 1) == {
        ("4010", "100"): Decimal("100"),
        ("4010", "200"): Decimal("200"),
    }
    assert fil.verifikationer[0].transaktioner[1].belopp == Decimal("300.00")


def test_unbalanced_voucher_names_its_line():
    data = ENKEL.replace(b"-300.00", b"-299.00")
    with pytest.raises(SieFel) as fel:
        parse(data)
    assert fel.value.rad == 10
    assert str(fel.value).startswith("Rad 10: ")
