"""The board's meetings and important events (uppfoljning/styrelse/views.py): kansli
writes, styrelse and revisor read, styrgrupp and other förbund see nothing; bad input is
refused and kept; a re-post changes nothing; an outdated save is refused; history."""

from datetime import date

import pytest
from django.urls import reverse

from uppfoljning.models import Styrelsemote, Viktighandelse
from uppfoljning.styrelse import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote(forbund):
    return services.styrelsemote_save(
        mote=Styrelsemote(
            forbund=forbund,
            datum=date(2025, 5, 23),
            typ="ordinarie",
            beslut="- Tilläggsbudget 2025 beslutades.",
        ),
        expected_version=0,
    )


@pytest.fixture
def handelse(forbund):
    return services.handelse_save(
        handelse=Viktighandelse(
            forbund=forbund, datum=date(2025, 6, 13), rubrik="Ny förbundschef", beskrivning="Klar."
        ),
        expected_version=0,
    )


def _mote_data(**kw):
    data = {
        "datum": "2025-09-26",
        "typ": "extra",
        "plats": "Sala",
        "beslut": "- Delårsrapporten godkändes.",
        "lock_version_loaded": "0",
    }
    data.update(kw)
    return data


def _handelse_data(**kw):
    data = {
        "datum": "2025-09-01",
        "rubrik": "Vikarie",
        "beskrivning": "En vikarie anställdes.",
        "lock_version_loaded": "0",
    }
    data.update(kw)
    return data


