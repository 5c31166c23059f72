"""Writes of the SIE area: a line's mapping, the utfall of a SIE file at a date, and the
bokslut of a year from a SIE file.

    kontomappning_save(rad=rad, konton="4000–6999", dimension=1, objekt="110",
                       expected_version=0)
    fil = sie_las(data)                            # SieImportFel with the file's line named
    plan = utfall_plan(forbund=forbund, fil=fil, per=date(2025, 12, 31), filnamn="x.se")
    utfall_apply(forbund=forbund, plan=plan, expected_version=plan.lock_version)
    bplan = bokslut_plan(forbund=forbund, fil=fil, filnamn="x.se")
    bokslut_apply(forbund=forbund, plan=bplan, expected_version=bplan.lock_version)

The writes go through the services the pages use (`utfall_save`, `bokslut_save`), in one
transaction, refused (ConflictError, nothing written) when the period or the bokslut was
changed after the plan was made. Their history rows carry the reason "Import från SIE-fil
<name>".
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.bokslut import selectors as bokslut_selectors
from budget.bokslut.services import Post, bokslut_save
from budget.models import Bokslut, Bokslutspost, Budgetrad, Kontomappning, Utfallsperiod
from budget.sie import kontoplan, selectors
from budget.sie.berakning import (
    KALLA_PSALDO,
    Berakning,
    Omappad,
    Radutfall,
    kalla_for,
    manadens_sista,
    utfall_per_rad,
)
from budget.sie.mappning import krock, las_regel
from budget.sie.parser import SieFel, SieFil, parse
from budget.utfall.services import Utfallsvarde, utfall_save, utfallsperiod_create
from finsam.concurrency import ConflictError, check_unlocked, check_version, save_locked
from finsam.historiklagring import MAX_ORSAK, historik_orsak
from finsam.models import Forbund

#: The largest file accepted (a year's verifikationer of a small förbund is well below).
MAX_BYTES = 20 * 1024 * 1024


def import_orsak(filnamn: str) -> str:
    return (_("Import från SIE-fil %(namn)s") % {"namn": filnamn})[:MAX_ORSAK]


# --- the mapping -----------------------------------------------------------------------------


@transaction.atomic
def kontomappning_save(
    *,
    rad: Budgetrad,
    konton: str,
    dimension: int | None,
    objekt: str,
    expected_version: int | None,
) -> Kontomappning | None:
    """Set `rad`'s mapping; blank `konton` removes it (returns None). Refused with a Swedish
    ValidationError when the text is malformed or an amount could count on this line and
    another; ConflictError when someone changed the mapping after `expected_version`."""
    befintlig = Kontomappning.objects.filter(rad=rad).first()
    if befintlig is not None:
        check_version(befintlig, expected_version=expected_version)
    if not (konton or "").strip():
        if befintlig is not None:
            befintlig.delete()
        return None
    ny = las_regel(rad_id=rad.pk, namn=rad.namn, konton=konton, dimension=dimension, objekt=objekt)
    andra = Kontomappning.objects.filter(forbund_id=rad.forbund_id).exclude(rad=rad)
    fel = [f for m in andra.select_related("rad") if (f := krock(ny, selectors.regel(m)))]
    if fel:
        raise ValidationError({"konton": fel})
    obj = befintlig or Kontomappning(forbund_id=rad.forbund_id, rad=rad)
    obj.konton = ny.konton_text
    obj.dimension = dimension
    obj.objekt = ", ".join(ny.objekt)
    obj.full_clean()
    return save_locked(obj, expected_version=expected_version or 0)


# --- reading a file --------------------------------------------------------------------------


class SieImportFel(Exception):
    """The file cannot be imported; `fel` are Swedish sentences naming the file's line."""

    def __init__(self, fel: list[str]):
        self.fel = fel
        super().__init__("\n".join(fel))


def _radnummer(fil: SieFil, etikett: str) -> int | None:
    """The 1-based line of the first `#ETIKETT` of the file (for a message)."""
    text = getattr(fil, "_text", None)
    if not text:
        return None
    for i, rad in enumerate(text.splitlines(), start=1):
        if rad.strip().upper().startswith(etikett.upper()):
            return i
    return None


