"""Hostile input on every form: no 500, and a refused post changes nothing.

For every page that takes a POST (`formular.SIDOR`: edit, create, delete and action
pages, and the Excel upload), the form is read from the page as a browser has it, and
Hypothesis posts it with generated values: for a few fields, or all of them at once, huge
and negative numbers, decimals with comma and point, empty, whitespace, 10 000
characters, NUL, emoji, markup, impossible dates, unknown choices, missing fields.

- the answer is never a server error (the test client re-raises the exception), nor is
  the page an accepted post redirects to (it shows what was stored);
- an answer that is not a redirect is a refusal, and then the database is unchanged:
  every write the request made is compared against a dump taken before the examples;
- a refused form's error summary links only to elements of the page.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
HYPOTHESIS_PROFILE=ci runs 100 examples per form (tests/conftest.py); the default "dev"
profile about 10.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from finsam.models import User
from tests.finsam import formular
from tests.finsam.formular import SIDOR

POST_SIDOR = sorted(
    namn
    for namn, (slag, mal) in SIDOR.items()
    if slag in ("andra", "ny", "ta-bort", "atgard", "import") and mal is not None
) + [
    "finsam:rapport-oppna",
    # A rådgivande team's report: other measures, and the survey answers' formset.
    "uppfoljning:rapport-edit#radgivande",
]

#: Pages that post the same form class as another page (in the comment): that page gets
#: the profile's full number of examples, these half of it, so that every form class gets
#: at least the full number and the ci run stays within minutes.
SAMMA_FORMULAR = {
    "finsam:fortroendevald-create": "finsam:fortroendevald-edit",
    "finsam:medlem-create": "finsam:medlem-edit",
    "insatser:create": "insatser:edit",
    "insatser:bemanning-create": "insatser:bemanning-edit",
    "insatser:beslut-create": "insatser:beslut-edit",
    "insatser:rekvisition-create": "insatser:rekvisition-edit",
    "insatser:malomrade-create": "insatser:malomrade-edit",
    "insatser:beslut-delete": "insatser:bemanning-delete",
    "insatser:rekvisition-delete": "insatser:bemanning-delete",
    "uppfoljning:aktivitet-delete": "insatser:bemanning-delete",
    "uppfoljning:mal-delete": "insatser:bemanning-delete",
    "uppfoljning:mal-aktivitet-delete": "insatser:bemanning-delete",
    "budget:grupp-create": "budget:grupp-edit",
    "budget:rad-create": "budget:rad-edit",
    "budget:medel-create": "budget:medel-edit",
    "budget:bokslut-create": "budget:bokslut-edit",
    "uppfoljning:aktivitet-create": "uppfoljning:aktivitet-edit",
    "uppfoljning:mal-create": "uppfoljning:mal-edit",
    "uppfoljning:mal-aktivitet-create": "uppfoljning:mal-aktivitet-edit",
    "uppfoljning:matt-create": "uppfoljning:matt-edit",
    "uppfoljning:rapport-godkann": "uppfoljning:rapport-returnera",
    "uppfoljning:rapport-ateroppna": "uppfoljning:rapport-returnera",
    # No form of their own: a button with the CSRF token only.
    "uppfoljning:period-remind": None,
    "uppfoljning:matt-standard": None,
}

#: Values people and attackers type, whatever the field.
FIENTLIGA = [
    "",
    "   ",
    "\t\n",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "9" * 10_000,
    "1e309",
    "-1e309",
    "1E5",
    "10" * 30,
    "1" + "0" * 28,
    str(10**9),
    str(-(10**9)),
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "-1",
    "0",
    "-0",
    "1,5",
    "1.5",
    "-1,5",
    "0,0001",
    "12 345",
    "12\u00a0345",
    "\u22121 250 000",
    "1.234.567",
    "1,2,3",
    "NaN",
    "Infinity",
    "-inf",
    "0x10",
    "😀",
    "👩‍👩‍👧‍👦" * 50,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "%s%n",
    "{{ 7*7 }}",
    "null",
    "None",
    "true",
    "[]",
    "2025-02-30",
    "0000-00-00",
    "2025-13-01",
    "9999-12-31",
    "0001-01-01",
    "99999-01-01",
    "2025-1-1",
    "31/12/2025",
    "- " * 3000 + "x",
    "1. " * 3000,
    "[x" * 5000,
    "\u202e",
    "\ufeff",
    "\ud7ff",
]

#: The values that most often break something, tried more often than the others.
STARKA = [
    "1e309",
    str(2**63),
    str(2**31),
    "1" + "0" * 30,
    "-1",
    "x" * 10_000,
    "\x00",
    "2025-02-30",
    "",
    "1,5",
]

#: Control names that are not the app's fields.
INTE_FALT = {"csrfmiddlewaretoken"}
#: How many fields one example changes at most (all of them in the "alla" mode).
MAX_ANDRADE = 6


def _fientligt_varde():
    return st.one_of(
        st.sampled_from(FIENTLIGA),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(
            lambda d: str(d).replace(".", ",")
        ),
        st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
        st.text(max_size=40),
    )


def _falt(form: formular.Form) -> dict[str, dict]:
    """{name: {"typ": …, "alternativ": [values offered]}} of the form's fields."""
    falt: dict[str, dict] = {}
    for k in form.falt():
        if k.namn in INTE_FALT:
            continue
        f = falt.setdefault(k.namn, {"typ": k.typ, "alternativ": []})
        if k.tagg == "select":
            f["alternativ"] += [a["value"] for a in k.alternativ]
        elif k.typ in ("checkbox", "radio"):
            f["alternativ"].append(k.attrs.get("value") or "on")
    return falt