@pytest.mark.parametrize(
    ("user", "read", "write"),
    [("kansli", 200, 200), ("styrelse", 200, 403), ("revisor", 200, 403), ("styrgrupp", 403, 403)],
)
def test_access(request, client_for, mote, handelse, user, read, write):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("uppfoljning:styrelse-list", args=[2025])).status_code == read
    for name, args in (
        ("uppfoljning:mote-create", [2025]),
        ("uppfoljning:mote-edit", [mote.pk]),
        ("uppfoljning:mote-delete", [mote.pk]),
        ("uppfoljning:handelse-create", [2025]),
        ("uppfoljning:handelse-edit", [handelse.pk]),
        ("uppfoljning:handelse-delete", [handelse.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == write
    client.post(reverse("uppfoljning:mote-edit", args=[mote.pk]), _mote_data())
    client.post(
        reverse("uppfoljning:handelse-delete", args=[handelse.pk]), {"lock_version_loaded": 0}
    )
    if write != 200:
        mote.refresh_from_db()
        assert mote.typ == "ordinarie" and mote.lock_version == 0
        assert Viktighandelse.objects.filter(pk=handelse.pk).exists()


def test_reader_sees_meetings_counts_and_events_without_edit_links(
    client_for, styrelse, mote, handelse
):
    html = (
        client_for(styrelse).get(reverse("uppfoljning:styrelse-list", args=[2025])).content.decode()
    )
    assert "Tilläggsbudget 2025 beslutades." in html
    assert "1 styrelsemöte (1 ordinarie, 0 extra) och 0 medlemssamråd." in html
    assert "Ny förbundschef" in html
    assert reverse("uppfoljning:mote-edit", args=[mote.pk]) not in html
    assert reverse("uppfoljning:handelse-edit", args=[handelse.pk]) not in html


def test_other_forbund_gets_404(client_for, outsider, mote, handelse):
    client = client_for(outsider)
    for name, pk in (
        ("uppfoljning:mote-edit", mote.pk),
        ("uppfoljning:mote-delete", mote.pk),
        ("uppfoljning:handelse-edit", handelse.pk),
        ("uppfoljning:handelse-delete", handelse.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
        assert client.post(reverse(name, args=[pk]), {"lock_version_loaded": 0}).status_code == 404
    assert Styrelsemote.objects.filter(pk=mote.pk).exists()
    assert Viktighandelse.objects.filter(pk=handelse.pk).exists()
    html = client.get(reverse("uppfoljning:styrelse-list", args=[2025])).content.decode()
    assert "Tilläggsbudget" not in html and "Ny förbundschef" not in html


def test_kansli_creates_edits_reposts_and_deletes_a_meeting(client_for, kansli, forbund):
    client = client_for(kansli)
    response = client.post(reverse("uppfoljning:mote-create", args=[2025]), _mote_data())
    assert response.status_code == 302
    m = Styrelsemote.objects.get(forbund=forbund)
    assert response["Location"] == reverse("uppfoljning:styrelse-list", args=[2025])
    assert (m.typ, m.plats) == ("extra", "Sala")

    data = _mote_data(typ="ordinarie", lock_version_loaded="0")
    assert client.post(reverse("uppfoljning:mote-edit", args=[m.pk]), data).status_code == 302
    m.refresh_from_db()
    assert m.typ == "ordinarie" and m.lock_version == 1
    assert m.history.count() == 2

    data["lock_version_loaded"] = "1"
    assert client.post(reverse("uppfoljning:mote-edit", args=[m.pk]), data).status_code == 302
    m.refresh_from_db()
    assert m.lock_version == 1 and m.history.count() == 2

    response = client.post(
        reverse("uppfoljning:mote-delete", args=[m.pk]), {"lock_version_loaded": 1}
    )
    assert response.status_code == 302
    assert not Styrelsemote.objects.filter(pk=m.pk).exists()
    assert Styrelsemote.history.filter(id=m.pk, history_type="-").exists()


def test_kansli_creates_edits_and_deletes_an_event(client_for, kansli, forbund):
    client = client_for(kansli)
    assert (
        client.post(
            reverse("uppfoljning:handelse-create", args=[2025]), _handelse_data()
        ).status_code
        == 302
    )
    h = Viktighandelse.objects.get(forbund=forbund)
    data = _handelse_data(rubrik="Vikarie anställd")
    assert client.post(reverse("uppfoljning:handelse-edit", args=[h.pk]), data).status_code == 302
    h.refresh_from_db()
    assert h.rubrik == "Vikarie anställd" and h.history.count() == 2
    response = client.post(
        reverse("uppfoljning:handelse-delete", args=[h.pk]), {"lock_version_loaded": 1}
    )
    assert response.status_code == 302
    assert not Viktighandelse.objects.filter(pk=h.pk).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (_mote_data(datum="1899-01-01"), "datum"),
        (_mote_data(datum="2025-02-30"), "datum"),
        (_mote_data(datum=""), "datum"),
        (_mote_data(typ="styrgrupp"), "typ"),
    ],
)
def test_bad_meeting_is_refused_and_kept(client_for, kansli, forbund, data, field):
    data = {**data, "plats": "Kvarvarande plats"}
    response = client_for(kansli).post(reverse("uppfoljning:mote-create", args=[2025]), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Kvarvarande plats" in response.content.decode()
    assert not Styrelsemote.objects.filter(forbund=forbund).exists()


def test_bad_event_is_refused_and_kept(client_for, kansli, forbund):
    data = _handelse_data(rubrik="", beskrivning="Text som ska finnas kvar")
    response = client_for(kansli).post(reverse("uppfoljning:handelse-create", args=[2025]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["rubrik"]
    assert "Text som ska finnas kvar" in response.content.decode()
    data = _handelse_data(datum="2101-01-01")
    response = client_for(kansli).post(reverse("uppfoljning:handelse-create", args=[2025]), data)
    assert response.context["form"].errors["datum"]
    assert not Viktighandelse.objects.filter(forbund=forbund).exists()


def test_outdated_save_is_refused_with_a_message(client_for, kansli, mote):
    mote.plats = "Kollegans plats"
    services.styrelsemote_save(mote=mote, expected_version=0)
    response = client_for(kansli).post(
        reverse("uppfoljning:mote-edit", args=[mote.pk]), _mote_data()
    )
    assert response.status_code == 200
    assert "Någon annan har sparat" in response.content.decode()
    assert "Delårsrapporten godkändes." in response.content.decode()
    mote.refresh_from_db()
    assert mote.plats == "Kollegans plats"


def test_script_in_decisions_is_not_run(client_for, kansli, styrelse, forbund):
    data = _mote_data(beslut="<script>alert(1)</script>\n- [x](javascript:alert(2))")
    client_for(kansli).post(reverse("uppfoljning:mote-create", args=[2025]), data)
    html = (
        client_for(styrelse).get(reverse("uppfoljning:styrelse-list", args=[2025])).content.decode()
    )
    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html


def test_changes_are_on_the_history_page(client_for, kansli, revisor, mote):
    data = _mote_data(plats="Historikplats")
    client_for(kansli).post(reverse("uppfoljning:mote-edit", args=[mote.pk]), data)
    html = client_for(revisor).get(reverse("finsam:historik")).content.decode()
    assert "Ändrad styrelsemöte" in html
    assert "Historikplats" in html
