"""Demo data for the bokslut area, added to the demo förbund by finsam.demo.load_demo().

2024 and 2025 are the årsredovisning 2025's resultaträkning, balansräkning and notes; their
verksamhetens intäkter and kostnader come from the utfall per 31 December (budget.demo_utfall).
2023 holds the balance figures the kassaflödesanalys 2024 starts from, derived from that
analysis: fordringar 266 361 + 103 107, skulder 3 453 767 − 1 648 543, avsättningar
981 654 − 495 797, likvida medel 2 349 178, utgående eget kapital 427 565 (= ingående 2024).
2021–2023's intäkter, kostnader and resultat are the five-year overview's tkr in kronor, and
their balance totals are chosen so that soliditet rounds to the published figure.
"""

from decimal import Decimal

from django.db import transaction

from budget.bokslut.services import Post, bokslut_save
from budget.models import Bokslut, Bokslutspost

F = Bokslutspost.Typ.FORDRAN
S = Bokslutspost.Typ.SKULD

_ANM_OVERSIKT = (
    "Året kommer från översikten över verksamhetens utveckling i årsredovisningen 2025 "
    "(belopp i tkr). Intäkter, kostnader och resultat är de publicerade tkr-beloppen i "
    "kronor; finansiella poster är skillnaden mellan resultatet och verksamhetens resultat. "
    "Balansräkningens summa är vald så att soliditeten blir den publicerade; uppdelningen "
    "på kassa, fordringar och skulder är inte publicerad."
)

ANM_2023 = (
    "Balansräkningen per 2023-12-31 är härledd ur kassaflödesanalysen 2024 i årsredovisningen "
    "2025 (likvida medel 2 349 178, ökning av fordringar 103 107, av skulder 1 648 543, "
    "justering för pensionsavsättningar 495 797). Intäkter, kostnader och resultat är "
    "översiktens tkr-belopp i kronor."
)

AR = {
    2021: dict(
        bokslut=dict(
            verksamhetens_intakter=7_055_000,
            verksamhetens_kostnader=-7_078_000,
            finansiella_kostnader=-12_000,
            ingaende_eget_kapital=1_347_565,
            kassa_och_bank=3_217_000,
            antal_anstallda=Decimal("1"),
            anmarkning=_ANM_OVERSIKT,
        ),
        poster=[(S, "Kortfristiga skulder (ej uppdelade)", 3_217_000 - 1_312_565)],
    ),
    2022: dict(
        bokslut=dict(
            verksamhetens_intakter=7_331_000,
            verksamhetens_kostnader=-7_461_000,
            finansiella_kostnader=-43_000,
            kassa_och_bank=2_975_000,
            antal_anstallda=Decimal("1"),
            anmarkning=_ANM_OVERSIKT,
        ),
        poster=[(S, "Kortfristiga skulder (ej uppdelade)", 2_975_000 - 1_139_565)],
    ),
    2023: dict(
        bokslut=dict(
            verksamhetens_intakter=7_130_000,
            verksamhetens_kostnader=-7_921_000,
            finansiella_intakter=79_000,
            kassa_och_bank=2_349_178,
            avsattningar_pensioner=485_857,
            antal_anstallda=Decimal("1"),
            anmarkning=ANM_2023,
        ),
        poster=[
            (F, "Kortfristiga fordringar (ej uppdelade)", 369_468),
            (S, "Kortfristiga skulder (ej uppdelade)", 1_805_224),
        ],
    ),
    2024: dict(
        bokslut=dict(
            finansiella_intakter=246_567,
            finansiella_kostnader=-60_154,
            kassa_och_bank=8_197_546,
            avsattningar_pensioner=981_654,
            ingaende_eget_kapital=427_565,
            kapitaltillskott=3_519_143,
            antal_anstallda=Decimal("3"),
            anmarkning=(
                "Kapitaltillskott från de sammanslagna samordningsförbunden när Arboga, "
                "Kungsör, Köping och Västerås blev medlemmar."
            ),
        ),
        poster=[
            (F, "Kundfordringar", 3_000),
            (F, "Skattekontot", 31_345),
            (F, "Debiterad preliminärskatt", 8_844),
            (F, "Moms", 83_929),
            (F, "Förutbetalda kostnader, upplupna intäkter", 139_243),
            (S, "Leverantörsskulder", 473_788),
            (S, "Preliminärskatt löner", 52_684),
            (S, "Övriga korta skulder", 0),
            (S, "Semesterlöneskuld", 86_331),
            (S, "Lagstadgade sociala avgifter", 56_930),
            (S, "Upplupen särskild löneskatt individuell del", 35_821),
            (S, "Upplupen pensionskostnad individuell del", 93_835),
            (S, "Övriga upplupna kostnader", 2_654_378),
        ],
    ),
    2025: dict(
        bokslut=dict(
            finansiella_intakter=180_551,
            finansiella_kostnader=-36_000,
            kassa_och_bank=9_350_453,
            avsattningar_pensioner=1_482_422,
            ingaende_eget_kapital=4_028_486,
            antal_anstallda=Decimal("3"),
        ),
        poster=[
            (F, "Kundfordringar", 0),
            (F, "Skattekontot", 31_758),
            (F, "Debiterad preliminärskatt", 8_844),
            (F, "Moms", 62_233),
            (F, "Förutbetalda kostnader, upplupna intäkter", 0),
            (S, "Leverantörsskulder", 493_628),
            (S, "Preliminärskatt löner", 63_543),
            (S, "Övriga korta skulder", 0),
            (S, "Semesterlöneskuld", 112_743),
            (S, "Lagstadgade sociala avgifter", 65_478),
            (S, "Upplupen särskild löneskatt individuell del", 50_444),
            (S, "Upplupen pensionskostnad individuell del", 96_676),
            (S, "Övriga upplupna kostnader", 2_714_570),
        ],
    ),
}


@transaction.atomic
def load(forbund) -> str | None:
    """Add this area's demo data to `forbund` unless it is there already (idempotent).

    Returns a line for load_demo's output, or None when nothing was done.
    """
    if Bokslut.objects.filter(forbund=forbund).exists():
        return None
    for ar, data in AR.items():
        bokslut_save(
            bokslut=Bokslut(forbund=forbund, ar=ar, **data["bokslut"]),
            poster=[Post(typ=t, namn=n, belopp=b) for t, n, b in data["poster"]],
            expected_version=0,
        )
    return f"bokslut {min(AR)}–{max(AR)} tillagda"
