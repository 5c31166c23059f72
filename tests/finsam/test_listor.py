"""The ground floor of the lists (finsam/listor.py, the listor tags) and the member list."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from finsam.listor import Sortering
from finsam.models import Befolkning, Medlem
from tests import factories

NYCKLAR = {"namn": ["namn"], "tid": ["-datum", "namn"]}


@pytest.mark.parametrize(
    ("varde", "nyckel", "fallande", "ogiltig", "falt"),
    [
        ("", "namn", False, False, ["namn", "pk"]),
        ("namn", "namn", False, False, ["namn", "pk"]),
        ("-namn", "namn", True, False, ["-namn", "-pk"]),
        ("tid", "tid", False, False, ["-datum", "namn", "pk"]),
        ("-tid", "tid", True, False, ["datum", "-namn", "-pk"]),
        ("bogus", "namn", False, True, ["namn", "pk"]),
        ("-", "namn", False, True, ["namn", "pk"]),
        ("--namn", "namn", False, True, ["namn", "pk"]),
        ("pk", "namn", False, True, ["namn", "pk"]),
    ],
)
def test_sortering_reads_only_the_allowed_keys(varde, nyckel, fallande, ogiltig, falt):
    s = Sortering(QueryDict(f"ordning={varde}"), NYCKLAR, standard="namn")
    assert (s.nyckel, s.fallande, s.ogiltig, s.falt()) == (nyckel, fallande, ogiltig, falt)


def test_sortering_header_toggles_and_aria_sort():
    s = Sortering(QueryDict("ordning=namn"), NYCKLAR, standard="namn")
    assert (s.riktning("namn"), s.riktning("tid")) == ("ascending", None)
    assert (s.nasta("namn"), s.nasta("tid")) == ("-namn", "tid")
    s = Sortering(QueryDict("ordning=-namn"), NYCKLAR, standard="namn")
    assert (s.riktning("namn"), s.nasta("namn")) == ("descending", "namn")


def test_a_default_that_is_not_a_key_is_a_programming_error():
    with pytest.raises(ValueError):
        Sortering(QueryDict(""), NYCKLAR, standard="okand")


def test_sorthuvud_keeps_the_filters_and_drops_the_page():
    request = RequestFactory().get("/x/", {"q": "a b", "sida": "3", "ordning": "namn"})
    s = Sortering(request.GET, NYCKLAR, standard="namn")
    html = Template('{% load listor %}{% sorthuvud s "namn" "Namn" "num" %}').render(
        Context({"request": request, "s": s})
    )
    assert html.startswith('<th scope="col" class="num" aria-sort="ascending">')
    assert 'href="?q=a+b&amp;ordning=-namn"' in html
    assert "sida" not in html
    assert "(sorterad stigande)" in html


def test_brodsmulor():
    html = Template(
        '{% load listor %}{% brodsmulor "Insatser" "insatser:list" "Team" "/insatser/1/" "Ändra" %}'
    ).render(Context({}))
    assert '<nav aria-label="Brödsmulor"' in html and '<ol class="breadcrumb' in html
    assert f'<a href="{reverse("finsam:start")}">Start</a>' in html
    assert f'<a href="{reverse("insatser:list")}">Insatser</a>' in html
    assert '<a href="/insatser/1/">Team</a>' in html
    assert '<li class="breadcrumb-item active" aria-current="page">Ändra</li>' in html
    # Labels are escaped like any other text.
    html = Template("{% load listor %}{% brodsmulor x %}").render(Context({"x": "<b>"}))
    assert "&lt;b&gt;" in html and "<b>" not in html


# --- the member list -------------------------------------------------------------------

LISTA = reverse("finsam:medlem-list")


@pytest.fixture
def medlemmar(forbund, annat_forbund):
    fagersta = factories.make_medlem(forbund, namn="Fagersta kommun", kortnamn="Fagersta")
    norberg = factories.make_medlem(forbund, namn="Norbergs kommun")
    region = factories.make_medlem(forbund, typ=Medlem.Typ.REGION, namn="Region Västmanland")
    Befolkning.objects.create(medlem=fagersta, ar=2023, antal=13000)
    Befolkning.objects.create(medlem=fagersta, ar=2024, antal=13100)
    Befolkning.objects.create(medlem=norberg, ar=2024, antal=5700)
    factories.make_medlem(annat_forbund, namn="Annans kommun")
    return fagersta, norberg, region


def _namn(response):
    return [m.namn for m in response.context["medlemmar"]]


def test_member_list_search_filter_sort(client_for, kansli, medlemmar):
    fagersta, norberg, region = medlemmar
    c = client_for(kansli)
    response = c.get(LISTA)
    assert _namn(response) == [fagersta.namn, norberg.namn, region.namn]
    assert "13 100 (2024)" in response.content.decode().replace("\u00a0", " ")
    assert _namn(c.get(LISTA, {"q": "kommun"})) == [fagersta.namn, norberg.namn]
    assert _namn(c.get(LISTA, {"q": "fagersta"})) == [fagersta.namn]
    assert _namn(c.get(LISTA, {"typ": Medlem.Typ.REGION})) == [region.namn]
    assert _namn(c.get(LISTA, {"ordning": "-namn"})) == [region.namn, norberg.namn, fagersta.namn]
    assert _namn(c.get(LISTA, {"ordning": "-folkmangd", "typ": "kommun"})) == [
        fagersta.namn,
        norberg.namn,
    ]
    response = c.get(LISTA, {"q": "zzz"})
    assert _namn(response) == [] and "Inga medlemmar matchar urvalet." in response.content.decode()


@pytest.mark.parametrize("query", [{"typ": "bogus"}, {"ordning": "bogus"}, {"q": "%_'\""}])
def test_member_list_invalid_input(client_for, kansli, medlemmar, query):
    response = client_for(kansli).get(LISTA, query)
    assert response.status_code == 200
    if "q" not in query:
        assert len(_namn(response)) == 3


def test_member_list_is_the_users_forbund_only(client_for, outsider, styrgrupp, medlemmar):
    assert _namn(client_for(outsider).get(LISTA)) == ["Annans kommun"]
    assert client_for(styrgrupp).get(LISTA).status_code == 403


def test_member_pages_have_breadcrumbs(client_for, kansli, medlemmar):
    fagersta = medlemmar[0]
    c = client_for(kansli)
    html = c.get(reverse("finsam:medlem-detail", args=[fagersta.pk])).content.decode()
    assert f'<a href="{LISTA}">Medlemmar</a>' in html
    assert f'aria-current="page">{fagersta.namn}</li>' in html
    html = c.get(reverse("finsam:medlem-edit", args=[fagersta.pk])).content.decode()
    assert f'<a href="{reverse("finsam:medlem-detail", args=[fagersta.pk])}">' in html
    html = c.get(reverse("finsam:historik")).content.decode()
    assert 'aria-current="page">Ändringshistorik</li>' in html


def test_lank_builds_a_url_with_a_query_string():
    html = Template('{% load listor %}{% lank "budget:overview" ar=2025 as u %}[{{ u }}]').render(
        Context({})
    )
    assert html == f"[{reverse('budget:overview')}?ar=2025]"


def test_budget_pages_have_breadcrumbs_instead_of_back_links(demo, demo_user, client):
    from budget.models import Budgetversion

    client.force_login(demo_user("kansli"))
    version = Budgetversion.objects.filter(forbund=demo).first()
    html = client.get(reverse("budget:version-detail", args=[version.pk])).content.decode()
    overview = reverse("budget:overview")
    assert f'<a href="{overview}?ar={version.ar}">Budget {version.ar}</a>' in html
    assert f'aria-current="page">{version.rubrik}</li>' in html
    assert "← Budget" not in html
    html = client.get(reverse("budget:struktur")).content.decode()
    assert f'<a href="{overview}">Budget</a>' in html and "← Budget" not in html


# --- hostile query strings on every list ---------------------------------------------------

LISTOR = [
    ("insatser:list", ["q", "status", "malomrade", "typ", "kommun", "ordning"]),
    ("insatser:list-xlsx", ["q", "status", "malomrade", "typ", "kommun", "ordning"]),
    ("insatser:rekvisition-list", ["q", "insats", "malomrade", "avser_ar", "fran", "till", "sida"]),
    ("finsam:medlem-list", ["q", "typ", "ordning"]),
    ("finsam:historik", ["fran", "till", "anvandare", "typ", "handelse", "ordning", "sida"]),
    ("uppfoljning:period-list", ["ar", "typ", "ordning"]),
    ("uppfoljning:rapport-mina", ["q", "status", "ar", "ordning"]),
]

_VARDEN = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "-", "--namn", "-1", "0", "1e9", str(10**30), "2025-02-30", "\x00", "%"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


@pytest.mark.parametrize(("namn", "parametrar"), LISTOR)
def test_no_query_string_breaks_a_list(demo, demo_user, client, namn, parametrar):
    client.force_login(demo_user("kansli"))
    url = reverse(namn)

    @hsettings(max_examples=15, deadline=None)
    @given(st.dictionaries(st.sampled_from(parametrar), _VARDEN, max_size=4))
    def fraga(data):
        response = client.get(url, data)
        assert response.status_code == 200, (url, data)

    fraga()
