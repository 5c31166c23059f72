"""The error summary at the top of a refused form (finsam/templatetags/felsammanfattning.py,
templates/finsam/_felsammanfattning.html): it lists every error, links each to its field,
and every link's target is an element of the page."""

import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from finsam.forms_base import BaseForm
from tests.uppfoljning.deltagarrapport.test_helpers import (
    by_kod,
    good_values,
    open_period,
    post_data,
    rapport_for,
)
from uppfoljning.deltagarrapport.forms import field_name


class _Sammanfattning(HTMLParser):
    """The summary's links (href, text) and every id of the page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.lankar: list[tuple[str, str]] = []
        self.rubrik = ""
        self._i_sammanfattning = 0
        self._lank: str | None = None
        self._text = ""
        self._i_rubrik = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if a.get("id") == "felsammanfattning":
            self._i_sammanfattning = 1
            self.sammanfattning_attrs = a
        elif self._i_sammanfattning and tag == "div":
            self._i_sammanfattning += 1
        if self._i_sammanfattning and tag == "a":
            self._lank, self._text = a.get("href"), ""
        if self._i_sammanfattning and tag == "h2":
            self._i_rubrik = True

    def handle_endtag(self, tag):
        if self._i_sammanfattning and tag == "a" and self._lank is not None:
            self.lankar.append((self._lank, self._text.strip()))
            self._lank = None
        if tag == "h2":
            self._i_rubrik = False
        if self._i_sammanfattning and tag == "div":
            self._i_sammanfattning -= 1

    def handle_data(self, data):
        if self._lank is not None:
            self._text += data
        if self._i_rubrik:
            self.rubrik += data


def sammanfattning(html: str) -> _Sammanfattning:
    p = _Sammanfattning()
    p.feed(html)
    return p


def assert_lankar_finns(html: str) -> list[tuple[str, str]]:
    """The summary's links; fails unless every one points at an id of the page."""
    s = sammanfattning(html)
    assert s.lankar, "ingen felsammanfattning med länkar"
    saknas = [href for href, _ in s.lankar if href[1:] not in s.ids]
    assert not saknas, f"länkar utan mål: {saknas}"
    return s.lankar


def test_a_crispy_form_lists_and_links_each_field(client_for, kansli, insats):
    url = reverse("uppfoljning:period-create")
    response = client_for(kansli).post(url, {"ar": "1999", "typ": "h1", "sista_dag": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    s = sammanfattning(html)
    assert s.rubrik == "Formuläret har fel"
    assert s.sammanfattning_attrs["role"] == "alert"
    assert s.sammanfattning_attrs["tabindex"] == "-1"
    lankar = assert_lankar_finns(html)
    assert ("#id_ar", "År: Kontrollera att detta värde är större än eller lika med 2000.") in (
        lankar
    )
    assert ("#id_sista_dag", "Sista dag att rapportera: Fyll i ett giltigt datum.") in lankar
    # The group of check boxes is reached through its first box.
    assert ("#id_insatser_0", "Insatser som rapporterar: Detta fält måste fyllas i.") in lankar
    # The error is also at its field, which points at it.
    assert 'id="id_ar_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_ar_error"[^>]*id="id_ar"', html)
    assert "finsam/felsammanfattning.js" in html
    assert "<script>" not in html


def test_no_summary_on_a_page_that_was_not_refused(client_for, kansli):
    html = client_for(kansli).get(reverse("uppfoljning:period-create")).content.decode()
    assert 'id="felsammanfattning"' not in html
    assert "felsammanfattning.js" not in html


@pytest.fixture
def rapport(forbund, kansli, insats):
    return rapport_for(open_period(forbund, kansli, [insats]), insats)


def test_the_report_grid_links_each_cell_and_the_whole_form(client_for, styrgrupp, rapport):
    m = by_kod(rapport)
    nya_k = (m["nya"].pk, "k")
    varden = good_values(rapport)
    varden[nya_k] = "tolv"
    url = reverse("uppfoljning:rapport-edit", args=[rapport.pk])
    response = client_for(styrgrupp).post(url, post_data(rapport, varden, action="skicka"))
    html = response.content.decode()
    lankar = assert_lankar_finns(html)
    assert lankar[0] == (
        "#formularfel",
        "Rapporten är inte inskickad: rätta uppgifterna som är markerade.",
    )
    text = "Varav nya under perioden, kvinnor: Skriv ett tal, t.ex. 12."
    assert (f"#id_{field_name(nya_k)}", text) in lankar
    # The message at the cell, which the input points at.
    assert f'id="id_{field_name(nya_k)}_error"' in html
    assert re.search(rf'aria-describedby="id_{field_name(nya_k)}_error"', html)


class _Rad(forms.Form):
    namn = forms.CharField(label="Namn", max_length=3)


_RadFormSet = forms.formset_factory(_Rad, extra=0)


class _Huvud(BaseForm):
    titel = forms.CharField(label="Titel")

    def clean(self):
        raise forms.ValidationError("Hela formuläret är fel.")


def test_named_forms_and_formsets_in_the_context_are_found():
    huvud = _Huvud({"titel": ""})
    rader = _RadFormSet(
        {"rad-TOTAL_FORMS": "2", "rad-INITIAL_FORMS": "0", "rad-0-namn": "ok"}
        | {"rad-1-namn": "lång"},
        prefix="rad",
    )
    html = Template('{% include "finsam/_felsammanfattning.html" %}').render(
        Context({"huvud": huvud, "listan": [rader], "tom": _Huvud()})
    )
    assert sammanfattning(html).lankar == [
        ("#formularfel", "Hela formuläret är fel."),
        ("#id_titel", "Titel: Detta fält måste fyllas i."),
        (
            "#id_rad-1-namn",
            "Rad 2, Namn: Säkerställ att detta värde har som mest 3 tecken (den har 4).",
        ),
    ]
