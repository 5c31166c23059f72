"""Helpers for the tests that drive every form as a browser would (test_rundtur.py,
test_fientlig_indata.py):

- `parse_forms(html)` reads the forms of a page with html.parser, and `Form.submission()`
  builds what a browser sends when the form is submitted unchanged (inputs incl. hidden,
  checked boxes, selected options, textareas; disabled controls left out; the values of
  number, date and email inputs sanitized the way the HTML standard says);
- `dump()` / `diff()` compare every row of the app's tables (history and many-to-many tables
  included) before and after;
- `url_patterns()` lists every named URL pattern of the app with its view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

#: The apps whose tables are compared.
APPAR = ("finsam", "insatser", "budget", "uppfoljning")
#: The URL namespaces of the app (admin, login and logout are not its forms).
NAMNRYMDER = ("finsam", "insatser", "budget", "uppfoljning")


# --- the HTML forms of a page -------------------------------------------------------------

_FLYTTAL = re.compile(r"^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$")


def _giltigt_datum(text: str) -> bool:
    if not re.fullmatch(r"\d{4,}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass
class Kontroll:
    """One form control: an input, a select, a textarea or a button, in document order."""

    tagg: str
    attrs: dict
    alternativ: list = field(default_factory=list)  # a select's options
    text: str = ""  # a textarea's content

    @property
    def namn(self) -> str | None:
        return self.attrs.get("name")

    @property
    def typ(self) -> str:
        if self.tagg == "input":
            return (self.attrs.get("type") or "text").lower()
        if self.tagg == "button":
            return (self.attrs.get("type") or "submit").lower()
        return self.tagg

    @property
    def inaktiv(self) -> bool:
        return "disabled" in self.attrs

    @property
    def ar_knapp(self) -> bool:
        return self.typ in ("submit", "image", "button", "reset") and self.tagg in (
            "input",
            "button",
        )


@dataclass
class Form:
    method: str
    action: str
    attrs: dict
    kontroller: list[Kontroll] = field(default_factory=list)

    def submission(self) -> list[tuple[str, str]]:
        """What a browser posts when the user submits the form without changing anything
        (by pressing Enter: the first submit button is the submitter)."""
        data: list[tuple[str, str]] = []
        knapp = next(
            (
                k
                for k in self.kontroller
                if k.ar_knapp and k.typ in ("submit", "image") and not k.inaktiv
            ),
            None,
        )
        for k in self.kontroller:
            if k.inaktiv or not k.namn:
                continue
            if k.ar_knapp:
                if k is knapp:
                    data.append((k.namn, k.attrs.get("value") or ""))
                continue
            if k.tagg == "input":
                varde = self._input_varde(k)
                if varde is not None:
                    data.append((k.namn, varde))
            elif k.tagg == "select":
                data.extend((k.namn, v) for v in self._valda(k))
            elif k.tagg == "textarea":
                # A browser sends textarea lines with CRLF.
                text = k.text.replace("\r\n", "\n").replace("\n", "\r\n")
                data.append((k.namn, text))
        return data

    def falt(self) -> list[Kontroll]:
        """The controls a user can fill in or that are sent (no buttons), by name."""
        return [k for k in self.kontroller if k.namn and not k.ar_knapp and not k.inaktiv]

    @staticmethod
    def _input_varde(k: Kontroll) -> str | None:
        typ = k.typ
        varde = k.attrs.get("value") or ""
        if typ in ("checkbox", "radio"):
            return (k.attrs.get("value") or "on") if "checked" in k.attrs else None
        if typ == "file":
            return None
        if typ == "number":
            varde = varde.strip()
            return varde if _FLYTTAL.match(varde) else ""
        if typ == "date":
            return varde if _giltigt_datum(varde) else ""
        if typ == "email":
            return varde.replace("\r", "").replace("\n", "").strip()
        if typ in ("text", "search", "tel", "url", "password"):
            return varde.replace("\r", "").replace("\n", "")
        return varde

    @staticmethod
    def _valda(k: Kontroll) -> list[str]:
        alt = [a for a in k.alternativ if not a["disabled"]]
        valda = [a for a in k.alternativ if a["selected"]]
        if "multiple" in k.attrs:
            return [a["value"] for a in valda if not a["disabled"]]
        if valda:
            return [valda[-1]["value"]] if not valda[-1]["disabled"] else []
        return [alt[0]["value"]] if alt else []


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Kontroll | None = None
        self._option: dict | None = None
        self._textarea: Kontroll | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: ("" if v is None else v) for k, v in attrs}
        if tag == "form":
            self._form = Form(
                method=(a.get("method") or "get").lower(), action=a.get("action") or "", attrs=a
            )
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag in ("input", "button"):
            self._form.kontroller.append(Kontroll(tag, a))
        elif tag == "select":
            self._select = Kontroll(tag, a)
            self._form.kontroller.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": a.get("value"),
                "selected": "selected" in a,
                "disabled": "disabled" in a,
                "text": "",
            }
            self._select.alternativ.append(self._option)
        elif tag == "textarea":
            self._textarea = Kontroll(tag, a)
            self._form.kontroller.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._avsluta_option()
            self._select = None
        elif tag == "option":
            self._avsluta_option()
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser drops one newline right after <textarea>.
            if self._textarea.text.startswith("\n"):
                self._textarea.text = self._textarea.text[1:]
            self._textarea = None

    def _avsluta_option(self):
        if self._option is not None and self._option["value"] is None:
            self._option["value"] = " ".join(self._option["text"].split())
        self._option = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.text += data
        elif self._option is not None:
            self._option["text"] += data


def parse_forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def post_form(html: str, url: str) -> Form:
    """The page's form that posts to `url` itself (action empty or the page's own path)."""
    path = url.split("?")[0].split("#")[0]
    forms = [
        f
        for f in parse_forms(html)
        if f.method == "post" and (f.action in ("", url, path) or f.action.startswith("?"))
    ]
    assert forms, f"{url}: ingen <form method=post> som skickar till sidan själv"
    # Pages that show one edit form: the first is the page's own (others are e.g. deletes).
    return forms[0]


def urlencoded(data: list[tuple[str, str]]) -> str:
    return urlencode(data, doseq=True)


def post_as_browser(client, url: str, data: list[tuple[str, str]]):
    """POST as a browser does: application/x-www-form-urlencoded, fields in document order."""
    return client.post(url, urlencoded(data), content_type="application/x-www-form-urlencoded")


# --- every row of the app's tables --------------------------------------------------------


def modeller():
    """Every model of the app's apps, history and auto-created many-to-many tables included;
    not the data token (finsam/dataversion.py), which a lock taken before a save that then
    changes nothing replaces on PostgreSQL: it says when kept results must be computed
    again, it is not data."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPAR
        and not m._meta.proxy
        and m._meta.label != "finsam.Dataversion"
    ]


