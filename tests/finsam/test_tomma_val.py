"""No select of the app shows Django's "---------": an empty choice reads "Välj …" where a
value is required and "(ingen)" where it may stay empty (finsam.forms_base.TomtValMixin).
Every page with a form in tests/finsam/formular.py's SIDOR is opened as its kansli."""

import pytest
from django import forms

from finsam.forms_base import BaseForm, TomtValMixin, satt_tomt_val
from finsam.models import User
from tests.finsam.formular import SIDOR

FORMSIDOR = sorted(
    namn for namn, (slag, mal) in SIDOR.items() if slag in ("andra", "ny") and mal is not None
)


@pytest.mark.parametrize("namn", FORMSIDOR)
def test_no_select_shows_djangos_dashes(demo, client, namn):
    mal_lista = SIDOR[namn][1]()
    assert mal_lista, f"{namn}: nothing to open"
    sedda = set()
    for mal in mal_lista:
        if mal.anvandare in sedda:  # one page per förbund is enough
            continue
        sedda.add(mal.anvandare)
        client.force_login(User.objects.get(username=mal.anvandare))
        svar = client.get(mal.url(namn))
        assert svar.status_code == 200, mal.url(namn)
        assert "---------" not in svar.content.decode(), mal.url(namn)


class _Formular(BaseForm):
    kravs = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    frivillig = forms.TypedChoiceField(choices=[("", "---------"), ("1", "Ett")], required=False)
    egen = forms.ChoiceField(choices=[("", "Alla"), ("a", "A")], required=False)
    anvandare = forms.ModelChoiceField(User.objects.none(), required=False)


def test_empty_labels_say_what_they_mean():
    form = _Formular()
    html = form.as_p()
    assert "---------" not in html
    assert '<option value="" selected>Välj …</option>' in str(form["kravs"])
    assert '<option value="" selected>(ingen)</option>' in str(form["frivillig"])
    assert '<option value="" selected>(ingen)</option>' in str(form["anvandare"])
    assert '<option value="" selected>Alla</option>' in str(form["egen"])  # its own label kept


def test_a_field_added_after_init_is_covered_too():
    form = _Formular()
    form.fields["sen"] = forms.ModelChoiceField(User.objects.none())
    assert "Välj …" in str(form["sen"])
    falt = forms.ModelChoiceField(User.objects.none())
    satt_tomt_val(falt)
    assert falt.empty_label == "Välj …"


def _alla_formklasser():
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # imports every view module, and so every form
    ut, kvar = set(), [forms.BaseForm]
    while kvar:
        for klass in kvar.pop().__subclasses__():
            kvar.append(klass)
            if klass.__module__.split(".")[0] in ("finsam", "insatser", "budget", "uppfoljning"):
                ut.add(klass)
    return ut


def test_every_form_with_a_select_has_the_mixin():
    utan = sorted(
        f"{k.__module__}.{k.__qualname__}"
        for k in _alla_formklasser()
        if not issubclass(k, TomtValMixin)
        and any(
            isinstance(f, forms.ChoiceField | forms.ModelChoiceField)
            and not isinstance(f, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            for f in k.base_fields.values()
        )
    )
    assert utan == []
