"""Reads for structural activities, the indicator survey and the goals, and how views
reach them: 404 to outsiders and to a styrgrupp user's other insatser, 403 to readers."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from finsam import access, permissions
from insatser.models import Insats, Malomrade
from uppfoljning.models import (
    Aktivitet,
    Indikatorbedomning,
    Indikatorsvar,
    Mal,
    Maluppfoljning,
    PlaneradAktivitet,
)

# --- access -----------------------------------------------------------------------------


def _ar_styrgrupp(user) -> bool:
    return permissions.has_role(user, permissions.Roll.STYRGRUPP)


def aktiviteter_for_user(user) -> QuerySet[Aktivitet]:
    """The activities the user may read: all of the förbund, or a styrgrupp user's own."""
    forbund = access.forbund_for_user(user)
    qs = Aktivitet.objects.filter(forbund=forbund)
    if permissions.can_read_forbund(user, forbund):
        return qs
    if _ar_styrgrupp(user):
        return qs.filter(insats__styrgrupp=user)
    raise PermissionDenied


def insatser_for_aktivitet(user) -> QuerySet[Insats]:
    """The insatser the user may add activities to: all for kansli, own for styrgrupp."""
    forbund = require_aktivitet_write(user)
    qs = Insats.objects.filter(forbund=forbund)
    if permissions.can_edit_forbund(user, forbund):
        return qs
    return qs.filter(styrgrupp=user)


def require_aktivitet_write(user):
    """The förbund if the user may add activities (kansli, styrgrupp); 403 for readers."""
    forbund = access.forbund_for_user(user)
    if permissions.can_edit_forbund(user, forbund):
        return forbund
    if _ar_styrgrupp(user) and user.is_active:
        return forbund
    raise PermissionDenied


def get_aktivitet_for_edit(user, pk: int) -> Aktivitet:
    """403 for readers (before any lookup), else the activity or 404: a styrgrupp user
    reaches only activities of its own insatser."""
    forbund = require_aktivitet_write(user)
    qs = Aktivitet.objects.filter(forbund=forbund).select_related("insats")
    if not permissions.can_edit_forbund(user, forbund):
        qs = qs.filter(insats__styrgrupp=user)
    try:
        return qs.get(pk=pk)
    except Aktivitet.DoesNotExist:
        raise Http404 from None


def get_mal_for_edit(user, pk: int) -> Mal:
    access.require_edit(user)
    return access.get_for_forbund(Mal.objects.select_related("malomrade"), user, pk=pk)


def get_planerad_aktivitet_for_edit(user, pk: int) -> PlaneradAktivitet:
    access.require_edit(user)
    return access.get_for_forbund(
        PlaneradAktivitet.objects.select_related("mal"), user, pk=pk, forbund_path="mal__forbund"
    )


def get_malomrade_for_edit(user, pk: int) -> Malomrade:
    access.require_edit(user)
    return access.get_for_forbund(Malomrade.objects.all(), user, pk=pk)


# --- structural activities --------------------------------------------------------------


@dataclass
class Aktivitetsgrupp:
    rubrik: str
    insats: Insats | None
    aktiviteter: list = field(default_factory=list)

    @property
    def summa_deltagare(self) -> int:
        return sum(a.antal_deltagare or 0 for a in self.aktiviteter)


@dataclass
class Aktivitetstabell:
    ar: int
    grupper: list

    @property
    def antal(self) -> int:
        return sum(len(g.aktiviteter) for g in self.grupper)

    @property
    def summa_deltagare(self) -> int:
        return sum(g.summa_deltagare for g in self.grupper)


def aktivitetstabell(aktiviteter: QuerySet[Aktivitet], ar: int) -> Aktivitetstabell:
    """The year's activities as the årsredovisning lists them, grouped by insats with the
    förbund's own first. One query."""
    rader = aktiviteter.filter(ar=ar).select_related("insats").order_by("ordning", "pk")
    egna = Aktivitetsgrupp(rubrik=_("Förbundets egna"), insats=None)
    per_insats: dict[int, Aktivitetsgrupp] = {}
    for a in rader:
        if a.insats_id is None:
            egna.aktiviteter.append(a)
        else:
            grupp = per_insats.setdefault(
                a.insats_id, Aktivitetsgrupp(rubrik=a.insats.namn, insats=a.insats)
            )
            grupp.aktiviteter.append(a)
    insatsgrupper = sorted(per_insats.values(), key=lambda g: (g.insats.ordning, g.insats.namn))
    grupper = ([egna] if egna.aktiviteter else []) + insatsgrupper
    return Aktivitetstabell(ar=ar, grupper=grupper)


# --- indicators -------------------------------------------------------------------------


@dataclass
class Indikatortabell:
    """Consecutive questions with the same scale: one table with that scale's headers."""

    skala: str
    steg: list
    rader: list


@dataclass
class Respondentgruppsvar:
    kod: str
    namn: str
    tabeller: list


def indikatortabeller(forbund, ar: int) -> list[Respondentgruppsvar]:
    """The year's answers per respondent group, split where the scale changes. One query."""
    grupper: dict[str, Respondentgruppsvar] = {}
    for svar in Indikatorsvar.objects.filter(forbund=forbund, ar=ar).order_by(
        "respondentgrupp", "nummer"
    ):
        grupp = grupper.setdefault(
            svar.respondentgrupp,
            Respondentgruppsvar(
                kod=svar.respondentgrupp, namn=svar.get_respondentgrupp_display(), tabeller=[]
            ),
        )
        if not grupp.tabeller or grupp.tabeller[-1].skala != svar.skala:
            grupp.tabeller.append(
                Indikatortabell(skala=svar.skala, steg=Indikatorsvar.SKALSTEG[svar.skala], rader=[])
            )
        grupp.tabeller[-1].rader.append(svar)
    ordning = list(Indikatorsvar.Respondentgrupp.values)
    return sorted(grupper.values(), key=lambda g: ordning.index(g.kod))


def indikatorbedomningar(forbund, ar: int) -> QuerySet[Indikatorbedomning]:
    return Indikatorbedomning.objects.filter(forbund=forbund, ar=ar).order_by("ordning", "pk")


# --- goals ------------------------------------------------------------------------------


def malomraden_med_mal(forbund, ar: int) -> list[Malomrade]:
    """Every målområde with the year's goals, their planned activities and follow-ups
    (`mal.delar`, `mal.helar`). Four queries, whatever the number of goals."""
    mal_qs = Mal.objects.filter(ar=ar).prefetch_related("aktiviteter", "uppfoljningar")
    omraden = list(
        Malomrade.objects.filter(forbund=forbund)
        .order_by("ordning", "namn")
        .prefetch_related(Prefetch("mal", queryset=mal_qs, to_attr="arets_mal"))
    )
    for omrade in omraden:
        for mal in omrade.arets_mal:
            per_tillfalle = {u.tillfalle: u for u in mal.uppfoljningar.all()}
            mal.delar = per_tillfalle.get(Maluppfoljning.Tillfalle.DELAR)
            mal.helar = per_tillfalle.get(Maluppfoljning.Tillfalle.HELAR)
    return omraden
