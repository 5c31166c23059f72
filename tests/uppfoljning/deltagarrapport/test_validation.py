"""The report form's rules: each with good and bad input, messages next to the field (or,
for a group's sum, in the group's sum row), every check at once."""

import re

import pytest
from django.urls import reverse

from finsam.concurrency import ConflictError
from tests.uppfoljning.deltagarrapport.test_helpers import (
    by_kod,
    dec,
    good_values,
    open_period,
    post_data,
    rapport_for,
    save_values,
)
from uppfoljning.deltagarrapport import selectors, services
from uppfoljning.deltagarrapport.forms import field_name
from uppfoljning.models import Deltagarrapport


@pytest.fixture
def rapport(forbund, kansli, insats):
    return rapport_for(open_period(forbund, kansli, [insats]), insats)


def _post(client_for, user, rapport, varden, **kw):
    url = reverse("uppfoljning:rapport-edit", args=[rapport.pk])
    return client_for(user).post(url, post_data(rapport, varden, **kw))


def _errors(response, key):
    return response.context["form"].errors.get(field_name(key), [])


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-3", "Kan inte vara negativt."),
        ("12,5", "Skriv ett heltal (antal personer)."),
        ("tolv", "Skriv ett tal, t.ex. 12."),
    ],
)
def test_a_count_must_be_a_non_negative_whole_number(
    client_for, styrgrupp, rapport, typed, message
):
    key = (by_kod(rapport)["nya"].pk, "k")
    response = _post(client_for, styrgrupp, rapport, {key: typed})
    assert response.status_code == 200
    assert _errors(response, key) == [message]
    assert f'value="{typed}"' in response.content.decode()  # what was typed stays
    assert not rapport.varden.exists()


def test_a_good_count_is_saved_in_a_draft(client_for, styrgrupp, rapport):
    key = (by_kod(rapport)["nya"].pk, "k")
    response = _post(client_for, styrgrupp, rapport, {key: "1 200"})
    assert response.status_code == 302
    assert selectors.stored_values(rapport) == {key: dec(1200)}


@pytest.mark.parametrize(
    ("typed", "ok"), [("14,5", True), ("0", True), ("120", True), ("130", False), ("-1", False)]
)
def test_an_average_lies_between_0_and_its_maximum(client_for, styrgrupp, rapport, typed, ok):
    key = (by_kod(rapport)["manader"].pk, "m")
    response = _post(client_for, styrgrupp, rapport, {key: typed})
    if ok:
        assert response.status_code == 302
        assert selectors.stored_values(rapport)[key] == dec(typed.replace(",", "."))
    else:
        assert response.status_code == 200
        assert _errors(response, key)[0] in (
            "Medelvärdet ska vara mellan 0 och 120.",
            "Kan inte vara negativt.",
        )


def test_a_draft_may_be_incomplete_and_inconsistent(client_for, styrgrupp, rapport):
    m = by_kod(rapport)
    varden = {(m["deltagare"].pk, "k"): "10", (m["nya"].pk, "k"): "12"}
    response = _post(client_for, styrgrupp, rapport, varden)
    assert response.status_code == 302
    assert len(selectors.stored_values(rapport)) == 2


def test_hogst_more_new_than_participants_is_refused_on_submit(client_for, styrgrupp, rapport):
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 60, 2), nya=(4, 20, 0))
    varden[(m["nya"].pk, "k")] = dec(12)
    response = _post(client_for, styrgrupp, rapport, varden, action="skicka")
    assert response.status_code == 200
    assert _errors(response, (m["nya"].pk, "k")) == [
        "Nya kan inte vara fler än deltagarna (kvinnor: 12 > 10)"
    ]
    html = response.content.decode()
    assert 'value="12"' in html
    rapport.refresh_from_db()
    assert rapport.status == Deltagarrapport.Status.UTKAST
    assert not rapport.varden.exists()  # nothing half-saved


def _section(html: str, rubrik: str) -> str:
    """The part of the page with one group of measures (from its heading to the next)."""
    start = html.index(f'<h2 class="h5">{rubrik}</h2>')
    return html[start : html.index("</section>", start)]


def _summacell(section: str, kolumn: str) -> str:
    match = re.search(rf'<td id="(summa-\d+-{kolumn})"[^>]*>(.*?)</td>', section, re.S)
    assert match, f"ingen summacell {kolumn}"
    return match.group(1), match.group(2)


