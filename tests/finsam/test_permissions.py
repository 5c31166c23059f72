from finsam import permissions
from tests import factories


def test_roles_read_and_write(forbund, kansli, styrelse, revisor, styrgrupp, outsider):
    assert permissions.can_edit_forbund(kansli, forbund)
    for reader in (styrelse, revisor):
        assert permissions.can_read_forbund(reader, forbund)
        assert not permissions.can_edit_forbund(reader, forbund)
    assert not permissions.can_read_forbund(styrgrupp, forbund)
    assert not permissions.can_read_forbund(outsider, forbund)
    assert not permissions.can_edit_forbund(outsider, forbund)


def test_history_for_kansli_and_revisor_only(forbund, kansli, styrelse, revisor, styrgrupp):
    assert permissions.can_view_history(kansli, forbund)
    assert permissions.can_view_history(revisor, forbund)
    assert not permissions.can_view_history(styrelse, forbund)
    assert not permissions.can_view_history(styrgrupp, forbund)


def test_styrgrupp_sees_only_own_insats(forbund, styrgrupp, insats, annan_insats, outsider):
    assert permissions.can_view_insats(styrgrupp, insats)
    assert not permissions.can_view_insats(styrgrupp, annan_insats)
    assert not permissions.can_view_insats(outsider, insats)


def test_inactive_user_has_no_access(forbund):
    user = factories.make_user(forbund, "kansli", is_active=False)
    assert not permissions.can_edit_forbund(user, forbund)