def tabeller() -> set[str]:
    return {m._meta.db_table for m in modeller()}


def dump() -> dict[str, list[tuple]]:
    """{model label: every row as stored (a tuple of its columns), by primary key}."""
    ut = {}
    with connection.cursor() as cursor:
        for m in modeller():
            tabell = connection.ops.quote_name(m._meta.db_table)
            pk = connection.ops.quote_name(m._meta.pk.column)
            cursor.execute(f"SELECT * FROM {tabell} ORDER BY {pk}")
            ut[m._meta.label] = cursor.fetchall()
    return ut


def diff(fore: dict, efter: dict, max_rader: int = 12) -> str:
    """The rows that differ, readable: '' when nothing changed."""
    rader = []
    for label in sorted(set(fore) | set(efter)):
        a, b = fore.get(label, []), efter.get(label, [])
        if a == b:
            continue
        borta = [r for r in a if r not in set(b)]
        nya = [r for r in b if r not in set(a)]
        rader.append(f"{label}: {len(borta)} rader borta/ändrade, {len(nya)} nya/ändrade")
        rader += [f"   - {r!r}"[:400] for r in borta[:max_rader]]
        rader += [f"   + {r!r}"[:400] for r in nya[:max_rader]]
    return "\n".join(rader)


_SKRIV = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I)


def skrivningar(queries, tabellnamn: set[str]) -> list[str]:
    """The captured SQL statements that write to one of `tabellnamn`."""
    ut = []
    for q in queries:
        m = _SKRIV.match(q["sql"])
        if m and m.group(2) in tabellnamn:
            ut.append(q["sql"][:200])
    return ut


# --- the URL patterns ---------------------------------------------------------------------


@dataclass(frozen=True)
class Monster:
    namn: str  # "insatser:edit"
    route: str  # "insatser/<int:pk>/andra/"
    vy: object


def url_patterns() -> list[Monster]:
    """Every named pattern of the app's namespaces, with its full name and route."""
    ut: list[Monster] = []

    def walk(patterns, prefix, ns):
        for p in patterns:
            if isinstance(p, URLResolver):
                nytt_ns = ns
                if p.namespace:
                    nytt_ns = f"{ns}:{p.namespace}" if ns else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), nytt_ns)
            elif isinstance(p, URLPattern) and p.name and ns in NAMNRYMDER:
                ut.append(Monster(f"{ns}:{p.name}", prefix + str(p.pattern), p.callback))

    walk(get_resolver().url_patterns, "", "")
    return ut


