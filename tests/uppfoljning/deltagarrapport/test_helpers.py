"""Shared helpers of the rapport tests (no tests here): open a period through the service,
build consistent figures, and the POST data of the report form."""

from datetime import date
from decimal import Decimal

from fixtures.figures import consistent_values
from uppfoljning.deltagarrapport import selectors, services
from uppfoljning.deltagarrapport.forms import field_name

BASE_URL = "http://testserver"


def open_period(forbund, kansli, insatser, *, ar=2026, typ="h1", sista_dag=date(2026, 12, 15)):
    return services.period_open(
        forbund=forbund,
        ar=ar,
        typ=typ,
        sista_dag=sista_dag,
        insatser=insatser,
        anvandare=kansli,
        base_url=BASE_URL,
    )


def rapport_for(period, insats):
    return period.rapporter.select_related("insats", "period__forbund").get(insats=insats)


def by_kod(rapport):
    return {m.kod: m for m in selectors.matt_for_insats(rapport.insats)}


def good_values(rapport, deltagare=(10, 60, 2), nya=(4, 20, 0), avslutade=(3, 10, 1)):
    return consistent_values(
        selectors.matt_for_insats(rapport.insats), list(deltagare), list(nya), list(avslutade)
    )


def post_data(rapport, varden, *, action="spara", **extra):
    """What the browser posts: every figure (blank when None), texts, the loaded version."""
    data = {
        "lock_version_loaded": rapport.lock_version,
        "vad_gick_bra": "",
        "svarigheter": "",
        "lokala_mal": "",
        "ovrigt": "",
        action: "1",
    }
    for key, value in varden.items():
        data[field_name(key)] = "" if value is None else str(value).replace(".", ",")
    data.update(extra)
    return data


def save_values(rapport, user, varden):
    rapport.refresh_from_db()
    return services.rapport_save(
        rapport=rapport,
        anvandare=user,
        expected_version=rapport.lock_version,
        varden=varden,
        texter={},
    )


def submitted(rapport, user):
    save_values(rapport, user, good_values(rapport))
    return services.rapport_skicka_in(rapport=rapport, anvandare=user)


def dec(v) -> Decimal:
    return Decimal(str(v))
