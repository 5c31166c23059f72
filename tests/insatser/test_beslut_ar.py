"""A board decision's years lie within 2000–2100, as the form's inputs say (min/max)."""

import pytest
from django.urls import reverse

from insatser.models import Beslut


def _data(**kw):
    return {
        "datum": "2023-11-16",
        "paragraf": "§ 12",
        "belopp_2099": "100000",
        "belopp_2100": "100000",
        "forsta_ar": "2099",
        "sista_ar": "2100",
        "anteckning": "",
        **kw,
    }


@pytest.mark.parametrize(("falt", "ar"), [("sista_ar", "2101"), ("sista_ar", "32767")])
def test_a_year_after_2100_is_refused(empty_db, client_for, kansli, insats, falt, ar):
    url = reverse("insatser:beslut-create", args=[insats.pk])
    response = client_for(kansli).post(url, _data(**{falt: ar}))
    assert response.status_code == 200
    assert response.context["form"].errors[falt]
    assert not Beslut.objects.exists()


def test_2100_is_accepted(client_for, kansli, insats):
    url = reverse("insatser:beslut-create", args=[insats.pk])
    assert client_for(kansli).post(url, _data(sista_ar="2100")).status_code == 302
