"""The onboarding workbook: read, check, preview and apply all or nothing.

    plan = uppstart_parse(forbund=forbund, data=xlsx_bytes, filnamn="uppstart.xlsx")
    plan.fel                      # every error, named by sheet, row and column
    plan.andringar                # what would be created or changed, row by row
    sparad = plan.sparad()        # JSON-able, for the session
    plan = uppstart_restore(forbund=forbund, sparad=sparad)   # again, without the file
    uppstart_apply(forbund=forbund, plan=plan, anvandare=user)

The file is opened and its cells read with the Excel import's helpers
(budget.importer.services: the zip checks, formulas refused with the cell named, the row
cap), so both imports answer alike. A row is matched to what the förbund has by its name
(an insats by its kortnamn, a budget line by group and name); a matched row is changed,
another created, and nothing the workbook does not name is removed. Every write goes
through the owning app's services, in one transaction, each history row with the reason
"Uppstart från arbetsbok <filnamn>". The same walk over the rows (`_Korning`) both
previews (nothing written) and applies, so the preview shows exactly what is written;
an unchanged row writes nothing, so a re-upload of the same file changes nothing.

Also here: `struktur_kopiera`, the systemadministratör's copy of another förbund's
structure without its figures.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget import services as budget_services
from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from budget.tabeller import services as tabell_services
from finsam import arbetsbok, formatting
from finsam import services as finsam_services
from finsam.anvandare import services as anvandare_services
from finsam.arbetsbok import RUBRIK_INOM, Importfel, ImportInvalid, max_datarader
from finsam.concurrency import ConflictError
from finsam.historiklagring import MAX_ORSAK, historik_orsak
from finsam.models import Befolkning, Forbund, Medlem, User
from finsam.rapporter.uppstart import kolumner as k
from finsam.rapporter.uppstart import selectors
from insatser import services as insatser_services
from insatser.models import Bemanning, Insats, Malomrade
from uppfoljning.matt import services as matt_services

STATUS_NY = "ny"
STATUS_ANDRAD = "andrad"
STATUS_OFORANDRAD = "oforandrad"

__all__ = ["Importfel", "ImportInvalid", "uppstart_apply", "uppstart_parse", "uppstart_restore"]


def uppstart_orsak(filnamn: str) -> str:
    return (_("Uppstart från arbetsbok %(namn)s") % {"namn": filnamn})[:MAX_ORSAK]


# --- results -------------------------------------------------------------------------------


@dataclass
class Andring:
    """One row of the workbook and what it does."""

    blad: str
    rad: int
    text: str
    status: str
    falt: list[str] = field(default_factory=list)


@dataclass
class Uppstartsplan:
    filnamn: str
    #: {sheet: [(row number, {column: value as JSON})]}
    rader: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)
    fel: list[Importfel] = field(default_factory=list)
    andringar: list[Andring] = field(default_factory=list)

    @property
    def andrade(self) -> list[Andring]:
        return [a for a in self.andringar if a.status != STATUS_OFORANDRAD]

    @property
    def oforandrade(self) -> int:
        return len(self.andringar) - len(self.andrade)

    def per_blad(self) -> list[dict]:
        """Per sheet: how many rows are new, changed and unchanged."""
        antal = defaultdict(Counter)
        for a in self.andringar:
            antal[a.blad][a.status] += 1
        return [
            {
                "blad": b.namn,
                "nya": antal[b.namn][STATUS_NY],
                "andrade": antal[b.namn][STATUS_ANDRAD],
                "oforandrade": antal[b.namn][STATUS_OFORANDRAD],
            }
            for b in k.BLAD
        ]

    def fingeravtryck(self) -> str:
        """What the preview showed (every new or changed row): the apply refuses when the
        rows would now do something else (someone changed the förbund meanwhile)."""
        andrade = [[a.blad, a.rad, a.status, a.text, a.falt] for a in self.andrade]
        return hashlib.sha256(json.dumps(andrade, ensure_ascii=False).encode()).hexdigest()

    def sparad(self) -> dict:
        assert not self.fel
        return {"filnamn": self.filnamn, "rader": self.rader}


# --- reading cells -------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else arbetsbok.visa(value)


def _tal(kol: k.Kol, value):
    """A cell as the column's kind, JSON-able (dates ISO, decimals as str); None if blank.
    Raises ValueError with the message to show."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kol.typ in (k.TEXT, k.VAL, k.LISTA):
        return _text(value)
    if kol.typ == k.HELTAL:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*\d[\d\s]*", value):
            value = int(re.sub(r"\s", "", value))
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
            raise ValueError(
                _('"%(varde)s" är inte ett heltal.') % {"varde": arbetsbok.visa(value)}
            )
        return value
    if kol.typ == k.BELOPP:
        try:
            return arbetsbok.belopp(value)
        except ValueError:
            raise ValueError(
                _('"%(varde)s" är inte ett belopp i hela kronor.')
                % {"varde": arbetsbok.visa(value)}
            ) from None
    if kol.typ == k.DECIMAL:
        try:
            if isinstance(value, bool | datetime | date):
                raise InvalidOperation
            tal = Decimal(str(value).strip().replace(",", ".").replace(" ", ""))
            if not tal.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise ValueError(
                _('"%(varde)s" är inte ett tal (t.ex. 0,5).') % {"varde": arbetsbok.visa(value)}
            ) from None
        return str(tal.normalize() if tal == tal.to_integral() else tal)
    if kol.typ == k.DATUM:
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValueError(
                _('"%(varde)s" är inte ett datum (ÅÅÅÅ-MM-DD).') % {"varde": arbetsbok.visa(value)}
            ) from None
    raise AssertionError(kol.typ)


