"""Isolation enforced, not remembered (finsam/scoping.py): inside a request every query on a
förbund's model is filtered to the user's förbund, and one made without a förbund raises.

The role matrix (test_alla_sidor.py) checks that every page of every role runs in the
scope of the user's förbund; these tests check the scope itself and the middleware."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Prefetch
from django.urls import reverse

from finsam import scoping
from finsam.historiklagring import forbund_vag
from finsam.models import Forbund, Medlem, Notisinstallning, User
from finsam.scoping import ScopeError, forbund_scope, scope, scopes_disabled
from insatser.models import Bemanning, Insats
from tests import factories

#: The models of a förbund that are deliberately not scoped (see finsam/scoping.py).
OSKOPADE = {Forbund, User, Notisinstallning}


@pytest.fixture
def tva(db):
    """Two förbund, each with a medlem, an insats and its bemanning."""
    res = {}
    for namn, ord in (("a", "Alfa"), ("b", "Beta")):
        fb = factories.make_forbund()
        insats = factories.make_insats(fb, namn=f"Team {ord}")
        medlem = factories.make_medlem(fb, namn=f"{ord}kommun")
        res[namn] = dict(
            forbund=fb,
            medlem=medlem,
            insats=insats,
            bemanning=factories.make_bemanning(insats, arbetsgivare=medlem),
        )
    return res


def test_every_model_of_a_forbund_is_scoped():
    """A new model with a way to its förbund gets the scoped manager, or this fails."""
    saknas = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in ("finsam", "budget", "insatser", "uppfoljning")
        and m not in OSKOPADE
        and not m.__name__.startswith("Historical")
        and forbund_vag(m) is not None
        and not scoping.is_scoped_model(m)
    ]
    assert not saknas
    # The manager filters on the same path the history uses to find the förbund.
    assert Bemanning.objects.forbund_path == "insats__forbund"
    assert not scoping.is_scoped_model(User) and not scoping.is_scoped_model(Forbund)


def test_an_unscoped_query_raises(tva):
    """Inside a scope without a förbund (anonymous users, the systemadministratör) every
    way to read a förbund's rows raises, the model's own queryset methods included."""
    b = tva["b"]
    with scope():
        for fraga in (
            lambda: list(Insats.objects.all()),
            lambda: Insats.objects.filter(pk=b["insats"].pk).first(),
            lambda: Insats.objects.get(pk=b["insats"].pk),
            lambda: Insats.objects.exists(),
            lambda: Insats.objects.count(),
            lambda: list(Insats.objects.exclude(pk=0)),
            lambda: Insats.objects.aktiva_under(2025),
            lambda: list(Bemanning.objects.select_related("insats")),
            lambda: list(b["insats"].bemanning.all()),
            lambda: list(b["forbund"].medlemmar.all()),
            lambda: Medlem.objects.in_bulk([b["medlem"].pk]),
            lambda: Medlem.objects.create(forbund=b["forbund"], namn="Ny", ordning=1),
        ):
            with pytest.raises(ScopeError):
                fraga()
        # What needs no förbund's rows still works: none() and the förbund and users.
        assert list(Insats.objects.none()) == []
        assert Forbund.objects.filter(pk=b["forbund"].pk).exists()


def test_a_scope_without_forbund_inherits_none(tva):
    """The request's scope without a förbund raises even inside a scope with one."""
    with forbund_scope(tva["a"]["forbund"].pk):
        assert Insats.objects.count() == 1
        with forbund_scope(None), pytest.raises(ScopeError):
            Insats.objects.count()
        with forbund_scope(tva["b"]["forbund"].pk):
            assert list(Insats.objects.all()) == [tva["b"]["insats"]]
    # A step that crosses förbund on purpose opens those it names, no other.
    with forbund_scope([tva["a"]["forbund"].pk, tva["b"]["forbund"].pk]):
        assert set(Insats.objects.all()) == {tva["a"]["insats"], tva["b"]["insats"]}
        assert (
            Insats.objects.exclude(forbund__in=[tva["a"]["forbund"], tva["b"]["forbund"]]).count()
            == 0
        )


def test_outside_any_scope_the_setting_decides(tva, settings):
    """Commands and the demo loader run outside a scope: unscoped while the setting says so,
    refused without it."""
    assert Insats.objects.count() >= 2
    settings.SCOPES_DISABLED_OUTSIDE_SCOPE = False
    with pytest.raises(ScopeError):
        Insats.objects.count()
    with scopes_disabled():
        assert Insats.objects.filter(pk=tva["b"]["insats"].pk).exists()


