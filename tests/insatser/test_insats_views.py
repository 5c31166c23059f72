"""The insats list, detail, create and edit pages: every view, every role."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from insatser.models import Insats
from tests import factories
from tests.access import assert_requires_login, assert_status

NBSP = "\u00a0"


@pytest.fixture
def malomrade(forbund):
    return factories.make_malomrade(forbund, namn="Individinsatser", ordning=1)


@pytest.fixture
def fagersta(forbund):
    return factories.make_medlem(forbund, namn="Fagersta kommun", kortnamn="Fagersta")


@pytest.fixture
def region(forbund):
    return factories.make_medlem(forbund, typ="region", namn="Region Västmanland")


def _data(insats=None, **kw):
    """What the form posts: the insats's current values, changed by `kw`."""
    data = {
        "namn": "Samordningsteam FNS",
        "slug": "st-fns",
        "typ": Insats.Typ.SAMORDNINGSTEAM,
        "status": Insats.Status.PAGAENDE,
        "startdatum": "2017-01-01",
        "slutdatum": "",
        "malgrupp": "Personer 16–67 år.",
        "beskrivning": "Ett team.",
        "ordning": 1,
        "lock_version_loaded": 0,
    }
    if insats is not None:
        data.update(
            namn=insats.namn,
            slug=insats.slug,
            malomrade=insats.malomrade_id,
            lock_version_loaded=insats.lock_version,
        )
    data.update(kw)
    return data


def _url(name, insats=None):
    return reverse(f"insatser:{name}", args=[insats.pk] if insats else [])


# --- anonymous -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["list", "create"])
def test_anonymous_is_sent_to_login(client, db, name):
    assert_requires_login(client, _url(name))


@pytest.mark.parametrize("name", ["detail", "edit"])
def test_anonymous_is_sent_to_login_for_an_insats(client, insats, name):
    assert_requires_login(client, _url(name, insats))


def test_anonymous_cannot_post_an_edit(client, insats):
    assert_requires_login(client, _url("edit", insats), "post", _data(insats, namn="Kapad"))
    insats.refresh_from_db()
    assert insats.namn != "Kapad"


# --- the other förbund -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["detail", "edit"])
def test_outsider_gets_404(client_for, outsider, insats, name):
    assert_status(client_for(outsider), _url(name, insats), 404)


def test_outsider_cannot_post_an_edit(client_for, outsider, insats):
    assert_status(client_for(outsider), _url("edit", insats), 404, "post", _data(insats, namn="X"))
    insats.refresh_from_db()
    assert insats.namn != "X"


def test_outsider_list_shows_only_own_forbund(client_for, outsider, insats):
    own = factories.make_insats(outsider.forbund, namn="Eget team")
    page = client_for(outsider).get(_url("list")).content.decode()
    assert own.namn in page
    assert insats.namn not in page


# --- readers: styrelse and revisor --------------------------------------------------------


@pytest.mark.parametrize("role", ["styrelse", "revisor"])
def test_readers_see_list_and_detail(request, client_for, insats, annan_insats, role):
    c = client_for(request.getfixturevalue(role))
    page = c.get(_url("list")).content.decode()
    assert insats.namn in page and annan_insats.namn in page
    detail = c.get(_url("detail", insats))
    assert detail.status_code == 200
    assert insats.beskrivning in detail.content.decode()
    # No edit buttons for readers.
    assert _url("edit", insats) not in detail.content.decode()


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_cannot_create(
    empty_db, request, client_for, malomrade, role, method
):
    c = client_for(request.getfixturevalue(role))
    assert_status(c, _url("create"), 403, method, _data(malomrade=malomrade.pk))
    assert not Insats.objects.filter(namn="Samordningsteam FNS").exists()


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_and_styrgrupp_cannot_edit(request, client_for, insats, role, method):
    c = client_for(request.getfixturevalue(role))
    assert_status(c, _url("edit", insats), 403, method, _data(insats, namn="Ändrat"))
    insats.refresh_from_db()
    assert insats.namn != "Ändrat"


