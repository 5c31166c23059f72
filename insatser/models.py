"""Insatser: what the förbund finances, their staffing and the board's decisions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from finsam.formatting import decimal_sv
from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel, Medlem
from finsam.scoping import forbund_manager


class Malomrade(LockedModel):
    """A målområde of the verksamhetsplan, e.g. Individinsatser."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="malomraden", verbose_name=_("förbund")
    )
    namn = models.CharField(_("namn"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ordning", "namn"]
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "namn"], name="malomrade_unikt_namn"),
        ]

    def __str__(self):
        return self.namn


class InsatsQuerySet(models.QuerySet):
    def for_table(self):
        """What the list and the reports need, in a fixed number of queries."""
        return self.select_related("malomrade", "agare").prefetch_related(
            "bemanning__arbetsgivare", "kommuner", "deltagande_medlemmar"
        )

    def aktiva_under(self, ar):
        """Insatser running at some point in the year `ar`."""
        return self.filter(
            Q(startdatum__isnull=True) | Q(startdatum__year__lte=ar),
            Q(slutdatum__isnull=True) | Q(slutdatum__year__gte=ar),
        )


class Insatsinriktning(models.TextChoices):
    """How Uppföljning Finsam (Försäkringskassan's national follow-up system) asks for an
    insats's inriktning. An insats with both parts is registered there as two insatser."""

    INDIVIDINRIKTAD = "individ", _("Individinriktad")
    STRUKTUROVERGRIPANDE = "struktur", _("Strukturövergripande")
    BADA = "bada", _("Både individinriktad och strukturövergripande")


class PreciseradInriktningIndivid(models.TextChoices):
    """The preciserad inriktning of an individinriktad insats (national categories)."""

    FORREHABILITERING = "forrehabilitering", _("Förrehabilitering")
    ARBETSLIVSINRIKTAD = "arbetslivsinriktad", _("Arbetslivsinriktad rehabilitering")
    KARTLAGGNING = "kartlaggning", _("Kartläggning och utredning")
    SAMORDNING = "samordning", _("Samordning och vägledning")
    TIDIGA = "tidiga", _("Förebyggande och tidiga insatser")
    OVRIGT = "ovrigt", _("Övrig individinriktad insats")


class PreciseradInriktningStruktur(models.TextChoices):
    """The preciserad inriktning of a strukturövergripande insats (national categories)."""

    KOMPETENSUTVECKLING = "kompetensutveckling", _("Kompetensutveckling")
    SAMVERKANSSTRUKTUR = "samverkansstruktur", _("Samverkansstrukturer och nätverk")
    METODUTVECKLING = "metodutveckling", _("Metod- och verksamhetsutveckling")
    KARTLAGGNING = "kartlaggning", _("Kartläggning och analys")
    INFORMATION = "information", _("Information och kunskapsspridning")
    OVRIGT = "ovrigt", _("Övrig strukturövergripande insats")


class NationellMalgrupp(models.TextChoices):
    """The insats's main target group in the national follow-up's categories."""

    UNGA = "unga", _("Unga 16–29 år")
    SJUKSKRIVNA = "sjukskrivna", _("Sjukskrivna och personer med sjuk- eller aktivitetsersättning")
    FORSORJNINGSSTOD = "forsorjningsstod", _("Personer med försörjningsstöd")
    ARBETSSOKANDE = "arbetssokande", _("Långtidsarbetslösa och arbetssökande")
    PSYKISK_OHALSA = "psykisk_ohalsa", _("Personer med psykisk ohälsa")
    FUNKTIONSNEDSATTNING = "funktionsnedsattning", _("Personer med funktionsnedsättning")
    UTRIKES_FODDA = "utrikes_fodda", _("Utrikes födda")
    BLANDAD = "blandad", _("Blandad målgrupp 16–67 år")
    PERSONAL = "personal", _("Personal och chefer hos parterna")


