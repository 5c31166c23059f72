"""A decision's amount per year: shown on the insats page, compared there with the
insats's budget lines of each year, split evenly by the migration."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from insatser.models import Beslut, fordela_jamnt
from tests import factories as f

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "belopp, ar_lista, expected",
    [
        (2_400_000, [2025, 2026], {2025: 1_200_000, 2026: 1_200_000}),
        (2_400_001, [2025, 2026], {2025: 1_200_001, 2026: 1_200_000}),
        (1_000_000, [2024, 2025, 2026], {2024: 333_334, 2025: 333_333, 2026: 333_333}),
        (0, [2025], {2025: 0}),
        (7, [2025], {2025: 7}),
    ],
)
def test_even_split_with_the_remainder_on_the_first_year(belopp, ar_lista, expected):
    assert fordela_jamnt(belopp, ar_lista) == expected
    assert sum(fordela_jamnt(belopp, ar_lista).values()) == belopp


def test_the_migration_splits_the_stored_totals(insats):
    """The data step of 0006_beslut_per_ar on decisions as they were stored before it."""
    migration = importlib.import_module("insatser.migrations.0006_beslut_per_ar")

    class GammaltBeslut:
        def __init__(self, pk, belopp, forsta_ar, sista_ar):
            self.pk, self.belopp, self.forsta_ar, self.sista_ar = pk, belopp, forsta_ar, sista_ar

    ett = f.make_beslut(insats, belopp={2024: 0, 2025: 0, 2026: 0}, forsta_ar=2024, sista_ar=2026)
    tva = f.make_beslut(insats, belopp={2025: 0})
    ett.beslutsbelopp.all().delete()
    tva.beslutsbelopp.all().delete()
    gamla = [
        GammaltBeslut(ett.pk, 6_351_501, 2024, 2026),
        GammaltBeslut(tva.pk, 995_000, 2025, 2025),
    ]

    class Apps:
        def get_model(self, app, name):
            if name == "Beslut":
                return type("M", (), {"objects": _Gamla(gamla)})
            return django_apps.get_model(app, name)

    class Editor:
        connection = type("C", (), {"vendor": "sqlite"})

    migration.dela_beslut_per_ar(Apps(), Editor())
    ett = Beslut.objects.get(pk=ett.pk)
    assert ett.belopp_per_ar == {2024: 2_117_167, 2025: 2_117_167, 2026: 2_117_167}
    assert ett.belopp == 6_351_501
    assert Beslut.objects.get(pk=tva.pk).belopp_per_ar == {2025: 995_000}


class _Gamla:
    def __init__(self, rader):
        self.rader = rader

    def order_by(self, *_):
        return self

    def iterator(self):
        return iter(self.rader)


def _budget(forbund, insats, **per_ar):
    rad = f.make_rad(f.make_grupp(forbund), insats=insats)
    for nyckel, belopp in per_ar.items():
        typ, ar = nyckel.split("_")
        f.set_belopp(f.make_version(forbund, int(ar), typ), rad, -belopp)


def test_insats_page_shows_the_years_and_where_the_budget_differs(client_for, kansli, forbund):
    insats = f.make_insats(forbund)
    f.make_beslut(insats, belopp={2025: 1_300_000, 2026: 1_100_000}, forsta_ar=2025, sista_ar=2026)
    f.make_beslut(insats, belopp=200_000, paragraf="§ 40", datum=date(2025, 3, 1))
    _budget(forbund, insats, budget_2025=1_500_000, plan_2026=1_000_000)
    page = client_for(kansli).get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    assert f"2025: 1{NBSP}300{NBSP}000{NBSP}kr<br>2026: 1{NBSP}100{NBSP}000{NBSP}kr" in page
    assert f"2{NBSP}600{NBSP}000{NBSP}kr" in page  # summa beviljat
    assert "Beslutat och budgeterat per år" in page
    assert "Budgeten avviker från besluten för 2026." in page
    rad_2025 = page[page.index('<th scope="row">2025</th>') :].split("</tr>")[0]
    assert f"1{NBSP}500{NBSP}000{NBSP}kr" in rad_2025  # 1 300 000 + 200 000 decided
    assert "Avviker" not in rad_2025
    rad_2026 = page[page.index('<th scope="row">2026</th>') :].split("</tr>")[0]
    assert "Plan 2026" in rad_2026
    assert f"−100{NBSP}000{NBSP}kr" in rad_2026 or f"-100{NBSP}000{NBSP}kr" in rad_2026
    assert "Avviker" in rad_2026


def test_insats_page_without_budget_version_says_so(client_for, kansli, forbund):
    insats = f.make_insats(forbund)
    f.make_beslut(insats, belopp=100_000, forsta_ar=2031, sista_ar=2031)
    page = client_for(kansli).get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    assert "Ingen budgetversion för året" in page
    assert "Budgeten avviker" not in page


def test_a_changed_amount_shows_in_the_insats_history(client_for, kansli, insats):
    url = reverse("insatser:beslut-create", args=[insats.pk])
    data = {
        "datum": "2024-11-22",
        "paragraf": "§ 58",
        "forsta_ar": 2025,
        "sista_ar": 2026,
        "belopp_2025": 1_000_000,
        "belopp_2026": 900_000,
        "lock_version_loaded": 0,
    }
    assert client_for(kansli).post(url, data).status_code == 302
    beslut = insats.beslut.get()
    edit = reverse("insatser:beslut-edit", args=[beslut.pk])
    assert client_for(kansli).post(edit, {**data, "belopp_2026": 950_000}).status_code == 302
    page = client_for(kansli).get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    historik = page[page.index("Ändringshistorik") :]
    assert "900 000" in historik.replace(NBSP, " ") or "900000" in historik
    assert "950 000" in historik.replace(NBSP, " ") or "950000" in historik
