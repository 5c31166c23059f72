"""Writes for utfall and prognos: a period per date, and its lines' utfall, prognos and comment.

Views call these; nothing else writes. Amounts are whole kronor (int). Saving a period's
lines passes the period's `lock_version` the user loaded; an outdated one raises
`ConflictError` and nothing is saved.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import Utfallsperiod, Utfallsrad
from budget.services import egna_rader, i_urval, skriv_med_historik
from finsam.concurrency import bump_locked, check_version
from finsam.models import Forbund


@dataclass(frozen=True)
class Utfallsvarde:
    """What is typed for one line. Either `netto` (a delår: one amount, split by its sign) or
    `intakt` and `kostnad` (a bokslut). All blank and no comment removes the line's row."""

    netto: int | None = None
    intakt: int | None = None
    kostnad: int | None = None
    prognos: int | None = None
    kommentar: str = ""

    @property
    def tom(self) -> bool:
        return (
            self.netto is None
            and self.intakt is None
            and self.kostnad is None
            and self.prognos is None
            and not self.kommentar.strip()
        )


def _check_belopp(*varden) -> None:
    for v in varden:
        if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
            raise TypeError(f"Belopp ska vara hela kronor (int), inte {v!r}.")


def dela_netto(netto: int, befintlig: Utfallsrad | None = None) -> tuple[int, int]:
    """(intakt, kostnad) for a netto: a positive netto is an intäkt, a negative a kostnad,
    whatever the line's group (a refund on a cost line is stored as an intäkt). An unchanged
    netto keeps the stored split."""
    if befintlig is not None and befintlig.netto == netto:
        return befintlig.intakt, befintlig.kostnad
    return max(netto, 0), min(netto, 0)


@transaction.atomic
def utfallsperiod_create(
    *, forbund: Forbund, per: date, typ: str, anmarkning: str = ""
) -> Utfallsperiod:
    """A new period per `per`. A bokslut is always per 31 December; one period per date."""
    if typ == Utfallsperiod.Typ.BOKSLUT and (per.month, per.day) != (12, 31):
        raise ValidationError({"per": _("Ett bokslut görs alltid per den 31 december.")})
    if Utfallsperiod.objects.filter(forbund=forbund, per=per).exists():
        raise ValidationError(
            {"per": _("Det finns redan en utfallsperiod per %(per)s.") % {"per": per.isoformat()}}
        )
    period = Utfallsperiod(forbund=forbund, per=per, typ=typ, anmarkning=anmarkning)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def utfall_save(
    *, period: Utfallsperiod, varden: Mapping[int, Utfallsvarde], expected_version: int
) -> int:
    """Set the utfall, prognos and comment of a period's lines ({rad_id: Utfallsvarde}).
    Lines not in `varden` keep theirs. Returns how many lines changed.

    The whole save is refused (ConflictError) when someone else saved the period after
    `expected_version` was loaded. A save that changes no line writes nothing.
    """
    check_version(period, expected_version=expected_version)
    for v in varden.values():
        _check_belopp(v.netto, v.intakt, v.kostnad, v.prognos)
    egna = egna_rader(period.forbund_id, varden)
    if set(varden) - egna:
        raise ValidationError(_("Välj bara bland förbundets egna budgetrader."))
    befintliga = {u.rad_id: u for u in i_urval(period.rader.all(), "rad_id", varden)}
    andringar = {}
    for rad_id, v in varden.items():
        obj = befintliga.get(rad_id)
        if v.tom:
            if obj is not None:
                andringar[rad_id] = None
            continue
        if v.intakt is None and v.kostnad is None:
            intakt, kostnad = dela_netto(v.netto or 0, obj)
        else:
            intakt, kostnad = v.intakt or 0, v.kostnad or 0
        nytt = (intakt, kostnad, v.prognos, v.kommentar.strip())
        if obj is None or (obj.intakt, obj.kostnad, obj.prognos, obj.kommentar) != nytt:
            andringar[rad_id] = nytt
    if not andringar:
        return 0
    bump_locked(period, expected_version=expected_version)
    nya, andrade, borttagna = [], [], []
    for rad_id, nytt in andringar.items():
        obj = befintliga.get(rad_id)
        if nytt is None:
            borttagna.append(obj)
            continue
        if obj is None:
            obj = Utfallsrad(period=period, rad_id=rad_id)
            nya.append(obj)
        else:
            andrade.append(obj)
        obj.intakt, obj.kostnad, obj.prognos, obj.kommentar = nytt
        # Period and line are checked above; one row per line is kept by `befintliga`. The
        # sign constraints are checked here, not by one query each (Django's CheckConstraint
        # validation asks the database).
        obj.full_clean(exclude=["period", "rad"], validate_constraints=False)
        _check_tecken(obj)
    # One history row per changed line, written in bulk.
    skriv_med_historik(
        Utfallsrad,
        nya=nya,
        andrade=andrade,
        falt=["intakt", "kostnad", "prognos", "kommentar"],
        borttagna=borttagna,
        forbund_id=period.forbund_id,
        foralder="period_id",
    )
    return len(andringar)


def _check_tecken(obj: Utfallsrad) -> None:
    """The model's check constraints (intäkter ≥ 0, kostnader ≤ 0), with their messages."""
    for namn, brutet in (
        ("utfallsrad_intakt_ej_negativ", obj.intakt < 0),
        ("utfallsrad_kostnad_ej_positiv", obj.kostnad > 0),
    ):
        if brutet:
            constraint = next(c for c in Utfallsrad._meta.constraints if c.name == namn)
            raise ValidationError(constraint.get_violation_error_message())
