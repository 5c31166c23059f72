"""Målgrupper och behov: the statistics' validation, the computed sums, who may see and change
them (one value and the whole grid), locks, and the history."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.concurrency import ConflictError
from finsam.models import Rapportutgava, Underlagslas
from tests import factories
from uppfoljning.malgrupper import selectors, services
from uppfoljning.models import Malgruppsstatistik

D = Decimal


@pytest.fixture
def kommuner(forbund):
    return [
        factories.make_medlem(forbund, namn="Storstad", ordning=1),
        factories.make_medlem(forbund, namn="Lillby", ordning=2),
    ]


def _rad(forbund, medlem, kategori="sjukpenning", helar="100.0", andel="10.0", ar=2023, **kw):
    return Malgruppsstatistik(
        forbund=forbund,
        medlem=medlem,
        ar=ar,
        kategori=kategori,
        helarsekvivalenter=D(helar),
        andel=None if andel is None else D(andel),
        **kw,
    )


@pytest.fixture
def rad(forbund, kommuner):
    return services.statistik_save(rad=_rad(forbund, kommuner[0]), expected_version=0)


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize("ar", [1999, 2101])
def test_year_outside_2000_2100_is_refused(forbund, kommuner, ar):
    with pytest.raises(ValidationError) as e:
        services.statistik_save(rad=_rad(forbund, kommuner[0], ar=ar), expected_version=0)
    assert "ar" in e.value.message_dict


def test_negative_helarsekvivalenter_and_share_above_100_are_refused(forbund, kommuner):
    with pytest.raises(ValidationError) as e:
        services.statistik_save(
            rad=_rad(forbund, kommuner[0], helar="-1", andel="101"), expected_version=0
        )
    assert {"helarsekvivalenter", "andel"} <= set(e.value.message_dict)
    assert not Malgruppsstatistik.objects.filter(forbund=forbund).exists()


def test_one_value_per_kommun_year_age_group_and_kind(forbund, kommuner, rad):
    with pytest.raises(ValidationError) as e:
        services.statistik_save(rad=_rad(forbund, kommuner[0], helar="5"), expected_version=0)
    assert "Det finns redan en uppgift för kommunen" in str(e.value)
    # Another age group or kind is another value.
    services.statistik_save(rad=_rad(forbund, kommuner[0], aldersgrupp="20-29"), expected_version=0)
    services.statistik_save(rad=_rad(forbund, kommuner[0], kategori="sa"), expected_version=0)
    assert Malgruppsstatistik.objects.filter(forbund=forbund).count() == 3


def test_kommun_of_another_forbund_or_not_a_kommun_is_refused(forbund, annat_forbund):
    annan = factories.make_medlem(annat_forbund)
    region = factories.make_medlem(forbund, typ="region", namn="Regionen")
    for medlem, text in ((annan, "hör inte till förbundet"), (region, "gäller en kommun")):
        with pytest.raises(ValidationError) as e:
            services.statistik_save(rad=_rad(forbund, medlem), expected_version=0)
        assert text in str(e.value)


# --- the computed table ------------------------------------------------------------------


def test_table_sums_rows_and_columns_and_weights_the_whole_areas_share(forbund, kommuner):
    stor, liten = kommuner
    # Storstad: 1 000 of 10 000 (10 %); Lillby: 300 of 1 000 (30 %) -> 1 300 / 11 000 = 11,8 %.
    for medlem, kategori, helar, andel in [
        (stor, "sjukpenning", "600", "6"),
        (stor, "sa", "400", "4"),
        (liten, "sjukpenning", "100", "10"),
        (liten, "sa", "200", "20"),
    ]:
        services.statistik_save(
            rad=_rad(forbund, medlem, kategori, helar, andel, kalla="SCB"), expected_version=0
        )
    [t] = selectors.malgruppstabeller(forbund, 2023)
    assert [k for k, _n in t.kategorier] == ["sjukpenning", "sa"]
    assert [r.medlem for r in t.rader] == [stor, liten]
    assert [r.summa for r in t.rader] == [D(1000), D(300)]
    assert [r.andel for r in t.rader] == [D(10), D(30)]
    assert t.summor == [D(700), D(600)] and t.summa == D(1300)
    assert t.andel == D("11.8")
    assert t.storst.medlem == liten and t.minst.medlem == stor
    assert t.kallor == ["SCB"]
    # A kommun without its share: no share for the whole area (it cannot be weighted).
    Malgruppsstatistik.objects.filter(medlem=liten, kategori="sa").update(andel=None)
    [t] = selectors.malgruppstabeller(forbund, 2023)
    assert t.rader[1].andel is None and t.andel is None


def test_newest_year_before_the_plan(forbund, kommuner):
    for ar in (2021, 2023, 2025):
        services.statistik_save(rad=_rad(forbund, kommuner[0], ar=ar), expected_version=0)
    assert selectors.senaste_ar_fore(forbund, 2025) == 2023
    assert selectors.senaste_ar_fore(forbund, 2021) is None


# --- pages: who may do what ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "list_status", "write_status"),
    [("kansli", 200, 200), ("styrelse", 200, 403), ("revisor", 200, 403), ("styrgrupp", 403, 403)],
)
def test_access(request, client_for, rad, user, list_status, write_status):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("uppfoljning:malgrupp-list", args=[2023])).status_code == list_status
    for name, args in (
        ("uppfoljning:malgrupp-create", [2023]),
        ("uppfoljning:malgrupp-edit", [rad.pk]),
        ("uppfoljning:malgrupp-delete", [rad.pk]),
        ("uppfoljning:malgrupp-tabell", [2023, "20-64"]),
    ):
        assert client.get(reverse(name, args=args)).status_code == write_status


def test_readers_see_the_table_but_no_links_to_change_it(client_for, styrelse, rad):
    html = client_for(styrelse).get(reverse("uppfoljning:malgrupp-list", args=[2023]))
    text = html.content.decode()
    assert "Storstad" in text and "100,0" in text
    assert reverse("uppfoljning:malgrupp-edit", args=[rad.pk]) not in text
    assert "Fyll i tabellen" not in text


def test_reading_writes_nothing(client_for, styrelse, rad):
    before = Malgruppsstatistik.history.count()
    client_for(styrelse).get(reverse("uppfoljning:malgrupp-list", args=[2023]))
    client_for(styrelse).post(reverse("uppfoljning:malgrupp-edit", args=[rad.pk]), {})
    assert Malgruppsstatistik.history.count() == before


def test_other_forbund_gets_404_and_changes_nothing(client_for, outsider, rad):
    client = client_for(outsider)
    assert client.get(reverse("uppfoljning:malgrupp-edit", args=[rad.pk])).status_code == 404
    response = client.post(
        reverse("uppfoljning:malgrupp-delete", args=[rad.pk]), {"lock_version_loaded": 0}
    )
    assert response.status_code == 404
    assert Malgruppsstatistik.objects.filter(pk=rad.pk).exists()
    # Their own list shows nothing of the other förbund.
    html = client.get(reverse("uppfoljning:malgrupp-list", args=[2023])).content.decode()
    assert "Storstad" not in html


def test_bad_year_in_url_is_404(client_for, kansli):
    client = client_for(kansli)
    assert client.get(reverse("uppfoljning:malgrupp-list", args=[1800])).status_code == 404
    url = reverse("uppfoljning:malgrupp-tabell", args=[2023, "0-99"])
    assert client_for(kansli).get(url).status_code == 404


def _form(medlem, **kw):
    data = {
        "medlem": medlem.pk,
        "ar": 2023,
        "aldersgrupp": "20-64",
        "kategori": "sjukpenning",
        "helarsekvivalenter": "100,0",
        "andel": "10,0",
        "kalla": "SCB",
    }
    data.update(kw)
    return data


def test_create_validates_keeps_the_input_and_saves(client_for, kansli, kommuner):
    client = client_for(kansli)
    url = reverse("uppfoljning:malgrupp-create", args=[2023])
    response = client.post(url, _form(kommuner[0], helarsekvivalenter="-5", kalla="Min källa"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Min källa"' in html
    assert not Malgruppsstatistik.objects.filter(forbund=kansli.forbund).exists()
    response = client.post(url, _form(kommuner[0]))
    assert response.status_code == 302
    rad = Malgruppsstatistik.objects.get(forbund=kansli.forbund)
    assert rad.helarsekvivalenter == D(100) and rad.forbund == kansli.forbund


def test_edit_reposted_unchanged_changes_nothing_and_stale_edit_is_refused(client_for, kansli, rad):
    client = client_for(kansli)
    url = reverse("uppfoljning:malgrupp-edit", args=[rad.pk])
    data = _form(rad.medlem, kalla="", lock_version_loaded=0)
    historik = Malgruppsstatistik.history.count()
    assert client.post(url, data).status_code == 302
    rad.refresh_from_db()
    assert rad.lock_version == 0 and Malgruppsstatistik.history.count() == historik

    assert client.post(url, {**data, "helarsekvivalenter": "120,5"}).status_code == 302
    response = client.post(url, {**data, "helarsekvivalenter": "999"})
    assert "Någon annan har sparat ändringar" in response.content.decode()
    rad.refresh_from_db()
    assert rad.helarsekvivalenter == D("120.5") and rad.lock_version == 1


def test_delete_keeps_a_newer_change(client_for, kansli, rad):
    client = client_for(kansli)
    rad.helarsekvivalenter = D(1)
    services.statistik_save(rad=rad, expected_version=0)
    url = reverse("uppfoljning:malgrupp-delete", args=[rad.pk])
    response = client.post(url, {"lock_version_loaded": 0})
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert client.post(url, {"lock_version_loaded": 1}).status_code == 302
    assert not Malgruppsstatistik.objects.filter(forbund=kansli.forbund).exists()


# --- the grid --------------------------------------------------------------------------------


def _grid(client, ar=2023):
    """The grid's form as loaded: its initial values, as a browser would post them back."""
    response = client.get(reverse("uppfoljning:malgrupp-tabell", args=[ar, "20-64"]))
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else str(value).replace(".", ",")
    return data


