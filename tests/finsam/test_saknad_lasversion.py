"""A post without the lock_version the page was loaded with is refused like an outdated
one, on every locked form (issue 9, defect 9): it could otherwise overwrite a colleague's
newer save without a word."""

import pytest

from finsam.models import User
from insatser.models import Insats
from insatser.services import insats_save
from tests.finsam import formular
from tests.finsam.formular import SIDOR

KONFLIKT = "Någon annan har sparat ändringar"

#: A user's own notice setting: nobody else can change it, so there is no colleague's change
#: to overwrite and no lock version.
EGNA = {"finsam:notis-installningar"}
LASTA_SIDOR = sorted(
    namn for namn, (slag, _m) in SIDOR.items() if slag in ("andra", "ta-bort") and namn not in EGNA
)


def _utan_version(data):
    return [
        (k, v) for k, v in data if not (k.endswith("lock_version_loaded") or k == "lock_version")
    ]


def test_insats_edit_without_version_keeps_colleagues_save(forbund, kansli, client_for):
    """The issue's case: A opens the insats, B saves a new name, A saves without the
    hidden field. Before the fix A's save silently replaced B's."""
    insats = Insats.objects.get(pk=_insats(forbund).pk)
    client = client_for(kansli)
    url = f"/insatser/{insats.pk}/andra/"
    form = formular.post_form(client.get(url).content.decode(), url)

    kollega = Insats.objects.get(pk=insats.pk)
    kollega.namn = "Kollegans namn"
    insats_save(insats=kollega, expected_version=kollega.lock_version)

    data = [(k, "Mitt namn" if k == "namn" else v) for k, v in _utan_version(form.submission())]
    svar = formular.post_as_browser(client, url, data)

    assert svar.status_code == 200
    assert KONFLIKT in svar.content.decode()
    insats.refresh_from_db()
    assert insats.namn == "Kollegans namn"
    assert insats.lock_version == 1


def _insats(forbund):
    from tests import factories

    return factories.make_insats(forbund, namn="Samordningsteam Sala")


@pytest.mark.parametrize("namn", LASTA_SIDOR)
def test_every_locked_form_refuses_a_post_without_version(demo, client, namn):
    slag, mal_lista = SIDOR[namn]
    mal = mal_lista()[0]
    if namn == "budget:rad-delete":
        mal = _ny_rad()  # the demo's lines all have amounts or utfall: they cannot go
    client.force_login(User.objects.get(username=mal.anvandare))
    url = mal.url(namn)
    data = formular.form_for(client, namn, mal).submission()
    utan = _utan_version(data)
    assert len(utan) < len(data), f"{url}: formuläret har ingen lock_version"

    fore = formular.dump()
    svar = formular.post_as_browser(client, url, utan)
    skillnad = formular.diff(fore, formular.dump())

    assert not skillnad, f"POST {url} utan lock_version ändrade databasen:\n{skillnad}"
    if svar.status_code == 302:  # a removal answered with a message on the next page
        svar = client.get(svar["Location"])
    assert svar.status_code == 200
    assert KONFLIKT in svar.content.decode(), f"{url}: inget meddelande om att sidan är inaktuell"

    # With the version the same post goes through: the version was what was missing.
    if slag == "ta-bort":
        svar = formular.post_as_browser(client, url, data)
        assert svar.status_code == 302, f"POST {url} med lock_version: {svar.status_code}"
        assert formular.diff(fore, formular.dump()), f"POST {url} med lock_version tog inte bort"


def _ny_rad():
    from budget.models import Budgetgrupp, Budgetrad
    from budget.services import budgetrad_save

    grupp = Budgetgrupp.objects.filter(forbund__slug="vastmanland").first()
    rad = Budgetrad(forbund=grupp.forbund, grupp=grupp, namn="Ny rad utan belopp")
    budgetrad_save(rad=rad, expected_version=0)
    return formular.Mal("kansli", {"pk": rad.pk})
