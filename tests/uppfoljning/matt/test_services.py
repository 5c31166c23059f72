"""`uppfoljning.matt.services.matt_save`: validated, and refused on an outdated version."""

import pytest
from django.core.exceptions import ValidationError

from finsam.concurrency import ConflictError
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.matt.services import matt_save
from uppfoljning.models import Matt


@pytest.fixture
def matt(forbund):
    skapa_standardmatt(forbund)
    return Matt.objects.filter(forbund=forbund).first()


def test_a_change_is_saved_and_bumps_the_version(matt):
    version = matt.lock_version
    matt.namn = "Nytt namn"
    matt_save(matt=matt, expected_version=version)
    matt.refresh_from_db()
    assert (matt.namn, matt.lock_version) == ("Nytt namn", version + 1)


def test_an_outdated_version_is_refused(matt):
    gammal = Matt.objects.get(pk=matt.pk)
    matt.namn = "Först"
    matt_save(matt=matt, expected_version=matt.lock_version)
    gammal.namn = "Sen"
    with pytest.raises(ConflictError):
        matt_save(matt=gammal, expected_version=gammal.lock_version)
    assert Matt.objects.get(pk=matt.pk).namn == "Först"


def test_an_invalid_measure_is_refused(matt):
    matt.namn = ""
    with pytest.raises(ValidationError):
        matt_save(matt=matt, expected_version=matt.lock_version)
