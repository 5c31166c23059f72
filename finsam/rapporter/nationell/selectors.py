"""The Uppföljning Finsam sheet of a year, with each figure checked against the bokslut and
the approved reports.

    blad = uppfoljningsblad(forbund, 2025, protected=False)
    blad.forbundsfalt        # tilldelade medel, eget kapital, administration budget/utfall
    blad.insatsrader         # one per insats and part (an insats with both parts: two)
    blad.kontroller          # each with ok and the difference when the figures disagree

Amounts are whole kronor as the national form asks for them: costs as positive numbers
(the budget's and the utfall's kostnader with the sign turned). Where the figures come from:

- tilldelade medel: the year's medelstilldelning (the members' driftbidrag, Not 2);
- eget kapital: the bokslut's balansräkning per 31 December (budget.bokslut.selectors);
- budget: the budget in force on 31 December (budget or tilläggsbudget); utfall: the
  utfall per 31 December; administration: the lines with kategori administration; an
  insats: its own lines (an insats with both parts: lines with kategori strukturella to the
  strukturövergripande part, the others to the individinriktade);
- ESF-finansiering: the insats's external funding from the Europeiska socialfonden;
- participants per kön: the approved full-year reports (uppfoljning.nationell.selectors),
  with small counts protected (uppfoljning.statistik.smatal) where the sheet is shown to
  others than the kansli; participants of the structural part: its structural activities.

Nothing computed here is stored. A fixed number of queries, whatever the number of insatser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from budget.bokslut import selectors as selectors_bokslut
from budget.medel import selectors as selectors_medel
from budget.models import Budgetgrupp, Budgetrad, Medelstilldelning, Utfallsrad
from budget.selectors import belopp_for_version, versionstabell
from budget.utfall.selectors import bokslutsperiod, version_vid
from finsam import formatting
from insatser.ekonomi.selectors import externfinansiering_under
from insatser.models import Insats, Insatsinriktning
from uppfoljning.models import Kon
from uppfoljning.nationell import selectors as selectors_nationell
from uppfoljning.statistik.smatal import CountTable

INDIVID = "individ"
STRUKTUR = "struktur"
#: A financier whose name contains one of these is the Europeiska socialfonden: the national
#: system asks whether an insats is ESF-financed.
ESF = ("esf", "socialfond")


@dataclass
class Kontroll:
    """A figure of the sheet checked against another source: `skillnad` = sheet − source."""

    rubrik: str
    ok: bool
    meddelande: str
    skillnad: int | None = None
    url: str = ""
    lank: str = ""


def _brist(rubrik: str, meddelande: str, *, url: str = "", lank: str = "") -> Kontroll:
    """A check that fails outright (data missing or unusable), with where to fix it."""
    return Kontroll(rubrik, False, meddelande, url=url, lank=lank)


@dataclass
class Falt:
    """One field the national form asks for at the förbund level."""

    nr: str
    etikett: str
    varde: int | None
    kalla: str
    kontroller: list[Kontroll] = field(default_factory=list)


@dataclass
class Linje:
    """A budget line as the sheet uses it: its costs as positive kronor."""

    rad: Budgetrad
    budget: int
    utfall: int


@dataclass
class Insatsrad:
    """One insats as Uppföljning Finsam registers it: an insats with both an individinriktad
    and a strukturövergripande part is two rows (two insatser with different names)."""

    nr: str
    insats: Insats
    del_: str  # INDIVID or STRUKTUR
    namn: str
    inriktning: str
    preciserad_inriktning: str
    malgrupp: str
    #: Co-financed by the Europeiska socialfonden during the year (Externfinansiering).
    esf: bool
    budget: int | None
    utfall: int | None
    linjer: list[Linje] = field(default_factory=list)
    budgeterade_deltagare: int | None = None
    #: Individinriktad: [kvinnor, män, annat] from the approved report, None without one.
    deltagare: list[int] | None = None
    #: The row in the participants' CountTable (individinriktade rows only), and its cells
    #: as the reader sees them: kvinnor, män, annat, totalt ({value, hidden, marked}).
    tabellrad: int | None = None
    celler: list[dict] = field(default_factory=list)
    #: Strukturövergripande: participants and activities of the year's structural table.
    strukturdeltagare: int | None = None
    aktiviteter: int = 0
    kontroller: list[Kontroll] = field(default_factory=list)

    @property
    def ar_individ(self) -> bool:
        return self.del_ == INDIVID

    @property
    def deltagare_totalt(self) -> int | None:
        return None if self.deltagare is None else sum(self.deltagare)

    @property
    def avvikelser(self) -> list[Kontroll]:
        return [k for k in self.kontroller if not k.ok]


@dataclass
class Uppfoljningsblad:
    forbund: object
    ar: int
    protected: bool
    forbundsfalt: list[Falt]
    insatsrader: list[Insatsrad]
    #: Participants per individinriktad row and kön (kvinnor, män, annat), with totals.
    deltagartabell: CountTable
    kontroller: list[Kontroll]
    #: Insatser running during the year without an inriktning: not on the sheet.
    utan_inriktning: list[Insats] = field(default_factory=list)
    budget_summa: int | None = None
    utfall_summa: int | None = None

    @property
    def individrader(self) -> list[Insatsrad]:
        return [r for r in self.insatsrader if r.ar_individ]

    @property
    def strukturrader(self) -> list[Insatsrad]:
        return [r for r in self.insatsrader if not r.ar_individ]

    @property
    def avvikelser(self) -> list[Kontroll]:
        alla = [*self.kontroller]
        for f in self.forbundsfalt:
            alla += f.kontroller
        for r in self.insatsrader:
            alla += r.kontroller
        return [k for k in alla if not k.ok]

    def deltagare_visat(self, rad: Insatsrad, kolumn: int) -> int | str:
        """A participant figure as this sheet's reader may see it ("<3", ".." hidden)."""
        return self.deltagartabell.shown(rad.tabellrad, kolumn)

    @property
    def kon_etiketter(self) -> list[str]:
        return [str(label) for _v, label in Kon.choices]


