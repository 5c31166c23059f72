"""Bokslut figures of a closed year, as the economy office delivers them.

Verksamhetens intäkter and kostnader come from the utfall per 31 December (Utfallsperiod);
the rest of the resultaträkning, the balansräkning and what the kassaflödesanalys needs is
stored here. Sums, årets resultat, eget kapital and the kassaflödesanalys are computed and
checked against each other (budget.bokslut.selectors), never stored.

For years before the app was used (the five-year overview), `verksamhetens_intakter` and
`verksamhetens_kostnader` hold the published figures instead of an utfall.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel
from finsam.scoping import forbund_manager


class Bokslut(LockedModel):
    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="bokslut", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    verksamhetens_intakter = models.BigIntegerField(
        _("verksamhetens intäkter (kr)"),
        null=True,
        blank=True,
        help_text=_("Bara för år vars utfall inte finns i appen; annars räknas det fram."),
    )
    verksamhetens_kostnader = models.BigIntegerField(
        _("verksamhetens kostnader (kr)"),
        null=True,
        blank=True,
        help_text=_("Bara för år vars utfall inte finns i appen. Med minustecken."),
    )
    finansiella_intakter = models.BigIntegerField(
        _("finansiella intäkter (kr)"), default=0, validators=[MinValueValidator(0)]
    )
    finansiella_kostnader = models.BigIntegerField(
        _("finansiella kostnader (kr)"), default=0, help_text=_("Med minustecken.")
    )
    kassa_och_bank = models.BigIntegerField(_("kassa och bank (kr)"), default=0)
    avsattningar_pensioner = models.BigIntegerField(
        _("avsättningar för pensioner (kr)"), default=0, validators=[MinValueValidator(0)]
    )
    ingaende_eget_kapital = models.BigIntegerField(
        _("ingående eget kapital enligt fastställd balansräkning (kr)"),
        null=True,
        blank=True,
        help_text=_("Tomt: förra årets utgående eget kapital enligt appen."),
    )
    kapitaltillskott = models.BigIntegerField(
        _("kapitaltillskott (kr)"),
        default=0,
        help_text=_("T.ex. eget kapital som förs över från sammanslagna förbund."),
    )
    antal_anstallda = models.DecimalField(
        _("antal anställda (heltidstjänster)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    anmarkning = models.TextField(_("anmärkning"), blank=True)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["-ar"]
        verbose_name = _("bokslut")
        verbose_name_plural = _("bokslut")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar"], name="bokslut_ett_per_ar"),
            models.CheckConstraint(
                condition=Q(finansiella_kostnader__lte=0), name="bokslut_fin_kostnader_ej_positiva"
            ),
        ]

    def __str__(self):
        return f"Bokslut {self.ar}"


class Bokslutspost(models.Model):
    """A line of a note: a fordran (not 4) or a kortfristig skuld (not 6)."""

    class Typ(models.TextChoices):
        FORDRAN = "fordran", _("Kortfristig fordran")
        SKULD = "skuld", _("Kortfristig skuld")

    bokslut = models.ForeignKey(
        Bokslut, on_delete=models.CASCADE, related_name="poster", verbose_name=_("bokslut")
    )
    typ = models.CharField(_("typ"), max_length=10, choices=Typ.choices)
    namn = models.CharField(_("namn"), max_length=200)
    belopp = models.BigIntegerField(
        _("belopp (kr)"),
        help_text=_(
            "Som beloppet står i balansräkningen: fordringar och skulder som positiva tal."
        ),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("bokslut__forbund")

    class Meta:
        ordering = ["bokslut", "typ", "ordning", "pk"]
        verbose_name = _("bokslutspost")
        verbose_name_plural = _("bokslutsposter")

    def __str__(self):
        return f"{self.namn}: {self.belopp}"
