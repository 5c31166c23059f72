"""Import of budget amounts, utfall and prognos from an Excel file: all or nothing.

    wb, filename = import_template(forbund=forbund, mal=mal_for(version))   # the file to fill
    plan = import_parse(forbund=forbund, data=xlsx_bytes)     # validate, list the changes
    plan.fel                                                 # every error, row by row
    import_apply(forbund=forbund, data=xlsx_bytes, expected_version=plan.mal.lock_version)

The file names its target (a budget version or an Utfallsperiod) on the sheet "Om filen", so
it cannot be applied to another förbund or target. `import_apply` re-validates the file and
writes in one transaction, refused (ConflictError) when the target was changed after
`expected_version` was read. The format is described in docs/import.md.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from budget.forms import MAX_BELOPP, parse_belopp
from budget.models import (
    Budgetbelopp,
    Budgetgrupp,
    Budgetrad,
    Budgetversion,
    Utfallsperiod,
    Utfallsrad,
)
from budget.services import budgetbelopp_save
from finsam import formatting
from finsam.concurrency import ConflictError, bump_locked
from finsam.excel import Kolumn, Rad, ny_arbetsbok, skriv_tabell
from finsam.models import Forbund

#: Far above a filled-in template (a few kB) and small enough to keep in the session.
MAX_BYTES = 2 * 1024 * 1024
#: Rows read per sheet; a template has one row per budget line.
MAX_RADER = 5000

INFO_BLAD = "Om filen"
BUDGET_BLAD = "Budget"
UTFALL_BLAD = "Utfall"

RAD_ID = "Rad-id"
GRUPP = "Grupp"
RAD = "Rad"
BELOPP = "Belopp (kr)"
INTAKT = "Utfall intäkter"
KOSTNAD = "Utfall kostnader"
PROGNOS = "Prognos helår"
KOMMENTAR = "Kommentar"
BUDGET_KOLUMNER = [RAD_ID, GRUPP, RAD, BELOPP]
UTFALL_KOLUMNER = [RAD_ID, GRUPP, RAD, INTAKT, KOSTNAD, PROGNOS, KOMMENTAR]
#: Columns the import reads; Grupp and Rad only help the reader of the file.
BUDGET_LASES = [RAD_ID, BELOPP]
UTFALL_LASES = [RAD_ID, INTAKT, KOSTNAD, PROGNOS, KOMMENTAR]

# Keys on the sheet "Om filen" (column Uppgift) and their values (column Värde).
UPPGIFT, VARDE = "Uppgift", "Värde"
NYCKEL_FORBUND = "Förbund"
NYCKEL_MAL = "Mål"
NYCKEL_ID = "Id"
NYCKEL_DATUM = "Datum"
MAL_VERSION = "budgetversion"
MAL_PERIOD = "utfallsperiod"

STATUS_NY = "ny"
STATUS_ANDRAD = "andrad"
STATUS_BORTTAGEN = "borttagen"
STATUS_OFORANDRAD = "oforandrad"


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Importfel:
    """One error, named by sheet, row and column where the file has them."""

    text: str
    blad: str | None = None
    rad: int | None = None
    kolumn: str | None = None

    def __str__(self) -> str:
        plats = []
        if self.blad:
            plats.append(_("Blad %(blad)s") % {"blad": self.blad})
        if self.rad:
            plats.append(_("rad %(rad)d") % {"rad": self.rad})
        if self.kolumn:
            plats.append(_("kolumn %(kolumn)s") % {"kolumn": self.kolumn})
        return f"{', '.join(plats)}: {self.text}" if plats else self.text


class ImportInvalid(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, fel: list[Importfel]):
        self.fel = fel
        super().__init__("\n".join(str(f) for f in fel))


@dataclass
class Mal:
    """The target of an import: a budget version or an Utfallsperiod of the förbund."""

    obj: Budgetversion | Utfallsperiod

    @property
    def typ(self) -> str:
        return MAL_VERSION if isinstance(self.obj, Budgetversion) else MAL_PERIOD

    @property
    def nyckel(self) -> str:
        """'version:12' or 'period:3', as the upload form and the session carry it."""
        return f"{'version' if self.typ == MAL_VERSION else 'period'}:{self.obj.pk}"

    @property
    def datum(self) -> date:
        return self.obj.beslutsdatum if self.typ == MAL_VERSION else self.obj.per

    @property
    def rubrik(self) -> str:
        if self.typ == MAL_VERSION:
            return str(self.obj)
        return _("Utfall %(period)s") % {"period": self.obj}

    @property
    def blad(self) -> str:
        return BUDGET_BLAD if self.typ == MAL_VERSION else UTFALL_BLAD

    @property
    def lock_version(self) -> int:
        return self.obj.lock_version


@dataclass(frozen=True)
class Utfallsvarden:
    intakt: int
    kostnad: int
    prognos: int | None
    kommentar: str


@dataclass
class Andring:
    """A line of the file: its stored value and the value the file gives (None: none)."""

    rad: Budgetrad
    radnummer: int
    fore: int | Utfallsvarden | None
    efter: int | Utfallsvarden | None

    @property
    def status(self) -> str:
        if self.fore == self.efter:
            return STATUS_OFORANDRAD
        if self.fore is None:
            return STATUS_NY
        if self.efter is None:
            return STATUS_BORTTAGEN
        return STATUS_ANDRAD


@dataclass
class Importplan:
    mal: Mal | None
    andringar: list[Andring] = field(default_factory=list)
    fel: list[Importfel] = field(default_factory=list)

    @property
    def andrade(self) -> list[Andring]:
        return [a for a in self.andringar if a.status != STATUS_OFORANDRAD]

    @property
    def oforandrade(self) -> int:
        return len(self.andringar) - len(self.andrade)


# --- targets -------------------------------------------------------------------------------


def mal_lookup(forbund: Forbund, nyckel: str) -> Mal | None:
    """The target 'version:12' or 'period:3' of the förbund, or None."""
    typ, _sep, pk = (nyckel or "").partition(":")
    if not pk.isdigit():
        return None
    model = {"version": Budgetversion, "period": Utfallsperiod}.get(typ)
    if model is None:
        return None
    obj = model.objects.filter(forbund=forbund, pk=int(pk)).first()
    return Mal(obj) if obj is not None else None


def mal_choices(forbund: Forbund) -> list[tuple[str, str]]:
    """Every target of the förbund, budget versions first, as (nyckel, rubrik)."""
    mal = [Mal(v) for v in Budgetversion.objects.filter(forbund=forbund)]
    mal += [Mal(p) for p in Utfallsperiod.objects.filter(forbund=forbund)]
    return [(m.nyckel, m.rubrik) for m in mal]


def _rader_i_ordning(forbund_id: int, med_varde: set[int]) -> list[tuple[Budgetrad, str]]:
    """(line, group name) as the budget table orders them: every open line in open groups,
    and every line in `med_varde` (it has a value in the target)."""
    grupper = list(Budgetgrupp.objects.filter(forbund_id=forbund_id).order_by("ordning", "pk"))
    rader = list(Budgetrad.objects.filter(forbund_id=forbund_id).order_by("ordning", "pk"))
    barn = defaultdict(list)
    for g in grupper:
        barn[g.overordnad_id].append(g)
    rader_i = defaultdict(list)
    for r in rader:
        rader_i[r.grupp_id].append(r)
    ut: list[tuple[Budgetrad, str]] = []
    sedda: set[int] = set()

    def besok(grupp, stangd):
        if grupp.pk in sedda:
            return
        sedda.add(grupp.pk)
        stangd = stangd or grupp.stangd
        delar = [(r.ordning, 0, r) for r in rader_i[grupp.pk]]
        delar += [(g.ordning, 1, g) for g in barn[grupp.pk]]
        for _ordning, slag, del_ in sorted(delar, key=lambda d: (d[0], d[1], d[2].pk)):
            if slag == 1:
                besok(del_, stangd)
            elif del_.pk in med_varde or not (stangd or del_.stangd):
                ut.append((del_, grupp.namn))

    for g in barn[None]:
        besok(g, False)
    return ut


def _befintliga(mal: Mal) -> dict[int, int | Utfallsvarden]:
    if mal.typ == MAL_VERSION:
        return dict(Budgetbelopp.objects.filter(version=mal.obj).values_list("rad_id", "belopp"))
    return {
        u.rad_id: Utfallsvarden(u.intakt, u.kostnad, u.prognos, u.kommentar)
        for u in Utfallsrad.objects.filter(period=mal.obj)
    }


# --- the template --------------------------------------------------------------------------


def import_template(*, forbund: Forbund, mal: Mal):
    """The file to fill in for `mal`, with today's values. Returns (Workbook, filename)."""
    befintliga = _befintliga(mal)
    wb = ny_arbetsbok()
    ws = wb.active
    ws.title = mal.blad
    text = Kolumn(RAD, typ="text", bredd=40)
    if mal.typ == MAL_VERSION:
        kolumner = [
            Kolumn(RAD_ID, typ="heltal", bredd=8),
            Kolumn(GRUPP, typ="text", bredd=30),
            text,
            Kolumn(BELOPP, bredd=16),
        ]
        undertitel = _(
            "Hela kronor, kostnader med minustecken. Ett tomt belopp tar bort radens belopp. "
            "Ändra inte Rad-id."
        )
    else:
        kolumner = [
            Kolumn(RAD_ID, typ="heltal", bredd=8),
            Kolumn(GRUPP, typ="text", bredd=30),
            text,
            Kolumn(INTAKT, bredd=16),
            Kolumn(KOSTNAD, bredd=16),
            Kolumn(PROGNOS, bredd=16),
            Kolumn(KOMMENTAR, typ="text", bredd=50),
        ]
        undertitel = _(
            "Hela kronor: intäkter 0 eller mer, kostnader 0 eller mindre (med minustecken), "
            "prognos helår netto. Ändra inte Rad-id."
        )
    rader = []
    for rad, grupp in _rader_i_ordning(forbund.pk, set(befintliga)):
        varde = befintliga.get(rad.pk)
        if mal.typ == MAL_VERSION:
            rader.append(Rad([rad.pk, grupp, rad.namn, varde]))
        elif varde is None:
            rader.append(Rad([rad.pk, grupp, rad.namn, None, None, None, None]))
        else:
            v = varde
            rader.append(
                Rad([rad.pk, grupp, rad.namn, v.intakt, v.kostnad, v.prognos, v.kommentar])
            )
    skriv_tabell(
        ws,
        rubrik=f"{mal.rubrik} – {forbund.namn}",
        kolumner=kolumner,
        rader=rader,
        undertitel=undertitel,
    )
    info = wb.create_sheet(INFO_BLAD)
    skriv_tabell(
        info,
        rubrik=INFO_BLAD,
        undertitel=_("Ändra inte det här bladet: det visar vart filen hör."),
        kolumner=[Kolumn(UPPGIFT, typ="text", bredd=20), Kolumn(VARDE, typ="text", bredd=50)],
        rader=[
            Rad([NYCKEL_FORBUND, forbund.slug]),
            Rad([_("Förbundets namn"), forbund.namn]),
            Rad([NYCKEL_MAL, mal.typ]),
            Rad([NYCKEL_ID, str(mal.obj.pk)]),
            Rad([NYCKEL_DATUM, mal.datum.isoformat()]),
            Rad([_("Avser"), mal.rubrik]),
            Rad([_("Skapad"), date.today().isoformat()]),
        ],
    )
    slag = "budget" if mal.typ == MAL_VERSION else "utfall"
    filename = f"import-{slag}-{forbund.slug}-{mal.datum.isoformat()}-{mal.obj.pk}.xlsx"
    return wb, filename


