"""Participant follow-up, aggregate counts only: never anything about a single person.

- Matt: what a report holds, as data per förbund (kansli can follow national practice as it
  changes): which kinds of insats report it, whether it is split by kön, and which total it
  must add up to or stay below.
- Rapportperiod: a half-year (jan–jun) or full year that kansli opens with a deadline for
  chosen insatser. Deltagarrapport: one insats's report for a period, with its values
  (Rapportvarde), texts, RMGT survey answers (Enkatsvar) and workflow log (Rapporthandelse).
- Aktivitet: structural activities of an insats or of the förbund itself.
- Indikatorsvar / Indikatorbedomning: the national indicator survey and the board's view.
- Mal / PlaneradAktivitet / Maluppfoljning: goals of the verksamhetsplan and their follow-up.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.historiklagring import Historik
from finsam.markdown import markdown_html
from finsam.models import Forbund, LockedModel, Medlem
from finsam.scoping import forbund_manager
from insatser.models import Insats, Malomrade


class Kon(models.TextChoices):
    KVINNOR = "k", _("Kvinnor")
    MAN = "m", _("Män")
    ANNAT = "a", _("Annat eller ej angivet")


class Matt(LockedModel):
    """A figure a report holds, e.g. 'Nya deltagare' or 'Avslutsorsak: arbete'."""

    class Slag(models.TextChoices):
        ANTAL = "antal", _("Antal")
        MEDEL = "medel", _("Medelvärde")

    class Regel(models.TextChoices):
        INGEN = "", _("Ingen")
        SUMMA = "summa", _("Gruppens delar ska tillsammans vara lika med")
        HOGST = "hogst", _("Får inte vara större än")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="matt", verbose_name=_("förbund")
    )
    kod = models.SlugField(_("kod"), max_length=60)
    namn = models.CharField(_("namn"), max_length=200)
    grupp = models.CharField(
        _("grupp"), max_length=100, help_text=_("T.ex. Deltagare, Ålder, Avslutsorsak.")
    )
    insatstyper = models.JSONField(
        _("insatstyper"),
        default=list,
        help_text=_("De typer av insatser som rapporterar måttet (t.ex. samordningsteam)."),
    )
    per_kon = models.BooleanField(_("uppdelat på kön"), default=True)
    slag = models.CharField(_("slag"), max_length=10, choices=Slag.choices, default=Slag.ANTAL)
    jamfor_med = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delar",
        verbose_name=_("jämförs med"),
    )
    regel = models.CharField(_("regel"), max_length=10, choices=Regel.choices, blank=True)
    max_varde = models.DecimalField(
        _("högsta rimliga värde"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("För medelvärden, t.ex. 120 månader."),
    )
    hjalptext = models.CharField(_("hjälptext"), max_length=300, blank=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ordning", "pk"]
        verbose_name = _("mått")
        verbose_name_plural = _("mått")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "kod"], name="matt_unik_kod"),
        ]

    def __str__(self):
        return self.namn


class Rapportperiod(LockedModel):
    class Typ(models.TextChoices):
        H1 = "h1", _("Januari–juni")
        HELAR = "helar", _("Helår")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="rapportperioder", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    typ = models.CharField(_("period"), max_length=10, choices=Typ.choices)
    sista_dag = models.DateField(_("sista dag att rapportera"))
    insatser = models.ManyToManyField(
        Insats,
        related_name="rapportperioder",
        blank=True,
        verbose_name=_("insatser som rapporterar"),
    )
    oppnad = models.DateTimeField(_("öppnad"), null=True, blank=True)
    paminnelse_skickad = models.DateTimeField(_("påminnelse skickad"), null=True, blank=True)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "-ar", "-typ"]
        verbose_name = _("rapportperiod")
        verbose_name_plural = _("rapportperioder")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar", "typ"], name="rapportperiod_unik"),
        ]

    def __str__(self):
        return f"{self.get_typ_display()} {self.ar}"

    #: The period in the insatsrapport's URLs and edition keys ("2025-H1", "2025-helar").
    PERIODKODER = {Typ.H1: "H1", Typ.HELAR: "helar"}

    @classmethod
    def periodkod_for(cls, ar: int, typ: str) -> str:
        return f"{ar}-{cls.PERIODKODER[typ]}"

    @property
    def periodkod(self) -> str:
        return self.periodkod_for(self.ar, self.typ)

    @property
    def startdatum(self) -> date:
        return date(self.ar, 1, 1)

    @property
    def slutdatum(self) -> date:
        return date(self.ar, 6, 30) if self.typ == self.Typ.H1 else date(self.ar, 12, 31)

    @property
    def kod(self) -> str:
        """As the command line writes it: 2025-H1 or 2025-HELAR."""
        return f"{self.ar}-{self.typ.upper()}"


class Deltagarrapport(LockedModel):
    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        RETURNERAD = "returnerad", _("Returnerad")
        INSKICKAD = "inskickad", _("Inskickad")
        GODKAND = "godkand", _("Godkänd")

    #: Statuses in which the steering group may still edit the report.
    REDIGERBARA = (Status.UTKAST, Status.RETURNERAD)

    period = models.ForeignKey(
        Rapportperiod, on_delete=models.CASCADE, related_name="rapporter", verbose_name=_("period")
    )
    insats = models.ForeignKey(
        Insats, on_delete=models.PROTECT, related_name="deltagarrapporter", verbose_name=_("insats")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UTKAST
    )
    vad_gick_bra = models.TextField(_("vad har fungerat bra"), blank=True)
    svarigheter = models.TextField(_("svårigheter"), blank=True)
    lokala_mal = models.TextField(_("lokala mål och hur det gick"), blank=True)
    ovrigt = models.TextField(_("övrigt"), blank=True)

    history = Historik()

    objects = forbund_manager("period__forbund")

    class Meta:
        ordering = ["period", "insats__ordning", "insats__namn"]
        verbose_name = _("deltagarrapport")
        verbose_name_plural = _("deltagarrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "insats"], name="deltagarrapport_en_per_insats"
            ),
        ]

    def __str__(self):
        return f"{self.insats} – {self.period}"

    @property
    def redigerbar(self) -> bool:
        return self.status in self.REDIGERBARA


class Rapportvarde(models.Model):
    """One figure of a report. `kon` is blank for figures not split by kön."""

    rapport = models.ForeignKey(
        Deltagarrapport, on_delete=models.CASCADE, related_name="varden", verbose_name=_("rapport")
    )
    matt = models.ForeignKey(
        Matt, on_delete=models.PROTECT, related_name="varden", verbose_name=_("mått")
    )
    kon = models.CharField(_("kön"), max_length=1, choices=Kon.choices, blank=True)
    varde = models.DecimalField(
        _("värde"), max_digits=10, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )

    history = Historik()

    objects = forbund_manager("rapport__period__forbund")

    class Meta:
        ordering = ["rapport", "matt__ordning", "kon"]
        verbose_name = _("rapportvärde")
        verbose_name_plural = _("rapportvärden")
        constraints = [
            models.UniqueConstraint(fields=["rapport", "matt", "kon"], name="rapportvarde_unikt"),
            models.CheckConstraint(condition=Q(varde__gte=0), name="rapportvarde_ej_negativt"),
        ]

    def __str__(self):
        return f"{self.matt} {self.kon}: {self.varde}"


class Rapporthandelse(models.Model):
    """Each step of a report's workflow: who, when, and why."""

    class Handelse(models.TextChoices):
        SKAPAD = "skapad", _("Skapad")
        INSKICKAD = "inskickad", _("Inskickad")
        GODKAND = "godkand", _("Godkänd")
        RETURNERAD = "returnerad", _("Returnerad")
        ATEROPPNAD = "ateroppnad", _("Återöppnad")

    rapport = models.ForeignKey(
        Deltagarrapport,
        on_delete=models.CASCADE,
        related_name="handelser",
        verbose_name=_("rapport"),
    )
    handelse = models.CharField(_("händelse"), max_length=12, choices=Handelse.choices)
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("vem"),
    )
    tid = models.DateTimeField(_("när"), auto_now_add=True)
    kommentar = models.TextField(_("kommentar"), blank=True)

    objects = forbund_manager("rapport__period__forbund")

    class Meta:
        ordering = ["rapport", "tid", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.get_handelse_display()} {self.tid:%Y-%m-%d %H:%M}"


