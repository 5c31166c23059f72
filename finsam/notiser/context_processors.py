"""The navbar's unread count. Read from the request's user (annotated by
`finsam.notiser.backends.NotisBackend`: no query); one query for a user loaded otherwise."""

from finsam.notiser.selectors import olasta_antal


def notiser(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    antal = getattr(user, "olasta_notiser", None)
    if antal is None:
        antal = olasta_antal(user)
    return {"olasta_notiser": antal}
