"""Delårsrapport per a date (normally 31 August): the board's work, the world around, the
follow-up of the year's goals, the first half-year's participants and the delår table.

    rapport = build_delarsrapport(forbund, date(2025, 8, 31))
    render_pdf(TEMPLATE, {"rapport": rapport})

Every figure is computed from stored data: the economy by `budget.utfall.selectors`
(the same table as the delår page), the participants by `uppfoljning.statistik.selectors` with
small-count protection (what the styrelse sees). The number of queries does not depend
on the number of insatser or goals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from budget.models import Budgetgrupp, Utfallsperiod
from budget.tabeller.struktur import struktur_for, upplost_struktur
from budget.utfall.selectors import Delarstabell, Utfallstabellrad, delarstabell, version_vid
from finsam import formatting
from finsam.charts import BarChart, Series
from finsam.markdown import markdown_html
from finsam.models import Forbund, Rapportutgava
from finsam.rapporter import RapportSaknas, deltagartabeller
from finsam.rapporter.diagram import budget_och_utfall
from finsam.rapporter.dokument import (
    DatumConverter,
    Dokumenttyp,
    Innehall,
    Kommando,
    Utgavegrupp,
    datum_ar_per,
    datum_nyckel,
)
from finsam.rapporter.utgava.figurer import figurtexter, fyll, okanda
from finsam.rapporter.utgava.kontroller import LAS as kontroller_las
from finsam.rapporter.utgava.kontroller import Varning, saknade_rapporter, utfallstabell
from finsam.rapporter.utgava.texter import (
    anvander_figurer,
    med_underrubriker,
    texter_markdown,
    texter_med_figurer,
    utgava_las,
)
from insatser.ekonomi.selectors import Finansieringslista, externfinansiering_under
from uppfoljning.models import Mal, Maluppfoljning, Rapportperiod
from uppfoljning.statistik import selectors as statistik
from uppfoljning.statistik.smatal import small_label
from uppfoljning.styrelse import selectors as styrelse_selectors

TEMPLATE = "rapporter/delarsrapport.html"
DOKUMENT = "delarsrapport"

#: The kansli's texts, with a starting point of our own where nothing is written yet.
FORVALDA_TEXTER = {
    "inledning": _(
        "*Inledning: förbundets uppdrag och vision i korthet, och vad delårsrapporten redovisar.*"
    ),
    "styrelsen": (
        "Styrelsen har under perioden haft ordinarie sammanträden enligt plan. "
        "*Beskriv här styrelsens möten, viktiga beslut och medlemssamråd under perioden.*"
    ),
    "omvarld": (
        "Läget på arbetsmarknaden påverkar förbundets målgrupper. "
        "*Beskriv här omvärldsförändringar som påverkar förbundet och dess medlemmar.*"
    ),
    "hosten": (
        "Under hösten fortsätter arbetet enligt verksamhetsplanen. "
        "*Beskriv här de aktiviteter som planeras under årets återstående månader.*"
    ),
}


@dataclass
class MalAvsnitt:
    mal: Mal
    aktiviteter: list
    uppfoljning: Maluppfoljning | None
    #: {namn: text} of the report's named figures: the follow-up text may quote them as
    #: {{namn}} like the kansli's section texts (set by build_delarsrapport).
    figurer: dict | None = None

    @property
    def okanda_figurer(self) -> list[str]:
        if not self.uppfoljning or self.figurer is None:
            return []
        return okanda(self.uppfoljning.utfall, self.figurer)

    @property
    def text_html(self):
        return markdown_html(self.mal.text)

    @property
    def bedomning(self) -> str:
        u = self.uppfoljning
        return u.get_bedomning_display() if u and u.bedomning else _("Ej bedömt")

    @property
    def bedomning_css(self) -> str:
        return (self.uppfoljning.bedomning if self.uppfoljning else "") or "ej-bedomt"

    @property
    def utfall_html(self):
        if not self.uppfoljning:
            return ""
        text = self.uppfoljning.utfall
        if self.figurer is not None:
            text = fyll(text, self.figurer)
        return markdown_html(text)


@dataclass
class MalomradeAvsnitt:
    nummer: str
    namn: str
    pk: int
    mal: list[MalAvsnitt] = field(default_factory=list)

    @property
    def ankare(self) -> str:
        return f"malomrade-{self.pk}"


@dataclass
class Delarsrapport:
    forbund: Forbund
    per: date
    utgava: Rapportutgava
    texter: dict[str, str]
    period: Utfallsperiod
    ekonomi: Delarstabell
    malomraden: list[MalomradeAvsnitt]
    #: The approved reports of the first half-year (protected), None without that period.
    statistik: statistik.Periodstatistik | None
    diagram_svg: str = ""
    smatal: str = ""
    budget_diagram: str = ""
    #: The rådgivande teams' figures and survey (finsam.rapporter.deltagartabeller).
    rmgt: list = field(default_factory=list)
    #: The board's meetings and medlemssamråd from 1 January to the report date.
    styrelsens_arbete: styrelse_selectors.Styrelsensarbete | None = None
    #: The important events of the same period.
    handelser: list = field(default_factory=list)
    #: External funding (ESF and the like) of insatser active from 1 January to `per`.
    externfinansiering: Finansieringslista | None = None
    #: Summa intäkter and Summa kostnader under the table (the table structure's choice).
    visa_totaler: bool = True

    @property
    def ar(self) -> int:
        return self.per.year

    @property
    def dokumentnamn(self) -> str:
        return _("Delårsrapport")

    @property
    def titel(self) -> str:
        return _("Delårsrapport per %(datum)s") % {"datum": formatting.datum(self.per)}

    @property
    def filnamn(self) -> str:
        return f"delarsrapport-{self.per.isoformat()}.pdf"

    @property
    def per_text(self) -> str:
        return formatting.datum(self.per)

    @property
    def faststalld(self) -> bool:
        return self.utgava.status == Rapportutgava.Status.FASTSTALLD

    @property
    def status_text(self) -> str:
        return self.beslutad

    @property
    def beslutad(self) -> str:
        """'Fastställd av styrelsen 2025-10-10, § 40', or 'Utkast'."""
        if not self.faststalld:
            return _("Utkast")
        text = _("Fastställd av styrelsen %(datum)s") % {
            "datum": formatting.datum(self.utgava.beslutsdatum)
        }
        if self.utgava.paragraf:
            text += ", " + self.utgava.paragraf.replace(" ", formatting.NBSP)
        return text

    # -- the economy ------------------------------------------------------------------

    @property
    def rader(self) -> list[Utfallstabellrad]:
        return self.ekonomi.tabell.rader

    @property
    def summa(self) -> dict[str, int | None]:
        return self.ekonomi.tabell.summa

    @property
    def summa_intakter(self) -> dict[str, int | None]:
        return self.ekonomi.tabell.summa_intakter

    @property
    def summa_kostnader(self) -> dict[str, int | None]:
        return self.ekonomi.tabell.summa_kostnader

    @property
    def visa_summa_intakter(self) -> bool:
        """False when the table already ends the intäkter with a top-level sum row."""
        return self.visa_totaler and not any(
            r.typ == "summa"
            and r.grupp.overordnad_id is None
            and r.grupp.typ == Budgetgrupp.Typ.INTAKT
            for r in self.rader
        )

    @property
    def kommentarer(self) -> list[tuple[str, str]]:
        return self.ekonomi.tabell.kommentarer

    @property
    def prognostext(self) -> str:
        """A sentence or two from the SUMMA row: result to date, prognos against budget."""
        s = self.summa
        budget, utfall = s.get("budget"), s.get("utfall")
        prognos, avvikelse = s.get("prognos"), s.get("avvikelse")
        meningar = []
        if utfall is not None:
            meningar.append(
                _("Resultatet per %(datum)s är %(utfall)s kr.")
                % {"datum": self.per_text, "utfall": formatting.belopp(utfall)}
            )
        if prognos is None:
            meningar.append(_("Någon prognos för helåret är inte lämnad."))
        elif budget is None or avvikelse is None:
            meningar.append(
                _("Prognosen för helåret är ett resultat på %(prognos)s kr.")
                % {"prognos": formatting.belopp(prognos)}
            )
        else:
            if avvikelse > 0:
                jamforelse = _("%(belopp)s kr bättre än") % {"belopp": formatting.belopp(avvikelse)}
            elif avvikelse < 0:
                jamforelse = _("%(belopp)s kr sämre än") % {"belopp": formatting.belopp(-avvikelse)}
            else:
                jamforelse = _("i nivå med")
            meningar.append(
                _(
                    "Prognosen för helåret %(ar)s är ett resultat på %(prognos)s kr, vilket är "
                    "%(jamforelse)s årsbudgetens %(budget)s kr."
                )
                % {
                    "ar": self.ar,
                    "prognos": formatting.belopp(prognos),
                    "jamforelse": jamforelse,
                    "budget": formatting.belopp(budget),
                }
            )
        return " ".join(meningar)

    # -- participants ------------------------------------------------------------------

    @property
    def har_deltagare(self) -> bool:
        return self.statistik is not None and self.statistik.har_data

    @property
    def deltagare(self):
        return self.statistik.per_insats["deltagare"] if self.har_deltagare else None

    @property
    def totals(self):
        return self.statistik.totals if self.har_deltagare else None

    @property
    def innehall(self) -> list[Innehall]:
        rader = [
            Innehall("", _("Inledning"), "inledning"),
            Innehall("1", _("Styrelsens arbete under perioden"), "styrelsen"),
            Innehall("2", _("Omvärlden"), "omvarld"),
            Innehall("3", _("Uppföljning av mål och aktiviteter"), "uppfoljning"),
        ]
        rader += [Innehall(mo.nummer, mo.namn, mo.ankare, niva=2) for mo in self.malomraden]
        rader += [
            Innehall("4", _("Deltagare första halvåret"), "deltagare"),
            Innehall("5", _("Planerade aktiviteter under hösten"), "hosten"),
            Innehall("6", _("Ekonomi"), "ekonomi"),
        ]
        return med_underrubriker(rader, self.texter)


def _malomraden(forbund: Forbund, ar: int) -> list[MalomradeAvsnitt]:
    """The year's goals per målområde with planned activities and the delår follow-up."""
    mal = (
        Mal.objects.filter(forbund=forbund, ar=ar)
        .select_related("malomrade")
        .prefetch_related("aktiviteter", "uppfoljningar")
        .order_by("malomrade__ordning", "malomrade__pk", "ordning", "pk")
    )
    per_omrade: dict[int, MalomradeAvsnitt] = {}
    for m in mal:
        avsnitt = per_omrade.get(m.malomrade_id)
        if avsnitt is None:
            avsnitt = per_omrade[m.malomrade_id] = MalomradeAvsnitt(
                nummer=f"3.{len(per_omrade) + 1}", namn=m.malomrade.namn, pk=m.malomrade_id
            )
        delar = next(
            (u for u in m.uppfoljningar.all() if u.tillfalle == Maluppfoljning.Tillfalle.DELAR),
            None,
        )
        avsnitt.mal.append(MalAvsnitt(m, list(m.aktiviteter.all()), delar))
    return list(per_omrade.values())


