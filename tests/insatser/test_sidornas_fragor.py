"""The insatser pages at national scale (issue 14): a fixed number of queries whatever the
data, the insats page's economy read from its own tables (the same figures as the
förbund-wide selectors), one query for the members of the insats form, and the payments
list in pages."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam import dataversion
from finsam.models import Medlem
from insatser.ekonomi import views as ekonomivyer
from insatser.ekonomi.selectors import (
    beslut_mot_budget,
    default_per,
    insatsekonomi,
    insatsuppfoljning,
)
from insatser.models import Externfinansiering, Insats, Rekvisition
from insatser.selectors import beslutstabell, url_mall
from tests import factories as f
from tests.insatser.ekonomi.conftest import make_uppfoljningsdata
from uppfoljning.models import Rapportperiod


def _sql(ctx) -> str:
    return "\n".join(str(q["sql"]) for q in ctx.captured_queries)


# --- the insats page ---------------------------------------------------------------------


def _fyll(insats, n: int, start_ar: int = 2020) -> None:
    """n of everything the insats's page lists: bemanning, multi-year decisions with their
    budget lines, rekvisitioner, external funding, report periods."""
    forbund = insats.forbund
    kommun = f.make_medlem(forbund)
    insats.kommuner.add(kommun)
    insats.deltagande_medlemmar.add(kommun)
    grupp = f.make_grupp(forbund)
    rad = f.make_rad(grupp, insats=insats)
    for i in range(n):
        ar = start_ar + i
        f.make_bemanning(insats, arbetsgivare=kommun)
        f.make_beslut(insats, forsta_ar=ar, sista_ar=ar + 1, datum=date(ar - 1, 11, 1))
        version = forbund.budgetversioner.filter(ar=ar).first() or f.make_version(forbund, ar)
        f.set_belopp(version, rad, -100_000 * (i + 1))
        Rekvisition.objects.create(insats=insats, datum=date(ar, 3, 1), avser_ar=ar, belopp=10)
        Externfinansiering.objects.create(
            insats=insats, finansiar="ESF", fran=date(ar, 1, 1), beviljat=5
        )
        period, _ny = Rapportperiod.objects.get_or_create(
            forbund=forbund, ar=ar, typ="helar", defaults={"sista_dag": date(ar, 12, 31)}
        )
        period.insatser.add(insats)


def _fragor(client, url) -> tuple[int, str]:
    return _svar(client, url)[:2]


def _svar(client, url):
    """The page as after a write (a new data token: nothing kept is found, every query is
    made; finsam.views_base.sidinnehall), and its queries."""
    dataversion.ny()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response.content.decode(), response


def test_insats_page_queries_do_not_grow_with_its_rows(client_for, kansli, forbund, insats):
    """The page of an insats with 2 and with 8 of every row: the same number of queries
    (the decisions, rekvisitioner and budget lines each read once), and every row shown."""
    annan = f.make_insats(forbund, namn="Stor insats", malomrade=insats.malomrade)
    _fyll(insats, 2)
    _fyll(annan, 8)
    c = client_for(kansli)
    c.get(reverse("insatser:detail", args=[insats.pk]))
    fa, _sida = _fragor(c, reverse("insatser:detail", args=[insats.pk]))
    manga, sida = _fragor(c, reverse("insatser:detail", args=[annan.pk]))
    # Not more (the history's 20 newest rows may name fewer kinds of records, so fewer).
    assert manga <= fa
    assert manga <= 30
    assert sida.count("data-pdf>PDF</a>") == 8  # the report periods
    # bemanning, beslut, rekvisitioner and external funding: 8 rows each
    assert sida.count(">Ta bort</a>") == 4 * 8


def test_insats_page_links_are_the_routes(client_for, kansli, forbund, insats):
    """The row links made from one reverse() each are the routes' URLs."""
    _fyll(insats, 2)
    sida = client_for(kansli).get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    for b in insats.bemanning.all():
        assert f'href="{reverse("insatser:bemanning-edit", args=[b.pk])}"' in sida
        assert f'href="{reverse("insatser:bemanning-delete", args=[b.pk])}"' in sida
    for b in insats.beslut.all():
        assert f'href="{reverse("insatser:beslut-delete", args=[b.pk])}"' in sida
    for r in insats.rekvisitioner.all():
        assert f'href="{reverse("insatser:rekvisition-edit", args=[r.pk])}"' in sida
    for e in insats.externfinansiering.all():
        assert f'href="{reverse("insatser:externfinansiering-delete", args=[e.pk])}"' in sida
    for p in insats.rapportperioder.all():
        url = reverse("finsam:insatsrapport", args=[insats.slug, p.periodkod])
        pdf = reverse("finsam:insatsrapport-pdf", args=[insats.slug, p.periodkod])
        assert f'href="{url}"' in sida and f'href="{pdf}"' in sida