# --- styrgrupp ---------------------------------------------------------------------------


def test_styrgrupp_list_shows_only_own_insatser(client_for, styrgrupp, insats, annan_insats):
    page = client_for(styrgrupp).get(_url("list")).content.decode()
    assert insats.namn in page
    assert annan_insats.namn not in page


def test_styrgrupp_reads_own_insats_but_not_another(client_for, styrgrupp, insats, annan_insats):
    c = client_for(styrgrupp)
    assert insats.namn in c.get(_url("detail", insats)).content.decode()
    assert_status(c, _url("detail", annan_insats), 404)


def test_styrgrupp_write_answer_reveals_nothing(client_for, styrgrupp, annan_insats):
    """403 for another insats and for one that does not exist: the same answer."""
    c = client_for(styrgrupp)
    assert_status(c, _url("edit", annan_insats), 403)
    assert_status(c, reverse("insatser:edit", args=[999_999]), 403)


# --- wrong method ------------------------------------------------------------------------


def test_read_views_refuse_post(client_for, kansli, insats):
    c = client_for(kansli)
    assert_status(c, _url("list"), 405, "post")
    assert_status(c, _url("detail", insats), 405, "post")


@pytest.mark.parametrize("method", ["put", "delete"])
def test_write_views_refuse_other_methods(client_for, kansli, insats, method):
    c = client_for(kansli)
    assert_status(c, _url("create"), 405, method)
    assert_status(c, _url("edit", insats), 405, method)


# --- the list ----------------------------------------------------------------------------


def test_list_is_one_table_ordered_by_malomrade(client_for, kansli, forbund, fagersta):
    struktur = factories.make_malomrade(forbund, namn="Strukturpåverkande insatser", ordning=3)
    individ = factories.make_malomrade(forbund, namn="Individinsatser", ordning=1)
    factories.make_insats(forbund, malomrade=struktur, namn="Rehabkoordinatorer")
    factories.make_insats(
        forbund, malomrade=individ, namn="Samordningsteam FNS", agare=fagersta
    ).kommuner.set([fagersta])
    page = client_for(kansli).get(_url("list")).content.decode()
    tabell = page[page.index("<table") : page.index("</table>")]
    assert page.count("<table") == 1
    positions = [
        tabell.index(text)
        for text in (
            "Samordningsteam FNS",
            "Individinsatser",
            "Rehabkoordinatorer",
            "Strukturpåverkande insatser",
        )
    ]
    assert positions == sorted(positions)  # each row with its målområde, in their order
    assert "2024-01-01 – tills vidare" in page
    assert "<td>Fagersta</td>" in page  # ägare and kommun, by short name


def test_list_hides_avslutade_by_default(client_for, kansli, forbund):
    factories.make_insats(forbund, namn="Pågående team")
    factories.make_insats(forbund, namn="RMGT", status=Insats.Status.AVSLUTAD)
    c = client_for(kansli)
    default = c.get(_url("list")).content.decode()
    assert "Pågående team" in default and "RMGT" not in default
    assert '<option value="alla">Alla</option>' in default
    alla = c.get(_url("list"), {"status": "alla"}).content.decode()
    assert "Pågående team" in alla and "RMGT" in alla
    avslutade = c.get(_url("list"), {"status": "avslutad"}).content.decode()
    assert "Pågående team" not in avslutade and "RMGT" in avslutade


def test_list_treats_unknown_status_as_default(client_for, kansli, forbund):
    factories.make_insats(forbund, namn="RMGT", status=Insats.Status.AVSLUTAD)
    page = client_for(kansli).get(_url("list"), {"status": "<script>"})
    assert page.status_code == 200
    assert "RMGT" not in page.content.decode()


