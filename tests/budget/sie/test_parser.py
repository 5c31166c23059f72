"""The SIE 4 parser (budget/sie/parser.py): reading, writing, refusals."""

import zlib
from datetime import date
from decimal import Decimal

import pytest

from budget.sie.parser import (
    SieFel,
    gissa_kodning,
    parse,
    psaldo_per_objekt,
    psaldo_totaler,
    write,
)

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


# --- refusals: each names the right line -----------------------------------------------------

GRUND = [
    "#FLAGGA 0",  # 1
    "#FORMAT PC8",  # 2
    "#SIETYP 4",  # 3
    "#RAR 0 20240101 20241231",  # 4
    '#KONTO 1930 "Bank"',  # 5
    "#IB 0 1930 100.00",  # 6
    "#PSALDO 0 202401 1930 {} 100.00",  # 7
    '#VER A 1 20240105 "Text"',  # 8
    "{",  # 9
    "#TRANS 1930 {} 100.00",  # 10
    '#TRANS 2440 {1 "100"} -100.00',  # 11
    "}",  # 12
]


def med(andringar: dict[int, str | None]) -> bytes:
    """GRUND with lines (1-based) replaced, or removed when None."""
    rader = [andringar.get(nr, rad) for nr, rad in enumerate(GRUND, start=1)]
    return ("\r\n".join(r for r in rader if r is not None) + "\r\n").encode("cp437")


def test_the_base_file_is_read():
    fil = parse(med({}))
    assert fil.ib[0].belopp == Decimal("100.00")
    assert len(fil.verifikationer[0].transaktioner) == 2


@pytest.mark.parametrize(
    ("andringar", "rad", "text"),
    [
        ({6: "#IB 0 1930 100,50"}, 6, "Ogiltigt belopp: '100,50'"),
        ({6: "#IB 0 1930 1e3"}, 6, "Ogiltigt belopp"),
        ({6: "#IB 0 1930"}, 6, "saknar fältet belopp"),
        ({6: "#IB x 1930 100.00"}, 6, "årsnr ska vara ett heltal"),
        ({10: "#TRANS 1930 {} 1 000.00"}, 10, "Ogiltigt transdatum: '000.00'"),
        ({11: '#TRANS 2440 {1 "100"} -100.00 12345'}, 11, "Ogiltigt transdatum"),
        ({8: '#VER A 1 20240231 "Text"'}, 8, "Ogiltigt verifikationsdatum: '20240231' finns inte"),
        ({8: '#VER A 1 2024-01-05 "Text"'}, 8, "ÅÅÅÅMMDD"),
        ({4: "#RAR 0 20240101 2024123"}, 4, "Ogiltigt slutdatum"),
        ({4: "#RAR 0 20240101 20231231"}, 4, "slutar före"),
        ({7: "#PSALDO 0 202413 1930 {} 100.00"}, 7, "Ogiltig period"),
        ({7: "#PSALDO 0 202401 1930 P7 100.00"}, 7, "objektlista ska skrivas inom {}"),
        ({7: "#PSALDO 0 202401 1930 {1} 100.00"}, 7, "par av dimension och objektkod"),
        ({7: '#PSALDO 0 202401 1930 {x "1"} 100.00'}, 7, "dimension ska vara ett heltal"),
        ({10: "#TRANS 1930 {} 99.99"}, 8, "balanserar inte: summan av #TRANS är -0.01"),
        ({11: None}, 8, "Verifikation A 1 balanserar inte"),
        ({5: '#KONTO 1930 "Bank'}, 5, "citattecken avslutas inte"),
        ({5: '#KONTO 1930 "Bank \\"'}, 5, "citattecken avslutas inte"),
        ({11: '#TRANS 2440 {1 "100" -100.00'}, 11, "saknar avslutande }"),
        ({11: '#TRANS 2440 {1 "100"'}, 11, "saknar avslutande }"),
        ({11: "#TRANS 2440 {1 {100}} -100.00"}, 11, "får inte innehålla {"),
        ({12: None}, 8, "saknar avslutande }"),
        ({9: None}, 8, "ska följas av ett block"),
        ({9: None, 12: None}, 8, "ska följas av ett block"),
        ({6: "#TRANS 1930 {} 100.00"}, 6, "utanför en verifikations block"),
        ({6: "{"}, 6, "Oväntad {"),
        ({6: "}"}, 6, "Oväntad }"),
        ({6: "IB 0 1930 100.00"}, 6, "ska börja med en etikett"),
        ({12: '} #VER A 2 20240105 "Text"'}, 12, "ska börja med en etikett"),
        ({2: "#KSUMMA"}, 2, "ingen avslutande #KSUMMA"),
        ({2: "#KSUMMA 123"}, 2, "saknar inledande #KSUMMA"),
        ({3: "#SIETYP fyra"}, 3, "sietyp ska vara ett heltal"),
        ({6: "#IB " + "9" * 5000 + " 1930 1.00"}, 6, "årsnr ska vara ett heltal"),
        ({6: "#IB 0 1930 " + "9" * 19}, 6, "Ogiltigt belopp"),
        ({6: "#IB 0 1930 1." + "0" * 13}, 6, "Ogiltigt belopp"),
    ],
)
def test_refusal_names_the_line(andringar, rad, text):
    with pytest.raises(SieFel) as fel:
        parse(med(andringar))
    assert fel.value.rad == rad
    assert text in fel.value.meddelande
    assert str(fel.value) == f"Rad {rad}: {fel.value.meddelande}"
    assert isinstance(fel.value, ValueError)


