"""Reads of the notices: a user's own, newest first, and how many are unread."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from finsam.models import Notis, Notisinstallning


def notiser_for(anvandare):
    """The user's own notices, newest first (nobody sees another's)."""
    return Notis.objects.filter(mottagare_id=anvandare.pk).order_by("-skapad", "-pk")


def olasta_antal(anvandare) -> int:
    return Notis.objects.filter(mottagare_id=anvandare.pk, last__isnull=True).count()


def olasta_subquery():
    """An annotation for a User queryset: the user's unread notices (0 without any), so
    that loading the user for a request also brings the count without a query of its own."""
    antal = (
        Notis.objects.filter(mottagare=OuterRef("pk"), last__isnull=True)
        .order_by()
        .values("mottagare")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(antal, output_field=IntegerField()), 0)


def installning(anvandare) -> str:
    satt = (
        Notisinstallning.objects.filter(anvandare_id=anvandare.pk)
        .values_list("satt", flat=True)
        .first()
    )
    return satt or Notisinstallning.Satt.DIREKT
