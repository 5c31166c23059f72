"""The onboarding workbook: round trip, errors named by sheet/row/column, all or nothing."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from finsam.excel import xlsx_bytes
from finsam.models import Befolkning, Medlem, User
from finsam.rapporter.uppstart import excel, services
from finsam.rapporter.uppstart import kolumner as k
from insatser.models import Bemanning, Insats, Malomrade
from tests import factories

IDAG = date.today()


def mall(forbund) -> bytes:
    wb, _namn = excel.mall(forbund=forbund)
    return xlsx_bytes(wb)


def _header(ws):
    for row in ws.iter_rows(max_row=10):
        if row[0].value is not None and row[0].row == excel.RUBRIKRAD:
            return {c.value: c.column for c in row if c.value}
    raise AssertionError("no header")


def andra(data: bytes, fn) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    fn(wb)
    return xlsx_bytes(wb)


def satt(wb, blad, rad, kolumn, varde):
    """Set a cell by sheet, data row (1 = first under the header) and column name."""
    ws = wb[blad]
    ws.cell(row=excel.RUBRIKRAD + rad, column=_header(ws)[kolumn]).value = varde


def lagg_till(wb, blad, varden: dict):
    ws = wb[blad]
    kol = _header(ws)
    rad = max(excel.RUBRIKRAD, max((c.row for c in ws["A"] if c.value is not None), default=0)) + 1
    for namn, v in varden.items():
        ws.cell(row=rad, column=kol[namn]).value = v
    return rad


def antal(forbund) -> dict:
    return {
        "medlemmar": Medlem.objects.filter(forbund=forbund).count(),
        "folkmangd": Befolkning.objects.filter(medlem__forbund=forbund).count(),
        "malomraden": Malomrade.objects.filter(forbund=forbund).count(),
        "insatser": Insats.objects.filter(forbund=forbund).count(),
        "bemanning": Bemanning.objects.filter(insats__forbund=forbund).count(),
        "grupper": Budgetgrupp.objects.filter(forbund=forbund).count(),
        "rader": Budgetrad.objects.filter(forbund=forbund).count(),
        "versioner": Budgetversion.objects.filter(forbund=forbund).count(),
        "belopp": Budgetbelopp.objects.filter(version__forbund=forbund).count(),
    }


def till_annat_forbund(data: bytes, forbund) -> bytes:
    """The demo's workbook made for `forbund`: its slug, and new styrgrupp addresses."""

    def fn(wb):
        ws = wb[k.INFO]
        for row in ws.iter_rows():
            if row[0].value == k.NYCKEL_FORBUND:
                row[1].value = forbund.slug
        ws = wb[k.STYRGRUPP.namn]
        kol = _header(ws)["E-post"]
        for row in ws.iter_rows(min_row=excel.RUBRIKRAD + 1):
            if row[kol - 1].value:
                row[kol - 1].value = f"ny-{row[0].row}@example.org"

    return andra(data, fn)


def fel_texter(plan):
    return [(f.blad, f.rad, f.kolumn) for f in plan.fel]


# --- the round trip ---------------------------------------------------------------------


def test_the_template_of_a_filled_forbund_applied_again_changes_nothing(demo):
    data = mall(demo)
    fore = antal(demo)
    plan = services.uppstart_parse(forbund=demo, data=data, filnamn="demo.xlsx")
    assert plan.fel == []
    assert plan.andringar, "every row of the demo is read"
    assert plan.andrade == [], [(a.blad, a.rad, a.text, a.falt) for a in plan.andrade][:5]
    historik = sum(m.history.count() for m in (Medlem, Insats, Budgetrad, Budgetgrupp))
    kansli = User.objects.get(username="kansli")
    services.uppstart_apply(forbund=demo, plan=plan, anvandare=kansli)
    assert antal(demo) == fore
    assert sum(m.history.count() for m in (Medlem, Insats, Budgetrad, Budgetgrupp)) == historik


