"""The checklist warns where an insats's budget lines for a year differ from what its
board decisions grant for that year, and is quiet when they agree."""

from datetime import date

from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.kontroller import beslut_mot_budget, varningar
from insatser.models import Beslut
from insatser.services import beslut_save
from tests import factories as f
from tests.finsam.rapporter.helpers import normalise


def _beslutstexter(typ, forbund, nyckel):
    return [
        normalise(v.text)
        for v in varningar(dokumenttyp(typ), forbund, nyckel)
        if "besluten för året" in v.text
    ]


RMGT = (
    "Rådgivande myndighetsgemensamt team (RMGT): budgeten för 2025 (Tilläggsbudget 2025) är "
    "1 254 400 kr men besluten för året är 1 254 000 kr, en differens på 400 kr."
)


def test_the_demo_decisions_agree_with_the_budget_but_for_rmgts_400_kr(demo):
    # The published tilläggsbudget 2025 gives RMGT 1 254 400 kr, the decision § 59 of
    # 2024-11-22 1 254 000 kr: a real difference in the documents.
    assert _beslutstexter("delarsrapport", demo, "2025-08-31") == [RMGT]
    assert _beslutstexter("arsredovisning", demo, "2025") == [RMGT]


def test_a_differing_year_is_reported_with_the_difference(demo):
    team = Beslut.objects.get(insats__forbund=demo, insats__slug="teamsamverkan-vm")
    belopp = {**team.belopp_per_ar, 2025: 1_600_500, 2026: 1_500_500}
    beslut_save(beslut=team, belopp_per_ar=belopp, expected_version=team.lock_version)
    texter = _beslutstexter("delarsrapport", demo, "2025-08-31")
    assert texter == [
        RMGT,
        "Teamsamverkan Västra Mälardalen: budgeten för 2025 (Tilläggsbudget 2025) är "
        "1 550 500 kr men besluten för året är 1 600 500 kr, en differens på -50 000 kr.",
    ]
    # The verksamhetsplan 2025 shows the plan years too: 2026 differs by +50 000.
    plan = [t for t in _beslutstexter("verksamhetsplan", demo, "2025") if "Teamsamverkan" in t]
    assert len(plan) == 2
    assert "budgeten för 2026 (Plan 2026) är 1 550 500 kr" in plan[1]
    assert plan[1].endswith("en differens på 50 000 kr.")


def test_only_the_documents_years_and_a_link_to_the_insats(forbund):
    insats = f.make_insats(forbund, namn="Insats X")
    rad = f.make_rad(f.make_grupp(forbund), insats=insats)
    f.set_belopp(f.make_version(forbund, 2025), rad, -1_000_000)
    f.set_belopp(f.make_version(forbund, 2026, "plan"), rad, -1_000_000)
    f.make_beslut(insats, belopp={2025: 1_000_000, 2026: 900_000}, forsta_ar=2025, sista_ar=2026)
    assert beslut_mot_budget(forbund, [2025]) == []
    [varning] = beslut_mot_budget(forbund, [2026])
    assert normalise(varning.text) == (
        "Insats X: budgeten för 2026 (Plan 2026) är 1 000 000 kr men besluten för året är "
        "900 000 kr, en differens på 100 000 kr."
    )
    assert varning.url == f"/insatser/{insats.pk}/#beslut-rubrik"
    assert not varning.blockerande


def test_a_year_without_budget_version_is_not_compared(forbund):
    insats = f.make_insats(forbund)
    f.make_beslut(insats, belopp=500_000, datum=date(2024, 11, 1), forsta_ar=2027, sista_ar=2027)
    assert beslut_mot_budget(forbund, [2027]) == []


def test_decisions_without_a_budget_line_differ_by_their_whole_amount(forbund):
    insats = f.make_insats(forbund, namn="Utan rad")
    f.make_version(forbund, 2025)
    f.make_beslut(insats, belopp=300_000)
    [varning] = beslut_mot_budget(forbund, [2025])
    assert "en differens på -300 000 kr" in normalise(varning.text)


def test_one_reverse_for_every_insats_link(forbund, monkeypatch):
    """Each finding links to its insats's decisions; the links are made with one reverse()
    for all of them (30 findings per document at national scale)."""
    from django.urls import resolvers

    insatser = [f.make_insats(forbund, namn=f"Insats {i}") for i in range(3)]
    version = f.make_version(forbund, 2025)
    grupp = f.make_grupp(forbund)
    for insats in insatser:
        f.set_belopp(version, f.make_rad(grupp, insats=insats), -1_000_000)
        f.make_beslut(insats, belopp={2025: 900_000}, forsta_ar=2025, sista_ar=2025)
    antal = {"reverse": 0}
    original = resolvers.URLResolver._reverse_with_prefix

    def raknad(self, *args, **kwargs):
        antal["reverse"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(resolvers.URLResolver, "_reverse_with_prefix", raknad)
    lista = beslut_mot_budget(forbund, [2025])
    assert antal["reverse"] == 1
    assert [v.url for v in lista] == [f"/insatser/{i.pk}/#beslut-rubrik" for i in insatser]