# --- every page of the app: what it is, and which objects it can be opened for ---------------


@dataclass(frozen=True)
class Mal:
    """A page opened by `anvandare` (username) with these URL kwargs (and query string)."""

    anvandare: str
    kwargs: dict
    query: str = ""

    def url(self, namn: str) -> str:
        from django.urls import reverse

        return reverse(namn, kwargs=self.kwargs) + (f"?{self.query}" if self.query else "")


def _kansli(forbund_id) -> str:
    from finsam.models import User

    return (
        User.objects.filter(forbund_id=forbund_id, roll=User.Roll.KANSLI)
        .order_by("pk")
        .values_list("username", flat=True)
        .first()
    )


def _per_objekt(modell: str, forbund: str = "forbund_id", nyckel: str = "pk", **filter):
    """Every object of `modell`, opened by its förbund's kansli, by pk (or e.g. `ar`)."""

    def mal():
        m = apps.get_model(modell)
        rader = m._base_manager.filter(**filter).order_by("pk").values_list(forbund, nyckel)
        return [Mal(_kansli(f), {nyckel: v}) for f, v in rader]

    return mal


def _mappningar():
    """Every budget line with an account mapping (SIE), by the line's pk as the URL has it."""
    rader = (
        apps.get_model("budget.Kontomappning")
        ._base_manager.order_by("pk")
        .values_list("forbund_id", "rad_id")
    )
    return [Mal(_kansli(f), {"pk": pk}) for f, pk in rader]


def _tabelldel(modell: str, struktur: str, nyckel: str):
    """Every group or row of a document's table structure, by the structure's pk and its own."""

    def mal():
        m = apps.get_model(modell)
        rader = m._base_manager.order_by("pk").values_list(
            f"{struktur}__forbund_id", f"{struktur}_id", "pk"
        )
        return [Mal(_kansli(f), {"pk": s, nyckel: pk}) for f, s, pk in rader]

    return mal


def _bilder():
    """Every picture of a report edition, opened by its förbund's kansli."""
    from finsam.models import Rapportbild

    rader = Rapportbild.objects.select_related("utgava").order_by("pk")
    return [
        Mal(
            _kansli(b.utgava.forbund_id),
            {"kod": b.utgava.dokument, "nyckel": b.utgava.nyckel, "pk": b.pk},
        )
        for b in rader
    ]


def _forbund():
    from finsam.models import Forbund

    return [
        Mal(_kansli(pk), {}) for pk in Forbund.objects.order_by("pk").values_list("pk", flat=True)
    ]


def _system_forbund():
    """Every förbund, opened by the demo's systemadministratör."""
    return [Mal("systemadmin", {"pk": pk}) for pk in _forbund_pks()]


def _indikatorgrupper():
    from uppfoljning.models import Indikatorsvar

    rader = (
        Indikatorsvar.objects.order_by("forbund_id", "ar", "respondentgrupp")
        .values_list("forbund_id", "ar", "respondentgrupp")
        .distinct()
    )
    return [Mal(_kansli(f), {"ar": ar, "grupp": g}) for f, ar, g in rader]


def _indikatorar():
    from uppfoljning.models import Indikatorbedomning

    rader = (
        Indikatorbedomning.objects.order_by("forbund_id", "ar")
        .values_list("forbund_id", "ar")
        .distinct()
    )
    return [Mal(_kansli(f), {"ar": ar}) for f, ar in rader]


def _maluppfoljningar():
    from uppfoljning.models import Maluppfoljning

    rader = Maluppfoljning.objects.order_by("pk").values_list(
        "mal__forbund_id", "mal_id", "tillfalle"
    )
    return [Mal(_kansli(f), {"pk": mal, "tillfalle": t}) for f, mal, t in rader]


def _malgrupptabeller():
    """Every stored table of target-group statistics (year and age group), per förbund."""
    from uppfoljning.models import Malgruppsstatistik

    rader = (
        Malgruppsstatistik.objects.order_by("forbund_id", "ar", "aldersgrupp")
        .values_list("forbund_id", "ar", "aldersgrupp")
        .distinct()
    )
    return [Mal(_kansli(f), {"ar": ar, "aldersgrupp": g}) for f, ar, g in rader]