# --- reading -------------------------------------------------------------------------------


def _norm(value) -> str:
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()


def _visa(value) -> str:
    """A cell's value as the user sees it, for a message."""
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _belopp(value) -> int | None:
    """A cell as whole kronor; None for blank. Raises ValueError."""
    if value is None:
        return None
    if isinstance(value, bool | datetime | date):
        raise ValueError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        value = int(value)
    if isinstance(value, int):
        if abs(value) > MAX_BELOPP:
            raise ValueError(value)
        return value
    return parse_belopp(str(value))


def _heltal(value) -> int | None:
    """A cell as a positive id; None for blank. Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 0 < value < 2**31:
        return value
    if isinstance(value, str) and value.strip().isdigit() and 0 < int(value.strip()) < 2**31:
        return int(value.strip())
    raise ValueError(value)


def _rows(ws):
    """(row number, tuple of values) of a sheet, at most MAX_RADER + 1 rows."""
    for nummer, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if nummer > MAX_RADER + 1:
            return
        yield nummer, values


def _las_info(wb, forbund: Forbund, fel: list[Importfel]) -> Mal | None:
    """The target the sheet "Om filen" names, checked against the förbund."""
    if INFO_BLAD not in wb.sheetnames:
        fel.append(
            Importfel(
                _(
                    'Bladet "%(blad)s" saknas, så det går inte att se vilket förbund och '
                    "vilken budgetversion eller period filen gäller. Ladda ner mallen från "
                    "FINSAM och fyll i den."
                )
                % {"blad": INFO_BLAD}
            )
        )
        return None
    uppgifter: dict[str, tuple[int, object]] = {}
    for nummer, values in _rows(wb[INFO_BLAD]):
        if values and values[0] is not None:
            varde = values[1] if len(values) > 1 else None
            uppgifter.setdefault(_norm(values[0]), (nummer, varde))

    def uppgift(nyckel):
        if _norm(nyckel) not in uppgifter:
            fel.append(
                Importfel(_('uppgiften "%(nyckel)s" saknas.') % {"nyckel": nyckel}, blad=INFO_BLAD)
            )
            return None, None
        nummer, varde = uppgifter[_norm(nyckel)]
        return nummer, _visa(varde) if varde is not None else ""

    def fel_vid(nummer, text):
        fel.append(Importfel(text, blad=INFO_BLAD, rad=nummer, kolumn=VARDE))

    antal = len(fel)
    rad_f, slug = uppgift(NYCKEL_FORBUND)
    rad_m, typ = uppgift(NYCKEL_MAL)
    rad_i, pk = uppgift(NYCKEL_ID)
    rad_d, datum = uppgift(NYCKEL_DATUM)
    if len(fel) > antal:
        return None
    if slug != forbund.slug:
        fel_vid(
            rad_f,
            _('filen gäller förbundet "%(fil)s", inte "%(forbund)s".')
            % {"fil": slug, "forbund": forbund.slug},
        )
        return None
    if typ not in (MAL_VERSION, MAL_PERIOD):
        fel_vid(
            rad_m,
            _('"%(typ)s" är inte "%(version)s" eller "%(period)s".')
            % {"typ": typ, "version": MAL_VERSION, "period": MAL_PERIOD},
        )
        return None
    nyckel = f"{'version' if typ == MAL_VERSION else 'period'}:{pk}"
    mal = mal_lookup(forbund, nyckel)
    if mal is None:
        fel_vid(
            rad_i,
            _('förbundet har ingen %(typ)s med id "%(id)s".') % {"typ": typ, "id": pk},
        )
        return None
    if datum != mal.datum.isoformat():
        fel_vid(
            rad_d,
            _('datumet "%(datum)s" stämmer inte med %(mal)s (%(ratt)s).')
            % {"datum": datum, "mal": mal.rubrik, "ratt": mal.datum.isoformat()},
        )
        return None
    return mal


def _las_rader(wb, mal: Mal, rader: dict[int, Budgetrad], fel: list[Importfel]):
    """(row number, line, value) for each filled row of the target's sheet."""
    blad = mal.blad
    if blad not in wb.sheetnames:
        fel.append(
            Importfel(
                _('Bladet "%(blad)s" saknas i filen (den har %(finns)s).')
                % {"blad": blad, "finns": ", ".join(f'"{n}"' for n in wb.sheetnames)}
            )
        )
        return []
    lases = BUDGET_LASES if mal.typ == MAL_VERSION else UTFALL_LASES
    header = None
    index: dict[str, int] = {}
    ut = []
    sedda: dict[int, int] = {}
    tomt = True
    for nummer, values in _rows(wb[blad]):
        if nummer > MAX_RADER:
            fel.append(
                Importfel(_("filen har fler än %(max)d rader.") % {"max": MAX_RADER}, blad=blad)
            )
            break
        if header is None:
            namn = [_norm(v) for v in values]
            if _norm(RAD_ID) not in namn or nummer > 10:
                if nummer > 10:
                    break
                continue
            header = nummer
            for kolumn in lases:
                if _norm(kolumn) in namn:
                    index[kolumn] = namn.index(_norm(kolumn))
                else:
                    fel.append(
                        Importfel(
                            _("kolumnen saknas i rubrikraden."),
                            blad=blad,
                            rad=nummer,
                            kolumn=kolumn,
                        )
                    )
            if len(index) < len(lases):
                return []
            continue
        celler = {k: (values[i] if i < len(values) else None) for k, i in index.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in celler.values()):
            continue
        tomt = False
        rad = _las_rad(blad, nummer, celler, mal, rader, sedda, fel)
        if rad is not None:
            ut.append(rad)
    if header is None:
        fel.append(
            Importfel(
                _('rubrikraden med kolumnen "%(kolumn)s" saknas bland de första tio raderna.')
                % {"kolumn": RAD_ID},
                blad=blad,
            )
        )
    elif tomt and not fel:
        fel.append(Importfel(_("bladet har inga rader att importera."), blad=blad))
    return ut