def _kr(v: int) -> str:
    return formatting.kr(v)


def _skillnad_text(skillnad: int) -> str:
    return _("skillnad %(kr)s") % {"kr": _kr(skillnad)}


# --- the budget lines ---------------------------------------------------------------------


def _topptyper(forbund) -> dict[int, str]:
    """{budget group id: the typ of its top group} (intäkter or kostnader)."""
    rader = list(
        Budgetgrupp.objects.filter(forbund=forbund).values_list("pk", "overordnad_id", "typ")
    )
    grupper = {pk: overordnad for pk, overordnad, _typ in rader}
    typ = {pk: t for pk, _overordnad, t in rader}
    ut = {}
    for pk in grupper:
        g, steg = pk, 0
        while grupper.get(g) is not None and steg <= len(grupper):
            g, steg = grupper[g], steg + 1
        ut[pk] = typ[g]
    return ut


def _linjer(forbund, ar: int, version, period) -> list[Linje]:
    """Every budget line with a budget in `version` or an utfall in `period`, costs as
    positive kronor: budget = −belopp of a cost line, utfall = −kostnad."""
    topptyp = _topptyper(forbund)
    budget = belopp_for_version(version) if version is not None else {}
    utfall = (
        dict(Utfallsrad.objects.filter(period=period).values_list("rad_id", "kostnad"))
        if period is not None
        else {}
    )
    ut = []
    for rad in Budgetrad.objects.filter(forbund=forbund).order_by(
        "grupp__ordning", "ordning", "pk"
    ):
        if rad.pk not in budget and rad.pk not in utfall:
            continue
        kostnadsrad = topptyp.get(rad.grupp_id) != Budgetgrupp.Typ.INTAKT
        ut.append(
            Linje(
                rad=rad,
                budget=-budget.get(rad.pk, 0) if kostnadsrad else 0,
                utfall=-utfall.get(rad.pk, 0),
            )
        )
    return ut


