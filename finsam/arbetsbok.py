"""Reading a workbook someone uploaded, safely: the checks and cell readers that every
Excel import of the app shares (an import of amounts, the onboarding workbook).

    fel: list[Importfel] = []
    wb = oppna(data, fel)                        # None, with the reason in fel, if refused
    for nummer, celler in rader(wb["Blad"], max_datarader()):
        f = formel(cell(celler, 2))              # a formula is refused, never evaluated
        if f is not None:
            fel.append(formelfel(f, "Blad", nummer, "Belopp"))
        kronor = belopp(varde(cell(celler, 2)))  # whole kronor or ValueError

`oppna` checks the zip container before openpyxl sees it (at most `max_uppackad()` bytes
uncompressed, a sane compression ratio, a bounded number of parts) and opens it read-only
without cached values, so a formula is seen as one. Errors are `Importfel`, named by sheet,
row and column; `ImportInvalid` carries them all.
"""

from __future__ import annotations

import gc
import io
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from finsam import formatting
from finsam.formatting import MAX_BELOPP, parse_belopp

#: Data rows (the rows under the header row) a sheet may have, unless settings say otherwise
#: (FINSAM_IMPORT_MAX_RADER); an import template has one row per line.
MAX_DATARADER = 50_000
#: The header row is looked for among the first rows of the sheet.
RUBRIK_INOM = 10
#: The packed file; far above a filled-in template (a few kB; 50 000 filled lines of a
#: period with comments, about 4 MB). The file is read once, at the upload, and not kept
#: (the session keeps what was read).
MAX_BYTES = 8 * 1024 * 1024
#: Uncompressed size of all parts of the zip together, unless settings say otherwise
#: (FINSAM_IMPORT_MAX_UNCOMPRESSED_BYTES). A template of 50 000 lines is about 15 MB.
MAX_UPPACKAD = 40 * 1024 * 1024
#: Parts of the zip; a template has about ten, a file saved by Excel some twenty.
MAX_DELAR = 200
#: A part larger than KVOT_FRAN bytes may unpack to at most MAX_KVOT times its packed size.
#: XML from Excel packs 5-20 times; a zip bomb packs up to 1000 times.
MAX_KVOT = 100
KVOT_FRAN = 1024 * 1024


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


def norm(value) -> str:
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()


def visa(value) -> str:
    """A cell's value as the user sees it, for a message."""
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def belopp(value) -> int | None:
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


def heltal(value) -> int | None:
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


class Olasbar(Exception):
    """A sheet's XML could not be read (openpyxl reads a read-only sheet while iterating)."""


def max_datarader() -> int:
    """The most data rows (under the header row) one file may have."""
    return getattr(settings, "FINSAM_IMPORT_MAX_RADER", MAX_DATARADER)


def rader(ws, max_rader: int):
    """(row number, tuple of cells) of a sheet, at most `max_rader` rows. Raises Olasbar
    when the sheet cannot be read."""
    rows = ws.iter_rows()
    nummer = 0
    while nummer < max_rader:
        try:
            celler = next(rows)
        except StopIteration:
            return
        except Exception as e:  # broken XML, a part that fails its CRC check …
            raise Olasbar from e
        nummer += 1
        yield nummer, celler


def cell(celler, index: int):
    return celler[index] if index < len(celler) else None


def varde(cell):
    return None if cell is None else cell.value


def formel(cell) -> str | None:
    """The formula a cell holds, or None. A text starting with "=" counts as one too,
    unless it carries Excel's quote prefix (typed as '=…, or written so by our own
    template): it would be a formula once someone edits the cell."""
    if cell is None or cell.value is None:
        return None
    if cell.data_type == "f":
        value = cell.value
        return str(getattr(value, "text", None) or value)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        style = getattr(cell, "style_array", None)
        if style is None or not style.quotePrefix:
            return cell.value
    return None


def formelfel(formel: str, blad: str, rad: int, kolumn: str) -> Importfel:
    visad = formel if len(formel) <= 60 else formel[:60] + "…"
    return Importfel(
        _(
            "cellen innehåller formeln %(formel)s. Importen räknar inte ut formler: skriv "
            "in värdet (kopiera cellen och klistra in den som värde)."
        )
        % {"formel": visad},
        blad=blad,
        rad=rad,
        kolumn=kolumn,
    )


def max_uppackad() -> int:
    return getattr(settings, "FINSAM_IMPORT_MAX_UNCOMPRESSED_BYTES", MAX_UPPACKAD)


def olasbar_fel() -> Importfel:
    return Importfel(
        _(
            "Filen går inte att läsa som en Excelfil (.xlsx). Ladda ner mallen, fyll "
            "i den och spara den som Excel-arbetsbok."
        )
    )


def _mb(antal: int) -> str:
    return formatting.decimal_sv(antal / 2**20, 1)


def kontrollera_zip(data: bytes) -> Importfel | None:
    """An error when the bytes are not a zip, or would unpack to too much: checked on the
    zip's directory only, before anything is unpacked. (Python's zipfile never unpacks a
    part beyond the size its directory states; a part that holds more fails its CRC check,
    so the stated sizes bound what openpyxl can read.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            delar = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return olasbar_fel()
    if len(delar) > MAX_DELAR:
        return Importfel(
            _(
                "Filen består av %(antal)d delar; en Excelfil från mallen har ett tiotal "
                "(högst %(max)d). Ladda ner mallen och fyll i den."
            )
            % {"antal": len(delar), "max": MAX_DELAR}
        )
    gransen = max_uppackad()
    uppackad = sum(d.file_size for d in delar)
    if uppackad > gransen:
        return Importfel(
            _(
                "Filen är för stor uppackad: %(mb)s MB (högst %(max)s MB). En ifylld mall är "
                "några hundra kB; kontrollera att det är rätt fil."
            )
            % {"mb": _mb(uppackad), "max": _mb(gransen)}
        )
    for d in delar:
        if d.file_size > KVOT_FRAN and d.file_size > MAX_KVOT * max(d.compress_size, 1):
            return Importfel(
                _(
                    "Filen är packad på ett sätt som inte liknar en Excelfil: delen "
                    '"%(del)s" packas upp från %(packad)s kB till %(uppackad)s MB. '
                    "Spara filen på nytt i Excel."
                )
                % {
                    "del": d.filename[:60],
                    "packad": max(d.compress_size // 1024, 1),
                    "uppackad": _mb(d.file_size),
                }
            )
    return None


def oppna(data: bytes, fel: list[Importfel]):
    if not data:
        fel.append(Importfel(_("Filen är tom.")))
        return None
    if len(data) > MAX_BYTES:
        fel.append(
            Importfel(_("Filen är för stor (högst %(mb)d MB).") % {"mb": MAX_BYTES // 2**20})
        )
        return None
    zipfel = kontrollera_zip(data)
    if zipfel is not None:
        fel.append(zipfel)
        return None
    try:
        # Not data_only: a formula cell is then seen as one (and refused), not as the
        # value Excel last computed.
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # any unreadable file: not an xlsx, corrupt parts …
        fel.append(olasbar_fel())
        return None


@contextmanager
def utan_skrapsamling():
    """Pause Python's cyclic garbage collector while a file is read, restored or written.
    Reading 50 000 rows makes about a million short-lived objects (cells, XML elements,
    model instances) that refcounting frees and that form no cycles; the collector would
    still scan the growing heap again and again (a quarter of the parse's time in
    `import_benchmark`). It runs again afterwards, also when the step fails."""
    pa = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if pa:
            gc.enable()