def _pa_rad(fil, etikett, text):
    nr = _radnummer(fil, etikett)
    return _("Rad %(rad)d: %(text)s") % {"rad": nr, "text": text} if nr else text


def sie_las(data: bytes) -> SieFil:
    """The file parsed; SieImportFel when a record is malformed or the checksum is wrong."""
    if len(data) > MAX_BYTES:
        raise SieImportFel([_("Filen är för stor (högst %(mb)d MB).") % {"mb": MAX_BYTES // 2**20}])
    try:
        fil = parse(data)
    except SieFel as e:
        raise SieImportFel([str(e)]) from None  # "Rad 12: ..." (the parser names the line)
    # Kept for the line numbers of the refusals below (#RAR, #ORGNR); code page 437 maps
    # every byte, so this cannot fail.
    fil._text = data.decode("cp437")
    return fil


def _siffror(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def _kontrollera_orgnr(forbund: Forbund, fil: SieFil) -> list[str]:
    """The file must be the förbund's, when both state an organisationsnummer."""
    egen, filens = _siffror(forbund.organisationsnummer), _siffror(fil.orgnr)
    if egen and filens and egen != filens:
        return [
            _pa_rad(
                fil,
                "#ORGNR",
                _(
                    "Filen gäller organisationsnummer %(fil)s, men förbundets är %(egen)s. "
                    "Välj bokföringen för rätt organisation."
                )
                % {"fil": fil.orgnr, "egen": forbund.organisationsnummer},
            )
        ]
    return []


def _rakenskapsar(fil: SieFil) -> tuple[date, date] | None:
    return (fil.rar or {}).get(0)


# --- the utfall at a date --------------------------------------------------------------------


@dataclass
class Utfallsandring:
    rad: Budgetrad
    fore: tuple[int, int] | None  # (intakt, kostnad) stored now, None: no row
    efter: tuple[int, int]

    @property
    def andras(self) -> bool:
        # A line with nothing booked and no row keeps having no row (0 kr either way).
        if self.fore is None:
            return self.efter != (0, 0)
        return self.fore != self.efter

    @property
    def netto_fore(self) -> int | None:
        return None if self.fore is None else sum(self.fore)

    @property
    def netto_efter(self) -> int:
        return sum(self.efter)


@dataclass
class Utfallsplan:
    per: date
    filnamn: str
    berakning: Berakning
    period: Utfallsperiod | None  # None: created on apply
    andringar: list[Utfallsandring] = field(default_factory=list)
    omappade_rader: list[Budgetrad] = field(default_factory=list)  # lines with no mapping

    @property
    def lock_version(self) -> int | None:
        return None if self.period is None else self.period.lock_version

    @property
    def andrade(self) -> list[Utfallsandring]:
        return [a for a in self.andringar if a.andras]

    def sparad(self) -> dict:
        """JSON-able, for the session: what the file gave (`utfall_restore` rebuilds)."""
        b = self.berakning
        return {
            "per": self.per.isoformat(),
            "filnamn": self.filnamn,
            "kalla": b.kalla,
            "fil_summa": str(b.fil_summa),
            "rader": {str(k): [v.intakt, v.kostnad, str(v.summa)] for k, v in b.rader.items()},
            "omappade": [[o.konto, o.kontonamn, o.objekt, str(o.summa)] for o in b.omappade],
        }


def _period_typ(per: date) -> str:
    if (per.month, per.day) == (12, 31):
        return Utfallsperiod.Typ.BOKSLUT
    return Utfallsperiod.Typ.DELAR


def _plan(forbund: Forbund, per: date, filnamn: str, berakning: Berakning) -> Utfallsplan:
    period = Utfallsperiod.objects.filter(forbund=forbund, per=per).first()
    befintliga = {}
    if period is not None:
        befintliga = {u.rad_id: (u.intakt, u.kostnad) for u in period.rader.all()}
    rader = {r.pk: r for r in Budgetrad.objects.filter(forbund=forbund).select_related("grupp")}
    plan = Utfallsplan(per=per, filnamn=filnamn, berakning=berakning, period=period)
    for rad in sorted(rader.values(), key=lambda r: (r.grupp.ordning, r.grupp_id, r.ordning, r.pk)):
        ny = berakning.rader.get(rad.pk)
        if ny is None:
            if not rad.stangd:
                plan.omappade_rader.append(rad)
            continue
        plan.andringar.append(
            Utfallsandring(rad=rad, fore=befintliga.get(rad.pk), efter=(ny.intakt, ny.kostnad))
        )
    return plan


def utfall_plan(*, forbund: Forbund, fil: SieFil, per: date, filnamn: str) -> Utfallsplan:
    """Each mapped line's utfall per `per` from `fil`, beside what is stored. SieImportFel
    when the file is another organisation's, `per` is outside its financial year, or the
    file holds nothing to read the utfall from."""
    fel = _kontrollera_orgnr(forbund, fil)
    rar = _rakenskapsar(fil)
    if rar is None:
        fel.append(_("Filen saknar räkenskapsår (#RAR 0), så datumet kan inte kontrolleras."))
    elif not rar[0] <= per <= rar[1]:
        fel.append(
            _pa_rad(
                fil,
                "#RAR 0",
                _(
                    "Filen gäller räkenskapsåret %(fran)s–%(till)s, men utfallet ska vara per "
                    "%(per)s. Välj filen för rätt år."
                )
                % {"fran": rar[0].isoformat(), "till": rar[1].isoformat(), "per": per.isoformat()},
            )
        )
    if fel:
        raise SieImportFel(fel)
    if kalla_for(fil, per) == KALLA_PSALDO and not manadens_sista(per):
        raise SieImportFel(
            [
                _(
                    "Filen har periodsaldon (#PSALDO) för hela månader men inga verifikationer, "
                    "så utfallet kan bara räknas per en månads sista dag, t.ex. %(dag)s."
                )
                % {"dag": date(per.year, per.month, monthrange(per.year, per.month)[1]).isoformat()}
            ]
        )
    regler = selectors.regler(forbund)
    berakning = utfall_per_rad(fil, regler, per=per)
    if berakning.kalla is None:
        raise SieImportFel(
            [
                _(
                    "Filen har inga periodsaldon (#PSALDO) eller verifikationer (#VER) att läsa "
                    "utfallet ur, och årets resultat (#RES) räcker bara per årets sista dag."
                )
            ]
        )
    plan = _plan(forbund, per, filnamn, berakning)
    if plan.period is not None:
        try:  # an adopted report built on the period: say so now, not at the apply
            check_unlocked(plan.period)
        except ConflictError as e:
            raise SieImportFel([str(e)]) from None
    return plan


def utfall_restore(*, forbund: Forbund, sparad: dict) -> Utfallsplan:
    """The plan again from `Utfallsplan.sparad()`, against what is stored now."""
    b = Berakning(
        per=date.fromisoformat(sparad["per"]),
        kalla=sparad["kalla"],
        fil_summa=Decimal(sparad["fil_summa"]),
    )
    egna = set(Budgetrad.objects.filter(forbund=forbund).values_list("pk", flat=True))
    for rad_id, (intakt, kostnad, summa) in sparad["rader"].items():
        if int(rad_id) in egna:
            b.rader[int(rad_id)] = Radutfall(intakt=intakt, kostnad=kostnad, summa=Decimal(summa))
    b.omappade = [Omappad(k, n, o, Decimal(s)) for k, n, o, s in sparad["omappade"]]
    return _plan(forbund, b.per, sparad["filnamn"], b)


@transaction.atomic
def utfall_apply(
    *, forbund: Forbund, plan: Utfallsplan, expected_version: int | None
) -> Utfallsperiod:
    """Write the plan's utfall in one transaction through `utfall_save`, creating the period
    when the date has none. `expected_version` None: there was no period when the plan was
    made (one created since is a conflict). Prognos and comments are kept."""
    period = Utfallsperiod.objects.select_for_update().filter(forbund=forbund, per=plan.per).first()
    with historik_orsak(import_orsak(plan.filnamn)):
        if period is None:
            if expected_version is not None:
                raise ConflictError(
                    plan.per,
                    _(
                        "Utfallsperioden per %(per)s har tagits bort sedan filen laddades upp. "
                        "Ingenting är sparat."
                    )
                    % {"per": plan.per.isoformat()},
                )
            period = utfallsperiod_create(forbund=forbund, per=plan.per, typ=_period_typ(plan.per))
            expected_version = period.lock_version
        elif expected_version is None:
            raise ConflictError(
                period,
                _(
                    "Någon annan har skapat utfallsperioden per %(per)s sedan filen laddades upp. "
                    "Ingenting är sparat; ladda upp filen igen."
                )
                % {"per": plan.per.isoformat()},
            )
        befintliga = {u.rad_id: u for u in period.rader.all()}
        varden = {}
        for a in plan.andrade:
            obj = befintliga.get(a.rad.pk)
            varden[a.rad.pk] = Utfallsvarde(
                intakt=a.efter[0],
                kostnad=a.efter[1],
                prognos=obj.prognos if obj else None,
                kommentar=obj.kommentar if obj else "",
            )
        utfall_save(period=period, varden=varden, expected_version=expected_version)
    return period


# --- the bokslut of a year -------------------------------------------------------------------

#: The Bokslut fields a SIE file sets; the rest (kapitaltillskott, antal anställda, ...) stay.
BOKSLUT_FALT = (
    "finansiella_intakter",
    "finansiella_kostnader",
    "kassa_och_bank",
    "avsattningar_pensioner",
    "ingaende_eget_kapital",
)


@dataclass
class Faltandring:
    falt: str
    rubrik: str
    fore: int | None
    efter: int

    @property
    def andras(self) -> bool:
        return self.fore != self.efter


@dataclass
class Bokslutsplan:
    ar: int
    filnamn: str
    varden: kontoplan.Bokslutsvarden
    bokslut: Bokslut | None  # the stored one; None: created on apply
    falt: list[Faltandring] = field(default_factory=list)
    poster_fore: list[Bokslutspost] = field(default_factory=list)
    kontroller: list = field(default_factory=list)  # bokslut.selectors.Kontroll, after apply

    @property
    def lock_version(self) -> int | None:
        return None if self.bokslut is None else self.bokslut.lock_version

    def sparad(self) -> dict:
        v = self.varden
        return {
            "ar": self.ar,
            "filnamn": self.filnamn,
            "falt": v.falt,
            "fordringar": [[p.konto, p.namn, p.belopp] for p in v.fordringar],
            "skulder": [[p.konto, p.namn, p.belopp] for p in v.skulder],
            "ovriga": [[p.konto, p.namn, p.belopp] for p in v.ovriga],
        }


def _bokslutsplan(forbund, ar, filnamn, varden) -> Bokslutsplan:
    bokslut = Bokslut.objects.filter(forbund=forbund, ar=ar).first()
    plan = Bokslutsplan(ar=ar, filnamn=filnamn, varden=varden, bokslut=bokslut)
    for namn in BOKSLUT_FALT:
        rubrik = str(Bokslut._meta.get_field(namn).verbose_name)
        fore = getattr(bokslut, namn) if bokslut is not None else None
        plan.falt.append(
            Faltandring(namn, rubrik[:1].upper() + rubrik[1:], fore, varden.falt[namn])
        )
    if bokslut is not None:
        plan.poster_fore = list(bokslut.poster.order_by("typ", "ordning", "pk"))
    return plan


def bokslut_plan(*, forbund: Forbund, fil: SieFil, filnamn: str) -> Bokslutsplan:
    """The bokslut of the file's financial year (#RAR 0) by the Kommun-Bas groups, beside
    what is stored, with the bokslut page's checks run on the result (in a transaction that
    is rolled back). SieImportFel for another organisation's file or one without #RAR 0 or
    #UB 0."""
    fel = _kontrollera_orgnr(forbund, fil)
    rar = _rakenskapsar(fil)
    if rar is None:
        fel.append(_("Filen saknar räkenskapsår (#RAR 0)."))
    if not any(s.arsnr == 0 for s in fil.ub):
        fel.append(_("Filen har inga utgående balanser (#UB 0) att göra bokslutet av."))
    if fel:
        raise SieImportFel(fel)
    varden = kontoplan.bokslutsvarden(fil)
    plan = _bokslutsplan(forbund, rar[1].year, filnamn, varden)
    plan.kontroller = _provkontroller(forbund, plan)
    return plan


def bokslut_restore(*, forbund: Forbund, sparad: dict) -> Bokslutsplan:
    varden = kontoplan.Bokslutsvarden(
        falt={k: int(v) for k, v in sparad["falt"].items()},
        fordringar=[kontoplan.Kontopost(*p) for p in sparad["fordringar"]],
        skulder=[kontoplan.Kontopost(*p) for p in sparad["skulder"]],
        ovriga=[kontoplan.Kontopost(*p) for p in sparad["ovriga"]],
    )
    return _bokslutsplan(forbund, int(sparad["ar"]), sparad["filnamn"], varden)


class _Provning(Exception):
    pass


def _provkontroller(forbund: Forbund, plan: Bokslutsplan) -> list:
    """The bokslut page's checks as they would be after the import (nothing is kept)."""
    ut: list = []
    try:
        with transaction.atomic():
            _skriv_bokslut(forbund, plan, plan.lock_version)
            ars = bokslut_selectors.arsredovisning(forbund, plan.ar)
            ut = list(ars.kontroller) if ars is not None else []
            raise _Provning
    except _Provning:
        pass
    except ValidationError as e:
        raise SieImportFel(
            [_("Bokslutet kan inte sparas: %(fel)s") % {"fel": m} for m in e.messages]
        ) from None
    except ConflictError as e:  # e.g. the year is in an adopted årsredovisning
        raise SieImportFel([str(e)]) from None
    return ut


def _poster(plan: Bokslutsplan) -> list[Post]:
    """The note lines from the file; a stored line of the same typ and name keeps its id."""
    befintliga: dict[tuple[str, str], int] = {}
    for p in plan.poster_fore:
        befintliga.setdefault((p.typ, p.namn), p.pk)
    ut = []
    for typ, lista in (
        (Bokslutspost.Typ.FORDRAN, plan.varden.fordringar),
        (Bokslutspost.Typ.SKULD, plan.varden.skulder),
    ):
        for kp in lista:
            ut.append(
                Post(
                    typ=typ,
                    namn=kp.namn[:200],
                    belopp=kp.belopp,
                    pk=befintliga.pop((typ, kp.namn), None),
                )
            )
    return ut


def _skriv_bokslut(forbund, plan: Bokslutsplan, expected_version) -> Bokslut:
    bokslut = Bokslut.objects.filter(forbund=forbund, ar=plan.ar).first()
    if bokslut is None:
        if expected_version is not None:
            raise ConflictError(
                plan.ar,
                _("Bokslutet %(ar)d har tagits bort sedan filen laddades upp. Ingenting är sparat.")
                % {"ar": plan.ar},
            )
        bokslut = Bokslut(forbund=forbund, ar=plan.ar)
        expected_version = 0
    elif expected_version is None:
        raise ConflictError(
            bokslut,
            _(
                "Någon annan har lagt in bokslutet %(ar)d sedan filen laddades upp. Ingenting "
                "är sparat; ladda upp filen igen."
            )
            % {"ar": plan.ar},
        )
    for namn in BOKSLUT_FALT:
        setattr(bokslut, namn, plan.varden.falt[namn])
    return bokslut_save(bokslut=bokslut, poster=_poster(plan), expected_version=expected_version)


@transaction.atomic
def bokslut_apply(*, forbund: Forbund, plan: Bokslutsplan, expected_version: int | None) -> Bokslut:
    """Save the plan's bokslut through `bokslut_save`, all or nothing. `expected_version`
    None: there was no bokslut for the year when the plan was made."""
    with historik_orsak(import_orsak(plan.filnamn)):
        return _skriv_bokslut(forbund, plan, expected_version)


@transaction.atomic
def import_apply(
    *,
    forbund: Forbund,
    plan: Utfallsplan,
    expected_version: int | None,
    bokslutsplan: Bokslutsplan | None = None,
    bokslut_version: int | None = None,
) -> Utfallsperiod:
    """The utfall and (when given) the bokslut of one file, together: all or nothing."""
    period = utfall_apply(forbund=forbund, plan=plan, expected_version=expected_version)
    if bokslutsplan is not None:
        bokslut_apply(forbund=forbund, plan=bokslutsplan, expected_version=bokslut_version)
    return period