def test_a_second_ver_inside_an_open_block_names_the_first():
    data = med({12: '#VER A 2 20240106 "Nästa"'})
    with pytest.raises(SieFel) as fel:
        parse(data)
    assert fel.value.rad == 8
    assert "före rad 12" in fel.value.meddelande


def test_wrong_checksum_names_the_ksumma_line():
    rader = ["#FLAGGA 0", "#KSUMMA", *GRUND[1:], "#KSUMMA 12345"]
    data = ("\r\n".join(rader) + "\r\n").encode("cp437")
    with pytest.raises(SieFel) as fel:
        parse(data)
    assert fel.value.rad == len(rader)
    assert "Kontrollsumman stämmer inte: filen anger 12345" in fel.value.meddelande


def test_checksum_covers_labels_and_field_text_only():
    """KSUMMA: CRC-32 of label + field texts between the two #KSUMMA records, without the
    spaces, quotes, braces and line ends (the SIE 4B rule); #FLAGGA is outside."""
    innehall = [
        "#FORMAT PC8",
        '#KONTO 1930 "Bank \\"A\\""',
        '#PSALDO 0 202401 1930 {1 "P 7"} 1.00',
    ]
    vantad = zlib.crc32('#FORMATPC8#KONTO1930Bank "A"#PSALDO020240119301P 71.00'.encode("cp437"))
    rader = ["#FLAGGA 0", "#KSUMMA", *innehall, f"#KSUMMA {vantad}"]
    fil = parse("\r\n".join(rader).encode("cp437"))
    assert fil.ksumma == vantad
    # Spacing, tabs and quoting where it is not needed do not change the sum.
    annorlunda = [
        '#FORMAT\t"PC8"',
        '#KONTO "1930"   "Bank \\"A\\""',
        '#PSALDO 0 202401 1930 { 1 "P 7" } "1.00"',
    ]
    rader = ["#FLAGGA 1", "#KSUMMA", *annorlunda, f"#KSUMMA {vantad}"]
    assert parse("\n".join(rader)).ksumma == vantad


def test_unknown_labels_blank_lines_tabs_and_text_input():
    text = (
        "\ufeff#FLAGGA 0\n\n"
        '#OKAND_ETIKETT 1 2 {3 4} "fem"\n'
        '\t#KONTO\t1930\t"Bank"\t\n'
        "   \n"
        '#ADRESS "Eva" "Box 1" "123 45 Ort" "010-1"\n'
        "#VER A 1 20240105\n{\n#TRANS 1930 {} 1\n#OKAND inne i blocket\n#TRANS 2440 {} -1\n}\n"
    )
    fil = parse(text)
    assert fil.konton == {"1930": "Bank"}
    assert [t.rad for t in fil.verifikationer[0].transaktioner] == [9, 11]
    # Old line ends (CR only) and a DOS end-of-file mark.
    fil = parse(text[1:].replace("\n", "\r").encode("cp437") + b"\x1a")
    assert fil.konton == {"1930": "Bank"}


def test_amounts_are_decimal_never_float():
    fil = parse(med({6: "#IB 0 1930 -0.1", 10: "#TRANS 1930 {} .1", 11: "#TRANS 2440 {} -0.10"}))
    assert fil.ib[0].belopp == Decimal("-0.1")
    assert all(isinstance(t.belopp, Decimal) for t in fil.verifikationer[0].transaktioner)
    # 0.1 + 0.2 - 0.3 balances in Decimal (it would not in float).
    data = med({10: "#TRANS 1930 {} 0.1", 11: "#TRANS 1931 {} 0.2\r\n#TRANS 2440 {} -0.3"})
    assert parse(data).verifikationer[0].summa == 0


# --- writing ---------------------------------------------------------------------------------


def test_write_like_an_exporter():
    fil = parse(ENKEL)
    data = write(fil)
    text = data.decode("cp437")
    assert text.endswith("}\r\n") and "\n" not in text.replace("\r\n", "")
    assert "Samordningsförbundet".encode("cp437") in data
    rader = text.split("\r\n")
    assert rader[:5] == [
        "#FLAGGA 0",
        "#FORMAT PC8",
        "#SIETYP 4",
        '#FNAMN "Samordningsförbundet Test"',
        "#RAR 0 20240101 20241231",
    ]
    assert '#FNAMN "Samordningsförbundet Test"' in rader
    assert '#KONTO 4010 "Köpta tjänster"' in rader
    assert '#PSALDO 0 202401 4010 {1 "100"} 100.00' in rader
    assert '#VER A 1 20240105 "Faktura"' in rader
    assert "   #TRANS 1930 {} -300.00" in rader


