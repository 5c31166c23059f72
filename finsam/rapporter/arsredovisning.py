"""Årsredovisning for year N: förvaltningsberättelse, resultaträkning, balansräkning,
kassaflödesanalys, driftredovisning, noter and signatures.

    rapport = build_arsredovisning(forbund, 2025)
    render_pdf(TEMPLATE, {"rapport": rapport})

Every figure comes from the selectors (budget.bokslut.selectors, selectors_utfall,
selectors_medel, uppfoljning.statistik.selectors with protected figures, selectors_ovrigt); nothing
is recomputed here except the sums of Not 2 and Not 3 that the published document prints.
The number of queries does not depend on the number of insatser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from budget.bokslut import selectors as selectors_bokslut
from budget.kansli import selectors as selectors_kansli
from budget.medel import selectors as selectors_medel
from budget.models import Bokslut, Budgetgrupp, Budgetrad, Medelstilldelning, Utfallsperiod
from budget.tabeller.struktur import struktur_for, upplost_struktur
from budget.utfall import selectors as selectors_utfall
from finsam import charts, formatting
from finsam.markdown import markdown_html
from finsam.models import Forbund, Medlem, Rapportutgava
from finsam.rapporter import RapportSaknas, deltagartabeller
from finsam.rapporter.arsredovisning_html import drift_html
from finsam.rapporter.diagram import budget_och_utfall, per_kon
from finsam.rapporter.dokument import (
    Dokumenttyp,
    Innehall,
    Kommando,
    Utgavegrupp,
    ar_ar_per,
    ar_nyckel,
)
from finsam.rapporter.utgava.figurer import figurtexter, fyll
from finsam.rapporter.utgava.kontroller import LAS as kontroller_las
from finsam.rapporter.utgava.kontroller import Varning, saknade_rapporter, utfallstabell
from finsam.rapporter.utgava.texter import (
    UtgavansStatus,
    anvander_figurer,
    med_underrubriker,
    texter_markdown,
    texter_med_figurer,
    utgava_las,
)
from finsam.selectors import fortroendevalda_vid
from insatser.ekonomi.selectors import Finansieringslista, externfinansiering_under
from uppfoljning.models import Aktivitet, Rapportperiod
from uppfoljning.statistik import selectors as statistik
from uppfoljning.styrelse import selectors as selectors_styrelse
from uppfoljning.verksamhet import selectors as selectors_ovrigt

TEMPLATE = "rapporter/arsredovisning.html"

#: Where a text's sub-headings go (texter.med_underrubriker): a contents row's anchor, or
#: (number, level) of a section the contents list leaves out (the template's numbers).
TEXTERNAS_AVSNITT = {
    "inledning": "forvaltning",
    "oversikt": "femar",
    "viktiga_forhallanden": "viktiga",
    "forvantad_utveckling": "forvantad",
    "not1": ("", 2),
}
DOKUMENT = "arsredovisning"

#: The kansli's texts: section key -> default (Markdown) saying what to write.
FORVALDA = {
    "forord": _(
        "*Ordförandes förord: skriv om årets viktigaste händelser, samverkan mellan "
        "medlemmarna och blicken framåt. Avsluta med ordförandes namn.*"
    ),
    "inledning": _(
        "Årsredovisningen innehåller en översiktlig redogörelse för resultat och "
        "verksamhetsutveckling samt förbundets ekonomiska ställning."
    ),
    "organisation": _(
        "*Beskriv styrelsen, ordförandeberedningen, kansliet, beredningsgrupper och vilka "
        "tjänster förbundet köper.*"
    ),
    "uppdrag": _(
        "*Beskriv ändamål och uppdrag enligt lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser och förbundsordningen.*"
    ),
    "finansiering": _(
        "*Beskriv hur förbundet finansieras (staten hälften, regionen och kommunerna resten) "
        "och årets medelstilldelning.*"
    ),
    "vision": _("*Förbundets verksamhetsidé och vision.*"),
    "oversikt": _("*Kommentera utvecklingen över fem år.*"),
    "viktiga_forhallanden": _(
        "*Viktiga förhållanden för resultat och ekonomisk ställning: omvärld, arbetsmarknad, "
        "förbrukning av beviljade medel.*"
    ),
    "handelser": _("*Händelser av väsentlig betydelse under året.*"),
    "styrning": _("*Hur styrelsen styr och följer upp verksamheten (årshjul, styrgrupper).*"),
    "hushallning": _(
        "*God ekonomisk hushållning: bedöm måluppfyllelse och ekonomisk ställning, och "
        "kommentera kostnadsfördelningen och det egna kapitalet nedan.*"
    ),
    "uppfoljning": _("*Inledning till uppföljningen per målområde.*"),
    "deltagare": _("*Kommentera målgrupp och resultat för individinsatserna.*"),
    "strukturella": _("*Kommentera de strukturella insatserna och aktiviteterna.*"),
    "indikatorer": _("*Beskriv Indikatorer för finansiell samordning och vad svaren visar.*"),
    "balanskrav": _("*Balanskravsresultat: kommentera årets resultat mot balanskravet.*"),
    "personal": _("*Väsentliga personalförhållanden: antal anställda, sjukfrånvaro, byten.*"),
    "forvantad_utveckling": _("*Förväntad utveckling de kommande åren.*"),
    "not1": _(
        "Årsredovisningen är i tillämpliga delar upprättad i enlighet med lag (2018:597) om "
        "kommunal bokföring och redovisning samt rekommendationer från Rådet för kommunal "
        "redovisning. Vissa anpassningar har gjorts till FINSAM:s verksamhet."
    ),
    "styrelsen": _(
        "Vi intygar att årsredovisningen ger en rättvisande bild av verksamhetens resultat "
        "samt kostnader, intäkter och förbundets ekonomiska ställning."
    ),
    "revisorer": _(
        "*Förbundets revisorer: namn, titel och vem som utsett dem (regionen och kommunerna "
        "respektive staten).* Våra revisionsberättelser har avgivits den dag som framgår av "
        "våra underskrifter."
    ),
}


@dataclass
class Notpost:
    etikett: str
    belopp: int | None
    foregaende: int | None = None
    summa: bool = False


@dataclass
class Femarsrad:
    etikett: str
    varden: list[str]


@dataclass
class Arsredovisningsdokument(UtgavansStatus):
    forbund: Forbund
    ar: int
    utgava: Rapportutgava
    texter: dict
    bokslut: selectors_bokslut.Arsredovisning
    drift: selectors_utfall.Driftredovisning | None
    medlemmar: list[Medlem]
    not2: list[Notpost]
    not2_avstamning: list[str]
    not3: list[Notpost]
    not3_avstamning: list[str]
    femar: list[Femarsrad]
    femar_ar: list[int]
    femar_diagram: str
    statistik: statistik.Periodstatistik | None
    aktiviteter: selectors_ovrigt.Aktivitetstabell
    indikatorer: list
    indikatorbedomningar: list
    malomraden: list
    medelstilldelning: int | None = None
    #: finsam.selectors.Styrelsesammansattning on the day of signing (see _underskriftsdag).
    styrelse: object = None
    budget_diagram: str = ""
    deltagare_diagram: str = ""
    avslut_diagram: str = ""
    #: The year's board meetings and medlemssamråd, the important events, the kansli's
    #: staff and its cost split between administration and processtöd.
    styrelsens_arbete: selectors_styrelse.Styrelsensarbete | None = None
    handelser: list | None = None
    kansli: selectors_kansli.Kanslibemanning | None = None
    kanslikostnad: selectors_kansli.Kanslikostnad | None = None
    #: Participants' average time in the insats and education, the RMGT survey
    #: (finsam.rapporter.deltagartabeller, from the protected statistics).
    tid_i_insatsen: deltagartabeller.Tabell | None = None
    utbildning: deltagartabeller.Tabell | None = None
    rmgt: list = field(default_factory=list)
    #: External funding (ESF and the like) of insatser active during the year, in 1.12.
    externfinansiering: Finansieringslista | None = None

    @property
    def drift_html(self) -> SafeString:
        """The driftredovisning's table (arsredovisning_html: written in Python)."""
        return drift_html(self.drift, self.ar) if self.drift is not None else mark_safe("")

    @property
    def bedomningar_har_kommentar(self) -> bool:
        return any(b.kommentar for b in self.indikatorbedomningar)

    @property
    def innehall(self) -> list[Innehall]:
        rader = [
            Innehall("", _("Ordförandes förord"), "forord"),
            Innehall("1", _("Förvaltningsberättelse"), "forvaltning"),
        ]
        for nr, rubrik, ankare in [
            ("1.1", _("Organisation"), "organisation"),
            ("1.2", _("Uppdrag"), "uppdrag"),
            ("1.3", _("Finansiering"), "finansiering"),
            ("1.4", _("Verksamhetsidé och vision"), "vision"),
            ("1.5", _("Översikt över verksamhetens utveckling"), "femar"),
            ("1.6", _("Viktiga förhållanden för resultat och ekonomisk ställning"), "viktiga"),
            ("1.7", _("Händelser av väsentlig betydelse"), "handelser"),
            ("1.8", _("Styrning och uppföljning av verksamheten"), "styrning"),
            ("1.9", _("God ekonomisk hushållning"), "hushallning"),
            ("1.10", _("Uppföljning av verksamheten"), "uppfoljning"),
            ("1.11", _("Målgrupp och resultat för individinsatser"), "deltagare"),
            ("1.12", _("Strukturella insatser"), "strukturella"),
            ("1.13", _("Indikatorer för finansiell samordning"), "indikatorer"),
            ("1.14", _("Balanskravsresultat"), "balanskrav"),
            ("1.15", _("Väsentliga personalförhållanden"), "personal"),
            ("1.16", _("Förväntad utveckling"), "forvantad"),
        ]:
            rader.append(Innehall(nr, rubrik, ankare, niva=2))
        rader += [
            Innehall("2", _("Resultaträkning"), "resultatrakning"),
            Innehall("3", _("Balansräkning"), "balansrakning"),
            Innehall("4", _("Kassaflödesanalys"), "kassaflode"),
            Innehall("5", _("Driftredovisning"), "driftredovisning"),
            Innehall("6", _("Noter"), "noter"),
            Innehall("7", _("Styrelsens underskrift"), "underskrifter"),
            Innehall("8", _("Revisorernas underskrift"), "revisorer"),
        ]
        return med_underrubriker(rader, self.texter, TEXTERNAS_AVSNITT)

    @property
    def dokumentnamn(self) -> str:
        return _("Årsredovisning")

    @property
    def titel(self) -> str:
        return f"{self.dokumentnamn} {self.ar}"

    @property
    def filnamn(self) -> str:
        return f"arsredovisning-{self.ar}.pdf"

    @property
    def aktuell(self):
        return self.bokslut.aktuell

    @property
    def foregaende(self):
        return self.bokslut.foregaende

    @property
    def avvikelser(self):
        return self.bokslut.avvikelser

    @property
    def ek_tak(self):
        return self.bokslut.ek_tak

    @property
    def kommuner(self) -> list[Medlem]:
        return [m for m in self.medlemmar if m.ar_kommun]


