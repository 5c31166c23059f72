"""The trend chart: only periods of the page's kind (a half-year is never on one line with
a full year, which holds it) that have ended with every report approved; a note names
what is left out."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories
from tests.uppfoljning.statistik.conftest import make_period, make_rapport
from uppfoljning.models import Deltagarrapport
from uppfoljning.statistik.selectors import trend

UTKAST = Deltagarrapport.Status.UTKAST


@pytest.fixture
def perioder(forbund):
    """H1 and helår 2024 and 2025 approved; H1 2026 with one report still in draft."""
    insats = factories.make_insats(forbund, namn="Samordningsteam Ett", ordning=1)
    annan = factories.make_insats(forbund, namn="Samordningsteam Två", ordning=2)
    out = {}
    for ar, typ, deltagare in [
        (2024, "h1", 30),
        (2024, "helar", 50),
        (2025, "h1", 35),
        (2025, "helar", 60),
        (2026, "h1", 8),
    ]:
        p = make_period(forbund, ar=ar, typ=typ)
        make_rapport(p, insats, {("deltagare", "k"): deltagare, ("avslutade", "k"): 4})
        if ar == 2026:
            make_rapport(p, annan, {("deltagare", "k"): 40}, status=UTKAST)
        out[(ar, typ)] = p
    return out


def _kod(perioder):
    return [f"{p.ar}-{p.typ}" for p in perioder]


def test_trend_keeps_one_kind_of_ended_periods(forbund, perioder):
    t = trend(forbund, "helar", protected=False, idag=date(2026, 12, 2))
    assert _kod(p.period for p in t.punkter) == ["2024-helar", "2025-helar"]
    assert [p.deltagare for p in t.punkter] == [50, 60]
    assert _kod(t.annan_typ) == ["2024-h1", "2025-h1", "2026-h1"]
    assert t.pagar == []

    t = trend(forbund, "h1", protected=False, idag=date(2026, 12, 2))
    assert _kod(p.period for p in t.punkter) == ["2024-h1", "2025-h1"]
    # 2026 jan–jun has ended but a report is still a draft.
    assert _kod(t.pagar) == ["2026-h1"]


def test_a_period_not_yet_over_is_left_out_even_when_approved(forbund, perioder):
    t = trend(forbund, "helar", protected=False, idag=date(2025, 12, 31))
    assert _kod(p.period for p in t.punkter) == ["2024-helar"]
    assert _kod(t.pagar) == ["2025-helar"]


def test_page_plots_comparable_periods_and_names_the_others(client_for, kansli, perioder):
    url = reverse("uppfoljning:statistik-period", args=[2025, "helar"])
    html = client_for(kansli).get(url).content.decode()
    chart = html[html.index('class="chart chart-trend"') :]
    chart = chart[: chart.index("</figure>")]
    assert "Deltagare och avslutade per helår" in chart
    assert "Helår 2024" in chart and "Helår 2025" in chart
    assert "Jan–jun" not in chart
    note = html[html.index('class="small text-muted trend-not"') :]
    note = note[: note.index("</p>")]
    assert "Jan–jun 2024, Jan–jun 2025, Jan–jun 2026 visas inte i diagrammet" in note
