"""Demo data for the utfall area, added to the demo förbund by finsam.demo.load_demo().

Figures are the published ones: the delårsrapport per 2025-08-31 (tilläggsbudget 2025,
utfall, prognos and comments, whole kronor) and the årsredovisning 2025 (driftredovisning
in tkr; Not 2 and Not 3 in exact kronor). The bokslut lines are exact kronor chosen so that
each line rounds to the published tkr and the totals equal the notes:

2025: intäkter 18 964 118; individinsatser −12 398 937; strukturpåverkande −1 749 420;
      processtöd −2 036 511; administration −2 578 502; kostnader −18 763 370.
2024: intäkter 19 042 563; individinsatser −12 705 567; strukturpåverkande −2 190 763
      (of which Ofördelade medel −75 000); processtöd −1 814 996; administration −2 435 872;
      kostnader −19 147 198.

Published names map to the demo's lines: Administration / Kansli + Bilkonto = Gemensam
administration, Samordningsteam SVM = Teamsamverkan i V Mälardalen, Myndighetsgemensamt team
= RMGT, Samverkansmedel ofördelat = Ofördelade medel, Länsgem utbildningsinsatser =
Utbildningar och konferenser, Övriga utvärderingsinsatser = Utvärdering.
"""

from datetime import date

from budget import services
from budget.models import Budgetgrupp, Budgetrad, Budgetversion, Utfallsperiod
from budget.utfall import services as services_utfall
from budget.utfall.services import Utfallsvarde

KAT = Budgetrad.Kategori

#: Lines the published documents have that the demo budget lacks (in the structural group).
NYA_RADER = ["Extern medbedömning", "Utvecklingsdagar samordningsteam"]

TILLAGGSBUDGET_2025 = {
    "Medel från huvudmännen": 18_958_000,
    "Styrelse": -619_227,
    "Gemensam administration": -2_033_931,
    "Samordningsteam Surahammar": -1_250_000,
    "Samordningsteam Hallstahammar": -1_250_000,
    "Samordningsteam Västerås": -6_100_000,
    "Samordningsteam FNS": -1_650_000,
    "Samordningsteam Sala": -1_720_000,
    "Teamsamverkan i V Mälardalen": -1_550_500,
    "Psykiatriresurs Samordningsteam": -321_500,
    "Rådgivande myndighetsgem team RMGT": -1_254_400,
    "Rehabkoordinatorer i samverkan": -400_000,
    "Ofördelade medel": -400_000,
    "Utvärdering": -20_000,
    "Utvecklingsdagar samordningsteam": 0,
    "Utbildningar och konferenser": -400_000,
    "Processtöd": -2_017_064,
}

# Delår per 2025-08-31: (utfall netto, prognos helår).
DELAR_2025 = {
    "Medel från huvudmännen": (14_218_500, 18_958_000),
    "Styrelse": (-358_940, -634_396),
    "Gemensam administration": (-971_341, -1_691_923),
    "Samordningsteam Surahammar": (-504_881, -1_250_000),
    "Samordningsteam Hallstahammar": (-579_706, -1_250_000),
    "Samordningsteam Västerås": (-2_359_306, -5_100_000),
    "Samordningsteam FNS": (-588_836, -1_650_000),
    "Samordningsteam Sala": (-786_712, -1_720_000),
    "Teamsamverkan i V Mälardalen": (-736_720, -1_480_000),
    "Psykiatriresurs Samordningsteam": (-115_952, -260_000),
    "Rådgivande myndighetsgem team RMGT": (-564_275, -1_217_000),
    "Rehabkoordinatorer i samverkan": (-100_000, -220_000),
    "Ofördelade medel": (0, -40_000),
    "Utvärdering": (-15_000, -15_000),
    "Utvecklingsdagar samordningsteam": (-3_620, -7_240),
    "Utbildningar och konferenser": (-146_777, -398_500),
    "Processtöd": (-1_277_496, -2_033_014),
}

KOMMENTARER_2025 = {
    "Gemensam administration": (
        "Styrelsen ökade i maj administrationens budget med 75 tkr för att rekrytera en ny "
        "förbundschef och med 200 tkr för att den nya och den avgående förbundschefen skulle "
        "kunna arbeta parallellt under introduktionen. Den nya förbundschefen fanns redan i "
        "organisationen, så de extra medlen behövde inte användas."
    ),
    "Samordningsteam Västerås": (
        "Flera medarbetare i insatsen från Västerås stad har slutat eller bytt tjänst, och "
        "kommunen väntar med att återbesätta tjänsterna tills medelstilldelningen för 2026 "
        "är klar."
    ),
    "Ofördelade medel": (
        "Av de ofördelade medlen har endast 40 tkr använts, till ett projekt om att införa "
        "metoden Supported Employment i Samordningsteam Hallstahammar."
    ),
}

