"""Small-count suppression: primary, secondary, idempotent — on random tables."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uppfoljning.statistik.smatal import (
    SECONDARY_LABEL,
    CountTable,
    derivable,
    extended,
    hidden_cells,
    is_small,
)

tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda cols: st.lists(
        st.lists(st.integers(min_value=0, max_value=12), min_size=cols, max_size=cols),
        min_size=1,
        max_size=6,
    )
)
thresholds = st.sampled_from([3, 5])
flags = st.booleans()


@settings(max_examples=300, deadline=None)
@given(cells=tables, threshold=thresholds, total_row=flags, total_column=flags)
def test_every_small_cell_is_hidden(cells, threshold, total_row, total_column):
    hidden = hidden_cells(cells, threshold, total_row=total_row, total_column=total_column)
    grid = extended(cells, total_row=total_row, total_column=total_column)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if is_small(value, threshold):
                assert (r, c) in hidden


@settings(max_examples=300, deadline=None)
@given(cells=tables, threshold=thresholds, total_row=flags, total_column=flags)
def test_no_hidden_cell_can_be_derived_from_a_line(cells, threshold, total_row, total_column):
    hidden = hidden_cells(cells, threshold, total_row=total_row, total_column=total_column)
    grid = extended(cells, total_row=total_row, total_column=total_column)
    assert (
        derivable(
            grid,
            hidden,
            n_rows=len(cells),
            n_cols=len(cells[0]),
            total_row=total_row,
            total_column=total_column,
        )
        == []
    )


@settings(max_examples=300, deadline=None)
@given(cells=tables, threshold=thresholds, total_row=flags, total_column=flags)
def test_suppression_is_idempotent(cells, threshold, total_row, total_column):
    kw = dict(total_row=total_row, total_column=total_column)
    once = hidden_cells(cells, threshold, **kw)
    assert hidden_cells(cells, threshold, also_hidden=once, **kw) == once


@settings(max_examples=200, deadline=None)
@given(cells=tables, threshold=thresholds)
def test_zeros_are_never_hidden_for_their_own_sake(cells, threshold):
    """A table without small counts hides nothing."""
    big = [[0 if v < threshold else v for v in row] for row in cells]
    assert hidden_cells(big, threshold) == frozenset()


def test_secondary_suppression_hides_the_smallest_other_cell():
    #        k   m  a | tot
    cells = [[50, 43, 2], [27, 24, 1], [24, 21, 0]]
    hidden = hidden_cells(cells, 3)
    assert (0, 2) in hidden and (1, 2) in hidden  # primary
    # Row 0 had only the 2 hidden: the smallest other non-zero, 43, goes too.
    assert (0, 1) in hidden
    # The total of column "a" is 3: not small, shown; two cells hidden in it is enough.
    assert (3, 2) not in hidden


def test_table_shows_small_and_secondary_cells_differently():
    t = CountTable(["a", "b"], ["k", "m"], [[2, 10], [5, 7]])
    assert t.shown(0, 0) == "<3"
    assert t.shown(0, 1) == SECONDARY_LABEL or t.shown(1, 0) == SECONDARY_LABEL
    exact = CountTable(["a", "b"], ["k", "m"], [[2, 10], [5, 7]], protected=False)
    assert exact.shown(0, 0) == 2
    assert exact.rows[0]["cells"][0]["marked"]


def test_a_table_without_rows_has_a_zero_total_row_of_its_full_width():
    """A period without an approved report has no rows; its totals were cut to one cell
    and every page showing them answered 500 (IndexError)."""
    t = CountTable([], ["Kvinna", "Man", "Annat"], [])
    assert [t.value(0, c) for c in range(t.n_cols + 1)] == [0, 0, 0, 0]
    assert [cell["value"] for cell in t.rows[0]["cells"]] == [0, 0, 0, 0]
    assert extended([], total_row=True, total_column=True, n_cols=3) == [[0, 0, 0, 0]]
