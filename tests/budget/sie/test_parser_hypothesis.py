"""Round trip of the SIE parser: generated files written, read back, the same figures.

Names and codes contain spaces, tabs, quotes, backslashes, braces, # and å/ä/ö; balances
carry object lists; vouchers balance to zero. With a checksum, the file verifies, and a
letter changed anywhere between the two #KSUMMA records is refused on the closing one.
HYPOTHESIS_PROFILE=ci runs 100 examples, the default "dev" profile 25.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from budget.sie.parser import (
    Objektref,
    Saldo,
    SieFel,
    SieFil,
    Transaktion,
    Verifikation,
    parse,
    saldo_totaler,
    write,
)

EXEMPEL = max(hypothesis_settings().max_examples, 25)

# Printable characters of code page 437, and the ones a writer must take care of.
tecken = st.one_of(
    st.characters(codec="cp437", exclude_categories=("Cc", "Cs")),
    st.sampled_from(' \t"\\{}#åäöÅÄÖ'),
)
text = st.text(tecken, max_size=20)
kod = st.text(tecken, min_size=1, max_size=8)
konto = st.one_of(st.from_regex(r"[1-8][0-9]{3}", fullmatch=True), kod)
datum = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
belopp = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)
kvantitet = st.none() | st.decimals(
    min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=3, allow_nan=False
)
objektlista = st.lists(st.builds(Objektref, dim=st.integers(1, 20), kod=kod), max_size=3).map(tuple)
arsnr = st.integers(-3, 0)
period = datum.map(lambda d: d.strftime("%Y%m"))


def saldon(med_objekt: bool, med_period: bool):
    return st.lists(
        st.builds(
            Saldo,
            arsnr=arsnr,
            konto=konto,
            belopp=belopp,
            objekt=objektlista if med_objekt else st.just(()),
            period=period if med_period else st.none(),
            kvantitet=kvantitet,
        ),
        max_size=5,
    )


@st.composite
def verifikation(draw):
    rader = draw(
        st.lists(
            st.builds(
                Transaktion,
                konto=konto,
                belopp=belopp,
                objekt=objektlista,
                datum=st.none() | datum,
                text=text,
                kvantitet=kvantitet,
                sign=text,
            ),
            min_size=1,
            max_size=5,
        )
    )
    # The last row balances the voucher.
    motrad = replace(rader[-1], belopp=-sum((t.belopp for t in rader[:-1]), Decimal(0)))
    return Verifikation(
        serie=draw(text),
        nummer=draw(text),
        datum=draw(datum),
        text=draw(text),
        transaktioner=[*rader[:-1], motrad],
        regdatum=draw(st.none() | datum),
        sign=draw(text),
    )


@st.composite
def rakenskapsar(draw):
    start = draw(datum)
    slut = draw(st.dates(min_value=start, max_value=date(2999, 12, 31)))
    return (start, slut)


@st.composite
def siefil(draw):
    dimensioner = draw(st.dictionaries(st.integers(1, 30), text, max_size=4))
    underdim = {d: draw(st.integers(1, 30)) for d in dimensioner if d > 20 and draw(st.booleans())}
    konton = draw(st.dictionaries(konto, text, max_size=6))
    return SieFil(
        flagga=draw(st.sampled_from([0, 1])),
        program=draw(text),
        programversion=draw(text),
        format="PC8",
        sietyp=draw(st.integers(1, 4)),
        genererad=draw(datum),
        gen_sign=draw(text),
        fnamn="Samordningsförbundet " + draw(text),
        orgnr=draw(text),
        kptyp=draw(text),
        rar=draw(st.dictionaries(st.integers(-3, 0), rakenskapsar(), max_size=3)),
        konton=konton,
        ktyp=draw(st.dictionaries(konto, st.sampled_from("TSKI"), max_size=3)),
        sru=draw(st.dictionaries(konto, st.from_regex(r"[0-9]{4}", fullmatch=True), max_size=3)),
        dimensioner=dimensioner,
        underdimensioner=underdim,
        objekt=draw(st.dictionaries(st.tuples(st.integers(1, 20), kod), text, max_size=5)),
        ib=draw(saldon(False, False)),
        ub=draw(saldon(False, False)),
        res=draw(saldon(False, False)),
        oib=draw(saldon(True, False)),
        oub=draw(saldon(True, False)),
        psaldo=draw(saldon(True, True)),
        pbudget=draw(saldon(True, True)),
        verifikationer=draw(st.lists(verifikation(), max_size=4)),
    )


def utan_rad(fil: SieFil) -> SieFil:
    """The figures without the line numbers and the checksum read."""
    for namn in ("ib", "ub", "res", "oib", "oub", "psaldo", "pbudget"):
        setattr(fil, namn, [replace(s, rad=0) for s in getattr(fil, namn)])
    for v in fil.verifikationer:
        v.rad = 0
        for t in v.transaktioner:
            t.rad = 0
    fil.ksumma = None
    return fil


@hypothesis_settings(max_examples=EXEMPEL)
@given(fil=siefil(), ksumma=st.booleans())
def test_written_file_reads_back_the_same(fil, ksumma):
    data = write(fil, ksumma=ksumma)
    igen = parse(data)
    assert (igen.ksumma is not None) == ksumma
    assert utan_rad(igen) == fil
    # The same figures, in the helpers the importer uses.
    assert saldo_totaler(igen.psaldo, 0) == saldo_totaler(fil.psaldo, 0)
    # Writing what was read gives the same bytes.
    assert write(igen, ksumma=ksumma) == data


def bokstaver_utanfor_etiketter(data: bytes) -> tuple[list[int], int]:
    """Offsets of the ASCII letters between the #KSUMMA records that are not part of a
    label, and the line number of the closing #KSUMMA."""
    rader = data.split(b"\r\n")
    assert rader[1] == b"#KSUMMA" and rader[-2].startswith(b"#KSUMMA ")
    platser: list[int] = []
    borjan = len(rader[0]) + len(rader[1]) + 4
    for rad in rader[2:-2]:
        etikett_slut = len(rad) - len(rad.lstrip()) + len(rad.lstrip().split(b" ", 1)[0])
        platser += [
            borjan + i
            for i in range(etikett_slut, len(rad))
            if chr(rad[i]).isascii() and chr(rad[i]).isalpha()
        ]
        borjan += len(rad) + 2
    return platser, len(rader) - 1


