"""Budget: a tree of groups and lines, and amounts per year and version.

Amounts are whole kronor with the sign the documents show: intäkter positive,
kostnader negative. Sums, resultat and eget kapital are computed (see selectors.py),
never stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel
from finsam.scoping import forbund_manager


class Budgetgrupp(LockedModel):
    class Typ(models.TextChoices):
        INTAKT = "intakt", _("Intäkter")
        KOSTNAD = "kostnad", _("Kostnader")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="budgetgrupper", verbose_name=_("förbund")
    )
    overordnad = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undergrupper",
        verbose_name=_("överordnad grupp"),
    )
    namn = models.CharField(_("namn"), max_length=200)
    typ = models.CharField(
        _("typ"),
        max_length=10,
        choices=Typ.choices,
        default=Typ.KOSTNAD,
        help_text=_("Intäkter räknas in i Summa intäkter, kostnader i Summa kostnader."),
    )
    visa_rubrik = models.BooleanField(
        _("visa rubrik"), default=True, help_text=_("Visa gruppens namn som rubrikrad.")
    )
    summa_etikett = models.CharField(
        _("summarad"),
        max_length=200,
        blank=True,
        help_text=_(
            "T.ex. 'Summa individinsatser'. Lämna tomt om gruppen inte ska ha en summarad."
        ),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    stangd = models.BooleanField(_("stängd"), default=False)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ordning", "pk"]
        verbose_name = _("budgetgrupp")
        verbose_name_plural = _("budgetgrupper")

    def __str__(self):
        return self.namn


class BudgetradQuerySet(models.QuerySet):
    def oppna(self):
        return self.filter(stangd=False)


class Budgetrad(LockedModel):
    class Kategori(models.TextChoices):
        INDIVIDINSATSER = "individinsatser", _("Individinsatser")
        STRUKTURELLA = "strukturella", _("Strukturella insatser")
        PROCESSTOD = "processtod", _("Processtöd")
        ADMINISTRATION = "administration", _("Administration")

    #: The categories that make up the förbund's insatsfinansiering (direkta insatskostnader).
    INSATSKATEGORIER = (Kategori.INDIVIDINSATSER, Kategori.STRUKTURELLA, Kategori.PROCESSTOD)

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="budgetrader", verbose_name=_("förbund")
    )
    grupp = models.ForeignKey(
        Budgetgrupp, on_delete=models.PROTECT, related_name="rader", verbose_name=_("grupp")
    )
    namn = models.CharField(_("namn"), max_length=200)
    # A string reference: budget sits below insatser and imports nothing from it.
    insats = models.ForeignKey(
        "insatser.Insats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgetrader",
        verbose_name=_("insats"),
        help_text=_(
            "Lämna tomt för rader som inte hör till en insats, t.ex. Styrelse eller Kansli."
        ),
    )
    kategori = models.CharField(
        _("kostnadskategori"),
        max_length=20,
        choices=Kategori.choices,
        blank=True,
        help_text=_(
            "Styr kostnadsfördelningen och individinsatsernas andel. Tomt för intäkter och "
            "ofördelade medel."
        ),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    stangd = models.BooleanField(
        _("stängd"), default=False, help_text=_("En stängd rad tas inte med i nya budgetar.")
    )

    history = Historik()
    objects = forbund_manager("forbund", BudgetradQuerySet)

    class Meta:
        ordering = ["forbund_id", "grupp__ordning", "ordning", "pk"]
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")

    def __str__(self):
        return self.namn


class BudgetversionQuerySet(models.QuerySet):
    def senaste_for_ar(self, ar, *, typer, beslutad_senast=None):
        qs = self.filter(ar=ar, typ__in=typer)
        if beslutad_senast is not None:
            qs = qs.filter(beslutsdatum__lte=beslutad_senast)
        return qs.order_by("-beslutsdatum", "-pk").first()


class Budgetversion(LockedModel):
    class Typ(models.TextChoices):
        BUDGET = "budget", _("Budget")
        TILLAGG = "tillagg", _("Tilläggsbudget")
        PLAN = "plan", _("Plan")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="budgetversioner", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    typ = models.CharField(_("typ"), max_length=10, choices=Typ.choices)
    beslutsdatum = models.DateField(
        _("beslutsdatum"), help_text=_("Dagen styrelsen beslutade budgeten eller planen.")
    )
    paragraf = models.CharField(_("paragraf"), max_length=40, blank=True)
    motivering = models.TextField(
        _("motivering"), blank=True, help_text=_("Skälet till en tilläggsbudget.")
    )
    eget_kapital_ingaende = models.BigIntegerField(
        _("beräknat eget kapital vid årets början (kr)"),
        null=True,
        blank=True,
        help_text=_(
            "Uppskattningen när budgeten gjordes. Verksamhetsplanens rad Beräknat utgående eget "
            "kapital utgår från den; bokslutet skriver aldrig om den."
        ),
    )

    history = Historik()
    objects = forbund_manager("forbund", BudgetversionQuerySet)

    class Meta:
        ordering = ["forbund_id", "-ar", "-beslutsdatum", "-pk"]
        verbose_name = _("budgetversion")
        verbose_name_plural = _("budgetversioner")
        constraints = [
            # One budget per year; changes during the year are tilläggsbudgetar. In the
            # database, so that two requests at once (a double-click) cannot make two.
            models.UniqueConstraint(
                fields=["forbund", "ar"],
                condition=models.Q(typ="budget"),
                name="budgetversion_en_budget_per_ar",
                violation_error_message=_(
                    "Året har redan en budget. Ändra den i stället eller gör en tilläggsbudget."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_typ_display()} {self.ar} ({self.beslutsdatum:%Y-%m-%d})"

    @property
    def rubrik(self):
        return f"{self.get_typ_display()} {self.ar}"


class Budgetbelopp(models.Model):
    version = models.ForeignKey(
        Budgetversion, on_delete=models.CASCADE, related_name="belopp", verbose_name=_("version")
    )
    rad = models.ForeignKey(
        Budgetrad, on_delete=models.PROTECT, related_name="belopp", verbose_name=_("rad")
    )
    belopp = models.BigIntegerField(_("belopp (kr)"))

    history = Historik()

    objects = forbund_manager("version__forbund")

    class Meta:
        ordering = ["version", "rad"]
        verbose_name = _("budgetbelopp")
        verbose_name_plural = _("budgetbelopp")
        constraints = [
            models.UniqueConstraint(fields=["version", "rad"], name="budgetbelopp_ett_per_rad"),
        ]

    def __str__(self):
        return f"{self.rad}: {self.belopp}"