class Enkatsvar(models.Model):
    """A survey question of a rådgivande team's report, with counts per answer."""

    rapport = models.ForeignKey(
        Deltagarrapport,
        on_delete=models.CASCADE,
        related_name="enkatsvar",
        verbose_name=_("rapport"),
    )
    fraga = models.CharField(_("fråga"), max_length=300)
    ja_helt = models.PositiveIntegerField(_("Ja, helt och hållet"), default=0)
    ja_delvis = models.PositiveIntegerField(_("Ja, till viss del"), default=0)
    nej = models.PositiveIntegerField(_("Nej, inte alls"), default=0)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("rapport__period__forbund")

    class Meta:
        ordering = ["rapport", "ordning", "pk"]
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")

    def __str__(self):
        return self.fraga

    @property
    def n(self) -> int:
        return self.ja_helt + self.ja_delvis + self.nej


class Aktivitet(LockedModel):
    """A structural activity: a training, a network meeting, a lecture series."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="aktiviteter", verbose_name=_("förbund")
    )
    insats = models.ForeignKey(
        Insats,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aktiviteter",
        verbose_name=_("insats"),
        help_text=_("Tomt för förbundets egna aktiviteter."),
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    namn = models.CharField(_("aktivitet"), max_length=300)
    startdatum = models.DateField(_("från"), null=True, blank=True)
    slutdatum = models.DateField(_("till"), null=True, blank=True)
    malgrupp = models.CharField(_("målgrupp"), max_length=300, blank=True)
    antal_deltagare = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    omfattning = models.CharField(
        _("omfattning"), max_length=200, blank=True, help_text=_("T.ex. 4 tillfällen à heldag.")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "-ar", "ordning", "pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            models.CheckConstraint(
                condition=Q(slutdatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(slutdatum__gte=models.F("startdatum")),
                name="aktivitet_slut_efter_start",
            ),
        ]

    def __str__(self):
        return self.namn


class Indikatorsvar(LockedModel):
    """One question of the indicator survey for a year and respondent group, in % per step."""

    class Respondentgrupp(models.TextChoices):
        DELTAGARE_UNDER = "deltagare_under", _("Deltagare under insatsen")
        DELTAGARE_AVSLUT = "deltagare_avslut", _("Deltagare vid avslut")
        PERSONAL = "personal", _("Insatspersonal")
        CHEFER = "chefer", _("Chefer i samverkan")
        STYRELSE = "styrelse", _("Styrelsen")

    class Skala(models.TextChoices):
        FREKVENS = "frekvens", _("Aldrig – Alltid")
        GRAD = "grad", _("Inte alls – Helt och hållet")

    SKALSTEG = {
        Skala.FREKVENS: ["Aldrig", "Sällan", "Ibland", "Ofta", "För det mesta", "Alltid"],
        Skala.GRAD: [
            "Inte alls",
            "Till liten del",
            "Delvis",
            "Till stor del",
            "Till mycket stor del",
            "Helt och hållet",
        ],
    }

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="indikatorsvar", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    respondentgrupp = models.CharField(
        _("respondentgrupp"), max_length=20, choices=Respondentgrupp.choices
    )
    nummer = models.PositiveSmallIntegerField(_("nr"))
    fraga = models.CharField(_("fråga"), max_length=300)
    skala = models.CharField(_("skala"), max_length=10, choices=Skala.choices)
    n = models.PositiveIntegerField(_("antal svar (n)"))
    andelar = models.JSONField(
        _("andel per skalsteg (%)"),
        default=list,
        help_text=_("Sex andelar i procent, från lägsta till högsta steget."),
    )

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "-ar", "respondentgrupp", "nummer"]
        verbose_name = _("indikatorsvar")
        verbose_name_plural = _("indikatorsvar")
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "ar", "respondentgrupp", "nummer"], name="indikatorsvar_unikt"
            ),
        ]

    def __str__(self):
        return f"{self.nummer} {self.fraga}"


class Indikatorbedomning(LockedModel):
    """The board's assessment of an indicator area for a year."""

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        related_name="indikatorbedomningar",
        verbose_name=_("förbund"),
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    omrade = models.CharField(_("område"), max_length=300)
    bedomning = models.CharField(
        _("bedömning"), max_length=100, help_text=_("T.ex. Mycket god, God, Delvis etablerad.")
    )
    kommentar = models.TextField(_("kommentar"), blank=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "-ar", "ordning", "pk"]
        verbose_name = _("indikatorbedömning")
        verbose_name_plural = _("indikatorbedömningar")

    def __str__(self):
        return f"{self.omrade}: {self.bedomning}"


