from django.core.management import call_command

from budget.models import Budgetbelopp
from finsam.demo import DEMO_PASSWORD
from finsam.models import Forbund, Medlem, User
from insatser.models import Insats


def test_load_demo_creates_both_forbund_and_is_idempotent(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "styrgrupp-vasteras" in out and DEMO_PASSWORD in out
    vastmanland = Forbund.objects.get(slug="vastmanland")
    assert Medlem.objects.filter(forbund=vastmanland).count() == 13
    assert Medlem.objects.filter(forbund=vastmanland, typ="kommun").count() == 10
    counts = (Insats.objects.count(), Budgetbelopp.objects.count(), User.objects.count())

    call_command("load_demo")
    assert "finns redan" in capsys.readouterr().out
    assert (Insats.objects.count(), Budgetbelopp.objects.count(), User.objects.count()) == counts


def test_demo_users_have_their_roles(db):
    call_command("load_demo")
    vasteras = Insats.objects.get(slug="st-vasteras", forbund__slug="vastmanland")
    user = User.objects.get(username="styrgrupp-vasteras")
    assert user.roll == "styrgrupp"
    assert list(user.styrgrupp_insatser.all()) == [vasteras]
    assert User.objects.get(username="kansli-exempel").forbund.slug == "exempel"
    assert User.objects.get(username="kansli").check_password(DEMO_PASSWORD)
