"""What every form shares (finsam.forms_base): choices of many objects refuse keys that no
row can have instead of sending them to the database."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.forms_base import IdModelMultipleChoiceField
from finsam.models import Medlem
from insatser.models import Insats
from tests import factories
from tests.finsam import formular

OMOJLIGA = [str(2**63), str(-(2**63) - 1), "1" + "0" * 30, "10" * 30]


@pytest.mark.parametrize("pk", OMOJLIGA)
def test_an_impossible_key_is_an_invalid_choice(forbund, pk):
    medlem = factories.make_medlem(forbund)
    falt = IdModelMultipleChoiceField(queryset=Medlem.objects.all())
    with pytest.raises(ValidationError) as e:
        falt.clean([str(medlem.pk), pk])
    assert e.value.code == "invalid_choice"
    assert falt.clean([str(medlem.pk)]).get() == medlem


@pytest.mark.parametrize("falt", ["deltagande_medlemmar", "kommuner", "styrgrupp"])
def test_insats_form_refuses_an_impossible_member_or_user(forbund, kansli, client_for, falt):
    insats = factories.make_insats(forbund)
    client = client_for(kansli)
    url = reverse("insatser:edit", args=[insats.pk])
    form = formular.post_form(client.get(url).content.decode(), url)
    data = [*form.submission(), (falt, str(2**64))]
    svar = formular.post_as_browser(client, url, data)
    assert svar.status_code == 200
    assert svar.context["form"].errors[falt][0].startswith("Välj ett giltigt alternativ")
    assert Insats.objects.get(pk=insats.pk).lock_version == 0


def test_period_form_refuses_an_impossible_insats(forbund, kansli, client_for):
    factories.make_insats(forbund)
    client = client_for(kansli)
    url = reverse("uppfoljning:period-create")
    form = formular.post_form(client.get(url).content.decode(), url)
    data = [(k, v) for k, v in form.submission() if k != "insatser"] + [("insatser", "1" * 25)]
    svar = formular.post_as_browser(client, url, data)
    assert svar.status_code == 200
    assert svar.context["form"].errors["insatser"][0].startswith("Välj ett giltigt alternativ")
