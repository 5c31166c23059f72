"""Import of budget amounts, utfall and prognos from an Excel file: all or nothing.

    wb, filename = import_template(forbund=forbund, mal=mal_for(version))   # the file to fill
    plan = import_parse(forbund=forbund, data=xlsx_bytes)     # validate, list the changes
    plan.fel                                                 # every error, row by row
    sparad = plan.sparad()                                   # JSON-able, for the session
    plan = import_restore(forbund=forbund, sparad=sparad)    # again, without the file
    import_apply(forbund=forbund, plan=plan, expected_version=lock_version_at_upload)

The file names its target (a budget version or an Utfallsperiod) on the sheet "Om filen", so
it cannot be applied to another förbund or target. A file is read once: `import_parse`
checks the zip container before openpyxl sees it (at most `max_uppackad()` bytes
uncompressed, a sane compression ratio, a bounded number of parts), then reads every cell
the import uses; a formula is refused with the cell named, never evaluated or read as its
cached value. `import_apply` writes in one transaction through the services the pages use
(`budgetbelopp_save`, `utfall_save`), refused (ConflictError) when the target was changed
after `expected_version` was read. The format is described in
docs/import.md.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import (
    Budgetbelopp,
    Budgetgrupp,
    Budgetrad,
    Budgetversion,
    Utfallsperiod,
    Utfallsrad,
)
from budget.services import budgetbelopp_save
from budget.utfall.services import Utfallsvarde, utfall_save
from finsam import arbetsbok, formatting
from finsam.arbetsbok import (  # noqa: F401  (part of this module's interface)
    MAX_BYTES,
    MAX_DATARADER,
    RUBRIK_INOM,
    Importfel,
    ImportInvalid,
    max_datarader,
)
from finsam.concurrency import ConflictError
from finsam.excel import Kolumn, Rad, bladnamn, ny_arbetsbok, skriv_tabell
from finsam.models import Forbund

#: Rows of the sheet "Om filen" that are read (its keys are at the top).
MAX_INFORADER = 1_000
#: Longest comment, as on the utfall page.
MAX_KOMMENTAR = 2000

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


@dataclass
class Andring:
    """A line of the file: its stored value and the value the file gives (None: none)."""

    rad: Budgetrad
    radnummer: int
    fore: int | Utfallsvarde | None
    efter: int | Utfallsvarde | None

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

    def sparad(self) -> dict:
        """What the file gave, as JSON-able data for the session: the target and per line
        its row in the file and its new value. `import_restore` makes the plan again."""
        assert self.mal is not None and not self.fel
        return {
            "mal": self.mal.nyckel,
            "rader": [[a.rad.pk, a.radnummer, _till_json(a.efter)] for a in self.andringar],
        }


def _till_json(varde):
    if isinstance(varde, Utfallsvarde):
        return [varde.intakt, varde.kostnad, varde.prognos, varde.kommentar]
    return varde


def _fran_json(varde):
    if isinstance(varde, list):
        return _utfallsvarde(*varde)
    return varde


def _utfallsvarde(intakt: int, kostnad: int, prognos: int | None, kommentar: str):
    """A line's utfall as the file gives it: intäkter and kostnader, never a netto."""
    return Utfallsvarde(intakt=intakt, kostnad=kostnad, prognos=prognos, kommentar=kommentar)


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


def _befintliga(mal: Mal) -> dict[int, int | Utfallsvarde]:
    if mal.typ == MAL_VERSION:
        return dict(Budgetbelopp.objects.filter(version=mal.obj).values_list("rad_id", "belopp"))
    return {
        u.rad_id: _utfallsvarde(u.intakt, u.kostnad, u.prognos, u.kommentar)
        for u in Utfallsrad.objects.filter(period=mal.obj)
    }


# --- the template --------------------------------------------------------------------------


