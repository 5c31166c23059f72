"""Indicators: the read page, the kansli grid per respondent group and the board's
assessments — every view, every role."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status
from tests.uppfoljning.verksamhet import helpers
from uppfoljning.models import Indikatorbedomning, Indikatorsvar

DETAIL = reverse("uppfoljning:indikator-detail", args=[2025])
EDIT = reverse("uppfoljning:indikator-edit", args=[2025, "personal"])
BEDOMNING = reverse("uppfoljning:indikator-bedomning-edit", args=[2025])
INDEX = reverse("uppfoljning:indikator-index")


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def _row(i, nummer, andelar, *, pk="", version="", skala="frekvens", n=22, fraga=None):
    data = {
        f"svar-{i}-id": pk,
        f"svar-{i}-lock_version_loaded": version,
        f"svar-{i}-nummer": nummer,
        f"svar-{i}-fraga": f"Fråga {nummer}" if fraga is None else fraga,
        f"svar-{i}-skala": skala,
        f"svar-{i}-n": n,
    }
    for j, a in enumerate(andelar, start=1):
        data[f"svar-{i}-andel_{j}"] = a
    return data


def _grid(*rows, initial=0):
    data = _management("svar", len(rows), initial)
    for r in rows:
        data.update(r)
    return data


# --- access ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, db):
    for url in (INDEX, DETAIL, EDIT, BEDOMNING):
        assert_requires_login(client, url)
    for url in (EDIT, BEDOMNING):
        assert_requires_login(client, url, "post")


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_readers_read_but_get_403_on_writes(client_for, forbund, roll):
    helpers.make_svar(forbund)
    c = client_for(factories.make_user(forbund, roll))
    assert_status(c, INDEX, 302)
    html = assert_status(c, DETAIL, 200).content.decode()
    assert EDIT not in html
    for url in (EDIT, BEDOMNING):
        assert_status(c, url, 403)
        assert_status(c, url, 403, "post", _grid())


def test_styrgrupp_gets_403_everywhere(client_for, styrgrupp):
    c = client_for(styrgrupp)
    for url in (INDEX, DETAIL, EDIT, BEDOMNING):
        assert_status(c, url, 403)


def test_outsider_sees_only_own_forbund(client_for, outsider, forbund):
    helpers.make_svar(forbund)
    html = assert_status(client_for(outsider), DETAIL, 200).content.decode()
    assert "Fråga 1" not in html


def test_wrong_method_405(client_for, kansli):
    c = client_for(kansli)
    for url in (INDEX, DETAIL):
        assert_status(c, url, 405, "post")
    for url in (EDIT, BEDOMNING):
        assert_status(c, url, 405, "put")


def test_unknown_group_and_year_404(client_for, kansli):
    c = client_for(kansli)
    assert_status(c, reverse("uppfoljning:indikator-edit", args=[2025, "okand"]), 404)
    assert_status(c, reverse("uppfoljning:indikator-detail", args=[1999]), 404)


# --- the grid ----------------------------------------------------------------------------


def test_grid_shows_scale_steps(client_for, kansli, forbund):
    helpers.make_svar(forbund)
    html = assert_status(client_for(kansli), EDIT, 200).content.decode()
    for steg in Indikatorsvar.SKALSTEG["frekvens"]:
        assert f">{steg}</label>" in html
    assert 'value="55"' in html


def test_grid_saves_new_and_changed_rows(client_for, kansli, forbund):
    svar = helpers.make_svar(forbund)
    data = _grid(
        _row(0, 1, [0, 0, 0, 10, 35, 55], pk=svar.pk, version=0),
        _row(1, 5, ["0", "0", "17", "30", "5", "48"], skala="grad", n=23),
        _row(2, "", [""] * 6, skala="", n="", fraga=""),  # empty extra row: skipped
        initial=1,
    )
    response = client_for(kansli).post(EDIT, data)
    assert response.status_code == 302, response.content.decode()
    rows = list(Indikatorsvar.objects.filter(forbund=forbund).order_by("nummer"))
    assert [(r.nummer, r.n, r.andelar) for r in rows] == [
        (1, 22, [0, 0, 0, 10, 35, 55]),
        (5, 23, [0, 0, 17, 30, 5, 48]),
    ]
    assert rows[0].lock_version == 1


def test_grid_error_is_shown_next_to_the_row(empty_db, client_for, kansli, forbund):
    data = _grid(_row(0, 1, [0, 0, 0, 9, 36, 40]))
    response = client_for(kansli).post(EDIT, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Andelarna ska tillsammans bli 100 % (±1 för avrundning), nu 85 %." in html
    assert 'class="text-danger small radfel"' in html
    assert not Indikatorsvar.objects.exists()


def test_grid_deletes_row(empty_db, client_for, kansli, forbund):
    svar = helpers.make_svar(forbund)
    data = _grid(_row(0, 1, [0, 0, 0, 9, 36, 55], pk=svar.pk, version=0), initial=1)
    data["svar-0-DELETE"] = "on"
    assert client_for(kansli).post(EDIT, data).status_code == 302
    assert not Indikatorsvar.objects.exists()


def test_grid_concurrent_edit_refused(client_for, kansli, forbund):
    svar = helpers.make_svar(forbund)
    Indikatorsvar.objects.filter(pk=svar.pk).update(lock_version=1)
    data = _grid(
        _row(0, 1, [0, 0, 0, 10, 35, 55], pk=svar.pk, version=0, fraga="Min text"), initial=1
    )
    response = client_for(kansli).post(EDIT, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat" in html
    assert 'value="Min text"' in html
    svar.refresh_from_db()
    assert svar.andelar == [0, 0, 0, 9, 36, 55]


def test_bedomningar_saved_and_shown(empty_db, client_for, kansli, forbund):
    data = _management("bed", 2)
    data.update(
        {
            "bed-0-omrade": "Samverkan mellan myndigheter",
            "bed-0-bedomning": "Mycket god",
            "bed-0-ordning": 1,
            "bed-1-omrade": "",
            "bed-1-bedomning": "",
            "bed-1-ordning": 0,  # as the page renders an empty row
        }
    )
    c = client_for(kansli)
    response = c.post(BEDOMNING, data)
    assert response.status_code == 302, response.content.decode()
    assert Indikatorbedomning.objects.get().bedomning == "Mycket god"
    html = c.get(DETAIL).content.decode()
    assert "<td>Samverkan mellan myndigheter</td><td>Mycket god</td>" in html


def test_read_page_as_arsredovisningen(client_for, styrelse, forbund):
    helpers.make_svar(forbund)
    html = assert_status(client_for(styrelse), DETAIL, 200).content.decode()
    assert "Resultat av svar från insatspersonal" in html
    assert "Fråga 1 (n=22)" in html
    assert '<th class="num">För det mesta</th>' in html
    assert '<td class="num">55 %</td>' in html
