"""Creating and editing a bokslut: its figures and the grid of not 4 / not 6 lines."""

import pytest
from django.urls import reverse

from budget.models import Bokslut, Bokslutspost
from tests.access import assert_requires_login, assert_status
from tests.budget.bokslut.conftest import make_arsredovisning
from tests.budget.helpers import text
from tests.finsam.test_felsammanfattning import assert_lankar_finns

CREATE = reverse("budget:bokslut-create")


def _edit(ar):
    return reverse("budget:bokslut-edit", args=[ar])


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _data(**kw):
    data = {
        "ar": "2026",
        "verksamhetens_intakter": "",
        "verksamhetens_kostnader": "",
        "finansiella_intakter": "12 000",
        "finansiella_kostnader": "−3 000",
        "kassa_och_bank": "1 000 000",
        "avsattningar_pensioner": "",
        "ingaende_eget_kapital": "",
        "kapitaltillskott": "",
        "antal_anstallda": "2,5",
        "anmarkning": "",
        **_management("fordran", 3),
        **_management("skuld", 3),
    }
    data.update(kw)
    return data


def _edit_data(bokslut, **kw):
    """What the edit page posts for `bokslut` unchanged (with 3 empty rows per note)."""
    data = {
        "lock_version_loaded": str(bokslut.lock_version),
        "finansiella_intakter": str(bokslut.finansiella_intakter),
        "finansiella_kostnader": str(bokslut.finansiella_kostnader),
        "kassa_och_bank": str(bokslut.kassa_och_bank),
        "avsattningar_pensioner": str(bokslut.avsattningar_pensioner),
        "ingaende_eget_kapital": str(bokslut.ingaende_eget_kapital or ""),
        "kapitaltillskott": str(bokslut.kapitaltillskott),
        "antal_anstallda": str(bokslut.antal_anstallda or "").replace(".", ","),
        "anmarkning": bokslut.anmarkning,
    }
    for typ in ("fordran", "skuld"):
        poster = list(bokslut.poster.filter(typ=typ).order_by("ordning"))
        data.update(_management(typ, len(poster) + 3, len(poster)))
        for i, p in enumerate(poster):
            data.update(
                {f"{typ}-{i}-post_id": str(p.pk), f"{typ}-{i}-namn": p.namn}
                | {f"{typ}-{i}-belopp": str(p.belopp)}
            )
    data.update(kw)
    return data


def _rader(bokslut, typ):
    return list(bokslut.poster.filter(typ=typ).order_by("ordning").values_list("namn", "belopp"))


# --- bokslut-create --------------------------------------------------------------------------


def test_create_with_lines_in_swedish_amounts(client_for, kansli, forbund):
    data = _data(
        **{
            "fordran-0-namn": "Moms",
            "fordran-0-belopp": "62 233",
            "skuld-0-namn": "Leverantörsskulder",
            "skuld-0-belopp": "493\u00a0628",
            "skuld-1-namn": "Semesterlöneskuld",
            "skuld-1-belopp": "112743",
        }
    )
    response = client_for(kansli).post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("budget:bokslut-detail", args=[2026])
    b = Bokslut.objects.get(forbund=forbund, ar=2026)
    assert (b.finansiella_intakter, b.finansiella_kostnader, b.kassa_och_bank) == (
        12_000,
        -3_000,
        1_000_000,
    )
    assert str(b.antal_anstallda) == "2.5"
    assert b.kapitaltillskott == 0 and b.ingaende_eget_kapital is None
    assert _rader(b, "fordran") == [("Moms", 62_233)]
    assert _rader(b, "skuld") == [("Leverantörsskulder", 493_628), ("Semesterlöneskuld", 112_743)]


def test_create_page_renders(client_for, kansli):
    page = client_for(kansli).get(CREATE)
    assert page.status_code == 200
    assert 'name="fordran-2-belopp"' in page.content.decode()
    assert 'name="skuld-0-namn"' in page.content.decode()


def test_create_refuses_a_year_that_exists(client_for, kansli, forbund):
    make_arsredovisning(forbund, ar=(2025,))
    page = client_for(kansli).post(CREATE, _data(ar="2025"))
    assert page.status_code == 200
    assert "Det finns redan ett bokslut för 2025. Ändra det i stället." in text(page)
    assert Bokslut.objects.filter(forbund=forbund).count() == 1