def test_the_demo_workbook_fills_an_empty_forbund(demo):
    ny = factories.make_forbund()
    kansli = factories.make_user(ny, "kansli")
    data = till_annat_forbund(mall(demo), ny)
    plan = services.uppstart_parse(forbund=ny, data=data, filnamn="start.xlsx")
    assert plan.fel == []
    assert antal(ny) == dict.fromkeys(antal(ny), 0)
    services.uppstart_apply(forbund=ny, plan=plan, anvandare=kansli)
    ar = {v.ar for v in Budgetversion.objects.filter(forbund=demo, typ="budget")}
    demo_antal = antal(demo)
    nya = antal(ny)
    for nyckel in (
        "medlemmar",
        "folkmangd",
        "malomraden",
        "insatser",
        "bemanning",
        "grupper",
        "rader",
    ):
        assert nya[nyckel] == demo_antal[nyckel], nyckel
    # The two years of the workbook: the amounts of the demo's budget for them.
    for a in {IDAG.year - 1, IDAG.year} & ar:
        demo_belopp = sorted(
            Budgetbelopp.objects.filter(
                version__forbund=demo, version__ar=a, version__typ="budget"
            ).values_list("rad__namn", "belopp")
        )
        assert demo_belopp == sorted(
            Budgetbelopp.objects.filter(version__forbund=ny, version__ar=a).values_list(
                "rad__namn", "belopp"
            )
        )
    # History names the workbook.
    medlem = Medlem.objects.filter(forbund=ny).first()
    assert medlem.history.first().history_change_reason == "Uppstart från arbetsbok start.xlsx"
    # Styrgrupp users were invited with the role.
    assert User.objects.filter(forbund=ny, roll="styrgrupp").exists()
    # Applying the new förbund's own template changes nothing.
    plan = services.uppstart_parse(forbund=ny, data=mall(ny), filnamn="igen.xlsx")
    assert plan.fel == [] and plan.andrade == []


def test_a_changed_row_is_changed_and_a_new_row_created(demo):
    medlem = Medlem.objects.filter(forbund=demo).order_by("ordning", "namn").first()

    def fn(wb):
        satt(wb, "Medlemmar", 1, "Kortnamn", "Nytt kortnamn")
        lagg_till(wb, "Målområden", {"Namn": "Nytt målområde", "Beskrivning": "=inte en formel"})

    data = andra(mall(demo), fn)
    # The text "=inte en formel" typed as a value (not quote-prefixed) counts as a formula.
    plan = services.uppstart_parse(forbund=demo, data=data)
    assert ("Målområden", plan.fel[0].rad, "Beskrivning") == fel_texter(plan)[0]
    data = andra(
        mall(demo),
        lambda wb: (
            satt(wb, "Medlemmar", 1, "Kortnamn", "Nytt kortnamn"),
            lagg_till(wb, "Målområden", {"Namn": "Nytt målområde"}),
        ),
    )
    plan = services.uppstart_parse(forbund=demo, data=data)
    assert plan.fel == []
    assert sorted((a.blad, a.status) for a in plan.andrade) == [
        ("Medlemmar", "andrad"),
        ("Målområden", "ny"),
    ]
    services.uppstart_apply(forbund=demo, plan=plan, anvandare=User.objects.get(username="kansli"))
    medlem.refresh_from_db()
    assert medlem.kortnamn == "Nytt kortnamn"
    assert Malomrade.objects.filter(forbund=demo, namn="Nytt målområde").exists()


def test_text_is_never_a_formula_in_the_template(demo):
    Malomrade.objects.filter(forbund=demo).update(beskrivning="=1+1")
    wb = load_workbook(io.BytesIO(mall(demo)))
    ws = wb["Målområden"]
    cell = ws.cell(row=excel.RUBRIKRAD + 1, column=2)
    assert cell.value == "=1+1" and cell.data_type == "s" and cell.quotePrefix
    plan = services.uppstart_parse(forbund=demo, data=mall(demo))
    assert plan.fel == [] and plan.andrade == []


# --- errors ---------------------------------------------------------------------------------


@pytest.fixture
def tom(db):
    forbund = factories.make_forbund()
    return forbund, factories.make_user(forbund, "kansli")