def _del_for(insats: Insats, linje: Linje) -> str:
    if insats.insatsinriktning == Insatsinriktning.BADA:
        return STRUKTUR if linje.rad.kategori == Budgetrad.Kategori.STRUKTURELLA else INDIVID
    return STRUKTUR if insats.insatsinriktning == Insatsinriktning.STRUKTUROVERGRIPANDE else INDIVID


# --- the förbund's fields -----------------------------------------------------------------


def _tilldelade_medel(forbund, ar, arsbokslut) -> Falt:
    mt = Medelstilldelning.objects.filter(forbund=forbund, ar=ar).first()
    falt = Falt(
        "1.1",
        _("Tilldelade medel (kr)"),
        mt.total if mt else None,
        _("Medelstilldelningen %(ar)s: statens, regionens och kommunernas bidrag.") % {"ar": ar},
    )
    medel_url = reverse("budget:medel-list")
    if mt is None:
        falt.kontroller.append(
            _brist(
                _("Tilldelade medel"),
                _("Det finns ingen medelstilldelning för %(ar)s.") % {"ar": ar},
                url=medel_url,
                lank=_("Till medelstilldelningen"),
            )
        )
        return falt
    try:
        fordelning = selectors_medel.fordelning(mt)
    except ValidationError as e:
        falt.kontroller.append(
            _brist(
                _("Medlemmarnas driftbidrag"),
                _("Driftbidragen kan inte räknas fram: %(fel)s") % {"fel": " ".join(e.messages)},
                url=medel_url,
                lank=_("Till medelstilldelningen"),
            )
        )
    else:
        skillnad = mt.total - fordelning.total
        falt.kontroller.append(
            Kontroll(
                _("Medlemmarnas driftbidrag"),
                skillnad == 0,
                _("Medlemmarnas driftbidrag summerar till %(kr)s.") % {"kr": _kr(fordelning.total)}
                if skillnad == 0
                else _(
                    "Medlemmarnas driftbidrag summerar till %(kr)s, inte tilldelade medel "
                    "(%(skillnad)s)."
                )
                % {"kr": _kr(fordelning.total), "skillnad": _skillnad_text(skillnad)},
                skillnad,
            )
        )
    if arsbokslut is not None and arsbokslut.kalla is not None:
        intakter = arsbokslut.verksamhetens_intakter
        skillnad = mt.total - intakter
        falt.kontroller.append(
            Kontroll(
                _("Verksamhetens intäkter i bokslutet"),
                skillnad == 0,
                _(
                    "Tilldelade medel är desamma som verksamhetens intäkter i "
                    "resultaträkningen, %(kr)s."
                )
                % {"kr": _kr(intakter)}
                if skillnad == 0
                else _(
                    "Verksamhetens intäkter i resultaträkningen är %(rr)s (%(skillnad)s: "
                    "övriga intäkter eller medel som periodiserats)."
                )
                % {"rr": _kr(intakter), "skillnad": _skillnad_text(skillnad)},
                skillnad,
                reverse("budget:bokslut-detail", args=[ar]),
                _("Till bokslutet"),
            )
        )
    return falt


