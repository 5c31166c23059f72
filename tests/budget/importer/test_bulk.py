"""Large imports: the cap counts data rows, the writes go in bulk with one history row per
changed line, all or nothing, and the queries do not grow with the number of rows."""

import io
import re
from datetime import date
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from budget import services as budget_services
from budget.importer import services as importer
from budget.models import Budgetbelopp, Budgetrad, Budgetversion, Utfallsrad
from budget.services import budgetbelopp_save
from budget.utfall.services import Utfallsvarde, utfall_save
from finsam.concurrency import ConflictError
from finsam.excel import xlsx_bytes
from finsam.formatting import heltal
from tests.budget.importer.helpers import fill, make_period, snapshot, template


def _data_rows(data: bytes, sheet: str) -> int:
    """Rows under the header row of `sheet`."""
    ws = load_workbook(io.BytesIO(data))[sheet]
    header = next(r[0].row for r in ws.iter_rows(max_row=10) if r[0].value == "Rad-id")
    return ws.max_row - header


def _append_row(data: bytes, sheet: str, values: list) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb[sheet].append(values)
    return xlsx_bytes(wb)


# --- the cap counts data rows -------------------------------------------------------------


def test_the_cap_is_50_000_data_rows_by_default():
    assert importer.MAX_DATARADER == 50_000
    assert importer.max_datarader() == 50_000


def test_a_file_with_exactly_the_cap_is_accepted_one_more_row_refused(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.plan), "Budget", {r.metod.pk: {"Belopp (kr)": -5}}
    )
    antal = _data_rows(data, "Budget")
    assert antal == 6  # the title rows above the header are not counted
    with override_settings(FINSAM_IMPORT_MAX_RADER=antal):
        plan = importer.import_parse(forbund=exempel.forbund, data=data)
        assert plan.fel == []
        assert [a.rad for a in plan.andrade] == [r.metod]

        mer = _append_row(data, "Budget", [None, "En rad till"])
        assert _data_rows(mer, "Budget") == antal + 1
        fore = snapshot(exempel.forbund)
        fel = [str(f) for f in importer.import_parse(forbund=exempel.forbund, data=mer).fel]
        assert fel == [
            f"Blad Budget: bladet har fler än {antal} datarader (rader under rubrikraden); "
            f"högst {antal} går att importera från en fil. Dela upp filen."
        ]
        with pytest.raises(importer.ImportInvalid):
            importer.import_apply(forbund=exempel.forbund, data=mer)
        assert snapshot(exempel.forbund) == fore


def test_the_message_names_a_large_cap_the_swedish_way(exempel):
    data = _append_row(template(exempel.forbund, exempel.plan), "Budget", [None, "x"])
    with mock.patch.object(importer, "max_datarader", return_value=6):
        fel = [str(f) for f in importer.import_parse(forbund=exempel.forbund, data=data).fel]
    assert "fler än 6 datarader" in fel[0]
    assert heltal(50_000) == "50\u00a0000"
    with override_settings(FINSAM_IMPORT_MAX_RADER=50_000):
        assert importer.max_datarader() == 50_000


# --- history ------------------------------------------------------------------------------


def test_web_import_writes_one_history_row_per_changed_line(client_for, kansli, exempel):
    r = exempel.rader
    plan = exempel.plan
    historik = Budgetbelopp.history.model
    fore = historik.objects.count()
    data = fill(
        template(exempel.forbund, plan),
        "Budget",
        {
            r.team_a.pk: {"Belopp (kr)": -4_250_000},  # changed
            r.metod.pk: {"Belopp (kr)": -750_000},  # new
            r.team_b.pk: {"Belopp (kr)": None},  # removed
        },
    )
    client = client_for(kansli)
    response = client.post(
        reverse("budget:import-upload"),
        {"fil": SimpleUploadedFile("b.xlsx", data)},
    )
    token = re.search(r"/budget/import/([^/]+)/$", response["Location"]).group(1)
    team_b_id = plan.belopp.get(rad=r.team_b).pk
    response = client.post(reverse("budget:import-apply", args=[token]))
    assert response.status_code == 302

    nya = historik.objects.order_by("history_id")[fore:]
    assert historik.objects.count() == fore + 3  # the unchanged lines get none
    per_rad = {h.rad_id: h for h in nya}
    assert {rad: h.history_type for rad, h in per_rad.items()} == {
        r.team_a.pk: "~",
        r.metod.pk: "+",
        r.team_b.pk: "-",
    }
    for h in nya:
        # As a single save writes it: the request's user, no reason, the förbund.
        assert h.history_user_id == kansli.pk
        assert h.history_change_reason is None
        assert h.forbund_id == exempel.forbund.pk
        assert h.version_id == plan.pk
    assert per_rad[r.team_a.pk].belopp == -4_250_000
    assert per_rad[r.team_a.pk].id == plan.belopp.get(rad=r.team_a).pk
    assert per_rad[r.metod.pk].id == plan.belopp.get(rad=r.metod).pk
    assert per_rad[r.team_b.pk].id == team_b_id
    assert per_rad[r.team_b.pk].belopp == -2_000_000  # the value it had
    # The history reads back like any other (the previous version of the amount).
    assert per_rad[r.team_a.pk].prev_record.belopp == -4_000_000


