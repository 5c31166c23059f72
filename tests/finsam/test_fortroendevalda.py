"""Board members and auditors: who may see and change them, validation, the selector and
the demo; the årsredovisning's signature pages use them."""

from datetime import date

import pytest
from django.urls import reverse

from finsam.models import Fortroendevald
from finsam.selectors import fortroendevalda_vid
from tests import factories


@pytest.fixture
def ordforande(forbund):
    medlem = factories.make_medlem(forbund, namn="Region Test", typ="region")
    return Fortroendevald.objects.create(
        forbund=forbund,
        namn="Ada Ordförande",
        uppdrag="ordforande",
        medlem=medlem,
        fran=date(2023, 1, 1),
    )


def test_selector_takes_the_terms_active_on_the_date(forbund, ordforande):
    medlem = ordforande.medlem
    Fortroendevald.objects.create(
        forbund=forbund,
        namn="Gammal",
        uppdrag="ordforande",
        medlem=medlem,
        fran=date(2019, 1, 1),
        till=date(2022, 12, 31),
    )
    Fortroendevald.objects.create(
        forbund=forbund, namn="Ersa", uppdrag="ersattare", medlem=medlem, fran=date(2023, 1, 1)
    )
    Fortroendevald.objects.create(
        forbund=forbund,
        namn="Rev",
        uppdrag="revisor",
        titel="Auktoriserad revisor",
        fran=date(2023, 1, 1),
    )
    nu = fortroendevalda_vid(forbund, date(2025, 12, 31))
    assert [v.namn for v in nu.ledamoter] == ["Ada Ordförande"]
    assert nu.ordforande.namn == "Ada Ordförande"
    assert [v.namn for v in nu.ersattare] == ["Ersa"]
    assert [v.namn for v in nu.revisorer] == ["Rev"]
    da = fortroendevalda_vid(forbund, date(2022, 6, 1))
    assert [v.namn for v in da.ledamoter] == ["Gammal"] and da.revisorer == []


@pytest.mark.parametrize(
    ("user", "list_status", "write_status"),
    [("kansli", 200, 200), ("styrelse", 200, 403), ("revisor", 200, 403), ("styrgrupp", 403, 403)],
)
def test_access(request, client_for, ordforande, user, list_status, write_status):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("finsam:fortroendevald-list")).status_code == list_status
    for name, args in (
        ("finsam:fortroendevald-create", []),
        ("finsam:fortroendevald-edit", [ordforande.pk]),
        ("finsam:fortroendevald-delete", [ordforande.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == write_status


def test_other_forbund_gets_404(client_for, annat_forbund, ordforande):
    kansli = factories.make_user(annat_forbund, "kansli")
    client = client_for(kansli)
    assert (
        client.get(reverse("finsam:fortroendevald-edit", args=[ordforande.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("finsam:fortroendevald-delete", args=[ordforande.pk]),
            {"lock_version_loaded": 0},
        ).status_code
        == 404
    )
    assert Fortroendevald.objects.filter(pk=ordforande.pk).exists()


def test_create_validates_and_keeps_the_input(client_for, kansli, forbund, ordforande):
    client = client_for(kansli)
    url = reverse("finsam:fortroendevald-create")
    data = {
        "namn": "Bo Andra",
        "uppdrag": "ordforande",
        "medlem": ordforande.medlem.pk,
        "fran": "2024-01-01",
        "till": "",
        "ordning": 0,
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ada Ordförande är ordförande under samma tid" in html
    assert 'value="Bo Andra"' in html

    response = client.post(url, {**data, "uppdrag": "ledamot", "till": "2023-06-01"})
    assert "Sista dagen kan inte ligga före den första." in response.content.decode()

    response = client.post(url, {**data, "uppdrag": "ledamot"})
    assert response.status_code == 302
    assert Fortroendevald.objects.get(namn="Bo Andra").uppdrag == "ledamot"


def test_stale_edit_is_refused(client_for, kansli, ordforande):
    client = client_for(kansli)
    url = reverse("finsam:fortroendevald-edit", args=[ordforande.pk])
    data = {
        "namn": "Ada Ny",
        "uppdrag": "ordforande",
        "medlem": ordforande.medlem.pk,
        "fran": "2023-01-01",
        "till": "",
        "ordning": 0,
        "lock_version_loaded": 0,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "namn": "Ada Krock"})
    assert "Någon annan har sparat ändringar" in response.content.decode()
    ordforande.refresh_from_db()
    assert ordforande.namn == "Ada Ny"


def test_auditors_without_a_member_come_last_on_every_database(forbund):
    """ORDER BY on a nullable member put NULLs first on SQLite and last on PostgreSQL, so the
    årsredovisning listed the auditors in a different order after a move (issue 9, defect 10)."""
    medlem = factories.make_medlem(forbund)
    for namn, m in [("Anna Fri", None), ("Bo Medlem", medlem), ("Cecilia Fri", None)]:
        Fortroendevald.objects.create(
            forbund=forbund,
            namn=namn,
            uppdrag=Fortroendevald.Uppdrag.REVISOR,
            medlem=m,
            fran=date(2023, 1, 1),
        )
    valda = fortroendevalda_vid(forbund, date(2025, 6, 1))
    assert [v.namn for v in valda.revisorer] == ["Bo Medlem", "Anna Fri", "Cecilia Fri"]
