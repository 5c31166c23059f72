"""Kansli keeps the measures reports hold; everyone else reads them or is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.access import assert_requires_login, assert_status
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.models import Matt

LIST = reverse("uppfoljning:matt-list")
CREATE = reverse("uppfoljning:matt-create")
STANDARD = reverse("uppfoljning:matt-standard")


@pytest.fixture
def matt(forbund):
    skapa_standardmatt(forbund)
    return Matt.objects.get(forbund=forbund, kod="deltagare")


def _data(**kw):
    data = {
        "namn": "Deltagare med barn",
        "kod": "deltagare-barn",
        "grupp": "Deltagare",
        "insatstyper": ["samordningsteam"],
        "per_kon": "on",
        "slag": "antal",
        "regel": "",
        "ordning": 5,
        "aktiv": "on",
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


def test_list_groups_the_standard_measures(client_for, kansli, matt):
    page = client_for(kansli).get(LIST).content.decode()
    assert "Avslutsorsak" in page and "avslut-arbete" in page
    assert "Gruppens delar ska tillsammans vara lika med deltagare under perioden" in page


def test_kansli_creates_a_measure_with_a_rule(client_for, kansli, matt):
    data = _data(jamfor_med=matt.pk, regel="hogst")
    assert client_for(kansli).post(CREATE, data).status_code == 302
    ny = Matt.objects.get(forbund=matt.forbund, kod="deltagare-barn")
    assert ny.jamfor_med == matt and ny.insatstyper == ["samordningsteam"]


@pytest.mark.parametrize(
    "extra, field, message",
    [
        ({"kod": "deltagare"}, "kod", "Det finns redan ett mått med den koden."),
        ({"regel": "hogst"}, "jamfor_med", "Välj vilket mått regeln jämför med."),
        ({"slag": "medel", "regel": "summa", "jamfor_med": "X"}, "regel", "summeras"),
    ],
)
def test_bad_input_gets_a_swedish_error_and_keeps_what_was_typed(
    client_for, kansli, matt, extra, field, message
):
    if extra.get("jamfor_med") == "X":
        extra = {**extra, "jamfor_med": matt.pk}
    response = client_for(kansli).post(CREATE, _data(**extra))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert 'value="Deltagare med barn"' in response.content.decode()
    assert not Matt.objects.filter(namn="Deltagare med barn").exists()


def test_kansli_deactivates_a_measure_and_a_stale_edit_is_refused(client_for, forbund, matt):
    anna, bo = factories.make_user(forbund, "kansli"), factories.make_user(forbund, "kansli")
    url = reverse("uppfoljning:matt-edit", args=[matt.pk])
    base = _data(namn=matt.namn, kod=matt.kod, grupp=matt.grupp, ordning=matt.ordning)
    del base["aktiv"]  # unchecked: inactive
    assert client_for(anna).post(url, base).status_code == 302
    matt.refresh_from_db()
    assert not matt.aktiv
    page = client_for(bo).post(url, {**base, "aktiv": "on", "namn": "Bos namn"})
    assert "Någon annan har sparat ändringar" in page.content.decode()
    matt.refresh_from_db()
    assert not matt.aktiv and matt.namn != "Bos namn"


def test_standard_button_adds_only_what_is_missing(client_for, kansli, forbund):
    assert client_for(kansli).post(STANDARD).status_code == 302
    antal = Matt.objects.filter(forbund=forbund).count()
    assert antal > 30
    client_for(kansli).post(STANDARD)
    assert Matt.objects.filter(forbund=forbund).count() == antal


# --- access ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, matt):
    for url in (LIST, CREATE, reverse("uppfoljning:matt-edit", args=[matt.pk])):
        assert_requires_login(client, url)


def test_outsider_gets_404_for_a_measure(client_for, outsider, matt):
    url = reverse("uppfoljning:matt-edit", args=[matt.pk])
    assert_status(client_for(outsider), url, 404)
    assert_status(client_for(outsider), url, 404, "post", _data())
    assert "deltagare" not in client_for(outsider).get(LIST).content.decode()


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_read_but_cannot_write(request, client_for, matt, role):
    c = client_for(request.getfixturevalue(role))
    assert_status(c, LIST, 200)
    assert_status(c, CREATE, 403)
    assert_status(c, CREATE, 403, "post", _data())
    assert_status(c, STANDARD, 403, "post")
    assert_status(c, reverse("uppfoljning:matt-edit", args=[matt.pk]), 403, "post", _data())
    assert not Matt.objects.filter(kod="deltagare-barn").exists()


def test_styrgrupp_is_refused(client_for, styrgrupp, matt):
    c = client_for(styrgrupp)
    assert_status(c, LIST, 403)
    assert_status(c, CREATE, 403)


def test_wrong_methods(client_for, kansli, matt):
    c = client_for(kansli)
    assert_status(c, LIST, 405, "post")
    assert_status(c, STANDARD, 405)
    assert_status(c, CREATE, 405, "put")


def test_list_query_count_does_not_grow(client_for, kansli, forbund):
    skapa_standardmatt(forbund)
    c = client_for(kansli)
    c.get(LIST)  # warm the session

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    deltagare = Matt.objects.get(forbund=forbund, kod="deltagare")
    for i in range(30):
        Matt.objects.create(
            forbund=forbund,
            kod=f"extra-{i}",
            namn=f"Extra {i}",
            grupp="Extra",
            insatstyper=["samordningsteam"],
            jamfor_med=deltagare,
            regel="hogst",
        )
    assert count() == few


# --- the selects written in Python ---------------------------------------------------------


def test_the_forms_selects_are_djangos_markup(forbund):
    """The selects list every measure of the förbund; the app's renderer writes them in
    Python (finsam/formrenderer.py), the same markup as Django's templates."""
    from django import forms as dj_forms
    from django.forms.renderers import DjangoTemplates

    from uppfoljning.matt.forms import MattForm

    skapa_standardmatt(forbund)
    matt = Matt.objects.filter(forbund=forbund, jamfor_med__isnull=False).first()
    form = MattForm(instance=matt, forbund=forbund)
    for namn in ("slag", "jamfor_med", "regel"):
        falt = form.fields[namn]
        varde = form[namn].value()
        assert varde not in (None, "") or namn == "regel"
        egen = falt.widget.render(namn, varde, attrs={"id": f"id_{namn}"})
        assert egen == dj_forms.Select(choices=falt.choices).render(
            namn, varde, attrs={"id": f"id_{namn}"}, renderer=DjangoTemplates()
        )
        assert "selected" in egen or namn == "regel"