def _las_rad(blad, nummer, celler, mal, rader, sedda, fel):
    def fel_vid(kolumn, text):
        fel.append(Importfel(text, blad=blad, rad=nummer, kolumn=kolumn))

    try:
        rad_id = _heltal(celler[RAD_ID])
    except ValueError:
        fel_vid(
            RAD_ID,
            _('"%(varde)s" är inte ett Rad-id (ett heltal från mallen).')
            % {"varde": _visa(celler[RAD_ID])},
        )
        rad_id = None
    else:
        if rad_id is None:
            fel_vid(RAD_ID, _("Rad-id saknas på en rad med värden."))
        elif rad_id not in rader:
            fel_vid(RAD_ID, _("förbundet har ingen budgetrad med id %(id)d.") % {"id": rad_id})
            rad_id = None
        elif rad_id in sedda:
            fel_vid(
                RAD_ID,
                _("raden %(id)d (%(namn)s) finns redan på rad %(forra)d.")
                % {"id": rad_id, "namn": rader[rad_id].namn, "forra": sedda[rad_id]},
            )
            rad_id = None
        else:
            sedda[rad_id] = nummer

    def belopp(kolumn):
        try:
            return _belopp(celler[kolumn]), True
        except ValueError:
            fel_vid(
                kolumn,
                _('"%(varde)s" är inte ett belopp i hela kronor.')
                % {"varde": _visa(celler[kolumn])},
            )
            return None, False

    if mal.typ == MAL_VERSION:
        varde, ok = belopp(BELOPP)
    else:
        intakt, ok_i = belopp(INTAKT)
        kostnad, ok_k = belopp(KOSTNAD)
        prognos, ok_p = belopp(PROGNOS)
        ok = ok_i and ok_k and ok_p
        if intakt is not None and intakt < 0:
            fel_vid(
                INTAKT,
                _("intäkter skrivs utan minustecken (0 eller mer), inte %(varde)s.")
                % {"varde": formatting.belopp(intakt)},
            )
            ok = False
        if kostnad is not None and kostnad > 0:
            fel_vid(
                KOSTNAD,
                _("kostnader skrivs med minustecken (0 eller mindre), inte %(varde)s.")
                % {"varde": formatting.belopp(kostnad)},
            )
            ok = False
        kommentar = celler[KOMMENTAR]
        kommentar = "" if kommentar is None else _visa(kommentar)
        if intakt is None and kostnad is None and prognos is None and not kommentar:
            varde = None
        else:
            varde = Utfallsvarden(intakt or 0, kostnad or 0, prognos, kommentar)
    if rad_id is None or not ok:
        return None
    return nummer, rader[rad_id], varde


