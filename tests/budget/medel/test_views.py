"""The medelstilldelning pages: the years, a year's split, the form, and who may do what."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.medel import services
from budget.models import Fordelningsandel, Medelstilldelning
from finsam.models import Befolkning
from tests.access import assert_requires_login, assert_status
from tests.budget.helpers import row, text
from tests.budget.medel.conftest import make_medel

LIST = reverse("budget:medel-list")
CREATE = reverse("budget:medel-create")


def _detail(ar=2025):
    return reverse("budget:medel-detail", args=[ar])


def _edit(ar=2025):
    return reverse("budget:medel-edit", args=[ar])


def _xlsx(ar=2025):
    return reverse("budget:medel-xlsx", args=[ar])


def _data(medel, **kw):
    data = {
        "ar": "2025",
        "statens_bidrag": "100 000",
        "region_procent": "25",
        "kommuner_procent": "25",
        "nyckel": "folkmangd",
        "befolkningsar": "",
        "befolkningsar_visat": "2025",
        "beslutsdatum": "",
        "anmarkning": "",
        "lock_version_loaded": str(medel.mt.lock_version),
    }
    for i, k in enumerate(medel.kommuner):
        data[f"folk_{k.pk}"] = str(1000 * (i + 1))
        data[f"vikt_{k.pk}"] = ""
    data.update(kw)
    return data


# --- medel-list --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_list_shows_the_years(request, client_for, medel, role):
    page = client_for(request.getfixturevalue(role)).get(LIST)
    assert page.status_code == 200
    assert row(page, "2025") == ["100 000 kr", "200 000 kr", "25 %", "25 %", "Folkmängd 2025", "–"]
    assert (CREATE in page.content.decode()) == (role == "kansli")


def test_list_access(client, client_for, outsider, styrgrupp, kansli, medel):
    assert_requires_login(client, LIST)
    assert_status(client_for(styrgrupp), LIST, 403)
    assert_status(client_for(kansli), LIST, 405, "post")
    # The outsider sees its own (empty) list, never this förbund's years.
    page = assert_status(client_for(outsider), LIST, 200)
    assert _detail() not in page.content.decode()


# --- medel-detail ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_detail_shows_the_split_like_not_2(request, client_for, medel, role):
    page = client_for(request.getfixturevalue(role)).get(_detail())
    assert page.status_code == 200
    assert row(page, "Driftbidrag från staten") == ["100 000", "", ""]
    # Population 1000/2000/3000 of 50 000 kr.
    assert row(page, "Driftbidrag Kommun 01") == ["8 333", "1 000", "16,67 %"]
    assert row(page, "Driftbidrag Kommun 02") == ["16 667", "2 000", "33,33 %"]
    assert row(page, "Driftbidrag Kommun 03") == ["25 000", "3 000", "50,00 %"]
    assert row(page, "Driftbidrag från Region Test") == ["50 000", "", ""]
    assert row(page, "Summa") == ["200 000", "6 000", "100 %"]
    assert _xlsx() in page.content.decode()
    assert (_edit() in page.content.decode()) == (role == "kansli")


def test_detail_compares_with_the_year_before(client_for, kansli, medel):
    services.medelstilldelning_create(
        forbund=medel.forbund,
        ar=2026,
        statens_bidrag=110_000,
        region_procent=Decimal("31.25"),
        kommuner_procent=Decimal("18.75"),
        nyckel="egen",
        nycklar={k.pk: Decimal(1) for k in medel.kommuner},
    )
    page = client_for(kansli).get(_detail(2026))
    assert row(page, "Driftbidrag från staten") == ["110 000", "100 000", "", ""]
    assert row(page, "Driftbidrag från Region Test") == ["68 750", "50 000", "", ""]
    assert row(page, "Driftbidrag Kommun 01") == ["13 750", "8 333", "1", "33,33 %"]
    assert row(page, "Summa") == ["220 000", "200 000", "3", "100 %"]
    assert "31,25 %" in text(page) and "Egen fördelningsnyckel" in text(page)


def test_detail_explains_a_missing_key_value(client_for, kansli, medel):
    Befolkning.objects.filter(medlem=medel.kommuner[1]).delete()
    page = client_for(kansli).get(_detail())
    assert page.status_code == 200
    assert "Folkmängd 2025 saknas för Kommun 02." in text(page)


def test_detail_access(client, client_for, outsider, styrgrupp, kansli, medel):
    assert_requires_login(client, _detail())
    assert_status(client_for(outsider), _detail(), 404)
    assert_status(client_for(styrgrupp), _detail(), 403)
    assert_status(client_for(kansli), _detail(), 405, "post")
    assert_status(client_for(kansli), _detail(2019), 404)


@pytest.mark.parametrize("antal", [3, 30])
def test_detail_queries_do_not_grow_with_the_kommuner(
    client_for, kansli, forbund, django_assert_num_queries, antal
):
    medel = make_medel(forbund, antal_kommuner=antal)
    services.medelstilldelning_create(
        forbund=forbund,
        ar=2024,
        statens_bidrag=90_000,
        region_procent=Decimal(25),
        kommuner_procent=Decimal(25),
        nyckel="egen",
        nycklar={k.pk: 1 for k in medel.kommuner},
    )
    c = client_for(kansli)
    # session, user, förbund, tilldelning 2025, members, population 2025, tilldelning 2024,
    # its weights
    with django_assert_num_queries(8):
        page = c.get(_detail())
    assert page.status_code == 200
    assert row(page, "Summa")[:2] == ["200 000", "180 000"]


# --- medel-create ------------------------------------------------------------------------


def test_create_page_starts_from_the_latest_year(client_for, kansli, medel):
    page = client_for(kansli).get(CREATE)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["ar"].value() == 2026
    assert form["statens_bidrag"].value() == "100\u00a0000"
    assert "Kommun 01" in text(page)


def test_create_with_own_weights(client_for, kansli, medel):
    data = _data(
        medel,
        ar="2026",
        statens_bidrag="9 479 000",
        region_procent="31,25",
        kommuner_procent="18,75",
        nyckel="egen",
        befolkningsar_visat="2026",
        beslutsdatum="2025-11-20",
        lock_version_loaded="",
    )
    for k, v in zip(medel.kommuner, ["1 000,5", "0", "3000"], strict=True):
        data[f"folk_{k.pk}"] = ""
        data[f"vikt_{k.pk}"] = v
    response = client_for(kansli).post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == _detail(2026)
    mt = Medelstilldelning.objects.get(forbund=medel.forbund, ar=2026)
    assert (mt.statens_bidrag, mt.region_procent, mt.kommuner_procent) == (
        9_479_000,
        Decimal("31.25"),
        Decimal("18.75"),
    )
    vikter = dict(
        Fordelningsandel.objects.filter(medelstilldelning=mt).values_list("medlem", "vikt")
    )
    assert vikter[medel.kommuner[0].pk] == Decimal("1000.5")
    assert vikter[medel.kommuner[1].pk] == 0


def test_create_writes_population_for_the_key_year(client_for, kansli, medel):
    data = _data(medel, ar="2026", befolkningsar_visat="2026", lock_version_loaded="")
    data[f"folk_{medel.kommuner[0].pk}"] = "14 019"
    response = client_for(kansli).post(CREATE, data)
    assert response.status_code == 302
    assert Befolkning.objects.get(medlem=medel.kommuner[0], ar=2026).antal == 14_019


def test_switching_the_population_year_reloads_the_grid(client_for, kansli, medel):
    Befolkning.objects.create(medlem=medel.kommuner[0], ar=2024, antal=777)
    data = _data(medel, befolkningsar="2024")
    page = client_for(kansli).post(_edit(), data)
    assert page.status_code == 200
    assert "Tabellen visar nu folkmängden för 2024" in text(page)
    form = page.context["form"]
    assert form[f"folk_{medel.kommuner[0].pk}"].value() == "777"
    # Nothing of 2025 was written into 2024.
    assert not Befolkning.objects.filter(medlem=medel.kommuner[1], ar=2024).exists()


def test_create_access(client, client_for, outsider, styrelse, revisor, styrgrupp, medel):
    assert_requires_login(client, CREATE)
    assert_requires_login(client, CREATE, "post", _data(medel))
    assert_status(client_for(styrelse), CREATE, 403)
    assert_status(client_for(revisor), CREATE, 403, "post", _data(medel, ar="2026"))
    assert_status(client_for(styrgrupp), CREATE, 403)
    assert_status(client_for(outsider), CREATE, 200)  # its own förbund's form
    assert_status(client_for(styrelse), CREATE, 405, "put")
    assert not Medelstilldelning.objects.filter(ar=2026).exists()


# --- medel-edit --------------------------------------------------------------------------


def test_edit_changes_the_shares_and_population(client_for, kansli, medel):
    data = _data(medel, region_procent="31,25", kommuner_procent="18,75")
    data[f"folk_{medel.kommuner[2].pk}"] = "4 000"
    response = client_for(kansli).post(_edit(), data)
    assert response.status_code == 302
    mt = Medelstilldelning.objects.get(pk=medel.mt.pk)
    assert mt.region_procent == Decimal("31.25") and mt.lock_version == 1
    assert Befolkning.objects.get(medlem=medel.kommuner[2], ar=2025).antal == 4000
    page = client_for(kansli).get(_detail())
    assert row(page, "Driftbidrag från Region Test") == ["62 500", "", ""]
    assert row(page, "Summa")[0] == "200 000"


def test_edit_refuses_bad_input_in_swedish_and_keeps_it(client_for, kansli, medel):
    data = _data(medel, region_procent="30", kommuner_procent="tjugo", statens_bidrag="9,5 milj")
    data[f"folk_{medel.kommuner[1].pk}"] = ""
    page = client_for(kansli).post(_edit(), data)
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert errors["kommuner_procent"] == ["Skriv ett tal, t.ex. 31,25."]
    assert errors["statens_bidrag"] == ["Skriv ett helt belopp i kronor, t.ex. −1 250 000."]
    assert errors[f"folk_{medel.kommuner[1].pk}"] == ["Fyll i folkmängd för Kommun 02."]
    html = page.content.decode()
    assert 'value="9,5 milj"' in html and 'value="tjugo"' in html
    assert "Formuläret har fel" in text(page)  # the error summary, linking to each field
    assert f'<a href="#id_folk_{medel.kommuner[1].pk}" class="alert-link">' in html
    assert Medelstilldelning.objects.get(pk=medel.mt.pk).lock_version == 0


def test_edit_refuses_shares_that_do_not_add_up_to_half(client_for, kansli, medel):
    page = client_for(kansli).post(_edit(), _data(medel, region_procent="30"))
    assert page.status_code == 200
    assert page.context["form"].errors["kommuner_procent"] == [
        "Regionens och kommunernas andelar ska tillsammans vara 50 % (staten betalar den "
        "andra hälften), men de är 55 %."
    ]
    assert Medelstilldelning.objects.get(pk=medel.mt.pk).region_procent == 25


def test_edit_refuses_an_outdated_copy_and_keeps_what_was_typed(client_for, kansli, medel):
    c = client_for(kansli)
    first = _data(medel, statens_bidrag="120 000")
    second = _data(medel, statens_bidrag="130 000", anmarkning="Min text")
    assert c.post(_edit(), first).status_code == 302
    page = c.post(_edit(), second)  # loaded at version 0, now 1
    assert page.status_code == 200
    assert "Någon annan har sparat ändringar" in text(page)
    assert 'value="130 000"' in page.content.decode() and "Min text" in page.content.decode()
    mt = Medelstilldelning.objects.get(pk=medel.mt.pk)
    assert (mt.statens_bidrag, mt.lock_version, mt.anmarkning) == (120_000, 1, "")


def test_edit_refuses_a_year_that_exists(client_for, kansli, medel):
    services.medelstilldelning_create(
        forbund=medel.forbund,
        ar=2024,
        statens_bidrag=1,
        region_procent=Decimal(25),
        kommuner_procent=Decimal(25),
        nyckel="egen",
        nycklar={k.pk: 1 for k in medel.kommuner},
    )
    page = client_for(kansli).post(_edit(), _data(medel, ar="2024", befolkningsar="2025"))
    assert page.context["form"].errors["ar"] == ["Det finns redan en medelstilldelning för 2024."]


def test_edit_access(client, client_for, outsider, styrelse, revisor, styrgrupp, kansli, medel):
    url = _edit()
    assert_requires_login(client, url)
    assert_status(client_for(outsider), url, 404)
    assert_status(client_for(outsider), url, 404, "post", _data(medel))
    assert_status(client_for(styrelse), url, 403)
    assert_status(client_for(revisor), url, 403, "post", _data(medel, statens_bidrag="1"))
    assert_status(client_for(styrgrupp), url, 403)
    assert_status(client_for(kansli), url, 405, "delete")
    assert_status(client_for(kansli), url, 200)
    assert Medelstilldelning.objects.get(pk=medel.mt.pk).statens_bidrag == 100_000


# --- medel-xlsx --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_xlsx_download(request, client_for, medel, role):
    response = client_for(request.getfixturevalue(role)).get(_xlsx())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="medlemsbidrag-2025.xlsx"' in response["Content-Disposition"]


def test_xlsx_access(client, client_for, outsider, styrgrupp, kansli, medel):
    assert_requires_login(client, _xlsx())
    assert_status(client_for(outsider), _xlsx(), 404)
    assert_status(client_for(styrgrupp), _xlsx(), 403)
    assert_status(client_for(kansli), _xlsx(), 405, "post")