def test_url_mall_reverses_each_value_when_the_placeholder_is_ambiguous():
    """A placeholder also found in the route's other parts: each value reversed."""
    mall = url_mall("finsam:insatsrapport", "x-2025-H1", platshallare="2025-H1")
    assert mall("2024-helar") == reverse("finsam:insatsrapport", args=["x-2025-H1", "2024-helar"])
    assert url_mall("insatser:detail")(17) == reverse("insatser:detail", args=[17])


@pytest.mark.parametrize(
    "per",
    [
        date(2023, 12, 31),
        date(2024, 5, 24),
        date(2024, 12, 31),
        date(2025, 1, 15),
        date(2025, 8, 31),
        date(2026, 6, 30),
        date(2030, 12, 31),
    ],
)
def test_insatsekonomi_is_the_forbund_wide_figures_of_the_insats(forbund, per):
    """The insats page's economy (from its decisions and rekvisitioner already read) is
    exactly `insatsuppfoljning` and `beslut_mot_budget` narrowed to the insats, for every
    insats of the hand-made data (budgets, tilläggsbudget, a plan not in force, payments
    after the date and for later years) and every date."""
    data = make_uppfoljningsdata(forbund)
    for insats in (data.a, data.b, data.c, data.utan, data.framtida):
        en = Insats.objects.filter(pk=insats.pk)
        rekvisitioner = list(insats.rekvisitioner.order_by("datum", "pk"))
        with CaptureQueriesContext(connection) as ctx:
            ekonomi = insatsekonomi(
                insats, per=per, beslut=beslutstabell(insats).rader, rekvisitioner=rekvisitioner
            )
        assert len(ctx) <= 4, _sql(ctx)  # beslut, beslutsbelopp, versions, budget lines
        vantat = insatsuppfoljning(forbund, per=per, insatser=en)
        assert ekonomi.uppfoljning == vantat, insats.namn
        assert ekonomi.beslut_mot_budget == beslut_mot_budget(forbund, insatser=en)
        assert default_per(rekvisitioner, today=per) == default_per(
            insats.rekvisitioner.all(), today=per
        )


# --- the insats form ---------------------------------------------------------------------


def _medlemsfragor(ctx) -> int:
    return sum('FROM "finsam_medlem"' in str(q["sql"]) for q in ctx.captured_queries)


@pytest.mark.parametrize("namn", ["create", "edit"])
def test_insats_form_reads_the_members_once(client_for, kansli, forbund, insats, namn):
    """The ägare, deltagande medlemmar and kommuner selects share one read of the
    members, among which an edit finds the insats's own (the current values)."""
    for i in range(4):
        f.make_medlem(forbund, namn=f"Kommun {i}")
    f.make_medlem(forbund, typ=Medlem.Typ.REGION, namn="Regionen")
    url = reverse(f"insatser:{namn}", args=[insats.pk] if namn == "edit" else [])
    with CaptureQueriesContext(connection) as ctx:
        sida = client_for(kansli).get(url).content.decode()
    assert _medlemsfragor(ctx) == 1, _sql(ctx)
    assert sida.count("Regionen") == 2  # ägare and deltagande, not among the kommuner
    assert sida.count("Kommun 3") == 3


def test_edit_form_current_values_in_one_query(client_for, kansli, forbund, insats, styrgrupp):
    """The insats's kommuner, deltagande medlemmar and steering group are read by one
    query and shown checked; a steering-group user who is no longer one (not among the
    choices) leaves that relation to Django's own query, and the rest still shows."""
    kommun = f.make_medlem(forbund, namn="Kommunen")
    region = f.make_medlem(forbund, typ=Medlem.Typ.REGION, namn="Regionen")
    insats.kommuner.set([kommun])
    insats.deltagande_medlemmar.set([kommun, region])
    url = reverse("insatser:edit", args=[insats.pk])
    c = client_for(kansli)
    with CaptureQueriesContext(connection) as ctx:
        form = c.get(url).context["form"]
    assert sum("insatser_insats_kommuner" in str(q["sql"]) for q in ctx.captured_queries) == 1
    assert [m.pk for m in form.initial["kommuner"]] == [kommun.pk]
    assert {m.pk for m in form.initial["deltagande_medlemmar"]} == {kommun.pk, region.pk}
    assert [u.pk for u in form.initial["styrgrupp"]] == [styrgrupp.pk]
    html = str(form["deltagande_medlemmar"])
    assert html.count("checked") == 2
    styrgrupp.roll = "kansli"
    styrgrupp.save()
    form = c.get(url).context["form"]
    assert [u.pk for u in form.initial["styrgrupp"]] == [styrgrupp.pk]
    assert {m.pk for m in form.initial["deltagande_medlemmar"]} == {kommun.pk, region.pk}


