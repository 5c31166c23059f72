"""The change history: complete (every model with a history), filterable, paged, exported,
and a fixed number of queries however many rows a page shows."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from budget.models import Budgetbelopp, Utfallsperiod, Utfallsrad
from budget.services import budgetversion_create
from finsam.historik.selectors import (
    UTANFOR_FORBUNDSHISTORIKEN,
    Historikfilter,
    forbund_historik_lista,
    forbundets_modeller,
)
from finsam.historiklagring import forbund_vag, fyll_forbund, historiska_modeller
from finsam.models import Forbund, Fortroendevald, Medlem, Rapporttext, Rapportutgava
from insatser.models import Bemanning, Insats, Rekvisition
from tests import factories

URL = reverse("finsam:historik")
XLSX = reverse("finsam:historik-xlsx")


def _page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


# --- completeness ---------------------------------------------------------------------------


def test_every_historical_model_of_every_app_is_on_the_page_or_excluded_with_a_reason():
    registry = set(historiska_modeller())
    on_page = set(forbundets_modeller())
    for app in ("finsam", "budget", "insatser", "uppfoljning"):
        for model in apps.get_app_config(app).get_models():
            if hasattr(model._meta, "simple_history_manager_attribute"):
                assert model in registry, model
                assert model in on_page or model._meta.label in UTANFOR_FORBUNDSHISTORIKEN, model
    assert {m._meta.label for m in registry - on_page} == set(UTANFOR_FORBUNDSHISTORIKEN)
    # The models the old page forgot are there.
    labels = {m._meta.label for m in on_page}
    for label in (
        "budget.Utfallsrad",
        "budget.Bokslut",
        "budget.Medelstilldelning",
        "insatser.Rekvisition",
        "uppfoljning.Deltagarrapport",
        "finsam.Fortroendevald",
        "finsam.Rapportutgava",
    ):
        assert label in labels
    assert len(on_page) >= 32


def test_every_history_row_can_be_found_by_its_forbund():
    for model in forbundets_modeller():
        assert forbund_vag(model) is not None, model
        if model is not Forbund:
            assert "forbund" in {f.name for f in model.history.model._meta.fields}, model


def _expected_count(model, forbund):
    """The model's history rows for objects that belong to `forbund`, found from the
    live objects (independently of the stored förbund)."""
    vag = forbund_vag(model)
    if not vag:
        ids = [forbund.pk]
    else:
        ids = model._default_manager.filter(**{"__".join(vag): forbund}).values("pk")
    return model.history.filter(id__in=ids).count()


def test_every_audited_write_of_the_demo_forbund_appears(demo):
    vastmanland = demo
    exempel = Forbund.objects.get(slug="exempel")
    # Records the demo does not make: a förtroendevald, a report edition and its text.
    Fortroendevald.objects.create(
        forbund=vastmanland, namn="Eva Revisor", uppdrag="revisor", fran=date(2023, 1, 1)
    )
    utgava = Rapportutgava.objects.create(
        forbund=vastmanland, dokument="verksamhetsplan", ar=2025, nyckel="2025"
    )
    Rapporttext.objects.create(utgava=utgava, avsnitt="inledning", text="Text")

    total = 0
    for model in forbundets_modeller():
        expected = _expected_count(model, vastmanland)
        shown = forbund_historik_lista(
            vastmanland, Historikfilter(modell=model._meta.label)
        ).count()
        assert shown == expected, model
        total += expected
    assert forbund_historik_lista(vastmanland).count() == total
    for label in (
        "budget.Utfallsrad",
        "budget.Bokslut",
        "budget.Medelstilldelning",
        "insatser.Rekvisition",
        "uppfoljning.Rapportvarde",
        "finsam.Fortroendevald",
        "finsam.Rapporttext",
    ):
        assert forbund_historik_lista(vastmanland, Historikfilter(modell=label)).count() > 0
    # Nothing of the other förbund.
    other = forbund_historik_lista(exempel).count()
    assert other == sum(_expected_count(m, exempel) for m in forbundets_modeller())


def test_removed_records_and_their_children_stay_in_the_history(client_for, kansli, forbund):
    insats = factories.make_insats(forbund, namn="Nedlagd insats")
    factories.make_bemanning(insats, roll="Koordinator")
    Rekvisition.objects.create(insats=insats, datum=date(2025, 3, 1), avser_ar=2025, belopp=5000)
    insats.delete()  # cascades to the bemanning and the rekvisition
    page = _page(client_for(kansli)).content.decode()
    assert "Borttagen insats" in page
    assert "Borttagen bemanning" in page
    assert "Borttagen rekvisition" in page
    assert "Nedlagd insats" in page


def test_the_history_of_another_forbund_is_never_shown(client_for, kansli, outsider, forbund):
    factories.make_medlem(forbund, namn="Hemlig kommun")
    assert "Hemlig kommun" in _page(client_for(kansli)).content.decode()
    assert "Hemlig kommun" not in _page(client_for(outsider)).content.decode()
    assert b"Hemlig kommun" not in client_for(outsider).get(XLSX).content


@pytest.mark.parametrize("url", [URL, XLSX])
def test_history_and_export_are_for_kansli_and_revisor_only(
    client_for, kansli, revisor, styrelse, styrgrupp, url
):
    assert client_for(kansli).get(url).status_code == 200
    assert client_for(revisor).get(url).status_code == 200
    assert client_for(styrelse).get(url).status_code == 403
    assert client_for(styrgrupp).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


# --- storing the förbund ------------------------------------------------------------------


def test_a_child_row_stores_its_forbund(empty_db, forbund, insats):
    bemanning = factories.make_bemanning(insats)
    assert bemanning.history.get().forbund_id == forbund.pk
    period = Utfallsperiod.objects.create(forbund=forbund, per=date(2025, 8, 31))
    rad = factories.make_rad(factories.make_grupp(forbund))
    Utfallsrad.objects.create(period=period, rad=rad, intakt=1)
    assert Utfallsrad.history.get().forbund_id == forbund.pk


def test_a_copied_budget_stores_its_forbund_on_the_bulk_history(forbund):
    rad = factories.make_rad(factories.make_grupp(forbund))
    source = factories.make_version(forbund, 2025)
    factories.set_belopp(source, rad, -1000)
    copy = budgetversion_create(
        forbund=forbund,
        typ="budget",
        ar=2026,
        beslutsdatum=date(2025, 11, 1),
        kopiera_fran=source,
    )
    rows = Budgetbelopp.history.filter(version_id=copy.pk)
    assert rows.count() == 1
    assert rows.get().forbund_id == forbund.pk


def test_the_backfill_fills_rows_written_before_the_column(empty_db, forbund, insats):
    kept = factories.make_bemanning(insats)
    removed_insats = factories.make_insats(forbund)
    factories.make_bemanning(removed_insats)
    removed_insats.delete()
    Bemanning.history.update(forbund=None)
    assert Bemanning.history.filter(forbund__isnull=True).count() == 3

    fyll_forbund(apps, [("insatser", "Bemanning", "insats", "insatser", "Insats")])

    assert Bemanning.history.filter(forbund_id=forbund.pk).count() == 3
    assert kept.history.get().forbund_id == forbund.pk


# --- filters and pages ----------------------------------------------------------------------


def _set_date(model, obj, when):
    model.history.filter(id=obj.pk).update(history_date=when)


def test_filters_by_date_user_and_kind(client_for, kansli, revisor, forbund):
    tz = timezone.get_current_timezone()
    gammal = factories.make_medlem(forbund, namn="Gamla kommunen")
    _set_date(Medlem, gammal, datetime(2024, 3, 1, 12, tzinfo=tz))
    ny = Medlem(forbund=forbund, namn="Nya kommunen", typ="kommun")
    ny._history_user = kansli
    ny.save()
    _set_date(Medlem, ny, datetime(2025, 6, 30, 23, 30, tzinfo=tz))
    insats = factories.make_insats(forbund, namn="Insatsen")
    _set_date(Insats, insats, datetime(2025, 6, 1, tzinfo=tz))

    c = client_for(revisor)
    page = _page(c, fran="2025-01-01", till="2025-06-30").content.decode()
    assert "Nya kommunen" in page and "Insatsen" in page and "Gamla kommunen" not in page

    page = _page(c, anvandare=kansli.pk).content.decode()
    assert "Nya kommunen" in page and "Gamla kommunen" not in page and "Insatsen" not in page

    page = _page(c, typ="finsam.Medlem").content.decode()
    assert "Nya kommunen" in page and "Gamla kommunen" in page and "Insatsen" not in page

    page = _page(c, fran="2025-07-01", till="2025-06-01")
    assert "Slutdatumet ligger före startdatumet." in page.content.decode()

    # The export carries the same filter.
    ws = load_workbook(io.BytesIO(c.get(XLSX, {"typ": "insatser.Insats"}).content)).active
    poster = {row[4] for row in ws.iter_rows(min_row=5, values_only=True)}
    assert "Insatsen" in poster and "Nya kommunen" not in poster


def test_filter_fields_have_labels_and_the_table_scoped_headers(client_for, revisor):
    page = _page(client_for(revisor)).content.decode()
    for name, label in [
        ("fran", "Från och med"),
        ("till", "Till och med"),
        ("anvandare", "Användare"),
        ("typ", "Typ av uppgift"),
    ]:
        assert f'<label class="form-label" for="id_{name}">{label}</label>' in page
    assert "Utfallsrad" in page  # a kind the old page did not know


def test_pages_of_fifty_with_swedish_labels(client_for, revisor, forbund):
    for i in range(59):  # + the förbund's own creation = 60 rows
        factories.make_medlem(forbund, namn=f"Kommun {i:02d}")
    c = client_for(revisor)
    first = _page(c).content.decode()
    assert "60 ändringar, sida 1 av 2" in first
    assert "Nästa" in first and "Föregående" in first
    assert first.count("Skapad medlem") == 50
    second = _page(c, sida=2).content.decode()
    assert second.count("<tr>") - 1 == 10  # the header row
    assert "Kommun 00" in second  # the oldest last
    # The filter stays in the page links.
    filtered = _page(c, typ="finsam.Medlem").content.decode()
    assert "typ=finsam.Medlem&amp;sida=2" in filtered


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


# --- a fixed number of queries --------------------------------------------------------------


def _changes(forbund, insats, n):
    """n changes of each kind: a member renamed, a bemanning with another employer, an
    insats's members, a removed rekvisition."""
    for i in range(n):
        medlem = factories.make_medlem(forbund)
        medlem.namn = f"{medlem.namn} ny"
        medlem.save()
        bemanning = factories.make_bemanning(insats)
        bemanning.arbetsgivare = factories.make_medlem(forbund)
        bemanning.arsarbetare = Decimal("0.5")
        bemanning.save()
        insats.deltagande_medlemmar.add(medlem)
        insats.namn = f"Insats {i}"
        insats.save()
        Rekvisition.objects.create(
            insats=insats, datum=date(2025, 1, 1) + timedelta(days=i), avser_ar=2025, belopp=i
        ).delete()


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx), response


