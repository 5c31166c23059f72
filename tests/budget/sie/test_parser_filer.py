"""The SIE parser on files written the way real exporters write them (tests/budget/sie/filer/).

visma.se: Visma Administration style, SIE 4 with #DIM/#OBJEKT, #PSALDO with the {} total
beside rows per objekt, #PBUDGET, unknown labels (#PROSA, #ADRESS, #TAXAR, #VALUTA), blank
lines, a #VER block written with tabs. fortnox.se: Fortnox style, quoted series and
numbers, empty "" transaction dates, #RTRANS/#BTRANS. hogia_sie1_ksumma.se: SIE 1 with a
#KSUMMA checksum.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from budget.sie.parser import (
    Objektref,
    SieFel,
    parse,
    psaldo_per_objekt,
    psaldo_totaler,
    saldo_per_objekt,
    saldo_totaler,
    saldon_for,
    write,
)

FILER = Path(__file__).parent / "filer"


def las(namn: str) -> bytes:
    return (FILER / namn).read_bytes()


def radnr(data: bytes, borjan: str) -> int:
    """The 1-based number of the first line of `data` that starts with `borjan`."""
    for nr, rad in enumerate(data.decode("cp437").split("\r\n"), start=1):
        if rad.lstrip().startswith(borjan):
            return nr
    raise AssertionError(borjan)


@pytest.fixture(scope="module")
def visma():
    return parse(las("visma.se"))


@pytest.fixture(scope="module")
def fortnox():
    return parse(las("fortnox.se"))


def test_files_are_cp437_with_crlf():
    for fil in FILER.glob("*.se"):
        data = fil.read_bytes()
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
        # "ö" is 0x94 in code page 437 (it would be 0xF6 in Latin-1, 0xC3 0xB6 in UTF-8).
        assert b"\x94" in data and b"\xc3" not in data


def test_visma_identity_and_years(visma):
    assert visma.flagga == 0
    assert (visma.program, visma.programversion) == ("Visma Administration", "2024.1")
    assert visma.format == "PC8"
    assert visma.sietyp == 4
    assert visma.genererad == date(2025, 2, 12)
    assert visma.gen_sign == "Eva Ek"
    assert visma.fnamn == "Samordningsförbundet Västmanland"
    assert visma.orgnr == "222000-1776"
    assert visma.kptyp == "BAS2014"
    assert visma.ar() == (date(2024, 1, 1), date(2024, 12, 31))
    assert visma.ar(-1) == (date(2023, 1, 1), date(2023, 12, 31))
    with pytest.raises(SieFel, match="räkenskapsår -2"):
        visma.ar(-2)
    assert visma.ksumma is None


def test_visma_accounts_dimensions_objects(visma):
    assert len(visma.konton) == 10
    assert visma.konton["4010"] == "Köpta tjänster, insatser"
    assert visma.konton["2099"] == "Årets resultat"
    assert visma.ktyp["1930"] == "T" and visma.ktyp["3010"] == "I"
    assert visma.sru == {"1930": "7281", "2440": "7365"}
    assert visma.dimensioner == {1: "Kostnadsställe", 6: "Projekt"}
    assert visma.objekt == {
        (1, "100"): "Kansli",
        (1, "200"): "Insatser",
        (6, "P7"): "Steg till arbete",
        (6, "P 12"): 'Unga "Nästa steg"',
    }


def test_visma_balances(visma):
    ib = saldon_for(visma.ib, 0)
    ub = saldon_for(visma.ub, 0)
    assert {s.konto: s.belopp for s in ib} == {
        "1930": Decimal("1250000"),
        "2098": Decimal("-1165000"),
        "2440": Decimal("-85000"),
    }
    # The balance sheet balances, and #OUB (per objekt) is not among the #UB totals.
    assert sum(s.belopp for s in ib) == 0
    assert sum(s.belopp for s in ub) == 0
    assert [s.konto for s in ub] == ["1930", "2098", "2099", "2440"]
    assert [(s.konto, s.objekt, s.belopp) for s in visma.oub] == [
        ("2440", (Objektref(1, "200"),), Decimal("-62500"))
    ]
    assert [(s.konto, s.belopp) for s in saldon_for(visma.ub, -1)] == [("1930", Decimal("1250000"))]
    # The year's result is the sum of #RES and equals #UB 2099.
    res = sum(s.belopp for s in saldon_for(visma.res, 0))
    assert res == Decimal("-175000") == next(s.belopp for s in ub if s.konto == "2099")


def test_visma_psaldo_without_double_counting(visma):
    januari = saldon_for(visma.psaldo, 0, "202401")
    # Summing every row of 4010 in January counts the money three times: the {} total,
    # the split per kostnadsställe and the split per projekt.
    assert sum(s.belopp for s in januari if s.konto == "4010") == Decimal("930000")
    assert psaldo_totaler(visma, 0, "202401") == {
        "4010": Decimal("310000"),
        "5010": Decimal("15000"),
    }
    assert psaldo_per_objekt(visma, 0, "202401", dim=1) == {
        ("4010", "200"): Decimal("310000"),
        ("5010", "100"): Decimal("15000"),
    }
    assert psaldo_per_objekt(visma, 0, "202401", dim=6) == {
        ("4010", "P7"): Decimal("180000"),
        ("4010", "P 12"): Decimal("130000"),
    }
    # Without a period: the periods of the year added up.
    assert psaldo_totaler(visma, 0) == {
        "4010": Decimal("600000"),
        "5010": Decimal("30000"),
        "7010": Decimal("70416.67"),
    }
    assert psaldo_per_objekt(visma, 0, dim=6) == {
        ("4010", "P7"): Decimal("350000"),
        ("4010", "P 12"): Decimal("250000"),
    }
    assert psaldo_totaler(visma, -1) == {}
    (lon,) = saldon_for(visma.psaldo, 0, "202402")[-1:]
    assert (lon.konto, lon.kvantitet) == ("7010", Decimal("1.5"))
    assert lon.rad == radnr(las("visma.se"), "#PSALDO 0 202402 7010")


def test_visma_pbudget(visma):
    assert saldo_totaler(visma.pbudget, 0, "202401") == {"4010": Decimal("300000")}
    assert saldo_per_objekt(visma.pbudget, 0, "202401", dim=6) == {
        ("4010", "P7"): Decimal("175000"),
        ("4010", "P 12"): Decimal("125000"),
    }
    assert saldo_per_objekt(visma.pbudget, 0, "202401", dim=1) == {}


def test_visma_vouchers_with_tabs(visma):
    hyra, faktura = visma.verifikationer
    assert (hyra.serie, hyra.nummer, hyra.datum, hyra.text, hyra.regdatum) == (
        "A",
        "1",
        date(2024, 1, 10),
        "Hyra januari",
        date(2024, 1, 11),
    )
    assert [(t.konto, t.objekt, t.belopp) for t in hyra.transaktioner] == [
        ("5010", (Objektref(1, "100"),), Decimal("15000")),
        ("1930", (), Decimal("-15000")),
    ]
    assert hyra.rad == radnr(las("visma.se"), "#VER\tA")
    assert faktura.sign == "Eva Ek"
    assert faktura.summa == 0
    forsta = faktura.transaktioner[0]
    assert forsta.objekt == (Objektref(1, "200"), Objektref(6, "P7"))
    assert (forsta.datum, forsta.text) == (date(2024, 1, 31), "Januari")
    assert faktura.transaktioner[1].objekt == (Objektref(1, "200"), Objektref(6, "P 12"))
    assert faktura.transaktioner[2].text == "Leverantör: Västerås stad"
    assert faktura.transaktioner[2].rad == radnr(las("visma.se"), "#TRANS 2440")


def test_fortnox(fortnox):
    assert (fortnox.program, fortnox.programversion) == ("Fortnox", "3.51")
    assert fortnox.fnamn == "Samordningsförbundet Norra Dalarna"
    assert fortnox.konton["1930"] == "Företagskonto / checkkonto / affärskonto"
    assert fortnox.objekt[(1, "2")] == "Insats Å-gården"
    assert psaldo_totaler(fortnox, 0, "202401") == {"6550": Decimal("12500")}
    assert psaldo_per_objekt(fortnox, 0, "202401", 1) == {
        ("6550", "1"): Decimal("5000"),
        ("6550", "2"): Decimal("7500"),
    }
    bidrag, faktura = fortnox.verifikationer
    assert (bidrag.serie, bidrag.nummer) == ("A", "1")
    assert bidrag.transaktioner[0].datum is None
    assert bidrag.transaktioner[0].kvantitet == 0
    assert faktura.text == 'Lev.faktura 1045 Konsult & Co "Bäst" AB'
    # #RTRANS (the added row, repeated as #TRANS) and #BTRANS (a removed row) are skipped.
    assert [(t.konto, t.belopp, t.sign) for t in faktura.transaktioner] == [
        ("2440", Decimal("-12500"), ""),
        ("6550", Decimal("5000"), ""),
        ("6550", Decimal("7500"), "Ann"),
    ]
    assert faktura.transaktioner[0].text == "Konsult & Co"


def test_sie1_with_checksum():
    data = las("hogia_sie1_ksumma.se")
    fil = parse(data)
    assert fil.sietyp == 1
    assert fil.ksumma == 1384172801
    assert fil.programversion == "8.1 SP2"
    assert sum(s.belopp for s in fil.ub) == 0
    # One letter of the company name changed: the checksum no longer matches.
    andrad = data.replace("Öst".encode("cp437"), "Väst".encode("cp437"))
    with pytest.raises(SieFel) as fel:
        parse(andrad)
    assert fel.value.rad == 19 == radnr(andrad, "#KSUMMA 1384172801")
    assert "Kontrollsumman stämmer inte" in str(fel.value)
    assert parse(andrad, kontrollera_ksumma=False).fnamn == "Samordningsförbundet Väst"


def utan_rad(fil):
    """The file's figures without the line numbers (which differ once written again)."""
    for namn in ("ib", "ub", "res", "oib", "oub", "psaldo", "pbudget"):
        setattr(fil, namn, [replace(s, rad=0) for s in getattr(fil, namn)])
    for v in fil.verifikationer:
        v.rad = 0
        for t in v.transaktioner:
            t.rad = 0
    fil.ksumma = None
    return fil


@pytest.mark.parametrize("namn", ["visma.se", "fortnox.se", "hogia_sie1_ksumma.se"])
@pytest.mark.parametrize("ksumma", [False, True])
def test_written_again_reads_the_same(namn, ksumma):
    fil = parse(las(namn))
    igen = parse(write(fil, ksumma=ksumma))
    assert (igen.ksumma is not None) == ksumma
    assert utan_rad(igen) == utan_rad(parse(las(namn)))