def _not2(aktuell, foregaende, fordelning, fordelning_f, drift) -> tuple[list[Notpost], list[str]]:
    """Driftbidrag per member from the medelstilldelning, övriga intäkter from the utfall
    (intäkter booked outside the income group), summed; checked against the RR."""
    rader: list[Notpost] = []
    if fordelning is not None:
        for d in fordelning.rader:
            tidigare = None
            if fordelning_f is not None:
                if d.typ == "stat":
                    tidigare = fordelning_f.staten
                elif d.typ == "region":
                    tidigare = fordelning_f.region
                elif d.medlem is not None:
                    tidigare = fordelning_f.belopp_for(d.medlem.pk)
            if d.typ == "stat":
                etikett = _("Driftbidrag från staten")
            elif d.typ == "region" and d.medlem is not None:
                etikett = _("Driftbidrag från %(namn)s") % {"namn": d.medlem.namn}
            else:
                namn = d.medlem.namn if d.medlem is not None else d.etikett
                etikett = _("Driftbidrag %(namn)s") % {"namn": namn}
            rader.append(Notpost(etikett, d.belopp, tidigare))
    ovriga = ovriga_f = None
    if drift is not None:
        ovriga, ovriga_f = 0, 0
        for r in drift.tabell.linjer:
            if r.topptyp != Budgetgrupp.Typ.INTAKT:
                ovriga += r.varden.get("intakt") or 0
                ovriga_f += r.varden.get("f_intakt") or 0
        if drift.foregaende is None:
            ovriga_f = None
    rader.append(Notpost(_("Övriga intäkter"), ovriga, ovriga_f))
    summa = (fordelning.total if fordelning else 0) + (ovriga or 0)
    summa_f = None
    if fordelning_f is not None or ovriga_f is not None:
        summa_f = (fordelning_f.total if fordelning_f else 0) + (ovriga_f or 0)
    rader.append(Notpost(_("Summa"), summa, summa_f, summa=True))
    avstamning = []
    for ar, belopp, bokslut in (
        (aktuell.ar, summa, aktuell),
        (aktuell.ar - 1, summa_f, foregaende),
    ):
        if bokslut is None or belopp is None:
            continue
        if belopp != bokslut.verksamhetens_intakter:
            avstamning.append(
                _(
                    "%(ar)s: driftbidragen enligt medelstilldelningen och övriga intäkter enligt "
                    "utfallet är %(not)s, men verksamhetens intäkter i resultaträkningen är "
                    "%(rr)s (skillnad %(diff)s)."
                )
                % {
                    "ar": ar,
                    "not": formatting.kr(belopp),
                    "rr": formatting.kr(bokslut.verksamhetens_intakter),
                    "diff": formatting.kr(belopp - bokslut.verksamhetens_intakter),
                }
            )
    return rader, avstamning


