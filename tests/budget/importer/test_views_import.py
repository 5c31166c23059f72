"""The import pages: template download, upload with errors, preview, apply, cancel, and
the access rules of each."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from budget.models import Utfallsrad
from finsam.excel import xlsx_bytes
from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import table_rows, text
from tests.budget.importer.helpers import make_period, snapshot

UPLOAD = reverse("budget:import-upload")


def _download(client, slag, pk) -> bytes:
    response = client.get(reverse("budget:import-template", args=[slag, pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(response)


def _upload(client, data, name="budget.xlsx", **extra):
    return client.post(UPLOAD, {"fil": SimpleUploadedFile(name, data), **extra})


def _token(response) -> str:
    assert response.status_code == 302, text(response)[:500]
    match = re.search(r"/budget/import/([^/]+)/$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def _fill(data, sheet, changes):
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    header = next(r for r in ws.iter_rows(max_row=10) if r[0].value == "Rad-id")
    kolumner = {c.value: c.column for c in header if c.value}
    for row in ws.iter_rows(min_row=header[0].row + 1):
        for kolumn, value in changes.get(row[0].value, {}).items():
            ws.cell(row=row[0].row, column=kolumner[kolumn]).value = value
    return xlsx_bytes(wb)


@pytest.fixture
def period(exempel):
    p = make_period(exempel.forbund)
    Utfallsrad.objects.create(period=p, rad=exempel.rader.medel, intakt=6_000_000)
    return p


# --- round trips ---------------------------------------------------------------------------


def test_budget_round_trip(client_for, kansli, exempel):
    client = client_for(kansli)
    r = exempel.rader
    data = _download(client, "version", exempel.budget.pk)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Budget", "Om filen"]
    assert [c.value for c in wb["Budget"][4]] == ["Rad-id", "Grupp", "Rad", "Belopp (kr)"]
    data = _fill(
        data,
        "Budget",
        {r.team_a.pk: {"Belopp (kr)": -3_250_000}, r.kansli.pk: {"Belopp (kr)": None}},
    )

    token = _token(_upload(client, data))
    response = client.get(reverse("budget:import-preview", args=[token]))
    assert response.status_code == 200
    assert table_rows(response) == [
        ["Rad", "Nu (kr)", "Efter import (kr)", "Ändring"],
        ["Team A", "−3 000 000", "−3 250 000", "Ändras"],
        ["Kansli", "−1 500 000", "–", "Tas bort"],
    ]
    assert "Tillämpa" in text(response)
    # Nothing is written before the apply.
    assert exempel.budget.belopp.get(rad=r.team_a).belopp == -3_000_000

    response = client.post(reverse("budget:import-apply", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:version-detail", args=[exempel.budget.pk])
    assert exempel.budget.belopp.get(rad=r.team_a).belopp == -3_250_000
    assert not exempel.budget.belopp.filter(rad=r.kansli).exists()
    # The token is spent.
    assert_status(client, reverse("budget:import-apply", args=[token]), 404, method="post")


def test_utfall_round_trip(client_for, kansli, exempel, period):
    client = client_for(kansli)
    r = exempel.rader
    data = _download(client, "period", period.pk)
    wb = load_workbook(io.BytesIO(data))
    assert [c.value for c in wb["Utfall"][4]] == [
        "Rad-id",
        "Grupp",
        "Rad",
        "Utfall intäkter",
        "Utfall kostnader",
        "Prognos helår",
        "Kommentar",
    ]
    data = _fill(
        data,
        "Utfall",
        {
            r.medel.pk: {"Utfall intäkter": 6_600_000, "Prognos helår": 10_000_000},
            r.team_a.pk: {"Utfall kostnader": -1_900_000, "Kommentar": "Rekrytering klar."},
        },
    )
    token = _token(_upload(client, data, mal=f"period:{period.pk}"))
    response = client.get(reverse("budget:import-preview", args=[token]))
    assert table_rows(response) == [
        ["Rad", "Utfall intäkter", "Utfall kostnader", "Prognos helår", "Kommentar", "Ändring"],
        ["Medel från huvudmännen", "6 000 000 → 6 600 000", "0", "– → 10 000 000", "–", "Ändras"],
        ["Team A", "0", "−1 900 000", "–", "Rekrytering klar.", "Ny"],
    ]
    response = client.post(reverse("budget:import-apply", args=[token]))
    assert response.status_code == 302
    rader = {u.rad_id: (u.intakt, u.kostnad, u.prognos, u.kommentar) for u in period.rader.all()}
    assert rader == {
        r.medel.pk: (6_600_000, 0, 10_000_000, ""),
        r.team_a.pk: (0, -1_900_000, None, "Rekrytering klar."),
    }


def test_bad_file_shows_every_error_and_writes_nothing(client_for, kansli, exempel):
    client = client_for(kansli)
    r = exempel.rader
    data = _download(client, "version", exempel.budget.pk)
    data = _fill(
        data, "Budget", {r.team_b.pk: {"Belopp (kr)": "12 tkr"}, r.kansli.pk: {"Rad-id": 999999}}
    )
    fore = snapshot(exempel.forbund)
    response = _upload(client, data)
    assert response.status_code == 200
    page = text(response)
    assert (
        'Blad Budget, rad 7, kolumn Belopp (kr): "12 tkr" är inte ett belopp i hela kronor.'
        in page.replace("&quot;", '"')
    )
    assert (
        "Blad Budget, rad 10, kolumn Rad-id: förbundet har ingen budgetrad med id 999999." in page
    )
    assert client.session.get("budget_import") is None
    assert snapshot(exempel.forbund) == fore


def test_csv_is_refused(client_for, kansli, exempel):
    fore = snapshot(exempel.forbund)
    response = _upload(client_for(kansli), b"Rad-id;Belopp (kr)\n1;100\n", name="budget.csv")
    assert "Filen går inte att läsa som en Excelfil (.xlsx)." in text(response)
    assert snapshot(exempel.forbund) == fore


def test_stale_target_is_refused_at_apply(client_for, kansli, exempel):
    client = client_for(kansli)
    data = _download(client, "version", exempel.budget.pk)
    data = _fill(data, "Budget", {exempel.rader.team_a.pk: {"Belopp (kr)": -1}})
    token = _token(_upload(client, data))
    # A colleague saves the amounts meanwhile.
    factories.set_belopp(exempel.budget, exempel.rader.kansli, -1_600_000)
    exempel.budget.lock_version += 1
    exempel.budget.save()
    response = client.get(reverse("budget:import-preview", args=[token]))
    assert "har ändrats av någon annan sedan filen laddades upp" in text(response)
    fore = snapshot(exempel.forbund)
    response = client.post(reverse("budget:import-apply", args=[token]), follow=True)
    assert (
        "Budget 2025 (2024-11-22) har ändrats av någon annan sedan filen laddades upp. "
        "Ingenting är importerat." in text(response)
    )
    assert snapshot(exempel.forbund) == fore


def test_cancel_forgets_the_file(client_for, kansli, exempel):
    client = client_for(kansli)
    data = _download(client, "version", exempel.budget.pk)
    token = _token(_upload(client, data))
    response = client.post(reverse("budget:import-cancel", args=[token]), follow=True)
    assert "Importen är avbruten. Ingenting är ändrat." in text(response)
    assert_status(client, reverse("budget:import-preview", args=[token]), 404)


def test_another_users_token_is_404(client_for, kansli, exempel, forbund):
    client = client_for(kansli)
    token = _token(_upload(client, _download(client, "version", exempel.budget.pk)))
    other = client_for(factories.make_user(forbund, "kansli"))
    assert_status(other, reverse("budget:import-preview", args=[token]), 404)
    assert_status(other, reverse("budget:import-apply", args=[token]), 404, method="post")


def test_upload_page_lists_templates(client_for, kansli, exempel, period):
    response = client_for(kansli).get(UPLOAD)
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("budget:import-template", args=["version", exempel.budget.pk]) in page
    assert reverse("budget:import-template", args=["period", period.pk]) in page
    assert 'enctype="multipart/form-data"' in page


# --- access --------------------------------------------------------------------------------


def _urls(exempel, period):
    return {
        "template-version": reverse("budget:import-template", args=["version", exempel.budget.pk]),
        "template-period": reverse("budget:import-template", args=["period", period.pk]),
        "upload": UPLOAD,
        "preview": reverse("budget:import-preview", args=["abc"]),
        "apply": reverse("budget:import-apply", args=["abc"]),
        "cancel": reverse("budget:import-cancel", args=["abc"]),
    }


METHODS = {
    "template-version": "get",
    "template-period": "get",
    "upload": "get",
    "preview": "get",
    "apply": "post",
    "cancel": "post",
}
WRONG = {
    "template-version": "post",
    "template-period": "post",
    "upload": "put",
    "preview": "post",
    "apply": "get",
    "cancel": "get",
}


@pytest.mark.parametrize("name", list(METHODS))
def test_anonymous_goes_to_login(client, exempel, period, name):
    assert_requires_login(client, _urls(exempel, period)[name], method=METHODS[name])


@pytest.mark.parametrize("name", list(METHODS))
@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
def test_readers_get_403(client_for, exempel, period, forbund, name, role):
    user = factories.make_user(forbund, role)
    assert_status(client_for(user), _urls(exempel, period)[name], 403, method=METHODS[name])


@pytest.mark.parametrize("name", ["template-version", "template-period", "preview", "apply"])
def test_outsider_gets_404(client_for, outsider, exempel, period, name):
    assert_status(client_for(outsider), _urls(exempel, period)[name], 404, method=METHODS[name])


def test_unknown_template_kind_is_404(client_for, kansli, exempel):
    url = reverse("budget:import-template", args=["bokslut", exempel.budget.pk])
    assert_status(client_for(kansli), url, 404)


@pytest.mark.parametrize("name", list(METHODS))
def test_wrong_method_is_405(client_for, kansli, exempel, period, name):
    assert_status(client_for(kansli), _urls(exempel, period)[name], 405, method=WRONG[name])


def test_outsider_cannot_import_into_our_forbund(client_for, outsider, exempel):
    """The outsider's upload is checked against the outsider's own förbund."""
    colleague = client_for(factories.make_user(exempel.forbund, "kansli"))
    data = _download(colleague, "version", exempel.budget.pk)
    fore = snapshot(exempel.forbund)
    response = _upload(client_for(outsider), data)
    assert "filen gäller förbundet" in text(response).replace("&quot;", '"')
    assert snapshot(exempel.forbund) == fore
