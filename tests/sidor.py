"""Every HTML page a demo role can open, for the accessibility crawl (issue 12).

The URL table of tests/finsam/test_alla_sidor.py (SIDOR: URL name -> how its kwargs are made
from the data, and what each role gets) already names every page of the app and what each
role is answered. `sidor_for(roll, d)` keeps the ones that answer the role 200 in the demo
state, and leaves out what is not an HTML page: PDFs, Excel files, pictures, JSON and POST-only
views (405). No browser here: tests/finsam/test_tillganglighet.py checks it with Django's
test client, tests/browser/test_tillganglighet.py crawls the pages with axe-core.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from django.urls import reverse

from tests.finsam.test_alla_sidor import SIDOR, demo_state

__all__ = ["ROLLER", "Sida", "demo_state", "inte_html", "sidor_for"]

#: The roles of the crawl: not logged in, and the four demo users of Västmanland.
ROLLER = ("anonym", "kansli", "styrelse", "revisor", "styrgrupp")
#: The demo user of each role (styrgrupp: the steering group of Samordningsteam Västerås).
ANVANDARE = {
    "kansli": "kansli",
    "styrelse": "styrelse",
    "revisor": "revisor",
    "styrgrupp": "styrgrupp-vasteras",
}

#: URL names that answer a file, not a page (their suffix, or the whole name).
_FILSUFFIX = ("-pdf", "-xlsx", "-excel")
#: halsa and pdfbestallning-status: JSON. A document's -pdf link answers its file, or (when
#: none is made yet) the page that orders one: left out with the files.
_FILER = {
    "budget:import-template",
    "finsam:rapportbild",
    "finsam:halsa",
    "finsam:pdfbestallning-status",
}


def inte_html(namn: str) -> bool:
    """True for a URL name that answers a PDF, an Excel file, a picture or JSON."""
    return namn in _FILER or namn.endswith(_FILSUFFIX)


@dataclass(frozen=True)
class Sida:
    namn: str  # the URL name, e.g. "budget:medel-create"
    url: str  # path and query string


def sidor_for(roll: str, d: SimpleNamespace) -> list[Sida]:
    """Every GET-able HTML page that answers `roll` 200 in the data state `d` (from
    `demo_state()`), in the order of SIDOR, each URL once."""
    if roll not in ROLLER:
        raise ValueError(f"okänd roll {roll!r}; en av {ROLLER}")
    sidor: dict[str, Sida] = {}
    for namn, fall_lista in SIDOR.items():
        if inte_html(namn):
            continue
        for fall in fall_lista:
            if fall.svar.get(roll) != 200:
                continue
            kwargs = fall.kwargs(d)
            if kwargs is None:
                continue
            kwargs = dict(kwargs)
            query = kwargs.pop("?", None)
            url = reverse(namn, kwargs=kwargs) + (f"?{urlencode(query)}" if query else "")
            sidor.setdefault(url, Sida(namn, url))
    return list(sidor.values())