@hypothesis_settings(max_examples=EXEMPEL)
@given(fil=siefil(), data=st.data())
def test_a_changed_letter_breaks_the_checksum(fil, data):
    skrivet = write(fil, ksumma=True)
    assert parse(skrivet).ksumma is not None
    platser, ksumma_rad = bokstaver_utanfor_etiketter(skrivet)
    plats = data.draw(st.sampled_from(platser), label="plats")
    andrat = bytearray(skrivet)
    andrat[plats] ^= 0x20  # a -> A, A -> a: one bit flipped
    with pytest.raises(SieFel) as fel:
        parse(bytes(andrat))
    assert fel.value.rad == ksumma_rad
    assert "Kontrollsumman stämmer inte" in fel.value.meddelande


# Pieces of SIE lines, put together at random: whatever comes out, parse either reads it
# or refuses it with a SieFel that names a line of the input, never another exception.
bitar = st.sampled_from(
    [
        "#FLAGGA",
        "#KSUMMA",
        "#RAR",
        "#KONTO",
        "#DIM",
        "#OBJEKT",
        "#IB",
        "#UB",
        "#OIB",
        "#RES",
        "#PSALDO",
        "#PBUDGET",
        "#VER",
        "#TRANS",
        "#RTRANS",
        "#BTRANS",
        "#GEN",
        "#SIETYP",
        "#UNDERDIM",
        "#OKAND",
        "{",
        "}",
        "{}",
        '{1 "100"}',
        '"',
        '\\"',
        "\\",
        "0",
        "-1",
        "1930",
        "202401",
        "202413",
        "20240105",
        "20240230",
        "100.00",
        "-5",
        "1,5",
        ".5",
        "9" * 5000,
        '"text med mellanslag"',
        "å",
        "\t",
        " ",
        "\x1a",
        "",
    ]
)
rad = st.lists(bitar, max_size=8).map(" ".join)


@hypothesis_settings(max_examples=EXEMPEL * 4)
@given(rader=st.lists(rad, max_size=12), radslut=st.sampled_from(["\r\n", "\n", "\r"]))
def test_any_input_is_read_or_refused_with_a_line(rader, radslut):
    data = radslut.join(rader).encode("cp437")
    try:
        parse(data)
    except SieFel as fel:
        assert 0 <= fel.rad <= max(len(rader), 1)
        assert fel.meddelande