def _eget_kapital(ar, bokslut) -> Falt:
    aktuell = bokslut.aktuell if bokslut is not None else None
    falt = Falt(
        "1.2",
        _("Eget kapital per 31 december (kr)"),
        aktuell.summa_eget_kapital if aktuell else None,
        _("Bokslutet %(ar)s: balansräkningens eget kapital.") % {"ar": ar},
    )
    if aktuell is None:
        falt.kontroller.append(
            _brist(
                _("Eget kapital"),
                _("Det finns inget bokslut för %(ar)s.") % {"ar": ar},
                url=reverse("budget:bokslut-list"),
                lank=_("Till bokslut"),
            )
        )
        return falt
    if aktuell.utgaende_eget_kapital is None:
        falt.kontroller.append(
            _brist(
                _("Eget kapital"),
                _("Ingående eget kapital saknas i bokslutet, så not 5 kan inte stämmas av."),
                url=reverse("budget:bokslut-detail", args=[ar]),
                lank=_("Till bokslutet"),
            )
        )
    else:
        skillnad = aktuell.summa_eget_kapital - aktuell.utgaende_eget_kapital
        falt.kontroller.append(
            Kontroll(
                _("Eget kapital enligt not 5"),
                skillnad == 0,
                _("Utgående eget kapital i not 5 är detsamma, %(kr)s.")
                % {"kr": _kr(aktuell.utgaende_eget_kapital)}
                if skillnad == 0
                else _("Utgående eget kapital i not 5 är %(not5)s (%(skillnad)s).")
                % {
                    "not5": _kr(aktuell.utgaende_eget_kapital),
                    "skillnad": _skillnad_text(skillnad),
                },
                skillnad,
                reverse("budget:bokslut-detail", args=[ar]),
                _("Till bokslutet"),
            )
        )
    return falt


def _administration(ar, linjer, version, period) -> list[Falt]:
    admin = [lj for lj in linjer if lj.rad.kategori == Budgetrad.Kategori.ADMINISTRATION]
    budget = Falt(
        "1.3",
        _("Budget för administration (kr)"),
        sum(lj.budget for lj in admin) if version is not None else None,
        _("%(version)s: raderna med kostnadskategori administration (%(rader)s).")
        % {
            "version": version.rubrik if version else _("Ingen budget"),
            "rader": ", ".join(lj.rad.namn for lj in admin) or "–",
        },
    )
    utfall = Falt(
        "1.4",
        _("Utfall för administration (kr)"),
        sum(lj.utfall for lj in admin) if period is not None else None,
        _("Utfallet per 31 december %(ar)s för samma rader.") % {"ar": ar},
    )
    if version is None:
        budget.kontroller.append(
            _brist(
                _("Budget"),
                _("Det finns ingen beslutad budget för %(ar)s.") % {"ar": ar},
                url=reverse("budget:overview"),
                lank=_("Till budgeten"),
            )
        )
    if period is None:
        utfall.kontroller.append(
            _brist(
                _("Utfall"),
                _("Det finns inget utfall per 31 december %(ar)s.") % {"ar": ar},
                url=reverse("budget:utfall-list"),
                lank=_("Till utfall och prognos"),
            )
        )
    if (version is not None or period is not None) and not admin:
        budget.kontroller.append(
            _brist(
                _("Administration"),
                _("Ingen budgetrad har kostnadskategorin administration."),
                url=reverse("budget:struktur"),
                lank=_("Till budgetens rader"),
            )
        )
    return [budget, utfall]


# --- the insatser -------------------------------------------------------------------------


def _esf_insatser(forbund, ar: int) -> set[int]:
    """The insatser with funding from the Europeiska socialfonden during the year."""
    lista = externfinansiering_under(forbund, date(ar, 1, 1), date(ar, 12, 31))
    return {f.insats_id for f in lista.rader if any(ord_ in f.finansiar.lower() for ord_ in ESF)}