@pytest.mark.parametrize(
    "url",
    [
        lambda insats: URL,
        lambda insats: reverse("insatser:detail", args=[insats.pk]),
    ],
    ids=["forbundet", "insats"],
)
def test_history_pages_take_as_many_queries_for_50_rows_as_for_5(
    client_for, kansli, forbund, insats, url, django_assert_max_num_queries
):
    c = client_for(kansli)
    _changes(forbund, insats, 1)
    few, response = _count_queries(c, url(insats))
    assert 5 <= len(response.context["historik"]) < 50
    _changes(forbund, insats, 12)
    with django_assert_max_num_queries(few):
        response = c.get(url(insats))
    assert response.status_code == 200
    assert len(response.context["historik"]) == 50


def test_medlem_history_takes_as_many_queries_for_50_rows_as_for_5(
    client_for, kansli, forbund, django_assert_max_num_queries
):
    medlem = factories.make_medlem(forbund)
    c = client_for(kansli)
    url = reverse("finsam:medlem-detail", args=[medlem.pk])
    for i in range(4):
        medlem.namn = f"Namn {i}"
        medlem.save()
    few, response = _count_queries(c, url)
    assert len(response.context["historik"]) == 5
    for i in range(45):
        medlem.namn = f"Namn {i + 10}"
        medlem.save()
    with django_assert_max_num_queries(few):
        response = c.get(url)
    assert len(response.context["historik"]) == 50


