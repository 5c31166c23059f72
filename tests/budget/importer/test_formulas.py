"""Formulas in an imported file are refused with the cell named; text from users that looks
like a formula survives a round trip through the template as text."""

import pytest

from budget.importer import services as importer
from budget.models import Utfallsrad
from tests.budget.importer.helpers import edit, fill, make_period, row_of, snapshot, template


def _errors(forbund, data, **kw):
    return [str(f) for f in importer.import_parse(forbund=forbund, data=data, **kw).fel]


def _assert_refused(forbund, data, expected):
    fore = snapshot(forbund)
    assert _errors(forbund, data) == expected
    with pytest.raises(importer.ImportInvalid):
        importer.import_apply(forbund=forbund, data=data)
    assert snapshot(forbund) == fore


def _formelfel(blad, rad, kolumn, formel):
    return (
        f"Blad {blad}, rad {rad}, kolumn {kolumn}: cellen innehåller formeln {formel}. "
        "Importen räknar inte ut formler: skriv in värdet (kopiera cellen och klistra in "
        "den som värde)."
    )


@pytest.fixture
def period(exempel):
    p = make_period(exempel.forbund)
    Utfallsrad.objects.create(period=p, rad=exempel.rader.medel, intakt=6_000_000)
    return p


def test_a_formula_in_an_amount_is_refused(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.budget),
        "Budget",
        {r.team_a.pk: {"Belopp (kr)": "=-3000000-250000"}, r.kansli.pk: {"Rad-id": "=1+1"}},
    )
    _assert_refused(
        exempel.forbund,
        data,
        [
            _formelfel(
                "Budget", row_of(data, "Budget", r.team_a.pk), "Belopp (kr)", "=-3000000-250000"
            ),
            _formelfel("Budget", 10, "Rad-id", "=1+1"),
        ],
    )


def test_a_formula_in_a_comment_is_refused(exempel, period):
    r = exempel.rader
    hyperlink = '=HYPERLINK("http://example.com/x","klick")'
    data = fill(
        template(exempel.forbund, period), "Utfall", {r.team_a.pk: {"Kommentar": hyperlink}}
    )
    _assert_refused(
        exempel.forbund,
        data,
        [_formelfel("Utfall", row_of(data, "Utfall", r.team_a.pk), "Kommentar", hyperlink)],
    )


def test_a_long_formula_is_shortened_in_the_message(exempel, period):
    r = exempel.rader
    formel = "=" + "+".join(["1"] * 40)  # 80 characters
    data = fill(template(exempel.forbund, period), "Utfall", {r.team_a.pk: {"Kommentar": formel}})
    (fel,) = _errors(exempel.forbund, data)
    assert f"formeln {formel[:60]}…. Importen" in fel


def test_a_text_cell_starting_with_equals_is_refused(exempel, period):
    """A string cell "=1+1" without Excel's quote prefix becomes a formula when edited."""
    r = exempel.rader

    def text_cell(wb):
        ws = wb["Utfall"]
        cell = ws.cell(row=row_of_cell(ws, r.team_a.pk), column=7)
        cell.value = "=1+1"
        cell.data_type = "s"

    data = edit(template(exempel.forbund, period), text_cell)
    _assert_refused(
        exempel.forbund,
        data,
        [_formelfel("Utfall", row_of(data, "Utfall", r.team_a.pk), "Kommentar", "=1+1")],
    )


def row_of_cell(ws, rad_id):
    return next(row[0].row for row in ws.iter_rows() if row[0].value == rad_id)


def test_a_formula_on_the_info_sheet_is_refused(exempel):
    def formula_id(wb):
        for row in wb["Om filen"].iter_rows():
            if row[0].value == "Id":
                row[1].value = f'="{exempel.budget.pk}"'

    data = edit(template(exempel.forbund, exempel.budget), formula_id)
    _assert_refused(
        exempel.forbund, data, [_formelfel("Om filen", 8, "Värde", f'="{exempel.budget.pk}"')]
    )


def test_a_formula_in_a_column_the_import_does_not_read_is_ignored(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.budget),
        "Budget",
        {r.team_a.pk: {"Grupp": "=1+1", "Belopp (kr)": -3_100_000}},
    )
    plan = importer.import_parse(forbund=exempel.forbund, data=data)
    assert plan.fel == []
    assert [(a.rad, a.efter) for a in plan.andrade] == [(r.team_a, -3_100_000)]


HOSTILE = ["=1+1", "=cmd|' /C calc'!A0", "+1+1", "-1", "@SUM(A1)"]


@pytest.mark.parametrize("kommentar", HOSTILE)
def test_a_comment_that_looks_like_a_formula_survives_the_round_trip(exempel, period, kommentar):
    """Stored through the utfall page, written by the template as quoted text, read back
    unchanged: nothing to import, no error."""
    Utfallsrad.objects.filter(period=period).update(kommentar=kommentar)
    plan = importer.import_parse(forbund=exempel.forbund, data=template(exempel.forbund, period))
    assert plan.fel == []
    assert plan.andrade == []
    (medel,) = [a for a in plan.andringar if a.rad == exempel.rader.medel]
    assert medel.efter.kommentar == kommentar


def test_a_quoted_text_typed_in_excel_is_imported_as_text(exempel, period):
    """Excel stores '=1+1 as the text =1+1 with the quote prefix: that is not a formula."""
    r = exempel.rader

    def quoted(wb):
        ws = wb["Utfall"]
        cell = ws.cell(row=row_of_cell(ws, r.team_a.pk), column=7)
        cell.value = "=1+1"
        cell.data_type = "s"
        cell.quotePrefix = True

    data = edit(template(exempel.forbund, period), quoted)
    plan = importer.import_parse(forbund=exempel.forbund, data=data)
    assert plan.fel == []
    assert [(a.rad, a.efter.kommentar) for a in plan.andrade] == [(r.team_a, "=1+1")]
    importer.import_apply(forbund=exempel.forbund, data=data)
    assert period.rader.get(rad=r.team_a).kommentar == "=1+1"


def test_a_too_long_comment_is_refused(exempel, period):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, period), "Utfall", {r.team_a.pk: {"Kommentar": "x" * 2001}}
    )
    _assert_refused(
        exempel.forbund,
        data,
        [
            f"Blad Utfall, rad {row_of(data, 'Utfall', r.team_a.pk)}, kolumn Kommentar: "
            "kommentaren har 2\xa0001 tecken; högst 2\xa0000 går."
        ],
    )


def test_a_formula_among_the_info_sheets_other_rows_is_ignored(exempel):
    """Only Förbund, Mål, Id and Datum are read from "Om filen"."""

    def formula_name(wb):
        for row in wb["Om filen"].iter_rows():
            if row[0].value == "Förbundets namn":
                row[1].value = "=1+1"

    data = edit(template(exempel.forbund, exempel.budget), formula_name)
    assert importer.import_parse(forbund=exempel.forbund, data=data).fel == []
