"""Every page, every role, every state: no 500 anywhere, and each role gets what it should.

The table SIDOR maps every URL name the resolver knows (admin/ left out) to how its
kwargs are instantiated from real objects and what each role gets on a GET:

    anonym     not logged in                      302 to the login page
    kansli     kansli of the förbund              reads and writes everything
    styrelse   board member                       reads, changes nothing (403 on forms)
    revisor    auditor                            reads, incl. the change history
    styrgrupp  steering group of one insats       its own insats only
    annat      kansli of another förbund          404 for every object of the förbund

in two data states: the demo (`load_demo`, with one adopted edition in the archive), and a
förbund created a minute ago with its users, two insatser and one empty reporting period
open. A new URL pattern without an entry makes `test_every_url_pattern_has_an_entry` fail.
Every number in a URL is also tried as 10**30 (more than any database holds): 404.

GETs write nothing, by styrelse, revisor and styrgrupp (readers ask first) nor by anybody
else: the rows of every model (history included) are counted before and after each
request, and no SQL statement of a GET may be an INSERT, UPDATE or DELETE.

Every request runs with the isolation on (finsam/scoping.py): each SQL statement that
reads or writes a table of a förbund's model ran inside the scope of the requesting user's
förbund (anonymous users: no such statement at all).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from finsam import scoping
from finsam.models import (
    Forbund,
    Fortroendevald,
    Medlem,
    Pdfbestallning,
    Rapportarkiv,
    Rapportbild,
    User,
)
from insatser.models import Bemanning, Beslut, Insats, Malomrade, Rekvisition
from tests import factories

ROLLER = ("anonym", "kansli", "styrelse", "revisor", "styrgrupp", "annat")
#: Whose GETs are checked to write nothing: the readers the issue names, and, since a GET
#: never writes, everybody else too.
SKRIVKONTROLL = ROLLER
#: Readers ask first, so that what a read might create is not already there from kansli.
ORDNING = ("styrelse", "revisor", "styrgrupp", "anonym", "annat", "kansli")

# --- what each kind of page answers ------------------------------------------------------

#: Read by kansli, styrelse, revisor; the förbund's own page for another förbund's kansli.
LAS = dict(anonym=302, kansli=200, styrelse=200, revisor=200, styrgrupp=403, annat=200)
#: Written by kansli only; the others read-only (403).
ANDRA = dict(anonym=302, kansli=200, styrelse=403, revisor=403, styrgrupp=403, annat=200)
#: The change history: kansli and revisor.
HISTORIK = dict(anonym=302, kansli=200, styrelse=403, revisor=200, styrgrupp=403, annat=200)
#: Every logged-in user (pages that adapt to the role).
ALLA = dict(anonym=302, kansli=200, styrelse=200, revisor=200, styrgrupp=200, annat=200)
#: POST-only views answer 405 to a GET, whoever asks.
POST = dict.fromkeys(ROLLER, 405)
#: A page that sends every logged-in user on (to its own start, or the latest year).
VIDARE = dict.fromkeys(ROLLER, 302)


def obj(svar: dict, **andra) -> dict:
    """The same page for one object of the förbund: another förbund's kansli gets 404."""
    return {**svar, "annat": 404, **andra}


def bara(svar: dict, *roller) -> dict:
    """Ask only these roles (PDFs are slow; the others are covered by the HTML page)."""
    return {r: s for r, s in svar.items() if r in roller}


@dataclass
class Fall:
    """One way to instantiate a URL: kwargs from the data state (None: not in this state;
    a "?" entry is the query string). `ny` overrides answers in the new förbund."""

    kwargs: Callable[[SimpleNamespace], dict | None]
    svar: dict
    ny: dict = field(default_factory=dict)

    def svar_i(self, tillstand: str) -> dict:
        return {**self.svar, **self.ny} if tillstand == "ny" else self.svar


def f(kwargs, svar, **kw) -> list[Fall]:
    return [Fall(kwargs, svar, **kw)]


#: What a report answers when it cannot be built (a new förbund has no budget, utfall…).
SAKNAS = dict(kansli=404, styrelse=404, revisor=404, annat=404)
#: … and its editor pages, which refuse readers (403) before they try.
SAKNAS_ANDRA = dict(kansli=404, annat=404)


def _pk(v):
    return None if v is None else {"pk": v}


def _utgava(kod, nyckel):
    return lambda d: {"kod": kod, "nyckel": nyckel(d)}


def _insatsnyckel(d, egen=True):
    insats = d.insats if egen else d.annan_insats
    return f"{insats.slug}:{d.period_kod}"


NO_KW = lambda d: {}  # noqa: E731
# Another insats of the förbund: the steering group of `insats` gets 403 (insats pages) or
# 404 (its reports, which it does not know exist); everybody else as for the own insats.
ANNAN = ("styrgrupp",)