def test_diffs_name_foreign_keys_and_members(client_for, kansli, forbund, insats):
    bemanning = factories.make_bemanning(
        insats, arbetsgivare=factories.make_medlem(forbund, namn="Arboga kommun")
    )
    bemanning.arbetsgivare = factories.make_medlem(forbund, namn="Köpings kommun")
    bemanning.save()
    insats.deltagande_medlemmar.add(bemanning.arbetsgivare)
    page = _page(client_for(kansli)).content.decode()
    assert "Arboga kommun → Köpings kommun" in page
    assert "– → Köpings kommun" in page


def test_the_insats_page_lists_its_rekvisitioner_too(client_for, kansli, insats):
    rekvisition = Rekvisition.objects.create(
        insats=insats, datum=date(2025, 3, 1), avser_ar=2025, belopp=5000
    )
    rekvisition.belopp = 7000
    rekvisition.save()
    page = client_for(kansli).get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    assert "Ändrad rekvisition" in page
    assert "5000 → 7000" in page


def test_benchmark_command_measures_and_leaves_nothing_behind(empty_db, db):
    out = io.StringIO()
    call_command("historik_benchmark", forbund=3, rader=60, upprepa=1, stdout=out)
    text = out.getvalue()
    assert "Ändringshistorik, sida 1" in text and "× trivial" in text
    assert "rullades tillbaka" in text
    assert not Forbund.objects.exists()
