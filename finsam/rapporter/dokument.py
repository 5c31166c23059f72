"""The registry of generated documents: one Dokumenttyp per kind, looked up by its code.

    typ = dokumenttyp("arsredovisning")
    rapport = typ.bygg(forbund, "2025")                   # raises RapportSaknas
    rapport = typ.bygg(forbund, "2025", utkast={"forord": "Nytt förord"})   # preview
    kontext = rapportkontext(typ, forbund, "2025", rapport)    # {"rapport": ..., ...}

Everything that works on "any report" goes through here: the text editor with its live
preview, the checklist, fastställ with the archive and the locks, the benchmark command.
An edition is identified by (förbund, kod, nyckel); `nyckel` is the same string stored in
Rapportutgava.nyckel and used in URLs: "2025" (verksamhetsplan, årsredovisning),
"2025-08-31" (delårsrapport), "<insats-slug>:2025-H1" (insatsrapport).

Each document module adds itself to MODULER by defining DOKUMENTTYP.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.urls import reverse
from django.utils.translation import gettext as _

from finsam import permissions

#: Modules that define DOKUMENTTYP, in the order the Rapporter page lists them.
MODULER = [
    "finsam.rapporter.verksamhetsplan",
    "finsam.rapporter.delarsrapport",
    "finsam.rapporter.arsredovisning",
    "finsam.rapporter.insatsrapport",
]


@dataclass(frozen=True)
class Dokumenttyp:
    #: Rapportutgava.Dokument value, also the URL segment.
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
    #: URL names in the `finsam` namespace taking the nyckel's URL args (see url_args).
    visa_url_namn: str
    pdf_url_namn: str
    #: nyckel -> args for reverse() of the two URLs above.
    url_args: Callable[[str], list] = field(default=lambda nyckel: [nyckel])
    #: nyckel -> "Årsredovisning 2025"
    titel: Callable[[str], str] | None = None
    #: (user, forbund, nyckel) -> may the user read this edition?
    kan_lasa: Callable | None = None

    def visa_url(self, nyckel: str) -> str:
        return reverse(f"finsam:{self.visa_url_namn}", args=self.url_args(nyckel))

    def pdf_url(self, nyckel: str) -> str:
        return reverse(f"finsam:{self.pdf_url_namn}", args=self.url_args(nyckel))

    def rubrik(self, nyckel: str) -> str:
        return self.titel(nyckel) if self.titel else f"{self.namn} {nyckel}"

    def far_lasa(self, user, forbund, nyckel: str) -> bool:
        if self.kan_lasa is not None:
            return self.kan_lasa(user, forbund, nyckel)
        return permissions.can_read_forbund(user, forbund)


def _laddade() -> dict[str, Dokumenttyp]:
    typer = {}
    for namn in MODULER:
        try:
            modul = import_module(namn)
        except ModuleNotFoundError as e:
            if e.name == namn:
                continue
            raise
        typ = getattr(modul, "DOKUMENTTYP", None)
        if typ is not None:
            typer[typ.kod] = typ
    return typer


_TYPER: dict[str, Dokumenttyp] | None = None


def typer() -> dict[str, Dokumenttyp]:
    """{kod: Dokumenttyp} of every registered document, in MODULER order."""
    global _TYPER
    if _TYPER is None:
        _TYPER = _laddade()
    return _TYPER


def dokumenttyp(kod: str) -> Dokumenttyp:
    """The Dokumenttyp for `kod`; KeyError if there is none."""
    return typer()[kod]


def ar_nyckel(nyckel: str) -> int:
    """'2025' -> 2025; ValueError otherwise."""
    if not nyckel.isdigit() or len(nyckel) != 4:
        raise ValueError(_("Ogiltigt år: %(nyckel)s") % {"nyckel": nyckel})
    return int(nyckel)


def datum_nyckel(nyckel: str) -> date:
    """'2025-08-31' -> date; ValueError otherwise."""
    return date.fromisoformat(nyckel)


def rapportkontext(typ: Dokumenttyp, forbund, nyckel: str, rapport) -> dict:
    """The template context for a report, the same for the browser, the PDF and the archive.

    `varningar` (the checklist's warnings, printed with the draft watermark) is filled in by
    finsam.rapporter.utgava.kontroller when it exists.
    """
    kontext = {
        "rapport": rapport,
        "dokumenttyp": typ,
        "nyckel": nyckel,
        "varningar": [],
        "pdf_url": typ.pdf_url(nyckel),
    }
    try:
        from finsam.rapporter.utgava import kontroller
    except ImportError:
        return kontext
    if not getattr(rapport, "faststalld", False):
        kontext["varningar"] = kontroller.varningar(typ, forbund, nyckel, rapport)
    return kontext
