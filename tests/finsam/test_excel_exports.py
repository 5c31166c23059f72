"""Every Excel export and both import templates write names and comments typed by users as
text: the demo förbund with a formula for every name, and no cell of any file is a formula.

The session's demo gets its hostile names once for the module, in a transaction rolled back at
the end.
"""

import io
from datetime import date

import pytest
from django.db import transaction
from openpyxl import load_workbook

from budget.importer import services as importer
from budget.models import (
    Bokslutspost,
    Budgetgrupp,
    Budgetrad,
    Budgetversion,
    Utfallsperiod,
    Utfallsrad,
)
from finsam.excel import xlsx_bytes
from finsam.models import Forbund, Medlem
from finsam.rapporter.management.commands.export_xlsx import KINDS, export_function
from insatser.models import Insats
from uppfoljning.models import Matt

#: Every test runs with the database, so that pytest-django keeps the module's tests together
#: and the module-scoped document below is made once, not once per group.
pytestmark = pytest.mark.django_db

#: What Excel treats as the start of a formula (finsam.excel.FORMELTECKEN).
FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")


def quote_prefix(cell) -> bool:
    return bool(cell._style.quotePrefix)


def _rad(pk):
    return f'=HYPERLINK("http://example.com/{pk}","klick")'


def _grupp(pk):
    return f"=1+{pk}"


def _insats(pk):
    return f"=cmd|' /C calc'!A{pk}"


def _medlem(pk):
    return f"@SUM(A{pk})"


def _kommentar(pk):
    return f"=1+1 ({pk})"


FORBUND = "-2+3 Samordningsförbundet"


@pytest.fixture(scope="module")
def fientlig(demo_data, django_db_blocker):
    """The Västmanland demo with every name a formula."""
    with django_db_blocker.unblock(), transaction.atomic():
        fb = demo_data()
        Forbund.objects.filter(pk=fb.pk).update(namn=FORBUND)
        for model, namn in [
            (Budgetrad, _rad),
            (Budgetgrupp, _grupp),
            (Insats, _insats),
            (Medlem, _medlem),
        ]:
            for obj in model.objects.filter(forbund=fb):
                model.objects.filter(pk=obj.pk).update(namn=namn(obj.pk))
        for u in Utfallsrad.objects.filter(period__forbund=fb):
            Utfallsrad.objects.filter(pk=u.pk).update(kommentar=_kommentar(u.pk))
        for p in Bokslutspost.objects.filter(bokslut__forbund=fb):
            Bokslutspost.objects.filter(pk=p.pk).update(namn=f"+{p.pk}")
        for m in Matt.objects.all():
            Matt.objects.filter(pk=m.pk).update(namn=f"=A{m.pk}")
        yield Forbund.objects.get(pk=fb.pk)
        transaction.set_rollback(True)


def _texts_and_formulas(wb):
    """(every text value, coordinates of formula cells, texts that need but lack the quote)"""
    wb = load_workbook(io.BytesIO(xlsx_bytes(wb)))
    texts, formulas, unquoted = set(), [], []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{ws.title}!{cell.coordinate}: {cell.value}")
                elif isinstance(cell.value, str):
                    texts.add(cell.value)
                    if cell.value.startswith(FORMELTECKEN) and not quote_prefix(cell):
                        unquoted.append(f"{ws.title}!{cell.coordinate}")
    return texts, formulas, unquoted


ARGS = {
    "budget": {"ar": 2025},
    "delar": {"per": date(2025, 8, 31)},
    "driftredovisning": {"ar": 2025},
    "medlemsbidrag": {"ar": 2025},
    "insatsuppfoljning": {"per": date(2025, 12, 31)},
    "deltagare": {"ar": 2025, "period": "helar"},
}