NOT3_ETIKETTER = {
    Budgetrad.Kategori.INDIVIDINSATSER: _("Individinsatser"),
    Budgetrad.Kategori.STRUKTURELLA: _("Strukturpåverkande insatser"),
    Budgetrad.Kategori.PROCESSTOD: _("Processtöd samverkansinsatser"),
    Budgetrad.Kategori.ADMINISTRATION: _("Administrativa kostnader"),
}


def _not3(aktuell, foregaende, drift) -> tuple[list[Notpost], list[str]]:
    """Kostnader per category, from the kostnadsfördelning (the utfall lines' kostnader)."""
    if drift is None:
        return [], [_("Det finns inget utfall per 31 december att fördela kostnaderna på.")]
    per_etikett = {a.etikett: a for a in drift.kostnadsfordelning}
    per_kat = {k: per_etikett.get(str(k.label)) for k in Budgetrad.Kategori}
    utan = [a for a in drift.kostnadsfordelning if a.etikett not in {str(k.label) for k in per_kat}]

    def rad(kat):
        a = per_kat[kat]
        return Notpost(NOT3_ETIKETTER[kat], a.utfall if a else 0, a.foregaende if a else None)

    direkta = [rad(k) for k in Budgetrad.INSATSKATEGORIER]
    har_f = drift.foregaende is not None

    def summa(rader):
        s = sum(r.belopp or 0 for r in rader)
        sf = sum(r.foregaende or 0 for r in rader) if har_f else None
        return s, sf

    s, sf = summa(direkta)
    rader = [*direkta, Notpost(_("Summa direkta insatskostnader"), s, sf, summa=True)]
    rader.append(rad(Budgetrad.Kategori.ADMINISTRATION))
    rader += [Notpost(a.etikett, a.utfall, a.foregaende) for a in utan]
    tot, tot_f = summa([r for r in rader if not r.summa])
    rader.append(Notpost(_("Summa verksamhetens kostnader"), tot, tot_f, summa=True))
    avstamning = []
    for ar, belopp, b in ((aktuell.ar, tot, aktuell), (aktuell.ar - 1, tot_f, foregaende)):
        if b is not None and belopp is not None and belopp != b.verksamhetens_kostnader:
            avstamning.append(
                _(
                    "%(ar)s: kostnaderna per grupp summerar till %(not)s men verksamhetens "
                    "kostnader i resultaträkningen är %(rr)s."
                )
                % {
                    "ar": ar,
                    "not": formatting.kr(belopp),
                    "rr": formatting.kr(b.verksamhetens_kostnader),
                }
            )
    return rader, avstamning


