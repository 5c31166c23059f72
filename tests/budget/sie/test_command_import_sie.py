"""manage.py import_sie: dry-run writes nothing; a refused file writes nothing; an import
writes the utfall (and with --bokslut the bokslut)."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from budget.models import Utfallsperiod, Utfallsrad
from fixtures.sie import DEMOFIL
from tests.budget.sie.conftest import sie_bytes


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sie", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _rader(forbund):
    return list(
        Utfallsrad.objects.filter(period__forbund=forbund).values_list(
            "rad_id", "intakt", "kostnad"
        )
    )


def test_dry_run_writes_nothing_and_shows_the_totals(demo):
    Utfallsrad.objects.filter(period__forbund=demo, period__per=date(2025, 12, 31)).delete()
    fore = _rader(demo)
    out, _err = _run(
        str(DEMOFIL), "--forbund", demo.slug, "--per", "2025-12-31", "--dry-run", "--bokslut"
    )
    assert "Ingenting är sparat (--dry-run)." in out
    # Every amount is new (the period is empty), and file = mapped + unmapped.
    assert "Filen totalt 345 299 = mappat 200 748 + ej mappat 144 551" in out.replace("\u00a0", " ")
    assert "Styrelse: – → 0 / −608 252" in out.replace("\u00a0", " ")
    assert "8410 Ränteintäkter" in out
    assert _rader(demo) == fore


def test_import_writes_the_utfall(demo, tmp_path):
    Utfallsperiod.objects.filter(forbund=demo, per=date(2025, 12, 31)).delete()
    out, _err = _run(str(DEMOFIL), "--forbund", demo.slug, "--per", "2025-12-31")
    period = Utfallsperiod.objects.get(forbund=demo, per=date(2025, 12, 31))
    assert period.typ == Utfallsperiod.Typ.BOKSLUT
    assert sum(u.netto for u in period.rader.all()) == 200_748


def test_a_refused_file_writes_nothing(forbund, tmp_path):
    fil = tmp_path / "x.se"
    fil.write_bytes(sie_bytes(orgnr="556000-0000"))
    with pytest.raises(CommandError, match="Ingenting är sparat"):
        _run(str(fil), "--forbund", forbund.slug, "--per", "2025-03-31")
    assert not Utfallsperiod.objects.filter(forbund=forbund).exists()
