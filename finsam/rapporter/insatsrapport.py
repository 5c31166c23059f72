"""Insatsrapport: one insats in one reporting period (January–June or the whole year).

    rapport = build_insatsrapport(forbund, insats, 2025, "h1")
    render_pdf(TEMPLATE, {"rapport": rapport})

The participant figures are the protected ones of uppfoljning.statistik.selectors (the insats's row
of each table, in which small counts are already hidden together with the cells that
would reveal them), and only from an approved report. The economy is the insats's row of
insatser.ekonomi.selectors.insatsuppfoljning per the period's last day. The number of
queries does not depend on the number of insatser or measures.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from finsam import permissions
from finsam.charts import BarChart, Series
from finsam.markdown import markdown_html
from finsam.models import Forbund, Rapportutgava
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import Dokumenttyp, Innehall, Kommando, Utgavegrupp
from finsam.rapporter.utgava.kontroller import Varning, saknade_rapporter
from finsam.rapporter.utgava.texter import (
    UtgavansStatus,
    anvander_figurer,
    med_underrubriker,
    texter_markdown,
    texter_med_figurer,
    utgava_las,
)
from insatser.ekonomi.selectors import Uppfoljningsrad, insatsuppfoljning
from insatser.models import Insats
from uppfoljning.models import Deltagarrapport, Rapportperiod
from uppfoljning.statistik import selectors as statistik
from uppfoljning.statistik.smatal import small_label

TEMPLATE = "rapporter/insatsrapport.html"
DOKUMENT = "insats"

#: The period's part of the edition key and the URL (Rapportperiod.periodkod), parsed back:
#: "H1" -> Rapportperiod.Typ.H1.
PERIODKODER = {kod: typ for typ, kod in Rapportperiod.PERIODKODER.items()}
_PERIOD = re.compile(rf"^(\d{{4}})-({'|'.join(PERIODKODER)})$")

AVSNITT = {
    "sammanfattning": _("Sammanfattning"),
    "kommentar": _("Förbundets kommentar"),
}
FORVALDA = {
    "sammanfattning": _(
        "*Sammanfatta insatsens arbete under perioden: vad som har gått bra, vad som "
        "behöver utvecklas och hur insatsen bidrar till förbundets mål.*"
    ),
    "kommentar": _("*Kansliets och styrelsens kommentar till insatsens resultat och ekonomi.*"),
}


def parse_period(period: str) -> tuple[int, str]:
    """'2025-H1' -> (2025, 'h1'); ValueError otherwise."""
    m = _PERIOD.match(period or "")
    if not m:
        raise ValueError(
            _("Ogiltig period '%(period)s': skriv t.ex. 2025-H1 eller 2025-helar.")
            % {"period": period}
        )
    return int(m.group(1)), PERIODKODER[m.group(2)]


def nyckel_for(slug: str, ar: int, typ: str) -> str:
    """The edition key of insats `slug` in period (ar, typ): 'slug:2025-H1'."""
    return f"{slug}:{Rapportperiod.periodkod_for(ar, typ)}"


def parse_nyckel(nyckel: str) -> tuple[str, int, str]:
    """'slug:2025-H1' -> ('slug', 2025, 'h1'); ValueError otherwise."""
    slug, sep, period = (nyckel or "").partition(":")
    if not sep or not slug:
        raise ValueError(_("Ogiltig utgåva: %(nyckel)s") % {"nyckel": nyckel})
    ar, typ = parse_period(period)
    return slug, ar, typ


@dataclass
class Deltagarrad:
    etikett: str
    varden: list
    summa: bool = False


@dataclass
class Insatsrapport(UtgavansStatus):
    forbund: Forbund
    insats: Insats
    ar: int
    periodtyp: str
    utgava: Rapportutgava
    texter: dict
    period: Rapportperiod
    rapport: Deltagarrapport | None
    kolumner: list[str] = field(default_factory=list)
    deltagare: list[Deltagarrad] = field(default_factory=list)
    diagram_svg: str = ""
    smatal: str = ""
    ekonomi: Uppfoljningsrad | None = None
    per: date | None = None
    kommuner: list = field(default_factory=list)
    bemanning: list = field(default_factory=list)

    @property
    def godkand(self) -> bool:
        return self.rapport is not None and self.rapport.status == Deltagarrapport.Status.GODKAND

    @property
    def rapportstatus(self) -> str:
        if self.rapport is None:
            return _("saknas")
        return self.rapport.get_status_display().lower()

    @property
    def periodnamn(self) -> str:
        if self.periodtyp == Rapportperiod.Typ.H1:
            return _("januari–juni %(ar)s") % {"ar": self.ar}
        return _("helåret %(ar)s") % {"ar": self.ar}

    @property
    def dokumentnamn(self) -> str:
        return _("Insatsrapport")

    @property
    def titel(self) -> str:
        return f"{self.insats.namn}, {self.periodnamn}"

    @property
    def innehall(self) -> list[Innehall]:
        rader = [
            Innehall("1", _("Insatsen"), "insatsen"),
            Innehall("2", _("Sammanfattning"), "sammanfattning"),
            Innehall("3", _("Deltagare"), "deltagare"),
            Innehall("4", _("Styrgruppens redovisning"), "styrgruppen"),
            Innehall("5", _("Ekonomisk uppföljning"), "ekonomi"),
            Innehall("6", _("Förbundets kommentar"), "kommentar"),
        ]
        return med_underrubriker(rader, self.texter)

    @property
    def filnamn(self) -> str:
        return f"insatsrapport-{self.insats.slug}-{self.period.periodkod}.pdf"

    @property
    def styrgruppens_texter(self) -> list[tuple[str, str]]:
        """(heading, safe HTML) of the steering group's texts that are filled in."""
        if not self.godkand:
            return []
        r = self.rapport
        ut = []
        for falt in ("vad_gick_bra", "svarigheter", "lokala_mal", "ovrigt"):
            text = getattr(r, falt)
            if text.strip():
                rubrik = str(Deltagarrapport._meta.get_field(falt).verbose_name)
                ut.append((rubrik[:1].upper() + rubrik[1:], markdown_html(text)))
        return ut


