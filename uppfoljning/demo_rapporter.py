"""Demo data (rapporter), added by uppfoljning.demo_uppfoljning.load() (idempotent).

The 2025 periods (jan–jun and helår) with approved reports from the six individinsatser
and RMGT, matching the published figures: first half 247 deltagare, 78 nya, 50 avslutade
(delårsrapport 2025-08-31); full year 278 deltagare, 108 avslutade after on average 14
months, 51 % to work/studies/closer to work, 44 % sick / medical rehabilitation, about
50 % with public support for more than 4 years, 37 % förgymnasial utbildning
(årsredovisning 2025). Teamsamverkan: 15 persons, 4 women and 11 men, no avslutade,
all with försörjningsstöd. Every group adds up per kön; small cells (1, 2) occur in
"annat eller ej angivet" so that the protected view has something to hide.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from finsam.models import User
from insatser.models import Insats
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.models import (
    Deltagarrapport,
    Enkatsvar,
    Kon,
    Matt,
    Rapporthandelse,
    Rapportperiod,
    Rapportvarde,
)

AR = 2025
K, M, A = Kon.KVINNOR.value, Kon.MAN.value, Kon.ANNAT.value

# slug: (h1 deltagare, h1 nya, h1 avslutade, helår deltagare, helår avslutade), per [k, m, a]
INDIVID = {
    "st-vasteras": ([45, 38, 2], [14, 11, 1], [9, 8, 0], [50, 43, 2], [20, 17, 1]),
    "st-fns": ([24, 21, 1], [8, 7, 0], [5, 5, 0], [27, 24, 1], [11, 10, 0]),
    "st-sala": ([21, 19, 0], [6, 6, 0], [5, 4, 0], [24, 21, 0], [10, 9, 0]),
    "st-surahammar": ([18, 16, 0], [6, 5, 0], [4, 4, 0], [20, 18, 0], [8, 8, 0]),
    "st-hallstahammar": ([15, 14, 0], [5, 4, 0], [3, 3, 0], [17, 16, 0], [7, 7, 0]),
    "teamsamverkan-vm": ([3, 10, 0], [1, 4, 0], [0, 0, 0], [4, 11, 0], [0, 0, 0]),
}
#: Average months in the insats for the avslutade (full year; first half one less).
MANADER = {
    "st-vasteras": 13,
    "st-fns": 15,
    "st-sala": 14,
    "st-surahammar": 16,
    "st-hallstahammar": 13,
}
#: Avslutsorsak totals over all insatser and kön (they add up to avslutade).
AVSLUT = {
    "h1": {
        "avslut-arbete": 8,
        "avslut-studier": 5,
        "avslut-narmare": 9,
        "avslut-sjuk": 13,
        "avslut-annan": 12,
        "avslut-flytt": 1,
        "avslut-avbrott": 1,
        "avslut-ovrigt": 1,
    },
    "helar": {
        "avslut-arbete": 18,
        "avslut-studier": 8,
        "avslut-narmare": 29,
        "avslut-sjuk": 48,
        "avslut-annan": 3,
        "avslut-flytt": 1,
        "avslut-avbrott": 1,
        "avslut-ovrigt": 0,
    },
}
ALDER = {
    "alder-16-19": 3,
    "alder-20-24": 10,
    "alder-25-29": 13,
    "alder-30-39": 24,
    "alder-40-49": 22,
    "alder-50-59": 20,
    "alder-60-67": 8,
}
FORSORJNING = {
    "forsorjning-forsorjningsstod": 44,
    "forsorjning-sjukpenning": 17,
    "forsorjning-ersattning": 12,
    "forsorjning-akassa": 9,
    "forsorjning-ingen": 12,
    "forsorjning-annan": 6,
}
UTBILDNING = {"utb-forgymnasial": 37, "utb-gymnasial": 45, "utb-eftergymnasial": 12, "utb-okand": 6}
REMITTENT = {"rem-fk": 34, "rem-socialtjanst": 32, "rem-af": 14, "rem-region": 15, "rem-annan": 5}

# RMGT: konsultationer, individer [k, m, a], handläggare; survey (62 answers by the first
# half, per the delårsrapport; the year's count is higher).
RMGT = {
    "h1": (64, [36, 26, 2], 58),
    "helar": (118, [64, 50, 4], 105),
}
ENKAT = {
    "h1": [
        ("Vi pratade om det som är viktigt för mig", 46, 16, 0),
        (
            "Jag tror att det som vi pratade om kommer vara till hjälp i min fortsatta planering",
            44,
            18,
            0,
        ),
        (
            "Det blev tydligt för mig vad mitt nästa steg kan vara och/eller vilka "
            "alternativ som finns",
            40,
            21,
            1,
        ),
    ],
    "helar": [
        ("Vi pratade om det som är viktigt för mig", 83, 29, 0),
        (
            "Jag tror att det som vi pratade om kommer vara till hjälp i min fortsatta planering",
            79,
            32,
            1,
        ),
        (
            "Det blev tydligt för mig vad mitt nästa steg kan vara och/eller vilka "
            "alternativ som finns",
            74,
            36,
            2,
        ),
    ],
}
PERIODER = {
    "h1": (date(2025, 8, 15), datetime(2025, 8, 12, 10), datetime(2025, 8, 21, 14)),
    "helar": (date(2026, 1, 31), datetime(2026, 1, 27, 10), datetime(2026, 2, 4, 14)),
}


def fordela(total: int, weights: dict[str, int | float]) -> dict[str, int]:
    """Split `total` over the keys in proportion to the weights (largest remainder)."""
    wsum = sum(weights.values())
    if not total or not wsum:
        return dict.fromkeys(weights, 0)
    exact = {k: total * w / wsum for k, w in weights.items()}
    out = {k: int(v) for k, v in exact.items()}
    rest = total - sum(out.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - out[k]), list(weights).index(k)))[:rest]:
        out[k] += 1
    return out


def fordela_marginaler(cells: list[int], totals: dict[str, int]) -> list[dict[str, int]]:
    """Split each cell's count over the keys so that every cell and every key adds up.

    sum(cells) must equal sum(totals). Each cell takes its share of what remains of
    each key; the last cell takes the rest, so nothing ever goes negative.
    """
    remaining = dict(totals)
    out = []
    for i, n in enumerate(cells):
        if i == len(cells) - 1:
            out.append(dict(remaining))
            remaining = dict.fromkeys(remaining, 0)
            continue
        left = sum(remaining.values())
        if not n or not left:
            out.append(dict.fromkeys(remaining, 0))
            continue
        exact = {k: n * v / left for k, v in remaining.items()}
        part = {k: int(v) for k, v in exact.items()}
        rest = n - sum(part.values())
        order = sorted(exact, key=lambda k: (-(exact[k] - part[k]), list(totals).index(k)))
        for k in order:
            if rest <= 0:
                break
            if part[k] < remaining[k]:
                part[k] += 1
                rest -= 1
        for k in part:
            remaining[k] -= part[k]
        out.append(part)
    return out


def _figures(typ: str) -> dict[str, dict[tuple[str, str], Decimal]]:
    """slug -> {(kod, kon): value} for one period of the individinsatser."""
    figures: dict[str, dict[tuple[str, str], Decimal]] = {}
    for slug, (d1, n1, a1, d2, a2) in INDIVID.items():
        if typ == "h1":
            deltagare, nya, avslutade = d1, n1, a1
        else:
            # Full-year new = full-year deltagare − those ongoing at the start of the year.
            deltagare, avslutade = d2, a2
            nya = [d2[i] - (d1[i] - n1[i]) for i in range(3)]
        v: dict[tuple[str, str], Decimal] = {}
        for i, kon in enumerate((K, M, A)):
            v[("deltagare", kon)] = deltagare[i]
            v[("nya", kon)] = nya[i]
            v[("avslutade", kon)] = avslutade[i]
            if avslutade[i]:
                base = MANADER[slug] - (1 if typ == "h1" else 0)
                shift = {K: Decimal("-0.5"), M: Decimal("0.5"), A: Decimal(0)}[kon]
                v[("manader", kon)] = Decimal(base) + shift
            for kod, n in fordela(deltagare[i], ALDER).items():
                v[(kod, kon)] = n
            weights = (
                {k: (1 if k == "forsorjning-forsorjningsstod" else 0) for k in FORSORJNING}
                if slug == "teamsamverkan-vm"
                else FORSORJNING
            )
            for kod, n in fordela(deltagare[i], weights).items():
                v[(kod, kon)] = n
            v[("langvarigt-stod", kon)] = (deltagare[i] + (1 if i == 0 else 0)) // 2
        for kod, n in fordela(sum(deltagare), UTBILDNING).items():
            v[(kod, "")] = n
        rem = (
            {k: (1 if k == "rem-socialtjanst" else 0) for k in REMITTENT}
            if slug == "teamsamverkan-vm"
            else REMITTENT
        )
        for kod, n in fordela(sum(nya), rem).items():
            v[(kod, "")] = n
        figures[slug] = v
    # Avslutsorsak: split the period's totals over every (insats, kön) cell.
    cells = [(slug, kon) for slug in INDIVID for kon in (K, M, A)]
    counts = [int(figures[slug][("avslutade", kon)]) for slug, kon in cells]
    for (slug, kon), parts in zip(cells, fordela_marginaler(counts, AVSLUT[typ]), strict=True):
        for kod, n in parts.items():
            figures[slug][(kod, kon)] = n
    return figures


def _rmgt_figures(typ: str) -> dict[tuple[str, str], Decimal]:
    konsultationer, individer, handlaggare = RMGT[typ]
    v = {("rmgt-konsultationer", ""): konsultationer, ("rmgt-handlaggare", ""): handlaggare}
    for i, kon in enumerate((K, M, A)):
        v[("rmgt-individer", kon)] = individer[i]
    return v


@transaction.atomic
def load(forbund) -> str | None:
    if Rapportperiod.objects.filter(forbund=forbund, ar=AR).exists():
        return None
    skapa_standardmatt(forbund)
    matt = {m.kod: m for m in Matt.objects.filter(forbund=forbund)}
    insatser = {i.slug: i for i in Insats.objects.filter(forbund=forbund)}
    kansli = User.objects.filter(forbund=forbund, roll=User.Roll.KANSLI).order_by("pk").first()
    styrgrupp = User.objects.filter(forbund=forbund, username="styrgrupp-vasteras").first()
    slugs = [s for s in [*INDIVID, "rmgt"] if s in insatser]
    if not slugs:
        return None
    antal = 0
    for typ, (sista_dag, inskickad, godkand) in PERIODER.items():
        period = Rapportperiod(
            forbund=forbund,
            ar=AR,
            typ=typ,
            sista_dag=sista_dag,
            oppnad=timezone.make_aware(datetime(sista_dag.year, sista_dag.month, 1, 8)),
        )
        period.full_clean()
        period.save()
        period.insatser.set([insatser[s] for s in slugs])
        figures = _figures(typ)
        varden, handelser = [], []
        for slug in slugs:
            rapport = Deltagarrapport.objects.create(
                period=period,
                insats=insatser[slug],
                status=Deltagarrapport.Status.GODKAND,
                vad_gick_bra="Samverkan med parterna har fungerat väl under perioden.",
            )
            antal += 1
            values = _rmgt_figures(typ) if slug == "rmgt" else figures[slug]
            for (kod, kon), varde in values.items():
                if kod in matt:
                    m = matt[kod]
                    varden.append(
                        Rapportvarde(
                            rapport=rapport,
                            matt=m,
                            kon=kon if m.per_kon else "",
                            varde=Decimal(varde),
                        )
                    )
            if slug == "rmgt":
                Enkatsvar.objects.bulk_create(
                    Enkatsvar(rapport=rapport, fraga=f, ja_helt=h, ja_delvis=d, nej=n, ordning=o)
                    for o, (f, h, d, n) in enumerate(ENKAT[typ], start=1)
                )
            avsandare = styrgrupp if slug == "st-vasteras" and styrgrupp else kansli
            handelser.append(
                (
                    Rapporthandelse(
                        rapport=rapport,
                        handelse=Rapporthandelse.Handelse.INSKICKAD,
                        anvandare=avsandare,
                    ),
                    inskickad,
                )
            )
            handelser.append(
                (
                    Rapporthandelse(
                        rapport=rapport, handelse=Rapporthandelse.Handelse.GODKAND, anvandare=kansli
                    ),
                    godkand,
                )
            )
        Rapportvarde.objects.bulk_create(varden)
        for handelse, tid in handelser:
            handelse.save()
            # `tid` is auto_now_add: set the plausible date afterwards.
            Rapporthandelse.objects.filter(pk=handelse.pk).update(tid=timezone.make_aware(tid))
    return f"{antal} godkända deltagarrapporter {AR}"