SIDOR: dict[str, list[Fall]] = {
    # --- login -------------------------------------------------------------------------
    "login": f(NO_KW, dict(VIDARE, anonym=200)),
    "logout": f(NO_KW, POST),
    # --- finsam ------------------------------------------------------------------------
    "finsam:start": f(NO_KW, ALLA),
    "finsam:forbund": f(NO_KW, LAS),
    "finsam:forbund-edit": f(NO_KW, ANDRA),
    "finsam:fortroendevald-list": f(NO_KW, LAS),
    "finsam:fortroendevald-create": f(NO_KW, ANDRA),
    "finsam:fortroendevald-edit": f(lambda d: _pk(d.fortroendevald), obj(ANDRA)),
    "finsam:fortroendevald-delete": f(lambda d: _pk(d.fortroendevald), obj(ANDRA)),
    "finsam:medlem-list": [
        Fall(NO_KW, LAS),
        Fall(lambda d: {"?": {"q": "kommun", "typ": "kommun", "ordning": "-folkmangd"}}, LAS),
        Fall(lambda d: {"?": {"typ": "bogus", "ordning": "bogus"}}, LAS),  # ignored, shown
    ],
    # Förbundet → Användare (kansli only) and the systemadministratör's pages (404 to all
    # these roles: tests/finsam/anvandare/test_systemadministrator.py asks a systemadministratör).
    "finsam:anvandare-list": f(NO_KW, ANDRA),
    "finsam:anvandare-bjud-in": f(NO_KW, ANDRA),
    "finsam:anvandare-edit": f(lambda d: _pk(d.styrgruppsanvandare), obj(ANDRA)),
    "finsam:anvandare-status": f(lambda d: _pk(d.styrgruppsanvandare), obj(ANDRA)),
    "finsam:anvandare-ny-inbjudan": f(lambda d: _pk(d.styrgruppsanvandare), POST),
    "insatser:styrgrupp-anvandare": f(lambda d: _pk(d.styrgruppsanvandare), obj(ANDRA)),
    "finsam:system-start": f(NO_KW, dict(dict.fromkeys(ROLLER, 404), anonym=302)),
    "finsam:system-forbund-create": f(NO_KW, dict(dict.fromkeys(ROLLER, 404), anonym=302)),
    "finsam:system-forbund-edit": f(
        lambda d: _pk(d.forbund.pk), dict(dict.fromkeys(ROLLER, 404), anonym=302)
    ),
    "finsam:system-forbund-status": f(
        lambda d: _pk(d.forbund.pk), dict(dict.fromkeys(ROLLER, 404), anonym=302)
    ),
    "finsam:system-bjud-in": f(
        lambda d: _pk(d.forbund.pk), dict(dict.fromkeys(ROLLER, 404), anonym=302)
    ),
    "finsam:system-kopiera-struktur": f(
        lambda d: _pk(d.forbund.pk), dict(dict.fromkeys(ROLLER, 404), anonym=302)
    ),
    # Uppstart från arbetsbok (kansli only); the token lives in the uploader's session.
    "finsam:uppstart": f(NO_KW, ANDRA),
    "finsam:uppstart-mall-xlsx": f(NO_KW, ANDRA),
    "finsam:uppstart-preview": f(lambda d: {"token": "ingen"}, dict(ANDRA, kansli=404, annat=404)),
    "finsam:uppstart-apply": f(lambda d: {"token": "ingen"}, POST),
    "finsam:uppstart-cancel": f(lambda d: {"token": "ingen"}, POST),
    # Password reset: open to everybody, logged in or not (an unknown link says so: 200).
    "password_reset": f(NO_KW, dict.fromkeys(ROLLER, 200)),
    "password_reset_done": f(NO_KW, dict.fromkeys(ROLLER, 200)),
    "password_reset_confirm": f(
        lambda d: {"uidb64": "MQ", "token": "ogiltig-lank"}, dict.fromkeys(ROLLER, 200)
    ),
    "password_reset_complete": f(NO_KW, dict.fromkeys(ROLLER, 200)),
    "finsam:medlem-create": f(NO_KW, ANDRA),
    "finsam:medlem-detail": f(lambda d: _pk(d.medlem), obj(LAS)),
    "finsam:medlem-edit": f(lambda d: _pk(d.medlem), obj(ANDRA)),
    "finsam:tillganglighet": f(NO_KW, dict.fromkeys(ROLLER, 200)),
    # The health check (JSON, no login): the same answer to everybody.
    "finsam:halsa": f(NO_KW, dict.fromkeys(ROLLER, 200)),
    "finsam:historik": [
        Fall(NO_KW, HISTORIK),
        Fall(lambda d: {"?": {"handelse": "-", "ordning": "tid"}}, HISTORIK),
        Fall(lambda d: {"?": {"handelse": "x", "ordning": "bogus", "sida": HUGE}}, HISTORIK),
    ],
    "finsam:historik-xlsx": f(NO_KW, HISTORIK),
    # Notices: each user's own (tests/finsam/notiser/ posts to them as each role).
    "finsam:notiser": f(NO_KW, ALLA),
    "finsam:notiser-las-alla": f(NO_KW, POST),
    "finsam:notis-las": f(lambda d: {"pk": 1}, POST),
    "finsam:notis-installningar": f(NO_KW, ALLA),
    "finsam:rapporter": f(NO_KW, LAS),
    "finsam:nationell-index": f(NO_KW, dict(VIDARE, styrgrupp=403)),
    "finsam:nationell": f(lambda d: {"ar": d.ar}, LAS),
    "finsam:nationell-xlsx": f(lambda d: {"ar": d.ar}, LAS),
    # A year's report of the other förbund is its own (Exempeldalen has a budget 2025).
    "finsam:verksamhetsplan": f(lambda d: {"ar": d.ar}, LAS, ny=SAKNAS),
    "finsam:verksamhetsplan-pdf": f(
        lambda d: {"ar": d.ar}, bara(LAS, "anonym", "kansli", "styrgrupp"), ny=SAKNAS
    ),
    "finsam:delarsrapport": f(lambda d: {"per": d.per}, obj(LAS), ny=SAKNAS),
    "finsam:delarsrapport-pdf": f(
        lambda d: {"per": d.per}, bara(obj(LAS), "anonym", "kansli", "styrgrupp"), ny=SAKNAS
    ),
    "finsam:arsredovisning": f(lambda d: {"ar": d.ar}, obj(LAS), ny=SAKNAS),
    "finsam:arsredovisning-pdf": f(
        lambda d: {"ar": d.ar}, bara(obj(LAS), "anonym", "kansli", "styrgrupp"), ny=SAKNAS
    ),
    "finsam:insatsrapport": [
        Fall(lambda d: {"slug": d.insats.slug, "period": d.period_kod}, obj(LAS, styrgrupp=200)),
        Fall(
            lambda d: {"slug": d.annan_insats.slug, "period": d.period_kod},
            bara(obj(LAS, styrgrupp=404), *ANNAN),
        ),
    ],
    "finsam:insatsrapport-pdf": f(
        lambda d: {"slug": d.insats.slug, "period": d.period_kod},
        bara(obj(LAS, styrgrupp=200), "anonym", "styrgrupp", "annat"),
    ),
    # An ordered PDF (finsam.rapporter.pdfjobb; demo_state has one in the queue): its
    # status page and JSON to the readers of its document, the file (not made yet: back to
    # the status page); 404 to another förbund and to a steering group (a verksamhetsplan).
    "finsam:pdfbestallning": f(lambda d: _pk(d.pdfbestallning), obj(LAS, styrgrupp=404)),
    "finsam:pdfbestallning-status": f(lambda d: _pk(d.pdfbestallning), obj(LAS, styrgrupp=404)),
    "finsam:pdfbestallning-pdf": f(
        lambda d: _pk(d.pdfbestallning),
        obj(dict.fromkeys(ROLLER, 302), styrgrupp=404),
    ),
    "finsam:rapportarkiv": f(NO_KW, LAS),
    "finsam:rapportarkiv-pdf": f(lambda d: _pk(d.arkiv), obj(LAS)),
    "finsam:rapport-texter": [
        Fall(_utgava("verksamhetsplan", lambda d: str(d.ar)), ANDRA, ny=SAKNAS_ANDRA),
        Fall(_utgava("delarsrapport", lambda d: d.per.isoformat()), obj(ANDRA), ny=SAKNAS_ANDRA),
        Fall(_utgava("arsredovisning", lambda d: str(d.ar)), obj(ANDRA), ny=SAKNAS_ANDRA),
        Fall(_utgava("insats", _insatsnyckel), obj(ANDRA)),
    ],
    "finsam:rapport-forhandsvisning": f(_utgava("insats", _insatsnyckel), POST),
    "finsam:rapport-kontroll": [
        Fall(_utgava("verksamhetsplan", lambda d: str(d.ar)), ANDRA, ny=SAKNAS_ANDRA),
        Fall(_utgava("delarsrapport", lambda d: d.per.isoformat()), obj(ANDRA), ny=SAKNAS_ANDRA),
        Fall(_utgava("arsredovisning", lambda d: str(d.ar)), obj(ANDRA), ny=SAKNAS_ANDRA),
        Fall(_utgava("insats", _insatsnyckel), obj(ANDRA)),
    ],
    "finsam:rapport-faststall": [
        Fall(_utgava("delarsrapport", lambda d: d.per.isoformat()), obj(ANDRA), ny=SAKNAS_ANDRA),
        Fall(_utgava("insats", _insatsnyckel), obj(ANDRA)),
        # An adopted edition: back to the Rapporter page.
        Fall(
            lambda d: d.arkiv_nyckel and {"kod": "insats", "nyckel": d.arkiv_nyckel},
            obj(ANDRA, kansli=302),
        ),
    ],
    "finsam:rapport-oppna": [
        Fall(lambda d: d.arkiv_nyckel and {"kod": "insats", "nyckel": d.arkiv_nyckel}, obj(ANDRA)),
        # Only an adopted edition can be reopened.
        Fall(_utgava("insats", _insatsnyckel), obj(ANDRA, kansli=404)),
    ],
    "finsam:rapport-bilder": [
        Fall(_utgava("verksamhetsplan", lambda d: str(d.ar)), ANDRA, ny=SAKNAS_ANDRA),
        Fall(_utgava("insats", _insatsnyckel), obj(ANDRA)),
    ],
    "finsam:rapport-bild-ta-bort": f(
        lambda d: d.bild and {"kod": "verksamhetsplan", "nyckel": d.bild_nyckel, "pk": d.bild},
        obj(ANDRA),
    ),
    # A verksamhetsplan's picture: the steering group does not read the document (404).
    "finsam:rapportbild": f(lambda d: _pk(d.bild), obj(LAS, styrgrupp=404)),
    # --- insatser ----------------------------------------------------------------------
    "insatser:list": [
        Fall(NO_KW, ALLA),
        Fall(lambda d: {"?": {"status": "alla", "q": "team", "ordning": "-agare"}}, ALLA),
        Fall(lambda d: {"?": {"malomrade": d.malomrade, "typ": "samordningsteam"}}, ALLA),
        # Invalid values: the field's error is shown, the rest of the list is not narrowed.
        Fall(lambda d: {"?": {"malomrade": "abc", "kommun": HUGE, "ordning": "bogus"}}, ALLA),
    ],
    "insatser:list-xlsx": [
        Fall(NO_KW, LAS),
        Fall(lambda d: {"?": {"status": "alla", "ordning": "-namn", "malomrade": HUGE}}, LAS),
    ],
    "insatser:create": f(NO_KW, ANDRA),
    "insatser:detail": [
        Fall(lambda d: _pk(d.insats.pk), obj(LAS, styrgrupp=200)),
        Fall(lambda d: _pk(d.annan_insats.pk), bara(obj(LAS, styrgrupp=404), *ANNAN)),
    ],
    "insatser:edit": f(lambda d: _pk(d.insats.pk), obj(ANDRA)),
    "insatser:bemanning-create": f(lambda d: _pk(d.insats.pk), obj(ANDRA)),
    "insatser:bemanning-edit": f(lambda d: _pk(d.bemanning), obj(ANDRA)),
    "insatser:bemanning-delete": f(lambda d: _pk(d.bemanning), obj(ANDRA)),
    "insatser:beslut-create": f(lambda d: _pk(d.insats.pk), obj(ANDRA)),
    "insatser:beslut-edit": f(lambda d: _pk(d.beslut), obj(ANDRA)),
    "insatser:beslut-delete": f(lambda d: _pk(d.beslut), obj(ANDRA)),
    "insatser:rekvisition-list": [
        Fall(NO_KW, LAS),
        Fall(lambda d: {"?": {"insats": d.insats.pk, "ordning": "-belopp", "q": "a"}}, LAS),
        Fall(lambda d: {"?": {"avser_ar": "abc", "fran": "2025-02-30", "sida": HUGE}}, LAS),
    ],
    "insatser:rekvisition-create": f(lambda d: _pk(d.insats.pk), obj(ANDRA)),
    "insatser:rekvisition-edit": f(lambda d: _pk(d.rekvisition), obj(ANDRA)),
    "insatser:rekvisition-delete": f(lambda d: _pk(d.rekvisition), obj(ANDRA)),
    "insatser:externfinansiering-create": f(lambda d: _pk(d.insats.pk), obj(ANDRA)),
    "insatser:externfinansiering-edit": f(lambda d: _pk(d.externfinansiering), obj(ANDRA)),
    "insatser:externfinansiering-delete": f(lambda d: _pk(d.externfinansiering), obj(ANDRA)),
    "insatser:ekonomi": [
        Fall(NO_KW, LAS),
        Fall(lambda d: {"?": {"per": "9999-12-31"}}, LAS),
        Fall(lambda d: {"?": {"per": "2025-02-30"}}, LAS),  # the form shows the error
    ],
    "insatser:ekonomi-xlsx": f(NO_KW, LAS),
    "insatser:malomrade-list": f(NO_KW, LAS),
    "insatser:malomrade-create": f(NO_KW, ANDRA),
    "insatser:malomrade-edit": f(lambda d: _pk(d.malomrade), obj(ANDRA)),
    # --- budget ------------------------------------------------------------------------
    "budget:overview": [
        Fall(NO_KW, LAS),
        Fall(lambda d: {"?": {"ar": HUGE}}, LAS),  # no such year: the latest one is shown
    ],
    "budget:version-create": f(NO_KW, ANDRA),
    "budget:version-detail": f(lambda d: _pk(d.version), obj(LAS)),
    "budget:version-edit": f(lambda d: _pk(d.version), obj(ANDRA)),
    "budget:belopp-edit": f(lambda d: _pk(d.version), obj(ANDRA)),
    "budget:version-compare": [
        Fall(lambda d: d.versioner and {"?": dict(zip("ab", d.versioner, strict=True))}, obj(LAS)),
        Fall(NO_KW, dict(LAS, **SAKNAS)),  # which two versions?
        Fall(lambda d: {"?": {"a": HUGE, "b": HUGE}}, dict(LAS, **SAKNAS)),
    ],
    "budget:start-next-year": f(NO_KW, POST),
    "budget:budget-xlsx": [
        Fall(lambda d: {"?": {"ar": d.ar}}, LAS),
        Fall(NO_KW, dict(LAS, **SAKNAS)),  # which year?
    ],
    "budget:struktur": f(NO_KW, LAS),
    "budget:grupp-create": f(NO_KW, ANDRA),
    "budget:grupp-edit": f(lambda d: _pk(d.grupp), obj(ANDRA)),
    "budget:rad-create": f(NO_KW, ANDRA),
    "budget:rad-edit": f(lambda d: _pk(d.rad), obj(ANDRA)),
    "budget:rad-delete": f(lambda d: _pk(d.rad), POST),
    "budget:medel-list": f(NO_KW, LAS),
    "budget:medel-create": f(NO_KW, ANDRA),
    "budget:medel-detail": f(lambda d: d.medel and {"ar": d.medel}, obj(LAS)),
    "budget:medel-edit": f(lambda d: d.medel and {"ar": d.medel}, obj(ANDRA)),
    "budget:medel-xlsx": f(lambda d: d.medel and {"ar": d.medel}, obj(LAS)),
    "budget:tabell-list": f(NO_KW, LAS),
    "budget:tabell-create": f(NO_KW, ANDRA),
    "budget:tabell-detail": f(lambda d: _pk(d.tabell), obj(LAS)),
    "budget:tabell-edit": f(lambda d: _pk(d.tabell), obj(ANDRA)),
    "budget:tabell-grupp-create": f(lambda d: _pk(d.tabell), obj(ANDRA)),
    "budget:tabell-grupp-edit": f(
        lambda d: d.tabellgrupp and {"pk": d.tabell, "grupp": d.tabellgrupp}, obj(ANDRA)
    ),
    "budget:tabell-grupp-delete": f(
        lambda d: d.tabellgrupp and {"pk": d.tabell, "grupp": d.tabellgrupp}, obj(ANDRA)
    ),
    "budget:tabell-rad-create": f(lambda d: _pk(d.tabell), obj(ANDRA)),
    "budget:tabell-rad-edit": f(
        lambda d: d.tabellrad and {"pk": d.tabell, "rad": d.tabellrad}, obj(ANDRA)
    ),
    "budget:tabell-rad-delete": f(
        lambda d: d.tabellrad and {"pk": d.tabell, "rad": d.tabellrad}, obj(ANDRA)
    ),
    "budget:tabell-medel-create": f(NO_KW, ANDRA),
    "budget:tabell-medel-edit": f(lambda d: _pk(d.tabellmedel), obj(ANDRA)),
    "budget:tabell-medel-delete": f(lambda d: _pk(d.tabellmedel), obj(ANDRA)),
    "budget:utfall-list": [Fall(NO_KW, LAS), Fall(lambda d: {"?": {"ar": HUGE}}, LAS)],
    "budget:utfall-create": f(NO_KW, ANDRA),
    "budget:utfall-detail": f(lambda d: _pk(d.utfall), obj(LAS)),
    "budget:utfall-edit": f(lambda d: _pk(d.utfall), obj(ANDRA)),
    "budget:utfall-delar-xlsx": f(lambda d: _pk(d.utfall), obj(LAS)),
    "budget:utfall-driftredovisning": [
        Fall(lambda d: {"ar": d.ar}, obj(LAS), ny=SAKNAS),
        Fall(lambda d: {"ar": 0}, dict(LAS, **SAKNAS)),
        Fall(lambda d: {"ar": 10_000}, dict(LAS, **SAKNAS)),
    ],
    "budget:utfall-driftredovisning-xlsx": [
        Fall(lambda d: {"ar": d.ar}, obj(LAS), ny=SAKNAS),
        Fall(lambda d: {"ar": 0}, dict(LAS, **SAKNAS)),
        Fall(lambda d: {"ar": 10_000}, dict(LAS, **SAKNAS)),
    ],
    "budget:bokslut-list": f(NO_KW, LAS),
    "budget:bokslut-create": f(NO_KW, ANDRA),
    "budget:bokslut-detail": f(lambda d: d.bokslut and {"ar": d.bokslut}, obj(LAS)),
    "budget:bokslut-edit": f(lambda d: d.bokslut and {"ar": d.bokslut}, obj(ANDRA)),
    "budget:import-upload": f(NO_KW, ANDRA),
    "budget:import-template": f(
        lambda d: d.version and {"slag": "version", "pk": d.version}, obj(ANDRA)
    ),
    # The token lives in the uploader's session; without an upload every kansli gets 404.
    "budget:import-preview": f(lambda d: {"token": "ingen"}, dict(ANDRA, kansli=404, annat=404)),
    "budget:import-apply": f(lambda d: {"token": "ingen"}, POST),
    "budget:import-cancel": f(lambda d: {"token": "ingen"}, POST),
    "budget:sie-upload": f(NO_KW, ANDRA),
    "budget:sie-mappning": f(NO_KW, LAS),
    "budget:sie-mappning-edit": f(lambda d: _pk(d.rad), obj(ANDRA)),
    # The token lives in the uploader's session; without an upload every kansli gets 404.
    "budget:sie-preview": f(lambda d: {"token": "ingen"}, dict(ANDRA, kansli=404, annat=404)),
    "budget:sie-apply": f(lambda d: {"token": "ingen"}, POST),
    "budget:sie-cancel": f(lambda d: {"token": "ingen"}, POST),
    "budget:kansli-index": f(NO_KW, dict(VIDARE, styrgrupp=403)),
    "budget:kansli-list": f(lambda d: {"ar": d.ar}, LAS),
    "budget:kansli-create": f(lambda d: {"ar": d.ar}, ANDRA),
    "budget:kansli-kopiera": f(lambda d: {"ar": d.ar}, POST),
    "budget:kansli-edit": f(lambda d: _pk(d.kanslitjanst), obj(ANDRA)),
    "budget:kansli-delete": f(lambda d: _pk(d.kanslitjanst), obj(ANDRA)),
    # --- uppföljning -------------------------------------------------------------------
    "uppfoljning:index": f(NO_KW, VIDARE),
    "uppfoljning:period-list": [
        Fall(NO_KW, LAS),
        Fall(lambda d: {"?": {"ar": d.ar, "typ": "helar", "ordning": "-godkanda"}}, LAS),
        Fall(lambda d: {"?": {"ar": "abc", "ordning": "bogus"}}, LAS),
    ],
    "uppfoljning:period-create": f(NO_KW, ANDRA),
    "uppfoljning:period-detail": [
        Fall(lambda d: _pk(d.period.pk), obj(LAS)),
        Fall(lambda d: {**_pk(d.period.pk), "?": {"status": "utkast", "q": "x"}}, obj(LAS)),
        Fall(lambda d: {**_pk(d.period.pk), "?": {"status": "bogus", "ordning": "-"}}, obj(LAS)),
    ],
    "uppfoljning:period-remind": f(lambda d: _pk(d.period.pk), POST),
    "uppfoljning:rapport-mina": [
        Fall(NO_KW, ALLA),
        Fall(lambda d: {"?": {"status": "utkast", "ar": d.ar, "ordning": "-insats"}}, ALLA),
        Fall(lambda d: {"?": {"ar": HUGE, "status": "?"}}, ALLA),
    ],
    "uppfoljning:rapport-detail": [
        Fall(lambda d: _pk(d.rapport), obj(LAS, styrgrupp=200)),
        Fall(lambda d: _pk(d.annan_rapport), bara(obj(LAS, styrgrupp=404), *ANNAN)),
    ],
    "uppfoljning:rapport-edit": [
        # An approved report cannot be changed: back to the report.
        Fall(
            lambda d: _pk(d.rapport),
            obj(ANDRA, kansli=302, styrgrupp=302),
            ny=dict(kansli=200, styrgrupp=200),
        ),
        Fall(lambda d: _pk(d.redigerbar), obj(ANDRA, styrgrupp=200)),
        Fall(lambda d: _pk(d.annan_rapport), bara(obj(ANDRA, styrgrupp=404), *ANNAN)),
    ],
    "uppfoljning:rapport-godkann": f(lambda d: _pk(d.rapport), POST),
    "uppfoljning:rapport-returnera": f(lambda d: _pk(d.rapport), POST),
    "uppfoljning:rapport-ateroppna": f(lambda d: _pk(d.rapport), POST),
    "uppfoljning:statistik": f(NO_KW, dict(VIDARE, styrgrupp=403, annat=200)),
    "uppfoljning:statistik-period": f(lambda d: {"ar": d.period.ar, "typ": d.period.typ}, obj(LAS)),
    "uppfoljning:statistik-excel": f(lambda d: {"ar": d.period.ar, "typ": d.period.typ}, obj(LAS)),
    "uppfoljning:aktivitet-index": f(NO_KW, VIDARE),
    "uppfoljning:aktivitet-list": f(lambda d: {"ar": d.ar}, ALLA),
    "uppfoljning:aktivitet-create": f(lambda d: {"ar": d.ar}, dict(ANDRA, styrgrupp=200)),
    "uppfoljning:aktivitet-edit": [
        Fall(lambda d: _pk(d.aktivitet), obj(ANDRA, styrgrupp=200)),
        Fall(lambda d: _pk(d.annan_aktivitet), bara(obj(ANDRA, styrgrupp=404), *ANNAN)),
    ],
    "uppfoljning:aktivitet-delete": [
        Fall(lambda d: _pk(d.aktivitet), obj(ANDRA, styrgrupp=200)),
        Fall(lambda d: _pk(d.annan_aktivitet), bara(obj(ANDRA, styrgrupp=404), *ANNAN)),
    ],
    "uppfoljning:indikator-index": f(NO_KW, dict(VIDARE, styrgrupp=403)),
    "uppfoljning:indikator-detail": f(lambda d: {"ar": d.ar}, LAS),
    "uppfoljning:indikator-bedomning-edit": f(lambda d: {"ar": d.ar}, ANDRA),
    "uppfoljning:indikator-edit": f(lambda d: {"ar": d.ar, "grupp": "personal"}, ANDRA),
    "uppfoljning:mal-index": f(NO_KW, dict(VIDARE, styrgrupp=403)),
    "uppfoljning:mal-list": f(lambda d: {"ar": d.ar}, LAS),
    "uppfoljning:mal-create": f(lambda d: {"ar": d.ar, "malomrade_pk": d.malomrade}, obj(ANDRA)),
    "uppfoljning:mal-edit": f(lambda d: _pk(d.mal), obj(ANDRA)),
    "uppfoljning:mal-delete": f(lambda d: _pk(d.mal), obj(ANDRA)),
    "uppfoljning:mal-aktivitet-create": f(lambda d: _pk(d.mal), obj(ANDRA)),
    "uppfoljning:mal-aktivitet-edit": f(lambda d: _pk(d.planerad), obj(ANDRA)),
    "uppfoljning:mal-aktivitet-delete": f(lambda d: _pk(d.planerad), obj(ANDRA)),
    "uppfoljning:mal-uppfoljning": f(
        lambda d: d.mal and {"pk": d.mal, "tillfalle": "delar"}, obj(ANDRA)
    ),
    "uppfoljning:malgrupp-index": f(NO_KW, dict(VIDARE, styrgrupp=403)),
    "uppfoljning:malgrupp-list": f(lambda d: {"ar": d.ar}, LAS),
    "uppfoljning:malgrupp-create": f(lambda d: {"ar": d.ar}, ANDRA),
    "uppfoljning:malgrupp-tabell": f(lambda d: {"ar": d.ar, "aldersgrupp": "20-64"}, ANDRA),
    "uppfoljning:malgrupp-edit": f(lambda d: _pk(d.malgrupp), obj(ANDRA)),
    "uppfoljning:malgrupp-delete": f(lambda d: _pk(d.malgrupp), obj(ANDRA)),
    "uppfoljning:matt-list": f(NO_KW, LAS),
    "uppfoljning:matt-create": f(NO_KW, ANDRA),
    "uppfoljning:matt-standard": f(NO_KW, POST),
    "uppfoljning:matt-edit": f(lambda d: _pk(d.matt), obj(ANDRA)),
    "uppfoljning:styrelse-index": f(NO_KW, dict(VIDARE, styrgrupp=403)),
    "uppfoljning:styrelse-list": f(lambda d: {"ar": d.ar}, LAS),
    "uppfoljning:mote-create": f(lambda d: {"ar": d.ar}, ANDRA),
    "uppfoljning:mote-edit": f(lambda d: _pk(d.mote), obj(ANDRA)),
    "uppfoljning:mote-delete": f(lambda d: _pk(d.mote), obj(ANDRA)),
    "uppfoljning:handelse-create": f(lambda d: {"ar": d.ar}, ANDRA),
    "uppfoljning:handelse-edit": f(lambda d: _pk(d.handelse), obj(ANDRA)),
    "uppfoljning:handelse-delete": f(lambda d: _pk(d.handelse), obj(ANDRA)),
    "uppfoljning:nationell-deltagare": f(lambda d: {"ar": d.ar}, ANDRA),
}


