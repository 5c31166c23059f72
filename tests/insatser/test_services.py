"""The insatser services: the only way to write, each checking what the forms check."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finsam.concurrency import ConflictError
from insatser import services
from insatser.models import Bemanning, Beslut, Insats, Malomrade
from tests import factories


@pytest.fixture
def kommun(forbund):
    return factories.make_medlem(forbund, namn="Sala kommun")


@pytest.fixture
def foreign_kommun(annat_forbund):
    return factories.make_medlem(annat_forbund, namn="Främmande kommun")


def _new_insats(forbund, **kw):
    defaults = {
        "forbund": forbund,
        "namn": "Samordningsteam Sala",
        "slug": "st-sala",
        "typ": Insats.Typ.SAMORDNINGSTEAM,
        "malomrade": factories.make_malomrade(forbund),
    }
    defaults.update(kw)
    return Insats(**defaults)


# --- insats_save -------------------------------------------------------------------------


def test_insats_save_creates_with_members(forbund, kommun, styrgrupp):
    insats = services.insats_save(
        insats=_new_insats(forbund, agare=kommun),
        expected_version=0,
        deltagande_medlemmar=[kommun],
        kommuner=[kommun],
        styrgrupp=[styrgrupp],
    )
    insats = Insats.objects.get(pk=insats.pk)
    assert insats.agare == kommun
    assert list(insats.kommuner.all()) == [kommun]
    assert list(insats.deltagande_medlemmar.all()) == [kommun]
    assert list(insats.styrgrupp.all()) == [styrgrupp]


def test_insats_save_leaves_m2m_alone_when_not_given(insats, kommun, styrgrupp):
    insats.kommuner.set([kommun])
    insats.namn = "Nytt namn"
    services.insats_save(insats=insats, expected_version=0)
    assert list(insats.kommuner.all()) == [kommun]
    assert list(insats.styrgrupp.all()) == [styrgrupp]
    assert Insats.objects.get(pk=insats.pk).namn == "Nytt namn"


@pytest.mark.parametrize("field", ["kommuner", "deltagande_medlemmar"])
def test_insats_save_refuses_members_of_another_forbund(insats, foreign_kommun, field):
    with pytest.raises(ValidationError) as exc:
        services.insats_save(insats=insats, expected_version=0, **{field: [foreign_kommun]})
    assert field in exc.value.message_dict
    assert not getattr(insats, field).exists()
    assert Insats.objects.get(pk=insats.pk).lock_version == 0


def test_insats_save_refuses_foreign_owner_and_malomrade(
    empty_db, forbund, foreign_kommun, annat_forbund
):
    with pytest.raises(ValidationError) as exc:
        services.insats_save(insats=_new_insats(forbund, agare=foreign_kommun), expected_version=0)
    assert "agare" in exc.value.message_dict
    foreign_mo = factories.make_malomrade(annat_forbund)
    with pytest.raises(ValidationError) as exc:
        services.insats_save(insats=_new_insats(forbund, malomrade=foreign_mo), expected_version=0)
    assert "malomrade" in exc.value.message_dict
    assert not Insats.objects.filter(slug="st-sala").exists()


def test_insats_save_refuses_a_region_as_kommun(insats, forbund):
    region = factories.make_medlem(forbund, typ="region", namn="Region Västmanland")
    with pytest.raises(ValidationError) as exc:
        services.insats_save(insats=insats, expected_version=0, kommuner=[region])
    assert exc.value.message_dict["kommuner"] == ["Välj bara kommuner."]


def test_insats_save_refuses_users_who_are_not_styrgrupp(insats, kansli, outsider):
    for user in (kansli, factories.make_user(outsider.forbund, "styrgrupp")):
        with pytest.raises(ValidationError) as exc:
            services.insats_save(insats=insats, expected_version=0, styrgrupp=[user])
        assert "styrgrupp" in exc.value.message_dict


def test_insats_save_refuses_end_before_start(insats):
    insats.startdatum, insats.slutdatum = date(2025, 1, 1), date(2024, 12, 31)
    with pytest.raises(ValidationError):
        services.insats_save(insats=insats, expected_version=0)
    assert Insats.objects.get(pk=insats.pk).slutdatum is None


def test_stale_insats_save_changes_nothing(insats, kommun):
    first = Insats.objects.get(pk=insats.pk)
    first.namn = "Först"
    services.insats_save(insats=first, expected_version=0)
    second = Insats.objects.get(pk=insats.pk)
    second.namn = "Sist"
    with pytest.raises(ConflictError):
        services.insats_save(insats=second, expected_version=0, kommuner=[kommun])
    insats.refresh_from_db()
    assert insats.namn == "Först"
    assert not insats.kommuner.exists()


# --- bemanning ---------------------------------------------------------------------------


def test_bemanning_save_and_delete(insats, kommun):
    rad = services.bemanning_save(
        bemanning=Bemanning(
            insats=insats,
            roll="Socialkonsulent",
            arsarbetare=Decimal("1.0"),
            finansierat_av_forbundet=Decimal("0.5"),
            arbetsgivare=kommun,
        ),
        expected_version=0,
    )
    assert insats.bemanning.get() == rad
    services.bemanning_delete(bemanning=rad, expected_version=0)
    assert not insats.bemanning.exists()


def test_bemanning_save_refuses_foreign_employer(insats, foreign_kommun):
    rad = Bemanning(
        insats=insats, roll="Kurator", arsarbetare=Decimal("1"), arbetsgivare=foreign_kommun
    )
    with pytest.raises(ValidationError) as exc:
        services.bemanning_save(bemanning=rad, expected_version=0)
    assert "arbetsgivare" in exc.value.message_dict
    assert not insats.bemanning.exists()


def test_bemanning_save_refuses_financing_more_than_whole(insats, kommun):
    rad = Bemanning(
        insats=insats,
        roll="Kurator",
        arsarbetare=Decimal("0.4"),
        finansierat_av_forbundet=Decimal("0.5"),
        arbetsgivare=kommun,
    )
    with pytest.raises(ValidationError):
        services.bemanning_save(bemanning=rad, expected_version=0)
    assert not insats.bemanning.exists()


def test_stale_bemanning_delete_is_refused(insats, kommun):
    rad = factories.make_bemanning(insats, arbetsgivare=kommun)
    kollega = Bemanning.objects.get(pk=rad.pk)
    kollega.anmarkning = "Kollegans ändring"  # an unchanged save would not bump the version
    services.bemanning_save(bemanning=kollega, expected_version=0)
    with pytest.raises(ConflictError):
        services.bemanning_delete(bemanning=rad, expected_version=0)
    assert Bemanning.objects.filter(pk=rad.pk).exists()


# --- beslut and målområde ------------------------------------------------------------------


def test_beslut_save_refuses_years_out_of_order(insats):
    beslut = Beslut(
        insats=insats,
        datum=date(2024, 11, 22),
        paragraf="§ 1",
        forsta_ar=2026,
        sista_ar=2025,
    )
    with pytest.raises(ValidationError):
        services.beslut_save(beslut=beslut, belopp_per_ar={}, expected_version=0)
    assert not insats.beslut.exists()


def _nytt_beslut(insats, **kw):
    return Beslut(
        insats=insats, datum=date(2024, 11, 22), paragraf="§ 1", forsta_ar=2025, sista_ar=2026, **kw
    )


@pytest.mark.parametrize(
    "belopp_per_ar",
    [{2025: 1}, {2025: 1, 2026: 1, 2027: 1}, {2025: 1, 2026: -1}, {2024: 1, 2025: 1}],
    ids=["a-year-missing", "a-year-too-many", "negative", "wrong-years"],
)
def test_beslut_save_needs_one_amount_per_year(insats, belopp_per_ar):
    with pytest.raises(ValidationError):
        services.beslut_save(
            beslut=_nytt_beslut(insats), belopp_per_ar=belopp_per_ar, expected_version=0
        )
    assert not insats.beslut.exists()


def test_beslut_total_is_the_sum_of_its_years(insats):
    beslut = services.beslut_save(
        beslut=_nytt_beslut(insats),
        belopp_per_ar={2025: 1_300_000, 2026: 1_100_000},
        expected_version=0,
    )
    beslut = Beslut.objects.prefetch_related("beslutsbelopp").get(pk=beslut.pk)
    assert beslut.belopp_per_ar == {2025: 1_300_000, 2026: 1_100_000}
    assert beslut.belopp == 2_400_000
    assert not hasattr(Beslut, "belopp") or isinstance(Beslut.belopp, property)


def test_changing_only_an_amount_bumps_the_decision_version(insats):
    beslut = factories.make_beslut(insats, belopp=2_000_000, forsta_ar=2025, sista_ar=2026)
    services.beslut_save(
        beslut=Beslut.objects.get(pk=beslut.pk),
        belopp_per_ar={2025: 1_000_000, 2026: 900_000},
        expected_version=0,
    )
    beslut = Beslut.objects.get(pk=beslut.pk)
    assert (beslut.lock_version, beslut.belopp) == (1, 1_900_000)
    with pytest.raises(ConflictError):  # a colleague's form loaded before the change
        services.beslut_save(beslut=beslut, belopp_per_ar={2025: 5, 2026: 5}, expected_version=0)
    assert Beslut.objects.get(pk=beslut.pk).belopp == 1_900_000


def test_stale_beslut_delete_is_refused(insats):
    beslut = factories.make_beslut(insats)
    kollega = Beslut.objects.get(pk=beslut.pk)
    kollega.anteckning = "Kollegans ändring"  # an unchanged save would not bump the version
    services.beslut_save(beslut=kollega, belopp_per_ar=kollega.belopp_per_ar, expected_version=0)
    with pytest.raises(ConflictError):
        services.beslut_delete(beslut=beslut, expected_version=0)
    services.beslut_delete(beslut=beslut, expected_version=1)
    assert not insats.beslut.exists()


def test_malomrade_save_refuses_duplicate_name(forbund):
    factories.make_malomrade(forbund, namn="Individinsatser")
    with pytest.raises(ValidationError):
        services.malomrade_save(
            malomrade=Malomrade(forbund=forbund, namn="Individinsatser"), expected_version=0
        )
    assert Malomrade.objects.filter(forbund=forbund).count() == 1