def _insatsrader(
    insatser, linjer, *, budgeterade, deltagartal, struktur, esf, har_budget, har_utfall
):
    rader: list[Insatsrad] = []
    per_insats: dict[int, list[Linje]] = {}
    for lj in linjer:
        if lj.rad.insats_id is not None:
            per_insats.setdefault(lj.rad.insats_id, []).append(lj)
    for insats in insatser:
        delar = {
            Insatsinriktning.INDIVIDINRIKTAD: [INDIVID],
            Insatsinriktning.STRUKTUROVERGRIPANDE: [STRUKTUR],
            Insatsinriktning.BADA: [INDIVID, STRUKTUR],
        }[insats.insatsinriktning]
        for del_ in delar:
            egna = [lj for lj in per_insats.get(insats.pk, []) if _del_for(insats, lj) == del_]
            if del_ == INDIVID:
                inriktning = Insatsinriktning.INDIVIDINRIKTAD.label
                preciserad = insats.get_inriktning_individ_display()
                del_namn = _("individinriktad del")
            else:
                inriktning = Insatsinriktning.STRUKTUROVERGRIPANDE.label
                preciserad = insats.get_inriktning_struktur_display()
                del_namn = _("strukturövergripande del")
            namn = insats.namn if len(delar) == 1 else f"{insats.namn} ({del_namn})"
            rad = Insatsrad(
                nr=f"2.{len(rader) + 1}",
                insats=insats,
                del_=del_,
                namn=namn,
                inriktning=str(inriktning),
                preciserad_inriktning=preciserad,
                malgrupp=insats.get_nationell_malgrupp_display(),
                esf=insats.pk in esf,
                budget=sum(lj.budget for lj in egna) if har_budget else None,
                utfall=sum(lj.utfall for lj in egna) if har_utfall else None,
                linjer=egna,
            )
            _kontrollera(rad, insats, delar, budgeterade, deltagartal, struktur)
            rader.append(rad)
    return rader


def _kontrollera(rad: Insatsrad, insats, delar, budgeterade, deltagartal, struktur):
    edit_url = reverse("insatser:edit", args=[insats.pk])
    if not rad.preciserad_inriktning or not rad.malgrupp:
        rad.kontroller.append(
            _brist(
                _("Uppgifter om insatsen"),
                _("Preciserad inriktning eller målgrupp i Uppföljning Finsam saknas."),
                url=edit_url,
                lank=_("Ändra insatsen"),
            )
        )
    if not rad.linjer:
        if len(delar) == 2:
            kategori = (
                _("kostnadskategorin strukturella insatser")
                if rad.del_ == STRUKTUR
                else _("en annan kostnadskategori än strukturella insatser")
            )
            meddelande = _(
                "Insatsen har båda delarna men ingen budgetrad med %(kategori)s: delen får "
                "0 kr. Dela insatsens budgetrad på två rader med var sin kategori."
            ) % {"kategori": kategori}
        else:
            meddelande = _("Insatsen har ingen budgetrad med budget eller utfall för året.")
        rad.kontroller.append(
            _brist(
                _("Budget och utfall"),
                meddelande,
                url=reverse("budget:struktur"),
                lank=_("Till budgetens rader"),
            )
        )
    if rad.ar_individ:
        rad.budgeterade_deltagare = budgeterade.get(insats.pk)
        rad.deltagare = deltagartal.for_insats(insats.pk)
        if rad.budgeterade_deltagare is None:
            rad.kontroller.append(
                _brist(
                    _("Budgeterat antal deltagare"),
                    _("Budgeterat antal deltagare saknas."),
                    url=reverse("uppfoljning:nationell-deltagare", args=[deltagartal.ar]),
                    lank=_("Fyll i budgeterat antal"),
                )
            )
        if insats.pk in deltagartal.ej_godkanda:
            rad.kontroller.append(
                _brist(
                    _("Deltagare"),
                    _("Insatsens helårsrapport %(ar)s är inte godkänd: deltagarna räknas inte.")
                    % {"ar": deltagartal.ar},
                    url=reverse("uppfoljning:period-list"),
                    lank=_("Till rapportperioderna"),
                )
            )
        elif rad.deltagare is None:
            rad.kontroller.append(
                _brist(
                    _("Deltagare"),
                    _("Insatsen har ingen godkänd helårsrapport %(ar)s med deltagare.")
                    % {"ar": deltagartal.ar},
                )
            )
    else:
        s = struktur.get(insats.pk)
        rad.strukturdeltagare = s.deltagare if s else None
        rad.aktiviteter = s.antal_aktiviteter if s else 0
        aktivitet_url = reverse("uppfoljning:aktivitet-list", args=[deltagartal.ar])
        if s is None:
            rad.kontroller.append(
                _brist(
                    _("Deltagare i strukturövergripande insatser"),
                    _("Insatsen har inga strukturella aktiviteter %(ar)s.")
                    % {"ar": deltagartal.ar},
                    url=aktivitet_url,
                    lank=_("Till strukturella aktiviteter"),
                )
            )
        elif s.utan_antal:
            rad.kontroller.append(
                _brist(
                    _("Deltagare i strukturövergripande insatser"),
                    _("%(n)s av insatsens aktiviteter saknar antal deltagare.")
                    % {"n": s.utan_antal},
                    url=aktivitet_url,
                    lank=_("Till strukturella aktiviteter"),
                )
            )


