"""What every app shares: the förbund, its members, and the users with their roles."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam.historiklagring import Historik
from finsam.scoping import forbund_manager


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
    aktiv = models.BooleanField(
        _("aktivt"),
        default=True,
        help_text=_("Ett avaktiverat förbunds användare kan inte logga in."),
    )

    history = Historik()
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

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ordning", "namn"]
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

    history = Historik()

    objects = forbund_manager("medlem__forbund")

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
    systemadministrator = models.BooleanField(
        _("systemadministratör"),
        default=False,
        help_text=_(
            "Skapar och avaktiverar förbund och bjuder in deras första kanslianvändare, "
            "men ser inte förbundens uppgifter. Har inget förbund och ingen roll."
        ),
    )

    history = Historik()

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
            models.CheckConstraint(
                condition=models.Q(systemadministrator=False) | models.Q(forbund__isnull=True),
                name="anvandare_systemadministrator_utan_forbund",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_roll_display(self):
        if self.systemadministrator and self.forbund_id is None:
            return _("Systemadministratör")
        return self._get_FIELD_display(self._meta.get_field("roll"))


class Rapportutgava(LockedModel):
    """One edition of a generated document: a verksamhetsplan for a year, a delårsrapport
    per a date, an årsredovisning for a year, or an insats report for a period.

    Holds the texts the kansli writes for it (Rapporttext) and, once the board has adopted
    it, the decision. Each adoption archives the PDF as a Rapportarkiv row that never
    changes, and locks the objects the document was built from (Underlagslas).
    """

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        FASTSTALLD = "faststalld", _("Fastställd")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="rapportutgavor", verbose_name=_("förbund")
    )
    #: The document's code in the roof's registry (finsam.rapporter.dokument), e.g.
    #: "arsredovisning": not a list of choices here, so a new document needs no migration.
    dokument = models.CharField(_("dokument"), max_length=20)
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
    figurvarden = models.JSONField(
        _("siffror vid fastställandet"),
        default=dict,
        blank=True,
        help_text=_(
            "Texternas namngivna siffror ({namn: text}) som de var när styrelsen fastställde "
            "utgåvan. Sätts av fastställ och töms när utgåvan öppnas igen."
        ),
    )

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "-ar", "dokument", "nyckel"]
        verbose_name = _("rapportutgåva")
        verbose_name_plural = _("rapportutgåvor")
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "dokument", "nyckel"], name="rapportutgava_unik"
            ),
        ]

    #: code -> the document's Swedish name. The roof sets it at start-up
    #: (finsam.rapporter.apps) to a lookup in its registry, made when first asked: the
    #: ground floor does not import the documents. Until then the code itself.
    dokumentnamn = staticmethod(str)

    def __str__(self):
        return f"{self.dokumentnamn(self.dokument)} {self.nyckel}"


class Rapporttext(LockedModel):
    """A section's prose in an edition, in Markdown (rendered sanitized)."""

    utgava = models.ForeignKey(
        Rapportutgava, on_delete=models.CASCADE, related_name="texter", verbose_name=_("utgåva")
    )
    avsnitt = models.SlugField(_("avsnitt"), max_length=60)
    text = models.TextField(_("text"), blank=True)

    history = Historik()

    objects = forbund_manager("utgava__forbund")

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


