"""What every app shares: the förbund, its members, and the users with their roles."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LockedModel(models.Model):
    """A model whose edits cannot silently overwrite a colleague's newer save.

    Every save through `finsam.concurrency.save_locked()` bumps `lock_version`; a form
    carries the version it was loaded with, and a save with an older one is refused.
    """

    lock_version = models.PositiveIntegerField(_("ändringsnummer"), default=0, editable=False)

    class Meta:
        abstract = True


class ForbundQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or user.forbund_id is None:
            return self.none()
        return self.filter(pk=user.forbund_id)


class Forbund(LockedModel):
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), unique=True, help_text=_("Används i kommandon."))
    organisationsnummer = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        validators=[
            RegexValidator(r"^\d{6}-\d{4}$", _("Skriv organisationsnumret som 222000-1974."))
        ],
        help_text=_("Tio siffror med bindestreck, t.ex. 222000-1974."),
    )
    utdelningsadress = models.CharField(_("utdelningsadress"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=6, blank=True)
    postort = models.CharField(_("postort"), max_length=100, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)
    smatal_grans = models.PositiveSmallIntegerField(
        _("gräns för små tal"),
        default=3,
        validators=[MinValueValidator(2)],
        help_text=_(
            "Antal deltagare under denna gräns visas inte för styrelse, revisorer och i "
            "rapporter (t.ex. 3 eller 5)."
        ),
    )

    history = HistoricalRecords()
    objects = ForbundQuerySet.as_manager()

    class Meta:
        ordering = ["namn"]
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")

    def __str__(self):
        return self.namn

    @property
    def organisationsnummer_visning(self):
        """As the documents print it: '222 000-1974'."""
        nr = self.organisationsnummer
        return f"{nr[:3]} {nr[3:]}" if len(nr) == 11 else nr

    @property
    def adress_rader(self):
        rader = [self.namn, self.utdelningsadress, f"{self.postnummer} {self.postort}".strip()]
        return [r for r in rader if r]


class Medlem(LockedModel):
    class Typ(models.TextChoices):
        KOMMUN = "kommun", _("Kommun")
        REGION = "region", _("Region")
        ARBETSFORMEDLINGEN = "af", _("Arbetsförmedlingen")
        FORSAKRINGSKASSAN = "fk", _("Försäkringskassan")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="medlemmar", verbose_name=_("förbund")
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    namn = models.CharField(_("namn"), max_length=200, help_text=_("T.ex. Fagersta kommun."))
    kortnamn = models.CharField(
        _("kortnamn"), max_length=60, blank=True, help_text=_("T.ex. Fagersta eller Af.")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["forbund", "ordning", "namn"]
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmar")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "namn"], name="medlem_unikt_namn"),
        ]

    def __str__(self):
        return self.namn

    @property
    def ar_kommun(self):
        return self.typ == self.Typ.KOMMUN

    @property
    def visningsnamn(self):
        return self.kortnamn or self.namn


class Befolkning(models.Model):
    """A kommun's population for a year: the key that splits the kommuner's share."""

    medlem = models.ForeignKey(
        Medlem, on_delete=models.CASCADE, related_name="befolkning", verbose_name=_("medlem")
    )
    ar = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000)])
    antal = models.PositiveIntegerField(_("folkmängd"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["medlem", "-ar"]
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängd")
        constraints = [
            models.UniqueConstraint(fields=["medlem", "ar"], name="befolkning_en_per_ar"),
        ]

    def __str__(self):
        return f"{self.medlem} {self.ar}: {self.antal}"


class User(AbstractUser):
    class Roll(models.TextChoices):
        KANSLI = "kansli", _("Kansli")
        STYRELSE = "styrelse", _("Styrelse")
        REVISOR = "revisor", _("Revisor")
        STYRGRUPP = "styrgrupp", _("Styrgrupp")

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.PROTECT,
        related_name="anvandare",
        null=True,
        blank=True,
        verbose_name=_("förbund"),
        help_text=_("Förbundet användaren hör till. Tomt bara för systemadministratörer."),
    )
    roll = models.CharField(_("roll"), max_length=20, choices=Roll.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["username"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(forbund__isnull=True, roll="")
                | models.Q(forbund__isnull=False) & ~models.Q(roll=""),
                name="anvandare_forbund_och_roll_tillsammans",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username


class Rapportutgava(LockedModel):
    """One edition of a generated document: a verksamhetsplan for a year, a delårsrapport
    per a date, an årsredovisning for a year, or an insats report for a period.

    Holds the texts the kansli writes for it (Rapporttext) and, once the board has adopted
    it, the decision and the archived PDF with its checksum.
    """

    class Dokument(models.TextChoices):
        VERKSAMHETSPLAN = "verksamhetsplan", _("Verksamhetsplan och budget")
        DELARSRAPPORT = "delarsrapport", _("Delårsrapport")
        ARSREDOVISNING = "arsredovisning", _("Årsredovisning")
        INSATS = "insats", _("Insatsrapport")

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        FASTSTALLD = "faststalld", _("Fastställd")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="rapportutgavor", verbose_name=_("förbund")
    )
    dokument = models.CharField(_("dokument"), max_length=20, choices=Dokument.choices)
    ar = models.PositiveSmallIntegerField(_("år"))
    per = models.DateField(_("per"), null=True, blank=True, help_text=_("För delårsrapporter."))
    nyckel = models.CharField(
        _("utgåva"),
        max_length=60,
        help_text=_("Vad utgåvan gäller: år, datum eller insats och period, t.ex. 2025-08-31."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UTKAST
    )
    beslutsdatum = models.DateField(_("fastställd av styrelsen"), null=True, blank=True)
    paragraf = models.CharField(_("paragraf"), max_length=40, blank=True)
    pdf = models.FileField(_("arkiverad PDF"), upload_to="rapporter/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["forbund", "-ar", "dokument", "nyckel"]
        verbose_name = _("rapportutgåva")
        verbose_name_plural = _("rapportutgåvor")
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "dokument", "nyckel"], name="rapportutgava_unik"
            ),
        ]

    def __str__(self):
        return f"{self.get_dokument_display()} {self.nyckel}"


class Rapporttext(LockedModel):
    """A section's prose in an edition, in Markdown (rendered sanitized)."""

    utgava = models.ForeignKey(
        Rapportutgava, on_delete=models.CASCADE, related_name="texter", verbose_name=_("utgåva")
    )
    avsnitt = models.SlugField(_("avsnitt"), max_length=60)
    text = models.TextField(_("text"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["utgava", "avsnitt"]
        verbose_name = _("rapporttext")
        verbose_name_plural = _("rapporttexter")
        constraints = [
            models.UniqueConstraint(
                fields=["utgava", "avsnitt"], name="rapporttext_en_per_avsnitt"
            ),
        ]

    def __str__(self):
        return f"{self.utgava} – {self.avsnitt}"
