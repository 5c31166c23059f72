"""Writes for structural activities, the indicator survey and the goals with their follow-up.

Views call these; nothing else writes. A save of an existing row passes the
`lock_version` the user loaded, and an outdated one raises `ConflictError`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.concurrency import bump_locked, save_locked
from uppfoljning.models import (
    Aktivitet,
    Indikatorsvar,
    Mal,
    Maluppfoljning,
    PlaneradAktivitet,
)

ANTAL_SKALSTEG = 6
#: Published shares are rounded, so their sum may differ from 100 by this much.
SUMMA_TOLERANS = Decimal("1")


# --- validation (pure) -----------------------------------------------------------------


def andelar_fel(andelar: Sequence) -> str | None:
    """The Swedish error for a row's six shares, or None when they are fine."""
    if len(andelar) != ANTAL_SKALSTEG:
        return _("Ange sex andelar, en per skalsteg.")
    try:
        varden = [Decimal(str(a)) for a in andelar]
    except ArithmeticError:
        return _("Andelarna ska vara tal.")
    if any(v < 0 or v > 100 for v in varden):
        return _("Varje andel ska vara mellan 0 och 100 %.")
    summa = sum(varden)
    if abs(summa - 100) > SUMMA_TOLERANS:
        return _("Andelarna ska tillsammans bli 100 %% (±1 för avrundning), nu %(summa)s %%.") % {
            "summa": _tal(summa)
        }
    return None


def bedomning_fel(tillfalle: str, bedomning: str) -> str | None:
    """The Swedish error when an assessment does not fit the follow-up, else None."""
    if not bedomning:
        return None
    tillatna = Maluppfoljning.BEDOMNINGAR.get(tillfalle)
    if tillatna is None:
        return _("Okänt uppföljningstillfälle.")
    if bedomning not in tillatna:
        return tillatna_bedomningar_text(tillfalle)
    return None


def tillatna_bedomningar_text(tillfalle: str) -> str:
    """E.g. 'Vid delår kan bedömningen vara i fas eller ej i fas.'"""
    tillatna = Maluppfoljning.BEDOMNINGAR[tillfalle]
    namn = [str(Maluppfoljning.Bedomning(b).label).lower() for b in tillatna]
    lista = ", ".join(namn[:-1]) + " " + _("eller") + " " + namn[-1]
    return _("Vid %(tillfalle)s kan bedömningen vara %(tillatna)s.") % {
        "tillfalle": str(Maluppfoljning.Tillfalle(tillfalle).label).lower(),
        "tillatna": lista,
    }


def _tal(varde: Decimal):
    """A share as JSON stores it: a whole number, or one decimal as a float."""
    varde = Decimal(str(varde)).quantize(Decimal("0.1"))
    return int(varde) if varde == varde.to_integral_value() else float(varde)


def normalize_andelar(andelar: Iterable) -> list:
    return [_tal(a) for a in andelar]


# --- structural activities --------------------------------------------------------------


@transaction.atomic
def aktivitet_save(*, aktivitet: Aktivitet, expected_version: int) -> Aktivitet:
    """Create (no pk) or update a structural activity of an insats or of the förbund."""
    if aktivitet.insats_id is not None and aktivitet.insats.forbund_id != aktivitet.forbund_id:
        raise ValidationError({"insats": _("Välj bara bland förbundets egna insatser.")})
    aktivitet.full_clean()
    return save_locked(aktivitet, expected_version=expected_version)


@transaction.atomic
def aktivitet_delete(*, aktivitet: Aktivitet, expected_version: int) -> None:
    bump_locked(aktivitet, expected_version=expected_version)
    aktivitet.delete()


# --- indicators -------------------------------------------------------------------------


@dataclass
class Radandring:
    """One row of a grid save: the object with its new values, and the version loaded."""

    obj: object
    expected_version: int
    ta_bort: bool = False


