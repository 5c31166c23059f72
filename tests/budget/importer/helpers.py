"""Build import files for tests: the app's own template, filled in with openpyxl.

data = template(exempel.forbund, version)               # bytes of the downloaded template
data = fill(data, "Budget", {rad.pk: {"Belopp (kr)": -3_500_000}})
"""

import io
from datetime import date

from openpyxl import load_workbook

from budget.importer import services as importer
from budget.models import Budgetbelopp, Budgetversion, Utfallsperiod, Utfallsrad
from finsam.excel import xlsx_bytes


def template(forbund, obj) -> bytes:
    wb, _filename = importer.import_template(forbund=forbund, mal=importer.Mal(obj))
    return xlsx_bytes(wb)


def _header(ws):
    for row in ws.iter_rows(max_row=10):
        if row[0].value == "Rad-id":
            return row[0].row, {c.value: c.column for c in row if c.value}
    raise AssertionError("no header row")


def fill(data: bytes, sheet: str, changes: dict[int, dict[str, object]]) -> bytes:
    """Set cells by Rad-id and column name."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    header, kolumner = _header(ws)
    for row in ws.iter_rows(min_row=header + 1):
        for kolumn, value in changes.get(row[0].value, {}).items():
            ws.cell(row=row[0].row, column=kolumner[kolumn]).value = value
    return xlsx_bytes(wb)


def edit(data: bytes, fn) -> bytes:
    """Apply `fn(workbook)` and return the new bytes."""
    wb = load_workbook(io.BytesIO(data))
    fn(wb)
    return xlsx_bytes(wb)


def row_of(data: bytes, sheet: str, rad_id: int) -> int:
    ws = load_workbook(io.BytesIO(data))[sheet]
    for row in ws.iter_rows():
        if row[0].value == rad_id:
            return row[0].row
    raise AssertionError(rad_id)


def make_period(forbund, per=date(2025, 8, 31), **kw) -> Utfallsperiod:
    return Utfallsperiod.objects.create(forbund=forbund, per=per, **kw)


def snapshot(forbund):
    """Everything an import may write, to assert that nothing was written."""
    return (
        sorted(
            Budgetbelopp.objects.filter(version__forbund=forbund).values_list(
                "version_id", "rad_id", "belopp"
            )
        ),
        sorted(
            Utfallsrad.objects.filter(period__forbund=forbund).values_list(
                "period_id", "rad_id", "intakt", "kostnad", "prognos", "kommentar"
            )
        ),
        sorted(Budgetversion.objects.filter(forbund=forbund).values_list("pk", "lock_version")),
        sorted(Utfallsperiod.objects.filter(forbund=forbund).values_list("pk", "lock_version")),
    )