class Mal(LockedModel):
    """A goal of the year's verksamhetsplan under a målområde."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="mal", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    malomrade = models.ForeignKey(
        Malomrade, on_delete=models.PROTECT, related_name="mal", verbose_name=_("målområde")
    )
    text = models.TextField(_("mål"))
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "-ar", "malomrade__ordning", "ordning", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self):
        return self.text[:80]


class PlaneradAktivitet(LockedModel):
    mal = models.ForeignKey(
        Mal, on_delete=models.CASCADE, related_name="aktiviteter", verbose_name=_("mål")
    )
    text = models.TextField(_("planerad aktivitet"))
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("mal__forbund")

    class Meta:
        ordering = ["mal", "ordning", "pk"]
        verbose_name = _("planerad aktivitet")
        verbose_name_plural = _("planerade aktiviteter")

    def __str__(self):
        return self.text[:80]


class Maluppfoljning(LockedModel):
    """What was done towards a goal at a follow-up, and the assessment."""

    class Tillfalle(models.TextChoices):
        DELAR = "delar", _("Delår")
        HELAR = "helar", _("Helår")

    class Bedomning(models.TextChoices):
        UPPFYLLT = "uppfyllt", _("Uppfyllt")
        DELVIS = "delvis", _("Delvis uppfyllt")
        EJ_UPPFYLLT = "ej_uppfyllt", _("Ej uppfyllt")
        I_FAS = "i_fas", _("I fas")
        EJ_I_FAS = "ej_i_fas", _("Ej i fas")

    #: Which assessments fit which follow-up.
    BEDOMNINGAR = {
        Tillfalle.DELAR: (Bedomning.I_FAS, Bedomning.EJ_I_FAS),
        Tillfalle.HELAR: (Bedomning.UPPFYLLT, Bedomning.DELVIS, Bedomning.EJ_UPPFYLLT),
    }

    mal = models.ForeignKey(
        Mal, on_delete=models.CASCADE, related_name="uppfoljningar", verbose_name=_("mål")
    )
    tillfalle = models.CharField(_("tillfälle"), max_length=10, choices=Tillfalle.choices)
    utfall = models.TextField(_("utfall"), blank=True)
    bedomning = models.CharField(
        _("bedömning"), max_length=12, choices=Bedomning.choices, blank=True
    )

    history = Historik()

    objects = forbund_manager("mal__forbund")

    class Meta:
        ordering = ["mal", "tillfalle"]
        verbose_name = _("måluppföljning")
        verbose_name_plural = _("måluppföljningar")
        constraints = [
            models.UniqueConstraint(
                fields=["mal", "tillfalle"], name="maluppfoljning_en_per_tillfalle"
            ),
        ]

    def __str__(self):
        return f"{self.mal} – {self.get_tillfalle_display()}"


# Percentages within 0–100 for indicator shares are validated in the service; this keeps
# the validators importable for forms.
PROCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Styrelsemote(LockedModel):
    """A meeting of the board (ordinarie or extra sammanträde) or a medlemssamråd with the
    members, with its main decisions. The delårsrapport and årsredovisning list and count
    the meetings of their period from here."""

    class Typ(models.TextChoices):
        ORDINARIE = "ordinarie", _("Ordinarie sammanträde")
        EXTRA = "extra", _("Extra sammanträde")
        MEDLEMSSAMRAD = "medlemssamrad", _("Medlemssamråd")

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="styrelsemoten", verbose_name=_("förbund")
    )
    datum = models.DateField(_("datum"), help_text=_("Mötets dag, ÅÅÅÅ-MM-DD."))
    typ = models.CharField(
        _("typ av möte"),
        max_length=20,
        choices=Typ.choices,
        default=Typ.ORDINARIE,
        help_text=_("Medlemssamråd är mötet med medlemmarna (huvudmännen), inte styrelsen."),
    )
    plats = models.CharField(
        _("plats"), max_length=200, blank=True, help_text=_("T.ex. Västerås eller Digitalt.")
    )
    beslut = models.TextField(
        _("huvudsakliga beslut och ämnen"),
        blank=True,
        help_text=_(
            "De viktigaste besluten eller ämnena, gärna som en lista med en rad per punkt "
            "som börjar med ”- ”. Skrivs ut i delårsrapporten och årsredovisningen."
        ),
    )

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "datum", "pk"]
        verbose_name = _("styrelsemöte")
        verbose_name_plural = _("styrelsemöten")

    def __str__(self):
        return f"{self.get_typ_display()} {self.datum.isoformat()}"

    @property
    def ar_styrelsemote(self) -> bool:
        return self.typ != self.Typ.MEDLEMSSAMRAD

    @property
    def beslut_html(self):
        return markdown_html(self.beslut)


class Viktighandelse(LockedModel):
    """An event of importance for the förbund (a change of förbundschef, an insats ended,
    a decision of principle), printed in the årsredovisning's "Händelser av väsentlig
    betydelse" and the delårsrapport of its period."""

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        related_name="viktiga_handelser",
        verbose_name=_("förbund"),
    )
    datum = models.DateField(
        _("datum"), help_text=_("När händelsen inträffade eller beslutades, ÅÅÅÅ-MM-DD.")
    )
    rubrik = models.CharField(
        _("rubrik"), max_length=200, help_text=_("En kort rubrik, t.ex. Ny förbundschef.")
    )
    beskrivning = models.TextField(
        _("beskrivning"),
        blank=True,
        help_text=_("Vad som hände och vad det betyder för förbundet. Skrivs ut i rapporterna."),
    )

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "datum", "pk"]
        verbose_name = _("viktig händelse")
        verbose_name_plural = _("viktiga händelser")

    def __str__(self):
        return f"{self.datum.isoformat()} {self.rubrik}"

    @property
    def beskrivning_html(self):
        return markdown_html(self.beskrivning)