@transaction.atomic
def indikatorsvar_save_grupp(
    *, forbund, ar: int, respondentgrupp: str, rader: Sequence[Radandring]
) -> int:
    """Save one respondent group's questions for a year in one go; returns rows saved.

    Every row is checked (shares, unique numbers) before anything is written, and an
    outdated row raises `ConflictError`, which undoes the whole save.
    """
    nummer_sedda = set()
    for rad in rader:
        svar = rad.obj
        if svar.pk is not None and (
            svar.forbund_id != forbund.pk
            or svar.ar != ar
            or svar.respondentgrupp != respondentgrupp
        ):
            raise ValidationError(_("Raden hör inte till den här respondentgruppen."))
        if rad.ta_bort:
            continue
        svar.forbund = forbund
        svar.ar = ar
        svar.respondentgrupp = respondentgrupp
        fel = andelar_fel(svar.andelar)
        if fel:
            raise ValidationError({"andelar": fel})
        svar.andelar = normalize_andelar(svar.andelar)
        if svar.nummer in nummer_sedda:
            raise ValidationError({"nummer": _("Frågenumret finns redan i tabellen.")})
        nummer_sedda.add(svar.nummer)
    sparade = 0
    # Removals first, so that a number can move from a removed row to a new one.
    for rad in rader:
        if rad.ta_bort and rad.obj.pk is not None:
            bump_locked(rad.obj, expected_version=rad.expected_version)
            rad.obj.delete()
    for rad in rader:
        if rad.ta_bort:
            continue
        rad.obj.full_clean(validate_unique=False)
        save_locked(rad.obj, expected_version=rad.expected_version)
        sparade += 1
    return sparade


@transaction.atomic
def indikatorbedomning_save_alla(*, forbund, ar: int, rader: Sequence[Radandring]) -> int:
    """Save the board's assessments per area for a year; returns rows saved."""
    sparade = 0
    for rad in rader:
        obj = rad.obj
        if obj.pk is not None and (obj.forbund_id != forbund.pk or obj.ar != ar):
            raise ValidationError(_("Raden hör inte till det här året."))
        if rad.ta_bort:
            if obj.pk is not None:
                bump_locked(obj, expected_version=rad.expected_version)
                obj.delete()
            continue
        obj.forbund = forbund
        obj.ar = ar
        obj.full_clean()
        save_locked(obj, expected_version=rad.expected_version)
        sparade += 1
    return sparade


@transaction.atomic
def indikatorsvar_create(
    *,
    forbund,
    ar: int,
    respondentgrupp: str,
    nummer: int,
    fraga: str,
    skala: str,
    n: int,
    andelar: Sequence,
) -> Indikatorsvar:
    """One question in one call (demo data, tests)."""
    svar = Indikatorsvar(
        forbund=forbund,
        ar=ar,
        respondentgrupp=respondentgrupp,
        nummer=nummer,
        fraga=fraga,
        skala=skala,
        n=n,
        andelar=list(andelar),
    )
    fel = andelar_fel(svar.andelar)
    if fel:
        raise ValidationError({"andelar": fel})
    svar.andelar = normalize_andelar(svar.andelar)
    svar.full_clean()
    return save_locked(svar, expected_version=0)


# --- goals ------------------------------------------------------------------------------


@transaction.atomic
def mal_save(*, mal: Mal, expected_version: int) -> Mal:
    if mal.malomrade.forbund_id != mal.forbund_id:
        raise ValidationError({"malomrade": _("Välj bara bland förbundets egna målområden.")})
    mal.full_clean()
    return save_locked(mal, expected_version=expected_version)


@transaction.atomic
def mal_delete(*, mal: Mal, expected_version: int) -> None:
    bump_locked(mal, expected_version=expected_version)
    mal.delete()


@transaction.atomic
def planerad_aktivitet_save(
    *, aktivitet: PlaneradAktivitet, expected_version: int
) -> PlaneradAktivitet:
    aktivitet.full_clean()
    return save_locked(aktivitet, expected_version=expected_version)


@transaction.atomic
def planerad_aktivitet_delete(*, aktivitet: PlaneradAktivitet, expected_version: int) -> None:
    bump_locked(aktivitet, expected_version=expected_version)
    aktivitet.delete()


@transaction.atomic
def maluppfoljning_save(*, uppfoljning: Maluppfoljning, expected_version: int) -> Maluppfoljning:
    """Create (no pk) or update a goal's follow-up; the assessment must fit the tillfälle."""
    fel = bedomning_fel(uppfoljning.tillfalle, uppfoljning.bedomning)
    if fel:
        raise ValidationError({"bedomning": fel})
    uppfoljning.full_clean(validate_unique=uppfoljning.pk is None)
    return save_locked(uppfoljning, expected_version=expected_version)