def test_write_refuses_what_a_sie_file_cannot_hold():
    fil = parse(ENKEL)
    fil.konton["4010"] = "Två\nrader"
    with pytest.raises(ValueError, match="radbrytningar"):
        write(fil)
    fil.konton["4010"] = "Euro €"
    with pytest.raises(ValueError, match="kan inte skrivas"):
        write(fil)
    fil = parse(ENKEL)
    fil.verifikationer[0].transaktioner[0].belopp = -300.0
    with pytest.raises(TypeError, match="Decimal"):
        write(fil)


def test_empty_object_list_left_out_by_older_programs():
    fil = parse(
        med(
            {
                7: "#PSALDO 0 202401 1930 100.00 2",
                10: "#TRANS 1930 100.00 20240105",
                11: "#TRANS 2440 -100.00",
            }
        )
    )
    assert (fil.psaldo[0].objekt, fil.psaldo[0].belopp, fil.psaldo[0].kvantitet) == (
        (),
        Decimal("100.00"),
        Decimal("2"),
    )
    (forsta, andra) = fil.verifikationer[0].transaktioner
    assert (forsta.objekt, forsta.belopp, forsta.datum) == ((), Decimal("100"), date(2024, 1, 5))
    assert andra.belopp == Decimal("-100")


def test_checksum_written_as_a_signed_number_is_accepted():
    fil = parse(ENKEL)
    data = write(fil, ksumma=True)
    summa = parse(data).ksumma
    negativ = data.replace(f"#KSUMMA {summa}".encode(), f"#KSUMMA {summa - 2**32}".encode())
    assert summa > 2**31  # (this file's sum is above the signed range)
    assert parse(negativ).ksumma == summa - 2**32


@pytest.mark.parametrize(
    ("kodning", "vantad"),
    [("cp437", "cp437"), ("cp1252", "cp1252"), ("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig")],
)
def test_guessing_the_encoding(kodning, vantad):
    text = ENKEL.decode("cp437")
    data = text.encode(kodning)
    assert gissa_kodning(data) == vantad
    fil = parse(data, kodning="auto")
    assert fil.fnamn == "Samordningsförbundet Test"
    assert fil.konton == {"4010": "Köpta tjänster"}
    assert gissa_kodning(b"#FLAGGA 0\r\n") == "cp437"


def test_checksum_of_a_utf8_file():
    text = write(parse(ENKEL), ksumma=True).decode("cp437")
    with pytest.raises(SieFel, match="Kontrollsumman"):
        # The sum was made over the cp437 bytes; over UTF-8 bytes it differs ...
        parse(text.encode("utf-8-sig"), kodning="auto")
    # ... and a file summed in UTF-8 by its program verifies when read as UTF-8.
    fil = parse(ENKEL)
    data = write(fil, ksumma=True, kodning="utf-8")
    assert parse(b"\xef\xbb\xbf" + data, kodning="auto").ksumma is not None


def test_undecodable_bytes_name_their_line():
    data = med({5: "#KONTO 1930 Bank"}).replace(b"Bank", b"B\x81nk")
    with pytest.raises(SieFel) as fel:
        parse(data, kodning="cp1252")
    assert fel.value.rad == 5


def test_per_objekt_from_combined_rows_only_when_unambiguous():
    rader = [
        "#FLAGGA 0",
        "#PSALDO 0 202401 4010 {} 300.00",
        '#PSALDO 0 202401 4010 {1 "100" 6 "P7"} 100.00',
        '#PSALDO 0 202401 4010 {1 "100" 6 "P8"} 50.00',
        '#PSALDO 0 202401 4010 {1 "200" 6 "P7"} 150.00',
        # 5010 has single rows per kostnadsställe beside the combined ones: only those count.
        "#PSALDO 0 202401 5010 {} 40.00",
        '#PSALDO 0 202401 5010 {1 "100"} 40.00',
        '#PSALDO 0 202401 5010 {1 "100" 6 "P7"} 40.00',
    ]
    fil = parse("\n".join(rader))
    assert psaldo_per_objekt(fil, 0, "202401", 1) == {
        ("4010", "100"): Decimal("150.00"),
        ("4010", "200"): Decimal("150.00"),
        ("5010", "100"): Decimal("40.00"),
    }
    assert psaldo_per_objekt(fil, 0, "202401", 6) == {
        ("4010", "P7"): Decimal("250.00"),
        ("4010", "P8"): Decimal("50.00"),
        ("5010", "P7"): Decimal("40.00"),
    }
    assert psaldo_totaler(fil, 0, "202401") == {"4010": Decimal("300"), "5010": Decimal("40")}
    # Rows of 4010 that combine kostnadsställe with different dimensions: no single answer.
    fil = parse("\n".join([*rader, '#PSALDO 0 202401 4010 {1 "100" 7 "X"} 100.00']))
    with pytest.raises(SieFel) as fel:
        psaldo_per_objekt(fil, 0, "202401", 1)
    assert fel.value.rad == 3
    assert "inte entydig" in fel.value.meddelande
