"""The demo förbund (figures from the published Verksamhetsplan och budget 2025–2027)."""

import io

import pytest
from django.core.management import call_command

from finsam.models import Forbund, User


@pytest.fixture
def demo(db):
    """Samordningsförbundet Västmanland and Exempeldalen, as `load_demo` creates them."""
    call_command("load_demo", stdout=io.StringIO())
    return Forbund.objects.get(slug="vastmanland")


@pytest.fixture
def demo_user(demo):
    """demo_user("kansli") -> the demo user with that user name."""
    return lambda username: User.objects.get(username=username)
