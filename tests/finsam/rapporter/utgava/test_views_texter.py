"""The report text editor: save, conflicts, a preview that saves nothing, and who may use it."""

import pytest
from django.urls import reverse

from finsam.models import Rapporttext, Rapportutgava
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.texter import utgava_for
from tests.finsam.rapporter.helpers import pdf_text

URL = ("finsam:rapport-texter", ["arsredovisning", "2025"])
PREVIEW = ("finsam:rapport-forhandsvisning", ["arsredovisning", "2025"])


def _url(pair):
    return reverse(pair[0], args=pair[1])


def _form(client):
    page = client.get(_url(URL))
    assert page.status_code == 200
    form = page.context["form"]
    return {name: form.initial.get(name, "") for name in form.fields}


def test_saving_stores_the_changed_sections_only(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    data = _form(client)
    data["forord"] = "Året präglades av **god samverkan**.\n\nAnna Ordförande"
    response = client.post(_url(URL), data)
    assert response.status_code == 302

    utgava = Rapportutgava.objects.get(forbund=demo, dokument="arsredovisning", nyckel="2025")
    assert list(utgava.texter.values_list("avsnitt", flat=True)) == ["forord"]
    html = client.get(reverse("finsam:arsredovisning", args=[2025])).content.decode()
    assert "Året präglades av <strong>god samverkan</strong>." in html
    assert _form(client)["forord"].startswith("Året präglades")


def test_a_stale_form_is_refused_and_keeps_the_typed_text(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    gammal = _form(client)
    forst = dict(gammal, vision="Den första versionen.")
    assert client.post(_url(URL), forst).status_code == 302

    andra = dict(gammal, vision="En annan version skriven samtidigt.")
    response = client.post(_url(URL), andra)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat ändringar" in html
    assert "En annan version skriven samtidigt." in html
    assert Rapporttext.objects.get(avsnitt="vision").text == "Den första versionen."
    # The refused texts are not saved: leaving the page warns from the start
    # (static/finsam/osparat.js), and the error summary links to the conflict.
    assert "data-varna-osparat data-osparat" in html and "finsam/osparat.js" in html
    assert '<a href="#formularfel" class="alert-link">Någon annan har sparat' in html
    assert 'id="formularfel"' in html


def test_the_editor_warns_before_leaving_unsaved_texts(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    html = client.get(_url(URL)).content.decode()
    assert "data-varna-osparat>" in html  # changed texts only: nothing unsaved on load
    assert "finsam/osparat.js" in html


def test_adopted_edition_refuses_changes(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    data = _form(client)
    utgava_for(demo, "arsredovisning", ar=2025)  # reading the form stores nothing
    Rapportutgava.objects.filter(dokument="arsredovisning", nyckel="2025").update(
        status="faststalld"
    )
    response = client.post(_url(URL), dict(data, forord="Ändrat efter beslutet"))
    assert response.status_code == 200
    assert "Rapporten är fastställd" in response.content.decode()
    assert not Rapporttext.objects.exists()


def test_preview_renders_unsaved_text_sanitized_and_saves_nothing(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    response = client.post(
        _url(PREVIEW),
        {"forord": "Hej *världen*<script>alert(1)</script>", "vision": "Vår vision."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hej <em>världen</em>" in html
    assert "<script>alert(1)" not in html
    assert "Vår vision." in html
    assert "Resultaträkning" in html.replace("RESULTATRÄKNING", "Resultaträkning")
    assert not Rapporttext.objects.exists()
    assert client.get(_url(PREVIEW)).status_code == 405


@pytest.mark.parametrize(
    ("username", "status"),
    [("styrelse", 403), ("revisor", 403), ("styrgrupp-vasteras", 403), ("kansli-exempel", 404)],
)
def test_only_kansli_of_the_forbund_edits(demo, demo_user, client, username, status):
    client.force_login(demo_user(username))
    assert client.get(_url(URL)).status_code == status
    assert client.post(_url(URL), {"forord": "x", "lock_version": 0}).status_code == status
    assert client.post(_url(PREVIEW), {"forord": "x"}).status_code == status
    assert not Rapporttext.objects.exists()


def test_anonymous_is_sent_to_login(demo, client):
    response = client.get(_url(URL))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_unknown_document_or_key_is_404(demo, demo_user, client):
    client.force_login(demo_user("kansli"))
    assert client.get(reverse("finsam:rapport-texter", args=["nope", "2025"])).status_code == 404
    assert (
        client.get(reverse("finsam:rapport-texter", args=["arsredovisning", "20x5"])).status_code
        == 404
    )
    assert (
        client.get(reverse("finsam:rapport-texter", args=["arsredovisning", "2031"])).status_code
        == 404
    )


def test_verksamhetsplan_has_its_sections_texts_and_board(demo):
    from finsam.models import Fortroendevald, Medlem
    from finsam.pdf import render_pdf
    from finsam.rapporter.utgava.kontext import rapportkontext
    from finsam.rapporter.utgava.texter import text_spara

    typ = dokumenttyp("verksamhetsplan")
    medlem = Medlem.objects.filter(forbund=demo).first()
    Fortroendevald.objects.create(
        forbund=demo,
        namn="Test Ordförandesson",
        uppdrag="ordforande",
        medlem=medlem,
        fran="2023-01-01",
    )
    rapport = typ.bygg(demo, "2025")
    text_spara(utgava=rapport.utgava, avsnitt="vision", text="Alla ska få det stöd de behöver.")
    rapport = typ.bygg(demo, "2025")
    text = pdf_text(render_pdf(typ.template, rapportkontext(typ, demo, "2025", rapport)))
    for rubrik in (
        "2 STYRELSENS UPPDRAG",
        "3.1 VISION",
        "4 MÅLGRUPPER OCH BEHOV",
        "5.1 STYRELSE",
        "6 MÅLOMRÅDEN OCH VERKSAMHET",
        "7 BUDGET",
    ):
        assert rubrik in text
    assert "Alla ska få det stöd de behöver." in text
    assert "Ordförande: Test Ordförandesson" in text