def _giltig(wb):
    lagg_till(wb, "Medlemmar", {"Namn": "Fagersta kommun", "Kortnamn": "Fagersta", "Typ": "Kommun"})
    lagg_till(
        wb, "Medlemmar", {"Namn": "Region Västmanland", "Kortnamn": "Regionen", "Typ": "Region"}
    )
    lagg_till(wb, "Folkmängd", {"Medlem": "Fagersta", "År": 2025, "Folkmängd": 13000})
    lagg_till(wb, "Målområden", {"Namn": "Individinsatser"})
    lagg_till(
        wb,
        "Insatser",
        {
            "Kortnamn": "st-fagersta",
            "Namn": "Samordningsteam Fagersta",
            "Typ": "Samordningsteam",
            "Målområde": "Individinsatser",
            "Startdatum": date(2024, 1, 1),
            "Kommuner": "Fagersta",
            "Deltagande medlemmar": "Fagersta, Regionen",
        },
    )
    lagg_till(
        wb,
        "Bemanning",
        {
            "Insats": "st-fagersta",
            "Roll": "Socialkonsulent",
            "Årsarbetare": 1.5,
            "Anställd av": "Fagersta",
            "Varav finansierat av förbundet": 1,
        },
    )
    lagg_till(wb, "Budgetgrupper", {"Namn": "Intäkter", "Typ": "Intäkter"})
    lagg_till(
        wb, "Budgetgrupper", {"Namn": "Insatser", "Typ": "Kostnader", "Summarad": "Summa insatser"}
    )
    satt(wb, "Budgetår", 1, "Beslutsdatum", date(IDAG.year - 2, 11, 20))
    satt(wb, "Budgetår", 2, "Beslutsdatum", date(IDAG.year - 1, 11, 20))
    lagg_till(
        wb,
        "Budgetrader",
        {
            "Grupp": "Intäkter",
            "Rad": "Medlemsavgifter",
            "Budget föregående år (kr)": 4_000_000,
            "Budget i år (kr)": 4_200_000,
        },
    )
    lagg_till(
        wb,
        "Budgetrader",
        {
            "Grupp": "Insatser",
            "Rad": "ST Fagersta",
            "Kategori": "Individinsatser",
            "Insats": "st-fagersta",
            "Budget i år (kr)": -1_500_000,
        },
    )


def test_a_filled_workbook_creates_everything(tom):
    forbund, kansli = tom
    data = andra(mall(forbund), _giltig)
    plan = services.uppstart_parse(forbund=forbund, data=data, filnamn="ny.xlsx")
    assert plan.fel == []
    services.uppstart_apply(forbund=forbund, plan=plan, anvandare=kansli)
    insats = Insats.objects.get(forbund=forbund, slug="st-fagersta")
    assert {m.kortnamn for m in insats.deltagande_medlemmar.all()} == {"Fagersta", "Regionen"}
    assert insats.bemanning.get().arsarbetare == __import__("decimal").Decimal("1.5")
    i_ar = Budgetversion.objects.get(forbund=forbund, ar=IDAG.year)
    assert dict(i_ar.belopp.values_list("rad__namn", "belopp")) == {
        "Medlemsavgifter": 4_200_000,
        "ST Fagersta": -1_500_000,
    }
    assert Budgetrad.objects.get(forbund=forbund, namn="ST Fagersta").insats == insats
    # The same file again: nothing.
    plan = services.uppstart_parse(forbund=forbund, data=data, filnamn="ny.xlsx")
    assert plan.fel == [] and plan.andrade == []