def test_a_forgotten_filter_cannot_leak(tva):
    """Inside the scope of A, a query without `forbund=` returns A's rows only: through the
    manager, a parent's path, a related manager, a prefetch and a get by pk."""
    a, b = tva["a"], tva["b"]
    with forbund_scope(a["forbund"].pk):
        assert set(Insats.objects.all()) == {a["insats"]}
        assert set(Medlem.objects.all()) == {a["medlem"]}
        assert set(Bemanning.objects.all()) == {a["bemanning"]}
        assert list(Insats.objects.aktiva_under(2025)) == [a["insats"]]
        assert not Insats.objects.filter(pk=b["insats"].pk).exists()
        with pytest.raises(Insats.DoesNotExist):
            Insats.objects.get(pk=b["insats"].pk)
        # B's förbund object itself (not scoped) does not open B's rows.
        assert list(b["forbund"].medlemmar.all()) == []
        fb = Forbund.objects.prefetch_related("medlemmar").get(pk=b["forbund"].pk)
        assert list(fb.medlemmar.all()) == []
        fb = Forbund.objects.prefetch_related(
            Prefetch("medlemmar", queryset=Medlem.objects.all())
        ).get(pk=b["forbund"].pk)
        assert list(fb.medlemmar.all()) == []
    # The same queries see both förbund outside the scope (so the filter is the scope's).
    assert {a["insats"], b["insats"]} <= set(Insats.objects.all())


def _scope_under(client, url) -> list[dict]:
    """The scopes in which the request's statements on a förbund's tables ran."""
    tabeller = tuple(
        connection.ops.quote_name(m._meta.db_table)
        for m in apps.get_models()
        if scoping.is_scoped_model(m)
    )
    sedda, alla = [], []

    def wrapper(execute, sql, params, many, context):
        alla.append(dict(scoping.get_scope()))
        if any(t in (sql or "") for t in tabeller):
            sedda.append(alla[-1])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        response = client.get(url)
    client.alla_scopes = [s for s in alla if not s.get(scoping.USER_LOAD)]
    return response, sedda


def test_a_request_runs_in_the_scope_of_the_users_forbund(client, tva):
    a = tva["a"]
    kansli = factories.make_user(a["forbund"], "kansli")
    client.force_login(kansli)
    response, sedda = _scope_under(client, reverse("finsam:medlem-list"))
    assert response.status_code == 200
    assert a["medlem"].namn in response.content.decode()
    assert tva["b"]["medlem"].namn not in response.content.decode()
    vyns = [s for s in sedda if not s.get(scoping.USER_LOAD)]
    assert vyns
    assert all(s["_enabled"] and s["forbund"] == a["forbund"].pk for s in vyns)
    # The scope ends with the request.
    assert "_enabled" not in scoping.get_scope()


def test_the_systemadministrator_reads_no_forbunds_rows(client, tva):
    """His pages run in a scope without a förbund: they work, and a query on a förbund's
    model there would raise (so a page that read one would be a 500)."""
    sysadmin = factories.make_user(None, "", systemadministrator=True, email="s@example.org")
    client.force_login(sysadmin)
    response, sedda = _scope_under(client, reverse("finsam:system-start"))
    assert response.status_code == 200
    assert tva["a"]["forbund"].namn in response.content.decode()
    assert [s for s in sedda if not s.get(scoping.USER_LOAD)] == []
    # The page's own reads (Forbund, User) ran in the scope without a förbund.
    assert client.alla_scopes
    assert all(s == {"_enabled": True} for s in client.alla_scopes)


def test_an_anonymous_request_reads_no_forbunds_rows(client, tva):
    response, sedda = _scope_under(client, reverse("login"))
    assert response.status_code == 200
    assert sedda == []


def test_the_admin_site_is_unscoped_for_superusers(client, tva):
    """The Django admin is the operator's tool across every förbund."""
    admin = factories.make_user(tva["a"]["forbund"], "kansli", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("admin:insatser_insats_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert tva["a"]["insats"].namn in html and tva["b"]["insats"].namn in html
    # Outside /admin/ the same superuser is a user of A like any other.
    response, sedda = _scope_under(client, reverse("finsam:medlem-list"))
    assert tva["b"]["medlem"].namn not in response.content.decode()
