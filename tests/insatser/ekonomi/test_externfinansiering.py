"""External funding of an insats (ESF and the like): validation, every view and role, locks,
history, the period selector and the demo."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.models import Rapportutgava, Underlagslas
from insatser.ekonomi import services
from insatser.ekonomi.selectors import externfinansiering_under
from insatser.models import Externfinansiering
from insatser.selectors import insats_historik
from tests.access import assert_requires_login, assert_status


@pytest.fixture
def finansiering(insats):
    return services.externfinansiering_save(
        finansiering=Externfinansiering(
            insats=insats,
            finansiar="Europeiska socialfonden (ESF)",
            projektagare="Samordningsförbundet Annanstans",
            fran=date(2023, 8, 1),
            till=date(2026, 7, 31),
            beviljat=2_000_000,
            utbetalt=0,
        ),
        expected_version=0,
    )


def _data(**kw):
    data = {
        "finansiar": "Europeiska socialfonden (ESF)",
        "benamning": "Lyftet",
        "projektagare": "Samordningsförbundet Annanstans",
        "fran": "2023-08-01",
        "till": "2026-07-31",
        "beviljat": "2000000",
        "utbetalt": "0",
        "anteckning": "",
        "lock_version_loaded": 0,
    }
    data.update(kw)
    return data


def _urls(insats, finansiering):
    return [
        reverse("insatser:externfinansiering-create", args=[insats.pk]),
        reverse("insatser:externfinansiering-edit", args=[finansiering.pk]),
        reverse("insatser:externfinansiering-delete", args=[finansiering.pk]),
    ]


def _unchanged(insats, finansiering):
    finansiering.refresh_from_db()
    return (
        finansiering.beviljat == 2_000_000
        and finansiering.lock_version == 0
        and insats.externfinansiering.count() == 1
    )


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "text"),
    [
        ({"till": date(2023, 1, 1)}, "till", "Sista dagen kan inte ligga före den första."),
        ({"fran": date(1999, 12, 31), "till": None}, "fran", "mellan år 2000 och 2100"),
        ({"beviljat": -1}, "beviljat", ""),
        ({"utbetalt": -1}, "utbetalt", ""),
        ({"beviljat": 100, "utbetalt": 101}, "utbetalt", "mer än det beviljade"),
    ],
)
def test_service_refuses_bad_periods_and_amounts(insats, fields, field, text):
    obj = Externfinansiering(
        insats=insats, finansiar="ESF", fran=date(2024, 1, 1), till=date(2024, 12, 31)
    )
    for namn, varde in fields.items():
        setattr(obj, namn, varde)
    with pytest.raises(ValidationError) as e:
        services.externfinansiering_save(finansiering=obj, expected_version=0)
    assert field in e.value.message_dict
    assert text in " ".join(e.value.message_dict[field])
    assert not insats.externfinansiering.exists()


def test_unknown_amounts_may_be_left_empty(insats):
    obj = services.externfinansiering_save(
        finansiering=Externfinansiering(insats=insats, finansiar="ESF", fran=date(2024, 1, 1)),
        expected_version=0,
    )
    assert obj.beviljat is None and obj.utbetalt is None and obj.till is None
    assert obj.projektnamn == insats.namn


# --- the period in the documents --------------------------------------------------------------


def test_period_selector_takes_what_meets_the_period_and_sums_known_amounts(forbund, insats):
    def make(fran, till, beviljat):
        return Externfinansiering.objects.create(
            insats=insats, finansiar="ESF", fran=fran, till=till, beviljat=beviljat
        )

    fore = make(date(2020, 1, 1), date(2024, 12, 31), 1)
    pagaende = make(date(2023, 8, 1), date(2026, 7, 31), 2_000_000)
    oppen = make(date(2025, 6, 1), None, None)
    efter = make(date(2025, 9, 1), None, 5)
    lista = externfinansiering_under(forbund, date(2025, 1, 1), date(2025, 8, 31))
    assert lista.rader == [pagaende, oppen]
    assert lista.summa_beviljat == 2_000_000 and lista.summa_utbetalt is None
    assert fore not in externfinansiering_under(forbund, date(2025, 1, 1), date(2025, 12, 31)).rader
    assert efter in externfinansiering_under(forbund, date(2025, 1, 1), date(2025, 12, 31)).rader


# --- views ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, insats, finansiering, method):
    for url in _urls(insats, finansiering):
        assert_requires_login(client, url, method, _data())
    assert _unchanged(insats, finansiering)


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(client_for, outsider, insats, finansiering, method):
    for url in _urls(insats, finansiering):
        assert_status(client_for(outsider), url, 404, method, _data(beviljat="1"))
    assert _unchanged(insats, finansiering)


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_get_403(request, client_for, insats, finansiering, role, method):
    client = client_for(request.getfixturevalue(role))
    for url in _urls(insats, finansiering):
        assert_status(client, url, 403, method, _data(beviljat="1"))
    assert _unchanged(insats, finansiering)


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
def test_readers_see_the_funding_on_the_insats_page_without_links(
    request, client_for, insats, finansiering, role
):
    html = client_for(request.getfixturevalue(role)).get(
        reverse("insatser:detail", args=[insats.pk])
    )
    text = html.content.decode().replace("\xa0", " ")
    assert "Europeiska socialfonden (ESF)" in text and "2 000 000 kr" in text
    assert reverse("insatser:externfinansiering-edit", args=[finansiering.pk]) not in text


def test_kansli_creates_and_bad_input_keeps_what_was_typed(client_for, kansli, insats):
    client = client_for(kansli)
    url = reverse("insatser:externfinansiering-create", args=[insats.pk])
    response = client.post(url, _data(till="2020-01-01", beviljat="-5", finansiar="Fonden X"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sista dagen kan inte ligga före den första." in html
    assert 'value="Fonden X"' in html
    assert not insats.externfinansiering.exists()
    response = client.post(url, _data())
    assert response.status_code == 302
    assert response["Location"].endswith("#externfinansiering-rubrik")
    obj = insats.externfinansiering.get()
    assert obj.benamning == "Lyftet" and obj.beviljat == 2_000_000


def test_edit_reposted_unchanged_changes_nothing_and_stale_edit_is_refused(
    client_for, kansli, insats, finansiering
):
    client = client_for(kansli)
    url = reverse("insatser:externfinansiering-edit", args=[finansiering.pk])
    data = _data(benamning="", anteckning="")
    historik = Externfinansiering.history.filter(id=finansiering.pk).count()
    assert client.post(url, data).status_code == 302
    assert _unchanged(insats, finansiering)
    assert Externfinansiering.history.filter(id=finansiering.pk).count() == historik

    assert client.post(url, {**data, "utbetalt": "15000"}).status_code == 302
    response = client.post(url, {**data, "utbetalt": "99"})
    assert "Någon annan har sparat ändringar" in response.content.decode()
    finansiering.refresh_from_db()
    assert finansiering.utbetalt == 15_000 and finansiering.lock_version == 1


def test_delete_keeps_a_newer_change(client_for, kansli, insats, finansiering):
    client = client_for(kansli)
    finansiering.utbetalt = 1
    services.externfinansiering_save(finansiering=finansiering, expected_version=0)
    url = reverse("insatser:externfinansiering-delete", args=[finansiering.pk])
    response = client.post(url, {"lock_version_loaded": 0})
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert client.post(url, {"lock_version_loaded": 1}).status_code == 302
    assert not insats.externfinansiering.exists()


def test_funding_an_adopted_report_printed_cannot_change(
    client_for, kansli, forbund, insats, finansiering
):
    utgava = Rapportutgava.objects.create(
        forbund=forbund,
        dokument="arsredovisning",
        ar=2025,
        nyckel="2025",
        status=Rapportutgava.Status.FASTSTALLD,
        beslutsdatum=date(2026, 3, 20),
        paragraf="§ 12",
    )
    Underlagslas.objects.create(
        utgava=utgava,
        content_type=ContentType.objects.get_for_model(Externfinansiering),
        object_id=finansiering.pk,
    )
    client = client_for(kansli)
    url = reverse("insatser:externfinansiering-edit", args=[finansiering.pk])
    response = client.post(url, _data(utbetalt="5"))
    assert "De är låsta" in response.content.decode()
    url = reverse("insatser:externfinansiering-delete", args=[finansiering.pk])
    response = client.post(url, {"lock_version_loaded": 0})
    assert "De är låsta" in response.content.decode()
    assert _unchanged(insats, finansiering)


def test_changes_are_in_the_insats_history(insats, finansiering):
    finansiering.utbetalt = 10
    services.externfinansiering_save(finansiering=finansiering, expected_version=0)
    services.externfinansiering_delete(finansiering=finansiering, expected_version=1)
    andringar = [a for a in insats_historik(insats) if "finansiering" in str(a).lower()]
    assert len(andringar) >= 1
    typer = list(
        Externfinansiering.history.filter(insats_id=insats.pk)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )
    assert typer == ["+", "~", "-"]


# --- the demo ------------------------------------------------------------------------------


def test_demo_has_the_esf_funding_of_inkluderingslyftet(demo):
    [f] = Externfinansiering.objects.filter(insats__forbund=demo)
    assert f.insats.slug == "inkluderingslyftet"
    assert f.finansiar == "Europeiska socialfonden (ESF)"
    assert (f.fran, f.till) == (date(2023, 8, 1), date(2026, 7, 31))
    # The årsredovisning's note 2: "EU-medel och andra bidrag 0".
    assert f.utbetalt == 0 and f.beviljat is None