def _konskontroll(rad: Insatsrad, tabell: CountTable) -> Kontroll:
    """Kvinnor and män against the row's total. Where the reader sees protected figures and
    one of them is hidden, the message names no number (it would reveal the small count)."""
    kvinnor, man, annat = rad.deltagare
    totalt = kvinnor + man + annat
    if annat == 0:
        return Kontroll(
            _("Deltagare per kön"),
            True,
            _("Kvinnor och män summerar till deltagarna totalt, %(n)s.") % {"n": totalt},
            0,
        )
    if any(tabell.is_hidden(rad.tabellrad, c) for c in range(4)):
        return _brist(
            _("Deltagare per kön"),
            _(
                "Kvinnor och män summerar inte till deltagarna totalt: några har kön annat "
                "eller ej angivet. Antalen visas inte, eftersom ett litet tal då kunde räknas ut."
            ),
        )
    return Kontroll(
        _("Deltagare per kön"),
        False,
        _(
            "Kvinnor och män summerar till %(km)s men deltagarna är %(n)s: %(annat)s har kön "
            "annat eller ej angivet (skillnad %(annat)s)."
        )
        % {"km": kvinnor + man, "n": totalt, "annat": annat},
        -annat,
    )


# --- the checks of the whole sheet --------------------------------------------------------


def _utanfor(linjer, insats_ids, attr) -> list[tuple[str, int]]:
    """Cost lines neither administration nor of an insats on the sheet, with their amount."""
    return [
        (lj.rad.namn, getattr(lj, attr))
        for lj in linjer
        if getattr(lj, attr)
        and lj.rad.kategori != Budgetrad.Kategori.ADMINISTRATION
        and lj.rad.insats_id not in insats_ids
    ]


def _rader_text(rader) -> str:
    return "; ".join(f"{namn} {_kr(belopp)}" for namn, belopp in rader)