def _knappar(form: formular.Form) -> list[tuple[str, str]]:
    return [
        (k.namn, k.attrs.get("value") or "")
        for k in form.kontroller
        if k.ar_knapp and k.namn and k.typ == "submit"
    ]


def _nytt_varde(data, namn: str, f: dict) -> list[str]:
    """The values to post for field `namn`: [] leaves it out, more than one repeats it."""
    alternativ = f["alternativ"]
    val = [st.lists(_fientligt_varde(), min_size=0, max_size=2)]
    if alternativ:
        val.append(st.lists(st.sampled_from(alternativ), max_size=3, unique=True))
    return data.draw(st.one_of(*val), label=namn)


def _slag(namn: str) -> str:
    """A field's kind: its name without row numbers and ids ("befolkning-N-antal", "rad_N"),
    so that a grid of a hundred amounts does not drown the form's other fields."""
    return re.sub(r"\d+", "N", namn)


def _post(data, original: list[tuple[str, str]], falt: dict, knappar) -> list[tuple[str, str]]:
    namnen = sorted(falt)
    lage = data.draw(st.sampled_from(["ett", "ett", "ett", "nagra", "nagra", "alla"]), label="läge")
    if lage == "ett" and namnen:
        # One field of one kind gets a hostile value; everything else is as the page has it,
        # so that the value reaches the form's and the service's deepest checks.
        slag = {}
        for n in namnen:
            slag.setdefault(_slag(n), []).append(n)
        namn = data.draw(st.sampled_from(slag[data.draw(st.sampled_from(sorted(slag)))]))
        starka = st.sampled_from(STARKA)
        varde = data.draw(st.one_of(starka, starka, _fientligt_varde()), label=namn)
        nya = {namn: [varde]}
    elif lage == "alla":
        # Every field the same hostile value (a whole form of 1e309, or of NUL, …).
        varde = data.draw(_fientligt_varde(), label="alla fält")
        nya = {n: [varde] for n in namnen}
    else:
        valda = data.draw(
            st.lists(st.sampled_from(namnen), max_size=MAX_ANDRADE, unique=True)
            if namnen
            else st.just([]),
            label="fält",
        )
        nya = {n: _nytt_varde(data, n, falt[n]) for n in valda}
    ut = [(k, v) for k, v in original if k not in nya and k not in dict(knappar)]
    for n, varden in nya.items():
        ut += [(n, v) for v in varden]
    if knappar:
        knapp = data.draw(st.sampled_from([None, *knappar]), label="knapp")
        if knapp is not None:
            ut.append(knapp)
    return ut


def _mal(namn: str):
    """The object the page is opened for: the one whose form has the most to break (see
    BASTA_MAL), the small Exempeldalen förbund for the reports (building a large report a
    hundred times is slow), else the first one."""
    lista = SIDOR[namn][1]()
    if namn in BASTA_MAL:
        lista = [m for m in lista if BASTA_MAL[namn](m)] or lista
    if namn.startswith("finsam:rapport-"):
        lista = [m for m in lista if m.anvandare == "kansli-exempel"] or lista
    return lista[0]