def _femar(femar) -> tuple[list[Femarsrad], list[int], str]:
    ar = [a.ar for a in femar]
    rader = [
        Femarsrad(
            _("Verksamhetens intäkter (tkr)"),
            [formatting.tkr(a.verksamhetens_intakter) for a in femar],
        ),
        Femarsrad(
            _("Verksamhetens kostnader (tkr)"),
            [formatting.tkr(a.verksamhetens_kostnader) for a in femar],
        ),
        Femarsrad(_("Årets resultat (tkr)"), [formatting.tkr(a.arets_resultat) for a in femar]),
        Femarsrad(_("Eget kapital (tkr)"), [formatting.tkr(a.summa_eget_kapital) for a in femar]),
        Femarsrad(_("Soliditet"), [formatting.procent(a.soliditet) for a in femar]),
        Femarsrad(
            _("Antal anställda"),
            [
                "–" if a.antal_anstallda_avrundat is None else str(a.antal_anstallda_avrundat)
                for a in femar
            ],
        ),
    ]
    kronologisk = list(reversed(femar))
    diagram = charts.BarChart(
        title=_("Verksamhetens intäkter och kostnader (tkr)"),
        categories=[str(a.ar) for a in kronologisk],
        series=[
            charts.Series(
                _("Intäkter"), [formatting.till_tkr(a.verksamhetens_intakter) for a in kronologisk]
            ),
            charts.Series(
                _("Kostnader"),
                [formatting.till_tkr(-a.verksamhetens_kostnader) for a in kronologisk],
            ),
        ],
        label_width=60,
    )
    return rader, ar, diagram.svg()


