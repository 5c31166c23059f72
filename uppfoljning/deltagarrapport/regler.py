"""The rules a deltagarrapport's figures keep, pure: no database, no request.

A figure is keyed by (matt id, kön), with kön "" for a measure not split by kön. The rules
are the measures' own (`Matt.regel`, `Matt.jamfor_med`): a part at most its total, the
parts of a group adding up to it. `check_consistency` gives every broken rule of a figure
as a Swedish message at that figure, `check_sums` every group whose parts do not add up,
for the group's sum row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from uppfoljning.models import Kon, Matt

KON_ORDNING = [Kon.KVINNOR.value, Kon.MAN.value, Kon.ANNAT.value]

#: Plain-Swedish names for the standard measures inside a sentence (fallback: the name).
DEL_I_TEXT = {
    "nya": "Nya",
    "avslutade": "Avslutade",
    "langvarigt-stod": "De med offentlig försörjning i mer än 4 år",
}
HELHET_I_TEXT = {"deltagare": "deltagarna", "nya": "de nya", "avslutade": "de avslutade"}
GRUPP_I_TEXT = {
    "Ålder": "Åldersgrupperna",
    "Avslutsorsak": "Avslutsorsakerna",
    "Försörjning före insatsen": "Försörjningsslagen",
    "Högsta utbildning": "Utbildningsnivåerna",
    "Remitterad av": "De remitterande",
}


Key = tuple[int, str]  # (matt_id, kon) with kon "" for measures not split by kön


def keys_for(matt: Matt) -> list[Key]:
    return [(matt.pk, k) for k in KON_ORDNING] if matt.per_kon else [(matt.pk, "")]


def _kon_label(kon: str) -> str:
    return str(Kon(kon).label).lower() if kon else _("totalt")


def visa_varde(value: Decimal) -> str:
    """A figure as the form and the report show it: 12, 12,5 (no trailing zeros)."""
    value = Decimal(value)
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return text.replace(".", ",")


def _total(varden: dict, matt: Matt) -> Decimal:
    return sum((varden.get(k) or Decimal(0) for k in keys_for(matt)), Decimal(0))


def _comparisons(part: Matt, target: Matt):
    """Pairs of (kon, keys of the parts' side, key(s) of the target side)."""
    if part.per_kon and target.per_kon:
        return [(k, (part.pk, k), [(target.pk, k)]) for k in KON_ORDNING]
    return [("", None, keys_for(target))]


def required_on_submit(matt_list: list[Matt]) -> list[Matt]:
    """Counts others are compared with, and counts that stand alone, must be filled in."""
    targets = {m.jamfor_med_id for m in matt_list if m.jamfor_med_id}
    return [
        m
        for m in matt_list
        if m.slag == Matt.Slag.ANTAL and (m.pk in targets or m.jamfor_med_id is None)
    ]


def check_consistency(
    matt_list: list[Matt], varden: dict[Key, Decimal | None], *, okanda=frozenset()
) -> dict[Key, list[str]]:
    """The figures' rules that concern one figure, for a submitted report: {key: [message, …]}.

    Blank figures count as 0, except those in `required_on_submit`, which must be filled.
    regel "hogst": the part may not exceed its total (per kön when both are split); the
    message sits at the part. `okanda` are figures that could not be read (the form shows
    their own error): a rule that needs one of them is not checked, the others all are.
    The sums of the groups are `check_sums`.
    """
    errors: dict[Key, list[str]] = defaultdict(list)
    by_pk = {m.pk: m for m in matt_list}
    for m in required_on_submit(matt_list):
        for key in keys_for(m):
            if key not in okanda and varden.get(key) is None:
                errors[key].append(_("Fyll i antalet innan du skickar in (0 om inga)."))
    for part in matt_list:
        target = by_pk.get(part.jamfor_med_id)
        if target is None or part.regel != Matt.Regel.HOGST:
            continue
        for kon, _pkey, tkeys in _comparisons(part, target):
            pkeys = [(part.pk, kon)] if kon else keys_for(part)
            if okanda.intersection(pkeys) or okanda.intersection(tkeys):
                continue
            value = varden.get((part.pk, kon)) if kon else _total(varden, part)
            value = value or Decimal(0)
            limit = sum((varden.get(k) or Decimal(0) for k in tkeys), Decimal(0))
            if value > limit:
                key = (part.pk, kon) if kon else keys_for(part)[-1]
                errors[key].append(
                    _("%(del)s kan inte vara fler än %(helhet)s (%(kon)s: %(a)s > %(b)s)")
                    % {
                        "del": DEL_I_TEXT.get(part.kod, part.namn),
                        "helhet": HELHET_I_TEXT.get(target.kod, target.namn.lower()),
                        "kon": _kon_label(kon),
                        "a": visa_varde(value),
                        "b": visa_varde(limit),
                    }
                )
    return dict(errors)


@dataclass(frozen=True)
class Summafel:
    """A group whose parts do not add up to their total, in one column: the kön ("" when
    the parts are compared on their totals). It belongs to the group's sum row, not to a
    figure: any of the rows may be the wrong one."""

    grupp: str
    delar: tuple[int, ...]  # the parts' matt ids, in order
    kon: str
    meddelande: str


def check_sums(
    matt_list: list[Matt], varden: dict[Key, Decimal | None], *, okanda=frozenset()
) -> list[Summafel]:
    """regel "summa": the parts of a group pointing at the same total add up to it, per kön
    when the parts and the total are split by kön, else on the totals. Blank figures count
    as 0; a column with a figure in `okanda` (unreadable) is not checked."""
    by_pk = {m.pk: m for m in matt_list}
    summa_grupper: dict[tuple[str, int], list[Matt]] = defaultdict(list)
    for part in matt_list:
        if part.regel == Matt.Regel.SUMMA and part.jamfor_med_id in by_pk:
            summa_grupper[(part.grupp, part.jamfor_med_id)].append(part)
    fel: list[Summafel] = []
    for (grupp, target_pk), parts in summa_grupper.items():
        target = by_pk[target_pk]
        if all(p.per_kon for p in parts) and target.per_kon:
            checks = [(k, [(p.pk, k) for p in parts], [(target.pk, k)]) for k in KON_ORDNING]
        else:
            checks = [("", [k for p in parts for k in keys_for(p)], keys_for(target))]
        for kon, pkeys, tkeys in checks:
            if okanda.intersection(pkeys) or okanda.intersection(tkeys):
                continue
            summa = sum((varden.get(k) or Decimal(0) for k in pkeys), Decimal(0))
            helhet = sum((varden.get(k) or Decimal(0) for k in tkeys), Decimal(0))
            if summa != helhet:
                meddelande = _(
                    "%(grupp)s ska tillsammans vara lika många som %(helhet)s: "
                    "%(a)s av %(b)s (%(kon)s)"
                ) % {
                    "grupp": GRUPP_I_TEXT.get(grupp, grupp),
                    "helhet": HELHET_I_TEXT.get(target.kod, target.namn.lower()),
                    "a": visa_varde(summa),
                    "b": visa_varde(helhet),
                    "kon": _kon_label(kon),
                }
                fel.append(Summafel(grupp, tuple(p.pk for p in parts), kon, meddelande))
    return fel
