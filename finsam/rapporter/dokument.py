"""The registry of generated documents: one Dokumenttyp per kind, looked up by its code.

    typ = dokumenttyp("arsredovisning")
    rapport = typ.bygg(forbund, "2025")                   # raises RapportSaknas
    rapport = typ.bygg(forbund, "2025", utkast={"forord": "Nytt förord"})   # preview

A Dokumenttyp holds everything about its document: the builder and template, the texts
the kansli writes, the checklist's checks, what an adoption locks, the edition key, the
URLs (finsam/rapporter/urls.py makes them from here), the editions the Rapporter page
lists and the `manage.py rapport` subcommand. Everything that works on "any report" goes
through here: the generic views, the text editor with its live preview, the checklist,
fastställ with the archive and the locks, the commands.

An edition is identified by (förbund, kod, nyckel); `nyckel` is the same string stored in
Rapportutgava.nyckel and used in URLs: "2025" (verksamhetsplan, årsredovisning),
"2025-08-31" (delårsrapport), "<insats-slug>:2025-H1" (insatsrapport).

A fifth document is one module in this package that defines DOKUMENTTYP (found by
`typer()`, ordered by `ordning`) and one template.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import finsam.rapporter as rapporter_paket
from finsam import dataversion, permissions

#: An argument not given: the function reads it itself.
LAS = object()


@dataclass
class Innehall:
    """A line of a document's contents list (templates/rapporter/_innehall.html)."""

    nummer: str
    rubrik: str
    ankare: str
    niva: int = 1


@dataclass(frozen=True)
class Utgavegrupp:
    """Editions the Rapporter page lists together, newest first: [(rubrik, nyckel)], where
    a rubrik None is the edition's title. A group's `rubrik` None: the document's editions
    are one plain list."""

    rubrik: str | None
    utgavor: list[tuple[str | None, str]]


@dataclass(frozen=True)
class Kommando:
    """The document's subcommand of `manage.py rapport` (besides --forbund and --output)."""

    hjalp: str
    #: parser -> None: adds the document's own arguments
    add_arguments: Callable
    #: (forbund, options) -> nyckel; raises CommandError for an unusable argument
    nyckel: Callable


@dataclass(frozen=True)
class Dokumenttyp:
    #: stored in Rapportutgava.dokument; the subcommand of `manage.py rapport`.
    kod: str
    namn: str
    template: str
    #: (forbund, nyckel, *, utkast=None) -> rapport object; raises RapportSaknas, and
    #: ValueError for a malformed nyckel.
    bygg: Callable
    #: {avsnitt: rubrik} of the texts the kansli writes, in document order.
    avsnitt: dict[str, str]
    #: {avsnitt: default markdown}
    forvalda: dict[str, str]

    # --- the edition key -------------------------------------------------------------
    #: nyckel -> (ar, per) stored on the Rapportutgava
    ar_per: Callable[[str], tuple[int, date | None]]

    # --- URLs: rapporter/<url_segment>/<url_route> (name url_namn) and .../pdf/ ---------
    #: e.g. "verksamhetsplan": the URL's folder under rapporter/
    url_segment: str
    #: e.g. "<int:ar>/": the edition's part of the path (converters of django.urls or
    #: finsam.rapporter.urls), ending in "/"
    url_route: str
    #: URL name in the `finsam` namespace; the PDF is f"{url_namn}-pdf"
    url_namn: str
    #: the route's kwargs -> nyckel
    nyckel_fran_url: Callable[..., str]
    #: nyckel -> args for reverse() of the two URLs
    url_args: Callable[[str], list]

    # --- the Rapporter page ---------------------------------------------------------------
    #: forbund -> [Utgavegrupp]: the editions that can be made, newest first
    utgavor: Callable
    #: shown when there are none
    tom_text: str = ""
    #: forbund -> the newest edition to measure (rapport_benchmark); default: the first
    #: of `utgavor`
    senaste: Callable | None = None
    #: heading of the document on the Rapporter page (default: namn)
    listrubrik: str = ""
    #: a line under the heading
    beskrivning: str = ""

    # --- more of the URLs ----------------------------------------------------------------
    #: {name: converter class} the route uses beyond Django's own
    url_konverterare: dict[str, type] = field(default_factory=dict)

    # --- the command ------------------------------------------------------------------
    kommando: Kommando | None = None

    # --- checklist, fastställ ------------------------------------------------------------
    #: (forbund, rapport) -> [kontroller.Varning] of this document (the texts are checked
    #: for every document)
    kontroll: Callable | None = None
    #: (forbund, nyckel, *, med_figurer=False) -> the report as far as the checklist and the
    #: texts' figures need it (the start page counts the findings of three documents), else
    #: `bygg`; its findings must be the same (tests/finsam/rapporter/utgava/test_kontroller.py).
    #: `med_figurer`: every named figure, also when no text names one (the same figures as
    #: the whole report's: tests/finsam/rapporter/utgava/test_bygg_arbete.py)
    bygg_kontroll: Callable | None = None
    #: (forbund, nyckel) -> the stored objects the edition's figures come from, which an
    #: adoption locks (the edition itself is locked too)
    underlag: Callable | None = None

    #: nyckel -> "Årsredovisning 2025"
    titel: Callable[[str], str] | None = None
    #: (user, forbund, nyckel) -> may the user read this edition?
    kan_lasa: Callable | None = None
    #: True: a user who may not read the edition gets 404, as if it did not exist (the
    #: insatsrapport, for another insats's steering group); else 403.
    dold_for_obehoriga: bool = False
    #: where the Rapporter page and the command list the document (lowest first)
    ordning: int = 100

    @property
    def pdf_url_namn(self) -> str:
        return f"{self.url_namn}-pdf"

    def bygg_lagrad(self, forbund, nyckel: str, *, token=LAS):
        """`bygg(forbund, nyckel)`, kept under the data's token and today's date
        (finsam/dataversion.py): until anything is written, the document's pages and its PDF
        link find the built edition instead of building it again. Adoption and the PDF
        worker call `bygg` itself, and so does a preview of unsaved texts. `token`: the
        token the caller read before any of the data (dataversion.aktuell()), else read
        here."""
        return dataversion.hamta(
            ("rapport", forbund.pk, self.kod, nyckel, timezone.localdate()),
            lambda: self.bygg(forbund, nyckel),
            token=dataversion.aktuell() if token is LAS else token,
        )

    def bygg_arbete(self, forbund, nyckel: str, *, figurer: Callable | None = None):
        """The edition as far as the pages that work on it need it (the checklist,
        fastställ, the pictures, the text editor): `bygg_kontroll`, without what only the
        document shows (charts, board, notes…), kept like `bygg_lagrad` under its own key.
        Its edition (`utgava`) and findings are the whole report's. `figurer`
        ((typ, forbund, nyckel, rapport), e.g. finsam.rapporter.utgava.bilder.figurgrupper,
        for the text editor's picker): the report has every named figure, the whole
        report's, computed by it once and kept with the report (the registry keeps them on
        the report). Raises like `bygg`."""
        if self.bygg_kontroll is None:
            rapport = self.bygg_lagrad(forbund, nyckel)
            if figurer is not None:
                figurer(self, forbund, nyckel, rapport)
            return rapport

        def bygg():
            rapport = self.bygg_kontroll(forbund, nyckel, med_figurer=figurer is not None)
            if figurer is not None:
                figurer(self, forbund, nyckel, rapport)
            return rapport

        return dataversion.hamta(
            (
                "rapport-arbete",
                forbund.pk,
                self.kod,
                nyckel,
                figurer is not None,
                timezone.localdate(),
            ),
            bygg,
            token=dataversion.aktuell(),
        )

    def visa_url(self, nyckel: str) -> str:
        return reverse(f"finsam:{self.url_namn}", args=self.url_args(nyckel))

    def pdf_url(self, nyckel: str) -> str:
        return reverse(f"finsam:{self.pdf_url_namn}", args=self.url_args(nyckel))

    def rubrik(self, nyckel: str) -> str:
        return self.titel(nyckel) if self.titel else f"{self.namn} {nyckel}"

    def far_lasa(self, user, forbund, nyckel: str) -> bool:
        if forbund is None:
            return False
        if self.kan_lasa is not None:
            return self.kan_lasa(user, forbund, nyckel)
        return permissions.can_read_reports(user, forbund)

    def senaste_nyckel(self, forbund) -> str | None:
        """The newest edition the förbund can make, or None."""
        if self.senaste is not None:
            return self.senaste(forbund)
        for grupp in self.utgavor(forbund):
            for _rubrik, nyckel in grupp.utgavor:
                return nyckel
        return None