def test_insats_form_queries_do_not_grow(client_for, kansli, forbund, insats):
    c = client_for(kansli)
    url = reverse("insatser:create")
    c.get(url)
    fa, _sida = _fragor(c, url)
    for i in range(10):
        f.make_medlem(forbund, namn=f"Kommun {i}")
        f.make_malomrade(forbund)
        f.make_user(forbund, "styrgrupp")
    assert _fragor(c, url)[0] == fa


# --- the payments list -------------------------------------------------------------------


def _rekvisitioner(insats, n):
    Rekvisition.objects.bulk_create(
        Rekvisition(insats=insats, datum=date(2025, 1, 1 + i % 28), avser_ar=2025, belopp=1)
        for i in range(n)
    )


def test_payments_list_is_paged(client_for, kansli, insats):
    per_sida = ekonomivyer.REKVISITIONER_PER_SIDA
    _rekvisitioner(insats, per_sida + 3)
    c = client_for(kansli)
    url = reverse("insatser:rekvisition-list")
    forsta = c.get(url)
    assert len(forsta.context["rekvisitioner"]) == per_sida
    html = forsta.content.decode()
    assert '<nav aria-label="Sidor i listan">' in html
    assert 'rel="next"' in html and "sida=2" in html
    assert f"{per_sida + 3} utbetalningar" in html  # the count and sum are of every page
    andra = c.get(url, {"sida": 2})
    assert len(andra.context["rekvisitioner"]) == 3
    # The filters are kept in the paging links.
    html = c.get(url, {"insats": insats.pk, "avser_ar": 2025}).content.decode()
    assert f"?insats={insats.pk}&amp;avser_ar=2025&amp;sida=2" in html


def test_payments_list_queries_do_not_grow(client_for, kansli, forbund, insats):
    c = client_for(kansli)
    url = reverse("insatser:rekvisition-list")
    _rekvisitioner(insats, 3)
    c.get(url)
    fa, _sida = _fragor(c, url)
    for _i in range(5):
        _rekvisitioner(f.make_insats(forbund, malomrade=insats.malomrade), 30)
    manga, sida, response = _svar(c, url)
    assert manga == fa
    r = response.context["rekvisitioner"][0]
    assert reverse("insatser:rekvisition-edit", args=[r.pk]) in sida
    assert reverse("insatser:detail", args=[r.insats_id]) + "#rekvisitioner-rubrik" in sida


# --- the insats list ---------------------------------------------------------------------


def test_insats_list_rows_made_in_python(client_for, kansli, forbund, insats):
    """Each row's link, type, status and kommuner (in the members' order) as Django would
    show them, in the same number of queries with 1 and with 6 insatser of 3 kommuner."""
    kommuner = [
        f.make_medlem(forbund, namn=n, kortnamn="", ordning=o)
        for n, o in (("Ö-kommun", 1), ("B-kommun", 2), ("A-kommun", 2))
    ]
    c = client_for(kansli)
    url = reverse("insatser:list")
    insats.kommuner.set(kommuner)
    c.get(url)
    fa, _sida = _fragor(c, url)
    visade = [insats]
    for i in range(5):
        annan = f.make_insats(forbund, namn=f"Insats {i}", malomrade=insats.malomrade)
        annan.kommuner.set(kommuner[: i % 3 + 1])
        visade.append(annan)
    manga, sida = _fragor(c, url)
    assert manga == fa
    for i in visade:
        namn = ", ".join(k.visningsnamn for k in i.kommuner.all())
        assert f"<td>{namn}</td>" in sida, (namn, sida[sida.find("<tbody>") :])
        assert f'<a href="{reverse("insatser:detail", args=[i.pk])}">{i.namn}</a>' in sida
        assert f"<td>{i.get_typ_display()}</td>" in sida
        assert f"<td>{i.get_status_display()}</td>" in sida
    assert ", ".join(k.visningsnamn for k in insats.kommuner.all()).count(",") == 2