def _deltagare(stat: statistik.Periodstatistik, insats: Insats) -> list[Deltagarrad]:
    """The insats's row of each protected per-insats table."""
    individ = [i.pk for i in stat.individinsatser]
    if insats.pk not in individ:
        return []
    index = individ.index(insats.pk)
    rader = []
    for kod, tabell in stat.per_insats.items():
        rad = tabell.rows[index]
        rader.append(Deltagarrad(stat.label(kod), [c["value"] for c in rad["cells"]]))
    return rader


def _diagram(stat, insats, ar) -> str:
    individ = [i.pk for i in stat.individinsatser]
    if insats.pk not in individ or "deltagare" not in stat.per_insats:
        return ""
    r = individ.index(insats.pk)
    kon = statistik.kon_labels()
    poster = [(kod, stat.per_insats[kod]) for kod in ("deltagare", "nya", "avslutade")]
    poster = [(kod, t) for kod, t in poster if t is not None]
    return BarChart(
        title=_("Deltagare efter kön, %(insats)s") % {"insats": insats.namn},
        categories=[stat.label(kod) for kod, _t in poster],
        series=[Series(kon[c], [t.shown(r, c) for _kod, t in poster]) for c in range(3)],
        hidden_label=small_label(stat.threshold),
    ).svg()


