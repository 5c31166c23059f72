"""Demo rekvisitioner, added to the demo förbund by finsam.demo.load_demo().

Quarterly payouts in 2025 to the samordningsteam and Teamsamverkan Västra Mälardalen,
close to their 2025 budget lines, except Västerås, whose team lost staff in the summer
and asked for noticeably less; and the 2024 payouts to Teamsamverkan (decided 2024–2027).
"""

from datetime import date

from django.db import transaction

from insatser.models import Insats, Rekvisition

KVARTAL_2024 = [date(2024, 2, 15), date(2024, 5, 15), date(2024, 8, 15), date(2024, 11, 15)]
KVARTAL_2025 = [date(2025, 2, 14), date(2025, 5, 15), date(2025, 8, 15), date(2025, 11, 14)]

#: slug -> (avser år, four quarterly amounts in kronor, a note on the last one)
REKVISITIONER = [
    ("st-fns", 2025, [412_500, 412_500, 412_500, 398_200], ""),
    ("st-hallstahammar", 2025, [312_500, 312_500, 312_500, 305_900], ""),
    ("st-sala", 2025, [430_000, 430_000, 430_000, 421_300], ""),
    ("st-surahammar", 2025, [312_500, 312_500, 312_500, 312_500], ""),
    (
        "st-vasteras",
        2025,
        [1_525_000, 1_525_000, 1_100_000, 950_000],
        "Lägre rekvisition: två socialkonsulenter slutade under sommaren.",
    ),
    ("teamsamverkan-vm", 2024, [300_000, 425_000, 425_000, 425_000], ""),
    ("teamsamverkan-vm", 2025, [387_625, 387_625, 387_625, 360_000], ""),
]


@transaction.atomic
def load(forbund) -> str | None:
    """Add demo rekvisitioner to `forbund` unless they are there already (idempotent)."""
    if Rekvisition.objects.filter(insats__forbund=forbund).exists():
        return None
    insatser = {i.slug: i for i in Insats.objects.filter(forbund=forbund)}
    nya = []
    for slug, ar, belopp, anteckning in REKVISITIONER:
        insats = insatser.get(slug)
        if insats is None:
            continue
        datum = KVARTAL_2024 if ar == 2024 else KVARTAL_2025
        for kvartal, (dag, kronor) in enumerate(zip(datum, belopp, strict=True), start=1):
            nya.append(
                Rekvisition(
                    insats=insats,
                    datum=dag,
                    avser_ar=ar,
                    belopp=kronor,
                    anteckning=anteckning if kvartal == 4 else f"Rekvisition kvartal {kvartal}",
                )
            )
    for r in nya:
        r.full_clean()
        r.save()
    return f"{len(nya)} rekvisitioner skapade" if nya else None
