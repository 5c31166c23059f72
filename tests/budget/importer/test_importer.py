"""The importer: a valid file's changes, and every kind of bad file with its exact error and
nothing written."""

import pytest

from budget.importer import services as importer
from budget.models import Budgetbelopp, Utfallsrad
from finsam.concurrency import ConflictError
from finsam.formatting import belopp
from tests import factories
from tests.budget.importer.helpers import edit, fill, make_period, row_of, snapshot, template


def _errors(forbund, data, **kw):
    plan = importer.import_parse(forbund=forbund, data=data, **kw)
    return [str(f) for f in plan.fel]


def _assert_refused(forbund, data, expected, **kw):
    """The file gives exactly `expected` errors and apply writes nothing."""
    fore = snapshot(forbund)
    assert _errors(forbund, data, **kw) == expected
    with pytest.raises(importer.ImportInvalid) as e:
        importer.import_apply(forbund=forbund, data=data, **kw)
    assert [str(f) for f in e.value.fel] == expected
    assert snapshot(forbund) == fore


@pytest.fixture
def period(exempel):
    p = make_period(exempel.forbund)
    Utfallsrad.objects.create(period=p, rad=exempel.rader.medel, intakt=6_000_000)
    Utfallsrad.objects.create(
        period=p, rad=exempel.rader.team_a, kostnad=-1_800_000, prognos=-2_900_000
    )
    return p


# --- good files ----------------------------------------------------------------------------


def test_unchanged_template_changes_nothing(exempel):
    plan = importer.import_parse(
        forbund=exempel.forbund, data=template(exempel.forbund, exempel.budget)
    )
    assert plan.fel == []
    assert plan.andrade == []
    assert plan.oforandrade == 6


def test_budget_changes_new_and_removed(exempel):
    r = exempel.rader
    data = template(exempel.forbund, exempel.plan)
    data = fill(
        data,
        "Budget",
        {
            r.team_a.pk: {"Belopp (kr)": -4_500_000},  # changed
            r.metod.pk: {"Belopp (kr)": "−1 250 000"},  # new, typed the Swedish way
            r.team_b.pk: {"Belopp (kr)": None},  # removed
            r.kansli.pk: {"Belopp (kr)": -1_500_000.0},  # unchanged (a float from Excel)
        },
    )
    plan = importer.import_parse(forbund=exempel.forbund, data=data)
    assert plan.fel == []
    assert {(a.rad.namn, a.fore, a.efter, a.status) for a in plan.andrade} == {
        ("Team A", -4_000_000, -4_500_000, "andrad"),
        ("Metodstöd", None, -1_250_000, "ny"),
        ("Team B", -2_000_000, None, "borttagen"),
    }
    importer.import_apply(
        forbund=exempel.forbund, data=data, expected_version=exempel.plan.lock_version
    )
    assert dict(exempel.plan.belopp.values_list("rad__namn", "belopp")) == {
        "Medel från huvudmännen": 10_000_000,
        "Team A": -4_500_000,
        "Metodstöd": -1_250_000,
        "Kansli": -1_500_000,
    }
    exempel.plan.refresh_from_db()
    assert exempel.plan.lock_version == 1
    # The budget 2025 is untouched.
    assert exempel.budget.belopp.count() == 6


def test_utfall_changes(exempel, period):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, period),
        "Utfall",
        {
            r.medel.pk: {"Utfall intäkter": 6_500_000, "Prognos helår": 10_000_000},
            r.team_a.pk: {
                "Utfall intäkter": None,
                "Utfall kostnader": None,
                "Prognos helår": None,
            },
            r.kansli.pk: {
                "Utfall kostnader": "-900 000",
                "Prognos helår": -1_450_000,
                "Kommentar": "Vakant tjänst under våren.",
            },
        },
    )
    plan = importer.import_apply(forbund=exempel.forbund, data=data, expected_version=0)
    assert {a.rad.namn: a.status for a in plan.andrade} == {
        "Medel från huvudmännen": "andrad",
        "Team A": "borttagen",
        "Kansli": "ny",
    }
    rader = {
        u.rad.namn: (u.intakt, u.kostnad, u.prognos, u.kommentar)
        for u in Utfallsrad.objects.filter(period=period)
    }
    assert rader == {
        "Medel från huvudmännen": (6_500_000, 0, 10_000_000, ""),
        "Kansli": (0, -900_000, -1_450_000, "Vakant tjänst under våren."),
    }
    period.refresh_from_db()
    assert period.lock_version == 1


