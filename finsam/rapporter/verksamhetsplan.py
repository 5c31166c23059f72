"""Verksamhetsplan och budget for year N: budget N−1, budget N, plan N+1 and plan N+2.

    rapport = build_verksamhetsplan(forbund, 2025)
    render_pdf(TEMPLATE, {"rapport": rapport})

Every figure is computed here from stored data; the template only formats. The number
of queries does not depend on the number of insatser or budget lines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from budget.kansli import selectors as selectors_kansli
from budget.models import Budgetgrupp, Budgetversion, MedelTillForfogande
from budget.selectors import (
    Budgetkolumn,
    Budgettabell,
    Tabellrad,
    budgettabell,
    verksamhetsplan_versioner,
)
from budget.tabeller.struktur import struktur_for, upplost_struktur
from finsam import formatting
from finsam.charts import BarChart, Series, beskrivning
from finsam.markdown import markdown_html, opraknad
from finsam.models import Forbund, Fortroendevald, Medlem, Rapportutgava
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import (
    Dokumenttyp,
    Innehall,
    Kommando,
    Utgavegrupp,
    ar_ar_per,
    ar_nyckel,
)
from finsam.rapporter.utgava.kontroller import Varning
from finsam.rapporter.utgava.texter import med_underrubriker, texter_med_figurer, utgava_las
from finsam.rapporter.verksamhetsplan_html import insats_html
from insatser.models import Bemanning, Beslut, Insats, Malomrade
from uppfoljning.malgrupper.selectors import Malgruppstabell, malgruppstabeller, senaste_ar_fore
from uppfoljning.models import Mal, Malgruppsstatistik

TEMPLATE = "rapporter/verksamhetsplan.html"

#: The budget N column when the plan shows budget N−1, N, N+1, N+2 (a plan shows only the
#: years with stored versions: see Verksamhetsplan.huvudkolumn).
HUVUDKOLUMN = 1


@dataclass
class InsatsAvsnitt:
    nummer: str
    insats: Insats
    kommuner: list[Medlem]
    bemanning: list[Bemanning]
    #: The board's decisions granting money for year N.
    beslut: list[Beslut]
    #: What the förbund budgets for the insats in year N (kr, positive), None if no line.
    budget: int | None
    #: N, the plan's year.
    ar: int = 0

    @property
    def ankare(self) -> str:
        return f"insats-{self.insats.pk}"

    @property
    def beskrivning_html(self):
        return markdown_html(self.insats.beskrivning)

    @property
    def summa_arsarbetare(self) -> Decimal:
        return sum((b.arsarbetare for b in self.bemanning), Decimal(0))

    @property
    def summa_finansierat(self) -> Decimal:
        return sum((b.finansierat_av_forbundet for b in self.bemanning), Decimal(0))

    @property
    def html(self):
        """The article about the insats (verksamhetsplan_html: written in Python)."""
        return insats_html(self)


@dataclass
class MalomradeAvsnitt:
    nummer: str
    malomrade: Malomrade
    insatser: list[InsatsAvsnitt]
    #: The year's goals (uppfoljning.Mal) with their planned activities prefetched.
    mal: list = field(default_factory=list)

    @property
    def ankare(self) -> str:
        return f"malomrade-{self.malomrade.pk}"

    @property
    def beskrivning_html(self):
        return markdown_html(self.malomrade.beskrivning)


@dataclass
class Stapel:
    """One bar, in SVG user units."""

    etikett: str
    belopp: int
    y: int
    bredd: int
    text_y: int
    varde_x: int


@dataclass
class Diagram:
    """A horizontal bar chart laid out here, so that the template only draws."""

    rubrik: str
    staplar: list[Stapel]

    BREDD = 640
    ETIKETTBREDD = 260
    STAPELYTA = 280
    RADHOJD = 19
    STAPELHOJD = 12

    @property
    def bredd(self) -> int:
        return self.BREDD

    @property
    def hojd(self) -> int:
        return self.RADHOJD * len(self.staplar) + 4

    @property
    def etikett_x(self) -> int:
        return self.ETIKETTBREDD - 8

    @property
    def stapel_x(self) -> int:
        return self.ETIKETTBREDD

    @property
    def stapelhojd(self) -> int:
        return self.STAPELHOJD

    @property
    def alt(self) -> str:
        """The chart's text alternative with every bar's amount (the SVG's title)."""
        return beskrivning(
            _("Stapeldiagram"),
            self.rubrik,
            [(s.etikett, [("", formatting.belopp(s.belopp))]) for s in self.staplar],
        )


@dataclass
class Verksamhetsplan:
    forbund: Forbund
    ar: int
    huvud: Budgetversion
    kolumner: list[Budgetkolumn]
    tabell: Budgettabell
    #: The table's rows, with group sums blank in columns without a stored version.
    rader: list[Tabellrad]
    medlemmar: list[Medlem]
    malomraden: list[MalomradeAvsnitt]
    diagram: Diagram | None
    #: Per column, None where the column has no stored version.
    summa_intakter: list[int | None] = field(default_factory=list)
    summa_kostnader: list[int | None] = field(default_factory=list)
    resultat: list[int | None] = field(default_factory=list)
    eget_kapital: list[int | None] = field(default_factory=list)
    individinsatser_andel: list[Decimal | None] = field(default_factory=list)
    visa_summa_intakter: bool = False
    utgava: Rapportutgava | None = None
    #: {avsnitt: safe HTML} of the kansli's texts.
    texter: dict = field(default_factory=dict)
    #: The board on 1 January of year N: [(member or None, [Fortroendevald, ...]), ...].
    styrelse: list = field(default_factory=list)
    ordforande: list = field(default_factory=list)
    #: The kansli's staff of year N (budget shares), None when none is registered.
    kansli: selectors_kansli.Kanslibemanning | None = None
    #: "Målgrupper och behov": the newest year's statistics before year N, a table per age
    #: group (uppfoljning.malgrupper), and a chart of the first table's shares per kommun.
    malgrupper: list[Malgruppstabell] = field(default_factory=list)
    malgrupper_diagram: str = ""
    #: Medel till förfogande of year N (budget.MedelTillForfogande), in the table's order.
    medel_till_forfogande: list = field(default_factory=list)

    @property
    def huvudkolumn(self) -> int:
        """The index of the budget N column."""
        return next(
            (i for i, k in enumerate(self.kolumner) if k.version == self.huvud), HUVUDKOLUMN
        )

    @property
    def planar(self) -> int:
        """How many plan years after N the document covers (0 for a one-year plan)."""
        return len(self.kolumner) - 1 - self.huvudkolumn

    @property
    def medel_fran_huvudmannen(self) -> int:
        """Budget N's intäkter: the year's allocation from the members."""
        return self.summa_intakter[self.huvudkolumn] or 0

    @property
    def medel_till_forfogande_summa(self) -> int | None:
        """Budget N's medel från huvudmännen (Summa intäkter) plus the transfers."""
        if not self.medel_till_forfogande:
            return None
        return self.medel_fran_huvudmannen + sum(m.belopp for m in self.medel_till_forfogande)

    @property
    def faststalld(self) -> bool:
        return self.utgava is not None and self.utgava.status == Rapportutgava.Status.FASTSTALLD

    @property
    def status_text(self) -> str:
        return self.beslutad

    @property
    def dokumentnamn(self) -> str:
        return _("Verksamhetsplan och budget")

    @property
    def period(self) -> str:
        return f"{self.ar}–{self.ar + self.planar}" if self.planar else str(self.ar)

    @property
    def titel(self) -> str:
        return f"{self.dokumentnamn} {self.period}"

    @property
    def filnamn(self) -> str:
        return f"verksamhetsplan-och-budget-{self.period.replace('–', '-')}.pdf"

    @property
    def beslutad(self) -> str:
        """'Beslutad av styrelsen 2024-11-22, § 57': the decision recorded when the edition
        was adopted, else the budget version's decision."""
        kalla = self.huvud
        if self.faststalld and self.utgava.beslutsdatum:
            kalla = self.utgava
        text = _("Beslutad av styrelsen %(datum)s") % {
            "datum": formatting.datum(kalla.beslutsdatum)
        }
        if kalla.paragraf:
            text += ", " + kalla.paragraf.replace(" ", formatting.NBSP)
        return text

    @property
    def eget_kapital_ar(self) -> list[int]:
        """The year each closing eget kapital belongs to (31 December of that year)."""
        return [self.ar - self.huvudkolumn + i for i in range(len(self.kolumner))]

    @property
    def kolumnkallor(self) -> list[str]:
        """Which stored version each column shows, for the note under the table."""
        kallor = []
        for kolumn in self.kolumner:
            v = kolumn.version
            if v is None:
                kallor.append(_("%(kolumn)s: saknas") % {"kolumn": kolumn.rubrik})
                continue
            text = _("%(kolumn)s: %(typ)s beslutad %(datum)s") % {
                "kolumn": kolumn.rubrik,
                "typ": v.get_typ_display().lower(),
                "datum": formatting.datum(v.beslutsdatum),
            }
            kallor.append(f"{text} {v.paragraf.replace(' ', formatting.NBSP)}".strip())
        return kallor

    @property
    def medlemstext(self) -> str:
        kommuner = [m.visningsnamn for m in self.medlemmar if m.ar_kommun]
        ovriga = [m.namn for m in self.medlemmar if not m.ar_kommun]
        if kommuner:
            ovriga.append(
                _("kommunerna %(namn)s") % {"namn": opraknad(kommuner)}
                if len(kommuner) > 1
                else _("%(namn)s kommun") % {"namn": kommuner[0]}
            )
        return _("Förbundets %(antal)s medlemmar är %(lista)s.") % {
            "antal": len(self.medlemmar),
            "lista": opraknad(ovriga),
        }

    @property
    def budgettext(self) -> list[str]:
        """The paragraphs under the table, from the budget N figures (amounts in tkr): how
        the year is financed, then the individinsatser's share."""
        i = self.huvudkolumn
        ar = self.ar
        kostnader = -(self.summa_kostnader[i] or 0)
        intakter = self.summa_intakter[i] or 0
        resultat = self.resultat[i] or 0
        meningar = [
            _(
                "För %(ar)s budgeterar förbundet för %(kostnader)s tkr i kostnader för "
                "samverkansinsatser och för förbundets styrning och förvaltning."
            )
            % {"ar": ar, "kostnader": formatting.tkr(kostnader)}
        ]
        if resultat < 0:
            meningar.append(
                _(
                    "Kostnaderna finansieras med årets intäkter %(intakter)s tkr samt genom att "
                    "nyttja %(underskott)s tkr av tidigare års upparbetade egna kapital."
                )
                % {"intakter": formatting.tkr(intakter), "underskott": formatting.tkr(-resultat)}
            )
        elif resultat > 0:
            meningar.append(
                _(
                    "Årets intäkter %(intakter)s tkr täcker kostnaderna, och budgeten ger ett "
                    "överskott på %(overskott)s tkr som ökar det egna kapitalet."
                )
                % {"intakter": formatting.tkr(intakter), "overskott": formatting.tkr(resultat)}
            )
        else:
            meningar.append(
                _("Kostnaderna finansieras helt med årets intäkter %(intakter)s tkr.")
                % {"intakter": formatting.tkr(intakter)}
            )
        if self.eget_kapital[i] is not None:
            meningar.append(
                _("Beräknat utgående eget kapital %(ar)s-12-31 är %(kapital)s tkr.")
                % {"ar": ar, "kapital": formatting.tkr(self.eget_kapital[i])}
            )
        stycken = [" ".join(meningar)]
        andel = self.individinsatser_andel[i]
        if andel is not None:
            mening = (
                _(
                    "Merparten av förbundets insatsmedel används för individinsatser, som utgör "
                    "%(andel)s av de direkta insatskostnaderna %(ar)s."
                )
                if andel > Decimal("0.5")
                else _("Individinsatserna utgör %(andel)s av de direkta insatskostnaderna %(ar)s.")
            )
            stycken.append(mening % {"andel": formatting.procent(andel), "ar": ar})
        return stycken

    @property
    def innehall(self) -> list[Innehall]:
        rader = [
            Innehall("1", self.forbund.namn, "forbundet"),
            Innehall("2", _("Styrelsens uppdrag"), "uppdrag"),
            Innehall("3", _("Vision, inriktning och strategier"), "vision"),
            Innehall("3.1", _("Vision"), "vision-text", niva=2),
            Innehall("3.2", _("Inriktning"), "inriktning", niva=2),
            Innehall("3.3", _("Strategier"), "strategier", niva=2),
            Innehall("4", _("Målgrupper och behov"), "malgrupper"),
            Innehall("5", _("Organisation"), "organisation"),
            Innehall("5.1", _("Styrelse"), "styrelse", niva=2),
            Innehall("5.2", _("Kansli"), "kansli", niva=2),
            Innehall("5.3", _("Ekonomi och administration"), "ekonomi", niva=2),
            Innehall("5.4", _("Samverkan och styrgrupper"), "samverkan", niva=2),
            Innehall("6", _("Målområden och verksamhet"), "verksamhet"),
        ]
        for mo in self.malomraden:
            rader.append(Innehall(mo.nummer, mo.malomrade.namn, mo.ankare, niva=2))
        rader.append(Innehall("7", _("Budget"), "budget"))
        return med_underrubriker(rader, self.texter, {"vision": "vision-text"})

    @property
    def antal_insatser(self) -> int:
        return sum(len(mo.insatser) for mo in self.malomraden)


def _insatsbudget(tabell: Budgettabell, huvudkolumn: int = HUVUDKOLUMN) -> dict[int, int]:
    """{insats_id: the förbund's budget N for it, kr, positive}."""
    per_insats: dict[int, int] = defaultdict(int)
    for rad in tabell.rader:
        if rad.typ == "rad" and rad.rad.insats_id and rad.belopp[huvudkolumn] is not None:
            per_insats[rad.rad.insats_id] -= rad.belopp[huvudkolumn]
    return per_insats


def _diagram(
    ar, tabell: Budgettabell, grupper: list[Budgetgrupp], huvudkolumn: int = HUVUDKOLUMN
) -> Diagram | None:
    """Budget N's costs per group (the group each line sits in), largest first."""
    per_id = {g.pk: g for g in grupper}

    def toppgrupp(g):
        while g.overordnad_id is not None and g.overordnad_id in per_id:
            g = per_id[g.overordnad_id]
        return g

    summor: dict[int, int] = defaultdict(int)
    for rad in tabell.rader:
        belopp = rad.belopp[huvudkolumn] if rad.typ == "rad" else None
        grupp = per_id.get(rad.rad.grupp_id) if rad.rad is not None else None
        if belopp is None or grupp is None:
            continue
        if toppgrupp(grupp).typ == Budgetgrupp.Typ.KOSTNAD:
            summor[grupp.pk] -= belopp
    poster = sorted(
        ((per_id[pk].namn, b) for pk, b in summor.items() if b > 0), key=lambda p: -p[1]
    )
    if not poster:
        return None
    storst = poster[0][1]
    staplar = []
    for i, (namn, belopp) in enumerate(poster):
        y = i * Diagram.RADHOJD + 2
        bredd = max(1, round(Diagram.STAPELYTA * belopp / storst))
        staplar.append(
            Stapel(
                etikett=namn,
                belopp=belopp,
                y=y,
                bredd=bredd,
                text_y=y + Diagram.STAPELHOJD - 3,
                varde_x=Diagram.ETIKETTBREDD + bredd + 6,
            )
        )
    return Diagram(
        rubrik=_("Kostnader per grupp, budget %(ar)s (kr)") % {"ar": ar}, staplar=staplar
    )


def _styrelse(forbund, ar):
    """The board on 1 January of year `ar`, per member in the members' order, and the
    chair(s). One query."""
    dag = date(ar, 1, 1)
    valda = (
        Fortroendevald.objects.filter(forbund=forbund, fran__lte=dag)
        .filter(Q(till__isnull=True) | Q(till__gte=dag))
        .exclude(uppdrag=Fortroendevald.Uppdrag.REVISOR)
        .select_related("medlem")
        .order_by(F("medlem__ordning").asc(nulls_last=True), "ordning", "namn")
    )
    per_medlem: dict = {}
    ordforande = []
    for v in valda:
        per_medlem.setdefault(v.medlem, []).append(v)
        if v.uppdrag in (
            Fortroendevald.Uppdrag.ORDFORANDE,
            Fortroendevald.Uppdrag.VICE_ORDFORANDE,
        ):
            ordforande.append(v)
    ordforande.sort(key=lambda v: v.uppdrag != Fortroendevald.Uppdrag.ORDFORANDE)
    return list(per_medlem.items()), ordforande


def _malgrupper(forbund, ar, *, diagram: bool = True) -> tuple[list[Malgruppstabell], str]:
    """The statistics of the newest year before `ar` and a bar chart of the kommuner's
    shares (or helårsekvivalenter, when no shares are stored) in the first age group
    (not drawn without `diagram`)."""
    statistikar = senaste_ar_fore(forbund, ar)
    if statistikar is None:
        return [], ""
    tabeller = malgruppstabeller(forbund, statistikar)
    if not tabeller or not diagram:
        return tabeller, ""
    t = tabeller[0]
    rader = t.ordnade
    if t.har_andel:
        varden = [float(r.andel) if r.andel is not None else None for r in rader]
        serie = _("Andel av befolkningen %(grupp)s (%%)") % {"grupp": t.aldersgrupp_text}
    else:
        varden = [float(r.summa) if r.summa is not None else None for r in rader]
        serie = _("Helårsekvivalenter %(grupp)s") % {"grupp": t.aldersgrupp_text}
    diagram = BarChart(
        title=_("Helårsekvivalenter per kommun %(ar)s") % {"ar": statistikar},
        categories=[r.medlem.visningsnamn for r in rader],
        series=[Series(serie, varden)],
        hidden_label="–",
    ).svg()
    return tabeller, diagram


@dataclass
class _Insatsfakta:
    """{insats pk: [...]} of what the plan shows about each insats."""

    kommuner: dict[int, list[Medlem]] = field(default_factory=dict)
    bemanning: dict[int, list[Bemanning]] = field(default_factory=dict)
    #: the decisions covering the year, each with `summa` (Beslut.belopp, read at once)
    beslut: dict[int, list[Beslut]] = field(default_factory=dict)


def _insatsfakta(insatser: list[int], ar: int) -> _Insatsfakta:
    """The kommuner served, the staffing and the decisions covering year `ar` of the
    insatser `insatser`, in three queries, grouped here: prefetch_related would make a
    queryset per insats and relation (most of the plan's time at national scale)."""
    fakta = _Insatsfakta()
    if not insatser:
        return fakta
    genom = Insats.kommuner.through.objects.filter(insats_id__in=insatser)
    # The members in their own order (Medlem.Meta.ordering, one förbund's).
    genom = genom.select_related("medlem").order_by("medlem__ordning", "medlem__namn", "pk")
    for rad in genom:
        fakta.kommuner.setdefault(rad.insats_id, []).append(rad.medlem)
    bemanning = Bemanning.objects.filter(insats_id__in=insatser).select_related("arbetsgivare")
    for b in bemanning.order_by("insats_id", "ordning", "pk"):
        fakta.bemanning.setdefault(b.insats_id, []).append(b)
    # Only the decisions the plan shows (those covering the year), each with its total.
    beslut = Beslut.objects.filter(insats_id__in=insatser, forsta_ar__lte=ar, sista_ar__gte=ar)
    beslut = beslut.annotate(summa=Coalesce(Sum("beslutsbelopp__belopp"), 0))
    for b in beslut.order_by("insats_id", "datum", "pk"):
        fakta.beslut.setdefault(b.insats_id, []).append(b)
    return fakta


def _mal_per_malomrade(forbund, ar) -> dict[int, list]:

    per: dict[int, list] = defaultdict(list)
    for mal in (
        Mal.objects.filter(forbund=forbund, ar=ar)
        .prefetch_related("aktiviteter")
        .order_by("ordning", "pk")
    ):
        per[mal.malomrade_id].append(mal)
    return per


def build_verksamhetsplan(
    forbund: Forbund,
    ar: int,
    *,
    utkast: dict[str, str] | None = None,
    for_kontroll: bool = False,
) -> Verksamhetsplan:
    """Everything the document shows. Raises RapportSaknas when year `ar` has no adopted
    budget. `for_kontroll`: only what the checklist and the texts' figures read (the start
    page's count of findings): the insatser without their facts, no goals, board, kansli,
    medel till förfogande or charts."""
    hel = not for_kontroll
    huvud, kolumner = verksamhetsplan_versioner(forbund, ar, endast_lagrade=True)
    if huvud is None:
        raise RapportSaknas(
            _("%(forbund)s har ingen beslutad budget för %(ar)s.")
            % {"forbund": forbund.namn, "ar": ar}
        )
    # The document's own table structure (budget.tabeller), else the budget tree.
    struktur = upplost_struktur(forbund, "verksamhetsplan", ar)
    tabell = budgettabell(forbund, kolumner, struktur=struktur)
    # Intäkter the structure hides (shown in Medel till förfogande) get no Summa intäkter row.
    dolda_intakter = struktur is not None and any(
        getattr(g, "dold", False) and g.typ == Budgetgrupp.Typ.INTAKT and g.overordnad_id is None
        for g in struktur.grupper
    )
    huvudkolumn = kolumner.index(next(k for k in kolumner if k.version == huvud))
    insatsbudget = _insatsbudget(tabell, huvudkolumn)
    # Column 0 closes at the estimated eget kapital at the start of N when it is N−1.
    ingaende = huvud.eget_kapital_ingaende
    if huvudkolumn == 0 and ingaende is not None and tabell.resultat[0] is not None:
        ingaende += tabell.resultat[0]

    insatser = Insats.objects.filter(forbund=forbund).aktiva_under(ar)
    if hel:
        insatser = insatser.select_related("malomrade", "agare")
    insatser = list(insatser)
    fakta = _insatsfakta([i.pk for i in insatser], ar) if hel else _Insatsfakta()
    per_malomrade = defaultdict(list)
    for insats in insatser:
        per_malomrade[insats.malomrade_id].append(insats)
    malomraden = []
    mal = _mal_per_malomrade(forbund, ar) if hel else {}
    for mo_nr, malomrade in enumerate(Malomrade.objects.filter(forbund=forbund), start=1):
        nummer = f"6.{mo_nr}"
        avsnitt = MalomradeAvsnitt(nummer, malomrade, [], mal=mal.get(malomrade.pk, []))
        for i_nr, insats in enumerate(per_malomrade[malomrade.pk], start=1):
            avsnitt.insatser.append(
                InsatsAvsnitt(
                    nummer=f"{nummer}.{i_nr}",
                    insats=insats,
                    kommuner=fakta.kommuner.get(insats.pk, []),
                    bemanning=fakta.bemanning.get(insats.pk, []),
                    beslut=fakta.beslut.get(insats.pk, []),
                    budget=insatsbudget.get(insats.pk),
                    ar=ar,
                )
            )
        malomraden.append(avsnitt)

    intakt_summarad = any(
        r.typ == "summa" and r.grupp.overordnad_id is None and r.grupp.typ == Budgetgrupp.Typ.INTAKT
        for r in tabell.rader
    )
    utgava = utgava_las(forbund, "verksamhetsplan", ar=ar)
    styrelse, ordforande = _styrelse(forbund, ar) if hel else ([], [])
    malgrupper, malgrupper_diagram = _malgrupper(forbund, ar, diagram=hel)
    rapport = Verksamhetsplan(
        malgrupper=malgrupper,
        malgrupper_diagram=malgrupper_diagram,
        utgava=utgava,
        texter={},
        styrelse=styrelse,
        ordforande=ordforande,
        kansli=selectors_kansli.bemanning(forbund, ar) if hel else None,
        forbund=forbund,
        ar=ar,
        huvud=huvud,
        kolumner=kolumner,
        tabell=tabell,
        rader=tabell.rader,
        medlemmar=list(forbund.medlemmar.all()),
        malomraden=malomraden,
        diagram=_diagram(ar, tabell, tabell.grupper, huvudkolumn) if hel else None,
        summa_intakter=tabell.summa_intakter,
        summa_kostnader=tabell.summa_kostnader,
        resultat=tabell.resultat,
        eget_kapital=tabell.utgaende_eget_kapital(ingaende),
        medel_till_forfogande=list(
            MedelTillForfogande.objects.filter(forbund=forbund, ar=ar).order_by("ordning", "pk")
        )
        if hel
        else [],
        individinsatser_andel=tabell.individinsatser_andel,
        visa_summa_intakter=not intakt_summarad and not dolda_intakter,
    )
    # The texts after the report: their named figures come from its figures.
    rapport.texter = texter_med_figurer(
        "verksamhetsplan", forbund, str(ar), rapport, FORVALDA, utkast
    )
    return rapport


#: Headings of the kansli's texts in the editor, in document order.
AVSNITT = {
    "forbundet": _("1 Förbundet"),
    "uppdrag": _("2 Styrelsens uppdrag"),
    "vision": _("3.1 Vision"),
    "inriktning": _("3.2 Inriktning"),
    "strategier": _("3.3 Strategier"),
    "malgrupper": _("4 Målgrupper och behov"),
    "styrelse": _("5.1 Styrelse"),
    "kansli": _("5.2 Kansli"),
    "ekonomi": _("5.3 Ekonomi och administration"),
    "samverkan": _("5.4 Samverkan och styrgrupper"),
    "verksamhet": _("6 Målområden och verksamhet: inledning"),
    "budget": _("7 Budget: kommentar"),
}
#: The kansli's texts: section key -> default (Markdown) saying what to write.
FORVALDA = {
    "forbundet": _(
        "*Beskriv förbundet kort: när det bildades, vilka medlemmarna är och vad förbundet "
        "finansierar.*"
    ),
    "uppdrag": _(
        "*Styrelsens uppdrag enligt lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser och förbundsordningen: besluta om mål och riktlinjer, "
        "stödja samverkan, finansiera insatser, följa upp och utvärdera.*"
    ),
    "vision": _("*Förbundets vision i en eller två meningar.*"),
    "inriktning": _("*Inriktningen för planperioden: vad förbundet prioriterar och varför.*"),
    "strategier": _("*Strategierna som leder mot visionen, gärna som en punktlista.*"),
    "malgrupper": _(
        "*Målgrupperna och deras behov: statistik om sjukskrivning, arbetslöshet och "
        "försörjningsstöd i förbundets kommuner, och vad den betyder för insatserna.*"
    ),
    "styrelse": _(
        "*Hur styrelsen arbetar: sammanträden, ordförandeberedning, medlemssamråd.* "
        "Styrelsens sammansättning framgår nedan."
    ),
    "kansli": _("*Kansliets bemanning och uppgifter.*"),
    "ekonomi": _("*Vem som sköter ekonomi, redovisning och administration, och hur.*"),
    "samverkan": _(
        "*Utvecklingsråd, beredningsgrupper och insatsernas styrgrupper: vilka som ingår "
        "och vad de gör.*"
    ),
    "verksamhet": "",
    "budget": "",
}


# --- the registry entry ----------------------------------------------------------------


def _bygg(forbund, nyckel, *, utkast=None):
    return build_verksamhetsplan(forbund, ar_nyckel(nyckel), utkast=utkast)


def _bygg_kontroll(forbund, nyckel, *, med_figurer=False):
    # The plan's figures (budget, insatser, members) are all in its checklist build.
    return build_verksamhetsplan(forbund, ar_nyckel(nyckel), for_kontroll=True)


def _kontroll(forbund, rapport: Verksamhetsplan) -> list[Varning]:
    ut = []
    if rapport.planar < 2:
        # The plan covers only the years with stored versions (a first year may have no plan).
        ut.append(
            Varning(
                _(
                    "Verksamhetsplanen omfattar %(period)s: det finns ingen plan för %(ar)s "
                    "beslutad senast med budgeten."
                )
                % {"period": rapport.period, "ar": rapport.ar + rapport.planar + 1},
                reverse("budget:overview"),
                _("Till budgeten"),
            )
        )
    for kolumn in rapport.kolumner:
        if kolumn.version is None:
            ut.append(
                Varning(
                    _("%(kolumn)s saknas: kolumnen blir tom.") % {"kolumn": kolumn.rubrik},
                    reverse("budget:overview"),
                    _("Till budgeten"),
                )
            )
    for kolumn, ek in zip(rapport.kolumner, rapport.eget_kapital, strict=False):
        if ek is not None and ek < 0:
            ut.append(
                Varning(
                    _("Beräknat utgående eget kapital blir negativt %(kolumn)s: %(ek)s.")
                    % {"kolumn": kolumn.rubrik.lower(), "ek": formatting.kr(ek)},
                    reverse("budget:overview"),
                    _("Till budgeten"),
                )
            )
    if not rapport.malgrupper:
        ut.append(
            Varning(
                _("Det finns ingen statistik om målgrupper och behov före %(ar)s.")
                % {"ar": rapport.ar},
                reverse("uppfoljning:malgrupp-index"),
                _("Till målgrupper och behov"),
            )
        )
    return ut


def _underlag(forbund, nyckel: str) -> list:
    """What an adopted verksamhetsplan locks: the budget versions of its columns, its table
    structure and medel till förfogande, the kansli staff of its first year and the
    target-group statistics it prints."""
    ar = ar_nyckel(nyckel)
    _huvud, kolumner = verksamhetsplan_versioner(forbund, ar, endast_lagrade=True)
    struktur = struktur_for(forbund, "verksamhetsplan", ar)
    objekt = [k.version for k in kolumner if k.version is not None]
    objekt += [struktur] if struktur is not None else []
    objekt += MedelTillForfogande.objects.filter(forbund=forbund, ar=ar)
    objekt += selectors_kansli.tjanster(forbund, ar)
    statistikar = senaste_ar_fore(forbund, ar)
    if statistikar is not None:
        objekt += list(Malgruppsstatistik.objects.filter(forbund=forbund, ar=statistikar))
    return objekt


def _utgavor(forbund) -> list[Utgavegrupp]:
    """Every year with an adopted budget, newest first."""
    ar = set(forbund.budgetversioner.filter(typ="budget").values_list("ar", flat=True))
    return [Utgavegrupp(None, [(None, str(a)) for a in sorted(ar, reverse=True)])]


def _kommando_argument(parser):
    parser.add_argument("--ar", type=int, required=True, help="Budgetåret, t.ex. 2025.")


DOKUMENTTYP = Dokumenttyp(
    kod="verksamhetsplan",
    namn=_("Verksamhetsplan och budget"),
    template=TEMPLATE,
    bygg=_bygg,
    avsnitt=AVSNITT,
    forvalda=FORVALDA,
    ar_per=ar_ar_per,
    url_segment="verksamhetsplan",
    url_route="<int:ar>/",
    url_namn="verksamhetsplan",
    nyckel_fran_url=lambda ar: str(ar),
    url_args=lambda nyckel: [int(nyckel)],
    utgavor=_utgavor,
    tom_text=_("Det finns ingen beslutad budget ännu."),
    kommando=Kommando(
        hjalp="Verksamhetsplan och budget: årets budget och plan för de två följande åren.",
        add_arguments=_kommando_argument,
        nyckel=lambda forbund, options: str(options["ar"]),
    ),
    kontroll=_kontroll,
    bygg_kontroll=_bygg_kontroll,
    underlag=_underlag,
    titel=lambda nyckel: (
        _("Verksamhetsplan och budget %(ar)s–%(sista)s") % {"ar": nyckel, "sista": int(nyckel) + 2}
    ),
    ordning=10,
)