def import_template(*, forbund: Forbund, mal: Mal):
    """The file to fill in for `mal`, with today's values. Returns (Workbook, filename)."""
    befintliga = _befintliga(mal)
    wb = ny_arbetsbok()
    ws = wb.active
    ws.title = bladnamn(mal.blad)
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
    info = wb.create_sheet(bladnamn(INFO_BLAD, wb.sheetnames))
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
    # Only the four keys below are read; a formula there is refused, elsewhere ignored.
    uppgifter: dict[str, tuple[int, object]] = {}
    for nummer, celler in arbetsbok.rader(wb[INFO_BLAD], MAX_INFORADER):
        nyckel = arbetsbok.varde(arbetsbok.cell(celler, 0))
        if nyckel is not None:
            uppgifter.setdefault(arbetsbok.norm(nyckel), (nummer, arbetsbok.cell(celler, 1)))

    def uppgift(nyckel):
        if arbetsbok.norm(nyckel) not in uppgifter:
            fel.append(
                Importfel(_('uppgiften "%(nyckel)s" saknas.') % {"nyckel": nyckel}, blad=INFO_BLAD)
            )
            return None, None
        nummer, cell = uppgifter[arbetsbok.norm(nyckel)]
        formel = arbetsbok.formel(cell)
        if formel is not None:
            fel.append(arbetsbok.formelfel(formel, INFO_BLAD, nummer, VARDE))
            return None, None
        varde = arbetsbok.varde(cell)
        return nummer, arbetsbok.visa(varde) if varde is not None else ""

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
    max_rader = max_datarader()
    # The header row, then at most `max_rader` data rows; one more row shows there are more.
    for nummer, rad_celler in arbetsbok.rader(wb[blad], RUBRIK_INOM + max_rader + 1):
        if header is not None and nummer - header > max_rader:
            fel.append(
                Importfel(
                    _(
                        "bladet har fler än %(max)s datarader (rader under rubrikraden); "
                        "högst %(max)s går att importera från en fil. Dela upp filen."
                    )
                    % {"max": formatting.heltal(max_rader)},
                    blad=blad,
                )
            )
            break
        if header is None:
            namn = [arbetsbok.norm(arbetsbok.varde(c)) for c in rad_celler]
            if arbetsbok.norm(RAD_ID) not in namn or nummer > RUBRIK_INOM:
                if nummer > RUBRIK_INOM:
                    break
                continue
            header = nummer
            for kolumn in lases:
                if arbetsbok.norm(kolumn) in namn:
                    index[kolumn] = namn.index(arbetsbok.norm(kolumn))
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
        formler = {k: arbetsbok.formel(arbetsbok.cell(rad_celler, i)) for k, i in index.items()}
        if any(formler.values()):
            tomt = False
            for kolumn, formel in formler.items():
                if formel is not None:
                    fel.append(arbetsbok.formelfel(formel, blad, nummer, kolumn))
            continue
        celler = {k: arbetsbok.varde(arbetsbok.cell(rad_celler, i)) for k, i in index.items()}
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
        rad_id = arbetsbok.heltal(celler[RAD_ID])
    except ValueError:
        fel_vid(
            RAD_ID,
            _('"%(varde)s" är inte ett Rad-id (ett heltal från mallen).')
            % {"varde": arbetsbok.visa(celler[RAD_ID])},
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
            return arbetsbok.belopp(celler[kolumn]), True
        except ValueError:
            fel_vid(
                kolumn,
                _('"%(varde)s" är inte ett belopp i hela kronor.')
                % {"varde": arbetsbok.visa(celler[kolumn])},
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
        kommentar = "" if kommentar is None else arbetsbok.visa(kommentar)
        if len(kommentar) > MAX_KOMMENTAR:
            fel_vid(
                KOMMENTAR,
                _("kommentaren har %(antal)s tecken; högst %(max)s går.")
                % {
                    "antal": formatting.heltal(len(kommentar)),
                    "max": formatting.heltal(MAX_KOMMENTAR),
                },
            )
            ok = False
        if intakt is None and kostnad is None and prognos is None and not kommentar:
            varde = None
        else:
            varde = _utfallsvarde(intakt or 0, kostnad or 0, prognos, kommentar)
    if rad_id is None or not ok:
        return None
    return nummer, rader[rad_id], varde


@arbetsbok.utan_skrapsamling()
def import_parse(*, forbund: Forbund, data: bytes, forvantat_mal: str | None = None) -> Importplan:
    """Read and validate a file for `forbund`: every error, or every line and its change.

    With `forvantat_mal` ('version:12'), a file for another target is refused. Reads only.
    """
    fel: list[Importfel] = []
    wb = arbetsbok.oppna(data, fel)
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
    except arbetsbok.Olasbar:
        return Importplan(None, fel=[arbetsbok.olasbar_fel()])
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


@arbetsbok.utan_skrapsamling()
def import_restore(*, forbund: Forbund, sparad: dict) -> Importplan:
    """The plan `Importplan.sparad()` gave, with every line's value as stored now; the file
    is not read again. A target or line deleted since gives an error."""
    mal = mal_lookup(forbund, sparad.get("mal", ""))
    if mal is None:
        return Importplan(
            None, fel=[Importfel(_("Budgetversionen eller perioden finns inte längre."))]
        )
    # Every line of the förbund in one query, however many rows the file had.
    rader = {r.pk: r for r in Budgetrad.objects.filter(forbund=forbund)}
    fel = []
    andringar = []
    befintliga = _befintliga(mal)
    for pk, radnummer, efter in sparad["rader"]:
        rad = rader.get(pk)
        if rad is None:
            fel.append(
                Importfel(
                    _("budgetraden med id %(id)d finns inte längre.") % {"id": pk},
                    blad=mal.blad,
                    rad=radnummer,
                    kolumn=RAD_ID,
                )
            )
            continue
        andringar.append(
            Andring(rad=rad, radnummer=radnummer, fore=befintliga.get(pk), efter=_fran_json(efter))
        )
    if fel:
        return Importplan(mal, fel=fel)
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


@arbetsbok.utan_skrapsamling()
@transaction.atomic
def import_apply(
    *,
    forbund: Forbund,
    data: bytes | None = None,
    plan: Importplan | None = None,
    expected_version: int | None = None,
    forvantat_mal: str | None = None,
) -> Importplan:
    """Write all changes of `plan` (from `import_parse` or `import_restore`), or of the file
    `data` (read now), in one transaction.

    Raises ImportInvalid (nothing written) when the file has errors, and ConflictError when
    the target's lock_version is no longer `expected_version` (None: the one read now).
    """
    if plan is None:
        plan = import_parse(forbund=forbund, data=data, forvantat_mal=forvantat_mal)
    if plan.fel:
        raise ImportInvalid(plan.fel)
    mal = plan.mal
    if mal.obj.forbund_id != forbund.pk:
        raise ImportInvalid([Importfel(_("Filen gäller ett annat förbund."))])
    if forvantat_mal and mal.nyckel != forvantat_mal:
        raise ImportInvalid(
            [Importfel(_("filen gäller %(fil)s.") % {"fil": mal.rubrik}, blad=INFO_BLAD)]
        )
    version = mal.lock_version if expected_version is None else expected_version
    andrade = plan.andrade
    try:
        if not andrade:
            # Nothing to write, but a file read against an outdated target is still refused.
            if type(mal.obj).objects.filter(pk=mal.obj.pk, lock_version=version).exists():
                return plan
            raise ConflictError(mal.obj)
        # The same services as the pages' grids: one write path, the same checks.
        if mal.typ == MAL_VERSION:
            budgetbelopp_save(
                version=mal.obj,
                belopp={a.rad.pk: a.efter for a in andrade},
                expected_version=version,
            )
        else:
            # A line the file leaves blank (efter None) loses its row, as on the page.
            utfall_save(
                period=mal.obj,
                varden={a.rad.pk: a.efter or Utfallsvarde() for a in andrade},
                expected_version=version,
            )
    except ConflictError:
        raise _konflikt(mal) from None
    return plan
