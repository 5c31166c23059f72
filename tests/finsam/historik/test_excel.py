"""The change history as Excel (finsam/historik/excel.py): one row per changed field, all text."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from tests import factories

XLSX = reverse("finsam:historik-xlsx")


# --- the Excel export -------------------------------------------------------------------------

FARLIGA = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTabb", "\rRetur"]


def test_export_writes_what_users_typed_as_text_never_as_formula(client_for, revisor, forbund):
    for namn in FARLIGA:
        factories.make_medlem(forbund, namn=namn)
    response = client_for(revisor).get(XLSX)
    assert response["Content-Disposition"].startswith('attachment; filename="andringshistorik-')
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[4]][:5] == [
        "Tid",
        "Användare",
        "Händelse",
        "Typ av uppgift",
        "Post",
    ]
    # XML keeps a carriage return as a line break; the text is otherwise unchanged.
    cells = {
        c.value.replace("\n", "\r"): c
        for row in ws.iter_rows(min_row=5)
        for c in row
        if isinstance(c.value, str)
    }
    for namn in FARLIGA:
        assert namn in cells, namn
        assert cells[namn].data_type == "s", namn


def test_export_has_one_row_per_changed_field(client_for, revisor, forbund):
    medlem = factories.make_medlem(forbund, namn="Fagersta", kortnamn="F")
    medlem.namn, medlem.kortnamn = "Fagersta kommun", "Fagersta"
    medlem.save()
    ws = load_workbook(io.BytesIO(client_for(revisor).get(XLSX).content)).active
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[2] == "Ändrad"]
    assert {(r[5], r[6], r[7]) for r in rows} == {
        ("namn", "Fagersta", "Fagersta kommun"),
        ("kortnamn", "F", "Fagersta"),
    }