@pytest.mark.parametrize(
    "andring, vantat",
    [
        # type
        (lambda wb: satt(wb, "Folkmängd", 1, "Folkmängd", "många"), ("Folkmängd", 1, "Folkmängd")),
        (lambda wb: satt(wb, "Insatser", 1, "Startdatum", "igår"), ("Insatser", 1, "Startdatum")),
        (
            lambda wb: satt(wb, "Budgetrader", 1, "Budget i år (kr)", 12.5),
            ("Budgetrader", 1, "Budget i år (kr)"),
        ),
        (lambda wb: satt(wb, "Medlemmar", 1, "Typ", "Landsting"), ("Medlemmar", 1, "Typ")),
        # required
        (lambda wb: satt(wb, "Insatser", 1, "Namn", None), ("Insatser", 1, "Namn")),
        # reference between sheets
        (
            lambda wb: satt(wb, "Insatser", 1, "Målområde", "Finns inte"),
            ("Insatser", 1, "Målområde"),
        ),
        (
            lambda wb: satt(wb, "Budgetrader", 2, "Grupp", "Okänd grupp"),
            ("Budgetrader", 2, "Grupp"),
        ),
        (
            lambda wb: satt(wb, "Bemanning", 1, "Anställd av", "Okänd"),
            ("Bemanning", 1, "Anställd av"),
        ),
        # duplicates
        (lambda wb: satt(wb, "Medlemmar", 2, "Namn", "Fagersta kommun"), ("Medlemmar", 2, "Namn")),
        # the model's own checks
        (
            lambda wb: satt(wb, "Insatser", 1, "Kortnamn", "ej en slug!"),
            ("Insatser", 1, "Kortnamn"),
        ),
        (
            lambda wb: satt(wb, "Insatser", 1, "Slutdatum", date(2020, 1, 1)),
            ("Insatser", 1, "Slutdatum"),
        ),
        # a formula
        (
            lambda wb: satt(wb, "Budgetrader", 1, "Budget i år (kr)", "=1+1"),
            ("Budgetrader", 1, "Budget i år (kr)"),
        ),
    ],
)
def test_each_error_names_sheet_row_and_column_and_nothing_is_written(tom, andring, vantat):
    forbund, kansli = tom

    def fn(wb):
        _giltig(wb)
        andring(wb)

    data = andra(mall(forbund), fn)
    plan = services.uppstart_parse(forbund=forbund, data=data)
    blad, rad, kolumn = vantat
    assert (blad, excel.RUBRIKRAD + rad, kolumn) in fel_texter(plan), [str(f) for f in plan.fel]
    assert all(f.blad and f.rad and f.kolumn for f in plan.fel), [str(f) for f in plan.fel]
    assert blad in str(plan.fel[0]) and "rad" in str(plan.fel[0])
    with pytest.raises(services.ImportInvalid):
        services.uppstart_apply(forbund=forbund, plan=plan, anvandare=kansli)
    assert antal(forbund) == dict.fromkeys(antal(forbund), 0)


def test_a_workbook_for_another_forbund_is_refused(demo, tom):
    forbund, _kansli = tom
    plan = services.uppstart_parse(forbund=forbund, data=mall(demo))
    assert [f.blad for f in plan.fel] == [k.INFO]


def test_all_or_nothing_when_a_write_fails(tom, monkeypatch):
    """A refusal only the database makes, after some rows were written: none are kept."""
    forbund, kansli = tom
    data = andra(mall(forbund), _giltig)
    plan = services.uppstart_parse(forbund=forbund, data=data)
    assert plan.fel == []
    from budget import services as budget_services

    def vagra(**kw):
        from django.core.exceptions import ValidationError

        raise ValidationError("nej")

    monkeypatch.setattr(budget_services, "budgetrad_save", vagra)
    with pytest.raises(services.ImportInvalid):
        services.uppstart_apply(forbund=forbund, plan=plan, anvandare=kansli)
    assert antal(forbund) == dict.fromkeys(antal(forbund), 0)


def test_one_upload_names_every_error(tom):
    """A type error does not hide a reference or duplicate error elsewhere."""
    forbund, _kansli = tom

    def fn(wb):
        _giltig(wb)
        satt(wb, "Budgetrader", 1, "Budget i år (kr)", "tio kronor")
        satt(wb, "Insatser", 1, "Målområde", "Finns inte")
        satt(wb, "Medlemmar", 2, "Namn", "Fagersta kommun")

    plan = services.uppstart_parse(forbund=forbund, data=andra(mall(forbund), fn))
    platser = fel_texter(plan)
    r = excel.RUBRIKRAD
    assert ("Budgetrader", r + 1, "Budget i år (kr)") in platser
    assert ("Insatser", r + 1, "Målområde") in platser
    assert ("Medlemmar", r + 2, "Namn") in platser
    assert plan.andringar == []


def test_a_missing_column_is_named(tom):
    forbund, _kansli = tom

    def fn(wb):
        _giltig(wb)
        wb["Insatser"].cell(row=excel.RUBRIKRAD, column=4).value = "Område"

    plan = services.uppstart_parse(forbund=forbund, data=andra(mall(forbund), fn))
    assert fel_texter(plan) == [("Insatser", excel.RUBRIKRAD, "Målområde")]