def build_insatsrapport(
    forbund: Forbund,
    insats: Insats | str,
    ar: int,
    typ: str,
    *,
    utkast=None,
    for_kontroll: bool = False,
    med_figurer: bool = False,
) -> Insatsrapport:
    """Everything the document shows. Raises RapportSaknas for an insats of another förbund
    or a period that does not exist.

    `for_kontroll`: only what the checklist and the texts' figures read: no economy,
    chart, kommuner or staffing, and the participants' statistics only when a text names a
    figure (or `med_figurer`: every named figure, the text editor's picker)."""
    hel = not for_kontroll
    if isinstance(insats, str):
        insats = Insats.objects.filter(forbund=forbund, slug=insats).first()
    if insats is None or insats.forbund_id != forbund.pk:
        raise RapportSaknas(_("Insatsen finns inte i %(forbund)s.") % {"forbund": forbund.namn})
    period = Rapportperiod.objects.filter(forbund=forbund, ar=ar, typ=typ).first()
    if period is None:
        raise RapportSaknas(
            _("%(forbund)s har ingen rapportperiod %(period)s.")
            % {"forbund": forbund.namn, "period": Rapportperiod.periodkod_for(ar, typ)}
        )
    utgava = utgava_las(forbund, DOKUMENT, ar=ar, nyckel=nyckel_for(insats.slug, ar, typ))
    rapport = Deltagarrapport.objects.filter(period=period, insats=insats).first()
    per = date(ar, 6, 30) if typ == Rapportperiod.Typ.H1 else date(ar, 12, 31)
    godkand = rapport is not None and rapport.status == Deltagarrapport.Status.GODKAND
    markdown = None if hel else texter_markdown(utgava, FORVALDA)
    # The statistics are shown (and are figures) only for an approved report.
    stat = (
        statistik.period_statistik(
            forbund, period, protected=True, alla_perioder=[period], med_trend=False
        )
        if godkand and (hel or med_figurer or anvander_figurer(*markdown.values()))
        else None
    )
    kolumner = [*statistik.kon_labels(), _("Totalt")]
    ekonomi = (
        insatsuppfoljning(forbund, per=per, insatser=Insats.objects.filter(pk=insats.pk))
        if hel
        else None
    )
    dokument = Insatsrapport(
        forbund=forbund,
        insats=insats,
        ar=ar,
        periodtyp=typ,
        utgava=utgava,
        texter={},
        period=period,
        rapport=rapport,
        kolumner=kolumner,
        deltagare=_deltagare(stat, insats) if stat is not None else [],
        diagram_svg=_diagram(stat, insats, ar) if stat is not None and hel else "",
        smatal=small_label(forbund.smatal_grans),
        ekonomi=ekonomi.rader[0] if ekonomi is not None and ekonomi.rader else None,
        per=per,
        kommuner=list(insats.kommuner.all()) if hel else [],
        bemanning=list(insats.bemanning.select_related("arbetsgivare")) if hel else [],
    )
    # The texts after the report: their named figures come from its figures.
    dokument.texter = texter_med_figurer(
        DOKUMENT, forbund, utgava.nyckel, dokument, FORVALDA, utkast, markdown=markdown
    )
    return dokument


# --- the registry entry ----------------------------------------------------------------


def _bygg(forbund, nyckel, *, utkast=None):
    slug, ar, typ = parse_nyckel(nyckel)
    return build_insatsrapport(forbund, slug, ar, typ, utkast=utkast)


def _bygg_kontroll(forbund, nyckel, *, med_figurer=False):
    slug, ar, typ = parse_nyckel(nyckel)
    return build_insatsrapport(forbund, slug, ar, typ, for_kontroll=True, med_figurer=med_figurer)


def _ar_per(nyckel: str) -> tuple[int, None]:
    _slug, ar, _typ = parse_nyckel(nyckel)
    return ar, None


def _kan_lasa(user, forbund, nyckel) -> bool:
    if permissions.can_read_forbund(user, forbund):
        return True
    slug = (nyckel or "").partition(":")[0]
    insats = Insats.objects.filter(forbund=forbund, slug=slug).first()
    return insats is not None and permissions.can_view_insats(user, insats)


def _kontroll(forbund, rapport: Insatsrapport) -> list[Varning]:
    # The period as the builder read it: not read again.
    return saknade_rapporter(
        forbund, rapport.ar, rapport.periodtyp, insats_id=rapport.insats.pk, period=rapport.period
    )


def _underlag(forbund, nyckel: str) -> list:
    """What an adopted insatsrapport locks: the steering group's report for the period."""
    slug, ar, typ = parse_nyckel(nyckel)
    return list(
        Deltagarrapport.objects.filter(
            period__forbund=forbund, period__ar=ar, period__typ=typ, insats__slug=slug
        )
    )