def _summakontroller(ar, linjer, insatsrader, admin, version, arsbokslut) -> tuple:
    ids = {r.insats.pk for r in insatsrader}
    ut = []
    budget_summa = utfall_summa = None
    if version is not None:
        budget_summa = (admin[0].varde or 0) + sum(r.budget or 0 for r in insatsrader)
        tabell = versionstabell(version).tabell
        kostnader = -(tabell.summa_kostnader[0] or 0)
        skillnad = budget_summa - kostnader
        utanfor = _utanfor(linjer, ids, "budget")
        ut.append(
            Kontroll(
                _("Budget i bladet och budgetens summa kostnader"),
                skillnad == 0,
                _("Administration och insatser i bladet summerar till budgetens kostnader, %(kr)s.")
                % {"kr": _kr(kostnader)}
                if skillnad == 0
                else _(
                    "Administration och insatser i bladet summerar till %(blad)s; %(version)s "
                    "har kostnader på %(kr)s (%(skillnad)s). Utanför bladet: %(rader)s."
                )
                % {
                    "blad": _kr(budget_summa),
                    "version": version.rubrik,
                    "kr": _kr(kostnader),
                    "skillnad": _skillnad_text(skillnad),
                    "rader": _rader_text(utanfor) or "–",
                },
                skillnad,
                reverse("budget:version-detail", args=[version.pk]),
                _("Till budgeten"),
            )
        )
    if arsbokslut is not None and admin[1].varde is not None:
        utfall_summa = admin[1].varde + sum(r.utfall or 0 for r in insatsrader)
        kostnader = -arsbokslut.verksamhetens_kostnader
        skillnad = utfall_summa - kostnader
        utanfor = _utanfor(linjer, ids, "utfall")
        ut.append(
            Kontroll(
                _("Utfall i bladet och bokslutets verksamhetens kostnader"),
                skillnad == 0,
                _(
                    "Administration och insatser i bladet summerar till verksamhetens kostnader "
                    "i resultaträkningen, %(kr)s."
                )
                % {"kr": _kr(kostnader)}
                if skillnad == 0
                else _(
                    "Administration och insatser i bladet summerar till %(blad)s; verksamhetens "
                    "kostnader i resultaträkningen %(ar)s är %(kr)s (%(skillnad)s). Utanför "
                    "bladet: %(rader)s."
                )
                % {
                    "blad": _kr(utfall_summa),
                    "ar": ar,
                    "kr": _kr(kostnader),
                    "skillnad": _skillnad_text(skillnad),
                    "rader": _rader_text(utanfor) or "–",
                },
                skillnad,
                reverse("budget:bokslut-detail", args=[ar]),
                _("Till bokslutet"),
            )
        )
    return ut, budget_summa, utfall_summa


def _deltagarkontroll(ar, insatsrader, deltagartal, *, grans: int) -> Kontroll | None:
    """The participants of the sheet against all participants in the approved reports.
    `grans`: with a count outside the sheet below it (other than 0) the check names no
    number (0: the kansli's exact view)."""
    if deltagartal.period is None:
        return _brist(
            _("Deltagare i godkända rapporter"),
            _("Det finns ingen rapportperiod för helåret %(ar)s.") % {"ar": ar},
            url=reverse("uppfoljning:period-list"),
            lank=_("Till rapportperioderna"),
        )
    i_bladet = {r.insats.pk for r in insatsrader if r.ar_individ}
    blad = sum(r.deltagare_totalt or 0 for r in insatsrader if r.ar_individ)
    utanfor = [
        (pk, sum(v)) for pk, v in deltagartal.per_insats.items() if pk not in i_bladet and sum(v)
    ]
    skillnad = blad - deltagartal.totalt
    namn = dict(Insats.objects.filter(pk__in=[pk for pk, _n in utanfor]).values_list("pk", "namn"))

    if any(0 < n < grans for _pk, n in utanfor):
        # A small count outside the sheet would show in the difference: no numbers.
        return _brist(
            _("Deltagare i godkända rapporter"),
            _(
                "Bladet har inte alla deltagare i de godkända helårsrapporterna. Insatser utan "
                "individinriktad del har deltagare: %(rader)s. Antalen visas inte, eftersom ett "
                "litet tal då kunde räknas ut."
            )
            % {"rader": ", ".join(str(namn.get(pk, pk)) for pk, _n in utanfor)},
        )
    return Kontroll(
        _("Deltagare i godkända rapporter"),
        skillnad == 0,
        _("Bladets deltagare är alla %(n)s deltagare i de godkända helårsrapporterna.")
        % {"n": deltagartal.totalt}
        if skillnad == 0
        else _(
            "Bladet har %(blad)s deltagare men de godkända helårsrapporterna har %(n)s "
            "(skillnad %(skillnad)s). Insatser utan individinriktad del: %(rader)s."
        )
        % {
            "blad": blad,
            "n": deltagartal.totalt,
            "skillnad": skillnad,
            "rader": "; ".join(f"{namn.get(pk, pk)} {n}" for pk, n in utanfor),
        },
        skillnad,
        reverse("uppfoljning:statistik-period", args=[ar, "helar"]),
        _("Till deltagarstatistiken"),
    )


