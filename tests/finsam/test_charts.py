"""Charts are SVG drawn on the server; their coordinates must survive Swedish localization
(a decimal comma in an SVG attribute breaks the drawing)."""

import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from finsam.charts import BarChart, Series, TrendChart, text_width, wrap


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


# -- labels are never cut; hidden figures are marked gaps ------------------------------

LANG = (
    "Närmare arbete (t.ex. arbetssökande, arbetsträning, praktik eller subventionerad anställning)"
)


def _category_lines(svg: str) -> list[list[str]]:
    """Per category label, its lines (the <tspan>s of one <text class="chart-category">)."""
    labels = re.findall(r'<text class="chart-category"[^>]*>(.*?)</text>', svg, re.S)
    return [re.findall(r"<tspan[^>]*>(.*?)</tspan>", label) for label in labels]


def test_a_long_category_label_wraps_into_lines_that_hold_the_whole_label():
    chart = BarChart(
        title="Avslutsorsak", categories=["Arbete", LANG], series=[Series("Kvinnor", [3, 4])]
    )
    svg = chart.svg()
    kort, lang = _category_lines(svg)
    assert kort == ["Arbete"]
    assert len(lang) >= 2, "the long label was not wrapped"
    assert " ".join(lang) == LANG.replace("&", "&amp;")
    assert "…" not in svg
    for line in lang:
        assert text_width(line, chart.font_size) <= chart.label_width - 12
    # The group is tall enough for its lines: no label runs into the next group.
    assert chart.group_height >= len(lang) * chart.line_height


def test_a_word_longer_than_the_label_space_is_broken_not_cut():
    ord_ = "Arbetsmarknadsutbildningsinsatssamordningsfunktionen" * 2
    lines = wrap(ord_, 120, 11)
    assert len(lines) > 1
    assert "".join(line.removesuffix("-") for line in lines) == ord_
    assert all(text_width(line, 11) <= 120 for line in lines)


def test_label_widths_come_from_the_report_font():
    assert text_width("iiii", 11) < text_width("MMMM", 11)


def test_a_hidden_figure_is_a_marked_gap_with_its_label_not_an_empty_bar():
    chart = BarChart(
        title="Deltagare",
        categories=["Sala", "Västerås"],
        series=[Series("Kvinnor", [21, None]), Series("Män", ["..", 43])],
        hidden_label="<3",
    )
    svg = chart.svg()
    gaps = re.findall(r'<rect class="chart-gap"[^>]*? width="([^"]+)"', svg)
    assert len(gaps) == 2
    assert all(float(w) == chart.gap_width > 0 for w in gaps)
    labels = re.findall(r'<text class="chart-gap-label"[^>]*>([^<]*)</text>', svg)
    assert sorted(labels) == ["&lt;3", ".."]
    # The shown figures are ordinary bars; a hidden one never is.
    hidden = [b for b in chart.bars if b.hidden]
    assert [(b.label, b.width) for b in hidden] == [
        ("..", chart.gap_width),
        ("<3", chart.gap_width),
    ]
    assert all(not b.hidden for b in chart.bars if b.label in ("21", "43"))


def test_a_trend_charts_period_labels_wrap_in_their_column():
    labels = [f"Januari–juni {ar} (första halvåret)" for ar in range(2019, 2027)]
    chart = TrendChart(
        title="Deltagare per period", labels=labels, series=[Series("Deltagare", [5] * 8)]
    )
    lines = _category_lines(chart.svg())
    assert [" ".join(x) for x in lines] == labels
    assert max(len(x) for x in lines) > 1
    assert chart.plot_bottom + 20 + 13 * (max(len(x) for x in lines) - 1) < chart.height


def test_alt_text_reads_every_figure_and_shows_hidden_ones_as_their_label():
    """The text alternative (the SVG's title and aria-label, a tagged PDF's /Alt) has each
    category's figure per series; a hidden figure is read as its label, never a number."""
    chart = BarChart(
        title="Avslutsorsak per kön",
        categories=["Arbete", "Studier"],
        series=[Series("Kvinnor", [1250, 4]), Series("Män", [10, None])],
    )
    with translation.override("sv"):
        alt = chart.alt
        svg = chart.svg()
    assert alt == (
        "Stapeldiagram: Avslutsorsak per kön. "
        "Arbete: Kvinnor 1\u00a0250, Män 10; Studier: Kvinnor 4, Män <3."
    )
    escaped = alt.replace("<", "&lt;")
    assert f"<title>{escaped}</title>" in svg
    assert f'aria-label="{escaped}"' in svg


def test_alt_text_of_one_series_and_of_a_trend():
    en = BarChart(title="Andel (%)", categories=["Sala"], series=[Series("Andel", [12.5])])
    assert en.alt == "Stapeldiagram: Andel (%). Sala: 12,5."
    trend = TrendChart(
        title="Deltagare per period",
        labels=["H1 2025", "Helår 2025"],
        series=[Series("Deltagare", [247, ".."])],
    )
    assert trend.alt == "Linjediagram: Deltagare per period. Deltagare: H1 2025 247, Helår 2025 .."
    assert f"<title>{trend.alt}</title>" in trend.svg()


def _diagram():
    """Charts with what the markup must carry: hidden figures (None and a label),
    wrapped labels, decimals, characters to escape, series beyond one legend row."""
    bars = BarChart(
        title="Deltagare <per> insats & kön",
        categories=["Arbete", "Sjuk / medicinsk rehabilitering och annat långt", 'A "citat"'],
        series=[
            Series("Kvinnor", [10, None, 2.5]),
            Series("Män", [7, "..", 0]),
            Series("Annat & ej angivet", [None, 1, 12345]),
            *(Series(f"Serie nummer {i} med ett långt namn", [i, i, i]) for i in range(5)),
        ],
        hidden_label="<3",
    )
    trend = TrendChart(
        title="Deltagare & avslutade",
        labels=["Jan–jun 2025", "Helår 2025 <ett mycket långt periodnamn>", "H1 2026"],
        series=[Series("Deltagare", [247, None, 12.5]), Series("Avslutade", [50, 108, "<3"])],
    )
    return bars, trend


def test_svg_is_the_markup_of_the_chart_templates():
    """svg() writes in Python what the include templates draw: the same string, in
    Swedish too (coordinates never localized)."""
    bars, trend = _diagram()
    for lang in ("sv", "en"):
        with translation.override(lang):
            assert bars.svg() == render_to_string("finsam/_chart_bars.html", {"chart": bars})
            assert trend.svg() == render_to_string("finsam/_chart_trend.html", {"chart": trend})
    assert "&lt;per&gt; insats &amp; kön" in bars.svg()
    assert isinstance(bars.svg(), SafeString) and isinstance(trend.svg(), SafeString)
