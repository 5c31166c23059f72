from budget.models import Budgetbelopp
from finsam.demo import DEMO_PASSWORD
from finsam.models import Forbund, Medlem, User
from insatser.models import Insats


def test_load_demo_creates_both_forbund_and_is_idempotent(demo, run_load_demo):
    out = run_load_demo()
    assert "styrgrupp-vasteras" in out and DEMO_PASSWORD in out
    vastmanland = Forbund.objects.get(slug="vastmanland")
    assert Medlem.objects.filter(forbund=vastmanland).count() == 13
    assert Medlem.objects.filter(forbund=vastmanland, typ="kommun").count() == 10
    counts = (Insats.objects.count(), Budgetbelopp.objects.count(), User.objects.count())

    assert "finns redan" in run_load_demo()
    assert (Insats.objects.count(), Budgetbelopp.objects.count(), User.objects.count()) == counts


def test_demo_users_have_their_roles(demo):
    vasteras = Insats.objects.get(slug="st-vasteras", forbund__slug="vastmanland")
    user = User.objects.get(username="styrgrupp-vasteras")
    assert user.roll == "styrgrupp"
    assert list(user.styrgrupp_insatser.all()) == [vasteras]
    assert User.objects.get(username="kansli-exempel").forbund.slug == "exempel"
    assert User.objects.get(username="kansli").check_password(DEMO_PASSWORD)
