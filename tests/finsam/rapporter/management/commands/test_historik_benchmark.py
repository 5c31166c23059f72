"""`manage.py historik_benchmark`: measures the history page at scale and rolls back."""

import io

from django.core.management import call_command

from finsam.models import Forbund


def test_benchmark_command_measures_and_leaves_nothing_behind(empty_db, db):
    out = io.StringIO()
    call_command("historik_benchmark", forbund=3, rader=60, upprepa=1, stdout=out)
    text = out.getvalue()
    assert "Ändringshistorik, sida 1" in text and "× trivial" in text
    assert "rullades tillbaka" in text
    assert not Forbund.objects.exists()