def test_bulk_history_rows_equal_simple_historys_own(exempel):
    """The columns of a bulk-written history row are those simple-history writes for a
    save of the same object (but the history id and date)."""
    r = exempel.rader
    plan = exempel.plan
    budgetbelopp_save(version=plan, belopp={r.metod.pk: -1}, expected_version=plan.lock_version)
    bulk = Budgetbelopp.history.filter(rad=r.metod).latest("history_id")
    obj = plan.belopp.get(rad=r.metod)
    obj.save()  # a single save: simple-history's signal writes its row
    single = Budgetbelopp.history.filter(rad=r.metod).latest("history_id")
    skip = {"history_id", "history_date", "history_type"}
    falt = [f.attname for f in Budgetbelopp.history.model._meta.concrete_fields]
    assert {f: getattr(bulk, f) for f in falt if f not in skip} == {
        f: getattr(single, f) for f in falt if f not in skip
    }
    assert (bulk.history_type, single.history_type) == ("+", "~")


def test_utfall_bulk_writes_history_too(exempel):
    r = exempel.rader
    period = make_period(exempel.forbund)
    Utfallsrad.objects.create(period=period, rad=r.medel, intakt=6_000_000)
    Utfallsrad.objects.create(period=period, rad=r.kansli, kostnad=-1)
    historik = Utfallsrad.history.model
    fore = historik.objects.count()
    antal = utfall_save(
        period=period,
        varden={
            r.medel.pk: Utfallsvarde(intakt=6_500_000, kommentar="Mer"),
            r.team_a.pk: Utfallsvarde(kostnad=-10, prognos=-20),
            r.kansli.pk: Utfallsvarde(),
        },
        expected_version=0,
    )
    assert antal == 3
    nya = list(historik.objects.order_by("history_id")[fore:])
    assert sorted((h.rad_id, h.history_type) for h in nya) == sorted(
        [(r.medel.pk, "~"), (r.team_a.pk, "+"), (r.kansli.pk, "-")]
    )
    assert all(h.forbund_id == exempel.forbund.pk for h in nya)
    medel = period.rader.get(rad=r.medel)
    assert (medel.intakt, medel.kommentar) == (6_500_000, "Mer")
    assert period.rader.get(rad=r.team_a).prognos == -20
    assert not period.rader.filter(rad=r.kansli).exists()
    period.refresh_from_db()
    assert period.lock_version == 1


# --- all or nothing, locks ----------------------------------------------------------------


def test_an_error_on_the_last_row_writes_nothing(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.plan),
        "Budget",
        {
            r.team_a.pk: {"Belopp (kr)": -1},
            r.team_b.pk: {"Belopp (kr)": None},
            r.kansli.pk: {"Belopp (kr)": "inte ett belopp"},  # the last row
        },
    )
    fore = snapshot(exempel.forbund)
    historik = Budgetbelopp.history.count()
    with pytest.raises(importer.ImportInvalid):
        importer.import_apply(forbund=exempel.forbund, data=data)
    assert snapshot(exempel.forbund) == fore
    assert Budgetbelopp.history.count() == historik


def test_a_failure_in_the_last_bulk_write_rolls_back_the_others(exempel):
    """Deletes and updates are written before the inserts: a failure while writing the
    inserts' history leaves neither them, the version's lock_version nor any history."""
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.plan),
        "Budget",
        {
            r.team_a.pk: {"Belopp (kr)": -1},  # changed
            r.team_b.pk: {"Belopp (kr)": None},  # removed
            r.metod.pk: {"Belopp (kr)": -2},  # new: written last
        },
    )
    fore = snapshot(exempel.forbund)
    historik = Budgetbelopp.history.count()
    verklig = budget_services._historik

    def fel_pa_nya(cursor, conn, hist, objs, typ, *args):
        if typ == "+":
            raise RuntimeError("disken är full")
        return verklig(cursor, conn, hist, objs, typ, *args)

    with (
        mock.patch.object(budget_services, "_historik", fel_pa_nya),
        pytest.raises(RuntimeError),
    ):
        importer.import_apply(forbund=exempel.forbund, data=data)
    assert snapshot(exempel.forbund) == fore
    assert Budgetbelopp.history.count() == historik


