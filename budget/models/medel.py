"""Medelstilldelning: the year's allocation from the members.

The state (through Försäkringskassan) pays half of the total; the region and the kommuner
pay the other half in shares set per year (25/25 % in 2024, 31.25/18.75 % in 2025). The
kommuner's part is divided by a key: population (Befolkning of `befolkningsar`) or the
förbund's own weights (Fordelningsandel). Each member's driftbidrag is computed in whole
kronor (see budget.medel.fordelning), never stored.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel, Medlem
from finsam.scoping import forbund_manager

PROCENT = {
    "max_digits": 7,
    "decimal_places": 4,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("50"))],
}


class Medelstilldelning(LockedModel):
    class Nyckel(models.TextChoices):
        FOLKMANGD = "folkmangd", _("Folkmängd")
        EGEN = "egen", _("Egen fördelningsnyckel")

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        related_name="medelstilldelningar",
        verbose_name=_("förbund"),
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    statens_bidrag = models.BigIntegerField(
        _("statens bidrag (kr)"),
        validators=[MinValueValidator(0)],
        help_text=_("Det Försäkringskassan betalar för staten: hälften av årets medel."),
    )
    region_procent = models.DecimalField(
        _("regionens andel (%)"),
        help_text=_("Andel av hela tilldelningen, t.ex. 25 eller 31,25."),
        **PROCENT,
    )
    kommuner_procent = models.DecimalField(
        _("kommunernas andel (%)"),
        help_text=_(
            "Andel av hela tilldelningen. Regionens och kommunernas andelar är 50 % tillsammans."
        ),
        **PROCENT,
    )
    nyckel = models.CharField(
        _("fördelningsnyckel"), max_length=20, choices=Nyckel.choices, default=Nyckel.FOLKMANGD
    )
    befolkningsar = models.PositiveSmallIntegerField(
        _("folkmängd från år"),
        null=True,
        blank=True,
        help_text=_("Vilket års folkmängd som fördelar kommunernas del. Tomt: samma år."),
    )
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    anmarkning = models.TextField(_("anmärkning"), blank=True)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["-ar"]
        verbose_name = _("medelstilldelning")
        verbose_name_plural = _("medelstilldelningar")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar"], name="medelstilldelning_en_per_ar"),
            models.CheckConstraint(
                condition=Q(region_procent__gte=0) & Q(kommuner_procent__gte=0),
                name="medelstilldelning_andelar_ej_negativa",
            ),
        ]

    def __str__(self):
        return f"Medelstilldelning {self.ar}"

    @property
    def total(self) -> int:
        """The whole allocation: the state pays half."""
        return self.statens_bidrag * 2


class Fordelningsandel(models.Model):
    """A kommun's weight in the förbund's own key (when not dividing by population)."""

    medelstilldelning = models.ForeignKey(
        Medelstilldelning,
        on_delete=models.CASCADE,
        related_name="andelar",
        verbose_name=_("medelstilldelning"),
    )
    medlem = models.ForeignKey(
        Medlem,
        on_delete=models.PROTECT,
        related_name="fordelningsandelar",
        verbose_name=_("kommun"),
    )
    vikt = models.DecimalField(
        _("vikt"),
        max_digits=18,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Kommunens vikt i nyckeln, t.ex. folkmängd eller beslutad andel."),
    )

    history = Historik()

    objects = forbund_manager("medelstilldelning__forbund")

    class Meta:
        ordering = ["medelstilldelning", "medlem__ordning"]
        verbose_name = _("fördelningsandel")
        verbose_name_plural = _("fördelningsandelar")
        constraints = [
            models.UniqueConstraint(
                fields=["medelstilldelning", "medlem"], name="fordelningsandel_en_per_kommun"
            ),
        ]

    def __str__(self):
        return f"{self.medlem}: {self.vikt}"