def test_grid_saves_a_whole_table_and_repost_unchanged_writes_nothing(client_for, kansli, kommuner):
    client = client_for(kansli)
    url = reverse("uppfoljning:malgrupp-tabell", args=[2023, "20-64"])
    stor, liten = kommuner
    data = _grid(client)
    data.update(
        {
            f"h-{stor.pk}-sjukpenning": "1 200,5",
            f"a-{stor.pk}-sjukpenning": "12,0",
            f"h-{liten.pk}-sa": "80",
            "kalla": "Statisticon",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    mina = Malgruppsstatistik.objects.filter(forbund=kansli.forbund)
    rader = {(r.medlem_id, r.kategori): r for r in mina}
    assert rader[(stor.pk, "sjukpenning")].helarsekvivalenter == D("1200.5")
    assert rader[(stor.pk, "sjukpenning")].andel == D(12)
    assert rader[(liten.pk, "sa")].andel is None
    assert {r.kalla for r in rader.values()} == {"Statisticon"}

    historik = Malgruppsstatistik.history.count()
    response = client.post(url, _grid(client), follow=True)
    assert "Inget var ändrat." in response.content.decode()
    assert Malgruppsstatistik.history.count() == historik
    assert all(r.lock_version == 0 for r in mina.all())

    # An emptied cell removes its value.
    data = _grid(client)
    data[f"h-{liten.pk}-sa"] = ""
    assert client.post(url, data).status_code == 302
    assert not Malgruppsstatistik.objects.filter(medlem=liten).exists()


def test_grid_refuses_bad_cells_and_keeps_what_was_typed(client_for, kansli, kommuner):
    client = client_for(kansli)
    url = reverse("uppfoljning:malgrupp-tabell", args=[2023, "20-64"])
    stor = kommuner[0]
    data = _grid(client)
    data.update({f"h-{stor.pk}-sa": "-3", f"a-{stor.pk}-etablering": "4,2", "kalla": "X"})
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ange helårsekvivalenterna när andelen är ifylld." in html
    assert 'value="-3"' in html and 'value="4,2"' in html
    assert not Malgruppsstatistik.objects.filter(forbund=kansli.forbund).exists()


def test_grid_refuses_a_table_a_colleague_changed_since(client_for, kansli, kommuner, rad):
    client = client_for(kansli)
    url = reverse("uppfoljning:malgrupp-tabell", args=[2023, "20-64"])
    data = _grid(client)
    rad.helarsekvivalenter = D(55)
    services.statistik_save(rad=rad, expected_version=0)  # the colleague
    data[f"h-{kommuner[1].pk}-sjukpenning"] = "7"
    response = client.post(url, data)
    assert "Någon annan har sparat ändringar i tabellen 2023" in response.content.decode()
    assert not Malgruppsstatistik.objects.filter(medlem=kommuner[1]).exists()
    rad.refresh_from_db()
    assert rad.helarsekvivalenter == D(55)


def test_grid_service_refuses_a_missing_version(forbund, kommuner, rad):
    with pytest.raises(ConflictError):
        services.tabell_save(
            forbund=forbund,
            ar=2023,
            aldersgrupp="20-64",
            celler={},
            kalla="",
            expected_version="",
            medlemmar={m.pk: m for m in kommuner},
        )


# --- locks and history -----------------------------------------------------------------------


def test_a_value_an_adopted_plan_printed_cannot_change(client_for, kansli, forbund, rad):
    utgava = Rapportutgava.objects.create(
        forbund=forbund,
        dokument="verksamhetsplan",
        ar=2025,
        nyckel="2025",
        status=Rapportutgava.Status.FASTSTALLD,
        beslutsdatum=date(2024, 11, 22),
        paragraf="§ 5",
    )
    Underlagslas.objects.create(
        utgava=utgava,
        content_type=ContentType.objects.get_for_model(Malgruppsstatistik),
        object_id=rad.pk,
    )
    client = client_for(kansli)
    response = client.post(
        reverse("uppfoljning:malgrupp-edit", args=[rad.pk]),
        _form(rad.medlem, helarsekvivalenter="1", lock_version_loaded=0),
    )
    assert "De är låsta" in response.content.decode()
    data = _grid(client)
    data[f"h-{rad.medlem_id}-sjukpenning"] = data[f"a-{rad.medlem_id}-sjukpenning"] = ""
    response = client.post(reverse("uppfoljning:malgrupp-tabell", args=[2023, "20-64"]), data)
    assert "De är låsta" in response.content.decode()
    rad.refresh_from_db()
    assert rad.helarsekvivalenter == D(100)


def test_changes_are_in_the_forbunds_history(client_for, forbund, revisor, rad):
    rad.helarsekvivalenter = D(150)
    services.statistik_save(rad=rad, expected_version=0)
    services.statistik_delete(rad=rad, expected_version=1)
    typer = list(
        Malgruppsstatistik.history.filter(forbund=forbund)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )
    assert typer == ["+", "~", "-"]
    html = client_for(revisor).get(reverse("finsam:historik")).content.decode()
    assert "målgruppsstatistik" in html.lower()


def test_demo_has_the_seeds_county_levels(demo):
    """The demo's tables give the county levels the published plans state (14,5 for 2022,
    14,1 for 2023) and their order of kommuner (Fagersta highest, Surahammar lowest 2023)."""
    t2023, unga2023 = selectors.malgruppstabeller(demo, 2023)
    t2022, unga2022 = selectors.malgruppstabeller(demo, 2022)
    assert t2023.andel == D("14.1") and t2022.andel == D("14.5")
    assert t2023.storst.medlem.kortnamn == "Fagersta"
    assert t2023.minst.medlem.kortnamn == "Surahammar"
    assert len(t2023.rader) == 10 and len(t2023.kategorier) == 5
    # 20–29 år: Fagersta and Norberg highest, Västerås lowest (2023); Västerås and Arboga
    # lowest (2022).
    assert (unga2023.aldersgrupp, unga2023.ar) == ("20-29", 2023)
    assert [r.medlem.kortnamn for r in unga2023.ordnade[:2]] == ["Fagersta", "Norberg"]
    assert unga2023.minst.medlem.kortnamn == "Västerås"
    assert {r.medlem.kortnamn for r in unga2022.ordnade[-2:]} == {"Västerås", "Arboga"}
