"""Factories for tests: build state through plain functions, one role each.

forbund = make_forbund()
kansli = make_user(forbund, "kansli")
insats = make_insats(forbund, styrgrupp=[make_user(forbund, "styrgrupp")])
"""

import itertools
from datetime import date
from decimal import Decimal

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from finsam.models import Forbund, Medlem, User
from insatser.models import Bemanning, Beslut, Beslutsbelopp, Insats, Malomrade, fordela_jamnt

_seq = itertools.count(1)

PASSWORD = "testlosen-123"


def make_forbund(**kw) -> Forbund:
    n = next(_seq)
    defaults = dict(
        namn=f"Samordningsförbundet Test {n}",
        slug=f"test-{n}",
        organisationsnummer=f"222000-{n:04d}",
        utdelningsadress="Storgatan 1",
        postnummer="737 80",
        postort="Fagersta",
    )
    defaults.update(kw)
    return Forbund.objects.create(**defaults)


def make_user(forbund: Forbund | None, roll: str, **kw) -> User:
    n = next(_seq)
    user = User(
        username=kw.pop("username", f"{roll or 'admin'}-{n}"),
        forbund=forbund,
        roll=roll,
        first_name=kw.pop("first_name", roll.capitalize()),
        last_name=kw.pop("last_name", f"Testsson {n}"),
        **kw,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_medlem(forbund: Forbund, typ: str = Medlem.Typ.KOMMUN, **kw) -> Medlem:
    n = next(_seq)
    defaults = dict(namn=f"Medlem {n}", typ=typ, ordning=n)
    defaults.update(kw)
    return Medlem.objects.create(forbund=forbund, **defaults)


def make_malomrade(forbund: Forbund, **kw) -> Malomrade:
    n = next(_seq)
    defaults = dict(namn=f"Målområde {n}", ordning=n)
    defaults.update(kw)
    return Malomrade.objects.create(forbund=forbund, **defaults)


def make_insats(forbund: Forbund, *, styrgrupp=(), **kw) -> Insats:
    n = next(_seq)
    if "malomrade" not in kw:
        kw["malomrade"] = make_malomrade(forbund)
    defaults = dict(
        namn=f"Samordningsteam {n}",
        slug=f"st-{n}",
        typ=Insats.Typ.SAMORDNINGSTEAM,
        startdatum=date(2024, 1, 1),
        beskrivning="Ett tvärprofessionellt team.",
    )
    defaults.update(kw)
    insats = Insats.objects.create(forbund=forbund, **defaults)
    if styrgrupp:
        insats.styrgrupp.set(styrgrupp)
    return insats


def make_bemanning(insats: Insats, **kw) -> Bemanning:
    if "arbetsgivare" not in kw:
        kw["arbetsgivare"] = make_medlem(insats.forbund)
    defaults = dict(roll="Socialkonsulent", arsarbetare=Decimal("1.0"))
    defaults.update(kw)
    return Bemanning.objects.create(insats=insats, **defaults)


def make_beslut(insats: Insats, *, belopp=1_000_000, **kw) -> Beslut:
    """A decision; `belopp` is its total split evenly over its years (the remainder on the
    first) or a dict {år: kronor}."""
    defaults = dict(datum=date(2024, 11, 22), paragraf="§ 23", forsta_ar=2025, sista_ar=2025)
    defaults.update(kw)
    beslut = Beslut.objects.create(insats=insats, **defaults)
    per_ar = belopp if isinstance(belopp, dict) else fordela_jamnt(belopp, beslut.ar_lista)
    Beslutsbelopp.objects.bulk_create(
        Beslutsbelopp(beslut=beslut, ar=ar, belopp=b) for ar, b in per_ar.items()
    )
    return beslut


def make_grupp(forbund: Forbund, **kw) -> Budgetgrupp:
    n = next(_seq)
    defaults = dict(namn=f"Grupp {n}", ordning=n, summa_etikett=f"Summa grupp {n}")
    defaults.update(kw)
    return Budgetgrupp.objects.create(forbund=forbund, **defaults)


def make_rad(grupp: Budgetgrupp, **kw) -> Budgetrad:
    n = next(_seq)
    defaults = dict(namn=f"Rad {n}", ordning=n)
    defaults.update(kw)
    return Budgetrad.objects.create(forbund=grupp.forbund, grupp=grupp, **defaults)


def make_version(forbund: Forbund, ar: int = 2025, typ: str = Budgetversion.Typ.BUDGET, **kw):
    defaults = dict(beslutsdatum=date(ar - 1, 11, 22))
    defaults.update(kw)
    return Budgetversion.objects.create(forbund=forbund, ar=ar, typ=typ, **defaults)


def set_belopp(version: Budgetversion, rad: Budgetrad, belopp: int) -> Budgetbelopp:
    obj, _ = Budgetbelopp.objects.update_or_create(
        version=version, rad=rad, defaults={"belopp": belopp}
    )
    return obj