# --- the sheet ------------------------------------------------------------------------------


def uppfoljningsblad(forbund, ar: int, *, protected: bool) -> Uppfoljningsblad:
    """The sheet of `ar`. `protected`: small participant counts hidden (everybody but the
    kansli); the kansli sees exact figures with those cells marked."""
    per = date(ar, 12, 31)
    version = version_vid(forbund.pk, per)
    period = bokslutsperiod(forbund, ar)
    bokslut = selectors_bokslut.arsredovisning(forbund, ar)
    arsbokslut = bokslut.aktuell if bokslut is not None else None
    linjer = _linjer(forbund, ar, version, period)

    alla = selectors_nationell.insatser_under(forbund, ar)
    med = [i for i in alla if i.insatsinriktning]
    deltagartal = selectors_nationell.deltagartal(forbund, ar)
    insatsrader = _insatsrader(
        med,
        linjer,
        budgeterade=selectors_nationell.budgeterade(forbund, ar),
        deltagartal=deltagartal,
        struktur=selectors_nationell.strukturdeltagare(forbund, ar),
        esf=_esf_insatser(forbund, ar),
        har_budget=version is not None,
        har_utfall=period is not None,
    )
    # The participants' table: the individinriktade rows with an approved report.
    individ = [r for r in insatsrader if r.ar_individ and r.deltagare is not None]
    for i, r in enumerate(individ):
        r.tabellrad = i
    tabell = CountTable(
        row_labels=[r.namn for r in individ],
        column_labels=[str(label) for _v, label in Kon.choices],
        cells=[r.deltagare for r in individ],
        threshold=forbund.smatal_grans,
        protected=protected,
        total_label=_("Totalt"),
    )

    rows = tabell.rows
    etiketter = [
        *(_("Deltagare: %(kon)s") % {"kon": str(k).lower()} for k in tabell.column_labels),
        _("Deltagare totalt"),
    ]
    for r in individ:
        r.celler = [
            {**cell, "etikett": e}
            for cell, e in zip(rows[r.tabellrad]["cells"], etiketter, strict=True)
        ]
        r.kontroller.append(_konskontroll(r, tabell))

    admin = _administration(ar, linjer, version, period)
    forbundsfalt = [_tilldelade_medel(forbund, ar, arsbokslut), _eget_kapital(ar, bokslut), *admin]
    kontroller, budget_summa, utfall_summa = _summakontroller(
        ar, linjer, insatsrader, admin, version, arsbokslut
    )
    deltagarkontroll = _deltagarkontroll(
        ar, insatsrader, deltagartal, grans=forbund.smatal_grans if protected else 0
    )
    if deltagarkontroll is not None:
        kontroller.append(deltagarkontroll)
    utan = [i for i in alla if not i.insatsinriktning]
    if utan:
        kontroller.append(
            _brist(
                _("Insatser utan inriktning"),
                _(
                    "Inriktning i Uppföljning Finsam saknas för %(insatser)s: de finns inte med "
                    "i bladet."
                )
                % {"insatser": ", ".join(i.namn for i in utan)},
                url=reverse("insatser:edit", args=[utan[0].pk]),
                lank=_("Ändra insatsen"),
            )
        )
    return Uppfoljningsblad(
        forbund=forbund,
        ar=ar,
        protected=protected,
        forbundsfalt=forbundsfalt,
        insatsrader=insatsrader,
        deltagartabell=tabell,
        kontroller=kontroller,
        utan_inriktning=utan,
        budget_summa=budget_summa,
        utfall_summa=utfall_summa,
    )