def _diagram(stat: statistik.Periodstatistik) -> str:
    """Deltagare per insats and kön: the protected figures, as the statistics page."""
    tabell = stat.per_insats["deltagare"]
    kon = statistik.kon_labels()
    chart = BarChart(
        title=_("Deltagare per insats och kön, jan–jun %(ar)s") % {"ar": stat.period.ar},
        categories=tabell.row_labels,
        series=[
            Series(kon[c], [tabell.shown(r, c) for r in range(tabell.n_rows)]) for c in range(3)
        ],
        hidden_label=small_label(stat.threshold),
    )
    return chart.svg()


def build_delarsrapport(
    forbund: Forbund,
    per: date,
    *,
    utkast: dict[str, str] | None = None,
    for_kontroll: bool = False,
    med_figurer: bool = False,
) -> Delarsrapport:
    """Everything the document shows. Raises RapportSaknas when `per` has no utfallsperiod.

    `utkast`: unsaved texts ({avsnitt: markdown}) to show instead of the stored ones.
    `for_kontroll`: only what the checklist and the texts' figures read (the start page's
    count of findings): no charts, board meetings, events or external funding.
    `med_figurer` (with `for_kontroll`): every named figure too, also when no text names
    one (the text editor's picker; Dokumenttyp.bygg_arbete)."""
    hel = not for_kontroll
    period = Utfallsperiod.objects.filter(forbund=forbund, per=per).first()
    if period is None:
        raise RapportSaknas(
            _("%(forbund)s har inget utfall per %(datum)s.")
            % {"forbund": forbund.namn, "datum": formatting.datum(per)}
        )
    utgava = utgava_las(forbund, DOKUMENT, ar=per.year, per=per)
    # The document's own table structure (budget.tabeller), else the budget tree.
    struktur = upplost_struktur(forbund, "delarsrapport", period.per.year)
    ekonomi = delarstabell(period, struktur=struktur)
    malomraden = _malomraden(forbund, per.year)
    mal = [m for mo in malomraden for m in mo.mal]
    # The checklist needs the statistics only for the figures, and those only when a text
    # or a goal's follow-up names one.
    markdown = None if hel else texter_markdown(utgava, FORVALDA_TEXTER)
    figurer = (
        hel
        or med_figurer
        or anvander_figurer(
            *markdown.values(), *(m.uppfoljning.utfall for m in mal if m.uppfoljning)
        )
    )
    rapportperiod = (
        Rapportperiod.objects.filter(forbund=forbund, ar=per.year, typ=Rapportperiod.Typ.H1).first()
        if figurer
        else None
    )
    stat = None
    diagram_svg = ""
    if rapportperiod is not None:
        stat = statistik.period_statistik(
            forbund, rapportperiod, protected=True, alla_perioder=[rapportperiod], med_trend=False
        )
        if stat.har_data and hel:
            diagram_svg = _diagram(stat)
    rapport = Delarsrapport(
        forbund=forbund,
        per=per,
        utgava=utgava,
        texter={},
        period=period,
        ekonomi=ekonomi,
        budget_diagram=budget_och_utfall(
            ekonomi.tabell,
            utfall="utfall",
            prognos=True,
            titel=_("Budget, utfall och prognos per grupp %(ar)s (tkr)") % {"ar": per.year},
        )
        if hel
        else "",
        malomraden=malomraden,
        statistik=stat,
        rmgt=deltagartabeller.rmgt(stat),
        diagram_svg=diagram_svg,
        smatal=small_label(forbund.smatal_grans),
        styrelsens_arbete=styrelse_selectors.styrelsens_arbete(forbund, date(per.year, 1, 1), per)
        if hel
        else None,
        handelser=styrelse_selectors.handelser(forbund, date(per.year, 1, 1), per) if hel else [],
        externfinansiering=externfinansiering_under(forbund, date(per.year, 1, 1), per)
        if hel
        else None,
        visa_totaler=struktur is None or struktur.struktur.visa_totaler,
    )
    if figurer:
        rapport.deltagarperiod = rapportperiod  # for the checklist (saknade_rapporter)
    # The texts after the report: their named figures come from its figures.
    rapport.texter = texter_med_figurer(
        DOKUMENT, forbund, per.isoformat(), rapport, FORVALDA_TEXTER, utkast, markdown=markdown
    )
    # A follow-up without a name prints the same and has none unknown without the figures.
    varden = (
        figurtexter(DOKUMENT, forbund, per.isoformat(), rapport)
        if anvander_figurer(*(m.uppfoljning.utfall for m in mal if m.uppfoljning))
        else {}
    )
    for m in mal:
        m.figurer = varden
    if stat is not None:
        # Every table, share and figure is built: the raw figures per insats, measure and
        # kön go, so the kept edition (Dokumenttyp.bygg_lagrad) pickles without them.
        stat.utan_radata()
    return rapport


