"""The benchmark command prints one row per report and leaves nothing behind."""

import io

from django.core.management import call_command

from insatser.models import Insats


def test_benchmark_prints_a_row_per_report_and_rolls_back(demo):
    antal = Insats.objects.count()
    out = io.StringIO()
    call_command("rapport_benchmark", "--forbund", "vastmanland", "--insatser", "3", stdout=out)
    text = out.getvalue()
    assert "Rapport" in text and "Frågor" in text and "Sidor" in text
    for rubrik in (
        "Verksamhetsplan och budget 2025–2027",
        "Delårsrapport per 2025-08-31",
        "Årsredovisning 2025",
        "Insatsrapport",
    ):
        assert rubrik in text
    assert "+3 påhittade insatser" in text
    assert Insats.objects.count() == antal
