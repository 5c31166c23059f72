"""The change history's reads (finsam/historik/selectors.py): complete (every model with a
history), every audited write found, and a fixed number of queries however many rows a page
shows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.historik.selectors import (
    UTANFOR_FORBUNDSHISTORIKEN,
    Historikfilter,
    andringar,
    forbund_historik_lista,
    forbundets_modeller,
)
from finsam.historiklagring import forbund_vag, historiska_modeller
from finsam.models import Forbund, Fortroendevald
from insatser.models import Rekvisition
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
    # A record the demo does not make: a förtroendevald (its report editions and their texts
    # it makes itself, fixtures.loader.load_texter).
    Fortroendevald.objects.create(
        forbund=vastmanland, namn="Eva Revisor", uppdrag="revisor", fran=date(2023, 1, 1)
    )

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
    ("url", "rader"),
    [
        (lambda insats: URL, 50),
        # The insats page shows its 20 newest changes (insatser.views.HISTORIK_PA_INSATSEN).
        (lambda insats: reverse("insatser:detail", args=[insats.pk]), 20),
    ],
    ids=["forbundet", "insats"],
)
def test_history_pages_take_as_many_queries_for_a_full_list_as_for_5_rows(
    client_for, kansli, forbund, insats, url, rader, django_assert_max_num_queries
):
    c = client_for(kansli)
    _changes(forbund, insats, 1)
    few, response = _count_queries(c, url(insats))
    assert 5 <= len(response.context["historik"]) < rader
    _changes(forbund, insats, 12)
    with django_assert_max_num_queries(few):
        response = c.get(url(insats))
    assert response.status_code == 200
    assert len(response.context["historik"]) == rader


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


# --- the last pages (issue 14: national scale) -----------------------------------------------


@pytest.mark.parametrize("stigande", [False, True], ids=["nyast-forst", "aldst-forst"])
def test_a_late_page_is_read_from_the_other_end_with_the_same_rows(forbund, insats, stigande):
    """A page nearer the end than the start reads a page's worth of rows per source from
    the other end (the last page of a förbund with 40 000 changes must not read them all),
    and shows exactly the rows that reading from the start gives, in the same order."""
    _changes(forbund, insats, 6)
    lista = forbund_historik_lista(forbund, Historikfilter(stigande=stigande))
    n = lista.count()
    assert n > 60
    fram = lista._sida(n - 25, n)  # from the start: every source gives n rows
    with CaptureQueriesContext(connection) as ctx:
        sist = lista[n - 25 : n]
    sida_sql = next(q["sql"] for q in ctx.captured_queries if "k_nr" in (q["sql"] or ""))
    assert f"LIMIT {n}" not in sida_sql and "LIMIT 25" in sida_sql
    nycklar = [(lista.kallor[k][0]._meta.label, h) for h, _t, _typ, k in fram]
    assert [(a.modell_kod, a.history_id) for a in sist] == nycklar
    # The middle of the list, either side of the turn, joins up.
    mitt = n // 2
    alla = lista[mitt - 10 : mitt] + lista[mitt : mitt + 10]
    ref = lista._sida(mitt - 10, mitt + 10)
    assert [(a.modell_kod, a.history_id) for a in alla] == [
        (lista.kallor[k][0]._meta.label, h) for h, _t, _typ, k in ref
    ]
    assert lista[n : n + 50] == []


def test_the_count_is_one_query_of_every_source_and_the_page_reads_only_those_with_rows(
    forbund, insats
):
    _changes(forbund, insats, 2)
    lista = forbund_historik_lista(forbund)
    with CaptureQueriesContext(connection) as ctx:
        n = lista.count()
    assert len(ctx) == 1
    antal = {
        model: model.history.model.objects.filter(
            **({"id": forbund.pk} if model is Forbund else {"forbund_id": forbund.pk})
        ).count()
        for model in forbundets_modeller()
    }
    assert n == sum(antal.values())
    with CaptureQueriesContext(connection) as ctx:
        lista[0:10]
    sida_sql = ctx.captured_queries[0]["sql"]
    assert 0 < sum(1 for a in antal.values() if a) < len(antal)
    for model, a in antal.items():
        assert (f'"{model.history.model._meta.db_table}"' in sida_sql) == bool(a), model


def test_the_rows_of_every_model_on_a_page_are_read_in_one_query(
    client_for, kansli, forbund, insats
):
    """The oldest page of a förbund holds a row of almost every model: its rows are one
    query (a JSON object per row), not one per model, and give the same changes as one
    query per model does."""
    _changes(forbund, insats, 3)
    c = client_for(kansli)
    with CaptureQueriesContext(connection) as ctx:
        response = c.get(URL)
    historik = response.context["historik"]
    modeller = {a.modell_kod for a in historik}
    assert len(modeller) >= 5
    historik_fragor = [q["sql"] for q in ctx.captured_queries if "_historical" in (q["sql"] or "")]
    # The count, the page, every model's rows, the insats's two m2m fields' history.
    assert len(historik_fragor) == 4, [q[:60] for q in historik_fragor]
    # Read one model at a time, the changes are the same.
    en_i_taget = [
        a
        for model in forbundets_modeller()
        for a in andringar(
            [
                (model, h)
                for h in model.history.model.objects.filter(
                    history_id__in=[
                        a.history_id for a in historik if a.modell_kod == model._meta.label
                    ]
                ).values_list("history_id", flat=True)
            ]
        )
    ]
    nyckel = lambda a: (a.modell_kod, a.history_id)  # noqa: E731
    assert sorted(en_i_taget, key=nyckel) == sorted(historik, key=nyckel)


# --- the same queries for any data (issue 14: the oldest page had one more nationally) -------


def test_the_rows_users_are_read_with_the_rows_not_by_a_query_of_their_own(forbund, insats, kansli):
    """A page whose rows were written by users takes as many queries as one whose rows
    were written by no user (the demo's oldest page): the users are joined to the rows."""
    _changes(forbund, insats, 2)
    lista = forbund_historik_lista(forbund)

    def sida():
        with CaptureQueriesContext(connection) as ctx:
            rader = lista[0:50]
        return len(ctx), rader, [q["sql"] or "" for q in ctx.captured_queries]

    utan, rader, _sql = sida()
    assert len({a.modell_kod for a in rader}) >= 2  # the one query of every model's rows
    assert {a.anvandare for a in rader} == {"systemet"}
    kansli.first_name, kansli.last_name = "Karin", "Kansli"
    kansli.save()
    for model in forbundets_modeller():
        model.history.model.objects.filter(
            **({"id": forbund.pk} if model is Forbund else {"forbund_id": forbund.pk})
        ).update(history_user=kansli)
    med, rader, sql = sida()
    assert med == utan, sql
    assert {a.anvandare for a in rader} == {"Karin Kansli"}
    assert not [q for q in sql if q.lstrip().startswith('SELECT "finsam_user"')]


def test_a_name_that_follows_a_foreign_key_is_found_without_trying_a_query(forbund, insats):
    """A __str__ that follows a key (a rekvisition's: its insats) is found by trying it on
    the row with a stand-in for the key, not by a query stopped before the database, which
    is counted all the same: one per kind of record on the page."""
    insats.namn = "Samordningsteam Köping"
    insats.save()
    rekvisition = Rekvisition.objects.create(
        insats=insats, datum=date(2025, 3, 1), avser_ar=2025, belopp=5000
    )
    rekvisition.belopp = 7000
    rekvisition.save()
    poster = [
        (Rekvisition, h)
        for h in Rekvisition.history.filter(id=rekvisition.pk).values_list("history_id", flat=True)
    ]
    with CaptureQueriesContext(connection) as ctx:
        rader = andringar(poster)
    sql = [q["sql"] for q in ctx.captured_queries]
    assert None not in sql
    assert sum('FROM "insatser_insats"' in q for q in sql) == 1, sql
    assert {a.objekt for a in rader} == {"Samordningsteam Köping: 2025-03-01"}
    assert [(fran, till) for _n, fran, till in rader[0].falt] == [("5000", "7000")]


# --- kept under the data's token (issue 14) ---------------------------------------------------


def test_a_forbunds_counts_and_pages_are_kept_until_its_data_changes(
    client_for, kansli, forbund, insats, monkeypatch
):
    """The förbund's history list keeps its counts (read in the one count query, with the
    data's token) and its pages: a second request reads no row of history, and a write
    of the förbund's data shows at once."""
    from finsam import dataversion
    from finsam.models import Medlem

    _changes(forbund, insats, 2)
    c = client_for(kansli)
    forst = _page(c)
    n = forst.context["sida"].paginator.count
    with CaptureQueriesContext(connection) as ctx:
        andra = _page(c)
    sql = [q["sql"] or "" for q in ctx.captured_queries]
    assert not [q for q in sql if "k_nr" in q], sql  # neither the page's rows nor their data
    assert [(a.modell_kod, a.history_id, a.falt) for a in andra.context["historik"]] == [
        (a.modell_kod, a.history_id, a.falt) for a in forst.context["historik"]
    ]
    assert andra.context["sida"].paginator.count == n

    # The counts are kept: a history row removed unseen (no new token) is still counted...
    monkeypatch.setattr(dataversion, "_vaktar", False)
    Medlem.history.filter(forbund_id=forbund.pk).order_by("history_id").first().delete()
    monkeypatch.setattr(dataversion, "_vaktar", True)
    assert forbund_historik_lista(forbund).count() == n
    # ... until the data's token changes.
    dataversion.ny()
    assert forbund_historik_lista(forbund).count() == n - 1

    # A write of the förbund's data is on the page at once.
    factories.make_medlem(forbund, namn="Nyaste kommunen")
    sist = _page(c)
    assert sist.context["sida"].paginator.count == n
    assert "Nyaste kommunen" in sist.content.decode()
    assert sist.context["historik"][0].objekt == "Nyaste kommunen"
