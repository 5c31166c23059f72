"""Reads shared by the apps: the change history of a förbund's records."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

HISTORY_TYPE = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}


@dataclass
class Andring:
    tid: datetime
    anvandare: str
    typ: str
    modell: str
    objekt: str
    falt: list[tuple[str, str, str]]  # (fältnamn, från, till)
    orsak: str


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _andring(record, model) -> Andring:
    falt = []
    if record.history_type == "~":
        prev = record.prev_record
        if prev is not None:
            delta = record.diff_against(prev, excluded_fields=["lock_version"])
            falt = [(_field_label(model, c.field), str(c.old), str(c.new)) for c in delta.changes]
    user = record.history_user
    return Andring(
        tid=record.history_date,
        anvandare=(user.get_full_name() or user.username) if user else _("systemet"),
        typ=HISTORY_TYPE.get(record.history_type, record.history_type),
        modell=str(model._meta.verbose_name).capitalize(),
        objekt=str(record.history_object)
        if record.history_type != "-"
        else str(getattr(record, "namn", record.pk)),
        falt=falt,
        orsak=record.history_change_reason or "",
    )


def historik_for(obj, limit: int = 50) -> list[Andring]:
    """The history of one object, newest first."""
    model = type(obj)
    records = obj.history.select_related("history_user").order_by("-history_date")[:limit]
    return [_andring(r, model) for r in records]


def forbund_historik(forbund, limit: int = 100) -> list[Andring]:
    """The newest changes to any of the förbund's records, newest first."""
    from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
    from finsam.models import Befolkning, Forbund, Medlem
    from insatser.models import Bemanning, Beslut, Insats, Malomrade

    sources = [
        (Forbund, {"id": forbund.pk}),
        (Medlem, {"forbund_id": forbund.pk}),
        (Befolkning, {"medlem__forbund": forbund}),
        (Malomrade, {"forbund_id": forbund.pk}),
        (Insats, {"forbund_id": forbund.pk}),
        (Bemanning, {"insats__forbund": forbund}),
        (Beslut, {"insats__forbund": forbund}),
        (Budgetgrupp, {"forbund_id": forbund.pk}),
        (Budgetrad, {"forbund_id": forbund.pk}),
        (Budgetversion, {"forbund_id": forbund.pk}),
        (Budgetbelopp, {"version__forbund": forbund}),
    ]
    records = []
    for model, lookup in sources:
        for r in (
            model.history.filter(**lookup)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        ):
            records.append((r, model))
    records.sort(key=lambda rm: rm[0].history_date, reverse=True)
    return [_andring(r, m) for r, m in records[:limit]]


@dataclass
class Styrelsesammansattning:
    """The board and the auditors in office on a date."""

    datum: date
    ledamoter: list  # ordinarie, the chair first, then vice chair, then by member
    ersattare: list
    revisorer: list

    @property
    def ordforande(self):
        return next((v for v in self.ledamoter if v.uppdrag == "ordforande"), None)


def fortroendevalda_vid(forbund, datum: date) -> Styrelsesammansattning:
    """Who sat on the board and who audited on `datum`. One query."""
    from django.db.models import F, Q

    from finsam.models import Fortroendevald

    valda = list(
        Fortroendevald.objects.filter(forbund=forbund, fran__lte=datum)
        .filter(Q(till__isnull=True) | Q(till__gte=datum))
        .select_related("medlem")
        .order_by(F("medlem__ordning").asc(nulls_last=True), "ordning", "namn")
    )
    rang = {"ordforande": 0, "vice_ordforande": 1, "ledamot": 2}
    ledamoter = sorted((v for v in valda if v.uppdrag in rang), key=lambda v: rang[v.uppdrag])
    return Styrelsesammansattning(
        datum=datum,
        ledamoter=ledamoter,
        ersattare=[v for v in valda if v.uppdrag == "ersattare"],
        revisorer=[v for v in valda if v.uppdrag == "revisor"],
    )
