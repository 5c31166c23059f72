"""Reads for the insatser pages: the grouped list, the detail tables and the history."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from finsam.historik.selectors import Andring, historik_for_foralder
from finsam.models import Medlem
from insatser.models import (
    Bemanning,
    Beslut,
    Beslutsbelopp,
    Externfinansiering,
    Insats,
    Rekvisition,
)

#: The list's status filter: URL value -> (label, statuses shown). "" is the default.
STATUSFILTER = {
    "": (_("Ej avslutade"), [Insats.Status.PLANERAD, Insats.Status.PAGAENDE]),
    Insats.Status.PLANERAD: (_("Planerade"), [Insats.Status.PLANERAD]),
    Insats.Status.PAGAENDE: (_("Pågående"), [Insats.Status.PAGAENDE]),
    Insats.Status.AVSLUTAD: (_("Avslutade"), [Insats.Status.AVSLUTAD]),
    "alla": (_("Alla"), list(Insats.Status.values)),
}


def filter_status(insatser: QuerySet[Insats], status: str) -> QuerySet[Insats]:
    """Insatser with the statuses of the filter `status`; an unknown value is the default."""
    _label, statuses = STATUSFILTER.get(status, STATUSFILTER[""])
    return insatser.filter(status__in=statuses)


@dataclass
class Bemanningstabell:
    rader: list[Bemanning]
    summa_arsarbetare: Decimal
    summa_finansierat: Decimal


def bemanningstabell(insats: Insats) -> Bemanningstabell:
    rader = list(insats.bemanning.select_related("arbetsgivare"))
    return Bemanningstabell(
        rader=rader,
        summa_arsarbetare=sum((r.arsarbetare for r in rader), Decimal(0)),
        summa_finansierat=sum((r.finansierat_av_forbundet for r in rader), Decimal(0)),
    )


@dataclass
class Beslutstabell:
    rader: list[Beslut]
    summa_belopp: int


def beslutstabell(insats: Insats) -> Beslutstabell:
    rader = list(insats.beslut.prefetch_related("beslutsbelopp"))
    return Beslutstabell(rader=rader, summa_belopp=sum(r.belopp for r in rader))


def insatsens_medlemmar(insats: Insats) -> tuple[list[Medlem], list[Medlem]]:
    """(the kommuner it serves, its deltagande medlemmar), each in the members' order, in
    one query."""
    kommun = Insats.kommuner.through.objects.filter(insats_id=insats.pk, medlem_id=OuterRef("pk"))
    deltar = Insats.deltagande_medlemmar.through.objects.filter(
        insats_id=insats.pk, medlem_id=OuterRef("pk")
    )
    medlemmar = list(
        Medlem.objects.filter(forbund_id=insats.forbund_id)
        .annotate(i_kommuner=Exists(kommun), i_deltagande=Exists(deltar))
        .filter(Q(i_kommuner=True) | Q(i_deltagande=True))
    )
    return [m for m in medlemmar if m.i_kommuner], [m for m in medlemmar if m.i_deltagande]


def for_listan(insatser: list[Insats]) -> None:
    """What each row of the insats list shows, made in Python: `url` (one reverse() for
    every row), `typ_text` and `status_text` (one dict of the labels, not
    `get_…_display` per row), `kommun_lista` (the kommuner it serves, in the members'
    order: one query, without a queryset per insats as `prefetch_related` makes)."""
    detalj = url_mall("insatser:detail")
    typer = {v: str(t) for v, t in Insats.Typ.choices}
    statusar = {v: str(t) for v, t in Insats.Status.choices}
    kommuner: dict[int, list[Medlem]] = {i.pk: [] for i in insatser}
    if insatser:
        for rad in (
            Insats.kommuner.through.objects.filter(insats_id__in=list(kommuner))
            .select_related("medlem")
            .order_by(*(f"medlem__{f}" for f in Medlem._meta.ordering), "medlem__pk")
        ):
            kommuner[rad.insats_id].append(rad.medlem)
    for insats in insatser:
        insats.url = detalj(insats.pk)
        insats.typ_text = typer.get(insats.typ, insats.typ)
        insats.status_text = statusar.get(insats.status, insats.status)
        insats.kommun_lista = kommuner[insats.pk]


# --- links of the insats's page -----------------------------------------------------------


def url_mall(namn: str, *args, platshallare="987654321"):
    """A function of one value giving reverse(namn, args=[*args, value]), with one
    reverse() for every row: the URL is reversed once with `platshallare` (a value the
    route accepts, e.g. a pk or the first row's) and the value put in its place."""
    try:
        url = reverse(namn, args=[*args, platshallare])
    except NoReverseMatch:
        url = ""
    delar = url.split(str(platshallare))
    if len(delar) != 2:  # the placeholder is not found once: reverse each
        return lambda varde: reverse(namn, args=[*args, varde])
    fore, efter = delar
    return lambda varde: f"{fore}{varde}{efter}"


def insatsrapporter(insats: Insats) -> list:
    """The rapportperioder the insats is in, newest first, each with `visa_url` and
    `pdf_url` of the insats's report for it. One query."""
    perioder = list(insats.rapportperioder.all())
    if perioder:
        kod = perioder[0].periodkod
        visa = url_mall("finsam:insatsrapport", insats.slug, platshallare=kod)
        pdf = url_mall("finsam:insatsrapport-pdf", insats.slug, platshallare=kod)
        for p in perioder:
            p.visa_url, p.pdf_url = visa(p.periodkod), pdf(p.periodkod)
    return perioder


def med_lankar(insats: Insats, context: dict) -> None:
    """The edit and remove links of the rows of the insats's page (for kansli): one
    reverse() per kind of link, not per row."""
    for rader, namn in (
        (context["bemanning"].rader, "bemanning"),
        (context["beslut"].rader, "beslut"),
        (context["rekvisitioner"].rader, "rekvisition"),
        (context["externfinansiering"].rader, "externfinansiering"),
    ):
        if rader:
            andra = url_mall(f"insatser:{namn}-edit")
            ta_bort = url_mall(f"insatser:{namn}-delete")
            for r in rader:
                r.andra_url, r.ta_bort_url = andra(r.pk), ta_bort(r.pk)


# --- the change history of one insats, its bemanning and its beslut -------------------------


@cache
def _historik(model):
    """The history model's manager of `model` (`model.history` builds a new manager class
    on every access: some 3 % of the insats page)."""
    return model.history.model.objects


def insats_historik(insats: Insats, limit: int = 50) -> list[Andring]:
    """Changes to the insats, its bemanning, beslut (and their amounts per year),
    rekvisitioner and external funding (also removed rows), newest first, in a fixed
    number of queries."""
    beslut = _historik(Beslut).filter(insats_id=insats.pk)
    return historik_for_foralder(
        [
            (Insats, _historik(Insats).filter(id=insats.pk)),
            (Bemanning, _historik(Bemanning).filter(insats_id=insats.pk)),
            (Beslut, beslut),
            (Beslutsbelopp, _historik(Beslutsbelopp).filter(beslut_id__in=beslut.values("id"))),
            (Rekvisition, _historik(Rekvisition).filter(insats_id=insats.pk)),
            (Externfinansiering, _historik(Externfinansiering).filter(insats_id=insats.pk)),
        ],
        limit=limit,
    )
