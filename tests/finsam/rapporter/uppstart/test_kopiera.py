"""The systemadministratör's copy of another förbund's structure: structure only, never a
figure, and the source förbund unchanged."""

import pytest
from django.apps import apps
from django.urls import reverse

from budget.models import (
    Budgetbelopp,
    Budgetgrupp,
    Budgetrad,
    Budgetversion,
    Tabellrad,
    Tabellstruktur,
)
from finsam.models import Forbund, Medlem, User
from finsam.rapporter.uppstart import services
from insatser.models import Insats, Malomrade
from tests import factories
from uppfoljning.models import Matt

#: Models that hold figures or the förbund's own work: none of their rows may be copied.
SIFFROR = [
    "budget.Budgetbelopp",
    "budget.Budgetversion",
    "budget.Utfallsperiod",
    "budget.Utfallsrad",
    "budget.Medelstilldelning",
    "budget.Bokslut",
    "budget.Kanslitjanst",
    "budget.MedelTillForfogande",
    "finsam.Medlem",
    "finsam.Befolkning",
    "finsam.Rapportutgava",
    "finsam.Fortroendevald",
    "insatser.Insats",
    "insatser.Bemanning",
    "insatser.Beslut",
    "insatser.Rekvisition",
    "uppfoljning.Rapportperiod",
    "uppfoljning.Deltagarrapport",
    "uppfoljning.Rapportvarde",
    "uppfoljning.Mal",
    "uppfoljning.Aktivitet",
    "uppfoljning.Indikatorsvar",
    "uppfoljning.Malgruppsstatistik",
    "uppfoljning.BudgeteradeDeltagare",
]


def _ogonblick(forbund):
    """Every row of the förbund's structure and figures, with its lock_version."""
    ut = {}
    for label in SIFFROR + [
        "budget.Budgetgrupp",
        "budget.Budgetrad",
        "insatser.Malomrade",
        "uppfoljning.Matt",
        "budget.Tabellstruktur",
    ]:
        model = apps.get_model(label)
        falt = {f.name for f in model._meta.fields}
        if "forbund" in falt:
            qs = model.objects.filter(forbund=forbund)
        else:
            from finsam.historiklagring import forbund_vag

            qs = model.objects.filter(**{"__".join(forbund_vag(model)): forbund})
        ut[label] = sorted(
            qs.values_list("pk", *(["lock_version"] if "lock_version" in falt else []))
        )
    return ut


def test_the_copy_has_the_structure_and_no_figure(demo):
    ny = factories.make_forbund()
    fore = _ogonblick(demo)
    antal = services.struktur_kopiera(fran=demo, till=ny)
    assert _ogonblick(demo) == fore, "the source is unchanged"
    assert antal["budgetgrupper"] == Budgetgrupp.objects.filter(forbund=demo).count() > 0
    assert sorted(
        Budgetrad.objects.filter(forbund=ny).values_list("grupp__namn", "namn")
    ) == sorted(Budgetrad.objects.filter(forbund=demo).values_list("grupp__namn", "namn"))
    assert not Budgetrad.objects.filter(forbund=ny, insats__isnull=False).exists()
    assert sorted(Malomrade.objects.filter(forbund=ny).values_list("namn", flat=True)) == sorted(
        Malomrade.objects.filter(forbund=demo).values_list("namn", flat=True)
    )
    assert Matt.objects.filter(forbund=ny).count() == Matt.objects.filter(forbund=demo).count()
    assert (
        Tabellstruktur.objects.filter(forbund=ny).count()
        == Tabellstruktur.objects.filter(forbund=demo).count()
    )
    # A table row points at the copy's own lines and groups, never the source's.
    for rad in Tabellrad.objects.filter(grupp__struktur__forbund=ny):
        assert (rad.budgetrad or rad.budgetgrupp).forbund_id == ny.pk
    nya = _ogonblick(ny)
    for label in SIFFROR:
        assert nya[label] == [], label
    assert not User.objects.filter(forbund=ny).exists()


def test_the_copy_is_refused_for_a_forbund_with_a_structure(demo):
    ny = factories.make_forbund()
    factories.make_malomrade(ny)
    with pytest.raises(services.StrukturFinnsRedan):
        services.struktur_kopiera(fran=demo, till=ny)
    assert not Budgetgrupp.objects.filter(forbund=ny).exists()


def test_the_systemadministrator_copies_from_the_page(client, demo):
    admin = User.objects.get(username="systemadmin")
    ny = factories.make_forbund()
    url = reverse("finsam:system-kopiera-struktur", args=[ny.pk])
    client.force_login(admin)
    sida = client.get(url)
    assert sida.status_code == 200
    # The page offers förbund by name; it shows none of their data.
    assert demo.namn in sida.content.decode()
    svar = client.post(url, {"fran": demo.pk})
    assert svar.status_code == 302
    assert Budgetgrupp.objects.filter(forbund=ny).exists()
    assert not Budgetbelopp.objects.filter(version__forbund=ny).exists()
    assert not Budgetversion.objects.filter(forbund=ny).exists()
    # Twice: refused, nothing more.
    antal = Budgetgrupp.objects.filter(forbund=ny).count()
    assert client.post(url, {"fran": demo.pk}).status_code == 200
    assert Budgetgrupp.objects.filter(forbund=ny).count() == antal


@pytest.mark.parametrize("username", ["kansli", "styrelse", "revisor", "styrgrupp-vasteras"])
def test_the_copy_page_is_not_there_for_a_forbund_user(client, demo, username):
    ny = factories.make_forbund()
    client.force_login(User.objects.get(username=username))
    url = reverse("finsam:system-kopiera-struktur", args=[ny.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"fran": demo.pk}).status_code == 404
    assert not Budgetgrupp.objects.filter(forbund=ny).exists()
    assert (
        Forbund.objects.filter(pk=ny.pk).exists() and not Medlem.objects.filter(forbund=ny).exists()
    )
    assert not Insats.objects.filter(forbund=ny).exists()