def _redigerbara_rapporter():
    from uppfoljning.models import Deltagarrapport

    rader = (
        Deltagarrapport.objects.filter(status__in=Deltagarrapport.REDIGERBARA)
        .order_by("pk")
        .values_list("period__forbund_id", "pk")
    )
    return [Mal(_kansli(f), {"pk": pk}) for f, pk in rader]


def _rapporter_med_status(status):
    def mal():
        from uppfoljning.models import Deltagarrapport

        rader = (
            Deltagarrapport.objects.filter(status=status)
            .order_by("pk")
            .values_list("period__forbund_id", "pk")
        )
        return [Mal(_kansli(f), {"pk": pk}) for f, pk in rader]

    return mal


def _utgavor():
    """Every edition the Rapporter page offers (its links to the texts), per förbund, on
    the page of every year it links."""
    from django.test import Client
    from django.urls import reverse

    from finsam.models import Forbund, User

    ut = []
    monster = re.compile(r'href="/rapporter/utgava/([^/"]+)/([^/"]+)/texter/"')
    for pk in Forbund.objects.order_by("pk").values_list("pk", flat=True):
        namn = _kansli(pk)
        client = Client()
        client.force_login(User.objects.get(username=namn))
        sida = reverse("finsam:rapporter")
        html = client.get(sida).content.decode()
        for ar in dict.fromkeys(re.findall(r'href="\?ar=(\d+)"', html)):  # one year a page
            html = client.get(f"{sida}?ar={ar}").content.decode()
            for kod, nyckel in dict.fromkeys(monster.findall(html)):
                ut.append(Mal(namn, {"kod": kod, "nyckel": nyckel}))
    return ut


def _ingen_parameter():
    return [Mal(_kansli(pk), {}) for pk in _forbund_pks()]


def _notiser():
    """Every notice, newest first (on the list's first page), opened by its recipient."""
    from finsam.models import Notis

    rader = Notis.objects.order_by("-skapad", "-pk").values_list("mottagare__username", "pk")
    return [Mal(namn, {"pk": pk}) for namn, pk in rader]


def _med_olasta_notiser():
    """Every user with unread notices (the list offers to mark them all read)."""
    from finsam.models import Notis

    namn = Notis.objects.filter(last__isnull=True).order_by("mottagare__username")
    return [Mal(n, {}) for n in dict.fromkeys(namn.values_list("mottagare__username", flat=True))]


def _forbund_pks():
    from finsam.models import Forbund

    return list(Forbund.objects.order_by("pk").values_list("pk", flat=True))


def _nytt_under(modell: str, forbund: str = "forbund_id"):
    """Create pages under a parent object (e.g. a bemanning under an insats), by its pk."""
    return _per_objekt(modell, forbund)


def _ar_sida(ar=2025):
    return lambda: [Mal(_kansli(pk), {"ar": ar}) for pk in _forbund_pks()]


def _perioder_att_paminna():
    """Periods with reports not yet submitted (the others have no reminder button)."""
    from uppfoljning.models import Deltagarrapport, Rapportperiod

    rader = (
        Rapportperiod.objects.filter(rapporter__status__in=Deltagarrapport.REDIGERBARA)
        .order_by("pk")
        .values_list("forbund_id", "pk")
        .distinct()
    )
    return [Mal(_kansli(f), {"pk": pk}) for f, pk in rader]


def _rader_som_kan_tas_bort():
    """Budget lines without an amount in a decided budget (the others cannot be removed)."""
    from budget.models import Budgetrad

    rader = (
        Budgetrad.objects.exclude(belopp__version__typ__in=["budget", "tillagg"])
        .order_by("pk")
        .values_list("forbund_id", "pk")
        .distinct()
    )
    return [Mal(_kansli(f), {"pk": pk}) for f, pk in rader]


def _mal_create():
    from insatser.models import Malomrade

    rader = Malomrade.objects.order_by("pk").values_list("forbund_id", "pk")
    return [Mal(_kansli(f), {"ar": 2025, "malomrade_pk": pk}) for f, pk in rader]


def _kansli_nytt_ar():
    """The year after the last with kansli positions, per förbund that has any: its list
    page offers to start from the previous year's positions."""
    from django.db.models import Max

    from budget.models import Kanslitjanst

    rader = Kanslitjanst.objects.values("forbund_id").annotate(ar=Max("ar")).order_by("forbund_id")
    return [Mal(_kansli(r["forbund_id"]), {"ar": r["ar"] + 1}) for r in rader]


