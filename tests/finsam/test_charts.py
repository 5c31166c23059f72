"""Charts are SVG drawn on the server; their coordinates must survive Swedish localization
(a decimal comma in an SVG attribute breaks the drawing)."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from finsam.charts import BarChart, Series, TrendChart


def _coordinates(svg: str) -> list[str]:
    return re.findall(r'\b(?:x|y|x1|y1|x2|y2|cx|cy|width|height)="([^"]*)"', svg)


def test_bar_chart_coordinates_are_plain_numbers_in_swedish():
    chart = BarChart(
        title="Avslutsorsak per kön",
        categories=["Arbete", "Studier", "Sjuk / medicinsk rehabilitering"],
        series=[Series("Kvinnor", [10, 3, 25]), Series("Män", [7, 1, 20])],
    )
    with translation.override("sv"):
        html = render_to_string("finsam/_chart_bars.html", {"chart": chart})
    coords = _coordinates(html)
    assert coords, "the chart drew nothing"
    for value in coords:
        if value != "100%":
            float(value)  # raises on "12,5"
    assert "Sjuk / medicinsk rehabilitering" in html


def test_trend_chart_coordinates_are_plain_numbers_in_swedish():
    chart = TrendChart(
        title="Deltagare per period",
        labels=["Jan–jun 2025", "Helår 2025"],
        series=[Series("Deltagare", [247, 278]), Series("Avslutade", [50, 108])],
    )
    with translation.override("sv"):
        html = render_to_string("finsam/_chart_trend.html", {"chart": chart})
    for value in _coordinates(html):
        if value != "100%":
            float(value)
