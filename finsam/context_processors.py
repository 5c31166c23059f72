from finsam import permissions


def roll(request):
    """Role flags the navigation needs."""
    user = request.user
    forbund = getattr(user, "forbund", None) if user.is_authenticated else None
    if forbund is None:
        return {
            "forbund": None,
            "ar_systemadministrator": permissions.is_systemadministrator(user),
        }
    return {
        "forbund": forbund,
        "ar_kansli": permissions.can_edit_forbund(user, forbund),
        "kan_lasa_forbund": permissions.can_read_forbund(user, forbund),
        "kan_se_historik": permissions.can_view_history(user, forbund),
        "kan_hantera_anvandare": permissions.can_manage_users(user, forbund),
    }