#: What each page is. "andra": an edit form for an existing object (the round-trip covers
#: it for every such object); "ny", "ta-bort", "atgard": other forms that post; "las": a
#: page that only reads (GET), "import": the Excel import (its own tests).
SIDOR = {
    # finsam
    "finsam:start": ("las", None),
    "finsam:forbund": ("las", None),
    "finsam:forbund-edit": ("andra", _forbund),
    "finsam:fortroendevald-list": ("las", None),
    "finsam:fortroendevald-create": ("ny", _ingen_parameter),
    "finsam:fortroendevald-edit": ("andra", _per_objekt("finsam.Fortroendevald")),
    "finsam:fortroendevald-delete": ("ta-bort", _per_objekt("finsam.Fortroendevald")),
    "finsam:anvandare-list": ("las", None),
    "finsam:anvandare-bjud-in": ("ny", _ingen_parameter),
    "finsam:anvandare-edit": ("andra", _per_objekt("finsam.User", forbund__isnull=False)),
    "finsam:anvandare-status": ("atgard", _per_objekt("finsam.User", forbund__isnull=False)),
    "finsam:anvandare-ny-inbjudan": ("atgard", None),  # a button: POST only
    "insatser:styrgrupp-anvandare": ("andra", _per_objekt("finsam.User", roll="styrgrupp")),
    "finsam:system-start": ("las", None),
    "finsam:system-forbund-create": ("ny", lambda: [Mal("systemadmin", {})]),
    "finsam:system-forbund-edit": ("andra", _system_forbund),
    "finsam:system-forbund-status": ("atgard", _system_forbund),
    "finsam:system-bjud-in": ("ny", _system_forbund),
    # Only to a förbund without a structure (the demo's have one): its own tests,
    # tests/finsam/rapporter/uppstart/test_kopiera.py.
    "finsam:system-kopiera-struktur": ("atgard", None),
    "finsam:uppstart": ("import", _ingen_parameter),
    "finsam:uppstart-mall-xlsx": ("las", None),
    "finsam:uppstart-preview": ("import", None),
    "finsam:uppstart-apply": ("import", None),
    "finsam:uppstart-cancel": ("import", None),
    "finsam:medlem-list": ("las", None),
    "finsam:medlem-create": ("ny", _ingen_parameter),
    "finsam:medlem-detail": ("las", None),
    "finsam:medlem-edit": ("andra", _per_objekt("finsam.Medlem")),
    "finsam:tillganglighet": ("las", None),
    "finsam:halsa": ("las", None),
    "finsam:historik": ("las", None),
    "finsam:historik-xlsx": ("las", None),
    "finsam:notiser": ("las", None),
    "finsam:notiser-las-alla": ("atgard", _med_olasta_notiser),
    "finsam:notis-las": ("atgard", _notiser),
    "finsam:notis-installningar": ("andra", _ingen_parameter),
    "finsam:rapporter": ("las", None),
    "finsam:nationell-index": ("las", None),
    "finsam:nationell": ("las", None),
    "finsam:nationell-xlsx": ("las", None),
    "finsam:verksamhetsplan": ("las", None),
    "finsam:verksamhetsplan-pdf": ("las", None),
    "finsam:delarsrapport": ("las", None),
    "finsam:delarsrapport-pdf": ("las", None),
    "finsam:arsredovisning": ("las", None),
    "finsam:arsredovisning-pdf": ("las", None),
    "finsam:insatsrapport": ("las", None),
    "finsam:insatsrapport-pdf": ("las", None),
    # The -pdf links above also take a POST that orders the PDF (a cache entry, not the
    # förbund's data; tests/finsam/rapporter/test_pdfjobb.py); its status page and file read.
    "finsam:pdfbestallning": ("las", None),
    "finsam:pdfbestallning-status": ("las", None),
    "finsam:pdfbestallning-pdf": ("las", None),
    "finsam:rapportarkiv": ("las", None),
    "finsam:rapportarkiv-pdf": ("las", None),
    "finsam:rapport-texter": ("andra", _utgavor),
    "finsam:rapport-forhandsvisning": ("atgard", _utgavor),
    "finsam:rapport-kontroll": ("las", None),
    "finsam:rapport-faststall": ("atgard", _utgavor),
    "finsam:rapport-oppna": ("atgard", None),  # needs an adopted edition: see the test
    # picture upload (a file, like the Excel import), removal, and the picture itself
    "finsam:rapport-bilder": ("import", _utgavor),
    "finsam:rapport-bild-ta-bort": ("ta-bort", _bilder),
    "finsam:rapportbild": ("las", None),
    # insatser
    "insatser:list": ("las", None),
    "insatser:list-xlsx": ("las", None),
    "insatser:create": ("ny", _ingen_parameter),
    "insatser:detail": ("las", None),
    "insatser:edit": ("andra", _per_objekt("insatser.Insats")),
    "insatser:bemanning-create": ("ny", _nytt_under("insatser.Insats")),
    "insatser:bemanning-edit": ("andra", _per_objekt("insatser.Bemanning", "insats__forbund_id")),
    "insatser:bemanning-delete": (
        "ta-bort",
        _per_objekt("insatser.Bemanning", "insats__forbund_id"),
    ),
    "insatser:beslut-create": ("ny", _nytt_under("insatser.Insats")),
    "insatser:beslut-edit": ("andra", _per_objekt("insatser.Beslut", "insats__forbund_id")),
    "insatser:beslut-delete": ("ta-bort", _per_objekt("insatser.Beslut", "insats__forbund_id")),
    "insatser:rekvisition-list": ("las", None),
    "insatser:rekvisition-create": ("ny", _nytt_under("insatser.Insats")),
    "insatser:rekvisition-edit": (
        "andra",
        _per_objekt("insatser.Rekvisition", "insats__forbund_id"),
    ),
    "insatser:rekvisition-delete": (
        "ta-bort",
        _per_objekt("insatser.Rekvisition", "insats__forbund_id"),
    ),
    "insatser:externfinansiering-create": ("ny", _nytt_under("insatser.Insats")),
    "insatser:externfinansiering-edit": (
        "andra",
        _per_objekt("insatser.Externfinansiering", "insats__forbund_id"),
    ),
    "insatser:externfinansiering-delete": (
        "ta-bort",
        _per_objekt("insatser.Externfinansiering", "insats__forbund_id"),
    ),
    "insatser:ekonomi": ("las", None),
    "insatser:ekonomi-xlsx": ("las", None),
    "insatser:malomrade-list": ("las", None),
    "insatser:malomrade-create": ("ny", _ingen_parameter),
    "insatser:malomrade-edit": ("andra", _per_objekt("insatser.Malomrade")),
    # budget
    "budget:overview": ("las", None),
    "budget:version-create": ("ny", _ingen_parameter),
    "budget:version-detail": ("las", None),
    "budget:version-edit": ("andra", _per_objekt("budget.Budgetversion")),
    "budget:belopp-edit": ("andra", _per_objekt("budget.Budgetversion")),
    "budget:version-compare": ("las", None),
    "budget:start-next-year": ("atgard", _ingen_parameter),
    "budget:budget-xlsx": ("las", None),
    "budget:struktur": ("las", None),
    "budget:grupp-create": ("ny", _ingen_parameter),
    "budget:grupp-edit": ("andra", _per_objekt("budget.Budgetgrupp")),
    "budget:rad-create": ("ny", _ingen_parameter),
    "budget:rad-edit": ("andra", _per_objekt("budget.Budgetrad")),
    "budget:rad-delete": ("ta-bort", _rader_som_kan_tas_bort),
    "budget:medel-list": ("las", None),
    "budget:medel-create": ("ny", _ingen_parameter),
    "budget:medel-detail": ("las", None),
    "budget:medel-edit": ("andra", _per_objekt("budget.Medelstilldelning", nyckel="ar")),
    "budget:medel-xlsx": ("las", None),
    "budget:utfall-list": ("las", None),
    "budget:utfall-create": ("ny", _ingen_parameter),
    "budget:utfall-detail": ("las", None),
    "budget:utfall-edit": ("andra", _per_objekt("budget.Utfallsperiod")),
    "budget:utfall-delar-xlsx": ("las", None),
    "budget:utfall-driftredovisning": ("las", None),
    "budget:utfall-driftredovisning-xlsx": ("las", None),
    "budget:bokslut-list": ("las", None),
    "budget:bokslut-create": ("ny", _ingen_parameter),
    "budget:bokslut-detail": ("las", None),
    "budget:bokslut-edit": ("andra", _per_objekt("budget.Bokslut", nyckel="ar")),
    "budget:import-upload": ("import", _ingen_parameter),
    "budget:import-template": ("las", None),
    "budget:import-preview": ("import", None),
    "budget:import-apply": ("import", None),
    "budget:import-cancel": ("import", None),
    "budget:sie-upload": ("import", _ingen_parameter),
    "budget:sie-preview": ("import", None),
    "budget:sie-apply": ("import", None),
    "budget:sie-cancel": ("import", None),
    "budget:sie-mappning": ("las", None),
    "budget:sie-mappning-edit": ("andra", _mappningar),
    "budget:tabell-list": ("las", None),
    "budget:tabell-create": ("ny", _ingen_parameter),
    "budget:tabell-detail": ("las", None),
    "budget:tabell-edit": ("andra", _per_objekt("budget.Tabellstruktur")),
    "budget:tabell-grupp-create": ("ny", _per_objekt("budget.Tabellstruktur")),
    "budget:tabell-grupp-edit": ("andra", _tabelldel("budget.Tabellgrupp", "struktur", "grupp")),
    "budget:tabell-grupp-delete": (
        "ta-bort",
        _tabelldel("budget.Tabellgrupp", "struktur", "grupp"),
    ),
    "budget:tabell-rad-create": ("ny", _per_objekt("budget.Tabellstruktur")),
    "budget:tabell-rad-edit": ("andra", _tabelldel("budget.Tabellrad", "grupp__struktur", "rad")),
    "budget:tabell-rad-delete": (
        "ta-bort",
        _tabelldel("budget.Tabellrad", "grupp__struktur", "rad"),
    ),
    "budget:tabell-medel-create": ("ny", _ingen_parameter),
    "budget:tabell-medel-edit": ("andra", _per_objekt("budget.MedelTillForfogande")),
    "budget:tabell-medel-delete": ("ta-bort", _per_objekt("budget.MedelTillForfogande")),
    "budget:kansli-index": ("las", None),
    "budget:kansli-list": ("las", None),
    "budget:kansli-create": ("ny", _ar_sida()),
    "budget:kansli-kopiera": ("atgard", _kansli_nytt_ar),
    "budget:kansli-edit": ("andra", _per_objekt("budget.Kanslitjanst")),
    "budget:kansli-delete": ("ta-bort", _per_objekt("budget.Kanslitjanst")),
    # uppfoljning
    "uppfoljning:index": ("las", None),
    "uppfoljning:period-list": ("las", None),
    "uppfoljning:period-create": ("ny", _ingen_parameter),
    "uppfoljning:period-detail": ("las", None),
    "uppfoljning:period-remind": ("atgard", _perioder_att_paminna),
    "uppfoljning:rapport-mina": ("las", None),
    "uppfoljning:rapport-detail": ("las", None),
    "uppfoljning:rapport-edit": ("andra", _redigerbara_rapporter),
    "uppfoljning:rapport-godkann": ("atgard", _rapporter_med_status("inskickad")),
    "uppfoljning:rapport-returnera": ("atgard", _rapporter_med_status("inskickad")),
    "uppfoljning:rapport-ateroppna": ("atgard", _rapporter_med_status("godkand")),
    "uppfoljning:statistik": ("las", None),
    "uppfoljning:statistik-period": ("las", None),
    "uppfoljning:statistik-excel": ("las", None),
    "uppfoljning:aktivitet-index": ("las", None),
    "uppfoljning:aktivitet-list": ("las", None),
    "uppfoljning:aktivitet-create": ("ny", _ar_sida()),
    "uppfoljning:aktivitet-edit": ("andra", _per_objekt("uppfoljning.Aktivitet")),
    "uppfoljning:aktivitet-delete": ("ta-bort", _per_objekt("uppfoljning.Aktivitet")),
    "uppfoljning:indikator-index": ("las", None),
    "uppfoljning:indikator-detail": ("las", None),
    "uppfoljning:indikator-bedomning-edit": ("andra", _indikatorar),
    "uppfoljning:indikator-edit": ("andra", _indikatorgrupper),
    "uppfoljning:mal-index": ("las", None),
    "uppfoljning:mal-list": ("las", None),
    "uppfoljning:mal-create": ("ny", _mal_create),
    "uppfoljning:mal-edit": ("andra", _per_objekt("uppfoljning.Mal")),
    "uppfoljning:mal-delete": ("ta-bort", _per_objekt("uppfoljning.Mal")),
    "uppfoljning:mal-aktivitet-create": ("ny", _nytt_under("uppfoljning.Mal")),
    "uppfoljning:mal-aktivitet-edit": (
        "andra",
        _per_objekt("uppfoljning.PlaneradAktivitet", "mal__forbund_id"),
    ),
    "uppfoljning:mal-aktivitet-delete": (
        "ta-bort",
        _per_objekt("uppfoljning.PlaneradAktivitet", "mal__forbund_id"),
    ),
    "uppfoljning:mal-uppfoljning": ("andra", _maluppfoljningar),
    "uppfoljning:malgrupp-index": ("las", None),
    "uppfoljning:malgrupp-list": ("las", None),
    "uppfoljning:malgrupp-create": ("ny", _ar_sida(2023)),
    "uppfoljning:malgrupp-edit": ("andra", _per_objekt("uppfoljning.Malgruppsstatistik")),
    "uppfoljning:malgrupp-delete": ("ta-bort", _per_objekt("uppfoljning.Malgruppsstatistik")),
    "uppfoljning:malgrupp-tabell": ("andra", _malgrupptabeller),
    "uppfoljning:matt-list": ("las", None),
    "uppfoljning:matt-create": ("ny", _ingen_parameter),
    "uppfoljning:matt-standard": ("atgard", _ingen_parameter),
    "uppfoljning:matt-edit": ("andra", _per_objekt("uppfoljning.Matt")),
    "uppfoljning:styrelse-index": ("las", None),
    "uppfoljning:styrelse-list": ("las", None),
    "uppfoljning:mote-create": ("ny", _ar_sida()),
    "uppfoljning:mote-edit": ("andra", _per_objekt("uppfoljning.Styrelsemote")),
    "uppfoljning:mote-delete": ("ta-bort", _per_objekt("uppfoljning.Styrelsemote")),
    "uppfoljning:handelse-create": ("ny", _ar_sida()),
    "uppfoljning:handelse-edit": ("andra", _per_objekt("uppfoljning.Viktighandelse")),
    "uppfoljning:handelse-delete": ("ta-bort", _per_objekt("uppfoljning.Viktighandelse")),
    "uppfoljning:nationell-deltagare": ("andra", _ar_sida()),
}