def _las_info(wb, forbund, fel) -> bool:
    if k.INFO not in wb.sheetnames:
        fel.append(
            Importfel(
                _(
                    'Bladet "%(blad)s" saknas, så det går inte att se vilket förbund '
                    "arbetsboken gäller. Ladda ner arbetsboken från FINSAM och fyll i den."
                )
                % {"blad": k.INFO}
            )
        )
        return False
    for nummer, celler in arbetsbok.rader(wb[k.INFO], 100):
        if arbetsbok.norm(arbetsbok.varde(arbetsbok.cell(celler, 0))) == arbetsbok.norm(
            k.NYCKEL_FORBUND
        ):
            cell = arbetsbok.cell(celler, 1)
            formel = arbetsbok.formel(cell)
            if formel is not None:
                fel.append(arbetsbok.formelfel(formel, k.INFO, nummer, k.VARDE))
                return False
            slug = _text(arbetsbok.varde(cell))
            if slug != forbund.slug:
                fel.append(
                    Importfel(
                        _('arbetsboken gäller förbundet "%(fil)s", inte "%(forbund)s".')
                        % {"fil": slug, "forbund": forbund.slug},
                        blad=k.INFO,
                        rad=nummer,
                        kolumn=k.VARDE,
                    )
                )
                return False
            return True
    fel.append(Importfel(_('uppgiften "%(n)s" saknas.') % {"n": k.NYCKEL_FORBUND}, blad=k.INFO))
    return False


def _las_blad(wb, blad: k.Blad, fel: list[Importfel]) -> list[tuple[int, dict]] | None:
    """(row number, {column: value}) of each filled row; type errors go to `fel`. None when
    the sheet or one of its columns is missing (its rows cannot be read at all)."""
    if blad.namn not in wb.sheetnames:
        fel.append(
            Importfel(
                _('Bladet "%(blad)s" saknas i arbetsboken. Ladda ner en ny arbetsbok.')
                % {"blad": blad.namn}
            )
        )
        return None
    max_rader = max_datarader()
    header = None
    index: dict[str, int] = {}
    ut = []
    forsta = arbetsbok.norm(blad.kolumner[0].rubrik)
    for nummer, celler in arbetsbok.rader(wb[blad.namn], RUBRIK_INOM + max_rader + 1):
        if header is None:
            namn = [arbetsbok.norm(arbetsbok.varde(c)) for c in celler]
            if forsta not in namn:
                if nummer >= RUBRIK_INOM:
                    break
                continue
            header = nummer
            for kol in blad.kolumner:
                if arbetsbok.norm(kol.rubrik) in namn:
                    index[kol.rubrik] = namn.index(arbetsbok.norm(kol.rubrik))
                else:
                    fel.append(
                        Importfel(
                            _("kolumnen saknas i rubrikraden."),
                            blad=blad.namn,
                            rad=nummer,
                            kolumn=kol.rubrik,
                        )
                    )
            if len(index) < len(blad.kolumner):
                return None
            continue
        if nummer - header > max_rader:
            fel.append(
                Importfel(
                    _("bladet har fler än %(max)d datarader.") % {"max": max_rader},
                    blad=blad.namn,
                )
            )
            break
        celler_i = {r: arbetsbok.cell(celler, i) for r, i in index.items()}
        formler = {r: arbetsbok.formel(c) for r, c in celler_i.items()}
        if any(formler.values()):
            for r, f in formler.items():
                if f is not None:
                    fel.append(arbetsbok.formelfel(f, blad.namn, nummer, r))
            continue
        varden = {r: arbetsbok.varde(c) for r, c in celler_i.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in varden.values()):
            continue
        rad = {}
        for kol in blad.kolumner:
            try:
                rad[kol.rubrik] = _tal(kol, varden[kol.rubrik])
            except ValueError as e:
                fel.append(Importfel(str(e), blad=blad.namn, rad=nummer, kolumn=kol.rubrik))
                rad[kol.rubrik] = None
                continue
            if kol.kravs and rad[kol.rubrik] is None:
                fel.append(
                    Importfel(
                        _("värde saknas; kolumnen måste fyllas i."),
                        blad=blad.namn,
                        rad=nummer,
                        kolumn=kol.rubrik,
                    )
                )
        ut.append((nummer, rad))
    if header is None:
        fel.append(
            Importfel(
                _('rubrikraden med kolumnen "%(kolumn)s" saknas bland de första tio raderna.')
                % {"kolumn": blad.kolumner[0].rubrik},
                blad=blad.namn,
            )
        )
    return ut


@arbetsbok.utan_skrapsamling()
def uppstart_parse(*, forbund: Forbund, data: bytes, filnamn: str = "") -> Uppstartsplan:
    """Read and check a workbook for `forbund`: every error, or every row and its change.
    Reads only."""
    plan = Uppstartsplan(filnamn=filnamn)
    wb = arbetsbok.oppna(data, plan.fel)
    if wb is None:
        return plan
    try:
        if not _las_info(wb, forbund, plan.fel):
            return plan
        for blad in k.BLAD:
            plan.rader[blad.namn] = _las_blad(wb, blad, plan.fel)
    except arbetsbok.Olasbar:
        return Uppstartsplan(filnamn=filnamn, fel=[Importfel(_("Filen går inte att läsa."))])
    finally:
        wb.close()
    if all(f.rad and f.kolumn for f in plan.fel) and None not in plan.rader.values():
        # Only cell errors: the walk over the rows adds the reference and duplicate errors,
        # so one upload names them all (a cell in error counts as blank there).
        _Korning(forbund, plan).kor()
    if plan.fel:
        plan.andringar = []
        plan.fel.sort(key=_felordning)
    return plan


