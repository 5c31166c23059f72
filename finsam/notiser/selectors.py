"""Reads of the notices: a user's own, newest first, and how many are unread."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from finsam.models import Notis, Notisinstallning


def _egna(anvandare):
    """The user's own notices. A user without a förbund (the systemadministratör) has none:
    every notice belongs to a förbund, and his requests run in a scope without one, where
    a query on Notis raises (finsam/scoping.py)."""
    if anvandare.forbund_id is None:
        return Notis.objects.none()
    return Notis.objects.filter(mottagare_id=anvandare.pk)


def notiser_for(anvandare):
    """The user's own notices, newest first (nobody sees another's)."""
    return _egna(anvandare).order_by("-skapad", "-pk")


def olasta_antal(anvandare) -> int:
    return _egna(anvandare).filter(last__isnull=True).count()


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