def _fordelning(mt, m):
    if mt is None:
        return None
    try:
        return selectors_medel.fordelning(mt, m)
    except ValidationError:
        return None


def _underskriftsdag(utgava, ar: int) -> date:
    """The board that signs is the one in office when it adopts the årsredovisning: the
    decision date once adopted, else 31 March of the following year (the usual deadline)."""
    return utgava.beslutsdatum or date(ar + 1, 3, 31)


def build_arsredovisning(
    forbund: Forbund,
    ar: int,
    *,
    utkast: dict[str, str] | None = None,
    for_kontroll: bool = False,
    med_figurer: bool = False,
) -> Arsredovisningsdokument:
    """Everything the document shows. Raises RapportSaknas when year `ar` has no bokslut.

    `utkast`: unsaved texts ({avsnitt: markdown}) to show instead of the stored ones.
    `for_kontroll`: only what the checklist and the texts' figures read (the start page's
    count of findings): no charts, signatures, board, kansli, indicators, goals or
    external funding. `med_figurer` (with `for_kontroll`): every named figure too, also
    when no text names one (the text editor's picker; Dokumenttyp.bygg_arbete)."""
    hel = not for_kontroll
    # This year's and last year's medelstilldelning (the notes; the bokslut's ceiling on
    # eget kapital is this year's), read once.
    medel = (
        {mt.ar: mt for mt in Medelstilldelning.objects.filter(forbund=forbund, ar__in=[ar, ar - 1])}
        if hel
        else {}
    )
    bokslut = (
        selectors_bokslut.arsredovisning(forbund, ar, medel=medel.get(ar))
        if hel
        else selectors_bokslut.arsredovisning(forbund, ar)
    )
    if bokslut is None:
        raise RapportSaknas(
            _("%(forbund)s har inget bokslut för %(ar)s.") % {"forbund": forbund.namn, "ar": ar}
        )
    utgava = utgava_las(forbund, DOKUMENT, ar=ar)
    # The document's own table structure (budget.tabeller), else the budget tree.
    # The bokslut of the year and the year before, as bokslut_ar read them.
    lasta_bokslut = {a.ar: a.bokslut for a in (bokslut.aktuell, bokslut.foregaende) if a}
    drift = selectors_utfall.driftredovisning(
        forbund,
        ar,
        struktur=upplost_struktur(forbund, "arsredovisning", ar),
        bokslut=lasta_bokslut,
    )

    # The checklist needs the figures (members, statistics, activities) only when a text
    # names one; the notes and the five years are the document's alone.
    markdown = None if hel else texter_markdown(utgava, FORVALDA)
    figurer = hel or med_figurer or anvander_figurer(*markdown.values())
    m = selectors_medel.Medlemmar(None, None, [])
    not2 = not2_avst = not3 = not3_avst = femar = femar_ar = []
    femar_diagram = ""
    if figurer:
        m = selectors_medel.medlemmar(forbund.pk)
    if hel:
        fordelning = _fordelning(medel.get(ar), m)
        fordelning_f = _fordelning(medel.get(ar - 1), m)
        f_bokslut = bokslut.foregaende
        not2, not2_avst = _not2(bokslut.aktuell, f_bokslut, fordelning, fordelning_f, drift)
        not3, not3_avst = _not3(bokslut.aktuell, bokslut.foregaende, drift)
        femar, femar_ar, femar_diagram = _femar(bokslut.femar)

    period = (
        Rapportperiod.objects.filter(forbund=forbund, ar=ar, typ=Rapportperiod.Typ.HELAR).first()
        if figurer
        else None
    )
    stat = (
        statistik.period_statistik(forbund, period, protected=True, med_trend=False)
        if period
        else None
    )
    med_data = stat if stat is not None and stat.har_data else None
    kansli = selectors_kansli.bemanning(forbund, ar) if hel else None
    diagram = hel and stat is not None and stat.har_data

    rapport = Arsredovisningsdokument(
        tid_i_insatsen=deltagartabeller.tid_i_insatsen(med_data),
        utbildning=deltagartabeller.utbildning(med_data),
        rmgt=deltagartabeller.rmgt(stat),
        styrelse=fortroendevalda_vid(forbund, _underskriftsdag(utgava, ar)) if hel else None,
        budget_diagram=budget_och_utfall(
            drift.tabell,
            utfall="netto",
            titel=_("Budget och utfall per grupp %(ar)s (tkr)") % {"ar": ar},
        )
        if drift is not None and hel
        else "",
        forbund=forbund,
        ar=ar,
        utgava=utgava,
        texter={},
        bokslut=bokslut,
        drift=drift,
        medlemmar=list(m.alla),
        not2=not2,
        not2_avstamning=not2_avst,
        not3=not3,
        not3_avstamning=not3_avst,
        femar=femar,
        femar_ar=femar_ar,
        femar_diagram=femar_diagram,
        statistik=stat if stat is not None and stat.har_data else None,
        deltagare_diagram=per_kon(
            stat.per_insats.get("deltagare"),
            titel=_("Deltagare per insats och kön %(ar)s") % {"ar": ar},
        )
        if diagram
        else "",
        avslut_diagram=per_kon(
            stat.groups.get("avslutsorsak"), titel=_("Avslutsorsak per kön %(ar)s") % {"ar": ar}
        )
        if diagram
        else "",
        aktiviteter=selectors_ovrigt.aktivitetstabell(Aktivitet.objects.filter(forbund=forbund), ar)
        if figurer
        else None,
        indikatorer=selectors_ovrigt.indikatortabeller(forbund, ar) if hel else [],
        indikatorbedomningar=list(selectors_ovrigt.indikatorbedomningar(forbund, ar))
        if hel
        else [],
        malomraden=selectors_ovrigt.malomraden_med_mal(forbund, ar) if hel else [],
        medelstilldelning=medel[ar].total if ar in medel else None,
        styrelsens_arbete=selectors_styrelse.styrelsens_arbete(
            forbund, date(ar, 1, 1), date(ar, 12, 31)
        )
        if hel
        else None,
        handelser=selectors_styrelse.handelser(forbund, date(ar, 1, 1), date(ar, 12, 31))
        if hel
        else [],
        kansli=kansli,
        kanslikostnad=selectors_kansli.kanslikostnad(
            forbund, ar, kansli=kansli, period=drift.period if drift is not None else None
        )
        if hel
        else None,
        externfinansiering=externfinansiering_under(forbund, date(ar, 1, 1), date(ar, 12, 31))
        if hel
        else None,
    )
    if figurer:
        rapport.deltagarperiod = period  # for the checklist (saknade_rapporter)
    # The texts after the report: their named figures come from its figures.
    rapport.texter = texter_med_figurer(
        DOKUMENT, forbund, str(ar), rapport, FORVALDA, utkast, markdown=markdown
    )
    # The goals' follow-up texts may quote the same named figures ({{namn}}).
    helar = [
        mal.helar
        for mo in rapport.malomraden
        for mal in mo.arets_mal
        if mal.helar is not None and mal.helar.utfall
    ]
    varden = (
        figurtexter(DOKUMENT, forbund, str(ar), rapport)
        if anvander_figurer(*(h.utfall for h in helar))
        else {}
    )
    for h in helar:
        h.utfall_html = markdown_html(fyll(h.utfall, varden))
    if stat is not None:
        # Every table, share and figure is built: the raw figures per insats, measure and
        # kön go, so the kept edition (Dokumenttyp.bygg_lagrad) pickles without them.
        stat.utan_radata()
    return rapport