def _oppna(data: bytes, fel: list[Importfel]):
    if not data:
        fel.append(Importfel(_("Filen är tom.")))
        return None
    if len(data) > MAX_BYTES:
        fel.append(
            Importfel(_("Filen är för stor (högst %(mb)d MB).") % {"mb": MAX_BYTES // 2**20})
        )
        return None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any unreadable file: not a zip, not an xlsx, corrupt parts …
        fel.append(
            Importfel(
                _(
                    "Filen går inte att läsa som en Excelfil (.xlsx). Ladda ner mallen, fyll "
                    "i den och spara den som Excel-arbetsbok."
                )
            )
        )
        return None


def import_parse(*, forbund: Forbund, data: bytes, forvantat_mal: str | None = None) -> Importplan:
    """Read and validate a file for `forbund`: every error, or every line and its change.

    With `forvantat_mal` ('version:12'), a file for another target is refused. Reads only.
    """
    fel: list[Importfel] = []
    wb = _oppna(data, fel)
    if wb is None:
        return Importplan(None, fel=fel)
    try:
        mal = _las_info(wb, forbund, fel)
        if mal is not None and forvantat_mal and mal.nyckel != forvantat_mal:
            valt = mal_lookup(forbund, forvantat_mal)
            fel.append(
                Importfel(
                    _("filen gäller %(fil)s, inte %(valt)s som du valde.")
                    % {"fil": mal.rubrik, "valt": valt.rubrik if valt else forvantat_mal},
                    blad=INFO_BLAD,
                )
            )
            mal = None
        if mal is None:
            return Importplan(None, fel=fel)
        rader = {r.pk: r for r in Budgetrad.objects.filter(forbund=forbund)}
        lasta = _las_rader(wb, mal, rader, fel)
    finally:
        wb.close()
    if fel:
        return Importplan(mal, fel=fel)
    befintliga = _befintliga(mal)
    andringar = [
        Andring(rad=rad, radnummer=nummer, fore=befintliga.get(rad.pk), efter=varde)
        for nummer, rad, varde in lasta
    ]
    return Importplan(mal, andringar=andringar)


# --- writing -------------------------------------------------------------------------------


def _konflikt(mal: Mal) -> ConflictError:
    return ConflictError(
        mal.obj,
        _(
            "%(mal)s har ändrats av någon annan sedan filen laddades upp. Ingenting är "
            "importerat. Ladda upp filen igen för att se vad som ändras nu."
        )
        % {"mal": mal.rubrik},
    )


def _skriv_utfall(period: Utfallsperiod, andringar: list[Andring]) -> None:
    befintliga = {
        u.rad_id: u
        for u in Utfallsrad.objects.filter(period=period, rad__in=[a.rad for a in andringar])
    }
    for a in andringar:
        obj = befintliga.get(a.rad.pk)
        if a.efter is None:
            if obj is not None:
                obj.delete()
            continue
        if obj is None:
            obj = Utfallsrad(period=period, rad=a.rad)
        obj.intakt = a.efter.intakt
        obj.kostnad = a.efter.kostnad
        obj.prognos = a.efter.prognos
        obj.kommentar = a.efter.kommentar
        # The period and the line are the förbund's own (checked when the file was read).
        obj.full_clean(exclude=["period", "rad"])
        obj.save()


@transaction.atomic
def import_apply(
    *,
    forbund: Forbund,
    data: bytes,
    expected_version: int | None = None,
    forvantat_mal: str | None = None,
) -> Importplan:
    """Validate the file again and write all its changes in one transaction.

    Raises ImportInvalid (nothing written) when the file has errors, and ConflictError when
    the target's lock_version is no longer `expected_version` (None: the one read now).
    """
    plan = import_parse(forbund=forbund, data=data, forvantat_mal=forvantat_mal)
    if plan.fel:
        raise ImportInvalid(plan.fel)
    mal = plan.mal
    version = mal.lock_version if expected_version is None else expected_version
    andrade = plan.andrade
    try:
        if not andrade:
            # Nothing to write, but a file read against an outdated target is still refused.
            if type(mal.obj).objects.filter(pk=mal.obj.pk, lock_version=version).exists():
                return plan
            raise ConflictError(mal.obj)
        if mal.typ == MAL_VERSION:
            budgetbelopp_save(
                version=mal.obj,
                belopp={a.rad.pk: a.efter for a in andrade},
                expected_version=version,
            )
        else:
            bump_locked(mal.obj, expected_version=version)
            _skriv_utfall(mal.obj, andrade)
    except ConflictError:
        raise _konflikt(mal) from None
    return plan
