"""Reads for the bokslut: resultaträkning, balansräkning, kassaflödesanalys, noter 4–6,
the checks that the stored figures agree, eget kapital against the 20 % ceiling and the
five-year overview.

Nothing computed here is stored. Verksamhetens intäkter and kostnader come from the utfall
per 31 December (Utfallsperiod of typ bokslut) when the year has one, else from the figures
stored on the Bokslut (years before the app). Every figure is whole kronor (int).

One call reads a constant number of queries, however many years and note lines there are:
the förbund's bokslut, their note lines, the utfall sums per 31 December, and (for the
eget-kapital ceiling) the year's medelstilldelning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from budget.models import Bokslut, Bokslutspost, Medelstilldelning, Utfallsperiod
from finsam import formatting
from finsam.models import Forbund

#: The national council's recommended ceiling for eget kapital, as a share of the allocation.
EK_TAK = Decimal("0.20")

#: Where verksamhetens intäkter and kostnader of a year come from.
KALLA_UTFALL = "utfall"
KALLA_BOKSLUT = "bokslut"


@dataclass
class Arsbokslut:
    """One year's resultaträkning, balansräkning and not 5, computed from the stored figures."""

    bokslut: Bokslut
    ar: int
    # Resultaträkning
    kalla: str | None  # KALLA_UTFALL, KALLA_BOKSLUT or None (missing)
    verksamhetens_intakter: int
    verksamhetens_kostnader: int
    verksamhetens_resultat: int
    finansiella_intakter: int
    finansiella_kostnader: int
    resultat_efter_finansiella_poster: int
    arets_resultat: int
    # Balansräkning
    fordringsposter: list[Bokslutspost]
    skuldposter: list[Bokslutspost]
    fordringar: int
    kassa_och_bank: int
    summa_tillgangar: int
    ovrigt_eget_kapital: int
    summa_eget_kapital: int
    avsattningar_pensioner: int
    kortfristiga_skulder: int
    summa_eget_kapital_avsattningar_skulder: int
    # Not 5
    ingaende_eget_kapital: int | None
    ingaende_lagrat: bool
    kapitaltillskott: int
    utgaende_eget_kapital: int | None
    # Stored on the Bokslut but not used because the utfall wins (shown as a note).
    lagrade_intakter_ej_anvanda: bool = False

    @property
    def soliditet(self) -> Decimal | None:
        """Eget kapital / totalt kapital (summa tillgångar)."""
        if not self.summa_tillgangar:
            return None
        return Decimal(self.summa_eget_kapital) / Decimal(self.summa_tillgangar)

    @property
    def antal_anstallda_avrundat(self) -> int | None:
        """Full-time posts rounded to the nearest whole number, as the overview prints them."""
        n = self.bokslut.antal_anstallda
        if n is None:
            return None
        return int(n.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Kassaflode:
    """The kassaflödesanalys of a year, derived from this year's and last year's bokslut."""

    arets_resultat: int
    justering: int  # ej likviditetspåverkande poster: change in avsättningar för pensioner
    fore_rorelsekapital: int
    forandring_fordringar: int  # −/+ ökning/minskning kortfristiga fordringar
    forandring_skulder: int  # +/− ökning/minskning kortfristiga skulder
    lopande: int
    finansiering: int  # kapitaltillskott
    arets_kassaflode: int
    vid_arets_borjan: int
    vid_arets_slut: int


@dataclass
class Kontroll:
    """A check that two computed or stored figures agree."""

    rubrik: str
    ok: bool
    meddelande: str
    skillnad: int = 0


@dataclass
class EgetKapitalTak:
    eget_kapital: int
    tilldelning: int | None
    fran_medelstilldelning: bool
    kalla_text: str
    andel: Decimal | None
    tak: Decimal = EK_TAK

    @property
    def over_taket(self) -> bool:
        return self.andel is not None and self.andel > self.tak


@dataclass
class Arsredovisning:
    """What the page of a year shows."""

    ar: int
    aktuell: Arsbokslut
    foregaende: Arsbokslut | None
    kassaflode: Kassaflode | None
    kassaflode_foregaende: Kassaflode | None
    kontroller: list[Kontroll]
    ek_tak: EgetKapitalTak
    femar: list[Arsbokslut] = field(default_factory=list)

    @property
    def avvikelser(self) -> list[Kontroll]:
        return [k for k in self.kontroller if not k.ok]

    @property
    def not4(self) -> list[Notrad]:
        return _notrader(self.aktuell, self.foregaende, "fordringsposter")

    @property
    def not6(self) -> list[Notrad]:
        return _notrader(self.aktuell, self.foregaende, "skuldposter")


@dataclass
class Notrad:
    """A note line with this year's and last year's amount (matched by name)."""

    namn: str
    belopp: int | None
    foregaende: int | None


def _notrader(aktuell: Arsbokslut, foregaende: Arsbokslut | None, attr: str) -> list[Notrad]:
    rader: dict[str, Notrad] = {}
    for p in getattr(aktuell, attr):
        rad = rader.setdefault(p.namn, Notrad(p.namn, 0, None))
        rad.belopp += p.belopp
    for p in getattr(foregaende, attr) if foregaende is not None else []:
        rad = rader.setdefault(p.namn, Notrad(p.namn, None, None))
        rad.foregaende = (rad.foregaende or 0) + p.belopp
    return list(rader.values())


def _kr(value: int) -> str:
    return formatting.kr(value)


# --- the years -------------------------------------------------------------------------------


def _utfall_per_ar(forbund: Forbund) -> dict[int, tuple[int, int]]:
    """{year: (intäkter, kostnader)} summed over the utfall per 31 December (typ bokslut)."""
    perioder = (
        Utfallsperiod.objects.filter(
            forbund=forbund,
            typ=Utfallsperiod.Typ.BOKSLUT,
            per__month=12,
            per__day=31,
        )
        .annotate(
            intakter=Coalesce(Sum("rader__intakt"), Value(0)),
            kostnader=Coalesce(Sum("rader__kostnad"), Value(0)),
        )
        .values_list("per", "intakter", "kostnader")
    )
    return {per.year: (int(i), int(k)) for per, i, k in perioder}


def bokslut_ar(forbund: Forbund, *, till_och_med: int | None = None) -> dict[int, Arsbokslut]:
    """Every stored year's figures, oldest first, {year: Arsbokslut}.

    Eget kapital rolls forward: a year without a stored ingående eget kapital opens with the
    year before's computed closing (the year before must be stored then, else it is None).
    """
    qs = Bokslut.objects.filter(forbund=forbund).order_by("ar")
    if till_och_med is not None:
        qs = qs.filter(ar__lte=till_och_med)
    qs = qs.prefetch_related(
        Prefetch("poster", queryset=Bokslutspost.objects.order_by("typ", "ordning", "pk"))
    )
    utfall = _utfall_per_ar(forbund)
    ut: dict[int, Arsbokslut] = {}
    for b in qs:
        if b.ar in utfall:
            kalla = KALLA_UTFALL
            intakter, kostnader = utfall[b.ar]
        elif b.verksamhetens_intakter is not None or b.verksamhetens_kostnader is not None:
            kalla = KALLA_BOKSLUT
            intakter, kostnader = b.verksamhetens_intakter or 0, b.verksamhetens_kostnader or 0
        else:
            kalla, intakter, kostnader = None, 0, 0
        verksamhetens_resultat = intakter + kostnader
        efter_fin = verksamhetens_resultat + b.finansiella_intakter + b.finansiella_kostnader
        arets_resultat = efter_fin

        poster = list(b.poster.all())
        fordringsposter = [p for p in poster if p.typ == Bokslutspost.Typ.FORDRAN]
        skuldposter = [p for p in poster if p.typ == Bokslutspost.Typ.SKULD]
        fordringar = sum(p.belopp for p in fordringsposter)
        skulder = sum(p.belopp for p in skuldposter)

        foreg = ut.get(b.ar - 1)
        if b.ingaende_eget_kapital is not None:
            ingaende, lagrat = b.ingaende_eget_kapital, True
        elif foreg is not None and foreg.utgaende_eget_kapital is not None:
            ingaende, lagrat = foreg.utgaende_eget_kapital, False
        else:
            ingaende, lagrat = None, False
        ovrigt = (ingaende or 0) + b.kapitaltillskott
        summa_ek = arets_resultat + ovrigt
        utgaende = None if ingaende is None else ingaende + b.kapitaltillskott + arets_resultat
        summa_tillgangar = fordringar + b.kassa_och_bank

        ut[b.ar] = Arsbokslut(
            bokslut=b,
            ar=b.ar,
            kalla=kalla,
            verksamhetens_intakter=intakter,
            verksamhetens_kostnader=kostnader,
            verksamhetens_resultat=verksamhetens_resultat,
            finansiella_intakter=b.finansiella_intakter,
            finansiella_kostnader=b.finansiella_kostnader,
            resultat_efter_finansiella_poster=efter_fin,
            arets_resultat=arets_resultat,
            fordringsposter=fordringsposter,
            skuldposter=skuldposter,
            fordringar=fordringar,
            kassa_och_bank=b.kassa_och_bank,
            summa_tillgangar=summa_tillgangar,
            ovrigt_eget_kapital=ovrigt,
            summa_eget_kapital=summa_ek,
            avsattningar_pensioner=b.avsattningar_pensioner,
            kortfristiga_skulder=skulder,
            summa_eget_kapital_avsattningar_skulder=summa_ek + b.avsattningar_pensioner + skulder,
            ingaende_eget_kapital=ingaende,
            ingaende_lagrat=lagrat,
            kapitaltillskott=b.kapitaltillskott,
            utgaende_eget_kapital=utgaende,
            lagrade_intakter_ej_anvanda=kalla == KALLA_UTFALL
            and (b.verksamhetens_intakter is not None or b.verksamhetens_kostnader is not None),
        )
    return ut


def kassaflode(aktuell: Arsbokslut, foregaende: Arsbokslut | None) -> Kassaflode | None:
    """The kassaflödesanalys; None without last year's bokslut to compare the balance with."""
    if foregaende is None:
        return None
    justering = aktuell.avsattningar_pensioner - foregaende.avsattningar_pensioner
    fore = aktuell.arets_resultat + justering
    # An increase in fordringar binds cash (−); an increase in skulder frees it (+).
    forandring_fordringar = foregaende.fordringar - aktuell.fordringar
    forandring_skulder = aktuell.kortfristiga_skulder - foregaende.kortfristiga_skulder
    lopande = fore + forandring_fordringar + forandring_skulder
    finansiering = aktuell.kapitaltillskott
    arets = lopande + finansiering
    return Kassaflode(
        arets_resultat=aktuell.arets_resultat,
        justering=justering,
        fore_rorelsekapital=fore,
        forandring_fordringar=forandring_fordringar,
        forandring_skulder=forandring_skulder,
        lopande=lopande,
        finansiering=finansiering,
        arets_kassaflode=arets,
        vid_arets_borjan=foregaende.kassa_och_bank,
        vid_arets_slut=foregaende.kassa_och_bank + arets,
    )


# --- checks ----------------------------------------------------------------------------------


def _skillnad_text(skillnad: int) -> str:
    return _("skillnad %(kr)s") % {"kr": _kr(abs(skillnad))}


def kontroller(
    aktuell: Arsbokslut, foregaende: Arsbokslut | None, kf: Kassaflode | None
) -> list[Kontroll]:
    """Whether the stored figures agree; each message says where and by how much."""
    a = aktuell
    ut: list[Kontroll] = []

    if a.kalla is None:
        ut.append(
            Kontroll(
                rubrik=_("Verksamhetens intäkter och kostnader"),
                ok=False,
                meddelande=_(
                    "Det finns inget utfall per 31 december %(ar)s och inga intäkter eller "
                    "kostnader i bokslutet. Resultaträkningen räknas med 0 kr."
                )
                % {"ar": a.ar},
            )
        )

    # 1. Assets = eget kapital + avsättningar + skulder.
    skillnad = a.summa_tillgangar - a.summa_eget_kapital_avsattningar_skulder
    if skillnad == 0:
        meddelande = _(
            "Balansräkningen går ihop: summa tillgångar och summa eget kapital, avsättningar "
            "och skulder är båda %(kr)s."
        ) % {"kr": _kr(a.summa_tillgangar)}
    else:
        meddelande = _(
            "Balansräkningen går inte ihop: summa tillgångar är %(tillgangar)s men summa eget "
            "kapital, avsättningar och skulder är %(skulder)s – %(skillnad)s. Tillgångarna "
            "är %(riktning)s."
        ) % {
            "tillgangar": _kr(a.summa_tillgangar),
            "skulder": _kr(a.summa_eget_kapital_avsattningar_skulder),
            "skillnad": _skillnad_text(skillnad),
            "riktning": (_("%(kr)s lägre") if skillnad < 0 else _("%(kr)s högre"))
            % {"kr": _kr(abs(skillnad))},
        }
    ut.append(Kontroll(_("Balansräkningen"), skillnad == 0, meddelande, skillnad))

    # 2. The cash flow ends at the balance sheet's kassa och bank.
    if kf is None:
        ut.append(
            Kontroll(
                rubrik=_("Kassaflödesanalysen"),
                ok=True,
                meddelande=_(
                    "Kassaflödesanalysen kan inte räknas fram: det finns inget bokslut för "
                    "%(ar)s att jämföra balansräkningen med."
                )
                % {"ar": a.ar - 1},
            )
        )
    else:
        skillnad = kf.vid_arets_slut - a.kassa_och_bank
        if skillnad == 0:
            meddelande = _(
                "Kassaflödesanalysen slutar på balansräkningens kassa och bank, %(kr)s."
            ) % {"kr": _kr(a.kassa_och_bank)}
        else:
            meddelande = _(
                "Kassaflödesanalysen slutar på %(slut)s i likvida medel vid årets slut, men "
                "balansräkningens kassa och bank är %(kassa)s – %(skillnad)s."
            ) % {
                "slut": _kr(kf.vid_arets_slut),
                "kassa": _kr(a.kassa_och_bank),
                "skillnad": _skillnad_text(skillnad),
            }
        ut.append(Kontroll(_("Kassaflödesanalysen"), skillnad == 0, meddelande, skillnad))

    # 3. Eget kapital rolls from last year.
    if a.ingaende_eget_kapital is None:
        ut.append(
            Kontroll(
                rubrik=_("Ingående eget kapital"),
                ok=False,
                meddelande=_(
                    "Ingående eget kapital saknas: fyll i det enligt fastställd balansräkning, "
                    "eller lägg in bokslutet för %(ar)s."
                )
                % {"ar": a.ar - 1},
            )
        )
    elif (
        a.ingaende_lagrat
        and foregaende is not None
        and foregaende.utgaende_eget_kapital is not None
    ):
        skillnad = a.ingaende_eget_kapital - foregaende.utgaende_eget_kapital
        varden = {
            "ingaende": _kr(a.ingaende_eget_kapital),
            "foreg": foregaende.ar,
            "utgaende": _kr(foregaende.utgaende_eget_kapital),
            "skillnad": _skillnad_text(skillnad),
        }
        if skillnad == 0:
            meddelande = (
                _(
                    "Ingående eget kapital %(ingaende)s enligt fastställd balansräkning är "
                    "detsamma som %(foreg)s års utgående eget kapital."
                )
                % varden
            )
        else:
            meddelande = (
                _(
                    "Ingående eget kapital enligt fastställd balansräkning är %(ingaende)s, men "
                    "%(foreg)s års utgående eget kapital är %(utgaende)s – %(skillnad)s."
                )
                % varden
            )
        ut.append(Kontroll(_("Ingående eget kapital"), skillnad == 0, meddelande, skillnad))

    # 4. Not 5's closing = the balance sheet's eget kapital.
    if a.utgaende_eget_kapital is not None:
        skillnad = a.utgaende_eget_kapital - a.summa_eget_kapital
        varden = {
            "not5": _kr(a.utgaende_eget_kapital),
            "br": _kr(a.summa_eget_kapital),
            "skillnad": _skillnad_text(skillnad),
        }
        if skillnad == 0:
            meddelande = (
                _(
                    "Utgående eget kapital i not 5 och eget kapital i balansräkningen är båda "
                    "%(not5)s."
                )
                % varden
            )
        else:
            meddelande = (
                _(
                    "Utgående eget kapital i not 5 är %(not5)s men balansräkningens eget kapital "
                    "är %(br)s – %(skillnad)s."
                )
                % varden
            )
        ut.append(Kontroll(_("Not 5 och balansräkningen"), skillnad == 0, meddelande, skillnad))
    return ut


# --- eget kapital against the ceiling ------------------------------------------------------


def eget_kapital_tak(aktuell: Arsbokslut, medel: Medelstilldelning | None) -> EgetKapitalTak:
    """Eget kapital as a share of the year's allocation (the medelstilldelning when stored,
    else verksamhetens intäkter of the resultaträkning)."""
    ek = aktuell.summa_eget_kapital
    if medel is not None:
        bas = medel.total
        kalla = _("årets medelstilldelning")
        fran_medel = True
    else:
        bas = aktuell.verksamhetens_intakter or None
        kalla = _(
            "verksamhetens intäkter enligt resultaträkningen (ingen medelstilldelning är "
            "registrerad för %(ar)s)"
        ) % {"ar": aktuell.ar}
        fran_medel = False
    andel = (Decimal(ek) / Decimal(bas)) if bas else None
    return EgetKapitalTak(
        eget_kapital=ek,
        tilldelning=bas,
        fran_medelstilldelning=fran_medel,
        kalla_text=kalla,
        andel=andel,
    )


# --- pages -----------------------------------------------------------------------------------


def bokslut_lista(forbund: Forbund) -> list[tuple[Arsbokslut, int]]:
    """Every stored year, newest first, with how many checks fail."""
    alla = bokslut_ar(forbund)
    ut = []
    for ar in sorted(alla, reverse=True):
        a = alla[ar]
        foreg = alla.get(ar - 1)
        fel = [k for k in kontroller(a, foreg, kassaflode(a, foreg)) if not k.ok]
        ut.append((a, len(fel)))
    return ut


_LAS = object()


def arsredovisning(forbund: Forbund, ar: int, *, medel=_LAS) -> Arsredovisning | None:
    """The page of a year; None when the year has no bokslut. `medel`: the year's
    Medelstilldelning (or None), when the caller has read it."""
    alla = bokslut_ar(forbund, till_och_med=ar)
    aktuell = alla.get(ar)
    if aktuell is None:
        return None
    foreg = alla.get(ar - 1)
    kf = kassaflode(aktuell, foreg)
    kf_foreg = kassaflode(foreg, alla.get(ar - 2)) if foreg is not None else None
    if medel is _LAS:
        medel = Medelstilldelning.objects.filter(forbund=forbund, ar=ar).first()
    femar = [alla[a] for a in sorted(alla, reverse=True)[:5]]
    return Arsredovisning(
        ar=ar,
        aktuell=aktuell,
        foregaende=foreg,
        kassaflode=kf,
        kassaflode_foregaende=kf_foreg,
        kontroller=kontroller(aktuell, foreg, kf),
        ek_tak=eget_kapital_tak(aktuell, medel),
        femar=femar,
    )
