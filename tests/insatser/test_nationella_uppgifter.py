"""The insats's national fields (Uppföljning Finsam): in the form with help texts, saved,
and a preciserad inriktning only for a part the insats has."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from insatser.forms import InsatsForm
from insatser.models import Insats


def test_form_offers_the_fields_with_help_texts(forbund, insats):
    form = InsatsForm(instance=insats, forbund=forbund)
    for namn in (
        "insatsinriktning",
        "inriktning_individ",
        "inriktning_struktur",
        "nationell_malgrupp",
    ):
        assert namn in form.fields
        assert form.fields[namn].help_text
    # The free-text målgrupp stays.
    assert "malgrupp" in form.fields


def test_kansli_saves_the_fields(client_for, kansli, forbund, insats):
    data = {
        "namn": insats.namn,
        "slug": insats.slug,
        "typ": insats.typ,
        "malomrade": insats.malomrade_id,
        "status": insats.status,
        "startdatum": "2024-01-01",
        "malgrupp": "Egen beskrivning.",
        "insatsinriktning": "bada",
        "inriktning_individ": "arbetslivsinriktad",
        "inriktning_struktur": "kompetensutveckling",
        "nationell_malgrupp": "unga",
        "beskrivning": "",
        "ordning": 1,
        "lock_version_loaded": insats.lock_version,
    }
    response = client_for(kansli).post(reverse("insatser:edit", args=[insats.pk]), data)
    assert response.status_code == 302
    insats.refresh_from_db()
    assert (insats.insatsinriktning, insats.nationell_malgrupp) == ("bada", "unga")
    assert insats.malgrupp == "Egen beskrivning."
    assert insats.har_individdel and insats.har_strukturdel
    detail = client_for(kansli).get(reverse("insatser:detail", args=[insats.pk])).content.decode()
    assert "Både individinriktad och strukturövergripande" in detail


@pytest.mark.parametrize(
    ("inriktning", "falt"),
    [
        ("individ", "inriktning_struktur"),
        ("struktur", "inriktning_individ"),
        ("", "inriktning_individ"),
    ],
)
def test_a_preciserad_inriktning_needs_its_part(insats, inriktning, falt):
    insats.insatsinriktning = inriktning
    setattr(insats, falt, "ovrigt")
    with pytest.raises(ValidationError) as e:
        insats.full_clean()
    assert falt in e.value.message_dict


def test_blank_is_allowed(insats):
    insats.full_clean()
    assert insats.insatsinriktning == ""
    assert not Insats.objects.exclude(insatsinriktning="").filter(pk=insats.pk).exists()