def _ar_kommun(mal) -> bool:
    from finsam.models import Medlem

    return Medlem.objects.filter(pk=mal.kwargs["pk"], typ=Medlem.Typ.KOMMUN).exists()


def _radgivande_rapport():
    """A rådgivande team's report, opened again as a draft (the demo's are approved)."""
    from uppfoljning.deltagarrapport import services
    from uppfoljning.models import Deltagarrapport

    rapport = Deltagarrapport.objects.filter(
        insats__typ="radgivande_team", status="godkand", period__forbund__slug="vastmanland"
    ).first()
    services.rapport_ateroppna(
        rapport=rapport, anvandare=User.objects.get(username="kansli"), kommentar="Test"
    )
    return formular.Mal("kansli", {"pk": rapport.pk})


def _har_poster(mal) -> bool:
    from budget.models import Bokslut

    return Bokslut.objects.filter(ar=mal.kwargs["ar"], poster__isnull=False).exists()


#: Which object a page is best attacked through: a kommun has populations on its form, a
#: bokslut with note lines has their grid filled.
BASTA_MAL = {
    "finsam:medlem-edit": _ar_kommun,
    "budget:bokslut-edit": _har_poster,
}


@pytest.fixture
def snabb_pdf(monkeypatch, settings, tmp_path):
    """Adopting an edition renders its PDF; here a stand-in, stored in a temporary dir."""
    from finsam.rapporter.utgava import faststall

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(faststall, "render_pdf", lambda *a, **k: b"%PDF-1.4 test\n%%EOF\n")


def _faststalld_utgava():
    from finsam.models import Forbund, User
    from finsam.rapporter.dokument import dokumenttyp
    from finsam.rapporter.utgava import faststall
    from tests.finsam.rapporter.helpers import skriv_texter

    forbund = Forbund.objects.get(slug="exempel")
    skriv_texter(forbund, "verksamhetsplan", "2025")
    faststall.faststall(
        dokumenttyp("verksamhetsplan"),
        forbund,
        "2025",
        beslutsdatum=date(2024, 11, 20),
        paragraf="§ 1",
        user=User.objects.get(username="kansli-exempel"),
    )
    return formular.Mal("kansli-exempel", {"kod": "verksamhetsplan", "nyckel": "2025"})


@pytest.mark.parametrize("namn", POST_SIDOR)
def test_hostile_input_never_500s_and_a_refusal_changes_nothing(
    demo,
    client,
    snabb_pdf,
    namn,
):
    sida, _, variant = namn.partition("#")
    if sida == "finsam:rapport-oppna":
        mal = _faststalld_utgava()
    elif variant == "radgivande":
        mal = _radgivande_rapport()
    else:
        mal = _mal(sida)
    client.force_login(User.objects.get(username=mal.anvandare))
    form = formular.form_for(client, sida, mal)
    url = mal.url(sida)
    original = form.submission()
    falt = _falt(form)
    if variant == "radgivande":
        assert "enkat-TOTAL_FORMS" in falt, "rådgivande teams rapport utan enkätsvar"
    knappar = _knappar(form)
    tabeller = formular.tabeller()
    fore = formular.dump()

    antal = hypothesis_settings().max_examples
    if namn in SAMMA_FORMULAR:
        antal = max(antal // 2, 2)

    @hypothesis_settings(max_examples=antal)
    @given(data=st.data())
    def posta(data):
        post = _post(data, original, falt, knappar)
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                svar = formular.post_as_browser(client, url, post)
            assert svar.status_code < 500
            if svar.status_code == 302 and svar["Location"].startswith("/"):
                # What was accepted is stored: the page that shows it must work too.
                sida = client.get(svar["Location"])
                assert sida.status_code < 500, f"GET {svar['Location']} efter POST {url}"
            if svar.status_code == 200 and "html" in svar.get("Content-Type", ""):
                doda = formular.sammanfattningens_doda_lankar(svar.content.decode())
                assert not doda, f"POST {url}: felsammanfattningen länkar till {doda}"
            if svar.status_code != 302:
                skrivna = formular.skrivningar(queries.captured_queries, tabeller)
                if skrivna:
                    skillnad = formular.diff(fore, formular.dump())
                    assert not skillnad, (
                        f"POST {url} nekades ({svar.status_code}) men ändrade:\n{skillnad}"
                    )
            transaction.set_rollback(True)

    posta()
