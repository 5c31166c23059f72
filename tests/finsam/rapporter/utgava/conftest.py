"""The edition tests start from the demo without its editions: the demo's own texts (and
anything else the loader stores in an edition) are deleted inside the test's transaction,
so each test works on an edition it makes itself, as these tests were written for."""

import pytest

from finsam.models import Rapportutgava


@pytest.fixture(autouse=True)
def _utan_demons_utgavor(request):
    if "demo" in request.fixturenames:
        Rapportutgava.objects.filter(forbund=request.getfixturevalue("demo")).delete()