def _fill(forbund, n):
    malomraden = [factories.make_malomrade(forbund) for _ in range(3)]
    kommun = factories.make_medlem(forbund)
    for i in range(n):
        insats = factories.make_insats(forbund, malomrade=malomraden[i % 3], agare=kommun)
        insats.kommuner.set([kommun])
        insats.deltagande_medlemmar.set([kommun])
        factories.make_bemanning(insats, arbetsgivare=kommun)


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_does_not_grow(
    empty_db, client_for, kansli, forbund, n, django_assert_num_queries
):
    _fill(forbund, n)
    c = client_for(kansli)
    # 1 session, 2 user, 3 the user's förbund, 4 the data token (nothing kept yet: see
    # finsam.views_base.sidinnehall), 5 the målområden and 6 the kommuner of the filter's
    # selects, 7 insatser with målområde and ägare, 8 kommuner.
    with django_assert_num_queries(8):
        page = c.get(_url("list"))
    content = page.content.decode()
    assert all(i.namn in content for i in Insats.objects.all())


# --- the detail page ---------------------------------------------------------------------


def test_detail_shows_everything(client_for, kansli, forbund, insats, fagersta, region):
    insats.kommuner.set([fagersta])
    insats.deltagande_medlemmar.set([fagersta, region])
    insats.malgrupp = "Personer 16–67 år"
    insats.beskrivning = "Första raden\nAndra raden <b>fet</b>"
    insats.save()
    factories.make_bemanning(
        insats,
        roll="Socialkonsulent",
        arsarbetare=Decimal("4.0"),
        arbetsgivare=fagersta,
        finansierat_av_forbundet=Decimal("1.5"),
    )
    factories.make_bemanning(
        insats,
        roll="Kurator",
        arsarbetare=Decimal("0.1"),
        arbetsgivare=region,
        anmarkning="Osäker bemanning",
    )
    factories.make_beslut(insats, belopp=1_650_000, paragraf="§ 58", forsta_ar=2025, sista_ar=2026)
    factories.make_beslut(insats, belopp=350_000, paragraf="§ 12", datum=date(2025, 5, 24))
    page = client_for(kansli).get(_url("detail", insats)).content.decode()
    for text in (
        "Personer 16–67 år",
        "Första raden<br>Andra raden &lt;b&gt;fet&lt;/b&gt;",
        "Fagersta kommun, Region Västmanland",  # deltagande medlemmar
        "Osäker bemanning",
        '<td class="num">4,0</td>',
        '<td class="num">4,1</td>',  # summa åa
        '<td class="num">1,5</td>',  # summa finansierat
        f"1{NBSP}650{NBSP}000{NBSP}kr",
        f"2{NBSP}000{NBSP}000{NBSP}kr",  # summa beviljat
        "2025–2026",
        "§ 12",
        "2025-05-24",
        str(insats.styrgrupp.get()),
    ):
        assert text in page, text


def test_history_for_kansli_and_revisor_only(client_for, kansli, revisor, styrelse, insats):
    client_for(kansli).post(
        _url("edit", insats), _data(insats, status=Insats.Status.AVSLUTAD, slutdatum="2025-12-31")
    )
    factories.make_bemanning(insats, roll="Kurator")
    page = client_for(revisor).get(_url("detail", insats)).content.decode()
    assert "Ändringshistorik" in page
    assert kansli.get_full_name() in page
    assert "Pågående → Avslutad" in page
    assert "Kurator" in page
    assert (
        "Ändringshistorik" not in client_for(styrelse).get(_url("detail", insats)).content.decode()
    )


def test_history_names_members_not_ids(client_for, kansli, insats, fagersta):
    data = _data(insats, kommuner=[fagersta.pk], deltagande_medlemmar=[fagersta.pk])
    client_for(kansli).post(_url("edit", insats), data)
    page = client_for(kansli).get(_url("detail", insats)).content.decode()
    assert "kommuner som betjänas</strong>: – → Fagersta kommun" in page


# --- create and edit ---------------------------------------------------------------------


