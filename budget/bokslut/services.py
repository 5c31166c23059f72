"""Writes for the bokslut: a year's figures and its note lines (not 4 fordringar, not 6
kortfristiga skulder).

Views call these; nothing else writes. A save of an existing bokslut passes the
`lock_version` the user loaded, and an outdated one raises `ConflictError` before anything
is changed. Amounts are whole kronor (int).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import Bokslut, Bokslutspost
from finsam.concurrency import save_locked


@dataclass(frozen=True)
class Post:
    """A note line as the user wants it: `pk` None for a new line."""

    typ: str
    namn: str
    belopp: int
    pk: int | None = None


@transaction.atomic
def bokslut_save(*, bokslut: Bokslut, poster: Sequence[Post], expected_version: int) -> Bokslut:
    """Create (no pk) or update a bokslut and set its note lines to exactly `poster`, in that
    order per typ. Lines of the bokslut not in `poster` are removed. A save that changes
    nothing writes nothing."""
    for post in poster:
        if isinstance(post.belopp, bool) or not isinstance(post.belopp, int):
            raise TypeError(f"Belopp ska vara hela kronor (int), inte {post.belopp!r}.")
    bokslut.full_clean()
    befintliga = {p.pk: p for p in bokslut.poster.all()} if bokslut.pk is not None else {}
    okanda = {p.pk for p in poster if p.pk is not None} - set(befintliga)
    if okanda:
        raise ValidationError(_("Raderna hör inte till det här bokslutet. Ladda om sidan."))
    behallna = {p.pk for p in poster if p.pk is not None}
    borttagna = [obj for pk, obj in befintliga.items() if pk not in behallna]
    sparas = []
    ordning: dict[str, int] = {}
    for post in poster:
        ordning[post.typ] = ordning.get(post.typ, 0) + 1
        obj = befintliga.get(post.pk) if post.pk is not None else None
        nytt = (post.typ, post.namn, post.belopp, ordning[post.typ])
        if obj is None or (obj.typ, obj.namn, obj.belopp, obj.ordning) != nytt:
            sparas.append((obj, nytt))
    # Changed note lines are a change of the bokslut: they bump its version too.
    bokslut = save_locked(
        bokslut, expected_version=expected_version, changed_elsewhere=bool(borttagna or sparas)
    )
    for obj in borttagna:
        obj.delete()
    for obj, nytt in sparas:
        if obj is None:
            obj = Bokslutspost(bokslut=bokslut)
        obj.typ, obj.namn, obj.belopp, obj.ordning = nytt
        obj.full_clean(exclude=["bokslut"])
        obj.save()
    return bokslut