#: Headings of the kansli's texts in the editor, in document order.
AVSNITT = {
    "forord": _("Ordförandes förord"),
    "inledning": _("Förvaltningsberättelse: inledning"),
    "organisation": _("Organisation"),
    "uppdrag": _("Uppdrag"),
    "finansiering": _("Finansiering"),
    "vision": _("Vision och verksamhetsidé"),
    "oversikt": _("Översikt över verksamhetens utveckling"),
    "viktiga_forhallanden": _("Viktiga förhållanden för resultat och ekonomisk ställning"),
    "handelser": _("Händelser av väsentlig betydelse"),
    "styrning": _("Styrning och uppföljning"),
    "hushallning": _("God ekonomisk hushållning"),
    "uppfoljning": _("Uppföljning av verksamheten"),
    "deltagare": _("Målgrupp och resultat för individinsatser"),
    "strukturella": _("Strukturella insatser"),
    "indikatorer": _("Indikatorer för finansiell samordning"),
    "balanskrav": _("Balanskravsresultat"),
    "personal": _("Väsentliga personalförhållanden"),
    "forvantad_utveckling": _("Förväntad utveckling"),
    "not1": _("Not 1 Redovisningsprinciper"),
    "styrelsen": _("Styrelsens underskrift"),
    "revisorer": _("Revisorernas underskrift"),
}


