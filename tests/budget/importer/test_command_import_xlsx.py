"""python manage.py import_xlsx FILE --forbund SLUG [--dry-run]"""

import io

import pytest
from django.core.management import CommandError, call_command

from finsam.formatting import belopp
from tests.budget.importer.helpers import fill, snapshot, template


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_xlsx", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(exempel, tmp_path):
    data = fill(
        template(exempel.forbund, exempel.budget),
        "Budget",
        {exempel.rader.team_a.pk: {"Belopp (kr)": -3_100_000}},
    )
    path = tmp_path / "budget.xlsx"
    path.write_bytes(data)
    return path


def test_good_file_is_imported(exempel, good_file):
    out, err = _run(str(good_file), "--forbund", exempel.forbund.slug)
    assert "Budget 2025 (2024-11-22): 1 rad ändras." in out
    assert "Importerat till Budget 2025 (2024-11-22)." in out
    assert exempel.budget.belopp.get(rad=exempel.rader.team_a).belopp == -3_100_000


def test_dry_run_writes_nothing(exempel, good_file):
    fore = snapshot(exempel.forbund)
    out, _err = _run(str(good_file), "--forbund", exempel.forbund.slug, "--dry-run")
    assert f"Team A: {belopp(-3_000_000)} → {belopp(-3_100_000)}" in out
    assert "Ingenting är sparat (--dry-run)." in out
    assert snapshot(exempel.forbund) == fore


def test_bad_file_prints_errors_and_writes_nothing(exempel, tmp_path):
    data = fill(
        template(exempel.forbund, exempel.budget),
        "Budget",
        {exempel.rader.team_b.pk: {"Belopp (kr)": "12 tkr"}},
    )
    path = tmp_path / "budget.xlsx"
    path.write_bytes(data)
    fore = snapshot(exempel.forbund)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Filen är inte importerad: 1 fel. Inget sparades."):
        call_command("import_xlsx", str(path), "--forbund", exempel.forbund.slug, stderr=err)
    assert (
        'Blad Budget, rad 7, kolumn Belopp (kr): "12 tkr" är inte ett belopp i hela kronor.'
        in err.getvalue()
    )
    assert snapshot(exempel.forbund) == fore


def test_another_forbund_is_refused(exempel, annat_forbund, good_file):
    fore = snapshot(exempel.forbund)
    with pytest.raises(CommandError):
        _run(str(good_file), "--forbund", annat_forbund.slug)
    assert snapshot(exempel.forbund) == fore


def test_unknown_forbund_and_missing_file(exempel, tmp_path):
    with pytest.raises(CommandError, match="inget förbund med kortnamnet 'finns-inte'"):
        _run(str(tmp_path / "x.xlsx"), "--forbund", "finns-inte")
    with pytest.raises(CommandError, match="går inte att läsa"):
        _run(str(tmp_path / "x.xlsx"), "--forbund", exempel.forbund.slug)
