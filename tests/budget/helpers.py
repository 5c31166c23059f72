"""Read what a budget page shows: table rows as text, and the values of inputs."""

import re
from html.parser import HTMLParser


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "input" and self._cell is not None:
            value = dict(attrs).get("value")
            if value is not None and dict(attrs).get("type") != "hidden":
                self._cell.append(value)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(_clean(" ".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def table_rows(response) -> list[list[str]]:
    """Every table row of the page as its cells' text (no-break spaces as spaces; an input
    shows its value)."""
    parser = _Rows()
    parser.feed(response.content.decode())
    return parser.rows


def row(response, label: str) -> list[str]:
    """The cells after the first cell reading `label`."""
    for r in table_rows(response):
        if r and r[0] == label:
            return r[1:]
    raise AssertionError(f"No row {label!r} in {[r[:1] for r in table_rows(response)]}")


def text(response) -> str:
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return _clean(html)


def rader_som_mallen(form, konflikt: bool, mall: str) -> str:
    """A grid form's body rows written in Python (`form.rader_html`) against the template
    loop they replace (`mall`, the reference kept in tests/): asserts the two equal and
    returns the template's HTML."""
    from django.template import engines

    html = (
        engines["django"]
        .from_string(mall)
        .render({"form": form, "grid": form.grid, "konflikt": konflikt})
    )
    assert form.rader_html(konflikt=konflikt) == html
    return html