# --- the registry entry ----------------------------------------------------------------


def _bygg(forbund, nyckel, *, utkast=None):
    return build_arsredovisning(forbund, ar_nyckel(nyckel), utkast=utkast)


def _bygg_kontroll(forbund, nyckel, *, med_figurer=False):
    return build_arsredovisning(
        forbund, ar_nyckel(nyckel), for_kontroll=True, med_figurer=med_figurer
    )


def _kontroll(forbund, rapport: Arsredovisningsdokument) -> list[Varning]:
    bokslut_url = reverse("budget:bokslut-edit", args=[rapport.ar])
    ut = [
        Varning(f"{k.rubrik}: {k.meddelande}", bokslut_url, _("Till bokslutet"))
        for k in rapport.avvikelser
    ]
    ut += saknade_rapporter(
        forbund,
        rapport.ar,
        Rapportperiod.Typ.HELAR,
        period=getattr(rapport, "deltagarperiod", kontroller_las),
    )
    if rapport.drift is not None:
        # The drift's period per 31 December and the version in force then, as read by the
        # builder (bokslutsperiod and version_vid of that day).
        ut += utfallstabell(
            rapport.drift.tabell,
            version=rapport.drift.version,
            period=rapport.drift.period,
            utfall="netto",
            med_kommentar=False,
        )
    return ut