#: Headings of the kansli's texts in the editor, in document order.
AVSNITT = {
    "inledning": _("Inledning"),
    "styrelsen": _("Styrelsens arbete under perioden"),
    "omvarld": _("Omvärld"),
    "hosten": _("Planerade aktiviteter resten av året"),
}


# --- the registry entry ----------------------------------------------------------------


def _bygg(forbund, nyckel, *, utkast=None):
    return build_delarsrapport(forbund, datum_nyckel(nyckel), utkast=utkast)


def _bygg_kontroll(forbund, nyckel, *, med_figurer=False):
    return build_delarsrapport(
        forbund, datum_nyckel(nyckel), for_kontroll=True, med_figurer=med_figurer
    )


def _kontroll(forbund, rapport: Delarsrapport) -> list[Varning]:
    ekonomi = rapport.ekonomi
    ut = saknade_rapporter(
        forbund,
        rapport.per.year,
        Rapportperiod.Typ.H1,
        period=getattr(rapport, "deltagarperiod", kontroller_las),
    )
    ut += utfallstabell(
        ekonomi.tabell,
        version=ekonomi.version,
        period=ekonomi.period,
        utfall="utfall",
        med_kommentar=True,
    )
    for mo in rapport.malomraden:
        for m in mo.mal:
            if saknas := m.okanda_figurer:
                ut.append(
                    Varning(
                        _(
                            "Uppföljningen av målet ”%(mal)s” använder siffror som rapporten "
                            "inte känner till: %(namn)s."
                        )
                        % {
                            "mal": m.mal.text[:60],
                            "namn": ", ".join("{{" + n + "}}" for n in saknas),
                        },
                        reverse("uppfoljning:mal-uppfoljning", args=[m.mal.pk, "delar"]),
                        _("Rätta uppföljningen"),
                        blockerande=True,
                    )
                )
    return ut


