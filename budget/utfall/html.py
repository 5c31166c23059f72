"""The utfall tables' body rows written in Python: exactly the HTML of the template loops they
replace in `budget/utfall/detail.html` and `driftredovisning.html` (the tests in
tests/budget/utfall/test_tabell_html.py compare with those loops, kept there). A line has a
cell per column, a few cells to a source line; the template engine's nodes per cell were
much of these pages' server time at national scale."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

from finsam.forms_base import html_text


def tabellrader_html(
    rader,
    kolumner: list[list[str]],
    format: Callable[[object], str],
    *,
    tom: str | None = None,
) -> SafeString:
    """`<tr>` per row of an Utfallstabell: its label, then per source line of `kolumner` its
    columns' values through `format` (a heading row spans them all); `tom` is the row shown
    when there are none."""
    antal = sum(len(k) for k in kolumner)
    ut: list[str] = []
    for r in rader:
        ut.append(
            f'\n    <tr class="{html_text(r.typ)}">\n      <td class="niva-{html_text(r.niva)}">'
            f"{html_text(r.etikett)}</td>\n      "
        )
        if r.typ == "rubrik":
            ut.append(f'<td colspan="{antal}"></td>')
        else:
            varden = r.varden
            for rad in kolumner:
                ut.append("\n      ")
                for k in rad:
                    ut.append(f'<td class="num">{html_text(format(varden.get(k)))}</td>')
            ut.append("\n      ")
        ut.append("\n    </tr>\n  ")
    if not ut and tom is not None:
        ut.append(f"\n    {tom}\n  ")
    return mark_safe("".join(ut))
