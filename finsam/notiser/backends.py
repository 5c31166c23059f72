"""The authentication backend: Django's ModelBackend, whose user for each request also
carries the number of unread notices (`olasta_notiser`), so the navbar's count costs no
query of its own."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from finsam.notiser.selectors import olasta_subquery


class NotisBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.annotate(olasta_notiser=olasta_subquery()).get(
                pk=user_id
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
