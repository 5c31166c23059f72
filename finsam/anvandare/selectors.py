"""Reads of the administration: a förbund's users, and the förbund a systemadministratör
lists (with no data of theirs but how many active users and kansli users they have)."""

from django.db.models import Count, Q

from finsam.models import Forbund, User


def anvandare_for(forbund: Forbund):
    """The förbund's users, active ones first, then by name. One query."""
    return User.objects.filter(forbund=forbund).order_by(
        "-is_active", "first_name", "last_name", "username"
    )


def forbund_oversikt():
    """Every förbund, active ones first, with its number of active users and kansli users."""
    aktiva = Q(anvandare__is_active=True)
    return Forbund.objects.annotate(
        antal_anvandare=Count("anvandare", filter=aktiva),
        antal_kansli=Count("anvandare", filter=aktiva & Q(anvandare__roll=User.Roll.KANSLI)),
    ).order_by("-aktiv", "namn")