def _expected(fb, kind):
    """(hostile texts, how many of them at least) that must read back from `kind`, whole
    or within a label ("Driftbidrag @SUM(A4)")."""
    rader = {_rad(r.pk) for r in Budgetrad.objects.filter(forbund=fb)}
    insatser = {_insats(i.pk) for i in Insats.objects.filter(forbund=fb)}
    if kind in ("budget", "driftredovisning"):
        return rader, 10
    if kind == "delar":
        period = Utfallsperiod.objects.get(forbund=fb, per=date(2025, 8, 31))
        kommentarer = {_kommentar(u.pk) for u in period.rader.exclude(kommentar="")}
        assert kommentarer
        return kommentarer, len(kommentarer)
    if kind == "medlemsbidrag":
        kommuner = {_medlem(m.pk) for m in Medlem.objects.filter(forbund=fb, typ="kommun")}
        return kommuner, len(kommuner)
    return insatser, 5


def test_every_export_kind_is_covered():
    assert set(ARGS) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(ARGS))
def test_export_writes_hostile_names_as_text(db, fientlig, kind):
    wb, _filename = export_function(kind)(fientlig, **ARGS[kind])
    texts, formulas, unquoted = _texts_and_formulas(wb)
    assert formulas == []
    assert unquoted == []
    expected, minimum = _expected(fientlig, kind)
    found = {e for e in expected if any(e in t for t in texts)}
    assert len(found) >= minimum, sorted(expected - found)


def test_exact_deltagare_export_too(db, fientlig):
    from uppfoljning.statistik.excel import export_deltagare

    wb, _filename = export_deltagare(fientlig, ar=2025, period="helar", exact=True)
    _texts, formulas, unquoted = _texts_and_formulas(wb)
    assert (formulas, unquoted) == ([], [])


@pytest.mark.parametrize("slag", ["version", "period"])
def test_import_templates_write_hostile_names_as_text(db, fientlig, slag):
    if slag == "version":
        obj = Budgetversion.objects.get(forbund=fientlig, ar=2025, typ="budget")
        expected = {_rad(b.rad_id) for b in obj.belopp.all()}
    else:
        obj = Utfallsperiod.objects.get(forbund=fientlig, per=date(2025, 8, 31))
        expected = {_kommentar(u.pk) for u in obj.rader.exclude(kommentar="")}
        expected |= {_rad(u.rad_id) for u in obj.rader.all()}
    expected |= {_grupp(g.pk) for g in Budgetgrupp.objects.filter(forbund=fientlig)[:1]}
    wb, _filename = importer.import_template(forbund=fientlig, mal=importer.Mal(obj))
    texts, formulas, unquoted = _texts_and_formulas(wb)
    assert formulas == []
    assert unquoted == []
    assert expected <= texts, expected - texts
    assert FORBUND in texts


@pytest.mark.parametrize("kind", sorted(ARGS))
def test_long_insats_names_give_sheet_names_excel_accepts(db, fientlig, kind):
    """Insats names of 60+ characters and slugs of 50 that differ only at the end: every
    sheet name fits Excel (31 characters, none of []:*?/\\), and none repeats."""
    for i in Insats.objects.filter(forbund=fientlig):
        Insats.objects.filter(pk=i.pk).update(
            namn=f"[{i.pk}] Samordningsteam: arbetslivsinriktad rehabilitering/stöd*?",
            slug=f"samordningsteam-arbetslivsinriktad-rehab-{i.pk:08d}",
        )
    wb, _filename = export_function(kind)(fientlig, **ARGS[kind])
    for exact in (False, True) if kind == "deltagare" else (False,):
        if exact:
            from uppfoljning.statistik.excel import export_deltagare

            wb, _filename = export_deltagare(fientlig, ar=2025, period="helar", exact=True)
        namn = load_workbook(io.BytesIO(xlsx_bytes(wb))).sheetnames
        assert namn == wb.sheetnames
        assert all(0 < len(n) <= 31 for n in namn), namn
        assert not [n for n in namn if set(n) & set("[]:*?/\\")]
        assert len({n.casefold() for n in namn}) == len(namn), namn
