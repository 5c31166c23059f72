"""The authentication backend: Django's ModelBackend, whose user for each request also
carries the number of unread notices (`olasta_notiser`), so the navbar's count costs no
query of its own.

Like ModelBackend it refuses a deactivated user (is_active False) at login and on every
request; it also refuses the users of a deactivated förbund (Forbund.aktiv False): they
cannot log in, and a session they already have ends at their next request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F

from finsam.notiser.selectors import olasta_subquery


class NotisBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.annotate(
                olasta_notiser=olasta_subquery(), forbund_aktivt=F("forbund__aktiv")
            ).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        if getattr(user, "forbund_id", None) is None:
            return True
        aktivt = getattr(user, "forbund_aktivt", None)
        if aktivt is None:
            aktivt = user.forbund.aktiv
        return bool(aktivt)