# --- the URL patterns --------------------------------------------------------------------


def url_names() -> set[str]:
    """Every named URL pattern, namespaced, except the admin and static files."""
    names = set()

    def walk(resolver, ns):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin" or p.namespace == "admin":
                    continue
                walk(p, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern):
                if str(p.pattern).startswith("static") or p.name is None:
                    continue
                names.add(f"{ns}{p.name}")

    walk(get_resolver(), "")
    return names


def test_every_url_pattern_has_an_entry():
    names = url_names()
    assert len(names) > 100
    missing = sorted(names - SIDOR.keys())
    assert not missing, f"URL patterns without an entry in SIDOR: {missing}"
    stale = sorted(SIDOR.keys() - names)
    assert not stale, f"entries in SIDOR without a URL pattern: {stale}"


# --- the data states ---------------------------------------------------------------------


def _first_pk(qs):
    return qs.order_by("pk").values_list("pk", flat=True).first()


def _ids(forbund, insats, annan_insats, period) -> SimpleNamespace:
    from budget.models import (
        Bokslut,
        Budgetgrupp,
        Budgetrad,
        Budgetversion,
        Kanslitjanst,
        Medelstilldelning,
        MedelTillForfogande,
        Tabellgrupp,
        Tabellrad,
        Tabellstruktur,
        Utfallsperiod,
    )
    from insatser.models import Externfinansiering
    from uppfoljning.models import (
        Aktivitet,
        Deltagarrapport,
        Mal,
        Malgruppsstatistik,
        Matt,
        PlaneradAktivitet,
        Styrelsemote,
        Viktighandelse,
    )

    rapporter = Deltagarrapport.objects.filter(period=period)
    egna_aktiviteter = Aktivitet.objects.filter(forbund=forbund, insats=insats)
    arkiv = Rapportarkiv.objects.filter(utgava__forbund=forbund).select_related("utgava")
    arkiv = arkiv.order_by("pk").first()
    bild = Rapportbild.objects.filter(utgava__forbund=forbund, utgava__dokument="verksamhetsplan")
    bild = bild.select_related("utgava").order_by("-pk").first()
    versioner = list(
        Budgetversion.objects.filter(forbund=forbund).order_by("pk").values_list("pk", flat=True)
    )[:2]
    mt = Medelstilldelning.objects.filter(forbund=forbund).order_by("-ar").first()
    bokslut = Bokslut.objects.filter(forbund=forbund).order_by("-ar").first()
    return SimpleNamespace(
        forbund=forbund,
        insats=insats,
        annan_insats=annan_insats,
        period=period,
        period_kod=f"{period.ar}-{'H1' if period.typ == 'h1' else 'helar'}",
        ar=period.ar,
        per=date(period.ar, 8, 31),
        rapport=_first_pk(rapporter.filter(insats=insats)),
        annan_rapport=_first_pk(rapporter.filter(insats=annan_insats)),
        redigerbar=_first_pk(
            Deltagarrapport.objects.filter(insats=insats, status__in=Deltagarrapport.REDIGERBARA)
        ),
        fortroendevald=_first_pk(Fortroendevald.objects.filter(forbund=forbund)),
        medlem=_first_pk(Medlem.objects.filter(forbund=forbund)),
        styrgruppsanvandare=_first_pk(User.objects.filter(forbund=forbund, roll="styrgrupp")),
        bemanning=_first_pk(Bemanning.objects.filter(insats=insats)),
        beslut=_first_pk(Beslut.objects.filter(insats__forbund=forbund)),
        rekvisition=_first_pk(Rekvisition.objects.filter(insats__forbund=forbund)),
        externfinansiering=_first_pk(Externfinansiering.objects.filter(insats__forbund=forbund)),
        malgrupp=_first_pk(Malgruppsstatistik.objects.filter(forbund=forbund)),
        malomrade=_first_pk(Malomrade.objects.filter(forbund=forbund)),
        version=_first_pk(Budgetversion.objects.filter(forbund=forbund)),
        versioner=versioner if len(versioner) == 2 else None,
        grupp=_first_pk(Budgetgrupp.objects.filter(forbund=forbund)),
        rad=_first_pk(Budgetrad.objects.filter(forbund=forbund)),
        medel=mt and mt.ar,
        utfall=_first_pk(Utfallsperiod.objects.filter(forbund=forbund)),
        bokslut=bokslut and bokslut.ar,
        aktivitet=_first_pk(egna_aktiviteter),
        annan_aktivitet=_first_pk(
            Aktivitet.objects.filter(forbund=forbund).exclude(pk__in=egna_aktiviteter)
        ),
        mal=_first_pk(Mal.objects.filter(forbund=forbund)),
        planerad=_first_pk(PlaneradAktivitet.objects.filter(mal__forbund=forbund)),
        matt=_first_pk(Matt.objects.filter(forbund=forbund)),
        arkiv=arkiv and arkiv.pk,
        arkiv_nyckel=arkiv and arkiv.utgava.nyckel,
        mote=_first_pk(Styrelsemote.objects.filter(forbund=forbund)),
        handelse=_first_pk(Viktighandelse.objects.filter(forbund=forbund)),
        kanslitjanst=_first_pk(Kanslitjanst.objects.filter(forbund=forbund)),
        bild=bild and bild.pk,
        pdfbestallning=_first_pk(Pdfbestallning.objects.filter(forbund=forbund)),
        bild_nyckel=bild and bild.utgava.nyckel,
        tabell=_first_pk(Tabellstruktur.objects.filter(forbund=forbund)),
        tabellgrupp=_first_pk(Tabellgrupp.objects.filter(struktur__forbund=forbund)),
        tabellrad=_first_pk(Tabellrad.objects.filter(grupp__struktur__forbund=forbund)),
        tabellmedel=_first_pk(MedelTillForfogande.objects.filter(forbund=forbund)),
    )