# Bokslut: (intäkt, kostnad) in exact kronor.
BOKSLUT = {
    2025: {
        "Medel från huvudmännen": (18_958_000, 0),
        "Styrelse": (0, -608_252),
        "Gemensam administration": (4_800, -1_970_250),
        "Samordningsteam Surahammar": (0, -1_196_000),
        "Samordningsteam Hallstahammar": (0, -1_321_000),
        "Samordningsteam Västerås": (0, -4_836_937),
        "Samordningsteam FNS": (0, -1_614_000),
        "Samordningsteam Sala": (0, -1_671_000),
        "Teamsamverkan i V Mälardalen": (0, -1_494_250),
        "Psykiatriresurs Samordningsteam": (0, -265_750),
        "Ofördelade medel": (0, 0),
        "Rådgivande myndighetsgem team RMGT": (0, -1_020_000),
        "SIP-utvecklare V Mälardalen": (0, 0),
        "Rehabkoordinatorer i samverkan": (0, -258_600),
        "Extern medbedömning": (0, 0),
        "Utvärdering": (0, -15_000),
        "Utvecklingsdagar samordningsteam": (0, -21_700),
        "Utbildningar och konferenser": (1_318, -434_120),
        "Processtöd": (0, -2_036_511),
    },
    2024: {
        # The members paid 1 kr less than the budgeted 19 038 000.
        "Medel från huvudmännen": (19_037_999, 0),
        "Styrelse": (0, -678_772),
        "Gemensam administration": (4_564, -1_757_100),
        "Samordningsteam Surahammar": (0, -1_090_000),
        "Samordningsteam Hallstahammar": (0, -1_250_000),
        "Samordningsteam Västerås": (0, -5_831_567),
        "Samordningsteam FNS": (0, -1_284_000),
        "Samordningsteam Sala": (0, -1_605_000),
        "Teamsamverkan i V Mälardalen": (0, -1_459_000),
        "Psykiatriresurs Samordningsteam": (0, -186_000),
        "Ofördelade medel": (0, -75_000),
        "Rådgivande myndighetsgem team RMGT": (0, -1_083_763),
        "SIP-utvecklare V Mälardalen": (0, -15_000),
        "Rehabkoordinatorer i samverkan": (0, -438_000),
        "Extern medbedömning": (0, 0),
        "Utvärdering": (0, -15_000),
        "Utvecklingsdagar samordningsteam": (0, -5_000),
        "Utbildningar och konferenser": (0, -559_000),
        "Processtöd": (0, -1_814_996),
    },
}


def _lagg_till_rader(forbund, rader: dict[str, Budgetrad]) -> None:
    """Add the published lines the demo budget lacks, in the structural group."""
    grupp = (
        Budgetgrupp.objects.filter(forbund=forbund, namn="Strukturpåverkande insatser").first()
        or rader["Rehabkoordinatorer i samverkan"].grupp
    )
    ordning = max((r.ordning for r in rader.values() if r.grupp_id == grupp.pk), default=0)
    for namn in NYA_RADER:
        if namn not in rader:
            rad = Budgetrad(
                forbund=forbund, grupp=grupp, namn=namn, kategori=KAT.STRUKTURELLA, ordning=ordning
            )
            rader[namn] = services.budgetrad_save(rad=rad, expected_version=0)


def _period(forbund, per, typ, varden, anmarkning=""):
    period = services_utfall.utfallsperiod_create(
        forbund=forbund, per=per, typ=typ, anmarkning=anmarkning
    )
    services_utfall.utfall_save(period=period, varden=varden, expected_version=0)
    return period


def load(forbund) -> str | None:
    """Add this area's demo data to `forbund` unless it is there already (idempotent).

    Returns a line for load_demo's output, or None when nothing was done.
    """
    if forbund.utfallsperioder.exists():
        return None
    rader = {r.namn: r for r in Budgetrad.objects.filter(forbund=forbund).select_related("grupp")}
    behovs = (set(TILLAGGSBUDGET_2025) | set(BOKSLUT[2024])) - set(NYA_RADER)
    if not behovs <= set(rader):
        return None  # not the demo budget: leave it alone
    _lagg_till_rader(forbund, rader)

    if not Budgetversion.objects.filter(forbund=forbund, ar=2025, typ="tillagg").exists():
        version = services.budgetversion_create(
            forbund=forbund,
            typ=Budgetversion.Typ.TILLAGG,
            ar=2025,
            beslutsdatum=date(2025, 5, 23),
            paragraf="§ 24",
            motivering=(
                "Förbundschefen går i pension. Administrationen får medel för att rekrytera en "
                "ny förbundschef och för en period då den nya och den avgående förbundschefen "
                "arbetar parallellt. Budgeten för utbildningar och de ofördelade "
                "samverkansmedlen höjs, och processtödet justeras efter kansliets nya "
                "fördelning av tjänsterna."
            ),
            # By May the bokslut 2024 was adopted: eget kapital 2024-12-31 was 4 028 486.
            eget_kapital_ingaende=4_028_486,
        )
        services.budgetbelopp_save(
            version=version,
            belopp={rader[namn].pk: belopp for namn, belopp in TILLAGGSBUDGET_2025.items()},
            expected_version=version.lock_version,
        )

    _period(
        forbund,
        date(2024, 12, 31),
        Utfallsperiod.Typ.BOKSLUT,
        {rader[n].pk: Utfallsvarde(intakt=i, kostnad=k) for n, (i, k) in BOKSLUT[2024].items()},
    )
    _period(
        forbund,
        date(2025, 8, 31),
        Utfallsperiod.Typ.DELAR,
        {
            rader[n].pk: Utfallsvarde(
                netto=utfall, prognos=prognos, kommentar=KOMMENTARER_2025.get(n, "")
            )
            for n, (utfall, prognos) in DELAR_2025.items()
        },
        anmarkning="Delårsrapport per 31 augusti 2025, med prognos för helåret.",
    )
    _period(
        forbund,
        date(2025, 12, 31),
        Utfallsperiod.Typ.BOKSLUT,
        {rader[n].pk: Utfallsvarde(intakt=i, kostnad=k) for n, (i, k) in BOKSLUT[2025].items()},
    )
    return "utfall: tilläggsbudget 2025, delår per 2025-08-31, bokslut 2024 och 2025"