def _laddade() -> dict[str, Dokumenttyp]:
    """Every module of this package that defines DOKUMENTTYP, in `ordning`: a new document
    is one new module, found here without being listed anywhere."""
    funna = []
    for modul in pkgutil.iter_modules(rapporter_paket.__path__, f"{rapporter_paket.__name__}."):
        if modul.ispkg:
            continue
        typ = getattr(import_module(modul.name), "DOKUMENTTYP", None)
        if isinstance(typ, Dokumenttyp):
            funna.append(typ)
    return {typ.kod: typ for typ in sorted(funna, key=lambda t: (t.ordning, t.kod))}


_TYPER: dict[str, Dokumenttyp] | None = None


def typer() -> dict[str, Dokumenttyp]:
    """{kod: Dokumenttyp} of every document, in `ordning`."""
    global _TYPER
    if _TYPER is None:
        _TYPER = _laddade()
    return _TYPER


def dokumentnamn(kod: str) -> str:
    """The Swedish name of the document `kod` ("Årsredovisning"), or `kod` if none is
    registered."""
    typ = typer().get(kod)
    return typ.namn if typ is not None else kod


def dokumenttyp(kod: str) -> Dokumenttyp:
    """The Dokumenttyp for `kod`; KeyError if there is none."""
    return typer()[kod]


# --- edition keys shared by several documents ---------------------------------------------


def ar_nyckel(nyckel: str) -> int:
    """'2025' -> 2025; ValueError otherwise."""
    if not nyckel.isdigit() or len(nyckel) != 4:
        raise ValueError(_("Ogiltigt år: %(nyckel)s") % {"nyckel": nyckel})
    return int(nyckel)


def datum_nyckel(nyckel: str) -> date:
    """'2025-08-31' -> date; ValueError otherwise."""
    return date.fromisoformat(nyckel)


def ar_ar_per(nyckel: str) -> tuple[int, None]:
    """The Rapportutgava fields of a year's edition ('2025')."""
    return ar_nyckel(nyckel), None


def datum_ar_per(nyckel: str) -> tuple[int, date]:
    """The Rapportutgava fields of an edition per a date ('2025-08-31')."""
    per = datum_nyckel(nyckel)
    return per.year, per


class DatumConverter:
    """A date in a URL as YYYY-MM-DD; an impossible date does not match (404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None

    def to_url(self, value):
        return value.isoformat() if isinstance(value, date) else str(value)