#: Views that only take a POST: the page whose form posts to them (a button on a list or a
#: detail page), and whether that form's action is the view (the preview is posted by
#: script from the texts form).
FORMSIDOR = {
    "budget:rad-delete": lambda mal: ("budget:struktur", {}, True),
    "budget:start-next-year": lambda mal: ("budget:overview", {}, True),
    "uppfoljning:period-remind": lambda mal: ("uppfoljning:period-detail", mal.kwargs, True),
    "uppfoljning:rapport-godkann": lambda mal: ("uppfoljning:rapport-detail", mal.kwargs, True),
    "uppfoljning:rapport-returnera": lambda mal: (
        "uppfoljning:rapport-detail",
        mal.kwargs,
        True,
    ),
    "uppfoljning:rapport-ateroppna": lambda mal: (
        "uppfoljning:rapport-detail",
        mal.kwargs,
        True,
    ),
    "uppfoljning:matt-standard": lambda mal: ("uppfoljning:matt-list", {}, True),
    "budget:kansli-kopiera": lambda mal: ("budget:kansli-list", mal.kwargs, True),
    "finsam:rapport-forhandsvisning": lambda mal: ("finsam:rapport-texter", mal.kwargs, False),
    "finsam:notiser-las-alla": lambda mal: ("finsam:notiser", {}, True),
    "finsam:notis-las": lambda mal: ("finsam:notiser", {}, True),
}