def test_stale_target_is_refused(exempel):
    data = fill(
        template(exempel.forbund, exempel.budget),
        "Budget",
        {exempel.rader.team_a.pk: {"Belopp (kr)": 1}},
    )
    loaded = exempel.budget.lock_version
    exempel.budget.lock_version += 1  # a colleague saved the version meanwhile
    exempel.budget.save()
    fore = snapshot(exempel.forbund)
    with pytest.raises(ConflictError) as e:
        importer.import_apply(forbund=exempel.forbund, data=data, expected_version=loaded)
    assert str(e.value) == (
        "Budget 2025 (2024-11-22) har ändrats av någon annan sedan filen laddades upp. "
        "Ingenting är importerat. Ladda upp filen igen för att se vad som ändras nu."
    )
    assert snapshot(exempel.forbund) == fore


# --- bad files -----------------------------------------------------------------------------


def test_text_in_a_number_cell(exempel):
    data = template(exempel.forbund, exempel.budget)
    rad = row_of(data, "Budget", exempel.rader.team_b.pk)
    data = fill(data, "Budget", {exempel.rader.team_b.pk: {"Belopp (kr)": "12 tkr"}})
    _assert_refused(
        exempel.forbund,
        data,
        [f'Blad Budget, rad {rad}, kolumn Belopp (kr): "12 tkr" är inte ett belopp i hela kronor.'],
    )
    assert rad == 7


def test_all_errors_are_collected(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.budget),
        "Budget",
        {r.medel.pk: {"Belopp (kr)": 12.5}, r.kansli.pk: {"Belopp (kr)": "mycket"}},
    )
    _assert_refused(
        exempel.forbund,
        data,
        [
            'Blad Budget, rad 5, kolumn Belopp (kr): "12,5" är inte ett belopp i hela kronor.',
            'Blad Budget, rad 10, kolumn Belopp (kr): "mycket" är inte ett belopp i hela kronor.',
        ],
    )


def test_unknown_line_and_another_forbunds_line(exempel, annat_forbund):
    annan_rad = factories.make_rad(factories.make_grupp(annat_forbund))

    def add_rows(wb):
        wb["Budget"].append([999999, "", "Påhittad", 1])
        wb["Budget"].append([annan_rad.pk, "", "Annan", 1])
        wb["Budget"].append(["tolv", "", "Fel id", 1])

    data = edit(template(exempel.forbund, exempel.budget), add_rows)
    _assert_refused(
        exempel.forbund,
        data,
        [
            "Blad Budget, rad 11, kolumn Rad-id: förbundet har ingen budgetrad med id 999999.",
            f"Blad Budget, rad 12, kolumn Rad-id: förbundet har ingen budgetrad med id "
            f"{annan_rad.pk}.",
            'Blad Budget, rad 13, kolumn Rad-id: "tolv" är inte ett Rad-id (ett heltal från '
            "mallen).",
        ],
    )


def test_same_line_twice(exempel):
    team_a = exempel.rader.team_a
    data = edit(
        template(exempel.forbund, exempel.budget),
        lambda wb: wb["Budget"].append([team_a.pk, "", "Team A", -1]),
    )
    _assert_refused(
        exempel.forbund,
        data,
        [f"Blad Budget, rad 11, kolumn Rad-id: raden {team_a.pk} (Team A) finns redan på rad 6."],
    )


def test_utfall_signs(exempel, period):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, period),
        "Utfall",
        {
            r.medel.pk: {"Utfall intäkter": -5000},
            r.kansli.pk: {"Utfall kostnader": 5000},
        },
    )
    _assert_refused(
        exempel.forbund,
        data,
        [
            "Blad Utfall, rad 5, kolumn Utfall intäkter: intäkter skrivs utan minustecken "
            f"(0 eller mer), inte {belopp(-5000)}.",
            "Blad Utfall, rad 10, kolumn Utfall kostnader: kostnader skrivs med minustecken "
            f"(0 eller mindre), inte {belopp(5000)}.",
        ],
    )


def test_wrong_sheet(exempel):
    def rename(wb):
        wb["Budget"].title = "Blad1"

    data = edit(template(exempel.forbund, exempel.budget), rename)
    _assert_refused(
        exempel.forbund,
        data,
        ['Bladet "Budget" saknas i filen (den har "Blad1", "Om filen").'],
    )


def test_budget_sheet_in_an_utfall_file(exempel, period):
    """A budget template whose "Om filen" was changed to name a period has no sheet Utfall."""

    def retarget(wb):
        ws = wb["Om filen"]
        for row in ws.iter_rows():
            if row[0].value == "Mål":
                row[1].value = "utfallsperiod"
            elif row[0].value == "Id":
                row[1].value = str(period.pk)
            elif row[0].value == "Datum":
                row[1].value = "2025-08-31"

    data = edit(template(exempel.forbund, exempel.budget), retarget)
    _assert_refused(
        exempel.forbund, data, ['Bladet "Utfall" saknas i filen (den har "Budget", "Om filen").']
    )


