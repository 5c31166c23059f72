"""Server-side SVG charts for the whole app: no JavaScript, laid out here, drawn by a
template include (or returned as an SVG string for PDFs).

    chart = BarChart(
        title="Avslutsorsak per kön",
        categories=["Arbete", "Studier"],
        series=[Series("Kvinnor", [8, 4]), Series("Män", [10, None])],  # None: hidden
    )
    {% include "finsam/_chart_bars.html" with chart=chart %}
    chart.svg()   # the same markup as a string

    trend = TrendChart(title="Deltagare per period", labels=["H1 2025", "Helår 2025"],
                       series=[Series("Deltagare", [247, 278])])

A value of None is drawn as no bar/point and labelled with `hidden_label` (e.g. "<3");
a text value (e.g. "..") likewise, labelled with that text. Protected figures never
reach the picture. Colours are presentation attributes
plus a CSS class per series (`chart-series-0` …) that a stylesheet may override.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from finsam import formatting

#: Colour-blind-safe palette (Okabe–Ito), one per series.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


@dataclass
class Series:
    name: str
    values: list[int | float | None]
    css: str = ""
    color: str = ""


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    label_y: float
    css: str
    color: str
    title: str


@dataclass
class Legend:
    name: str
    css: str
    color: str
    x: float
    y: float


def _nice_max(value: float) -> float:
    """A round axis maximum ≥ value: 1, 2, 2.5, 5 × 10^n."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _prepare(series: list[Series]) -> None:
    for i, s in enumerate(series):
        s.css = s.css or f"chart-series-{i}"
        s.color = s.color or PALETTE[i % len(PALETTE)]


def _number(value):
    """The value if it is a number, else None (hidden: None or a text like "<3")."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _label(value, hidden_label: str) -> str:
    if _number(value) is not None:
        return _fmt(value)
    return value if isinstance(value, str) else hidden_label


def _fmt(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return formatting.decimal_sv(value, 1)
    return formatting.heltal(value)


@dataclass
class BarChart:
    """Horizontal bars, grouped per category (one bar per series)."""

    title: str
    categories: list[str]
    series: list[Series]
    hidden_label: str = "<3"
    width: int = 640
    label_width: int = 220
    bar_height: int = 12
    gap: int = 8
    legend_height: int = 22
    bars: list[Bar] = field(init=False, default_factory=list)
    legend: list[Legend] = field(init=False, default_factory=list)

    def __post_init__(self):
        _prepare(self.series)
        self._layout()

    @property
    def group_height(self) -> int:
        return self.bar_height * max(len(self.series), 1) + self.gap

    @property
    def height(self) -> int:
        return self.legend_height + self.group_height * len(self.categories) + 4

    @property
    def plot_width(self) -> int:
        return self.width - self.label_width - 50

    @property
    def category_labels(self) -> list[dict]:
        return [
            {
                "text": text,
                "x": self.label_width - 8,
                "y": self.legend_height + i * self.group_height + self.group_height / 2,
            }
            for i, text in enumerate(self.categories)
        ]

    def _layout(self):
        known = [_number(v) for s in self.series for v in s.values if _number(v) is not None]
        top = _nice_max(max(known, default=0))
        scale = self.plot_width / top
        x = 0
        for s in self.series:
            self.legend.append(Legend(s.name, s.css, s.color, 4 + x, 4))
            x += 14 + 7 * len(s.name) + 16
        for ci, category in enumerate(self.categories):
            y0 = self.legend_height + ci * self.group_height + self.gap / 2
            for si, s in enumerate(self.series):
                raw = s.values[ci] if ci < len(s.values) else None
                value = _number(raw)
                y = y0 + si * self.bar_height
                w = 0 if value is None else max(value * scale, 0)
                label = _label(raw, self.hidden_label)
                self.bars.append(
                    Bar(
                        x=self.label_width,
                        y=y + 1,
                        width=round(w, 1),
                        height=self.bar_height - 2,
                        label=label,
                        label_x=round(self.label_width + w + 4, 1),
                        label_y=y + self.bar_height - 3,
                        css=s.css,
                        color=s.color,
                        title=f"{category}, {s.name}: {label}",
                    )
                )

    def svg(self) -> str:
        return render_to_string("finsam/_chart_bars.html", {"chart": self})


@dataclass
class Point:
    x: float
    y: float
    label: str
    hidden: bool
    title: str


@dataclass
class Line:
    series: Series
    points: list[Point]

    @property
    def path(self) -> str:
        """Polyline points, broken nowhere: hidden points are left out of the line."""
        return " ".join(f"{p.x},{p.y}" for p in self.points if not p.hidden)


@dataclass
class TrendChart:
    """A simple trend: one line with points per series over labelled periods."""

    title: str
    labels: list[str]
    series: list[Series]
    hidden_label: str = "<3"
    width: int = 640
    height: int = 240
    margin_left: int = 44
    margin_right: int = 16
    margin_top: int = 28
    margin_bottom: int = 28
    lines: list[Line] = field(init=False, default_factory=list)
    legend: list[Legend] = field(init=False, default_factory=list)
    ticks: list[dict] = field(init=False, default_factory=list)
    x_labels: list[dict] = field(init=False, default_factory=list)

    def __post_init__(self):
        _prepare(self.series)
        self._layout()

    @property
    def plot_bottom(self) -> float:
        return self.height - self.margin_bottom

    @property
    def plot_right(self) -> float:
        return self.width - self.margin_right

    def _layout(self):
        known = [_number(v) for s in self.series for v in s.values if _number(v) is not None]
        top = _nice_max(max(known, default=0))
        plot_h = self.plot_bottom - self.margin_top
        plot_w = self.plot_right - self.margin_left
        n = max(len(self.labels), 1)
        step = plot_w / n

        def x_of(i):
            return round(self.margin_left + step * (i + 0.5), 1)

        def y_of(v):
            return round(self.plot_bottom - plot_h * (v / top), 1)

        for k in range(5):
            v = top * k / 4
            self.ticks.append({"y": y_of(v), "label": _fmt(v if v % 1 else int(v))})
        self.x_labels = [{"x": x_of(i), "text": t} for i, t in enumerate(self.labels)]
        x = 0
        for s in self.series:
            self.legend.append(Legend(s.name, s.css, s.color, self.margin_left + x, 4))
            x += 14 + 7 * len(s.name) + 16
            points = []
            for i, label in enumerate(self.labels):
                raw = s.values[i] if i < len(s.values) else None
                v = _number(raw)
                text = _label(raw, self.hidden_label)
                points.append(
                    Point(
                        x=x_of(i),
                        y=self.plot_bottom if v is None else y_of(v),
                        label=text,
                        hidden=v is None,
                        title=f"{label}, {s.name}: {text}",
                    )
                )
            self.lines.append(Line(s, points))

    def svg(self) -> str:
        return render_to_string("finsam/_chart_trend.html", {"chart": self})
