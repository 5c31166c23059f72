"""Each document's own budget table: groups and rows per förbund, document and year.

A document (code string, e.g. "verksamhetsplan", "delarsrapport", "arsredovisning") without a
stored structure for a year uses the previous year's structure of the same document, and
without any the budget tree as it is (budget.selectors). A row points at a budget line or a
budget group of the tree (a group row shows the sum of the group's lines) and may have a
label of its own. Sums are always computed from the rows, never stored.

Medel till förfogande: what the förbund has at its disposal besides the year's allocation,
e.g. kapitaltillskott from the predecessor förbund after a merger.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.models.budget import Budgetgrupp, Budgetrad
from finsam.historiklagring import Historik
from finsam.models import Forbund, LockedModel
from finsam.scoping import forbund_manager


class Tabellstruktur(LockedModel):
    class Dokument(models.TextChoices):
        VERKSAMHETSPLAN = "verksamhetsplan", _("Verksamhetsplan och budget")
        DELARSRAPPORT = "delarsrapport", _("Delårsrapport")
        ARSREDOVISNING = "arsredovisning", _("Årsredovisning")

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        related_name="tabellstrukturer",
        verbose_name=_("förbund"),
    )
    dokument = models.CharField(
        _("dokument"),
        max_length=40,
        choices=Dokument.choices,
        help_text=_("Dokumentet vars budgettabell strukturen gäller."),
    )
    ar = models.PositiveSmallIntegerField(
        _("år"),
        help_text=_(
            "Året dokumentet gäller. Ett år utan egen struktur använder föregående års struktur "
            "för samma dokument."
        ),
    )
    visa_totaler = models.BooleanField(
        _("visa Summa intäkter och Summa kostnader"),
        default=True,
        help_text=_(
            "Raderna Summa intäkter och Summa kostnader under tabellen, utöver gruppernas "
            "summarader. Delårsrapporten visar dem inte alltid."
        ),
    )
    anteckning = models.TextField(_("anteckning"), blank=True)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "dokument", "-ar"]
        verbose_name = _("tabellstruktur")
        verbose_name_plural = _("tabellstrukturer")
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "dokument", "ar"],
                name="tabellstruktur_en_per_dokument_och_ar",
                violation_error_message=_("Dokumentet har redan en tabellstruktur för året."),
            ),
        ]

    def __str__(self):
        return _("Tabellstruktur %(dokument)s %(ar)s") % {
            "dokument": self.get_dokument_display().lower(),
            "ar": self.ar,
        }


class Tabellgrupp(models.Model):
    """A group of the document's table: a heading and/or a sum row, possibly inside another."""

    struktur = models.ForeignKey(
        Tabellstruktur, on_delete=models.CASCADE, related_name="grupper", verbose_name=_("struktur")
    )
    overordnad = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="undergrupper",
        verbose_name=_("överordnad grupp"),
        help_text=_("Lämna tomt för en grupp högst upp i tabellen."),
    )
    namn = models.CharField(_("rubrik"), max_length=200)
    typ = models.CharField(
        _("typ"),
        max_length=10,
        choices=Budgetgrupp.Typ.choices,
        default=Budgetgrupp.Typ.KOSTNAD,
        help_text=_("Intäkter räknas in i Summa intäkter, kostnader i Summa kostnader."),
    )
    visa_rubrik = models.BooleanField(
        _("visa rubrik"), default=True, help_text=_("Visa gruppens rubrik som en rad.")
    )
    summa_etikett = models.CharField(
        _("summarad"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. 'Summa individinsatser'. Tomt: ingen summarad."),
    )
    dold = models.BooleanField(
        _("dold"),
        default=False,
        help_text=_(
            "Gruppen skrivs inte ut i verksamhetsplanens tabell men räknas i Summa kostnader "
            "och Resultat (t.ex. intäkterna när de visas i Medel till förfogande)."
        ),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik(foralder="struktur")

    objects = forbund_manager("struktur__forbund")

    class Meta:
        ordering = ["struktur", "ordning", "pk"]
        verbose_name = _("tabellgrupp")
        verbose_name_plural = _("tabellgrupper")

    def __str__(self):
        return self.namn

    def clean(self):
        super().clean()
        if self.overordnad_id is not None:
            seen = {self.pk}
            g = self.overordnad
            while g is not None:
                if g.pk in seen or g.struktur_id != self.struktur_id:
                    raise ValidationError(
                        {"overordnad": _("Välj en grupp i samma struktur, inte gruppen själv.")}
                    )
                seen.add(g.pk)
                g = g.overordnad


class Tabellrad(models.Model):
    """A row of the document's table: a budget line, or a budget group shown as one row."""

    grupp = models.ForeignKey(
        Tabellgrupp, on_delete=models.CASCADE, related_name="rader", verbose_name=_("grupp")
    )
    budgetrad = models.ForeignKey(
        Budgetrad,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tabellrader",
        verbose_name=_("budgetrad"),
    )
    budgetgrupp = models.ForeignKey(
        Budgetgrupp,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tabellrader",
        verbose_name=_("budgetgrupp"),
        help_text=_("En grupp ur budgetträdet visas som en rad med summan av gruppens rader."),
    )
    etikett = models.CharField(
        _("egen etikett"),
        max_length=200,
        blank=True,
        help_text=_("Tomt: budgetradens eller budgetgruppens namn."),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik(foralder="grupp")

    objects = forbund_manager("grupp__struktur__forbund")

    class Meta:
        ordering = ["grupp", "ordning", "pk"]
        verbose_name = _("tabellrad")
        verbose_name_plural = _("tabellrader")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budgetrad__isnull=False, budgetgrupp__isnull=True)
                | models.Q(budgetrad__isnull=True, budgetgrupp__isnull=False),
                name="tabellrad_rad_eller_grupp",
            ),
        ]

    def __str__(self):
        return self.visat_namn

    @property
    def visat_namn(self) -> str:
        if self.etikett:
            return self.etikett
        kalla = self.budgetrad or self.budgetgrupp
        return kalla.namn if kalla else ""

    def clean(self):
        super().clean()
        if (self.budgetrad_id is None) == (self.budgetgrupp_id is None):
            raise ValidationError(_("Välj antingen en budgetrad eller en budgetgrupp."))