def test_create_form_offers_only_own_forbund(client_for, kansli, malomrade, fagersta, styrgrupp):
    other = factories.make_forbund()
    factories.make_medlem(other, namn="Främmande kommun")
    factories.make_malomrade(other, namn="Främmande målområde")
    factories.make_user(other, "styrgrupp", first_name="Främling")
    page = client_for(kansli).get(_url("create")).content.decode()
    assert "Fagersta" in page and malomrade.namn in page and str(styrgrupp) in page
    assert "Främmande" not in page and "Främling" not in page
    assert 'type="date"' in page
    assert "Lämna tomt om insatsen löper tills vidare." in page  # help text from the model


def test_kansli_creates_insats(client_for, kansli, forbund, malomrade, fagersta, region, styrgrupp):
    data = _data(
        malomrade=malomrade.pk,
        agare=fagersta.pk,
        kommuner=[fagersta.pk],
        deltagande_medlemmar=[fagersta.pk, region.pk],
        styrgrupp=[styrgrupp.pk],
    )
    factories.make_insats(forbund, malomrade=malomrade, ordning=7)
    response = client_for(kansli).post(_url("create"), data)
    insats = Insats.objects.get(forbund=forbund, namn="Samordningsteam FNS")
    assert response.status_code == 302
    # Kortnamn and ordning are not asked for: from the name, after the last insats.
    assert (insats.slug, insats.ordning) == ("samordningsteam-fns", 8)
    assert response["Location"] == _url("detail", insats)
    assert insats.agare == fagersta and insats.malomrade == malomrade
    assert list(insats.kommuner.all()) == [fagersta]
    assert set(insats.deltagande_medlemmar.all()) == {fagersta, region}
    assert list(insats.styrgrupp.all()) == [styrgrupp]
    # The new styrgrupp member now sees it.
    assert insats.namn in client_for(styrgrupp).get(_url("list")).content.decode()


def test_foreign_member_cannot_be_posted(empty_db, client_for, kansli, malomrade):
    foreign = factories.make_medlem(factories.make_forbund(), namn="Främmande kommun")
    page = client_for(kansli).post(
        _url("create"), _data(malomrade=malomrade.pk, kommuner=[foreign.pk])
    )
    assert page.status_code == 200
    assert "kommuner" in page.context["form"].errors
    assert not Insats.objects.filter(namn="Samordningsteam FNS").exists()


def test_new_insats_form_asks_neither_kortnamn_nor_ordning(client_for, kansli, malomrade):
    ny = client_for(kansli).get(_url("create")).content.decode()
    assert 'name="slug"' not in ny and 'name="ordning"' not in ny
    assert "Kortnamn" not in ny and "Ordning" not in ny


def test_members_are_offered_by_their_full_names(client_for, kansli, forbund, insats):
    factories.make_medlem(forbund, typ="stat", namn="Arbetsförmedlingen", kortnamn="Af")
    for url in (_url("create"), _url("edit", insats), _url("bemanning-create", insats)):
        page = client_for(kansli).get(url).content.decode()
        assert "Arbetsförmedlingen" in page, url
        assert ">Af<" not in page and " Af\n" not in page, url


def test_generated_slug_is_unique_in_forbund(client_for, kansli, insats, outsider):
    factories.make_insats(insats.forbund, slug="samordningsteam-fns")
    factories.make_insats(outsider.forbund, slug="samordningsteam-fns-2")
    response = client_for(kansli).post(_url("create"), _data(malomrade=insats.malomrade_id))
    assert response.status_code == 302
    # -2 is taken only in another förbund.
    ny = Insats.objects.get(forbund=insats.forbund, namn="Samordningsteam FNS")
    assert ny.slug == "samordningsteam-fns-2"
    response = client_for(kansli).post(_url("create"), _data(malomrade=insats.malomrade_id))
    assert Insats.objects.filter(forbund=insats.forbund, slug="samordningsteam-fns-3").exists()


