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

A value of None is a hidden figure: a bar chart draws it as a marked gap (a short dashed
outline, never a bar of some length) labelled with `hidden_label` (e.g. "<3"); a text
value (e.g. "..") likewise, labelled with that text. A trend chart leaves the point out
and writes the label. Protected figures never reach the picture. Colours are presentation
attributes plus a CSS class per series (`chart-series-0` …) that a stylesheet may override.

Every chart has a text alternative computed from its figures, `chart.alt` ("Stapeldiagram:
Avslutsorsak per kön. Arbete: Kvinnor 8, Män 10; Studier: Kvinnor 4, Män <3."): the SVG's
first `<title>` and its `aria-label`, so a screen reader reads it on the web page and a
tagged PDF carries it as the figure's /Alt (finsam.pdf). Hidden figures are read as their
label, never as a number.

Category labels are never cut: a label wider than the space beside the bars is wrapped
into lines (one `<tspan>` each), measured with the report font's own advance widths
(static/fonts, Liberation Sans: the metrics of Arial), and the group grows to hold them.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from finsam import formatting

#: Colour-blind-safe palette (Okabe–Ito), one per series.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


#: The report font's regular face, whose advance widths measure the labels.
FONT_FILE = "fonts/liberation/LiberationSans-Regular.ttf"
#: Average advance of a character in em, when the font file cannot be read.
FALLBACK_ADVANCE = 0.56


@functools.cache
def _advances() -> dict[int, float] | None:
    """Advance width per code point in em, from the report font; None if it cannot be read."""
    from django.contrib.staticfiles import finders

    path = finders.find(FONT_FILE)
    if not path:
        return None
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True)
        per_em = font["head"].unitsPerEm
        hmtx = font["hmtx"]
        return {cp: hmtx[name][0] / per_em for cp, name in font.getBestCmap().items()}
    except (ImportError, OSError, KeyError):
        return None