def _felordning(fel: Importfel):
    """Errors in the workbook's order: sheet by sheet, row by row, column by column."""
    blad = {b.namn: i for i, b in enumerate(k.BLAD)}
    kolumner = {b.namn: [c.rubrik for c in b.kolumner] for b in k.BLAD}
    kol = kolumner.get(fel.blad, [])
    return (
        blad.get(fel.blad, -1),
        fel.rad or 0,
        kol.index(fel.kolumn) if fel.kolumn in kol else -1,
    )


def uppstart_restore(*, forbund: Forbund, sparad: dict) -> Uppstartsplan:
    """The plan `Uppstartsplan.sparad()` gave, checked again against what is stored now."""
    plan = Uppstartsplan(
        filnamn=sparad["filnamn"],
        rader={b: [(n, r) for n, r in rader] for b, rader in sparad["rader"].items()},
    )
    _Korning(forbund, plan).kor()
    return plan


@arbetsbok.utan_skrapsamling()
@transaction.atomic
def uppstart_apply(
    *,
    forbund: Forbund,
    plan: Uppstartsplan,
    anvandare: User,
    base_url: str | None = None,
    granskat: str | None = None,
) -> Uppstartsplan:
    """Write everything `plan` gives in one transaction. Raises ImportInvalid (nothing
    written) when the rows have errors now, or (with `granskat`, the preview's
    `fingeravtryck()`) when they would now do something other than the preview showed."""
    if plan.fel:
        raise ImportInvalid(plan.fel)
    kontroll = Uppstartsplan(filnamn=plan.filnamn, rader=plan.rader)
    _Korning(forbund, kontroll).kor()
    if kontroll.fel:
        raise ImportInvalid(kontroll.fel)
    if granskat is not None and kontroll.fingeravtryck() != granskat:
        raise ImportInvalid(
            [
                Importfel(
                    _(
                        "Förbundets uppgifter har ändrats sedan du granskade arbetsboken, så "
                        "den skulle nu ändra något annat. Ingenting är sparat. Ladda upp "
                        "arbetsboken igen och granska den på nytt."
                    )
                )
            ]
        )
    utford = Uppstartsplan(filnamn=plan.filnamn, rader=plan.rader)
    try:
        with transaction.atomic(), historik_orsak(uppstart_orsak(plan.filnamn)):
            _Korning(forbund, utford, skriv=True, anvandare=anvandare, base_url=base_url).kor()
            if utford.fel:  # a check only the database makes: undo everything
                raise ImportInvalid(utford.fel)
    except ValidationError as e:
        raise ImportInvalid([Importfel(t) for t in e.messages]) from None
    except ConflictError as e:
        raise ImportInvalid([Importfel(str(e))]) from None
    return utford


# --- the walk over the rows: preview and apply -----------------------------------------------


def _nyckel(text) -> str:
    return arbetsbok.norm(text)


def _fel_fran_validering(e: ValidationError, falt_till_kolumn: dict[str, str]):
    """(column or None, message) of each message of a model's ValidationError."""
    if hasattr(e, "error_dict"):
        for falt, fel in e.message_dict.items():
            for text in fel:
                yield falt_till_kolumn.get(falt), text
    else:
        for text in e.messages:
            yield None, text


