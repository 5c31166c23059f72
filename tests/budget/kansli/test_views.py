"""The kansli's staff pages (budget/kansli/views.py): kansli writes, styrelse and revisor
read, styrgrupp and other förbund see nothing; validation keeps what was typed; a re-post
changes nothing; an outdated or locked save is refused with a message."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.kansli import services
from budget.models import Kanslitjanst

pytestmark = pytest.mark.django_db


@pytest.fixture
def tjanst(forbund):
    return services.kanslitjanst_save(
        tjanst=Kanslitjanst(
            forbund=forbund,
            ar=2025,
            roll="Förbundschef",
            tjanstgoringsgrad=Decimal("1.00"),
            andel_administration=Decimal("60"),
            andel_administration_utfall=Decimal("80"),
        ),
        expected_version=0,
    )


def _data(**kw):
    data = {
        "roll": "Utvecklingsledare",
        "namn": "",
        "tjanstgoringsgrad": "0,75",
        "anstallningsform": "anstalld",
        "andel_administration": "10",
        "andel_administration_utfall": "",
        "ordning": "2",
        "lock_version_loaded": "0",
    }
    data.update(kw)
    return data


@pytest.mark.parametrize(
    ("user", "read", "write"),
    [("kansli", 200, 200), ("styrelse", 200, 403), ("revisor", 200, 403), ("styrgrupp", 403, 403)],
)
def test_access(request, client_for, tjanst, user, read, write):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("budget:kansli-list", args=[2025])).status_code == read
    assert client.get(reverse("budget:kansli-index")).status_code == (302 if read == 200 else 403)
    for name, args in (
        ("budget:kansli-create", [2025]),
        ("budget:kansli-edit", [tjanst.pk]),
        ("budget:kansli-delete", [tjanst.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == write
    # A refused post writes nothing.
    client.post(reverse("budget:kansli-edit", args=[tjanst.pk]), _data(lock_version_loaded=0))
    if write != 200:
        tjanst.refresh_from_db()
        assert tjanst.roll == "Förbundschef" and tjanst.lock_version == 0


def test_reader_sees_the_table_without_edit_links(client_for, styrelse, tjanst):
    html = client_for(styrelse).get(reverse("budget:kansli-list", args=[2025])).content.decode()
    assert "Förbundschef" in html and "60 % / 40 %" in html and "80 % / 20 %" in html
    assert reverse("budget:kansli-edit", args=[tjanst.pk]) not in html
    assert "Lägg till tjänst" not in html


def test_other_forbund_gets_404(client_for, outsider, tjanst):
    client = client_for(outsider)
    assert client.get(reverse("budget:kansli-edit", args=[tjanst.pk])).status_code == 404
    response = client.post(
        reverse("budget:kansli-delete", args=[tjanst.pk]), {"lock_version_loaded": 0}
    )
    assert response.status_code == 404
    assert Kanslitjanst.objects.filter(pk=tjanst.pk).exists()
    html = client.get(reverse("budget:kansli-list", args=[2025])).content.decode()
    assert "Förbundschef" not in html


def test_year_out_of_range_is_404(client_for, kansli):
    client = client_for(kansli)
    assert client.get(reverse("budget:kansli-list", args=[1999])).status_code == 404
    assert client.get(reverse("budget:kansli-create", args=[3000])).status_code == 404


def test_kansli_creates_edits_and_deletes(client_for, kansli, forbund):
    client = client_for(kansli)
    response = client.post(reverse("budget:kansli-create", args=[2026]), _data())
    assert response.status_code == 302
    t = Kanslitjanst.objects.get(forbund=forbund, ar=2026)
    assert t.tjanstgoringsgrad == Decimal("0.75") and t.andel_administration == 10
    assert t.history.count() == 1

    response = client.post(
        reverse("budget:kansli-edit", args=[t.pk]),
        _data(andel_administration="20", lock_version_loaded=t.lock_version),
    )
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.andel_administration == 20 and t.lock_version == 1
    assert t.history.count() == 2

    # Posted again unchanged: nothing written, no new version, no history row.
    response = client.post(
        reverse("budget:kansli-edit", args=[t.pk]),
        _data(andel_administration="20", lock_version_loaded=1),
    )
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.lock_version == 1 and t.history.count() == 2

    response = client.post(reverse("budget:kansli-delete", args=[t.pk]), {"lock_version_loaded": 1})
    assert response.status_code == 302
    assert not Kanslitjanst.objects.filter(pk=t.pk).exists()
    assert Kanslitjanst.history.filter(id=t.pk, history_type="-").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tjanstgoringsgrad", "0"),
        ("tjanstgoringsgrad", "1,5"),
        ("tjanstgoringsgrad", "-0,5"),
        ("andel_administration", "101"),
        ("andel_administration", "-1"),
        ("andel_administration_utfall", "150"),
        ("roll", ""),
    ],
)
def test_bad_input_is_refused_and_kept(client_for, kansli, forbund, field, value):
    response = client_for(kansli).post(
        reverse("budget:kansli-create", args=[2026]), _data(**{field: value, "namn": "Kvar"})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'value="Kvar"' in response.content.decode()
    assert not Kanslitjanst.objects.filter(forbund=forbund, ar=2026).exists()


def test_outdated_save_is_refused_with_a_message(client_for, kansli, tjanst):
    services.kanslitjanst_save(tjanst=tjanst, expected_version=0)  # unchanged: no new version
    tjanst.roll = "Förbundschef (kollega)"
    services.kanslitjanst_save(tjanst=tjanst, expected_version=0)
    response = client_for(kansli).post(
        reverse("budget:kansli-edit", args=[tjanst.pk]), _data(lock_version_loaded=0)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="Utvecklingsledare"' in response.content.decode()
    tjanst.refresh_from_db()
    assert tjanst.roll == "Förbundschef (kollega)"


def test_next_year_starts_from_last_years_utfall_split(client_for, kansli, styrelse, tjanst):
    url = reverse("budget:kansli-kopiera", args=[2026])
    assert client_for(styrelse).post(url).status_code == 403
    assert not Kanslitjanst.objects.filter(forbund=tjanst.forbund, ar=2026).exists()
    html = client_for(kansli).get(reverse("budget:kansli-list", args=[2026])).content.decode()
    assert url in html
    assert client_for(kansli).post(url).status_code == 302
    ny = Kanslitjanst.objects.get(forbund=tjanst.forbund, ar=2026)
    assert (ny.roll, ny.andel_administration, ny.andel_administration_utfall) == (
        "Förbundschef",
        Decimal("80"),
        None,
    )
    # A second click adds nothing; a year without a previous one has nothing to copy.
    response = client_for(kansli).post(url, follow=True)
    assert "2026 har redan tjänster." in response.content.decode()
    assert Kanslitjanst.objects.filter(forbund=tjanst.forbund, ar=2026).count() == 1
    client_for(kansli).post(reverse("budget:kansli-kopiera", args=[2030]))
    assert not Kanslitjanst.objects.filter(forbund=tjanst.forbund, ar=2030).exists()
    assert client_for(kansli).get(url).status_code == 405