def test_summa_age_groups_must_add_up_per_kon(client_for, styrgrupp, rapport):
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 60, 2))
    varden[(m["alder-20-24"].pk, "m")] -= 2
    response = _post(client_for, styrgrupp, rapport, varden, action="skicka")
    assert response.status_code == 200
    # No figure is wrong on its own: the message sits in the group's sum row, in the men's
    # column, not at one of the rows.
    assert [k for k in response.context["form"].errors if k != "__all__"] == []
    meddelande = "Åldersgrupperna ska tillsammans vara lika många som deltagarna: 58 av 60 (män)"
    alder = _section(response.content.decode(), "Ålder")
    assert "<tfoot>" in alder and "Summa av raderna" in alder
    cell_id, man = _summacell(alder, "m")
    assert meddelande in man and f'id="{cell_id}_error"' in man
    for kolumn in ("k", "a", "totalt"):
        assert "invalid-feedback" not in _summacell(alder, kolumn)[1]
    assert meddelande not in alder.split("<tfoot>")[0]  # not at the last row
    # The error summary links to the cell.
    assert (cell_id, meddelande) in response.context["form"].ovriga_fel
    assert f'<a href="#{cell_id}" class="alert-link">{meddelande}</a>' in (
        response.content.decode()
    )
    rapport.refresh_from_db()
    assert rapport.status == Deltagarrapport.Status.UTKAST


def test_every_check_is_reported_at_once(client_for, styrgrupp, rapport):
    """A figure that cannot be read no longer hides the rules and sums of the others."""
    m = by_kod(rapport)
    varden = good_values(rapport, deltagare=(10, 60, 2), nya=(4, 20, 0))
    varden[(m["avslut-arbete"].pk, "k")] = "två"  # format
    varden[(m["nya"].pk, "a")] = dec(5)  # more new than taking part (2)
    varden[(m["alder-20-24"].pk, "k")] += 1  # the women's ages add up to 11 of 10
    varden[(m["deltagare"].pk, "m")] = None  # a total left blank
    response = _post(client_for, styrgrupp, rapport, varden, action="skicka")
    assert response.status_code == 200
    assert _errors(response, (m["avslut-arbete"].pk, "k")) == ["Skriv ett tal, t.ex. 12."]
    assert _errors(response, (m["nya"].pk, "a")) == [
        "Nya kan inte vara fler än deltagarna (annat eller ej angivet: 5 > 2)"
    ]
    assert _errors(response, (m["deltagare"].pk, "m")) == [
        "Fyll i antalet innan du skickar in (0 om inga)."
    ]
    summafel = {(f.grupp, f.kon): f.meddelande for f in response.context["form"].summafel}
    assert summafel[("Ålder", "k")] == (
        "Åldersgrupperna ska tillsammans vara lika många som deltagarna: 11 av 10 (kvinnor)"
    )
    # The women's Avslutsorsak column has an unreadable figure: its sum is not checked.
    assert ("Avslutsorsak", "k") not in summafel


def test_consistent_figures_are_submitted(client_for, styrgrupp, rapport):
    response = _post(client_for, styrgrupp, rapport, good_values(rapport), action="skicka")
    assert response.status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == Deltagarrapport.Status.INSKICKAD


def test_submit_requires_the_totals(client_for, styrgrupp, rapport):
    m = by_kod(rapport)
    varden = good_values(rapport)
    varden[(m["deltagare"].pk, "a")] = None
    response = _post(client_for, styrgrupp, rapport, varden, action="skicka")
    assert _errors(response, (m["deltagare"].pk, "a"))[0] == (
        "Fyll i antalet innan du skickar in (0 om inga)."
    )


def test_texts_warn_against_personal_data(client_for, styrgrupp, rapport):
    response = client_for(styrgrupp).get(reverse("uppfoljning:rapport-edit", args=[rapport.pk]))
    html = response.content.decode()
    assert "Skriv inga namn eller andra personuppgifter" in html
    assert "Kvinnor" in html and "Annat eller ej angivet" in html and "Totalt" in html
    assert "uppfoljning/rapport.js" in html and "<script>" not in html


def test_a_stale_save_is_refused_and_keeps_the_input(client_for, styrgrupp, kansli, rapport):
    m = by_kod(rapport)
    data = post_data(rapport, {(m["nya"].pk, "k"): "7"}, vad_gick_bra="Vårt nya arbetssätt")
    save_values(rapport, kansli, {(m["nya"].pk, "k"): dec(3)})  # a colleague saved meanwhile
    url = reverse("uppfoljning:rapport-edit", args=[rapport.pk])
    response = client_for(styrgrupp).post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat" in html
    assert 'value="7"' in html and "Vårt nya arbetssätt" in html
    assert selectors.stored_values(rapport) == {(m["nya"].pk, "k"): dec(3)}


def test_the_service_refuses_a_stale_version(kansli, rapport):
    with pytest.raises(ConflictError):
        services.rapport_save(
            rapport=rapport,
            anvandare=kansli,
            expected_version=rapport.lock_version + 5,
            varden={},
            texter={},
        )