class Rapportbild(models.Model):
    """A picture the kansli uploads to an edition, shown in its texts as `![](bild:slug)`.

    PNG, JPEG or SVG (sanitized on upload, finsam.rapportbilder); the file never changes:
    a new picture is a new upload. Served only to users who may read the edition."""

    utgava = models.ForeignKey(
        Rapportutgava, on_delete=models.CASCADE, related_name="bilder", verbose_name=_("utgåva")
    )
    slug = models.SlugField(
        _("namn i texten"),
        max_length=60,
        help_text=_(
            "Skrivs i texten som ![](bild:namnet), t.ex. helarsekvivalenter-kommun. Små "
            "bokstäver, siffror och bindestreck."
        ),
    )
    alt_text = models.CharField(
        _("alternativtext"),
        max_length=500,
        help_text=_(
            "Vad bilden visar, för den som inte ser den (skärmläsare, tillgänglig PDF). "
            'Skriv det viktigaste bilden säger, inte "bild på".'
        ),
    )
    fil = models.FileField(_("fil"), upload_to="rapportbilder/%Y/")
    mime = models.CharField(_("filtyp"), max_length=40)
    storlek = models.PositiveIntegerField(_("storlek (byte)"))
    uppladdad = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uppladdad_av = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("uppladdad av"),
    )

    history = Historik()

    objects = forbund_manager("utgava__forbund")

    class Meta:
        ordering = ["utgava", "slug"]
        verbose_name = _("rapportbild")
        verbose_name_plural = _("rapportbilder")
        constraints = [
            models.UniqueConstraint(fields=["utgava", "slug"], name="rapportbild_unik_per_utgava"),
        ]

    def __str__(self):
        return f"{self.utgava} – {self.slug}"


class Rapportarkiv(models.Model):
    """An adopted edition's PDF, archived once and never changed: the file and its SHA-256.

    An edition that is reopened and adopted again gets a new row (lopnummer 2, 3, ...); the
    earlier ones stay. Rows are neither updated nor deleted.
    """

    utgava = models.ForeignKey(
        Rapportutgava, on_delete=models.PROTECT, related_name="arkiv", verbose_name=_("utgåva")
    )
    lopnummer = models.PositiveSmallIntegerField(_("löpnummer"), default=1)
    beslutsdatum = models.DateField(_("fastställd av styrelsen"))
    paragraf = models.CharField(_("paragraf"), max_length=40, blank=True)
    pdf = models.FileField(_("arkiverad PDF"), upload_to="rapportarkiv/%Y/")
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    storlek = models.PositiveIntegerField(_("storlek (byte)"))
    skapad = models.DateTimeField(_("arkiverad"), auto_now_add=True)
    skapad_av = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("arkiverad av"),
    )

    objects = forbund_manager("utgava__forbund")

    class Meta:
        ordering = ["utgava", "-lopnummer"]
        verbose_name = _("arkiverad rapport")
        verbose_name_plural = _("arkiverade rapporter")
        constraints = [
            models.UniqueConstraint(fields=["utgava", "lopnummer"], name="rapportarkiv_unik"),
        ]

    def __str__(self):
        return f"{self.utgava} ({self.lopnummer})"


class Utgavahandelse(models.Model):
    """What happened to an edition: adopted, or reopened with a reason. Never changed."""

    class Typ(models.TextChoices):
        FASTSTALLD = "faststalld", _("Fastställd")
        OPPNAD = "oppnad", _("Öppnad igen")

    utgava = models.ForeignKey(
        Rapportutgava, on_delete=models.CASCADE, related_name="handelser", verbose_name=_("utgåva")
    )
    typ = models.CharField(_("händelse"), max_length=12, choices=Typ.choices)
    anledning = models.TextField(_("anledning"), blank=True)
    #: The checklist's warnings (texts) when the edition was adopted despite them.
    anmarkningar = models.JSONField(
        _("anmärkningar i checklistan"),
        default=list,
        blank=True,
        help_text=_("Checklistans anmärkningar som inte hindrade fastställandet."),
    )
    anvandare = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("av")
    )
    tid = models.DateTimeField(_("tid"), auto_now_add=True)

    objects = forbund_manager("utgava__forbund")

    class Meta:
        ordering = ["utgava", "tid", "pk"]
        verbose_name = _("händelse för rapportutgåva")
        verbose_name_plural = _("händelser för rapportutgåvor")

    def __str__(self):
        return f"{self.utgava}: {self.get_typ_display()}"