def _underlag(forbund, nyckel: str) -> list:
    """What an adopted årsredovisning locks: this year's and last year's bokslut, their
    utfallsperioder per 31 December and medelstilldelning, and the budget version at the
    year's end; the year's board meetings, important events and kansli staff."""
    ar = ar_nyckel(nyckel)
    objekt = list(
        Utfallsperiod.objects.filter(
            forbund=forbund, per__in=[date(ar, 12, 31), date(ar - 1, 12, 31)]
        )
    )
    objekt += list(Bokslut.objects.filter(forbund=forbund, ar__in=[ar, ar - 1]))
    objekt += list(Medelstilldelning.objects.filter(forbund=forbund, ar__in=[ar, ar - 1]))
    v = selectors_utfall.version_vid(forbund.pk, date(ar, 12, 31))
    arets = (date(ar, 1, 1), date(ar, 12, 31))
    objekt += selectors_styrelse.styrelsens_arbete(forbund, *arets).moten
    objekt += selectors_styrelse.handelser(forbund, *arets)
    objekt += selectors_kansli.tjanster(forbund, ar)
    objekt += externfinansiering_under(forbund, date(ar, 1, 1), date(ar, 12, 31)).rader
    struktur = struktur_for(forbund, "arsredovisning", ar)
    return objekt + ([v] if v is not None else []) + ([struktur] if struktur is not None else [])


def _utgavor(forbund) -> list[Utgavegrupp]:
    """Every year with a bokslut and utfall per 31 December, newest first."""
    ar = (
        Bokslut.objects.filter(
            forbund=forbund,
            ar__in=Utfallsperiod.objects.filter(
                forbund=forbund, typ=Utfallsperiod.Typ.BOKSLUT
            ).values("per__year"),
        )
        .order_by("-ar")
        .values_list("ar", flat=True)
    )
    return [Utgavegrupp(None, [(None, str(a)) for a in ar])]


def _kommando_argument(parser):
    parser.add_argument("--ar", type=int, required=True, help="Räkenskapsåret, t.ex. 2025.")


DOKUMENTTYP = Dokumenttyp(
    kod=DOKUMENT,
    namn=_("Årsredovisning"),
    template=TEMPLATE,
    bygg=_bygg,
    avsnitt=AVSNITT,
    forvalda=FORVALDA,
    ar_per=ar_ar_per,
    url_segment="arsredovisning",
    url_route="<int:ar>/",
    url_namn="arsredovisning",
    nyckel_fran_url=lambda ar: str(ar),
    url_args=lambda nyckel: [int(nyckel)],
    utgavor=_utgavor,
    tom_text=_("Det finns inget bokslut med utfall per 31 december ännu."),
    kommando=Kommando(
        hjalp="Årsredovisning: förvaltningsberättelse, räkenskaper, driftredovisning och noter.",
        add_arguments=_kommando_argument,
        nyckel=lambda forbund, options: str(options["ar"]),
    ),
    kontroll=_kontroll,
    bygg_kontroll=_bygg_kontroll,
    underlag=_underlag,
    titel=lambda nyckel: _("Årsredovisning %(ar)s") % {"ar": nyckel},
    ordning=30,
)
