"""Utfall and prognos per budget line at a date.

An Utfallsperiod is one reading of the books "per" a date: cumulative utfall from 1 January,
split into intäkter (≥ 0) and kostnader (≤ 0) as the driftredovisning shows them, a full-year
prognos (made at the delår), and a comment per line. The bokslut of a year is the period
per 31 December.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.models.budget import Budgetrad
from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel
from finsam.scoping import forbund_manager


class Utfallsperiod(LockedModel):
    class Typ(models.TextChoices):
        DELAR = "delar", _("Delårsbokslut")
        BOKSLUT = "bokslut", _("Bokslut")
        AVSTAMNING = "avstamning", _("Övrig avstämning")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="utfallsperioder", verbose_name=_("förbund")
    )
    per = models.DateField(
        _("per"), help_text=_("Utfallet avser 1 januari till och med detta datum.")
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices, default=Typ.DELAR)
    anmarkning = models.TextField(_("anmärkning"), blank=True)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["-per"]
        verbose_name = _("utfallsperiod")
        verbose_name_plural = _("utfallsperioder")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "per"], name="utfallsperiod_en_per_datum"),
        ]

    def __str__(self):
        return f"{self.get_typ_display()} per {self.per:%Y-%m-%d}"

    @property
    def ar(self) -> int:
        return self.per.year


class Utfallsrad(models.Model):
    period = models.ForeignKey(
        Utfallsperiod, on_delete=models.CASCADE, related_name="rader", verbose_name=_("period")
    )
    rad = models.ForeignKey(
        Budgetrad, on_delete=models.PROTECT, related_name="utfall", verbose_name=_("budgetrad")
    )
    intakt = models.BigIntegerField(_("utfall intäkter (kr)"), default=0)
    kostnad = models.BigIntegerField(
        _("utfall kostnader (kr)"), default=0, help_text=_("Kostnader med minustecken.")
    )
    prognos = models.BigIntegerField(_("prognos helår, netto (kr)"), null=True, blank=True)
    kommentar = models.TextField(_("kommentar"), blank=True)

    history = Historik()

    objects = forbund_manager("period__forbund")

    class Meta:
        ordering = ["period", "rad"]
        verbose_name = _("utfallsrad")
        verbose_name_plural = _("utfallsrader")
        constraints = [
            models.UniqueConstraint(fields=["period", "rad"], name="utfallsrad_en_per_rad"),
            models.CheckConstraint(
                condition=models.Q(intakt__gte=0), name="utfallsrad_intakt_ej_negativ"
            ),
            models.CheckConstraint(
                condition=models.Q(kostnad__lte=0), name="utfallsrad_kostnad_ej_positiv"
            ),
        ]

    def __str__(self):
        return f"{self.rad}: {self.netto}"

    @property
    def netto(self) -> int:
        return self.intakt + self.kostnad