class Insats(LockedModel):
    class Typ(models.TextChoices):
        SAMORDNINGSTEAM = "samordningsteam", _("Samordningsteam")
        TEAMSAMVERKAN = "teamsamverkan", _("Teamsamverkan/projekt")
        RADGIVANDE_TEAM = "radgivande_team", _("Rådgivande team")
        STRUKTURPAVERKANDE = "strukturpaverkande", _("Strukturpåverkande insats")
        METODUTVECKLING = "metodutveckling", _("Metodutveckling")
        PROCESSTOD = "processtod", _("Processtöd")
        KOMPETENSUTVECKLING = "kompetensutveckling", _("Kompetensutveckling och mötesplatser")
        OVRIGT = "ovrigt", _("Övrigt")

    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        PAGAENDE = "pagaende", _("Pågående")
        AVSLUTAD = "avslutad", _("Avslutad")

    #: Kinds whose participants are counted one by one (individinsatser).
    INDIVIDTYPER = (Typ.SAMORDNINGSTEAM, Typ.TEAMSAMVERKAN)

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="insatser", verbose_name=_("förbund")
    )
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(
        _("kortnamn"), max_length=80, help_text=_("Kort namn utan mellanslag, t.ex. st-vasteras.")
    )
    typ = models.CharField(_("typ"), max_length=30, choices=Typ.choices)
    malomrade = models.ForeignKey(
        Malomrade,
        on_delete=models.PROTECT,
        related_name="insatser",
        verbose_name=_("målområde"),
    )
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    slutdatum = models.DateField(
        _("slutdatum"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt om insatsen löper tills vidare."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PAGAENDE
    )
    agare = models.ForeignKey(
        Medlem,
        on_delete=models.PROTECT,
        related_name="agda_insatser",
        null=True,
        blank=True,
        verbose_name=_("ägare"),
        help_text=_("Den medlem som äger insatsen (projektägare)."),
    )
    deltagande_medlemmar = models.ManyToManyField(
        Medlem,
        related_name="deltar_i",
        blank=True,
        verbose_name=_("deltagande medlemmar"),
    )
    kommuner = models.ManyToManyField(
        Medlem,
        related_name="betjanas_av",
        blank=True,
        verbose_name=_("kommuner som betjänas"),
        limit_choices_to={"typ": Medlem.Typ.KOMMUN},
    )
    malgrupp = models.TextField(_("målgrupp"), blank=True)
    # What Uppföljning Finsam asks of each insats (the national sheet, finsam/rapporter/
    # nationell): its inriktning, the preciserad inriktning of each part, and the target group.
    insatsinriktning = models.CharField(
        _("inriktning i Uppföljning Finsam"),
        max_length=10,
        choices=Insatsinriktning.choices,
        blank=True,
        help_text=_(
            "Individinriktad (deltagare följs upp) eller strukturövergripande (samverkan, "
            "kompetens, metoder). En insats med båda delarna registreras som två insatser i "
            "Uppföljning Finsam; budgetrader med kategorin strukturella insatser räknas då "
            "till den strukturövergripande delen, övriga till den individinriktade."
        ),
    )
    inriktning_individ = models.CharField(
        _("preciserad inriktning, individinriktad del"),
        max_length=30,
        choices=PreciseradInriktningIndivid.choices,
        blank=True,
        help_text=_("Bara för en insats med individinriktad del."),
    )
    inriktning_struktur = models.CharField(
        _("preciserad inriktning, strukturövergripande del"),
        max_length=30,
        choices=PreciseradInriktningStruktur.choices,
        blank=True,
        help_text=_("Bara för en insats med strukturövergripande del."),
    )
    nationell_malgrupp = models.CharField(
        _("målgrupp i Uppföljning Finsam"),
        max_length=30,
        choices=NationellMalgrupp.choices,
        blank=True,
        help_text=_(
            "Den huvudsakliga målgruppen bland de nationella kategorierna. Fältet Målgrupp "
            "ovan är förbundets egen beskrivning och skrivs ut i dokumenten."
        ),
    )
    beskrivning = models.TextField(
        _("beskrivning"), blank=True, help_text=_("Visas i verksamhetsplanen. Markdown går bra.")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    styrgrupp = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="styrgrupp_insatser",
        blank=True,
        verbose_name=_("styrgruppens användare"),
        help_text=_("Användare med rollen styrgrupp som rapporterar för insatsen."),
        limit_choices_to={"roll": "styrgrupp"},
    )

    history = Historik(m2m_fields=[deltagande_medlemmar, kommuner])
    objects = forbund_manager("forbund", InsatsQuerySet)

    class Meta:
        ordering = ["forbund_id", "malomrade__ordning", "ordning", "namn"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "slug"], name="insats_unik_slug"),
            models.CheckConstraint(
                condition=Q(slutdatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(slutdatum__gte=models.F("startdatum")),
                name="insats_slut_efter_start",
            ),
        ]

    def __str__(self):
        return self.namn

    def clean(self):
        super().clean()
        fel = {}
        if self.inriktning_individ and not self.har_individdel:
            fel["inriktning_individ"] = _(
                "Insatsen har ingen individinriktad del. Välj inriktning Individinriktad eller "
                "Både individinriktad och strukturövergripande, eller lämna fältet tomt."
            )
        if self.inriktning_struktur and not self.har_strukturdel:
            fel["inriktning_struktur"] = _(
                "Insatsen har ingen strukturövergripande del. Välj inriktning "
                "Strukturövergripande eller Både individinriktad och strukturövergripande, "
                "eller lämna fältet tomt."
            )
        if fel:
            raise ValidationError(fel)

    @property
    def har_individdel(self) -> bool:
        return self.insatsinriktning in (Insatsinriktning.INDIVIDINRIKTAD, Insatsinriktning.BADA)

    @property
    def har_strukturdel(self) -> bool:
        return self.insatsinriktning in (
            Insatsinriktning.STRUKTUROVERGRIPANDE,
            Insatsinriktning.BADA,
        )

    @property
    def ar_individinsats(self):
        return self.typ in self.INDIVIDTYPER

    @property
    def insatstid(self):
        start = self.startdatum.isoformat() if self.startdatum else "…"
        slut = self.slutdatum.isoformat() if self.slutdatum else "tills vidare"
        return f"{start} – {slut}"


