"""Which accounts of the bookkeeping feed which budget line (the SIE import's mapping).

A line's mapping names account ranges ("4000–6999, 7010") and, optionally, the objekt of
one dimension (kostnadsställe = 1, projekt = 6, or any other dimension number of the
file) that an amount must carry to count on the line. The text is stored as the kansli
typed it, normalised; budget/sie/mappning.py reads it and checks that no amount can count
on two lines.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.models.budget import Budgetrad
from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel
from finsam.scoping import forbund_manager


class Kontomappning(LockedModel):
    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="kontomappningar", verbose_name=_("förbund")
    )
    rad = models.OneToOneField(
        Budgetrad,
        on_delete=models.CASCADE,
        related_name="kontomappning",
        verbose_name=_("budgetrad"),
    )
    konton = models.CharField(
        _("konton"),
        max_length=500,
        help_text=_(
            "Kontonummer eller intervall, skilda med kommatecken, t.ex. 4000–6999, 7010. "
            "Ett intervall tar med båda ändarna."
        ),
    )
    dimension = models.PositiveSmallIntegerField(
        _("dimension"),
        null=True,
        blank=True,
        help_text=_(
            "Tomt: alla belopp på kontona. Annars bara belopp med något av objekten nedan i "
            "den här dimensionen: 1 = kostnadsställe, 6 = projekt, eller annan dimension i "
            "filen."
        ),
    )
    objekt = models.CharField(
        _("objekt"),
        max_length=500,
        blank=True,
        help_text=_("Objektkoder i dimensionen, skilda med kommatecken, t.ex. 110, 120."),
    )

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "rad"]
        verbose_name = _("kontomappning")
        verbose_name_plural = _("kontomappningar")

    def __str__(self):
        return f"{self.rad}: {self.konton}"
