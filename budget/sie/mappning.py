"""The mapping from accounts and objekt to budget lines, without the database.

    intervall = las_konton("4000–6999, 7010")      # [(4000, 6999), (7010, 7010)]
    koder = las_objekt("110, 120")                  # ("110", "120")
    regel = Regel(rad_id=1, namn="Kansli", intervall=intervall, dimension=1, objekt=koder)
    krockar(regler)                                 # every pair that could count an amount twice
    regel.traffar("5010", {1: "110"})              # does an amount on 5010 with objekt 110 count?

A rule without a dimension takes every amount on its accounts; a rule with one takes the
amounts that carry one of its objekt in that dimension. Two rules collide when their
accounts share a number and some amount could match both: either has no dimension, both
name the same objekt of one dimension, or they use different dimensions (an amount can
carry an objekt in each).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Account numbers of the BAS and Kommun-Bas plans have four digits; allow up to six.
KONTO = re.compile(r"^\d{1,6}$")
#: Hyphen, en dash, em dash or minus sign between the ends of a range.
STRECK = re.compile(r"\s*[-–—−]\s*")


def _konto(text: str) -> int:
    if not KONTO.match(text):
        raise ValidationError(
            _("%(text)s är inget kontonummer. Skriv t.ex. 4000–6999, 7010.") % {"text": text}
        )
    return int(text)


def las_konton(text: str) -> list[tuple[int, int]]:
    """The ranges of `text`, sorted. Raises ValidationError (Swedish) for a malformed part,
    a range whose start is after its end, or ranges that overlap each other."""
    delar = [d.strip() for d in re.split(r"[,;\n]", text or "") if d.strip()]
    if not delar:
        raise ValidationError(_("Ange minst ett konto eller kontointervall."))
    intervall = []
    for del_ in delar:
        ander = STRECK.split(del_)
        if len(ander) == 1:
            nr = _konto(ander[0])
            intervall.append((nr, nr))
        elif len(ander) == 2:
            fran, till = _konto(ander[0]), _konto(ander[1])
            if fran > till:
                raise ValidationError(
                    _("Intervallet %(del)s börjar efter att det slutar.") % {"del": del_}
                )
            intervall.append((fran, till))
        else:
            raise ValidationError(
                _("%(del)s är inget kontointervall. Skriv t.ex. 4000–6999.") % {"del": del_}
            )
    intervall.sort()
    for (a_fran, a_till), (b_fran, b_till) in zip(intervall, intervall[1:], strict=False):
        if b_fran <= a_till:
            raise ValidationError(
                _("Intervallen %(a)s och %(b)s överlappar varandra.")
                % {"a": visa_intervall([(a_fran, a_till)]), "b": visa_intervall([(b_fran, b_till)])}
            )
    return intervall


def visa_intervall(intervall: Sequence[tuple[int, int]]) -> str:
    """The normal written form: "4000–6999, 7010"."""
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in intervall)


def las_objekt(text: str) -> tuple[str, ...]:
    """The objekt codes of `text` (comma separated), in order, without duplicates."""
    koder: list[str] = []
    for del_ in re.split(r"[,;\n]", text or ""):
        kod = del_.strip()
        if kod and kod not in koder:
            if len(kod) > 40:
                raise ValidationError(_("Objektkoden %(kod)s är för lång.") % {"kod": kod})
            koder.append(kod)
    return tuple(koder)


def las_regel(*, rad_id: int, namn: str, konton: str, dimension: int | None, objekt: str):
    """A Regel from what the form or the table holds; ValidationError with the field named."""
    try:
        intervall = las_konton(konton)
    except ValidationError as e:
        raise ValidationError({"konton": e.messages}) from None
    try:
        koder = las_objekt(objekt)
    except ValidationError as e:
        raise ValidationError({"objekt": e.messages}) from None
    if dimension is not None and not koder:
        raise ValidationError(
            {
                "objekt": _("Ange vilka objekt i dimension %(dim)d som hör till raden.")
                % {"dim": dimension}
            }
        )
    if koder and dimension is None:
        raise ValidationError(
            {"dimension": _("Ange i vilken dimension objekten finns, t.ex. 1 för kostnadsställe.")}
        )
    return Regel(
        rad_id=rad_id, namn=namn, intervall=tuple(intervall), dimension=dimension, objekt=koder
    )


@dataclass(frozen=True)
class Regel:
    """One budget line's mapping."""

    rad_id: int
    namn: str
    intervall: tuple[tuple[int, int], ...]
    dimension: int | None = None
    objekt: tuple[str, ...] = ()

    def har_konto(self, konto: str | int) -> bool:
        try:
            nr = int(konto)
        except (TypeError, ValueError):
            return False
        return any(fran <= nr <= till for fran, till in self.intervall)

    def traffar(self, konto: str | int, objekt: Mapping[int, str]) -> bool:
        """Whether an amount on `konto` carrying `objekt` ({dimension: kod}) counts here."""
        if not self.har_konto(konto):
            return False
        if self.dimension is None:
            return True
        return objekt.get(self.dimension) in self.objekt

    @property
    def konton_text(self) -> str:
        return visa_intervall(self.intervall)


def _gemensamma_konton(a: Regel, b: Regel) -> list[tuple[int, int]]:
    ut = []
    for a_fran, a_till in a.intervall:
        for b_fran, b_till in b.intervall:
            fran, till = max(a_fran, b_fran), min(a_till, b_till)
            if fran <= till:
                ut.append((fran, till))
    return ut


def krock(a: Regel, b: Regel) -> str | None:
    """Why `a` and `b` could count one amount twice (a Swedish sentence), or None."""
    gemensamma = _gemensamma_konton(a, b)
    if not gemensamma:
        return None
    varden = {"a": a.namn, "b": b.namn, "konton": visa_intervall(gemensamma)}
    if a.dimension is None or b.dimension is None:
        return (
            _(
                "Raderna %(a)s och %(b)s tar båda konto %(konton)s, och minst en av dem tar "
                "alla objekt. Ett belopp skulle räknas två gånger."
            )
            % varden
        )
    if a.dimension == b.dimension:
        delade = [k for k in a.objekt if k in b.objekt]
        if not delade:
            return None
        return _(
            "Raderna %(a)s och %(b)s tar båda konto %(konton)s med objekt %(objekt)s i "
            "dimension %(dim)d. Ett belopp skulle räknas två gånger."
        ) % {**varden, "objekt": ", ".join(delade), "dim": a.dimension}
    return _(
        "Raderna %(a)s och %(b)s tar båda konto %(konton)s, den ena efter dimension "
        "%(da)d och den andra efter dimension %(db)d. Ett belopp med objekt i båda "
        "dimensionerna skulle räknas två gånger: använd samma dimension eller skilda konton."
    ) % {**varden, "da": a.dimension, "db": b.dimension}


def krockar(regler: Sequence[Regel]) -> list[str]:
    """Every collision between two of `regler`, as Swedish sentences."""
    ut = []
    for i, a in enumerate(regler):
        for b in regler[i + 1 :]:
            fel = krock(a, b)
            if fel:
                ut.append(fel)
    return ut


def regel_for(regler: Sequence[Regel], konto: str | int, objekt: Mapping[int, str]) -> Regel | None:
    """The rule an amount counts on (at most one, since rules do not collide)."""
    for r in regler:
        if r.traffar(konto, objekt):
            return r
    return None
