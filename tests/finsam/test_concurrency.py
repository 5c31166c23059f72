import pytest

from finsam.concurrency import ConflictError, save_locked
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
