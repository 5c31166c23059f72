"""The participants Uppföljning Finsam asks for: per kön from the approved full-year reports
only, and the participants of the structural activities per insats."""

from datetime import date

from tests import factories
from tests.uppfoljning.statistik.conftest import make_period, make_rapport
from uppfoljning.models import Aktivitet, Deltagarrapport, Rapportperiod
from uppfoljning.nationell import selectors


def test_participants_per_kon_from_approved_full_year_reports(forbund):
    godkand, inskickad, h1 = (factories.make_insats(forbund) for _ in range(3))
    period = make_period(forbund)
    period.insatser.set([godkand, inskickad])
    make_rapport(
        period, godkand, {("deltagare", "k"): 7, ("deltagare", "m"): 5, ("deltagare", "a"): 1}
    )
    make_rapport(
        period, inskickad, {("deltagare", "k"): 9}, status=Deltagarrapport.Status.INSKICKAD
    )
    halvar = Rapportperiod.objects.create(
        forbund=forbund, ar=2025, typ="h1", sista_dag=date(2025, 8, 15)
    )
    make_rapport(halvar, h1, {("deltagare", "k"): 4})
    tal = selectors.deltagartal(forbund, 2025)
    assert tal.per_insats == {godkand.pk: [7, 5, 1]}
    assert tal.totalt == 13
    assert tal.ej_godkanda == {inskickad.pk: inskickad.namn}
    assert selectors.deltagartal(forbund, 2024).period is None


def test_structural_participants_per_insats(forbund):
    insats, annan = factories.make_insats(forbund), factories.make_insats(forbund)
    for namn, antal, i, ar in [
        ("Utbildning", 40, insats, 2025),
        ("Nätverk", 12, insats, 2025),
        ("Utan antal", None, insats, 2025),
        ("Förra året", 99, insats, 2024),
        ("Förbundets egen", 50, None, 2025),
        ("Annan", 3, annan, 2025),
    ]:
        Aktivitet.objects.create(forbund=forbund, insats=i, ar=ar, namn=namn, antal_deltagare=antal)
    s = selectors.strukturdeltagare(forbund, 2025)
    assert set(s) == {insats.pk, annan.pk}
    assert (s[insats.pk].antal_aktiviteter, s[insats.pk].deltagare, s[insats.pk].utan_antal) == (
        3,
        52,
        1,
    )
    assert s[annan.pk].deltagare == 3