@dataclass
class _Insatsnamn:
    namn: str
    slug: str


def _utgavor(forbund) -> list[Utgavegrupp]:
    """Per reporting period, its insatser. Two queries: the periods, and the insatser's
    names and slugs per period (not whole insatser: the Rapporter page lists every
    period's, each year)."""
    per_period = defaultdict(list)
    rader = (
        Rapportperiod.insatser.through.objects.filter(rapportperiod__forbund=forbund)
        .order_by(*(f"insats__{falt}" for falt in Insats._meta.ordering))  # as insatser.all()
        .values_list("rapportperiod_id", "insats__namn", "insats__slug")
    )
    for period_id, namn, slug in rader:
        per_period[period_id].append(_Insatsnamn(namn, slug))
    grupper = []
    for period in Rapportperiod.objects.filter(forbund=forbund):
        insatser = per_period[period.pk]
        grupper.append(
            Utgavegrupp(
                ngettext(
                    "%(period)s %(ar)s (%(antal)s insats)",
                    "%(period)s %(ar)s (%(antal)s insatser)",
                    len(insatser),
                )
                % {"period": period.get_typ_display(), "ar": period.ar, "antal": len(insatser)},
                [(i.namn, nyckel_for(i.slug, period.ar, period.typ)) for i in insatser],
            )
        )
    return grupper


def _senaste(forbund) -> str | None:
    """The newest approved steering group's report's edition."""
    rapport = (
        Deltagarrapport.objects.filter(period__forbund=forbund, status="godkand")
        .select_related("period", "insats")
        .order_by("-period__ar", "period__typ")
        .first()
    )
    if rapport is None:
        return None
    return nyckel_for(rapport.insats.slug, rapport.period.ar, rapport.period.typ)


def _kommando_argument(parser):
    parser.add_argument("--insats", required=True, metavar="KORTNAMN", help="Insatsens kortnamn.")
    parser.add_argument(
        "--period", required=True, help="Rapportperioden, t.ex. 2025-H1 eller 2025-helar."
    )


def _kommando_nyckel(forbund, options) -> str:
    try:
        ar, typ = parse_period(options["period"])
    except ValueError as e:
        raise CommandError(str(e)) from None
    if not Insats.objects.filter(forbund=forbund, slug=options["insats"]).exists():
        finns = ", ".join(
            Insats.objects.filter(forbund=forbund).order_by("slug").values_list("slug", flat=True)
        )
        raise CommandError(
            f"Det finns ingen insats med kortnamnet '{options['insats']}'. "
            f"Kortnamn som finns: {finns}."
        )
    return nyckel_for(options["insats"], ar, typ)


DOKUMENTTYP = Dokumenttyp(
    kod=DOKUMENT,
    namn=_("Insatsrapport"),
    template=TEMPLATE,
    bygg=_bygg,
    avsnitt=AVSNITT,
    forvalda=FORVALDA,
    ar_per=_ar_per,
    url_segment="insats",
    url_route="<slug:slug>/<str:period>/",
    url_namn="insatsrapport",
    nyckel_fran_url=lambda slug, period: f"{slug}:{period}",
    url_args=lambda nyckel: list(nyckel.split(":", 1)),
    utgavor=_utgavor,
    senaste=_senaste,
    tom_text=_("Det finns inga rapportperioder ännu."),
    listrubrik=_("Insatsrapporter"),
    beskrivning=_(
        "En rapport per insats och rapportperiod: deltagare (små tal skyddade), styrgruppens "
        "texter och ekonomisk uppföljning."
    ),
    kommando=Kommando(
        hjalp="Insatsrapport: en insats deltagare, texter och ekonomi för en rapportperiod.",
        add_arguments=_kommando_argument,
        nyckel=_kommando_nyckel,
    ),
    kontroll=_kontroll,
    bygg_kontroll=_bygg_kontroll,
    underlag=_underlag,
    titel=lambda nyckel: _("Insatsrapport %(nyckel)s") % {"nyckel": nyckel},
    kan_lasa=_kan_lasa,
    dold_for_obehoriga=True,
    ordning=40,
)