class Underlagslas(models.Model):
    """An object an adopted edition was built from (a budget version, an utfallsperiod, a
    bokslut, ...). While the edition is adopted, finsam.concurrency refuses to change it."""

    utgava = models.ForeignKey(
        Rapportutgava, on_delete=models.CASCADE, related_name="las", verbose_name=_("utgåva")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("typ")
    )
    object_id = models.PositiveBigIntegerField(_("objekt"))

    objects = forbund_manager("utgava__forbund")

    class Meta:
        verbose_name = _("låst underlag")
        verbose_name_plural = _("låsta underlag")
        constraints = [
            models.UniqueConstraint(
                fields=["utgava", "content_type", "object_id"], name="underlagslas_unikt"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.utgava}: {self.content_type} {self.object_id}"


class Pdfbestallning(models.Model):
    """A PDF of a document being made, or made, in the background: the order, its progress
    and the finished file; or an adoption whose archived PDF the worker makes.

    Not the förbund's data but a cache entry: `cachenyckel` is the SHA-256 of what the file
    was built from (the document's HTML, the static files it uses, WeasyPrint's version; see
    finsam.pdf.cachenyckel), so the same document with unchanged data is served from the
    stored file, and any edit gives a new key. Any reader may order one (a reader's order
    writes nothing but this row). The file is on the default storage, like the archive.
    """

    class Status(models.TextChoices):
        KOAR = "koar", _("I kö")
        PAGAR = "pagar", _("Skapas")
        KLAR = "klar", _("Klar")
        FEL = "fel", _("Misslyckades")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="+", verbose_name=_("förbund")
    )
    #: The document's code and edition key in the roof's registry, like Rapportutgava.
    dokument = models.CharField(_("dokument"), max_length=20)
    nyckel = models.CharField(_("utgåva"), max_length=60)
    bestalld_av = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("beställd av"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.KOAR
    )
    #: What the worker is doing now ("Hämtar siffror", "Sätter sidor"), shown as progress.
    steg = models.CharField(_("steg"), max_length=80, blank=True)
    fel = models.TextField(_("felmeddelande"), blank=True)
    cachenyckel = models.CharField(_("cachenyckel (SHA-256)"), max_length=64)
    #: The address relative links in the document resolve against (the site's, when ordered).
    bas_url = models.CharField(_("basadress"), max_length=200, blank=True)
    filnamn = models.CharField(_("filnamn"), max_length=200)
    fil = models.FileField(_("PDF"), upload_to="pdf/%Y/", blank=True)
    storlek = models.PositiveIntegerField(_("storlek (byte)"), null=True, blank=True)
    #: An adoption (fastställ) made by the worker: it archives the PDF (`arkiv`) instead
    #: of making a file of its own.
    faststall = models.BooleanField(_("fastställande"), default=False)
    arkiv = models.ForeignKey(
        Rapportarkiv,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("arkiverad PDF"),
    )
    #: The background task's result id (django-tasks), to find it in the task table.
    uppgift_id = models.CharField(_("uppgiftens id"), max_length=64, blank=True)
    skapad = models.DateTimeField(_("beställd"), auto_now_add=True)
    borjad = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    klar_tid = models.DateTimeField(_("klar"), null=True, blank=True)

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["-skapad"]
        verbose_name = _("PDF-beställning")
        verbose_name_plural = _("PDF-beställningar")
        indexes = [models.Index(fields=["forbund", "cachenyckel", "status"])]

    def __str__(self):
        return f"{self.dokument} {self.nyckel} ({self.get_status_display()})"

    @property
    def pagaende(self) -> bool:
        return self.status in (self.Status.KOAR, self.Status.PAGAR)