class Malgruppsstatistik(LockedModel):
    """Helårsekvivalenter in one kommun, year, age group and kind of public support: the
    statistics on the population behind the verksamhetsplan's "Målgrupper och behov" (about
    everyone of working age in the kommun, not about participants, so nothing is suppressed).

    A helårsekvivalent is one person supported for a whole year with full compensation; two
    people supported half a year each are one. `andel` is the same in per cent of the
    kommun's population in the age group, as the published statistics give it.
    """

    class Kategori(models.TextChoices):
        SJUKPENNING = "sjukpenning", _("Sjukpenning")
        SJUK_OCH_AKTIVITETSERSATTNING = "sa", _("Sjuk- och aktivitetsersättning")
        ARBETSLOSHET = "arbetsloshet", _("Ersättning vid arbetslöshet")
        EKONOMISKT_BISTAND = "ekonomiskt_bistand", _("Ekonomiskt bistånd")
        ETABLERINGSERSATTNING = "etablering", _("Etableringsersättning")

    class Aldersgrupp(models.TextChoices):
        VUXNA = "20-64", _("20–64 år")
        UNGA = "20-29", _("20–29 år")

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        related_name="malgruppsstatistik",
        verbose_name=_("förbund"),
    )
    medlem = models.ForeignKey(
        Medlem,
        on_delete=models.CASCADE,
        related_name="malgruppsstatistik",
        verbose_name=_("kommun"),
        help_text=_("Kommunen som statistiken gäller."),
    )
    ar = models.PositiveSmallIntegerField(
        _("år"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Året som statistiken avser, t.ex. 2023."),
    )
    aldersgrupp = models.CharField(
        _("åldersgrupp"),
        max_length=5,
        choices=Aldersgrupp.choices,
        default=Aldersgrupp.VUXNA,
    )
    kategori = models.CharField(
        _("ersättning"),
        max_length=20,
        choices=Kategori.choices,
        help_text=_("Det offentliga försörjningssystem som helårsekvivalenterna kommer från."),
    )
    helarsekvivalenter = models.DecimalField(
        _("helårsekvivalenter"),
        max_digits=9,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Antal helårsekvivalenter, med en decimal."),
    )
    andel = models.DecimalField(
        _("andel av befolkningen (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Helårsekvivalenterna i procent av kommunens befolkning i åldersgruppen. Tomt om "
            "källan inte anger den."
        ),
    )
    kalla = models.CharField(
        _("källa"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. Statisticon, Den offentliga försörjningens omfattning."),
    )

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = [
            "forbund_id",
            "-ar",
            "aldersgrupp",
            "medlem__ordning",
            "medlem__namn",
            "kategori",
        ]
        verbose_name = _("målgruppsstatistik")
        verbose_name_plural = _("målgruppsstatistik")
        constraints = [
            models.UniqueConstraint(
                fields=["medlem", "ar", "aldersgrupp", "kategori"],
                name="malgruppsstatistik_en_per_kommun_ar_kategori",
                violation_error_message=_(
                    "Det finns redan en uppgift för kommunen, året, åldersgruppen och "
                    "ersättningen. Ändra den i stället."
                ),
            ),
            models.CheckConstraint(
                condition=Q(helarsekvivalenter__gte=0), name="malgruppsstatistik_ej_negativ"
            ),
        ]

    def __str__(self):
        return (
            f"{self.medlem} {self.ar} ({self.get_aldersgrupp_display()}): "
            f"{self.get_kategori_display()}"
        )

    def clean(self):
        super().clean()
        if self.medlem_id and self.forbund_id:
            if self.medlem.forbund_id != self.forbund_id:
                raise ValidationError({"medlem": _("Kommunen hör inte till förbundet.")})
            if not self.medlem.ar_kommun:
                raise ValidationError({"medlem": _("Statistiken gäller en kommun.")})


class BudgeteradeDeltagare(LockedModel):
    """How many participants an insats is budgeted to have during a year: the figure
    Uppföljning Finsam (the national follow-up) asks for next to the participants counted
    in the approved reports. One row per insats and year; kansli enters them for all
    insatser of a year on one page (uppfoljning/nationell)."""

    insats = models.ForeignKey(
        Insats,
        on_delete=models.CASCADE,
        related_name="budgeterade_deltagare",
        verbose_name=_("insats"),
    )
    ar = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    antal = models.PositiveIntegerField(
        _("budgeterat antal deltagare"),
        validators=[MaxValueValidator(100_000)],
        help_text=_("Hur många deltagare insatsen väntas ha under året, enligt beslut eller plan."),
    )

    history = Historik(foralder="insats")

    objects = forbund_manager("insats__forbund")

    class Meta:
        ordering = ["insats", "ar"]
        verbose_name = _("budgeterat antal deltagare")
        verbose_name_plural = _("budgeterat antal deltagare")
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "ar"],
                name="budgeterade_deltagare_en_per_ar",
                violation_error_message=_("Insatsen har redan ett budgeterat antal för året."),
            ),
        ]

    def __str__(self):
        return f"{self.insats} {self.ar}: {self.antal}"
