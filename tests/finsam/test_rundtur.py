"""Every edit form round-trips: for every edit page and every existing object of the demo
förbund, GET the page, post back exactly what a browser would send when the user presses
Save without touching anything, and nothing in the database changes (not a value, not a
lock_version, not a history row) and the save is accepted.

The edit pages are found through the URL resolver: every named pattern must be classified
in `formular.SIDOR`, so a new page cannot be forgotten.
"""

import re

import pytest

from finsam.models import User
from tests.finsam import formular
from tests.finsam.formular import SIDOR

REDIGERINGSSIDOR = sorted(namn for namn, (slag, _mal) in SIDOR.items() if slag == "andra")


def test_every_url_pattern_is_classified():
    namn = {m.namn for m in formular.url_patterns()}
    saknas = sorted(namn - set(SIDOR))
    assert not saknas, f"Lägg till sidorna i formular.SIDOR (andra/ny/ta-bort/atgard/las): {saknas}"
    assert not sorted(set(SIDOR) - namn), "SIDOR nämner sidor som inte finns"


def test_edit_looking_patterns_are_edit_pages():
    """A pattern that looks like an edit page (…/andra/, "-edit") is in the round-trip."""
    for m in formular.url_patterns():
        if re.search(
            r"(^|/)andra/|-edit$", m.route + " " + m.namn.split(":")[1]
        ) or m.namn.endswith("-edit"):
            assert SIDOR[m.namn][0] == "andra", m.namn


@pytest.mark.parametrize("namn", REDIGERINGSSIDOR)
def test_unchanged_form_posted_back_changes_nothing(demo, client, namn):
    mal_lista = SIDOR[namn][1]()
    assert mal_lista, f"{namn}: demodata saknar objekt att öppna sidan för"
    anvandare = {}
    fel = []
    for mal in mal_lista:
        if mal.anvandare not in anvandare:
            anvandare[mal.anvandare] = User.objects.get(username=mal.anvandare)
        client.force_login(anvandare[mal.anvandare])
        url = mal.url(namn)
        svar = client.get(url)
        assert svar.status_code == 200, f"GET {url}: {svar.status_code}"
        html = svar.content.decode()
        form = formular.post_form(html, url)
        fore = formular.dump()
        svar = formular.post_as_browser(client, url, form.submission())
        efter = formular.dump()
        skillnad = formular.diff(fore, efter)
        if svar.status_code != 302:
            fel.append(f"POST {url}: {svar.status_code}, formuläret godtogs inte:\n{_fel(svar)}")
        if skillnad:
            fel.append(f"POST {url} ändrade databasen:\n{skillnad}")
    assert not fel, "\n\n".join(fel)


def _fel(svar) -> str:
    """The error messages a refused form shows (alerts and invalid-feedback texts)."""
    html = svar.content.decode()
    texter = re.findall(
        r'class="[^"]*(?:invalid-feedback|alert-danger|errorlist)[^"]*"[^>]*>(.*?)</(?:div|ul|span|p)>',
        html,
        re.S,
    )
    rena = [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in texter]
    return "\n".join(f"  {t}" for t in rena if t) or html[:2000]