class MedelTillForfogande(LockedModel):
    """Money at the förbund's disposal besides the year's allocation (e.g. a kapitaltillskott
    from a predecessor förbund), printed in the verksamhetsplan of the year."""

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        related_name="medel_till_forfogande",
        verbose_name=_("förbund"),
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    fran = models.CharField(
        _("från"),
        max_length=200,
        help_text=_("Varifrån medlen kommer, t.ex. det tidigare förbundet som förs samman."),
    )
    etikett = models.CharField(
        _("rad i tabellen"),
        max_length=300,
        blank=True,
        help_text=_("Tomt: 'Medel som förs över från …'."),
    )
    belopp = models.BigIntegerField(_("belopp (kr)"), help_text=_("Hela kronor."))
    beraknat = models.BooleanField(
        _("beräknat"),
        default=False,
        help_text=_("Beloppet är en uppskattning (skrivs '(beräknat)' i tabellen)."),
    )
    beslut = models.CharField(
        _("beslut eller anteckning"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. styrelsens beslut om kapitaltillskottet."),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = Historik()

    objects = forbund_manager("forbund")

    class Meta:
        ordering = ["forbund_id", "ar", "ordning", "pk"]
        verbose_name = _("medel till förfogande")
        verbose_name_plural = _("medel till förfogande")

    def __str__(self):
        return self.rubrik

    @property
    def rubrik(self) -> str:
        text = self.etikett or (_("Medel som förs över från %(fran)s") % {"fran": self.fran})
        if self.beraknat:
            text += " " + str(_("(beräknat)"))
        return text