class _Korning:
    """One walk over the workbook's rows in the order of `kolumner.BLAD`: each row is
    matched, checked, and (with `skriv`) written through the services. Without `skriv`,
    new objects are kept unsaved so later sheets can refer to them."""

    def __init__(self, forbund, plan, *, skriv=False, anvandare=None, base_url=None):
        self.forbund = forbund
        self.plan = plan
        self.skriv = skriv
        self.anvandare = anvandare
        self.base_url = base_url
        self.val = {
            namn: {_nyckel(label): v for v, label in lista} | {_nyckel(v): v for v, _l in lista}
            for namn, lista in selectors.vallistor().items()
        }

    # helpers

    def fel(self, blad, rad, kolumn, text):
        self.plan.fel.append(Importfel(text, blad=blad, rad=rad, kolumn=kolumn))

    def andring(self, blad, rad, text, ny, falt=()):
        status = STATUS_NY if ny else (STATUS_ANDRAD if falt else STATUS_OFORANDRAD)
        self.plan.andringar.append(Andring(blad, rad, text, status, list(falt)))

    def rader(self, blad: k.Blad):
        return self.plan.rader.get(blad.namn) or []

    def valt(self, blad, nummer, kol: k.Kol, varde):
        if varde is None:
            return None
        v = self.val[kol.lista].get(_nyckel(varde))
        if v is None:
            self.fel(
                blad.namn,
                nummer,
                kol.rubrik,
                _('"%(varde)s" finns inte i listan (%(val)s).')
                % {
                    "varde": varde,
                    "val": ", ".join(label for _v, label in selectors.vallistor()[kol.lista]),
                },
            )
        return v

    def dubblett(self, blad, nummer, kolumn, nyckel, sedda, visad):
        if nyckel in sedda:
            self.fel(
                blad.namn,
                nummer,
                kolumn,
                _('"%(namn)s" finns redan på rad %(rad)d.') % {"namn": visad, "rad": sedda[nyckel]},
            )
            return True
        sedda[nyckel] = nummer
        return False

    def referens(self, blad, nummer, kolumn, karta, varde, vad):
        if varde is None:
            return None
        obj = karta.get(_nyckel(varde))
        if obj is None:
            self.fel(
                blad.namn,
                nummer,
                kolumn,
                _('"%(varde)s" finns inte bland %(vad)s.') % {"varde": varde, "vad": vad},
            )
        return obj

    def kontrollera(self, obj, blad, nummer, falt_till_kolumn, exclude=()):
        """The model's own checks (lengths, formats, slut after start …) on a new or
        changed object, before anything is written; errors named by column."""
        try:
            obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
        except ValidationError as e:
            for kolumn, text in _fel_fran_validering(e, falt_till_kolumn):
                self.fel(blad.namn, nummer, kolumn, text)
            return False
        return True

    def spara(self, funktion, **kwargs):
        """Call a service when writing; its ValidationError is an error of the row."""
        if not self.skriv:
            return None
        return funktion(**kwargs)

    @staticmethod
    def skillnad(obj, varden: dict) -> list[str]:
        """Set `varden` on `obj`; the names of the fields that changed."""
        andrade = []
        for falt, varde in varden.items():
            if getattr(obj, falt, None) != varde:  # a missing relation is None
                setattr(obj, falt, varde)
                andrade.append(falt)
        return andrade

    # the walk

    def kor(self):
        self.medlemmar()
        self.folkmangd()
        self.malomraden()
        self.insatser()
        self.bemanning()
        self.budgetgrupper()
        self.budget()

    def medlemmar(self):
        blad = k.MEDLEMMAR
        fb = self.forbund
        befintliga = {_nyckel(m.namn): m for m in Medlem.objects.filter(forbund=fb)}
        self.medlem = dict(befintliga)
        sedda: dict[str, int] = {}
        ordning = max([m.ordning for m in befintliga.values()], default=0)
        kolumn = {"namn": "Namn", "kortnamn": "Kortnamn", "typ": "Typ"}
        for nummer, rad in self.rader(blad):
            namn = rad["Namn"]
            typ = self.valt(blad, nummer, blad.kol("Typ"), rad["Typ"])
            if namn is None or typ is None:
                continue
            if self.dubblett(blad, nummer, "Namn", _nyckel(namn), sedda, namn):
                continue
            medlem = befintliga.get(_nyckel(namn))
            ny = medlem is None
            if ny:
                ordning += 1
                medlem = Medlem(forbund=fb, ordning=ordning)
            version = medlem.lock_version
            andrade = self.skillnad(
                medlem, {"namn": namn, "kortnamn": rad["Kortnamn"] or "", "typ": typ}
            )
            if (ny or andrade) and self.kontrollera(medlem, blad, nummer, kolumn, ["forbund"]):
                self.spara(finsam_services.medlem_save, medlem=medlem, expected_version=version)
            self.andring(blad.namn, nummer, _("Medlem %(n)s") % {"n": namn}, ny, andrade)
            self.medlem[_nyckel(namn)] = medlem
        # A member may be named by its kortnamn too (when that is not another's name).
        for m in list(self.medlem.values()):
            if m.kortnamn:
                self.medlem.setdefault(_nyckel(m.kortnamn), m)

    def folkmangd(self):
        blad = k.FOLKMANGD
        befintliga = {
            (b.medlem_id, b.ar): b.antal
            for b in Befolkning.objects.filter(medlem__forbund=self.forbund)
        }
        sedda: dict = {}
        for nummer, rad in self.rader(blad):
            medlem = self.referens(
                blad, nummer, "Medlem", self.medlem, rad["Medlem"], _("förbundets medlemmar")
            )
            ar, antal = rad["År"], rad["Folkmängd"]
            if medlem is None or ar is None or antal is None:
                continue
            if not 2000 <= ar <= 2100:
                self.fel(blad.namn, nummer, "År", _("året ska vara mellan 2000 och 2100."))
                continue
            if self.dubblett(blad, nummer, "År", (id(medlem), ar), sedda, f"{medlem.namn} {ar}"):
                continue
            fore = befintliga.get((medlem.pk, ar)) if medlem.pk else None
            ny = fore is None
            if fore != antal:
                self.spara(finsam_services.befolkning_set, medlem=medlem, ar=ar, antal=antal)
            self.andring(
                blad.namn,
                nummer,
                _("Folkmängd %(m)s %(ar)d: %(antal)d")
                % {"m": medlem.namn, "ar": ar, "antal": antal},
                ny,
                ["antal"] if not ny and fore != antal else [],
            )

    def malomraden(self):
        blad = k.MALOMRADEN
        befintliga = {_nyckel(m.namn): m for m in Malomrade.objects.filter(forbund=self.forbund)}
        self.malomrade = dict(befintliga)
        sedda: dict = {}
        ordning = max([m.ordning for m in befintliga.values()], default=0)
        for nummer, rad in self.rader(blad):
            namn = rad["Namn"]
            if namn is None or self.dubblett(blad, nummer, "Namn", _nyckel(namn), sedda, namn):
                continue
            obj = befintliga.get(_nyckel(namn))
            ny = obj is None
            if ny:
                ordning += 1
                obj = Malomrade(forbund=self.forbund, ordning=ordning)
            version = obj.lock_version
            andrade = self.skillnad(obj, {"namn": namn, "beskrivning": rad["Beskrivning"] or ""})
            kolumn = {"namn": "Namn", "beskrivning": "Beskrivning"}
            if (ny or andrade) and self.kontrollera(obj, blad, nummer, kolumn, ["forbund"]):
                self.spara(
                    insatser_services.malomrade_save, malomrade=obj, expected_version=version
                )
            self.andring(blad.namn, nummer, _("Målområde %(n)s") % {"n": namn}, ny, andrade)
            self.malomrade[_nyckel(namn)] = obj

    def _medlemslista(self, blad, nummer, kolumn, text, bara_kommuner=False):
        ut = []
        for del_ in [d.strip() for d in (text or "").split(",") if d.strip()]:
            m = self.referens(blad, nummer, kolumn, self.medlem, del_, _("förbundets medlemmar"))
            if m is None:
                continue
            if bara_kommuner and m.typ != Medlem.Typ.KOMMUN:
                self.fel(blad.namn, nummer, kolumn, _('"%(m)s" är inte en kommun.') % {"m": del_})
                continue
            ut.append(m)
        return ut

    def _styrgrupp(self):
        """{insats key: [(row, user or None (new), e-mail, first, last)]} of sheet Styrgrupp,
        checked: an address of another förbund's user, or of a user with another role, is
        refused."""
        blad = k.STYRGRUPP
        anvandare = {
            u.email.casefold(): u
            for u in User.objects.filter(email__isnull=False).exclude(email="")
        }
        sedda: dict = {}
        ut = defaultdict(list)
        for nummer, rad in self.rader(blad):
            insats, epost = rad["Insats"], rad["E-post"]
            if insats is None or epost is None:
                continue
            epost = anvandare_services.normaliserad_epost(epost)
            if self.dubblett(
                blad, nummer, "E-post", (_nyckel(insats), epost.casefold()), sedda, epost
            ):
                continue
            if _nyckel(insats) not in self.insats_nycklar:
                self.fel(
                    blad.namn,
                    nummer,
                    "Insats",
                    _('"%(v)s" finns inte på bladet Insatser.') % {"v": insats},
                )
                continue
            user = anvandare.get(epost.casefold())
            if user is not None and (
                user.forbund_id != self.forbund.pk or user.roll != User.Roll.STYRGRUPP
            ):
                self.fel(
                    blad.namn,
                    nummer,
                    "E-post",
                    _(
                        "%(e)s är redan användare med en annan roll eller i ett annat förbund; "
                        "styrgruppen kan bara ha användare med rollen styrgrupp i förbundet."
                    )
                    % {"e": epost},
                )
                continue
            if user is None:
                try:
                    User(
                        username=epost,
                        email=epost,
                        first_name=rad["Förnamn"] or "",
                        last_name=rad["Efternamn"] or "",
                    ).full_clean(
                        exclude=["password"], validate_unique=False, validate_constraints=False
                    )
                except ValidationError as e:
                    kolumn = {
                        "email": "E-post",
                        "username": "E-post",
                        "first_name": "Förnamn",
                        "last_name": "Efternamn",
                    }
                    for kol, text in _fel_fran_validering(e, kolumn):
                        self.fel(blad.namn, nummer, kol, text)
                    continue
            ut[_nyckel(insats)].append(
                (nummer, user, epost, rad["Förnamn"] or "", rad["Efternamn"] or "")
            )
        return ut

    def insatser(self):
        blad = k.INSATSER
        fb = self.forbund
        befintliga = {
            _nyckel(i.slug): i
            for i in Insats.objects.filter(forbund=fb).prefetch_related(
                "kommuner", "deltagande_medlemmar", "styrgrupp"
            )
        }
        self.insats = dict(befintliga)
        self.insats_nycklar = {
            _nyckel(r["Kortnamn"]) for _n, r in self.rader(blad) if r["Kortnamn"]
        }
        styrgrupp = self._styrgrupp()
        nya_anvandare: dict[str, User] = {}
        sedda: dict = {}
        ordning = max([i.ordning for i in befintliga.values()], default=0)
        kolumn = {
            "slug": "Kortnamn",
            "namn": "Namn",
            "typ": "Typ",
            "malomrade": "Målområde",
            "status": "Status",
            "startdatum": "Startdatum",
            "slutdatum": "Slutdatum",
            "agare": "Ägare",
            "malgrupp": "Målgrupp",
            "beskrivning": "Beskrivning",
            "__all__": "Slutdatum",
        }
        for nummer, rad in self.rader(blad):
            slug = rad["Kortnamn"]
            antal_fel = len(self.plan.fel)
            typ = self.valt(blad, nummer, blad.kol("Typ"), rad["Typ"])
            status = self.valt(blad, nummer, blad.kol("Status"), rad["Status"])
            malomrade = self.referens(
                blad, nummer, "Målområde", self.malomrade, rad["Målområde"], _("målområdena")
            )
            agare = self.referens(
                blad, nummer, "Ägare", self.medlem, rad["Ägare"], _("förbundets medlemmar")
            )
            kommuner = self._medlemslista(blad, nummer, "Kommuner", rad["Kommuner"], True)
            deltagande = self._medlemslista(
                blad, nummer, "Deltagande medlemmar", rad["Deltagande medlemmar"]
            )
            if slug is None or self.dubblett(blad, nummer, "Kortnamn", _nyckel(slug), sedda, slug):
                continue
            if len(self.plan.fel) > antal_fel or None in (rad["Namn"], typ, malomrade):
                continue
            obj = befintliga.get(_nyckel(slug))
            ny = obj is None
            if ny:
                ordning += 1
                obj = Insats(forbund=fb, ordning=ordning, status=Insats.Status.PAGAENDE)
            version = obj.lock_version
            varden = {
                "slug": slug,
                "namn": rad["Namn"],
                "typ": typ,
                "malomrade": malomrade,
                "startdatum": date.fromisoformat(rad["Startdatum"]) if rad["Startdatum"] else None,
                "slutdatum": date.fromisoformat(rad["Slutdatum"]) if rad["Slutdatum"] else None,
                "agare": agare,
                "malgrupp": rad["Målgrupp"] or "",
                "beskrivning": rad["Beskrivning"] or "",
            }
            if status is not None:
                varden["status"] = status
            andrade = self.skillnad(obj, varden)
            # Links: as the row lists them; the styrgrupp gets the sheet's users added.
            fore = (
                {"kommuner": set(), "deltagande_medlemmar": set(), "styrgrupp": set()}
                if ny
                else {
                    "kommuner": {m.pk for m in obj.kommuner.all()},
                    "deltagande_medlemmar": {m.pk for m in obj.deltagande_medlemmar.all()},
                    "styrgrupp": {u.pk for u in obj.styrgrupp.all()},
                }
            )
            if {m.pk for m in kommuner} != fore["kommuner"] or None in {m.pk for m in kommuner}:
                andrade.append("kommuner")
            if {m.pk for m in deltagande} != fore["deltagande_medlemmar"] or None in {
                m.pk for m in deltagande
            }:
                andrade.append("deltagande_medlemmar")
            grupp = [] if ny else list(obj.styrgrupp.all())
            for rad_s, user, epost, fornamn, efternamn in styrgrupp.get(_nyckel(slug), []):
                ny_user = user is None
                if ny_user and self.skriv:
                    user = nya_anvandare.get(epost.casefold()) or anvandare_services.bjud_in(
                        forbund=fb,
                        epost=epost,
                        first_name=fornamn,
                        last_name=efternamn,
                        roll=User.Roll.STYRGRUPP,
                        inbjuden_av=self.anvandare,
                        base_url=self.base_url,
                    )
                    nya_anvandare[epost.casefold()] = user
                tillagd = ny_user or user.pk not in fore["styrgrupp"]
                if user is not None and user.pk not in {u.pk for u in grupp}:
                    grupp.append(user)
                if tillagd and "styrgrupp" not in andrade:
                    andrade.append("styrgrupp")
                text = (
                    _("%(e)s i styrgruppen för %(i)s (bjuds in)")
                    if ny_user
                    else _("%(e)s i styrgruppen för %(i)s")
                ) % {"e": epost, "i": slug}
                self.andring(k.STYRGRUPP.namn, rad_s, text, tillagd)
            if obj.startdatum and obj.slutdatum and obj.slutdatum < obj.startdatum:
                self.fel(blad.namn, nummer, "Slutdatum", _("slutdatum ligger före startdatum."))
                continue
            exclude = ["forbund", "malomrade", "agare"] if not self.skriv else ["forbund"]
            if (ny or andrade) and self.kontrollera(obj, blad, nummer, kolumn, exclude):
                self.spara(
                    insatser_services.insats_save,
                    insats=obj,
                    expected_version=version,
                    kommuner=kommuner,
                    deltagande_medlemmar=deltagande,
                    styrgrupp=grupp,
                )
            self.andring(blad.namn, nummer, _("Insats %(n)s") % {"n": rad["Namn"]}, ny, andrade)
            self.insats[_nyckel(slug)] = obj

    def bemanning(self):
        blad = k.BEMANNING
        befintliga = defaultdict(list)
        for b in Bemanning.objects.filter(insats__forbund=self.forbund).order_by("ordning", "pk"):
            befintliga[(b.insats_id, _nyckel(b.roll), b.arbetsgivare_id)].append(b)
        sedda: dict = {}
        ordning: dict = defaultdict(int)
        for b_list in befintliga.values():
            for b in b_list:
                ordning[b.insats_id] = max(ordning[b.insats_id], b.ordning)
        kolumn = {
            "roll": "Roll",
            "arsarbetare": "Årsarbetare",
            "arbetsgivare": "Anställd av",
            "finansierat_av_forbundet": "Varav finansierat av förbundet",
            "anmarkning": "Anmärkning",
            "__all__": "Varav finansierat av förbundet",
        }
        for nummer, rad in self.rader(blad):
            insats = self.referens(
                blad, nummer, "Insats", self.insats, rad["Insats"], _("förbundets insatser")
            )
            givare = self.referens(
                blad,
                nummer,
                "Anställd av",
                self.medlem,
                rad["Anställd av"],
                _("förbundets medlemmar"),
            )
            if (
                insats is None
                or givare is None
                or rad["Roll"] is None
                or rad["Årsarbetare"] is None
            ):
                continue
            nyckel = (id(insats), _nyckel(rad["Roll"]), id(givare))
            if self.dubblett(blad, nummer, "Roll", nyckel, sedda, f"{rad['Roll']} ({givare})"):
                continue
            traff = (
                befintliga.get((insats.pk, _nyckel(rad["Roll"]), givare.pk)) if insats.pk else None
            )
            obj = traff[0] if traff else None
            ny = obj is None
            if ny:
                plats = insats.pk or id(insats)
                ordning[plats] += 1
                obj = Bemanning(insats=insats, ordning=ordning[plats])
            version = obj.lock_version
            arsarbetare = Decimal(rad["Årsarbetare"])
            finansierat = Decimal(rad["Varav finansierat av förbundet"] or "0")
            andrade = self.skillnad(
                obj,
                {
                    "roll": rad["Roll"],
                    "arsarbetare": arsarbetare,
                    "arbetsgivare": givare,
                    "finansierat_av_forbundet": finansierat,
                    "anmarkning": rad["Anmärkning"] or "",
                },
            )
            if finansierat > arsarbetare:
                self.fel(
                    blad.namn,
                    nummer,
                    "Varav finansierat av förbundet",
                    _("kan inte vara fler årsarbetare än Årsarbetare."),
                )
                continue
            exclude = ["insats", "arbetsgivare"] if not self.skriv else []
            if (ny or andrade) and self.kontrollera(obj, blad, nummer, kolumn, exclude):
                if self.skriv:
                    obj.insats = insats  # saved by now
                self.spara(
                    insatser_services.bemanning_save, bemanning=obj, expected_version=version
                )
            self.andring(
                blad.namn,
                nummer,
                _("%(roll)s i %(insats)s") % {"roll": rad["Roll"], "insats": insats.slug},
                ny,
                andrade,
            )

    def budgetgrupper(self):
        blad = k.BUDGETGRUPPER
        befintliga = {}
        for g in Budgetgrupp.objects.filter(forbund=self.forbund).order_by("ordning", "pk"):
            befintliga.setdefault(_nyckel(g.namn), g)
        self.grupp = dict(befintliga)
        sedda: dict = {}
        rader = []
        ordning = max([g.ordning for g in befintliga.values()], default=0)
        for nummer, rad in self.rader(blad):
            namn = rad["Namn"]
            typ = self.valt(blad, nummer, blad.kol("Typ"), rad["Typ"])
            if namn is None or typ is None:
                continue
            if self.dubblett(blad, nummer, "Namn", _nyckel(namn), sedda, namn):
                continue
            obj = befintliga.get(_nyckel(namn))
            if obj is None:
                ordning += 1
                obj = Budgetgrupp(forbund=self.forbund, ordning=ordning)
            self.grupp[_nyckel(namn)] = obj
            rader.append((nummer, rad, obj, typ))
        # Parents are looked up after every row is read: a row may name a later one.
        foralder = {}
        for nummer, rad, obj, _typ in rader:
            over = rad["Överordnad grupp"]
            if over is None:
                foralder[id(obj)] = None
                continue
            g = self.referens(
                blad, nummer, "Överordnad grupp", self.grupp, over, _("budgetgrupperna")
            )
            if g is obj:
                self.fel(
                    blad.namn,
                    nummer,
                    "Överordnad grupp",
                    _("en grupp kan inte ligga under sig själv."),
                )
                g = None
            foralder[id(obj)] = g
        # A cycle (A under B under A) is refused, named at each of its rows.
        for nummer, _rad, obj, _typ in rader:
            sett, g = {id(obj)}, foralder.get(id(obj))
            while g is not None:
                if id(g) in sett:
                    self.fel(
                        blad.namn,
                        nummer,
                        "Överordnad grupp",
                        _("grupperna ligger under varandra i en ring."),
                    )
                    break
                sett.add(id(g))
                g = foralder.get(id(g), g.overordnad if g.pk else None)
        if self.plan.fel:
            return
        klara: set[int] = {id(g) for g in befintliga.values()} - {id(o) for _n, _r, o, _t in rader}
        kvar = list(rader)
        while kvar:
            antal = len(kvar)
            for post in [
                p for p in kvar if foralder[id(p[2])] is None or id(foralder[id(p[2])]) in klara
            ]:
                nummer, rad, obj, typ = post
                ny = obj.pk is None
                version = obj.lock_version
                andrade = self.skillnad(
                    obj,
                    {
                        "namn": rad["Namn"],
                        "typ": typ,
                        "summa_etikett": rad["Summarad"] or "",
                        "overordnad": foralder[id(obj)],
                    },
                )
                kolumn = {
                    "namn": "Namn",
                    "typ": "Typ",
                    "summa_etikett": "Summarad",
                    "overordnad": "Överordnad grupp",
                }
                exclude = ["forbund", "overordnad"] if not self.skriv else ["forbund"]
                if (ny or andrade) and self.kontrollera(obj, blad, nummer, kolumn, exclude):
                    self.spara(
                        budget_services.budgetgrupp_save, grupp=obj, expected_version=version
                    )
                self.andring(
                    blad.namn, nummer, _("Budgetgrupp %(n)s") % {"n": rad["Namn"]}, ny, andrade
                )
                klara.add(id(obj))
                kvar.remove(post)
            if len(kvar) == antal:  # never: cycles are refused above
                raise AssertionError("budgetgrupper i ring")

    def budget(self):
        blad_ar, blad = k.BUDGETAR, k.BUDGETRADER
        # The two years and their versions.
        ar: dict[str, dict] = {}
        for nummer, rad in self.rader(blad_ar):
            avser = {_nyckel(a): a for a in k.BELOPP_KOL}.get(_nyckel(rad["Avser"] or ""))
            if avser is None:
                self.fel(
                    blad_ar.namn,
                    nummer,
                    "Avser",
                    _('skriv "%(a)s" eller "%(b)s".') % {"a": k.FOREG, "b": k.IAR},
                )
                continue
            if avser in ar:
                self.fel(
                    blad_ar.namn,
                    nummer,
                    "Avser",
                    _('"%(a)s" finns redan på rad %(r)d.') % {"a": avser, "r": ar[avser]["rad"]},
                )
                continue
            if rad["År"] is None:
                continue
            if not 2000 <= rad["År"] <= 2100:
                self.fel(blad_ar.namn, nummer, "År", _("året ska vara mellan 2000 och 2100."))
                continue
            ar[avser] = {
                "rad": nummer,
                "ar": rad["År"],
                "datum": date.fromisoformat(rad["Beslutsdatum"]) if rad["Beslutsdatum"] else None,
                "paragraf": rad["Paragraf"] or "",
                "version": selectors.budgetversion(self.forbund, rad["År"]),
            }
        if len({a["ar"] for a in ar.values()}) < len(ar):
            self.fel(blad_ar.namn, ar[k.IAR]["rad"], "År", _("åren måste vara olika."))
            return
        # The lines.
        befintliga = {}
        for r in Budgetrad.objects.filter(forbund=self.forbund).order_by("ordning", "pk"):
            befintliga.setdefault((r.grupp_id, _nyckel(r.namn)), r)
        sedda: dict = {}
        ordning: dict = defaultdict(int)
        for r in befintliga.values():
            ordning[r.grupp_id] = max(ordning[r.grupp_id], r.ordning)
        belopp: dict[str, list] = defaultdict(list)
        kolumn = {"namn": "Rad", "kategori": "Kategori", "insats": "Insats", "grupp": "Grupp"}
        for nummer, rad in self.rader(blad):
            grupp = self.referens(
                blad, nummer, "Grupp", self.grupp, rad["Grupp"], _("budgetgrupperna")
            )
            kategori = self.valt(blad, nummer, blad.kol("Kategori"), rad["Kategori"])
            insats = self.referens(
                blad, nummer, "Insats", self.insats, rad["Insats"], _("förbundets insatser")
            )
            if grupp is None or rad["Rad"] is None:
                continue
            if rad["Kategori"] is not None and kategori is None:
                continue
            if rad["Insats"] is not None and insats is None:
                continue
            if self.dubblett(
                blad, nummer, "Rad", (id(grupp), _nyckel(rad["Rad"])), sedda, rad["Rad"]
            ):
                continue
            obj = befintliga.get((grupp.pk, _nyckel(rad["Rad"]))) if grupp.pk else None
            ny = obj is None
            if ny:
                plats = grupp.pk or id(grupp)
                ordning[plats] += 1
                obj = Budgetrad(forbund=self.forbund, grupp=grupp, ordning=ordning[plats])
            version = obj.lock_version
            andrade = self.skillnad(
                obj, {"namn": rad["Rad"], "kategori": kategori or "", "insats": insats}
            )
            exclude = ["forbund", "grupp", "insats"] if not self.skriv else ["forbund"]
            if (ny or andrade) and self.kontrollera(obj, blad, nummer, kolumn, exclude):
                if self.skriv:
                    obj.grupp = grupp
                self.spara(budget_services.budgetrad_save, rad=obj, expected_version=version)
            for avser, kol in k.BELOPP_KOL.items():
                if rad[kol] is not None and avser not in ar:
                    self.fel(
                        blad.namn,
                        nummer,
                        kol,
                        _("bladet Budgetår har inget år för %(a)s.") % {"a": avser.lower()},
                    )
                    continue
                if avser in ar:
                    belopp[avser].append((nummer, obj, rad[kol]))
            self.andring(
                blad.namn,
                nummer,
                _("Budgetrad %(g)s / %(r)s") % {"g": grupp.namn, "r": rad["Rad"]},
                ny,
                andrade,
            )
        # The amounts, per year: a version is created when the year has any.
        for avser, a in ar.items():
            version = a["version"]
            lista = belopp.get(avser, [])
            fore = (
                dict(Budgetbelopp.objects.filter(version=version).values_list("rad_id", "belopp"))
                if version
                else {}
            )
            andrade_belopp = [
                (n, r, v) for n, r, v in lista if (fore.get(r.pk) if r.pk else None) != v
            ]
            if version is None:
                if not any(v is not None for _n, _r, v in lista):
                    continue
                if a["datum"] is None:
                    self.fel(
                        blad_ar.namn,
                        a["rad"],
                        "Beslutsdatum",
                        _("beslutsdatum behövs för att skapa budgeten %(ar)d.") % {"ar": a["ar"]},
                    )
                    continue
                if self.skriv:
                    version = budget_services.budgetversion_create(
                        forbund=self.forbund,
                        typ=Budgetversion.Typ.BUDGET,
                        ar=a["ar"],
                        beslutsdatum=a["datum"],
                        paragraf=a["paragraf"],
                    )
                self.andring(blad_ar.namn, a["rad"], _("Budget %(ar)d") % {"ar": a["ar"]}, True)
            else:
                andrade = []
                if a["datum"] is not None and a["datum"] != version.beslutsdatum:
                    andrade.append("beslutsdatum")
                if a["datum"] is not None and a["paragraf"] != version.paragraf:
                    andrade.append("paragraf")
                if andrade:
                    v0 = version.lock_version
                    version.beslutsdatum, version.paragraf = a["datum"], a["paragraf"]
                    if self.skriv:
                        version = budget_services.budgetversion_save(
                            version=version, expected_version=v0
                        )
                self.andring(
                    blad_ar.namn, a["rad"], _("Budget %(ar)d") % {"ar": a["ar"]}, False, andrade
                )
            if self.skriv and andrade_belopp:
                budget_services.budgetbelopp_save(
                    version=version,
                    belopp={r.pk: v for _n, r, v in andrade_belopp},
                    expected_version=version.lock_version,
                )
            for n, r, v in andrade_belopp:
                ny = (fore.get(r.pk) if r.pk else None) is None
                self.andring(
                    blad.namn,
                    n,
                    _("Budget %(ar)d för %(r)s: %(v)s")
                    % {"ar": a["ar"], "r": r.namn, "v": "–" if v is None else formatting.belopp(v)},
                    ny,
                    ["belopp"],
                )


