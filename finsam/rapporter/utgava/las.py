"""Which adopted edition locks an object: the lookup finsam.concurrency asks before every
save of a lockable model (registered by finsam.rapporter.apps).

Kept apart from fastställ, which renders and archives PDFs, so that registering the lookup
at start-up does not import the PDF machinery into every process.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from finsam.models import Rapportutgava, Underlagslas


def las_for(obj) -> Rapportutgava | None:
    """The adopted edition that locks `obj`, or None. One query."""
    if obj.pk is None:
        return None
    ct = ContentType.objects.get_for_model(type(obj))
    las = (
        Underlagslas.objects.filter(
            content_type=ct, object_id=obj.pk, utgava__status=Rapportutgava.Status.FASTSTALLD
        )
        .select_related("utgava")
        .first()
    )
    return las.utgava if las else None