def test_slug_stays_editable_and_unique_in_forbund(client_for, kansli, insats, outsider):
    annan = factories.make_insats(insats.forbund, slug="st-annan")
    other = factories.make_insats(outsider.forbund, slug="st-fns")
    page = client_for(kansli).post(_url("edit", insats), _data(insats, slug=annan.slug))
    assert page.status_code == 200
    assert page.context["form"].errors["slug"] == [
        "Förbundet har redan en insats med det kortnamnet."
    ]
    # Another förbund's slug is no obstacle.
    response = client_for(kansli).post(_url("edit", insats), _data(insats, slug=other.slug))
    assert response.status_code == 302
    insats.refresh_from_db()
    assert insats.slug == "st-fns"


def test_end_before_start_is_refused_next_to_the_field(client_for, kansli, insats):
    data = _data(insats, namn="Nytt namn", startdatum="2025-01-01", slutdatum="2024-12-31")
    response = client_for(kansli).post(_url("edit", insats), data)
    assert response.status_code == 200
    assert response.context["form"].errors["slutdatum"] == [
        "Slutdatum kan inte vara före startdatum."
    ]
    page = response.content.decode()
    assert "Slutdatum kan inte vara före startdatum." in page
    assert 'value="Nytt namn"' in page
    insats.refresh_from_db()
    assert insats.namn != "Nytt namn"


def test_kansli_edits_insats(client_for, kansli, insats, styrgrupp, fagersta):
    response = client_for(kansli).post(
        _url("edit", insats),
        _data(insats, status=Insats.Status.AVSLUTAD, slutdatum="2025-12-31", agare=fagersta.pk),
    )
    assert response.status_code == 302
    insats.refresh_from_db()
    assert insats.status == Insats.Status.AVSLUTAD
    assert insats.slutdatum == date(2025, 12, 31)
    assert insats.agare == fagersta
    assert insats.lock_version == 1
    assert not insats.styrgrupp.exists()  # no box ticked: the styrgrupp is emptied


def test_edit_form_shows_current_values(client_for, kansli, insats):
    response = client_for(kansli).get(_url("edit", insats))
    form = response.context["form"]
    assert form["lock_version_loaded"].value() == 0
    page = response.content.decode()
    assert f'value="{insats.namn}"' in page
    assert 'value="2024-01-01"' in page


def test_concurrent_edit_second_is_refused_nothing_lost(client_for, forbund, insats):
    anna = factories.make_user(forbund, "kansli")
    bo = factories.make_user(forbund, "kansli")
    url = _url("edit", insats)
    version_a = client_for(anna).get(url).context["form"]["lock_version_loaded"].value()
    version_b = client_for(bo).get(url).context["form"]["lock_version_loaded"].value()
    assert version_a == version_b == 0

    data_a = _data(insats, namn="Annas namn", lock_version_loaded=version_a)
    assert client_for(anna).post(url, data_a).status_code == 302

    data_b = _data(insats, namn="Bos namn", lock_version_loaded=version_b)
    response = client_for(bo).post(url, data_b)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page
    assert 'value="Bos namn"' in page
    insats.refresh_from_db()
    assert insats.namn == "Annas namn"
    assert insats.lock_version == 1


def test_history_shows_the_20_newest_changes_and_says_so(client_for, kansli, insats):
    """The insats page shows its 20 newest changes; with more, it says so and links to the
    förbund's history page."""
    c = client_for(kansli)
    for i in range(19):  # with the creation: 20 changes
        insats.namn = f"Insats {i}"
        insats.save()
    response = c.get(_url("detail", insats))
    assert len(response.context["historik"]) == 20
    assert "senaste ändringarna" not in response.content.decode()
    insats.namn = "Insats sist"
    insats.save()
    response = c.get(_url("detail", insats))
    page = response.content.decode()
    assert len(response.context["historik"]) == 20
    assert response.context["historik"][0].falt[0][2] == "Insats sist"
    assert "Visar de 20 senaste ändringarna." in page
    assert f'href="{reverse("finsam:historik")}"' in page
