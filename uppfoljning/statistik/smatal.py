"""Small-count protection ("små tal") for participant figures shown outside the kansli.

Swedish statistics practice: a count from 1 to threshold − 1 (Forbund.smatal_grans, 3 by
default, so 1 and 2) is shown as "<3"; 0 stays 0. That alone is not enough when totals
are shown: in a row 5 + ? + 7 = 14 the hidden cell is 2. So after the primary
suppression, every line (a row with its row total, a column with its column total) that
has exactly one hidden cell gets another one hidden — the smallest shown non-zero cell
of that line — until no line has exactly one hidden cell.

`hidden_cells()` is a pure function over a 2-D table of counts. The table's cells are
addressed (row, column); row index len(cells) is the total row and column index
len(cells[0]) the total column, when the table has them.

    hidden_cells([[5, 2, 7], [4, 6, 8]], 3)
    # the 2 at (0, 1); then the 5 in its row and the 6 in its column; then what those
    # lines need in turn, until no row or column has a single hidden cell.

`CountTable` wraps cells, labels, totals and the hidden set for templates and Excel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

Cell = tuple[int, int]


def is_small(value, threshold: int) -> bool:
    """True for counts that must not be shown: 1 … threshold − 1 (0 is fine)."""
    return value is not None and 0 < value < threshold


def small_label(threshold: int) -> str:
    return f"<{threshold}"


#: Shown for a cell hidden only so that a small one cannot be worked out (it is not small
#: itself, so "<3" would be wrong): Swedish statistics' "uppgift ej tillgänglig".
SECONDARY_LABEL = ".."


def _lines(n_rows: int, n_cols: int, total_row: bool, total_column: bool) -> list[list[Cell]]:
    """The sets of cells bound by one sum: each row with its total, each column with its."""
    lines = []
    if total_column:
        for r in range(n_rows + (1 if total_row else 0)):
            lines.append([(r, c) for c in range(n_cols + 1)])
    if total_row:
        for c in range(n_cols + (1 if total_column else 0)):
            lines.append([(r, c) for r in range(n_rows + 1)])
    return lines


def extended(
    cells: Sequence[Sequence[int]], *, total_row: bool, total_column: bool, n_cols: int = 0
):
    """The table with its total row and column appended as the last row/column.

    `n_cols` is the width of a table without rows (e.g. no approved report yet): its total
    row then has a 0 per column instead of being cut short."""
    rows = [list(row) for row in cells]
    n_cols = len(rows[0]) if rows else n_cols
    if total_column:
        for row in rows:
            row.append(sum(row))
    if total_row:
        rows.append(
            [sum(row[c] for row in rows) for c in range(n_cols + (1 if total_column else 0))]
        )
    return rows


def hidden_cells(
    cells: Sequence[Sequence[int]],
    threshold: int = 3,
    *,
    total_row: bool = True,
    total_column: bool = True,
    also_hidden: Iterable[Cell] = (),
) -> frozenset[Cell]:
    """Which cells (totals included) must be hidden so that no small count can be seen or
    worked out from what is shown.

    `also_hidden` are cells hidden for another reason (e.g. a linked table); the result
    contains them. The function is idempotent: passing its result as `also_hidden`
    returns the same set.
    """
    grid = extended(cells, total_row=total_row, total_column=total_column)
    hidden = set(also_hidden)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if is_small(value, threshold):
                hidden.add((r, c))
    n_rows = len(cells)
    n_cols = len(cells[0]) if cells else 0
    lines = _lines(n_rows, n_cols, total_row, total_column)
    changed = True
    while changed:
        changed = False
        for line in lines:
            in_line = [cell for cell in line if cell in hidden]
            if len(in_line) != 1:
                continue
            candidates = [cell for cell in line if cell not in hidden and grid[cell[0]][cell[1]]]
            if not candidates:
                continue  # only zeros left: nothing can be derived that is not known
            # The smallest shown non-zero cell; on a tie the first, parts before totals.
            pick = min(candidates, key=lambda cell: (grid[cell[0]][cell[1]], cell))
            hidden.add(pick)
            changed = True
    return frozenset(hidden)


def derivable(
    grid: Sequence[Sequence[int]],
    hidden: Iterable[Cell],
    *,
    n_rows: int,
    n_cols: int,
    total_row: bool = True,
    total_column: bool = True,
) -> list[Cell]:
    """Hidden cells that a single line's sum would reveal (for tests and checks)."""
    hidden = set(hidden)
    found = []
    for line in _lines(n_rows, n_cols, total_row, total_column):
        in_line = [cell for cell in line if cell in hidden]
        if len(in_line) == 1:
            found.append(in_line[0])
    return found


@dataclass
class CountTable:
    """A table of counts with optional total row/column and the cells to hide.

    `protected=False` (the kansli's exact view) shows every figure; `hidden` is still
    computed so that the page can mark what the styrelse would not see.
    """

    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[int]]
    threshold: int = 3
    protected: bool = True
    total_row: bool = True
    total_column: bool = True
    total_label: str = "Totalt"
    also_hidden: frozenset[Cell] = field(default_factory=frozenset)
    hidden: frozenset[Cell] = field(init=False)
    grid: list[list[int]] = field(init=False)

    def __post_init__(self):
        self.grid = extended(
            self.cells,
            total_row=self.total_row,
            total_column=self.total_column,
            n_cols=len(self.column_labels),
        )
        self.hidden = (
            hidden_cells(
                self.cells,
                self.threshold,
                total_row=self.total_row,
                total_column=self.total_column,
                also_hidden=self.also_hidden,
            )
            if self.cells
            else frozenset()
        )

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return len(self.column_labels)

    def value(self, r: int, c: int) -> int:
        return self.grid[r][c]

    def is_hidden(self, r: int, c: int) -> bool:
        return self.protected and (r, c) in self.hidden

    def would_hide(self, r: int, c: int) -> bool:
        """Hidden in the protected view (kansli's view marks these)."""
        return (r, c) in self.hidden

    def is_small(self, r: int, c: int) -> bool:
        return is_small(self.grid[r][c], self.threshold)

    def shown(self, r: int, c: int) -> int | str:
        """The number; "<3" for a hidden small count, ".." for a cell hidden to protect one."""
        if not self.is_hidden(r, c):
            return self.grid[r][c]
        return small_label(self.threshold) if self.is_small(r, c) else SECONDARY_LABEL

    @property
    def header(self) -> list[str]:
        return self.column_labels + ([self.total_label] if self.total_column else [])

    @property
    def rows(self) -> list[dict]:
        """For templates: label, and per cell {value, hidden, marked}."""
        labels = self.row_labels + ([self.total_label] if self.total_row else [])
        out = []
        for r, label in enumerate(labels):
            out.append(
                {
                    "label": label,
                    "total": self.total_row and r == self.n_rows,
                    "cells": [
                        {
                            "value": self.shown(r, c),
                            "hidden": self.is_hidden(r, c),
                            "marked": not self.protected and self.would_hide(r, c),
                        }
                        for c in range(len(self.grid[r]))
                    ],
                }
            )
        return out

    def column_total(self, c: int) -> int:
        return self.grid[-1][c] if self.total_row else sum(row[c] for row in self.cells)


def share(numerator, denominator) -> Decimal | None:
    """numerator / denominator as a Decimal share, None when the denominator is 0."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)
