"""Reads for the insatser pages: the grouped list, the detail tables and the history."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from finsam.selectors import HISTORY_TYPE, Andring
from insatser.models import Bemanning, Beslut, Insats, Malomrade

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


def per_malomrade(insatser: QuerySet[Insats]) -> list[tuple[Malomrade, list[Insats]]]:
    """The insatser grouped by målområde in the målområden's order, in a fixed query count."""
    rows = insatser.for_table().order_by(
        "malomrade__ordning", "malomrade__namn", "malomrade_id", "ordning", "namn"
    )
    return [(mo, list(group)) for mo, group in groupby(rows, key=lambda i: i.malomrade)]


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
    rader = list(insats.beslut.all())
    return Beslutstabell(rader=rader, summa_belopp=sum(r.belopp for r in rader))


# --- the change history of one insats, its bemanning and its beslut -------------------------


def _value_text(field, value) -> str:
    if field.many_to_many:
        # Rows of the through table, e.g. {"insats": Insats, "medlem": Medlem}.
        names = sorted(str(row.get("medlem")) for row in value or [])
        return ", ".join(names) or "–"
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _andring(record, model) -> Andring:
    falt = []
    if record.history_type == "~" and record.prev_record is not None:
        delta = record.diff_against(
            record.prev_record, excluded_fields=["lock_version"], foreign_keys_are_objs=True
        )
        for change in delta.changes:
            field = model._meta.get_field(change.field)
            falt.append(
                (
                    str(field.verbose_name),
                    _value_text(field, change.old),
                    _value_text(field, change.new),
                )
            )
    user = record.history_user
    return Andring(
        tid=record.history_date,
        anvandare=(user.get_full_name() or user.username) if user else str(_("systemet")),
        typ=HISTORY_TYPE.get(record.history_type, record.history_type),
        modell=str(model._meta.verbose_name).capitalize(),
        objekt=str(record.instance),
        falt=falt,
        orsak=record.history_change_reason or "",
    )


def insats_historik(insats: Insats, limit: int = 50) -> list[Andring]:
    """Changes to the insats, its bemanning and its beslut (also removed rows), newest first."""
    sources = [
        (Insats, insats.history.all()),
        (Bemanning, Bemanning.history.filter(insats_id=insats.pk)),
        (Beslut, Beslut.history.filter(insats_id=insats.pk)),
    ]
    records = []
    for model, qs in sources:
        latest = qs.select_related("history_user").order_by("-history_date")[:limit]
        records.extend((r, model) for r in latest)
    records.sort(key=lambda rm: rm[0].history_date, reverse=True)
    return [_andring(r, m) for r, m in records[:limit]]
