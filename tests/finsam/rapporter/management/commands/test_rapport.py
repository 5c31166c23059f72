"""`manage.py rapport verksamhetsplan --forbund SLUG --ar N --output FILE`."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.finsam.rapporter.helpers import pdf_pages, pdf_text, row_amounts


def rapport(*args):
    out = io.StringIO()
    call_command("rapport", *args, stdout=out)
    return out.getvalue()


def test_writes_the_verksamhetsplan(demo, tmp_path):
    output = tmp_path / "vp-2025.pdf"
    out = rapport("verksamhetsplan", "--forbund", "vastmanland", "--ar", "2025", "--output", output)

    assert f"Skrev {output}" in out
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert "Beslutad av styrelsen 2024-11-22, § 57" in pdf_pages(pdf)[0]
    text = pdf_text(pdf, layout=True)
    assert row_amounts(text, "Summa intäkter") == [19_038_000, 18_958_000, 18_958_000, 18_958_000]
    assert row_amounts(text, "Summa kostnader") == [
        -20_982_000,
        -20_204_000,
        -18_226_600,
        -18_636_000,
    ]
    assert row_amounts(text, "Resultat") == [-1_944_000, -1_246_000, 731_400, 322_000]
    assert row_amounts(text, "Beräknat utgående eget kapital") == [
        2_246_700,
        1_000_700,
        1_732_100,
        2_054_100,
    ]


def test_unknown_forbund(demo, tmp_path):
    with pytest.raises(CommandError, match="inget förbund med kortnamnet 'finns-inte'") as e:
        rapport(
            "verksamhetsplan",
            "--forbund",
            "finns-inte",
            "--ar",
            "2025",
            "--output",
            tmp_path / "x.pdf",
        )
    assert "vastmanland" in str(e.value)  # names the ones that exist
    assert not (tmp_path / "x.pdf").exists()


def test_year_without_budget(demo, tmp_path):
    with pytest.raises(
        CommandError, match="Samordningsförbundet Västmanland har ingen beslutad budget för 2031"
    ):
        rapport(
            "verksamhetsplan",
            "--forbund",
            "vastmanland",
            "--ar",
            "2031",
            "--output",
            tmp_path / "x.pdf",
        )
    assert not (tmp_path / "x.pdf").exists()


def test_missing_output_directory(demo, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        rapport(
            "verksamhetsplan",
            "--forbund",
            "vastmanland",
            "--ar",
            "2025",
            "--output",
            tmp_path / "saknas" / "x.pdf",
        )


@pytest.mark.parametrize(
    "args",
    [
        [],  # no kind of report
        ["arsredovisning", "--forbund", "vastmanland"],  # not (yet) a kind
        ["verksamhetsplan", "--forbund", "vastmanland", "--output", "x.pdf"],  # no --ar
        ["verksamhetsplan", "--forbund", "vastmanland", "--ar", "tjugo", "--output", "x.pdf"],
    ],
)
def test_bad_arguments(db, args):
    with pytest.raises(CommandError):
        rapport(*args)
