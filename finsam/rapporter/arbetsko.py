"""The start page as a work queue: what each role has to do or look at next.

    arbetsko.kansli(forbund, idag)      # reports to review, periods near their deadline,
                                        # the current editions' checklists, the year's steps
    arbetsko.styrelse(forbund, idag)    # adopted documents and three charts
    arbetsko.revisor(forbund, idag)     # adopted documents and recent changes
    arbetsko.styrgrupp(user, idag)      # the steering group's open reports

It composes the apps' selectors (the report queues are in
uppfoljning.deltagarrapport.selectors), so it is the roof's. Each part is a fixed number
of queries, whatever the förbund holds; each has an empty state for a förbund created a
minute ago (the template says what to do first).

The year's steps (`arshjul`) are computed from the date and what the förbund has stored
(reporting periods, utfall per date, adopted editions), not written per förbund:

- a reporting period can be opened the day after it ends; its deadline is a step;
- utfall per 31 August, then the delårsrapport adopted within two months;
- utfall per 31 December, then the årsredovisning adopted by the end of March;
- the verksamhetsplan och budget for next year adopted by the end of November.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from budget.bokslut import selectors as bokslut_selectors
from budget.models import Medelstilldelning, Utfallsperiod
from budget.selectors import ett_budgettrad
from budget.utfall import selectors as utfall_selectors
from finsam import dataversion, formatting
from finsam.charts import BarChart, Series
from finsam.historik.selectors import Andring, forbund_historik
from finsam.models import Rapportarkiv, Rapportutgava
from finsam.rapporter import RapportSaknas
from finsam.rapporter.diagram import _grupper as kostnadsgrupper
from finsam.rapporter.diagram import budget_och_utfall, per_kon
from finsam.rapporter.dokument import Dokumenttyp, typer
from finsam.rapporter.utgava import kontroller
from finsam.rapporter.utgava.texter import kanda_utgavor
from insatser.ekonomi import selectors as insatsekonomi
from uppfoljning.deltagarrapport import selectors as rapport_selectors
from uppfoljning.models import Deltagarrapport, Rapportperiod
from uppfoljning.statistik import selectors as statistik

#: The documents whose current edition's checklist kansli sees on the start page.
KONTROLLERADE = ("verksamhetsplan", "delarsrapport", "arsredovisning")
#: The most years after its own a checked document shows (the verksamhetsplan's plan).
PLANAR = 2
#: Steps of the year shown: overdue ones up to this many days back ...
ARSHJUL_BAKAT = 90
#: ... and coming ones up to this many days ahead.
ARSHJUL_FRAMAT = 150
#: Adopted editions and changes listed.
ANTAL_ARKIV = 5
ANTAL_ANDRINGAR = 8

SISTA_DAG_TEXT = _lazy(
    "Sista dag för deltagarrapporterna %(period)s (%(klara)s av %(alla)s inskickade)"
)


# --- kansli: the checklists ---------------------------------------------------------------


@dataclass
class Dokumentkontroll:
    """The current edition of a document and its checklist."""

    typ: Dokumenttyp
    nyckel: str | None
    rubrik: str
    faststalld: bool = False
    antal: int = 0
    blockerande: int = 0
    url: str = ""

    @property
    def kan_skapas(self) -> bool:
        return self.nyckel is not None


def dokumentkontroller(forbund, utgavor: dict | None = None) -> list[Dokumentkontroll]:
    """Each checked document's newest edition with its count of findings (an adopted
    edition has none left to fix). Builds each unadopted edition once, as far as its
    checklist needs (Dokumenttyp.bygg_kontroll): a fixed number of queries per document.
    The decisions against the budget are read once for the years of all three.

    The counts are kept under the data's token (finsam/dataversion.py): until anything
    is written, the start page finds them without building a document."""
    if utgavor is None:
        utgavor = _utgavor(forbund)
    token = dataversion.aktuell()
    senaste = {}
    for kod in KONTROLLERADE:
        typ = typer().get(kod)
        if typ is not None:
            senaste[kod] = (typ, typ.senaste_nyckel(forbund))
    # A document shows its year and at most PLANAR years after it (the verksamhetsplan);
    # an adopted edition is not checked.
    faststallda = {k for k, u in utgavor.items() if u.status == Rapportutgava.Status.FASTSTALLD}
    ar = {
        typ.ar_per(nyckel)[0] + i
        for kod, (typ, nyckel) in senaste.items()
        if nyckel is not None and (kod, nyckel) not in faststallda
        for i in range(PLANAR + 1)
    }
    lasta = {}

    def jamforelser():
        if ar and "rader" not in lasta:
            lasta["rader"] = (ar, insatsekonomi.beslut_mot_budget(forbund, ar_lista=sorted(ar)))
        return lasta.get("rader")

    def rakna(typ, nyckel):
        """(findings, blocking findings), or None where the edition cannot be built."""
        try:
            varningar = kontroller.varningar(typ, forbund, nyckel, jamforelser=jamforelser())
        except (RapportSaknas, ValueError):
            return ()
        return (len(varningar), len(kontroller.blockerande(varningar)))

    ut = []
    idag = timezone.localdate()
    # The documents' budget tables read the budget tree once (budget.selectors), and their
    # editions come from `utgavor` (every edition of the förbund), not a query each.
    with ett_budgettrad(), kanda_utgavor(forbund, utgavor):
        for kod, (typ, nyckel) in senaste.items():
            if nyckel is None:
                ut.append(Dokumentkontroll(typ=typ, nyckel=None, rubrik=typ.namn))
                continue
            rad = Dokumentkontroll(
                typ=typ,
                nyckel=nyckel,
                rubrik=typ.rubrik(nyckel),
                url=reverse("finsam:rapport-kontroll", args=[kod, nyckel]),
            )
            utgava = utgavor.get((kod, nyckel))
            if utgava is not None and utgava.status == Rapportutgava.Status.FASTSTALLD:
                rad.faststalld = True
                rad.url = typ.visa_url(nyckel)
            else:
                antal = dataversion.hamta(
                    ("kontroll", forbund.pk, kod, nyckel, idag),
                    lambda typ=typ, nyckel=nyckel: rakna(typ, nyckel),
                    token=token,
                )
                if not antal:
                    ut.append(Dokumentkontroll(typ=typ, nyckel=None, rubrik=typ.namn))
                    continue
                rad.antal, rad.blockerande = antal
            ut.append(rad)
    return ut


def _utgavor(forbund) -> dict[tuple[str, str], Rapportutgava]:
    return {(u.dokument, u.nyckel): u for u in Rapportutgava.objects.filter(forbund=forbund)}


# --- kansli: the year's steps -----------------------------------------------------------------


@dataclass
class Steg:
    datum: date
    text: str
    klar: bool
    url: str = ""
    lanktext: str = ""
    #: "senast": a deadline; "fran": from this day on.
    slag: str = "senast"
    dagar_kvar: int = 0

    @property
    def sen(self) -> bool:
        return not self.klar and self.slag == "senast" and self.dagar_kvar < 0


def arshjul(forbund, idag: date, utgavor: dict | None = None) -> list[Steg]:
    """The year's next steps for the förbund, overdue first, then by date. Three queries
    (periods, utfall dates, editions unless given), each of the three years shown only
    (a förbund's every period and report since it started is not read)."""
    if utgavor is None:
        utgavor = _utgavor(forbund)
    faststallda = {k for k, u in utgavor.items() if u.status == Rapportutgava.Status.FASTSTALLD}
    forsta, sista = idag.year - 1, idag.year + 1
    perioder = {
        (p.ar, p.typ): p
        for p in Rapportperiod.objects.filter(
            forbund=forbund, ar__gte=forsta, ar__lte=sista
        ).annotate(
            n_rapporter=Count("rapporter", distinct=True),
            n_klara=Count(
                "rapporter",
                filter=Q(
                    rapporter__status__in=[
                        Deltagarrapport.Status.INSKICKAD,
                        Deltagarrapport.Status.GODKAND,
                    ]
                ),
                distinct=True,
            ),
        )
    }
    utfall_per = set(
        Utfallsperiod.objects.filter(
            forbund=forbund, per__gte=date(forsta, 1, 1), per__lte=date(sista, 12, 31)
        ).values_list("per", flat=True)
    )

    steg: list[Steg] = []
    for ar in (forsta, idag.year, sista):
        # Reporting periods: opened after they end; their deadline.
        for typ, slut in (
            (Rapportperiod.Typ.H1, date(ar, 6, 30)),
            (Rapportperiod.Typ.HELAR, date(ar, 12, 31)),
        ):
            namn = f"{Rapportperiod.Typ(typ).label.lower()} {ar}"
            period = perioder.get((ar, typ))
            if period is None:
                steg.append(
                    Steg(
                        datum=slut + timedelta(days=1),
                        text=_("Öppna rapportperioden %(period)s") % {"period": namn},
                        klar=False,
                        url=reverse("uppfoljning:period-create"),
                        lanktext=_("Öppna perioden"),
                        slag="fran",
                    )
                )
            else:
                steg.append(
                    Steg(
                        datum=period.sista_dag,
                        text=SISTA_DAG_TEXT
                        % {"period": namn, "klara": period.n_klara, "alla": period.n_rapporter},
                        klar=period.n_klara >= period.n_rapporter,
                        url=reverse("uppfoljning:period-detail", args=[period.pk]),
                        lanktext=_("Till perioden"),
                    )
                )
        # Delårsrapport per 31 August, adopted within two months.
        per = date(ar, 8, 31)
        har_utfall = per in utfall_per
        steg.append(
            Steg(
                datum=date(ar, 9, 30),
                text=_("Registrera utfall och prognos per %(per)s")
                % {"per": formatting.datum(per)},
                klar=har_utfall,
                url=reverse("budget:utfall-create"),
                lanktext=_("Registrera utfall"),
            )
        )
        steg.append(
            Steg(
                datum=date(ar, 10, 31),
                text=_("Fastställ delårsrapporten per %(per)s") % {"per": formatting.datum(per)},
                klar=("delarsrapport", per.isoformat()) in faststallda,
                url=reverse("finsam:rapport-kontroll", args=["delarsrapport", per.isoformat()])
                if har_utfall
                else reverse("finsam:rapporter"),
                lanktext=_("Till kontrollen") if har_utfall else _("Till rapporterna"),
            )
        )
        # Årsredovisning: utfall per 31 December, adopted by the end of March.
        bokslut = date(ar, 12, 31)
        har_bokslut = bokslut in utfall_per
        steg.append(
            Steg(
                datum=date(ar + 1, 2, 15),
                text=_("Registrera utfall per %(per)s (bokslut %(ar)s)")
                % {"per": formatting.datum(bokslut), "ar": ar},
                klar=har_bokslut,
                url=reverse("budget:utfall-create"),
                lanktext=_("Registrera utfall"),
            )
        )
        steg.append(
            Steg(
                datum=date(ar + 1, 3, 31),
                text=_("Fastställ årsredovisningen %(ar)s") % {"ar": ar},
                klar=("arsredovisning", str(ar)) in faststallda,
                url=reverse("finsam:rapport-kontroll", args=["arsredovisning", str(ar)])
                if har_bokslut
                else reverse("finsam:rapporter"),
                lanktext=_("Till kontrollen") if har_bokslut else _("Till rapporterna"),
            )
        )
        # Verksamhetsplan och budget for next year, adopted in the autumn.
        steg.append(
            Steg(
                datum=date(ar, 11, 30),
                text=_("Fastställ verksamhetsplan och budget %(ar)s") % {"ar": ar + 1},
                klar=("verksamhetsplan", str(ar + 1)) in faststallda,
                url=reverse("finsam:rapporter"),
                lanktext=_("Till rapporterna"),
            )
        )

    fonster = []
    for s in steg:
        s.dagar_kvar = (s.datum - idag).days
        if s.dagar_kvar > ARSHJUL_FRAMAT:
            continue  # too far ahead to act on
        if s.dagar_kvar < (-30 if s.klar else -ARSHJUL_BAKAT):
            continue  # done a while ago, or left undone so long that it is history
        fonster.append(s)
    return sorted(fonster, key=lambda s: (s.klar, not s.sen, s.datum))


@dataclass
class Kansli:
    att_granska: list[Deltagarrapport]
    perioder: list[rapport_selectors.Periodlage]
    kontroller: list[Dokumentkontroll]
    arshjul: list[Steg]
    nara_dagar: int = rapport_selectors.NARA_DAGAR


def kansli(forbund, idag: date) -> Kansli:
    utgavor = _utgavor(forbund)
    return Kansli(
        att_granska=list(rapport_selectors.att_granska(forbund)),
        perioder=rapport_selectors.oppna_perioder(forbund, idag),
        kontroller=dokumentkontroller(forbund, utgavor),
        arshjul=arshjul(forbund, idag, utgavor),
    )


# --- styrelse and revisor ----------------------------------------------------------------


def senast_faststallda(forbund, antal: int = ANTAL_ARKIV) -> list[Rapportarkiv]:
    """The newest archived (adopted) editions, newest first. One query."""
    return list(
        Rapportarkiv.objects.filter(utgava__forbund=forbund)
        .select_related("utgava")
        .order_by("-beslutsdatum", "-skapad")[:antal]
    )


@dataclass
class Diagram:
    """A chart with its text alternative: a summary and the figures as a table."""

    svg: str
    sammanfattning: str
    kolumner: list[str] = field(default_factory=list)
    rader: list[tuple[str, list[str]]] = field(default_factory=list)


def _tkr(belopp) -> int:
    return formatting.till_tkr(belopp or 0)


def budget_mot_utfall(forbund, idag: date) -> Diagram | None:
    """Årsbudget against utfall to date per cost group, from the newest utfall date no later
    than today (this year's when there is one, else the latest year's). None when the
    förbund has no utfall."""
    period = Utfallsperiod.objects.filter(forbund=forbund, per__lte=idag).order_by("-per").first()
    if period is None:
        return None
    tabell = utfall_selectors.delarstabell(period).tabell
    titel = _("Budget %(ar)s och utfall per %(per)s, kostnader i tkr") % {
        "ar": period.per.year,
        "per": formatting.datum(period.per),
    }
    svg = budget_och_utfall(tabell, utfall="utfall", titel=titel)
    if not svg:
        return None
    summa = tabell.summa_kostnader
    budget, utfall = -(summa.get("budget") or 0), -(summa.get("utfall") or 0)
    andel = formatting.procent(Decimal(utfall) / Decimal(budget)) if budget else "–"
    return Diagram(
        svg=svg,
        sammanfattning=_(
            "Kostnader per %(per)s: %(utfall)s tkr av årsbudgetens %(budget)s tkr (%(andel)s)."
        )
        % {
            "per": formatting.datum(period.per),
            "utfall": formatting.heltal(_tkr(utfall)),
            "budget": formatting.heltal(_tkr(budget)),
            "andel": andel,
        },
        kolumner=[_("Årsbudget, tkr"), _("Utfall, tkr")],
        rader=[
            (
                r.etikett.removeprefix("Summa ").capitalize(),
                [
                    formatting.heltal(_tkr(-(r.varden.get("budget") or 0))),
                    formatting.heltal(_tkr(-(r.varden.get("utfall") or 0))),
                ],
            )
            for r in kostnadsgrupper(tabell)
        ],
    )


def eget_kapital(forbund, antal_ar: int = 5) -> Diagram | None:
    """Eget kapital per year against the ceiling (20 % of the year's allocation), the last
    `antal_ar` years with a bokslut. None when there is none."""
    alla = bokslut_selectors.bokslut_ar(forbund)
    if not alla:
        return None
    ar = sorted(alla)[-antal_ar:]
    medel = {m.ar: m for m in Medelstilldelning.objects.filter(forbund=forbund, ar__in=ar)}
    tak = {a: bokslut_selectors.eget_kapital_tak(alla[a], medel.get(a)) for a in ar}
    ek_serie = [_tkr(tak[a].eget_kapital) for a in ar]
    tak_serie = [_tkr(tak[a].tilldelning * tak[a].tak) if tak[a].tilldelning else None for a in ar]
    procent = int(bokslut_selectors.EK_TAK * 100)
    svg = BarChart(
        title=_("Eget kapital mot taket (%(procent)s %% av tilldelade medel), tkr")
        % {"procent": procent},
        categories=[str(a) for a in ar],
        series=[
            Series(_("Eget kapital"), ek_serie),
            Series(_("Tak %(procent)s %%") % {"procent": procent}, tak_serie),
        ],
        hidden_label="–",
    ).svg()
    senast = tak[ar[-1]]
    if senast.andel is None:
        sammanfattning = _("Eget kapital %(ar)s: %(ek)s tkr; tilldelade medel saknas.") % {
            "ar": ar[-1],
            "ek": formatting.heltal(ek_serie[-1]),
        }
    else:
        sammanfattning = _(
            "Eget kapital %(ar)s: %(ek)s tkr, %(andel)s av tilldelade medel (taket är "
            "%(procent)s %%)%(over)s."
        ) % {
            "ar": ar[-1],
            "ek": formatting.heltal(ek_serie[-1]),
            "andel": formatting.procent(senast.andel),
            "procent": procent,
            "over": _(" – över taket") if senast.over_taket else "",
        }
    return Diagram(
        svg=svg,
        sammanfattning=sammanfattning,
        kolumner=[_("Eget kapital, tkr"), _("Tak, tkr")],
        rader=[
            (
                str(a),
                [
                    formatting.heltal(e),
                    formatting.heltal(t) if t is not None else "–",
                ],
            )
            for a, e, t in zip(ar, ek_serie, tak_serie, strict=True)
        ],
    )


def _periodordning(period: Rapportperiod) -> tuple[int, int]:
    return (period.ar, 0 if period.typ == Rapportperiod.Typ.H1 else 1)


def deltagare_per_kon(forbund, idag: date) -> Diagram | None:
    """Participants per insats and kön from the approved reports of the newest period that
    has any, with small counts protected as on the statistics page."""
    perioder = list(
        Rapportperiod.objects.filter(
            forbund=forbund, rapporter__status=Deltagarrapport.Status.GODKAND
        ).distinct()
    )
    if not perioder:
        return None
    # The newest period whose deadline has passed (its reports are in), else the newest.
    avslutade = [p for p in perioder if p.sista_dag < idag]
    period = max(avslutade or perioder, key=_periodordning)
    stat = statistik.period_statistik(
        forbund, period, protected=True, alla_perioder=[period], med_trend=False
    )
    tabell = stat.per_insats.get("deltagare") if stat.har_data else None
    if tabell is None or not tabell.n_rows:
        return None
    svg = per_kon(tabell, titel=_("Deltagare per insats och kön, %(period)s") % {"period": period})
    kon = statistik.kon_labels()
    kolumner = [kon[c] for c in range(min(3, tabell.n_cols))]
    rader = [
        (tabell.row_labels[r], [str(tabell.shown(r, c)) for c in range(len(kolumner))])
        for r in range(tabell.n_rows)
    ]
    sammanfattning = ngettext(
        "%(period)s, från %(antal)s godkänd rapport. Antal under %(grans)s visas inte.",
        "%(period)s, från %(antal)s godkända rapporter. Antal under %(grans)s visas inte.",
        stat.antal_godkanda,
    ) % {"period": period, "antal": stat.antal_godkanda, "grans": stat.threshold}
    return Diagram(svg=svg, sammanfattning=sammanfattning, kolumner=kolumner, rader=rader)


@dataclass
class Styrelse:
    faststallda: list[Rapportarkiv]
    budget: Diagram | None
    eget_kapital: Diagram | None
    deltagare: Diagram | None


def styrelse(forbund, idag: date) -> Styrelse:
    return Styrelse(
        faststallda=senast_faststallda(forbund),
        budget=budget_mot_utfall(forbund, idag),
        eget_kapital=eget_kapital(forbund),
        deltagare=deltagare_per_kon(forbund, idag),
    )


@dataclass
class Revisor:
    faststallda: list[Rapportarkiv]
    andringar: list[Andring]


def revisor(forbund, idag: date) -> Revisor:
    return Revisor(
        faststallda=senast_faststallda(forbund),
        andringar=forbund_historik(forbund, limit=ANTAL_ANDRINGAR),
    )


# --- styrgrupp ------------------------------------------------------------------------------


@dataclass
class Styrgrupp:
    rapporter: list[Deltagarrapport]
    idag: date

    @property
    def returnerade(self) -> list[Deltagarrapport]:
        return [r for r in self.rapporter if r.status == Deltagarrapport.Status.RETURNERAD]

    @property
    def ovriga(self) -> list[Deltagarrapport]:
        return [r for r in self.rapporter if r.status != Deltagarrapport.Status.RETURNERAD]


def styrgrupp(user, idag: date) -> Styrgrupp:
    rapporter = rapport_selectors.styrgruppens_oppna_rapporter(user)
    for r in rapporter:
        r.dagar_kvar = (r.period.sista_dag - idag).days
    return Styrgrupp(rapporter=rapporter, idag=idag)
