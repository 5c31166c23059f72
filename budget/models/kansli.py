"""The kansli's staff per year: role, tjänstgöringsgrad (FTE) and how the time splits between
administration and processtöd samverkansinsatser. The split decides how the kansli's cost
divides between the administration and the processtöd lines (budget.kansli.fordelning)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel
from finsam.scoping import forbund_manager


class Kanslitjanst(LockedModel):
    """One position on the kansli for one year (e.g. förbundschef 1,00 in 2025, 80 %
    administration). A year's positions are entered once per year, so a change of split
    from one year to the next stays visible."""

    class Anstallningsform(models.TextChoices):
        ANSTALLD = "anstalld", _("Anställd")
        KOPT = "kopt", _("Köpt tjänst")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="kanslitjanster", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(
        _("år"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Året tjänsten och fördelningen gäller."),
    )
    roll = models.CharField(
        _("roll"), max_length=100, help_text=_("T.ex. Förbundschef, Utvecklingsledare, Ekonom.")
    )
    namn = models.CharField(
        _("namn"),
        max_length=200,
        blank=True,
        help_text=_("Frivilligt. Skrivs inte ut i rapporterna."),
    )
    tjanstgoringsgrad = models.DecimalField(
        _("tjänstgöringsgrad"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("Andel av en heltid, t.ex. 1,00 för heltid eller 0,50 för halvtid."),
    )
    anstallningsform = models.CharField(
        _("anställningsform"),
        max_length=10,
        choices=Anstallningsform.choices,
        default=Anstallningsform.ANSTALLD,
    )
    andel_administration = models.DecimalField(
        _("andel administration i budget (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Hur stor del av tjänsten som räknas som administration när budgeten görs; "
            "resten är processtöd samverkansinsatser. 0–100."
        ),
    )
    andel_administration_utfall = models.DecimalField(
        _("andel administration i utfall (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Fyll i om fördelningen i utfallet blev en annan än i budgeten (t.ex. 80 i "
            "stället för 60). Tomt: samma som i budgeten."
        ),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ar", "ordning", "pk"]
        verbose_name = _("kanslitjänst")
        verbose_name_plural = _("kanslitjänster")
        constraints = [
            models.CheckConstraint(
                condition=Q(tjanstgoringsgrad__gt=0) & Q(tjanstgoringsgrad__lte=1),
                name="kanslitjanst_tjanstgoringsgrad_0_1",
            ),
            models.CheckConstraint(
                condition=Q(andel_administration__gte=0) & Q(andel_administration__lte=100),
                name="kanslitjanst_andel_0_100",
            ),
            models.CheckConstraint(
                condition=Q(andel_administration_utfall__isnull=True)
                | (Q(andel_administration_utfall__gte=0) & Q(andel_administration_utfall__lte=100)),
                name="kanslitjanst_andel_utfall_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.roll} {self.ar} ({self.tjanstgoringsgrad})"

    def andel_admin(self, *, utfall: bool = False) -> Decimal:
        """The share administration in percent, for the budget or (falling back on the
        budget's) the utfall."""
        if utfall and self.andel_administration_utfall is not None:
            return self.andel_administration_utfall
        return self.andel_administration

    @property
    def andel_processtod(self) -> Decimal:
        return Decimal(100) - self.andel_administration

    @property
    def andel_processtod_utfall(self) -> Decimal | None:
        if self.andel_administration_utfall is None:
            return None
        return Decimal(100) - self.andel_administration_utfall
