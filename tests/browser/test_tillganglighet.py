"""WCAG 2.1 AA on every page, for every demo role (issue 12), in real headless Chromium.

Every HTML page each role can open in the demo (tests/sidor.py: the URL table of
test_alla_sidor.py, 200 for the role, files left out) is loaded as that user, with the
Content-Security-Policy in force, and checked with axe-core (the copy bundled by the PyPI
package axe-playwright-python) against the WCAG 2.0/2.1 A and AA rules; then the same page
is laid out 390 px wide (a phone) and must not scroll sideways. The test fails naming the
page, the rule and the element. A page that the CSP refuses something on fails too: an
inline style or script the policy blocks is a layout or a behaviour the user does not get.

Not logged in, the crawl covers the login page and the accessibility statement.
"""

import os
import time
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.test import Client

from finsam.models import User
from tests.sidor import ANVANDARE, demo_state, sidor_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": TAGGAR}, "resultTypes": ["violations"]}
BRED = {"width": 1366, "height": 900}
SMAL = {"width": 390, "height": 844}
#: Readers first, as in test_alla_sidor: what kansli's pages might create is not there yet.
ORDNING = ("styrelse", "revisor", "styrgrupp", "anonym", "kansli")

#: The elements that stick out on the right at the current width (innermost first, a few).
_BREDA_ELEMENT = """() => {
  const w = window.innerWidth, ut = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > w + 1) {
      let sel = el.tagName.toLowerCase();
      if (el.id) sel += '#' + el.id;
      else if (el.classList.length) sel += '.' + [...el.classList].slice(0, 3).join('.');
      ut.push(sel + ' (' + Math.round(r.right) + ' px)');
    }
  }
  return ut.slice(-4);
}"""


def _axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("axe-playwright-python is not installed: pip install -e '.[dev]'")
    return Axe()


def _kontext(browser, live_server, roll):
    context = browser.new_context(locale="sv-SE", viewport=BRED)
    if roll != "anonym":
        client = Client()
        client.force_login(User.objects.get(username=ANVANDARE[roll]))
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context


def _granska(page, axe, url):
    """The axe violations of the page, one line per element, and its 390 px overflow."""
    fel = []
    for v in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            html = " ".join(node.get("html", "").split())[:140]
            varfor = [c["message"] for k in ("any", "all", "none") for c in node.get(k, [])]
            varfor = (varfor or [v["help"]])[0]
            fel.append((v["id"], f"{v['id']} [{v['impact']}] {target}: {html} – {varfor}"))
    page.set_viewport_size(SMAL)
    bredd, fonster = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if bredd > fonster:
        breda = ", ".join(page.evaluate(_BREDA_ELEMENT))
        fel.append(("390px", f"390px: sidan är {bredd} px bred vid {fonster} px ({breda})"))
    page.set_viewport_size(BRED)
    return fel


def test_every_page_meets_wcag_21_aa_for_every_role(
    demo, browser, live_server, settings, tmp_path, capsys
):
    settings.MEDIA_ROOT = tmp_path
    d, _ = demo_state()
    axe = _axe()
    start = time.monotonic()
    fel, regler, sidor = [], Counter(), 0
    for roll in ORDNING:
        context = _kontext(browser, live_server, roll)
        page = context.new_page()
        page.set_default_timeout(30000)
        csp = []
        page.on(
            "console",
            lambda m, csp=csp: csp.append(m.text) if "Content Security" in m.text else None,
        )
        for sida in sidor_for(roll, d):
            csp.clear()
            response = page.goto(live_server.url + sida.url)
            sidor += 1
            plats = f"{roll} {sida.url} ({sida.namn})"
            if response is None or response.status != 200:
                fel.append(f"{plats}: svarade {response and response.status}")
                continue
            for regel, text in _granska(page, axe, sida.url):
                regler[regel] += 1
                fel.append(f"{plats}: {text}")
            for text in csp:
                regler["csp"] += 1
                fel.append(f"{plats}: CSP: {text[:200]}")
        context.close()
    tid = time.monotonic() - start
    if os.environ.get("FINSAM_AXE_RAPPORT"):  # the whole list to a file, while fixing
        with open(os.environ["FINSAM_AXE_RAPPORT"], "w") as fh:
            fh.write("\n".join(fel) + "\n")
    with capsys.disabled():
        print(
            f"\naxe-crawl: {sidor} sidor, {len(fel)} fel, {tid:.0f} s; "
            + ", ".join(f"{r} {n}" for r, n in regler.most_common())
        )
    assert sidor > 200
    assert not fel, f"{len(fel)} tillgänglighetsfel på {sidor} sidor:\n" + "\n".join(fel)


def test_the_crawl_finds_what_it_should(browser, live_server):
    """Self-test: a page with an unlabelled input, low contrast and a too-wide table fails
    on each, by rule and element; a page without them passes."""
    axe = _axe()
    context = browser.new_context(viewport=BRED)
    page = context.new_page()
    page.set_content(
        '<html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1>'
        '<input id="falt" type="text">'
        '<p style="color:#aaa;background:#fff">Grått på vitt</p>'
        '<table><tr><th scope="col">' + "x" * 600 + "</th></tr></table>"
        "</main></body></html>"
    )
    fel = _granska(page, axe, "prov")
    regler = {r for r, _ in fel}
    assert {"label", "color-contrast", "390px"} <= regler, fel
    assert any("#falt" in t for r, t in fel if r == "label")
    page.set_content(
        '<html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1>'
        '<label for="falt">Namn</label><input id="falt" type="text"></main></body></html>'
    )
    assert _granska(page, axe, "prov") == []
    context.close()


def test_the_pdf_order_page_meets_wcag_21_aa(demo, browser, live_server, settings, tmp_path):
    """The crawl leaves the documents' -pdf links out with the files (tests/sidor.py), but
    where no file is made yet the link answers a page: "Skapa PDF", the order form. Every
    such page of the demo (one per document and role) is checked here like the crawl's."""
    from django.urls import reverse

    from tests.finsam.test_alla_sidor import SIDOR

    settings.MEDIA_ROOT = tmp_path
    d, _ = demo_state()
    axe = _axe()
    fel, sidor = [], 0
    for roll in ("styrelse", "kansli"):
        client = Client()
        client.force_login(User.objects.get(username=ANVANDARE[roll]))
        context = _kontext(browser, live_server, roll)
        page = context.new_page()
        page.set_default_timeout(30000)
        for namn, fall_lista in SIDOR.items():
            if not namn.endswith("-pdf"):
                continue
            for fall in fall_lista:
                kwargs = fall.kwargs(d) if fall.svar.get(roll) == 200 else None
                if kwargs is None:
                    continue
                kwargs = dict(kwargs)
                query = kwargs.pop("?", None)
                url = reverse(namn, kwargs=kwargs)
                svar = client.get(url, query or {})
                if not svar["Content-Type"].startswith("text/html"):
                    continue  # an archived or already made file
                if query:
                    from urllib.parse import urlencode

                    url += "?" + urlencode(query)
                response = page.goto(live_server.url + url)
                assert response is not None and response.status == 200, url
                assert page.locator("form button[type=submit]").count() >= 1, url
                sidor += 1
                fel += [f"{roll} {url}: {text}" for _, text in _granska(page, axe, url)]
        context.close()
    assert sidor >= 2, "no document's PDF link answered its order page"
    assert fel == [], "\n".join(fel)