def _underlag(forbund, nyckel: str) -> list:
    """What an adopted delårsrapport locks: its utfallsperiod, the budget version then, and
    the board's meetings and the important events it prints."""
    per = datum_nyckel(nyckel)
    objekt = list(Utfallsperiod.objects.filter(forbund=forbund, per=per))
    v = version_vid(forbund.pk, per)
    objekt += styrelse_selectors.styrelsens_arbete(forbund, date(per.year, 1, 1), per).moten
    objekt += styrelse_selectors.handelser(forbund, date(per.year, 1, 1), per)
    objekt += externfinansiering_under(forbund, date(per.year, 1, 1), per).rader
    struktur = struktur_for(forbund, "delarsrapport", per.year)
    return objekt + ([v] if v is not None else []) + ([struktur] if struktur is not None else [])


def _utgavor(forbund) -> list[Utgavegrupp]:
    """Every delår utfallsperiod, newest first."""
    per = (
        Utfallsperiod.objects.filter(forbund=forbund, typ=Utfallsperiod.Typ.DELAR)
        .order_by("-per")
        .values_list("per", flat=True)
    )
    return [Utgavegrupp(None, [(None, p.isoformat()) for p in per])]


def _kommando_argument(parser):
    parser.add_argument(
        "--per", type=date.fromisoformat, required=True, help="Datumet, t.ex. 2025-08-31."
    )


DOKUMENTTYP = Dokumenttyp(
    kod=DOKUMENT,
    namn=_("Delårsrapport"),
    template=TEMPLATE,
    bygg=_bygg,
    avsnitt=AVSNITT,
    forvalda=FORVALDA_TEXTER,
    ar_per=datum_ar_per,
    url_segment="delarsrapport",
    url_route="<delarsdatum:per>/",
    url_konverterare={"delarsdatum": DatumConverter},
    url_namn="delarsrapport",
    nyckel_fran_url=lambda per: per.isoformat(),
    url_args=lambda nyckel: [nyckel],
    utgavor=_utgavor,
    tom_text=_("Det finns inget delårsutfall ännu (Ekonomi → Utfall och prognos)."),
    kommando=Kommando(
        hjalp="Delårsrapport: uppföljning av mål, deltagare och ekonomi per ett datum.",
        add_arguments=_kommando_argument,
        nyckel=lambda forbund, options: options["per"].isoformat(),
    ),
    kontroll=_kontroll,
    bygg_kontroll=_bygg_kontroll,
    underlag=_underlag,
    titel=lambda nyckel: _("Delårsrapport per %(datum)s") % {"datum": nyckel},
    ordning=20,
)
