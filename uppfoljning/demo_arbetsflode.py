"""Demo data (arbetsflode), added by uppfoljning.demo_uppfoljning.load() (idempotent).

The open period 2026 jan–jun (sista dag 2026-12-15) for the six individinsatser, built
through the services as a kansli would: Samordningsteam Västerås is a draft with a few
figures filled in for `styrgrupp-vasteras` to finish; FNS is inskickad, Sala godkänd,
Surahammar returnerad with the kansli's comment; the others are untouched drafts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from finsam.models import User
from insatser.models import Insats
from uppfoljning.deltagarrapport import services
from uppfoljning.models import Rapportperiod

AR = 2026
SISTA_DAG = date(2026, 12, 15)
BASE_URL = "http://localhost:8000"
SLUGS = [
    "st-vasteras",
    "st-fns",
    "st-sala",
    "st-surahammar",
    "st-hallstahammar",
    "teamsamverkan-vm",
]
K, M, A = "k", "m", "a"

#: slug: deltagare, nya, avslutade per [k, m, a]
FIGURER = {
    "st-fns": ([25, 20, 1], [9, 6, 0], [6, 5, 0]),
    "st-sala": ([22, 18, 0], [7, 5, 0], [5, 4, 0]),
    "st-surahammar": ([17, 15, 0], [5, 6, 0], [4, 3, 0]),
}


def _split(total: int, n: int) -> list[int]:
    """`total` over `n` buckets, as evenly as whole numbers allow, larger first."""
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


def _consistent_values(matt_list, deltagare, nya, avslutade) -> dict:
    """Figures that keep every rule: each group splits its total per kön."""
    by_kod = {m.kod: m for m in matt_list}
    totals = {"deltagare": deltagare, "nya": nya, "avslutade": avslutade}
    varden = {}
    for kod, per_kon in totals.items():
        for kon, v in zip((K, M, A), per_kon, strict=True):
            varden[(by_kod[kod].pk, kon)] = Decimal(v)
    varden[(by_kod["manader"].pk, K)] = Decimal("13.5")
    varden[(by_kod["manader"].pk, M)] = Decimal("14")
    groups: dict[tuple[str, int], list] = {}
    for m in matt_list:
        if m.regel == "summa" and m.jamfor_med_id:
            groups.setdefault((m.grupp, m.jamfor_med_id), []).append(m)
    target_kod = {m.pk: m.kod for m in matt_list}
    for (_grupp, target_pk), parts in groups.items():
        per_kon_total = totals[target_kod[target_pk]]
        if parts[0].per_kon:
            for kon, total in zip((K, M, A), per_kon_total, strict=True):
                for part, v in zip(parts, _split(total, len(parts)), strict=True):
                    varden[(part.pk, kon)] = Decimal(v)
        else:
            for part, v in zip(parts, _split(sum(per_kon_total), len(parts)), strict=True):
                varden[(part.pk, "")] = Decimal(v)
    for kon, total in zip((K, M, A), deltagare, strict=True):
        varden[(by_kod["langvarigt-stod"].pk, kon)] = Decimal(total // 2)
    return varden


def _fill(rapport, kansli, varden, texter=None):
    services.rapport_save(
        rapport=rapport,
        anvandare=kansli,
        expected_version=rapport.lock_version,
        varden=varden,
        texter=texter or {},
    )


@transaction.atomic
def load(forbund) -> str | None:
    if Rapportperiod.objects.filter(forbund=forbund, ar=AR, typ=Rapportperiod.Typ.H1).exists():
        return None
    kansli = User.objects.filter(forbund=forbund, roll=User.Roll.KANSLI).order_by("pk").first()
    insatser = list(Insats.objects.filter(forbund=forbund, slug__in=SLUGS))
    if kansli is None or not insatser:
        return None
    period = services.period_open(
        forbund=forbund,
        ar=AR,
        typ=Rapportperiod.Typ.H1,
        sista_dag=SISTA_DAG,
        insatser=insatser,
        anvandare=kansli,
        base_url=BASE_URL,
        skicka_epost=False,  # demo data: nobody to notify
    )
    rapporter = {r.insats.slug: r for r in period.rapporter.select_related("insats", "period")}
    matt_list = services.matt_for_insats(rapporter["st-vasteras"].insats)
    by_kod = {m.kod: m for m in matt_list}

    # Västerås: a draft, deltagare and nya filled in, the rest still missing.
    utkast = {}
    for kod, vals in (("deltagare", [44, 37, 2]), ("nya", [12, 10, 1])):
        for kon, v in zip((K, M, A), vals, strict=True):
            utkast[(by_kod[kod].pk, kon)] = Decimal(v)
    _fill(
        rapporter["st-vasteras"],
        kansli,
        utkast,
        {"vad_gick_bra": "Samarbetet med vårdcentralerna har kommit igång."},
    )

    for slug, (deltagare, nya, avslutade) in FIGURER.items():
        rapport = rapporter[slug]
        _fill(
            rapport,
            kansli,
            _consistent_values(matt_list, deltagare, nya, avslutade),
            {"vad_gick_bra": "Fler deltagare har gått vidare till studier."},
        )
        services.rapport_skicka_in(rapport=rapport, anvandare=kansli)
    services.rapport_godkann(rapport=rapporter["st-sala"], anvandare=kansli)
    services.rapport_returnera(
        rapport=rapporter["st-surahammar"],
        anvandare=kansli,
        kommentar="Avslutsorsakerna verkar förskjutna – stäm av mot er lista och skicka in igen.",
    )
    return "rapportperiod 2026 jan–jun med rapporter i olika steg"