def test_missing_info_sheet(exempel):
    data = edit(template(exempel.forbund, exempel.budget), lambda wb: wb.remove(wb["Om filen"]))
    _assert_refused(
        exempel.forbund,
        data,
        [
            'Bladet "Om filen" saknas, så det går inte att se vilket förbund och vilken '
            "budgetversion eller period filen gäller. Ladda ner mallen från FINSAM och fyll i den."
        ],
    )


def test_missing_header_columns(exempel, period):
    def drop(wb):
        ws = wb["Utfall"]
        ws["E4"] = "Kostnader"
        ws["G4"] = None

    data = edit(template(exempel.forbund, period), drop)
    _assert_refused(
        exempel.forbund,
        data,
        [
            "Blad Utfall, rad 4, kolumn Utfall kostnader: kolumnen saknas i rubrikraden.",
            "Blad Utfall, rad 4, kolumn Kommentar: kolumnen saknas i rubrikraden.",
        ],
    )


def test_sheet_without_rows(exempel):
    def clear(wb):
        ws = wb["Budget"]
        ws.delete_rows(5, 20)

    data = edit(template(exempel.forbund, exempel.budget), clear)
    _assert_refused(exempel.forbund, data, ["Blad Budget: bladet har inga rader att importera."])


def test_sheet_without_header(exempel):
    data = edit(
        template(exempel.forbund, exempel.budget), lambda wb: wb["Budget"].delete_rows(1, 50)
    )
    _assert_refused(
        exempel.forbund,
        data,
        ['Blad Budget: rubrikraden med kolumnen "Rad-id" saknas bland de första tio raderna.'],
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Filen är tom."),
        (bytes(range(256)) * 8, None),
        ("Rad-id;Grupp;Rad;Belopp (kr)\n1;Intäkter;Medel;100\n".encode(), None),
        (b"PK\x03\x04 not really a zip", None),
    ],
    ids=["empty", "random-bytes", "csv", "corrupt-zip"],
)
def test_not_an_excel_file(exempel, data, expected):
    expected = expected or (
        "Filen går inte att läsa som en Excelfil (.xlsx). Ladda ner mallen, fyll i den och "
        "spara den som Excel-arbetsbok."
    )
    _assert_refused(exempel.forbund, data, [expected])


def test_another_forbunds_file(exempel, annat_forbund):
    annan = factories.make_version(annat_forbund, 2025)
    data = template(annat_forbund, annan)
    _assert_refused(
        exempel.forbund,
        data,
        [
            f'Blad Om filen, rad 5, kolumn Värde: filen gäller förbundet "{annat_forbund.slug}", '
            f'inte "{exempel.forbund.slug}".'
        ],
    )


def test_another_forbunds_file_with_the_slug_changed(exempel, annat_forbund):
    """Even with the slug edited to ours, the other förbund's version id is unknown here."""
    annan = factories.make_version(annat_forbund, 2025)

    def reslug(wb):
        wb["Om filen"]["B5"] = exempel.forbund.slug

    data = edit(template(annat_forbund, annan), reslug)
    _assert_refused(
        exempel.forbund,
        data,
        [
            "Blad Om filen, rad 8, kolumn Värde: förbundet har ingen budgetversion med id "
            f'"{annan.pk}".'
        ],
    )


def test_date_must_match_the_target(exempel):
    data = edit(
        template(exempel.forbund, exempel.budget),
        lambda wb: wb["Om filen"].__setitem__("B9", "2023-01-01"),
    )
    _assert_refused(
        exempel.forbund,
        data,
        [
            'Blad Om filen, rad 9, kolumn Värde: datumet "2023-01-01" stämmer inte med '
            "Budget 2025 (2024-11-22) (2024-11-22)."
        ],
    )


def test_another_version_than_chosen(exempel):
    data = template(exempel.forbund, exempel.plan)
    _assert_refused(
        exempel.forbund,
        data,
        [
            "Blad Om filen: filen gäller Plan 2026 (2024-11-22), inte Budget 2025 (2024-11-22) "
            "som du valde."
        ],
        forvantat_mal=f"version:{exempel.budget.pk}",
    )


def test_template_lists_open_lines_and_lines_with_values(exempel):
    exempel.rader.metod.stangd = True
    exempel.rader.metod.save()
    exempel.rader.processtod.stangd = True
    exempel.rader.processtod.save()
    Budgetbelopp.objects.filter(version=exempel.plan).delete()
    factories.set_belopp(exempel.plan, exempel.rader.metod, -1)
    plan = importer.import_parse(
        forbund=exempel.forbund, data=template(exempel.forbund, exempel.plan)
    )
    assert [a.rad.namn for a in plan.andringar] == [
        "Medel från huvudmännen",
        "Team A",
        "Team B",
        "Metodstöd",
        "Kansli",
    ]