def text_width(text: str, size: float) -> float:
    """The width of `text` set in the report font at `size` px."""
    advances = _advances() or {}
    return size * sum(advances.get(ord(ch), FALLBACK_ADVANCE) for ch in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` in lines no wider than `width` at `size` px, broken between words; a word
    longer than a whole line is broken inside with a hyphen. Nothing is left out."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", size) > width:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


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
    #: A hidden figure: drawn as a marked gap of `width`, labelled "<3" or "..".
    hidden: bool = False


@dataclass
class Legend:
    name: str
    css: str
    color: str
    x: float
    y: float


_FONT = "FINSAM Sans, Liberation Sans, Arial, sans-serif"


def _e(value) -> str:
    """A value as the chart templates print it with `{% localize off %}`: numbers as
    str(), text escaped (a safe string as it is)."""
    if type(value) is str:  # html.escape: Django's escape() without the SafeString
        return html.escape(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _add(value, tal: int):
    """The template filter `add`: whole numbers when both are (a float is truncated)."""
    try:
        return str(int(value) + int(tal))
    except (ValueError, TypeError):
        return _e(value + tal)


def _legend_svg(legend: list[Legend]) -> list[str]:
    return [
        f'<g class="chart-legend {_e(l.css)}"><rect x="{_e(l.x)}" y="{_e(l.y)}" width="10" '
        f'height="10" fill="{_e(l.color)}"/><text x="{_add(l.x, 14)}" y="{_add(l.y, 9)}">'
        f"{_e(l.name)}</text></g>"
        for l in legend  # noqa: E741
    ]


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


def beskrivning(typ: str, title: str, grupper: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """A chart's text alternative: its type, its title and each group's figures.

    beskrivning("Stapeldiagram", "Avslut", [("Arbete", [("Kvinnor", "8"), ("Män", "<3")])])
    -> "Stapeldiagram: Avslut. Arbete: Kvinnor 8, Män <3."
    A group with one unnamed figure reads "Arbete: 8"."""
    delar = []
    for namn, varden in grupper:
        figurer = ", ".join(f"{serie} {varde}" if serie else varde for serie, varde in varden)
        delar.append(f"{namn}: {figurer}" if figurer else namn)
    text = f"{typ}: {title.rstrip('.')}."
    if delar:
        text += " " + "; ".join(delar)
        text += "" if text.endswith(".") else "."  # not "..." after a hidden ".."
    return text


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
    font_size: int = 11
    line_height: int = 13
    #: The width of the marked gap that stands for a hidden figure.
    gap_width: int = 14
    bars: list[Bar] = field(init=False, default_factory=list)
    legend: list[Legend] = field(init=False, default_factory=list)
    #: Each category label in lines (see `wrap`).
    label_lines: list[list[str]] = field(init=False, default_factory=list)

    def __post_init__(self):
        _prepare(self.series)
        self.label_lines = [wrap(c, self.label_width - 12, self.font_size) for c in self.categories]
        self._layout()

    @property
    def group_height(self) -> int:
        lines = max((len(x) for x in self.label_lines), default=1)
        return max(self.bar_height * max(len(self.series), 1), self.line_height * lines) + self.gap

    @property
    def height(self) -> int:
        return self.legend_height + self.group_height * len(self.categories) + 4

    @property
    def plot_width(self) -> int:
        return self.width - self.label_width - 50

    @property
    def category_labels(self) -> list[dict]:
        """Per category: its whole text, and its lines with their baselines, centred on
        the group."""
        out = []
        for i, (text, lines) in enumerate(zip(self.categories, self.label_lines, strict=True)):
            middle = self.legend_height + i * self.group_height + self.group_height / 2
            first = middle - (len(lines) - 1) * self.line_height / 2 + self.font_size * 0.35
            out.append(
                {
                    "text": text,
                    "x": self.label_width - 8,
                    "y": round(middle, 1),
                    "lines": [
                        {"text": line, "y": round(first + k * self.line_height, 1)}
                        for k, line in enumerate(lines)
                    ],
                }
            )
        return out

    def _layout(self):
        known = [_number(v) for s in self.series for v in s.values if _number(v) is not None]
        top = _nice_max(max(known, default=0))
        scale = self.plot_width / top
        x, row = 4, 0
        for s in self.series:
            w = 14 + text_width(s.name, self.font_size) + 16
            if x > 4 and x + w > self.width:
                x, row = 4, row + 1
            self.legend.append(Legend(s.name, s.css, s.color, round(x, 1), 4 + row * 16))
            x += w
        self.legend_height += row * 16
        for ci, category in enumerate(self.categories):
            y0 = (
                self.legend_height
                + ci * self.group_height
                + (self.group_height - self.bar_height * len(self.series)) / 2
            )
            for si, s in enumerate(self.series):
                raw = s.values[ci] if ci < len(s.values) else None
                value = _number(raw)
                y = y0 + si * self.bar_height
                hidden = value is None
                w = self.gap_width if hidden else max(value * scale, 0)
                label = _label(raw, self.hidden_label)
                self.bars.append(
                    Bar(
                        x=self.label_width,
                        y=round(y + 1, 1),
                        width=round(w, 1),
                        height=self.bar_height - 2,
                        label=label,
                        label_x=round(self.label_width + w + 4, 1),
                        label_y=round(y + self.bar_height - 3, 1),
                        css=s.css,
                        color=s.color,
                        title=f"{category}, {s.name}: {label}",
                        hidden=hidden,
                    )
                )

    @property
    def alt(self) -> str:
        """The text alternative: per category each series' figure (hidden: its label)."""
        en_serie = len(self.series) == 1
        return beskrivning(
            _("Stapeldiagram"),
            self.title,
            [
                (
                    category,
                    [
                        (
                            "" if en_serie else s.name,
                            _label(s.values[ci] if ci < len(s.values) else None, self.hidden_label),
                        )
                        for s in self.series
                    ],
                )
                for ci, category in enumerate(self.categories)
            ],
        )

    def svg(self) -> SafeString:
        """The markup of templates/finsam/_chart_bars.html (the include for pages), written
        here in Python: a report with a bar per insats and kön drew it through the template
        engine in a good part of its time. tests/finsam/test_charts.py holds the two equal."""
        alt = _e(self.alt)
        ut = [
            '<figure class="chart chart-bars">\n',
            f'  <figcaption class="small fw-semibold">{_e(self.title)}</figcaption>\n',
            '  <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 '
            f'{_e(self.width)} {_e(self.height)}" width="100%" role="img" aria-label="{alt}" '
            f'font-family="{_FONT}" font-size="11">\n',
            f"    <title>{alt}</title>\n    ",
        ]
        ut += _legend_svg(self.legend)
        ut.append("\n    ")
        for c in self.category_labels:
            x = _e(c["x"])
            ut.append(f'<text class="chart-category" x="{x}" y="{_e(c["y"])}" text-anchor="end">')
            ut += [
                f'<tspan x="{x}" y="{_e(line["y"])}">{_e(line["text"])}</tspan>'
                for line in c["lines"]
            ]
            ut.append("</text>")
        w, h = _e(self.label_width), _e(self.height)
        ut.append(
            f'\n    <line class="chart-axis" x1="{w}" y1="{_e(self.legend_height)}" x2="{w}" '
            f'y2="{h}" stroke="#888"/>\n    '
        )
        for b in self.bars:
            ruta = f'x="{_e(b.x)}" y="{_e(b.y)}" width="{_e(b.width)}" height="{_e(b.height)}"'
            if b.hidden:
                rect = (
                    f'<rect class="chart-gap" {ruta} fill="#fff" stroke="{_e(b.color)}" '
                    'stroke-width="1" stroke-dasharray="2 2"/>'
                )
                gap = ' class="chart-gap-label" font-style="italic"'
            else:
                rect, gap = f'<rect {ruta} fill="{_e(b.color)}"/>', ""
            ut.append(
                f'<g class="chart-bar {_e(b.css)}"><title>{_e(b.title)}</title>{rect}'
                f'<text{gap} x="{_e(b.label_x)}" y="{_e(b.label_y)}" font-size="9" '
                f'fill="#333">{_e(b.label)}</text></g>'
            )
        ut.append("\n  </svg>\n</figure>\n")
        return mark_safe("".join(ut))  # noqa: S308  (every value escaped by _e)


@dataclass
class Point:
    x: float
    y: float
    label: str
    hidden: bool
    title: str
    #: the period's label ("H1 2025")
    period: str = ""


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
        # Period labels wrap within their column; the plot gives up the height they need.
        step = (self.plot_right - self.margin_left) / max(len(self.labels), 1)
        self._label_lines = [wrap(t, step - 4, 11) for t in self.labels]
        extra = 13 * (max((len(x) for x in self._label_lines), default=1) - 1)
        self.margin_bottom += extra
        self.height += extra
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
        self.x_labels = [
            {
                "x": x_of(i),
                "text": t,
                "lines": [
                    {"text": line, "y": round(self.plot_bottom + 20 + k * 13, 1)}
                    for k, line in enumerate(lines)
                ],
            }
            for i, (t, lines) in enumerate(zip(self.labels, self._label_lines, strict=True))
        ]
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
                        period=label,
                    )
                )
            self.lines.append(Line(s, points))

    @property
    def alt(self) -> str:
        """The text alternative: per series its figure in each period (hidden: its label)."""
        return beskrivning(
            _("Linjediagram"),
            self.title,
            [(line.series.name, [(p.period, p.label) for p in line.points]) for line in self.lines],
        )

    def svg(self) -> SafeString:
        """The markup of templates/finsam/_chart_trend.html, written here in Python (see
        BarChart.svg)."""
        alt = _e(self.alt)
        ml, pr = _e(self.margin_left), _e(self.plot_right)
        ut = [
            '<figure class="chart chart-trend">\n',
            f'  <figcaption class="small fw-semibold">{_e(self.title)}</figcaption>\n',
            '  <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 '
            f'{_e(self.width)} {_e(self.height)}" width="100%" role="img" aria-label="{alt}" '
            f'font-family="{_FONT}" font-size="11">\n',
            f"    <title>{alt}</title>\n    ",
        ]
        for t in self.ticks:
            y = _e(t["y"])
            ut.append(
                f'<g class="chart-tick"><line x1="{ml}" y1="{y}" x2="{pr}" y2="{y}" '
                f'stroke="#ddd"/><text x="{_add(self.margin_left, -6)}" y="{y}" '
                'text-anchor="end" dominant-baseline="middle" fill="#555">'
                f"{_e(t['label'])}</text></g>"
            )
        ut.append("\n    ")
        for x in self.x_labels:
            xx = _e(x["x"])
            forsta = _e(x["lines"][0]["y"]) if x["lines"] else ""
            ut.append(f'<text class="chart-category" x="{xx}" y="{forsta}" text-anchor="middle">')
            ut += [
                f'<tspan x="{xx}" y="{_e(line["y"])}">{_e(line["text"])}</tspan>'
                for line in x["lines"]
            ]
            ut.append("</text>")
        ut.append("\n    ")
        ut += _legend_svg(self.legend)
        ut.append("\n    ")
        for line in self.lines:
            farg = _e(line.series.color)
            ut.append(
                f'<g class="chart-line {_e(line.series.css)}">\n      <polyline points='
                f'"{_e(line.path)}" fill="none" stroke="{farg}" stroke-width="2"/>\n      '
            )
            for p in line.points:
                cx, cy = _e(p.x), _e(p.y)
                ut.append(f"<g><title>{_e(p.title)}</title>")
                if not p.hidden:
                    ut.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{farg}"/>')
                ut.append(
                    f'<text x="{cx}" y="{_add(p.y, -7)}" text-anchor="middle" font-size="10" '
                    f'fill="#333">{_e(p.label)}</text></g>'
                )
            ut.append("\n    </g>")
        ut.append("\n  </svg>\n</figure>\n")
        return mark_safe("".join(ut))  # noqa: S308  (every value escaped by _e)