# --- the copy of another förbund's structure ---------------------------------------------------


class StrukturFinnsRedan(Exception):
    """The target förbund already has a structure of its own; nothing is copied."""


def kopiera_innehall(forbund: Forbund) -> list[str]:
    """What of the structure `forbund` already has (the copy needs an empty förbund)."""
    har = []
    if Budgetgrupp.objects.filter(forbund=forbund).exists():
        har.append(_("budgetgrupper"))
    if Malomrade.objects.filter(forbund=forbund).exists():
        har.append(_("målområden"))
    return har


@transaction.atomic
def struktur_kopiera(*, fran: Forbund, till: Forbund) -> dict[str, int]:
    """Copy `fran`'s structure to `till`: the budget tree (groups and lines, without any
    amount and without links to `fran`'s insatser), the målområden, the measures of the
    participant reports, and the documents' table structures. No figure is copied: no
    budget, utfall, medel, participant figures, members, insatser or users. Refused
    (StrukturFinnsRedan) when `till` already has budget groups or målområden."""
    if fran.pk == till.pk:
        raise ValidationError(_("Välj ett annat förbund att kopiera från."))
    har = kopiera_innehall(till)
    if har:
        raise StrukturFinnsRedan(", ".join(har))
    with historik_orsak((_("Struktur kopierad från %(namn)s") % {"namn": fran.namn})[:MAX_ORSAK]):
        grupper, rader = budget_services.budgettrad_kopiera(fran=fran, till=till)
        malomraden = insatser_services.malomraden_kopiera(fran=fran, till=till)
        matt = matt_services.matt_kopiera(fran=fran, till=till)
        strukturer = tabell_services.strukturer_kopiera(
            fran=fran, till=till, grupper=grupper, rader=rader
        )
    return {
        "budgetgrupper": len(grupper),
        "budgetrader": len(rader),
        "malomraden": malomraden,
        "matt": matt,
        "tabellstrukturer": strukturer,
    }
