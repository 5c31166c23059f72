"""The import's bounds: the zip is checked before openpyxl parses anything, and the web flow
reads the file once, at the upload."""

import io
import json
import re
import struct
import time
import tracemalloc
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from budget.importer import services as importer
from finsam import arbetsbok
from tests.budget.importer.helpers import fill, snapshot, template

SHEET = "xl/worksheets/sheet1.xml"  # the sheet Budget of a template
MB = 2**20


def bomb(data: bytes, megabytes: int) -> bytes:
    """The template `data` with one inline string of `megabytes` MB added to its sheet
    Budget, written in 1 MB pieces so that the test itself stays small."""
    source = zipfile.ZipFile(io.BytesIO(data))
    head, _sep, tail = source.read(SHEET).partition(b"</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            if info.filename != SHEET:
                zf.writestr(info.filename, source.read(info.filename))
        with zf.open(SHEET, "w") as fh:
            fh.write(head + b'<row r="999"><c r="E999" t="inlineStr"><is><t>')
            chunk = b"A" * MB
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</t></is></c></row></sheetData>" + tail)
    return out.getvalue()


def understate(data: bytes, name: str, size: int) -> bytes:
    """The zip with the uncompressed size of `name` stated as `size` (a lying directory)."""
    data = bytearray(data)
    for m in re.finditer(rb"PK\x01\x02", data):
        start = m.start()
        namelen = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + namelen] == name.encode():
            struct.pack_into("<I", data, start + 24, size)
            offset = struct.unpack_from("<I", data, start + 42)[0]
            struct.pack_into("<I", data, offset + 22, size)  # the local header too
            return bytes(data)
    raise AssertionError(name)