class Fortroendevald(LockedModel):
    """A member of the board (ordinarie or ersättare) or an auditor, for a term.

    The reports take names and roles from here: the organisation section of the
    verksamhetsplan and the signature pages of the årsredovisning.
    """

    class Uppdrag(models.TextChoices):
        ORDFORANDE = "ordforande", _("Ordförande")
        VICE_ORDFORANDE = "vice_ordforande", _("Vice ordförande")
        LEDAMOT = "ledamot", _("Ledamot")
        ERSATTARE = "ersattare", _("Ersättare")
        REVISOR = "revisor", _("Revisor")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="fortroendevalda", verbose_name=_("förbund")
    )
    namn = models.CharField(_("namn"), max_length=200)
    uppdrag = models.CharField(_("uppdrag"), max_length=20, choices=Uppdrag.choices)
    medlem = models.ForeignKey(
        Medlem,
        on_delete=models.PROTECT,
        related_name="fortroendevalda",
        null=True,
        blank=True,
        verbose_name=_("utsedd av"),
        help_text=_("Medlemmen som utsett personen. Revisorer kan lämnas tomma."),
    )
    titel = models.CharField(
        _("titel"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Kommunalråd eller Auktoriserad revisor, KPMG."),
    )
    fran = models.DateField(_("från"), help_text=_("Första dagen i uppdraget, ÅÅÅÅ-MM-DD."))
    till = models.DateField(
        _("till"), null=True, blank=True, help_text=_("Sista dagen. Tomt om uppdraget pågår.")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ordning", "namn"]
        verbose_name = _("förtroendevald")
        verbose_name_plural = _("förtroendevalda")

    def __str__(self):
        return f"{self.namn} ({self.get_uppdrag_display()})"

    @property
    def ar_revisor(self) -> bool:
        return self.uppdrag == self.Uppdrag.REVISOR

    def aktiv_vid(self, datum) -> bool:
        return self.fran <= datum and (self.till is None or datum <= self.till)


# --- notices (finsam/notiser/) -------------------------------------------------------------


class Notis(models.Model):
    """One notice to one user: shown in the in-app list (finsam/notiser/) and, depending on
    the user's Notisinstallning, mailed at once or in the weekly digest.

    The apps create them through `finsam.notiser.services.notifiera`; `typ` is a free code
    such as "rapport_inskickad" (no list of choices here, so the ground floor need not know
    the apps' events and a new kind needs no migration).
    """

    mottagare = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notiser", verbose_name=_("mottagare")
    )
    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="notiser", verbose_name=_("förbund")
    )
    typ = models.CharField(_("typ"), max_length=40)
    rubrik = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    #: A path inside the app ("/uppfoljning/rapporter/12/"); e-mails put the site's address
    #: in front of it.
    lank = models.CharField(_("länk"), max_length=500, blank=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    last = models.DateTimeField(_("läst"), null=True, blank=True)
    mailad = models.DateTimeField(_("mailad"), null=True, blank=True)

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["-skapad", "-pk"]
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        indexes = [models.Index(fields=["mottagare", "last"], name="notis_mottagare_last")]

    def __str__(self):
        return self.rubrik

    @property
    def olast(self) -> bool:
        return self.last is None


class Notisinstallning(models.Model):
    """How a user wants notices by e-mail. No row: the default (one e-mail per notice)."""

    class Satt(models.TextChoices):
        DIREKT = "direkt", _("Ett e-brev för varje notis")
        VECKA = "vecka", _("En sammanfattning per vecka i stället")
        INGEN = "ingen", _("Ingen e-post (bara notiserna här i appen)")

    anvandare = models.OneToOneField(
        User,
        on_delete=models.CASCADE,
        related_name="notisinstallning",
        verbose_name=_("användare"),
    )
    satt = models.CharField(
        _("e-post om notiser"), max_length=10, choices=Satt.choices, default=Satt.DIREKT
    )

    class Meta:
        verbose_name = _("notisinställning")
        verbose_name_plural = _("notisinställningar")

    def __str__(self):
        return f"{self.anvandare}: {self.get_satt_display()}"


class Dataversion(models.Model):
    """A random token that every write to the data replaces, in the write's own transaction
    (finsam/dataversion.py): one row per förbund written in its own scope, and the global
    row (`forbund` 0) for every write made outside one. What is computed from the data is
    kept under them."""

    #: The förbund's id (no foreign key: the row is a counter, not the förbund's data), or 0.
    forbund = models.IntegerField(primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("dataversion")

    def __str__(self):
        return self.token