def test_the_optimistic_lock_is_still_checked(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.plan), "Budget", {r.team_a.pk: {"Belopp (kr)": -1}}
    )
    plan = importer.import_parse(forbund=exempel.forbund, data=data)
    version = exempel.plan.lock_version
    budgetbelopp_save(version=exempel.plan, belopp={r.kansli.pk: -7}, expected_version=version)
    fore = snapshot(exempel.forbund)
    with pytest.raises(ConflictError):
        importer.import_apply(forbund=exempel.forbund, plan=plan, expected_version=version)
    assert snapshot(exempel.forbund) == fore


# --- queries do not grow with the rows ------------------------------------------------------


def _lines(exempel, n):
    grupp = exempel.grupper.admin
    return Budgetrad.objects.bulk_create(
        [
            Budgetrad(forbund=exempel.forbund, grupp=grupp, namn=f"Rad {i}", ordning=100 + i)
            for i in range(n)
        ]
    )


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as q:
        fn()
    return len(q.captured_queries)


def _import_queries(exempel, version, rader, belopp) -> tuple[int, int]:
    """(queries of parse + apply, rows changed) for a file setting every line to `belopp`."""
    data = fill(
        template(exempel.forbund, version),
        "Budget",
        {rad.pk: {"Belopp (kr)": belopp - i} for i, rad in enumerate(rader)},
    )
    version.refresh_from_db()
    ut = {}

    def kor():
        plan = importer.import_parse(forbund=exempel.forbund, data=data)
        assert plan.fel == []
        ut["plan"] = importer.import_apply(
            forbund=exempel.forbund, plan=plan, expected_version=version.lock_version
        )

    return _queries(kor), len(ut["plan"].andrade)


def test_parse_and_apply_queries_do_not_grow_with_rows(exempel):
    """20 lines and 700 (above `MAX_IN`, where a lookup reads the whole version): the same
    number of queries for a file of new amounts, and for one changing them all."""
    resultat = {}
    for n in (20, 700):
        rader = _lines(exempel, n)
        version = Budgetversion.objects.create(
            forbund=exempel.forbund, typ="plan", ar=2030 + n, beslutsdatum=date(2025, 1, n % 28 + 1)
        )
        nya = _import_queries(exempel, version, rader, -1_000)
        andrade = _import_queries(exempel, version, rader, -2_000)
        assert (nya[1], andrade[1]) == (n, n)
        assert version.belopp.count() == n
        assert Budgetbelopp.history.filter(version_id=version.pk).count() == 2 * n
        resultat[n] = (nya[0], andrade[0])
    assert resultat[20] == resultat[700], resultat


def test_restore_queries_do_not_grow_with_rows(exempel):
    resultat = {}
    for n in (20, 700):
        rader = _lines(exempel, n)
        sparad = {
            "mal": f"version:{exempel.plan.pk}",
            "rader": [[r.pk, i, -1] for i, r in enumerate(rader)],
        }
        resultat[n] = _queries(
            lambda s=sparad: importer.import_restore(forbund=exempel.forbund, sparad=s)
        )
    assert resultat[20] == resultat[700], resultat


def test_the_garbage_collector_runs_again_after_each_step(exempel):
    import gc

    assert gc.isenabled()
    plan = importer.import_parse(forbund=exempel.forbund, data=b"not a zip")
    assert plan.fel and gc.isenabled()
    data = fill(
        template(exempel.forbund, exempel.plan),
        "Budget",
        {exempel.rader.metod.pk: {"Belopp (kr)": -3}},
    )
    plan = importer.import_parse(forbund=exempel.forbund, data=data)
    assert gc.isenabled()
    with pytest.raises(ConflictError):
        importer.import_apply(forbund=exempel.forbund, plan=plan, expected_version=99)
    assert gc.isenabled()
    importer.import_apply(forbund=exempel.forbund, plan=plan, expected_version=0)
    assert gc.isenabled()


def test_history_signals_are_sent_per_row_so_receivers_set_a_reason(exempel):
    """Receivers of simple-history's pre_create_historical_record (the SIE import sets its
    reason there) see every bulk-written row, as they see a single save's."""
    from simple_history.signals import pre_create_historical_record

    sedda = []

    def orsak(sender, instance, history_instance, **kwargs):
        sedda.append((instance.rad_id, history_instance.history_type))
        history_instance.history_change_reason = "Import från testet"

    r = exempel.rader
    pre_create_historical_record.connect(orsak, sender=Budgetbelopp.history.model)
    try:
        budgetbelopp_save(
            version=exempel.plan,
            belopp={r.metod.pk: -1, r.team_a.pk: -2, r.team_b.pk: None},
            expected_version=exempel.plan.lock_version,
        )
    finally:
        pre_create_historical_record.disconnect(orsak, sender=Budgetbelopp.history.model)
    assert sorted(sedda) == sorted([(r.metod.pk, "+"), (r.team_a.pk, "~"), (r.team_b.pk, "-")])
    nya = Budgetbelopp.history.filter(version=exempel.plan).order_by("-history_id")[:3]
    assert {h.history_change_reason for h in nya} == {"Import från testet"}