def _refuse(forbund, data):
    """(errors, seconds, peak bytes allocated) of reading `data`."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        plan = importer.import_parse(forbund=forbund, data=data)
        seconds = time.perf_counter() - start
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return [str(f) for f in plan.fel], seconds, peak


@pytest.fixture
def bomb50(exempel):
    data = bomb(template(exempel.forbund, exempel.budget), 50)
    assert len(data) < MB  # 50 MB of XML packed into well under 1 MB
    return data


def test_a_zip_bomb_is_refused_before_parsing(exempel, bomb50):
    fore = snapshot(exempel.forbund)
    with mock.patch("finsam.arbetsbok.load_workbook") as load:
        fel, seconds, peak = _refuse(exempel.forbund, bomb50)
    load.assert_not_called()
    assert len(fel) == 1
    assert re.fullmatch(
        r"Filen är för stor uppackad: 50,0 MB \(högst 40,0 MB\)\. En ifylld mall är några "
        r"hundra kB; kontrollera att det är rätt fil\.",
        fel[0],
    ), fel
    assert seconds < 1
    assert peak < 5 * MB, peak
    with pytest.raises(importer.ImportInvalid):
        importer.import_apply(forbund=exempel.forbund, data=bomb50)
    assert snapshot(exempel.forbund) == fore


@override_settings(FINSAM_IMPORT_MAX_UNCOMPRESSED_BYTES=100 * MB)
def test_a_packing_ratio_no_excel_file_has_is_refused(exempel, bomb50):
    fel, seconds, peak = _refuse(exempel.forbund, bomb50)
    assert len(fel) == 1 and fel[0].startswith(
        'Filen är packad på ett sätt som inte liknar en Excelfil: delen "xl/worksheets/'
        'sheet1.xml" packas upp från '
    ), fel
    assert fel[0].endswith(" kB till 50,0 MB. Spara filen på nytt i Excel.")
    assert seconds < 1 and peak < 5 * MB


def test_the_bound_is_a_setting(exempel):
    data = template(exempel.forbund, exempel.budget)
    assert importer.import_parse(forbund=exempel.forbund, data=data).fel == []
    with override_settings(FINSAM_IMPORT_MAX_UNCOMPRESSED_BYTES=10_000):
        (fel,) = importer.import_parse(forbund=exempel.forbund, data=data).fel
    assert str(fel).startswith("Filen är för stor uppackad: ")


def test_a_directory_that_understates_a_part_gives_an_unreadable_file(exempel):
    """zipfile never unpacks more than the stated size, so the bound holds; the part then
    fails its CRC check and the file is refused as unreadable (not a 500)."""
    data = understate(bomb(template(exempel.forbund, exempel.budget), 30), SHEET, 100_000)
    fel, seconds, peak = _refuse(exempel.forbund, data)
    assert fel == [
        "Filen går inte att läsa som en Excelfil (.xlsx). Ladda ner mallen, fyll i den och "
        "spara den som Excel-arbetsbok."
    ]
    assert peak < 10 * MB, peak


def test_too_many_parts(exempel):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for i in range(201):
            zf.writestr(f"x/{i}.xml", b"")
    (fel,) = importer.import_parse(forbund=exempel.forbund, data=out.getvalue()).fel
    assert str(fel) == (
        "Filen består av 201 delar; en Excelfil från mallen har ett tiotal (högst 200). "
        "Ladda ner mallen och fyll i den."
    )


def test_a_web_upload_of_a_bomb_is_refused(client_for, kansli, exempel, bomb50):
    response = client_for(kansli).post(
        reverse("budget:import-upload"), {"fil": SimpleUploadedFile("b.xlsx", bomb50)}
    )
    assert response.status_code == 200
    assert "Filen är för stor uppackad: 50,0 MB" in response.content.decode()


# --- the file is read once -----------------------------------------------------------------


def test_upload_preview_and_apply_read_the_file_once(client_for, kansli, exempel):
    client = client_for(kansli)
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.budget), "Budget", {r.team_a.pk: {"Belopp (kr)": -1}}
    )
    with mock.patch("finsam.arbetsbok.load_workbook", wraps=arbetsbok.load_workbook) as load:
        response = client.post(
            reverse("budget:import-upload"), {"fil": SimpleUploadedFile("b.xlsx", data)}
        )
        token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        entry = client.session["budget_import"]
        assert client.get(reverse("budget:import-preview", args=[token])).status_code == 200
        assert client.get(reverse("budget:import-preview", args=[token])).status_code == 200
        response = client.post(reverse("budget:import-apply", args=[token]))
    assert response.status_code == 302
    assert load.call_count == 1
    assert exempel.budget.belopp.get(rad=r.team_a).belopp == -1
    # The session keeps what was read, not the file.
    assert "data" not in entry
    assert len(json.dumps(entry)) < len(data) / 4
    assert entry["plan"]["mal"] == f"version:{exempel.budget.pk}"


def test_the_command_reads_the_file_once(exempel, tmp_path):
    r = exempel.rader
    path = tmp_path / "b.xlsx"
    path.write_bytes(
        fill(
            template(exempel.forbund, exempel.budget), "Budget", {r.team_a.pk: {"Belopp (kr)": -2}}
        )
    )
    with mock.patch("finsam.arbetsbok.load_workbook", wraps=arbetsbok.load_workbook) as load:
        call_command("import_xlsx", str(path), forbund=exempel.forbund.slug, stdout=io.StringIO())
    assert load.call_count == 1
    assert exempel.budget.belopp.get(rad=r.team_a).belopp == -2


def test_a_line_gone_since_the_upload_is_refused_at_apply(exempel):
    r = exempel.rader
    data = fill(
        template(exempel.forbund, exempel.budget), "Budget", {r.team_a.pk: {"Belopp (kr)": -1}}
    )
    sparad = importer.import_parse(forbund=exempel.forbund, data=data).sparad()
    sparad["rader"][0][0] = 999_999
    plan = importer.import_restore(forbund=exempel.forbund, sparad=sparad)
    fore = snapshot(exempel.forbund)
    with pytest.raises(importer.ImportInvalid) as e:
        importer.import_apply(forbund=exempel.forbund, plan=plan)
    assert [str(f) for f in e.value.fel] == [
        f"Blad Budget, rad {sparad['rader'][0][1]}, kolumn Rad-id: budgetraden med id 999999 "
        "finns inte längre."
    ]
    assert snapshot(exempel.forbund) == fore


def test_a_plan_for_another_forbund_is_refused(exempel, annat_forbund):
    sparad = importer.import_parse(
        forbund=exempel.forbund, data=template(exempel.forbund, exempel.budget)
    ).sparad()
    plan = importer.import_restore(forbund=annat_forbund, sparad=sparad)
    assert [str(f) for f in plan.fel] == ["Budgetversionen eller perioden finns inte längre."]


def test_an_upload_kept_in_the_old_format_is_404_not_500(client_for, kansli, exempel):
    """Sessions from before the change kept the file itself, not the plan."""
    client = client_for(kansli)
    session = client.session
    session["budget_import"] = {
        "token": "abc",
        "user": kansli.pk,
        "forbund": exempel.forbund.pk,
        "mal": f"version:{exempel.budget.pk}",
        "lock_version": exempel.budget.lock_version,
        "filnamn": "b.xlsx",
        "data": "UEsDBA==",
    }
    session.save()
    assert client.get(reverse("budget:import-preview", args=["abc"])).status_code == 404
    assert client.post(reverse("budget:import-apply", args=["abc"])).status_code == 404
