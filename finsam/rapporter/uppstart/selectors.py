"""Reads of the onboarding workbook: the förbund's data as the workbook's rows (the
template is prefilled with them, so a re-upload of an unchanged template changes nothing),
and the choice lists with their labels. A fixed number of queries."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from finsam.models import Befolkning, Forbund, Medlem
from finsam.rapporter.uppstart import kolumner as k
from insatser.models import Bemanning, Insats, Malomrade


def vallistor() -> dict[str, list[tuple[str, str]]]:
    """(value, label) of each choice list the workbook uses, by the list's name."""
    listor = {
        "medlemstyp": Medlem.Typ.choices,
        "insatstyp": Insats.Typ.choices,
        "insatsstatus": Insats.Status.choices,
        "grupptyp": Budgetgrupp.Typ.choices,
        "kategori": Budgetrad.Kategori.choices,
    }
    return {namn: [(v, str(label)) for v, label in val] for namn, val in listor.items()}


def budgetar(idag: date | None = None) -> dict[str, int]:
    """The two budget years the workbook holds: last year and this year."""
    ar = (idag or date.today()).year
    return {k.FOREG: ar - 1, k.IAR: ar}


def budgetversion(forbund: Forbund, ar: int) -> Budgetversion | None:
    """The year's budget (not a tilläggsbudget or plan): the one the workbook fills."""
    return Budgetversion.objects.filter(
        forbund=forbund, ar=ar, typ=Budgetversion.Typ.BUDGET
    ).first()


def _etikett(lista: str, varde: str) -> str:
    return dict(vallistor()[lista]).get(varde, varde) if varde else ""


def befintliga_rader(forbund: Forbund, idag: date | None = None) -> dict[str, list[list]]:
    """The förbund's data as the rows of each sheet, in the columns' order."""
    rader: dict[str, list[list]] = {}
    medlemmar = list(Medlem.objects.filter(forbund=forbund).order_by("ordning", "namn"))
    rader[k.MEDLEMMAR.namn] = [
        [m.namn, m.kortnamn, _etikett("medlemstyp", m.typ)] for m in medlemmar
    ]
    rader[k.FOLKMANGD.namn] = [
        [b.medlem.namn, b.ar, b.antal]
        for b in Befolkning.objects.filter(medlem__forbund=forbund)
        .select_related("medlem")
        .order_by("medlem__ordning", "medlem__namn", "ar")
    ]
    rader[k.MALOMRADEN.namn] = [
        [m.namn, m.beskrivning]
        for m in Malomrade.objects.filter(forbund=forbund).order_by("ordning", "namn")
    ]
    insatser = list(
        Insats.objects.filter(forbund=forbund)
        .select_related("malomrade", "agare")
        .prefetch_related("kommuner", "deltagande_medlemmar", "styrgrupp")
        .order_by("malomrade__ordning", "ordning", "namn")
    )

    def namnlista(qs):
        return ", ".join(m.namn for m in sorted(qs, key=lambda m: (m.ordning, m.namn)))

    rader[k.INSATSER.namn] = [
        [
            i.slug,
            i.namn,
            _etikett("insatstyp", i.typ),
            i.malomrade.namn,
            _etikett("insatsstatus", i.status),
            i.startdatum,
            i.slutdatum,
            i.agare.namn if i.agare else "",
            namnlista(i.kommuner.all()),
            namnlista(i.deltagande_medlemmar.all()),
            i.malgrupp,
            i.beskrivning,
        ]
        for i in insatser
    ]
    rader[k.BEMANNING.namn] = [
        [
            b.insats.slug,
            b.roll,
            b.arsarbetare,
            b.arbetsgivare.namn,
            b.finansierat_av_forbundet,
            b.anmarkning,
        ]
        for b in Bemanning.objects.filter(insats__forbund=forbund)
        .select_related("insats", "arbetsgivare")
        .order_by("insats__malomrade__ordning", "insats__ordning", "insats__namn", "ordning", "pk")
    ]
    rader[k.STYRGRUPP.namn] = [
        [i.slug, u.email, u.first_name, u.last_name]
        for i in insatser
        for u in sorted(i.styrgrupp.all(), key=lambda u: u.email)
    ]
    grupper = list(Budgetgrupp.objects.filter(forbund=forbund).order_by("ordning", "pk"))
    namn = {g.pk: g.namn for g in grupper}
    rader[k.BUDGETGRUPPER.namn] = [
        [g.namn, namn.get(g.overordnad_id, ""), _etikett("grupptyp", g.typ), g.summa_etikett]
        for g in _forst_foraldrar(grupper)
    ]
    ar = budgetar(idag)
    versioner = {avser: budgetversion(forbund, a) for avser, a in ar.items()}
    rader[k.BUDGETAR.namn] = [
        [
            avser,
            a,
            versioner[avser].beslutsdatum if versioner[avser] else None,
            versioner[avser].paragraf if versioner[avser] else "",
        ]
        for avser, a in ar.items()
    ]
    belopp = {
        avser: dict(Budgetbelopp.objects.filter(version=v).values_list("rad_id", "belopp"))
        if v
        else {}
        for avser, v in versioner.items()
    }
    ordning = {g.pk: i for i, g in enumerate(_forst_foraldrar(grupper))}
    budgetrader = sorted(
        Budgetrad.objects.filter(forbund=forbund).select_related("insats"),
        key=lambda r: (ordning.get(r.grupp_id, 0), r.ordning, r.pk),
    )
    rader[k.BUDGETRADER.namn] = [
        [
            namn[r.grupp_id],
            r.namn,
            _etikett("kategori", r.kategori),
            r.insats.slug if r.insats else "",
            belopp[k.FOREG].get(r.pk),
            belopp[k.IAR].get(r.pk),
        ]
        for r in budgetrader
    ]
    return rader


def _forst_foraldrar(grupper: list[Budgetgrupp]) -> list[Budgetgrupp]:
    """The groups in their order, each after its parent (the workbook reads a parent first)."""
    ut, sedda = [], set()
    kvar = list(grupper)
    while kvar:
        klara = [g for g in kvar if g.overordnad_id is None or g.overordnad_id in sedda]
        if not klara:  # a cycle made outside the app
            klara = kvar
        for g in klara:
            ut.append(g)
            sedda.add(g.pk)
            kvar.remove(g)
    return ut


def att_borja_med(forbund: Forbund) -> list[str]:
    """What a new förbund still lacks, in the order to enter it (empty when it has it all):
    the start page's empty state names the first and points to the workbook. One query
    (an EXISTS per kind of record)."""
    steg = {
        "medlemmar": Medlem.objects.filter(forbund=forbund),
        "malomraden": Malomrade.objects.filter(forbund=forbund),
        "insatser": Insats.objects.filter(forbund=forbund),
        "budgettrad": Budgetgrupp.objects.filter(forbund=forbund),
        "budget": Budgetversion.objects.filter(forbund=forbund),
    }
    finns = (
        Forbund.objects.filter(pk=forbund.pk)
        .annotate(**{f"finns_{namn}": Exists(qs.order_by()) for namn, qs in steg.items()})
        .values(*(f"finns_{namn}" for namn in steg))
        .first()
    ) or {}
    return [namn for namn in steg if not finns.get(f"finns_{namn}")]