FTE = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
}


class Bemanning(LockedModel):
    insats = models.ForeignKey(
        Insats, on_delete=models.CASCADE, related_name="bemanning", verbose_name=_("insats")
    )
    roll = models.CharField(_("roll"), max_length=120, help_text=_("T.ex. socialkonsulent."))
    arsarbetare = models.DecimalField(
        _("tjänstgöringsgrad (åa)"),
        help_text=_("Heltidstjänster, t.ex. 4,0 eller 0,4."),
        **FTE,
    )
    arbetsgivare = models.ForeignKey(
        Medlem,
        on_delete=models.PROTECT,
        related_name="bemanning",
        verbose_name=_("anställd av"),
    )
    finansierat_av_forbundet = models.DecimalField(
        _("varav finansierat av förbundet (åa)"),
        default=Decimal("0"),
        help_text=_("Den del av tjänsterna som förbundet betalar."),
        **FTE,
    )
    anmarkning = models.CharField(
        _("anmärkning"), max_length=200, blank=True, help_text=_("T.ex. 'osäker bemanning'.")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik(foralder="insats")

    objects = forbund_manager("insats__forbund")

    class Meta:
        ordering = ["insats", "ordning", "pk"]
        verbose_name = _("bemanning")
        verbose_name_plural = _("bemanning")
        constraints = [
            models.CheckConstraint(
                condition=Q(finansierat_av_forbundet__lte=models.F("arsarbetare")),
                name="bemanning_finansierat_hogst_hela",
            ),
        ]

    def __str__(self):
        return f"{decimal_sv(self.arsarbetare, 1)} {self.roll} ({self.arbetsgivare})"


#: A decision covers at most this many years (one amount field per year in the form).
MAX_BESLUTSAR = 10


class Beslut(LockedModel):
    """A board decision granting money to an insats for one or more years."""

    insats = models.ForeignKey(
        Insats, on_delete=models.CASCADE, related_name="beslut", verbose_name=_("insats")
    )
    datum = models.DateField(_("beslutsdatum"))
    paragraf = models.CharField(_("paragraf"), max_length=40, help_text=_("T.ex. § 23."))
    forsta_ar = models.PositiveSmallIntegerField(_("från år"))
    sista_ar = models.PositiveSmallIntegerField(_("till och med år"))
    anteckning = models.CharField(_("anteckning"), max_length=300, blank=True)

    history = Historik(foralder="insats")

    objects = forbund_manager("insats__forbund")

    class Meta:
        ordering = ["insats", "datum", "pk"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            models.CheckConstraint(
                condition=Q(sista_ar__gte=models.F("forsta_ar")), name="beslut_ar_i_ordning"
            ),
        ]

    def __str__(self):
        return f"{self.paragraf} {self.datum:%Y-%m-%d}"

    @property
    def ar_lista(self) -> list[int]:
        return list(range(self.forsta_ar, self.sista_ar + 1))

    @property
    def belopp_per_ar(self) -> dict[int, int]:
        """{år: kronor} of the decision's years (uses `beslutsbelopp.all()`: prefetch it)."""
        return {b.ar: b.belopp for b in sorted(self.beslutsbelopp.all(), key=lambda b: b.ar)}

    @property
    def belopp(self) -> int:
        """The decision's total: the sum of its amounts per year, never stored."""
        return sum(b.belopp for b in self.beslutsbelopp.all())

    @property
    def ar_text(self):
        if self.forsta_ar == self.sista_ar:
            return str(self.forsta_ar)
        return f"{self.forsta_ar}–{self.sista_ar}"


def fordela_jamnt(belopp: int, ar_lista: list[int]) -> dict[int, int]:
    """Split a total evenly over the years, the remainder (whole kronor) on the first:
    2 400 001 over 2025–2026 → {2025: 1 200 001, 2026: 1 200 000}."""
    if not ar_lista:
        return {}
    del_, rest = divmod(belopp, len(ar_lista))
    return {ar: del_ + (rest if i == 0 else 0) for i, ar in enumerate(ar_lista)}


class Beslutsbelopp(LockedModel):
    """The amount a board decision grants for one of its years. The decision's total is
    the sum of these; every year from its first to its last has one row."""

    beslut = models.ForeignKey(
        Beslut, on_delete=models.CASCADE, related_name="beslutsbelopp", verbose_name=_("beslut")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    belopp = models.BigIntegerField(
        _("beviljat belopp (kr)"), validators=[MinValueValidator(0)], help_text=_("Hela kronor.")
    )

    history = Historik(foralder="beslut")

    objects = forbund_manager("beslut__insats__forbund")

    class Meta:
        ordering = ["beslut", "ar"]
        verbose_name = _("beslutat belopp per år")
        verbose_name_plural = _("beslutade belopp per år")
        constraints = [
            models.UniqueConstraint(fields=["beslut", "ar"], name="beslutsbelopp_ett_per_ar"),
            models.CheckConstraint(
                condition=Q(belopp__gte=0), name="beslutsbelopp_belopp_ej_negativt"
            ),
        ]

    def __str__(self):
        return f"{self.beslut} {self.ar}: {self.belopp}"


class Rekvisition(LockedModel):
    """Money paid out to an insats on its rekvisition (or another utbetalning)."""

    insats = models.ForeignKey(
        Insats, on_delete=models.CASCADE, related_name="rekvisitioner", verbose_name=_("insats")
    )
    datum = models.DateField(_("utbetalningsdatum"))
    avser_ar = models.PositiveSmallIntegerField(
        _("avser år"), help_text=_("Det budgetår utbetalningen räknas mot.")
    )
    belopp = models.BigIntegerField(
        _("belopp (kr)"),
        help_text=_("Utbetalt belopp i hela kronor. En återbetalning anges med minustecken."),
    )
    anteckning = models.CharField(_("anteckning"), max_length=300, blank=True)

    history = Historik(foralder="insats")

    objects = forbund_manager("insats__forbund")

    class Meta:
        ordering = ["insats", "datum", "pk"]
        verbose_name = _("rekvisition")
        verbose_name_plural = _("rekvisitioner")

    def __str__(self):
        return f"{self.insats}: {self.datum:%Y-%m-%d}"


@receiver(pre_save, sender=Insats)
def _ingen_historik_vid_inlasning(sender, instance, raw, **kwargs):
    """`loaddata` (a backup being restored) saves raw and then sets the m2m fields, which
    simple-history would record as a new change – with a history id the restored rows
    already use, on PostgreSQL. The restored history is the history."""
    if raw:
        instance.skip_history_when_saving = True


class Externfinansiering(LockedModel):
    """Money from outside the members' contributions for an insats, e.g. a project that the
    Europeiska socialfonden (ESF) co-finances. The årsredovisning and the delårsrapport list
    the funding of their period with the known amounts summed."""

    insats = models.ForeignKey(
        Insats,
        on_delete=models.CASCADE,
        related_name="externfinansiering",
        verbose_name=_("insats"),
    )
    finansiar = models.CharField(
        _("finansiär"), max_length=200, help_text=_("T.ex. Europeiska socialfonden (ESF).")
    )
    benamning = models.CharField(
        _("projekt"),
        max_length=200,
        blank=True,
        help_text=_("Projektets namn hos finansiären. Tomt om det är insatsens namn."),
    )
    projektagare = models.CharField(
        _("projektägare"),
        max_length=200,
        blank=True,
        help_text=_(
            "Den som söker och tar emot medlen, t.ex. ett annat samordningsförbund. Tomt om "
            "det är förbundet självt."
        ),
    )
    fran = models.DateField(_("från"), help_text=_("Första dagen finansieringen avser."))
    till = models.DateField(
        _("till"), null=True, blank=True, help_text=_("Sista dagen. Tomt om den inte är bestämd.")
    )
    beviljat = models.BigIntegerField(
        _("beviljat belopp (kr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Hela kronor, för hela perioden. Tomt om beloppet inte är känt."),
    )
    utbetalt = models.BigIntegerField(
        _("utbetalt till förbundet (kr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Hela kronor som förbundet självt fått hittills. 0 när medlen går till en annan "
            "projektägare; tomt om det inte är känt."
        ),
    )
    anteckning = models.CharField(_("anteckning"), max_length=300, blank=True)

    history = Historik(foralder="insats")

    objects = forbund_manager("insats__forbund")

    class Meta:
        ordering = ["insats", "fran", "pk"]
        verbose_name = _("extern finansiering")
        verbose_name_plural = _("extern finansiering")
        constraints = [
            models.CheckConstraint(
                condition=Q(till__isnull=True) | Q(till__gte=models.F("fran")),
                name="externfinansiering_datum_i_ordning",
            ),
            models.CheckConstraint(
                condition=Q(beviljat__isnull=True) | Q(beviljat__gte=0),
                name="externfinansiering_beviljat_ej_negativt",
            ),
            models.CheckConstraint(
                condition=Q(utbetalt__isnull=True) | Q(utbetalt__gte=0),
                name="externfinansiering_utbetalt_ej_negativt",
            ),
        ]

    def __str__(self):
        return f"{self.projektnamn} ({self.finansiar})"

    @property
    def projektnamn(self) -> str:
        return self.benamning or self.insats.namn

    @property
    def period_text(self) -> str:
        if self.till is None:
            return f"{self.fran:%Y-%m-%d} –"
        return f"{self.fran:%Y-%m-%d} – {self.till:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.fran and self.till and self.till < self.fran:
            raise ValidationError({"till": _("Sista dagen kan inte ligga före den första.")})
        if self.fran and not 2000 <= self.fran.year <= 2100:
            raise ValidationError({"fran": _("Ange ett datum mellan år 2000 och 2100.")})
        kanda = self.beviljat is not None and self.utbetalt is not None
        if kanda and self.utbetalt > self.beviljat:
            raise ValidationError(
                {"utbetalt": _("Förbundet kan inte ha fått mer än det beviljade beloppet.")}
            )

    def overlappar(self, start, slut) -> bool:
        """Whether the funding's period meets [start, slut]."""
        return self.fran <= slut and (self.till is None or self.till >= start)