def form_for(client, namn: str, mal: Mal) -> Form:
    """The form a user submits to page `namn` (opened for `mal`), as the browser has it."""
    from django.urls import reverse

    url = mal.url(namn)
    if namn not in FORMSIDOR:
        svar = client.get(url)
        assert svar.status_code == 200, f"GET {url}: {svar.status_code}"
        return post_form(svar.content.decode(), url)
    sida, kwargs, egen_action = FORMSIDOR[namn](mal)
    sida_url = reverse(sida, kwargs=kwargs)
    svar = client.get(sida_url)
    assert svar.status_code == 200, f"GET {sida_url}: {svar.status_code}"
    html = svar.content.decode()
    if not egen_action:
        return post_form(html, sida_url)
    forms = [f for f in parse_forms(html) if f.method == "post" and f.action == url]
    assert forms, f"{sida_url}: inget formulär som skickar till {url}"
    return forms[0]


# --- the error summary of a refused form ---------------------------------------------------

_SAMMANFATTNING = re.compile(r'<div[^>]*\bid="felsammanfattning".*?</ul>', re.S)


def sammanfattningens_doda_lankar(html: str) -> list[str]:
    """The links of the page's error summary (templates/finsam/_felsammanfattning.html)
    whose target is no element of the page: each must reach its field."""
    match = _SAMMANFATTNING.search(html)
    if not match:
        return []
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    return [h for h in re.findall(r'href="#([^"]*)"', match.group(0)) if h not in ids]
