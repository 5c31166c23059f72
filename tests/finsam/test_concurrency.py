import pytest
from django import forms

from finsam.concurrency import ConflictError, bump_locked, check_version, save_locked
from finsam.forms_base import LockVersionField
from finsam.models import Medlem
from tests import factories


def test_stale_save_is_refused_and_first_save_kept(forbund):
    medlem = factories.make_medlem(forbund, namn="Sala kommun")
    first = Medlem.objects.get(pk=medlem.pk)
    second = Medlem.objects.get(pk=medlem.pk)

    first.kortnamn = "Sala"
    save_locked(first, expected_version=0)

    second.kortnamn = "SALA"
    with pytest.raises(ConflictError) as exc:
        save_locked(second, expected_version=0)
    assert "Någon annan har sparat" in str(exc.value)
    medlem.refresh_from_db()
    assert medlem.kortnamn == "Sala"
    assert medlem.lock_version == 1


def test_new_object_is_inserted(forbund):
    medlem = Medlem(forbund=forbund, namn="Ny kommun", typ=Medlem.Typ.KOMMUN)
    save_locked(medlem, expected_version=99)
    assert Medlem.objects.filter(namn="Ny kommun").exists()


def test_unchanged_save_writes_nothing(forbund):
    """A form posted back unchanged must not bump the version or add a history row."""
    medlem = factories.make_medlem(forbund, namn="Sala kommun")
    historik = medlem.history.count()
    save_locked(Medlem.objects.get(pk=medlem.pk), expected_version=0)
    medlem.refresh_from_db()
    assert medlem.lock_version == 0
    assert medlem.history.count() == historik


def test_unchanged_save_based_on_an_outdated_page_is_still_refused(forbund):
    medlem = factories.make_medlem(forbund, namn="Sala kommun")
    andrad = Medlem.objects.get(pk=medlem.pk)
    andrad.kortnamn = "Sala"
    save_locked(andrad, expected_version=0)
    with pytest.raises(ConflictError):
        save_locked(Medlem.objects.get(pk=medlem.pk), expected_version=0)


@pytest.mark.parametrize("version", [None, -1, 2**31, "0", True])
def test_missing_or_impossible_version_is_refused_like_an_outdated_one(forbund, version):
    medlem = factories.make_medlem(forbund, namn="Sala kommun")
    for kortnamn in ("Sala", ""):  # a change, and no change at all
        obj = Medlem.objects.get(pk=medlem.pk)
        obj.kortnamn = kortnamn
        with pytest.raises(ConflictError):
            save_locked(obj, expected_version=version)
    with pytest.raises(ConflictError):
        bump_locked(Medlem.objects.get(pk=medlem.pk), expected_version=version)
    medlem.refresh_from_db()
    assert (medlem.kortnamn, medlem.lock_version) == ("", 0)


def test_missing_version_does_not_matter_for_a_new_object(forbund):
    medlem = Medlem(forbund=forbund, namn="Ny kommun", typ=Medlem.Typ.KOMMUN)
    save_locked(medlem, expected_version=None)
    assert medlem.pk is not None and medlem.lock_version == 0


def test_changed_elsewhere_bumps_an_otherwise_unchanged_object(forbund):
    medlem = factories.make_medlem(forbund, namn="Sala kommun")
    save_locked(Medlem.objects.get(pk=medlem.pk), expected_version=0, changed_elsewhere=True)
    medlem.refresh_from_db()
    assert medlem.lock_version == 1
    with pytest.raises(ConflictError):
        check_version(medlem, expected_version=0)
    check_version(medlem, expected_version=1)


@pytest.mark.parametrize(
    ("posted", "expected"),
    [("3", 3), ("", None), ("abc", None), ("-1", None), ("1e309", None), ("9" * 40, None)],
)
def test_lock_version_field_never_errors_and_drops_junk(posted, expected):
    class F(forms.Form):
        lock_version_loaded = LockVersionField()

    form = F({"lock_version_loaded": posted})
    assert form.is_valid()
    assert form.cleaned_data["lock_version_loaded"] == expected