def demo_state() -> tuple[SimpleNamespace, dict]:
    """The demo, with another insats's report 2025-H1 adopted and archived."""
    from finsam.rapporter.dokument import dokumenttyp
    from finsam.rapporter.utgava import faststall
    from finsam.rapporter.utgava.bilder import bild_ladda_upp
    from finsam.rapporter.utgava.texter import utgava_for
    from tests.finsam.rapporter.helpers import skriv_texter
    from uppfoljning.models import Rapportperiod

    forbund = Forbund.objects.get(slug="vastmanland")
    insats = Insats.objects.get(forbund=forbund, slug="st-vasteras")
    period = Rapportperiod.objects.get(forbund=forbund, ar=2025, typ="h1")
    annan = period.insatser.exclude(pk=insats.pk).order_by("pk").first()
    skriv_texter(forbund, "insats", f"{annan.slug}:2025-H1")
    faststall.faststall(
        dokumenttyp("insats"),
        forbund,
        f"{annan.slug}:2025-H1",
        beslutsdatum=date(2025, 9, 15),
        paragraf="§ 7",
        user=User.objects.get(username="kansli"),
    )
    # A picture whose file is in this test's storage (the demo's is not).
    bild_ladda_upp(
        utgava_for(forbund, "verksamhetsplan", ar=2025),
        fil=SimpleUploadedFile("ruta.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        slug="ruta",
        alt_text="En ruta",
    )
    # A PDF ordered and waiting for the worker (no task is run: the page shows the queue).
    Pdfbestallning.objects.create(
        forbund=forbund,
        dokument="verksamhetsplan",
        nyckel="2025",
        cachenyckel="0" * 64,
        filnamn="verksamhetsplan-2025.pdf",
        steg="Väntar på sin tur",
    )
    users = {
        "kansli": User.objects.get(username="kansli"),
        "styrelse": User.objects.get(username="styrelse"),
        "revisor": User.objects.get(username="revisor"),
        "styrgrupp": User.objects.get(username="styrgrupp-vasteras"),
        "annat": User.objects.get(username="kansli-exempel"),
    }
    return _ids(forbund, insats, annan, period), users


def new_state() -> tuple[SimpleNamespace, dict]:
    """A förbund created a minute ago: its users, two insatser and one empty period open."""
    from insatser import services as insats_services
    from uppfoljning.deltagarrapport import services as uppf_services

    forbund = factories.make_forbund()
    users = {r: factories.make_user(forbund, r) for r in ("kansli", "styrelse", "revisor")}
    users["styrgrupp"] = factories.make_user(forbund, "styrgrupp")
    users["annat"] = factories.make_user(factories.make_forbund(), "kansli")
    mo = insats_services.malomrade_save(
        malomrade=Malomrade(forbund=forbund, namn="Individinsatser"), expected_version=0
    )

    def insats(slug, styrgrupp):
        return insats_services.insats_save(
            insats=Insats(
                forbund=forbund,
                slug=slug,
                namn=f"Samordningsteam {slug}",
                typ=Insats.Typ.SAMORDNINGSTEAM,
                malomrade=mo,
                startdatum=date(2027, 1, 1),
            ),
            expected_version=0,
            styrgrupp=styrgrupp,
        )

    egen = insats("st-ny", [users["styrgrupp"]])
    annan = insats("st-annan", [])
    period = uppf_services.period_open(
        forbund=forbund,
        ar=2027,
        typ="h1",
        sista_dag=date(2027, 8, 15),
        insatser=[egen, annan],
        anvandare=users["kansli"],
        base_url="http://testserver/",
        skicka_epost=False,
    )
    return _ids(forbund, egen, annan, period), users


# --- the run -----------------------------------------------------------------------------


def _counts() -> dict[str, int]:
    """The rows of every model, in one query (a COUNT per model made this test 3x slower);
    not the data token (finsam/dataversion.py), whose förbund's row a write makes: it is
    not data, and a page that writes is found by its data's row or its SQL."""
    modeller = [m for m in apps.get_models() if m._meta.label != "finsam.Dataversion"]
    sql = " UNION ALL ".join(
        f"SELECT {i}, COUNT(*) FROM {connection.ops.quote_name(m._meta.db_table)}"
        for i, m in enumerate(modeller)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        antal = dict(cursor.fetchall())
    return {m._meta.label: antal[i] for i, m in enumerate(modeller)}


def _skriver(sql: str | None) -> bool:
    # psycopg2 records some statements (e.g. a cursor's set-up on PostgreSQL) with sql None.
    return (sql or "").lstrip().split(" ", 1)[0].upper() in (
        "INSERT",
        "UPDATE",
        "DELETE",
        "REPLACE",
    )


def _clients(users) -> dict[str, Client]:
    clients = {"anonym": Client(raise_request_exception=False)}
    for roll, user in users.items():
        clients[roll] = Client(raise_request_exception=False)
        clients[roll].force_login(user)
    return clients


def _skopade_tabeller() -> tuple[str, ...]:
    """The quoted tables of the förbund's models (`forbund_manager` as default manager)."""
    return tuple(
        connection.ops.quote_name(m._meta.db_table)
        for m in apps.get_models()
        if scoping.is_scoped_model(m)
    )


class Skopkontroll:
    """An execute wrapper that notes each statement on a förbund's table made outside the
    scope of `forbund_id` (None: any such statement). The authentication backend's load of
    the request's own user (its unread count reads finsam_notis) happens before the scope,
    marked by the middleware; it is the one exception."""

    def __init__(self):
        self.tabeller = _skopade_tabeller()
        self.forbund_id = None
        self.utanfor: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        text = sql or ""
        if any(t in text for t in self.tabeller):
            scope = scoping.get_scope()
            ratt = (
                scope.get("_enabled") is True
                and self.forbund_id is not None
                and scope.get(scoping.DIMENSION) == self.forbund_id
            )
            if not ratt and not scope.get(scoping.USER_LOAD):
                self.utanfor.append(f"{dict(scope)}: {text[:100]}")
        return execute(sql, params, many, context)


@dataclass
class Resultat:
    requests: int = 0
    fel: list[str] = field(default_factory=list)
    skrivningar: list[str] = field(default_factory=list)
    oskopade: list[str] = field(default_factory=list)
    tackta: set[str] = field(default_factory=set)
    tid: float = 0.0


def run_all(tillstand: str, d: SimpleNamespace, users: dict) -> Resultat:
    clients = _clients(users)
    res = Resultat()
    skop = Skopkontroll()
    start = time.monotonic()
    for name, fall_lista in SIDOR.items():
        for fall in fall_lista:
            kwargs = fall.kwargs(d)
            if kwargs is None:
                continue
            query = kwargs.pop("?", None)
            url = reverse(name, kwargs=kwargs) + (f"?{urlencode(query)}" if query else "")
            res.tackta.add(name)
            svar = fall.svar_i(tillstand)
            for roll in ORDNING:
                if roll not in svar:
                    continue
                forvantat = svar[roll]
                before = _counts() if roll in SKRIVKONTROLL else None
                skop.forbund_id = users[roll].forbund_id if roll in users else None
                skop.utanfor = []
                with CaptureQueriesContext(connection) as sql, connection.execute_wrapper(skop):
                    response = clients[roll].get(url)
                res.requests += 1
                if skop.utanfor:
                    res.oskopade.append(f"{tillstand} {roll} GET {url}: {skop.utanfor[:3]}")
                status = response.status_code
                if status != forvantat:
                    exc = response.exc_info and repr(response.exc_info[1])[:200]
                    res.fel.append(f"{tillstand} {roll:9} GET {url} ({name}): {status}, "
                                   f"väntat {forvantat} {exc or ''}")  # fmt: skip
                elif (
                    status == 302
                    and roll == "anonym"
                    and not response["Location"].startswith(resolve_url(settings.LOGIN_URL))
                ):
                    res.fel.append(f"{tillstand} anonym GET {url}: {response['Location']}")
                if before is not None:
                    after = _counts()
                    andrat = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
                    if andrat:
                        res.skrivningar.append(f"{tillstand} {roll} GET {url}: {andrat}")
                    # Also what counting misses: an UPDATE of a model without history.
                    skriver = [
                        (q["sql"] or "")[:120] for q in sql.captured_queries if _skriver(q["sql"])
                    ]
                    if skriver:
                        res.skrivningar.append(f"{tillstand} {roll} GET {url}: {skriver}")
    _huge_ids(tillstand, d, clients["kansli"], res, skop, users["kansli"])
    res.tid = time.monotonic() - start
    return res


#: No database holds this id (it overflows SQLite's INTEGER and PostgreSQL's bigint).
HUGE = 10**30


def _huge_ids(tillstand, d, client, res, skop, kansli):
    """Every number in a URL set to HUGE: the kansli gets 404 (405 from POST-only views)."""
    skop.forbund_id = kansli.forbund_id
    for name, fall_lista in SIDOR.items():
        kwargs = fall_lista[0].kwargs(d)
        if not kwargs:
            continue
        kwargs.pop("?", None)
        numbers = {k: HUGE for k, v in kwargs.items() if isinstance(v, int)}
        if not numbers:
            continue
        url = reverse(name, kwargs={**kwargs, **numbers})
        forvantat = 405 if fall_lista[0].svar.get("kansli") == 405 else 404
        skop.utanfor = []
        with connection.execute_wrapper(skop):
            response = client.get(url)
        res.requests += 1
        if skop.utanfor:
            res.oskopade.append(f"{tillstand} kansli GET {url}: {skop.utanfor[:3]}")
        if response.status_code != forvantat:
            exc = response.exc_info and repr(response.exc_info[1])[:200]
            res.fel.append(f"{tillstand} kansli    GET {url} ({name}): "
                           f"{response.status_code}, väntat {forvantat} {exc or ''}")  # fmt: skip


def _check(res: Resultat, capsys, tillstand):
    with capsys.disabled():
        print(
            f"\n{tillstand}: {len(res.tackta)} URL-mönster, {res.requests} förfrågningar, "
            f"{res.tid:.1f} s"
        )
    problem = res.fel + res.skrivningar + res.oskopade
    assert not problem, "\n".join(problem)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_page_every_role_demo(demo, media, capsys):
    d, users = demo_state()
    res = run_all("demo", d, users)
    uncovered = sorted(SIDOR.keys() - res.tackta)
    assert not uncovered, f"not requested in the demo state: {uncovered}"
    _check(res, capsys, "demo")


def test_every_page_every_role_new_forbund(db, media, capsys):
    d, users = new_state()
    res = run_all("ny", d, users)
    _check(res, capsys, "ny")


def test_the_test_finds_a_new_page_a_500_and_a_write(db, settings, monkeypatch):
    """Self-test: a pattern without an entry, a page that crashes and one that writes."""
    settings.ROOT_URLCONF = "tests.finsam.urls_med_trasig_sida"
    assert {"trasig", "skriver"} <= url_names() - SIDOR.keys()
    tabell = {"trasig": f(NO_KW, bara(ALLA, "kansli")), "skriver": f(NO_KW, bara(ALLA, "styrelse"))}
    monkeypatch.setattr(sys.modules[__name__], "SIDOR", tabell)
    d, users = new_state()
    factories.make_medlem(d.forbund)
    res = run_all("ny", d, users)
    assert len(res.fel) == 1 and "500, väntat 200 IndexError" in res.fel[0]
    assert len(res.skrivningar) == 1 and "UPDATE" in res.skrivningar[0]


def test_the_test_finds_a_request_outside_the_forbunds_scope(db, settings):
    """Self-test: without the middleware, the pages' reads run unscoped, and it says so."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "ForbundScopeMiddleware" not in m]
    tabell = {"finsam:medlem-list": f(NO_KW, bara(LAS, "kansli", "anonym"))}
    d, users = new_state()
    factories.make_medlem(d.forbund)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys.modules[__name__], "SIDOR", tabell)
        res = run_all("ny", d, users)
    assert not res.fel
    assert len(res.oskopade) == 1 and "kansli GET" in res.oskopade[0]
    assert "finsam_medlem" in res.oskopade[0]