def test_swedish_validation_errors_keep_what_was_typed(client_for, kansli, forbund):
    data = _data(
        kassa_och_bank="1 000 000,50",
        finansiella_kostnader="3 000",
        **{
            "skuld-0-namn": "Leverantörsskulder",
            "skuld-0-belopp": "−493 628",
            "fordran-0-namn": "",
            "fordran-0-belopp": "5 000",
        },
    )
    page = client_for(kansli).post(CREATE, data)
    assert page.status_code == 200
    t = text(page)
    assert "Formuläret har fel" in t  # the error summary, its links checked below
    assert_lankar_finns(page.content.decode())
    assert "Skriv ett helt belopp i kronor, t.ex. −1 250 000." in t
    assert "Skriv finansiella kostnader med minustecken, t.ex. −36 000." in t
    assert "Skriv skulderna som positiva tal, som i balansräkningen" in t
    assert "Skriv vad raden avser." in t
    html = page.content.decode()
    assert 'value="1 000 000,50"' in html and 'value="−493 628"' in html
    assert not Bokslut.objects.filter(forbund=forbund).exists()


# --- bokslut-edit ----------------------------------------------------------------------------


@pytest.fixture
def b2025(forbund):
    return make_arsredovisning(forbund, ar=(2025,)).b2025


def test_edit_page_shows_stored_amounts(client_for, kansli, b2025):
    page = client_for(kansli).get(_edit(2025))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="9\u00a0350\u00a0453"' in html
    assert 'value="Övriga upplupna kostnader"' in html and 'value="2\u00a0714\u00a0570"' in html
    assert 'name="lock_version_loaded" value="0"' in html


def test_edit_adds_renames_removes_and_changes_lines(client_for, kansli, b2025):
    fordringar = list(b2025.poster.filter(typ="fordran").order_by("ordning"))
    assert fordringar[0].namn == "Kundfordringar"
    data = _edit_data(
        b2025,
        **{
            "kassa_och_bank": "9 350 454",
            "fordran-0-ta_bort": "on",  # Kundfordringar
            "fordran-1-namn": "Skattekonto",  # renamed
            "fordran-3-belopp": "62 232",  # Moms
            "fordran-5-namn": "Övriga fordringar",  # a new line
            "fordran-5-belopp": "1",
        },
    )
    response = client_for(kansli).post(_edit(2025), data)
    assert response.status_code == 302, response.context["form"].errors
    b2025.refresh_from_db()
    assert b2025.kassa_och_bank == 9_350_454
    assert b2025.lock_version == 1
    assert _rader(b2025, "fordran") == [
        ("Skattekonto", 31_758),
        ("Debiterad preliminärskatt", 8_844),
        ("Moms", 62_232),
        ("Förutbetalda kostnader, upplupna intäkter", 0),
        ("Övriga fordringar", 1),
    ]
    assert len(_rader(b2025, "skuld")) == 8


def test_a_stale_save_is_refused_and_keeps_the_input(client_for, kansli, b2025):
    stale = _edit_data(b2025, kassa_och_bank="1 234 567", **{"fordran-1-namn": "Nytt namn"})
    colleague = _edit_data(b2025, kassa_och_bank="9 350 000")
    c = client_for(kansli)
    assert c.post(_edit(2025), colleague).status_code == 302
    page = c.post(_edit(2025), stale)
    assert page.status_code == 200
    assert "Någon annan har sparat ändringar i Bokslut 2025 sedan du öppnade sidan." in text(page)
    html = page.content.decode()
    assert 'value="1 234 567"' in html and 'value="Nytt namn"' in html
    b2025.refresh_from_db()
    assert b2025.kassa_och_bank == 9_350_000
    assert b2025.lock_version == 1
    assert not Bokslutspost.objects.filter(namn="Nytt namn").exists()


def test_edit_cannot_touch_another_bokslut_lines(client_for, kansli, forbund, annat_forbund):
    make_arsredovisning(forbund, ar=(2025,))
    annan = make_arsredovisning(annat_forbund, ar=(2025,)).b2025.poster.first()
    b = Bokslut.objects.get(forbund=forbund, ar=2025)
    data = _edit_data(b, **{"fordran-5-post_id": str(annan.pk), "fordran-5-namn": "X"})
    data["fordran-5-belopp"] = "1"
    page = client_for(kansli).post(_edit(2025), data)
    assert page.status_code == 200
    assert "Raderna hör inte till det här bokslutet. Ladda om sidan." in text(page)
    annan.refresh_from_db()
    assert annan.namn != "X"


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["styrelse", "revisor", "styrgrupp"])
def test_only_kansli_writes(request, client_for, b2025, role):
    c = client_for(request.getfixturevalue(role))
    for url in (CREATE, _edit(2025)):
        assert_status(c, url, 403)
        assert_status(c, url, 403, "post", _edit_data(b2025))
    b2025.refresh_from_db()
    assert b2025.lock_version == 0


def test_edit_access(client, client_for, kansli, outsider, b2025):
    for url in (CREATE, _edit(2025)):
        assert_requires_login(client, url)
        assert_requires_login(client, url, "post", _edit_data(b2025))
        assert_status(client_for(kansli), url, 405, "put")
    assert_status(client_for(outsider), _edit(2025), 404)
    assert_status(client_for(outsider), _edit(2025), 404, "post", _edit_data(b2025))
    assert_status(client_for(kansli), _edit(2019), 404)
