"""Named figures: numbers the kansli quotes in a text, computed from stored data.

A section text writes `{{namn}}` (namn matches `[a-z0-9_.-]+`), e.g.

    De individinriktade insatserna har under året arbetat med {{deltagare.antal}}
    deltagare. Hela {{avslut.arbete_studier.andel}} gick till arbete, studier eller kom
    närmare arbete.

and the preview, the HTML page and the PDF print the value from the report's own
figures ("278", "51 %"). An adopted edition prints the values it was adopted with
(Rapportutgava.figurvarden, stored by fastställ). An unknown name prints
`⟦okänd siffra: namn⟧` and is a blocking finding of the checklist.

    f = figurer(typ, forbund, "2025", rapport)      # {namn: Figur}, never raises
    f["deltagare.antal"].text                        # "278"
    varden = figurtexter(typ, forbund, "2025", rapport)   # {namn: text}, adopted values win
    fyll("… {{deltagare.antal}} deltagare …", varden)       # Markdown with the values

`typ` is a Dokumenttyp or its code ("verksamhetsplan", "delarsrapport",
"arsredovisning", "insats" for the insatsrapport). The figures are read from the built
report object (`rapport`), so they cost a few queries at most (the medelstilldelning).
Documentation for the kansli, with every name: docs/figurer.md.

Formats: amounts are in tkr ("18 958 tkr"); every amount also has a twin with `.kr`
appended giving whole kronor ("18 957 624 kr"). Costs are positive amounts, results keep
their sign. Shares of participants are whole percent ("51 %"), economic shares one
decimal ("46,3 %"). A figure without data prints "–". A participant figure hidden by
small-count protection prints "<3" or "..", as the tables do.

The names (NAMN below lists the fixed ones with the documents they exist in; the rest
are made from the data):

Every document
    forbund.namn, forbund.medlemmar, forbund.kommuner, ar, ar.foregaende, ar.nasta

Verksamhetsplan (budget year N = ar; columns N−1 … N+2)
    budget.intakter, budget.kostnader, budget.resultat, budget.eget_kapital,
    budget.eget_kapital_anvands, budget.individinsatser.andel (year N), and the same
    with `.<år>` appended for each column (budget.kostnader.2026); insatser.antal,
    malomraden.antal; medel.totalt, medel.staten, medel.region, medel.kommunerna,
    medel.<medlem> (the year's medelstilldelning, kr per member); any budget line or
    group: budget.<rad> and budget.<rad>.<år> (<rad> is the line's or group's name
    slugified, e.g. budget.gemensam-administration.2025).

Delårsrapport (per a date; participants of the first half-year)
    per, resultat (utfall to date), budget.resultat (årsbudget), prognos.resultat,
    prognos.avvikelse, intakter/kostnader (utfall), budget.<rad>, utfall.<rad>,
    prognos.<rad>, avvikelse.<rad>, forbrukning.andel (kostnader utfall / årsbudget),
    and the participant figures below.

Årsredovisning (year N)
    resultat, resultat.foregaende, verksamhetens_resultat, intakter, kostnader,
    eget_kapital.ingaende, eget_kapital.utgaende, eget_kapital.andel_av_medel,
    soliditet, anstallda, medel.* as the verksamhetsplan, budget.resultat,
    avvikelse.resultat, budget.kostnader, forbrukning.andel,
    kostnader.<kategori>.andel (individinsatser, strukturella, processtod,
    administration; .budget.andel and .foregaende.andel too), kostnader.direkta.andel,
    budget.<rad>, utfall.<rad>, avvikelse.<rad>, and the participant figures below.

Participants (delårsrapport, årsredovisning, insatsrapport)
    deltagare.antal, deltagare.kvinnor, deltagare.man, deltagare.annat, nya.antal,
    avslutade.antal (each also .kvinnor/.man), deltagare.insatser (number of reporting
    individinsatser), deltagare.<insats-slug> (+ .kvinnor, .man), avslutade.<insats-slug>,
    avslut.arbete_studier.andel (arbete, studier eller närmare arbete, of avslutade),
    avslut.arbete_eller_studier.andel (arbete or studier only), avslut.sjuk.andel,
    avslut.<orsak>.antal / .andel (arbete, studier, narmare, sjuk, ...),
    deltagare.forsorjningsstod.andel, deltagare.langvarig_forsorjning.andel,
    deltagare.forgymnasial.andel, deltagare.manader (average months of the avslutade),
    rmgt.<insats-slug>.konsultationer / .handlaggare / .individer (rådgivande team).
    aktiviteter.<insats-slug|egna>.antal / .deltagare (the årsredovisning's structural
    activities per insats), aktivitet.<aktivitetens-namn-slug>.deltagare.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _

from finsam import formatting
from finsam.models import Rapportutgava

log = logging.getLogger(__name__)

#: `{{namn}}` in a text.
MONSTER = re.compile(r"\{\{\s*([a-z0-9_.-]+)\s*\}\}")
#: What an unknown name prints as.
OKAND = "⟦okänd siffra: {namn}⟧"
#: Printed for a figure without data.
SAKNAS = "–"

NBSP = formatting.NBSP

# Groups (the editor's picker groups by these).
ALLMANT = _("Förbundet")
DELTAGARE = _("Deltagare")
AVSLUT = _("Avslutade")
EKONOMI = _("Ekonomi")
BUDGET = _("Budget")
MEDEL = _("Medelstilldelning")
INSATSER = _("Insatser")


@dataclass
class Figur:
    namn: str
    #: Swedish label, e.g. "Deltagare totalt".
    etikett: str
    #: e.g. "Deltagare", "Ekonomi", "Budget".
    grupp: str
    #: The number (kronor, a count, a share 0–1), or None without data / when hidden.
    varde: Decimal | int | None
    #: Formatted sv-SE, as printed in the text.
    text: str


VP, DR, AR, IR = "verksamhetsplan", "delarsrapport", "arsredovisning", "insats"
ALLA = (VP, DR, AR, IR)

#: The fixed names: (namn, etikett, the documents that have it). Names made from data
#: (budget lines, members, insatser, avslutsorsaker) are described in the module docstring.
NAMN: list[tuple[str, str, tuple[str, ...]]] = [
    ("forbund.namn", _("Förbundets namn"), ALLA),
    ("forbund.medlemmar", _("Antal medlemmar"), ALLA),
    ("forbund.kommuner", _("Antal medlemskommuner"), ALLA),
    ("ar", _("Året"), ALLA),
    ("ar.foregaende", _("Föregående år"), ALLA),
    ("ar.nasta", _("Nästa år"), ALLA),
    ("budget.intakter", _("Budgeterade intäkter år N"), (VP,)),
    ("budget.kostnader", _("Budgeterade kostnader år N"), (VP, AR)),
    ("budget.resultat", _("Budgeterat resultat"), (VP, DR, AR)),
    ("budget.eget_kapital", _("Beräknat utgående eget kapital år N"), (VP,)),
    ("budget.eget_kapital_anvands", _("Eget kapital som budgeten använder"), (VP,)),
    ("budget.individinsatser.andel", _("Individinsatsernas andel"), (VP,)),
    ("insatser.antal", _("Antal insatser"), (VP,)),
    ("malomraden.antal", _("Antal målområden"), (VP,)),
    ("medel.totalt", _("Årets medelstilldelning"), (VP, AR)),
    ("medel.staten", _("Driftbidrag från staten"), (VP, AR)),
    ("medel.region", _("Driftbidrag från regionen"), (VP, AR)),
    ("medel.kommunerna", _("Driftbidrag från kommunerna"), (VP, AR)),
    ("per", _("Rapportdatum"), (DR,)),
    ("resultat", _("Resultat"), (DR, AR)),
    ("intakter", _("Intäkter (utfall)"), (DR, AR)),
    ("kostnader", _("Kostnader (utfall)"), (DR, AR)),
    ("prognos.resultat", _("Prognos för helåret"), (DR,)),
    ("prognos.avvikelse", _("Prognosens avvikelse mot årsbudget"), (DR,)),
    ("forbrukning.andel", _("Förbrukning av budgeterade kostnader"), (DR, AR)),
    ("resultat.foregaende", _("Föregående års resultat"), (AR,)),
    ("verksamhetens_resultat", _("Verksamhetens resultat"), (AR,)),
    ("avvikelse.resultat", _("Resultatets avvikelse mot budget"), (AR,)),
    ("eget_kapital.ingaende", _("Ingående eget kapital"), (AR,)),
    ("eget_kapital.utgaende", _("Utgående eget kapital"), (AR,)),
    ("eget_kapital.andel_av_medel", _("Eget kapital i procent av medel"), (AR,)),
    ("soliditet", _("Soliditet"), (AR,)),
    ("anstallda", _("Antal anställda"), (AR,)),
    ("kostnader.direkta.andel", _("Direkta insatskostnader, andel"), (AR,)),
    ("deltagare.antal", _("Deltagare totalt"), (DR, AR, IR)),
    ("deltagare.kvinnor", _("Deltagare, kvinnor"), (DR, AR, IR)),
    ("deltagare.man", _("Deltagare, män"), (DR, AR, IR)),
    ("nya.antal", _("Nya deltagare"), (DR, AR, IR)),
    ("avslutade.antal", _("Avslutade deltagare"), (DR, AR, IR)),
    ("deltagare.insatser", _("Antal individinsatser med deltagare"), (DR, AR)),
    (
        "avslut.arbete_studier.andel",
        _("Arbete, studier eller närmare arbete (andel av avslutade)"),
        (DR, AR),
    ),
    (
        "avslut.arbete_eller_studier.andel",
        _("Arbete eller studier (andel av avslutade)"),
        (DR, AR),
    ),
    (
        "avslut.sjuk.andel",
        _("Sjuk / medicinsk rehabilitering (andel av avslutade)"),
        (DR, AR),
    ),
    ("deltagare.manader", _("Genomsnittlig tid i insatsen (månader)"), (DR, AR)),
    ("aktiviteter.antal", _("Strukturella aktiviteter under året"), (AR,)),
    ("aktiviteter.deltagare", _("Deltagare i årets strukturella aktiviteter"), (AR,)),
]

#: Other names for figures (asked for by the demo texts): they print the figure they
#: point to, but the editor's picker lists only the names above.
ALIAS = {
    "medelstilldelning": "medel.totalt",
    "budget.eget_kapital_ut": "budget.eget_kapital",
    "budget.andel_individinsatser": "budget.individinsatser.andel",
    "delar.deltagare.antal": "deltagare.antal",
    "delar.deltagare.nya": "nya.antal",
    "delar.deltagare.avslutade": "avslutade.antal",
    "deltagare.nya": "nya.antal",
    "deltagare.avslutade": "avslutade.antal",
    "deltagare.medeltid": "deltagare.manader",
    "deltagare.andel_narmare_arbete": "avslut.arbete_studier.andel",
    "deltagare.andel_arbete_studier": "avslut.arbete_eller_studier.andel",
    "deltagare.andel_sjuk": "avslut.sjuk.andel",
    "deltagare.andel_forsorjning_over_4_ar": "deltagare.langvarig_forsorjning.andel",
    "deltagare.andel_forgymnasial": "deltagare.forgymnasial.andel",
    "eget_kapital": "eget_kapital.utgaende",
    "eget_kapital.andel": "eget_kapital.andel_av_medel",
    "andel.direkta_insatskostnader": "kostnader.direkta.andel",
}


def _alias(fig: dict[str, Figur]) -> dict[str, str]:
    """{alias: text}; also deltagare.insats.<slug>.antal (.kvinnor, .man) for the
    per-insats figures deltagare.<slug> (.kvinnor, .man)."""
    ut = {a: fig[n].text for a, n in ALIAS.items() if n in fig}
    for namn, f in fig.items():
        delar = namn.split(".")
        if delar[0] == "deltagare" and f.grupp == str(INSATSER) and len(delar) in (2, 3):
            ut[f"deltagare.insats.{delar[1]}.{delar[2] if len(delar) == 3 else 'antal'}"] = f.text
    return {k: v for k, v in ut.items() if k not in fig}


# --- formatting ---------------------------------------------------------------------------


def _tkr(v) -> str:
    return f"{formatting.tkr(v)}{NBSP}tkr" if v is not None else SAKNAS


def _kr(v) -> str:
    return formatting.kr(v) if v is not None else SAKNAS


def _andel(v, decimaler=1) -> str:
    return formatting.procent(v, decimaler) if v is not None else SAKNAS


def _antal(v) -> str:
    return formatting.heltal(v) if v is not None else SAKNAS


def _dela(a, b) -> Decimal | None:
    if a is None or not b:
        return None
    return Decimal(a) / Decimal(b)


class _Samling:
    """Collects figures; nothing it is given raises."""

    def __init__(self):
        self.f: dict[str, Figur] = {}

    def add(self, namn, etikett, grupp, varde, text):
        if namn in self.f and self.f[namn].varde is not None:
            return  # made from data (a line, a member) with the name of one already set
        self.f[namn] = Figur(namn, str(etikett), str(grupp), varde, text)

    def belopp(self, namn, etikett, grupp, varde):
        """An amount in kronor: `namn` in tkr, `namn.kr` in kronor."""
        varde = None if varde is None else int(varde)
        self.add(namn, etikett, grupp, varde, _tkr(varde))
        self.add(f"{namn}.kr", f"{etikett} (kr)", grupp, varde, _kr(varde))

    def antal(self, namn, etikett, grupp, varde):
        self.add(namn, etikett, grupp, varde, _antal(varde))

    def andel(self, namn, etikett, grupp, varde, decimaler=1):
        self.add(namn, etikett, grupp, varde, _andel(varde, decimaler))

    def text(self, namn, etikett, grupp, text):
        self.add(namn, etikett, grupp, None, text or SAKNAS)


def _slug(text: str) -> str:
    return slugify(str(text or "")) or "rad"


# --- common -------------------------------------------------------------------------------


def _allmanna(s: _Samling, forbund, ar, medlemmar=None):
    s.text("forbund.namn", _("Förbundets namn"), ALLMANT, forbund.namn)
    if medlemmar is None:
        medlemmar = list(forbund.medlemmar.all())
    s.antal("forbund.medlemmar", _("Antal medlemmar"), ALLMANT, len(medlemmar))
    s.antal(
        "forbund.kommuner",
        _("Antal medlemskommuner"),
        ALLMANT,
        sum(1 for m in medlemmar if m.ar_kommun),
    )
    if ar is not None:
        s.add("ar", _("Året"), ALLMANT, ar, str(ar))
        s.add("ar.foregaende", _("Föregående år"), ALLMANT, ar - 1, str(ar - 1))
        s.add("ar.nasta", _("Nästa år"), ALLMANT, ar + 1, str(ar + 1))


def _medel(s: _Samling, forbund, ar):
    """The year's medelstilldelning, total and per member (driftbidrag)."""
    from budget.medel import selectors as selectors_medel
    from budget.models import Medelstilldelning

    mt = Medelstilldelning.objects.filter(forbund=forbund, ar=ar).first()
    s.belopp("medel.totalt", _("Årets medelstilldelning"), MEDEL, mt.total if mt else None)
    fordelning = None
    if mt is not None:
        try:
            fordelning = selectors_medel.fordelning(mt)
        except Exception:  # a fördelning that cannot be computed: the checklist says why
            fordelning = None
    s.belopp("medel.staten", _("Driftbidrag från staten"), MEDEL, fordelning and fordelning.staten)
    s.belopp(
        "medel.region", _("Driftbidrag från regionen"), MEDEL, fordelning and fordelning.region
    )
    s.belopp(
        "medel.kommunerna",
        _("Driftbidrag från kommunerna"),
        MEDEL,
        fordelning and fordelning.kommuner,
    )
    if fordelning is not None:
        for d in fordelning.rader:
            if d.medlem is None:
                continue
            s.belopp(
                f"medel.{_slug(d.medlem.visningsnamn)}",
                _("Driftbidrag %(namn)s") % {"namn": d.medlem.namn},
                MEDEL,
                d.belopp,
            )


def _deltagare(s: _Samling, stat):
    """Participant figures from a protected Periodstatistik (None: all "–")."""
    har = stat is not None and stat.har_data

    def cell(tabell, r, c):
        if tabell is None:
            return None, SAKNAS
        if tabell.is_hidden(r, c):
            return None, str(tabell.shown(r, c))
        v = tabell.value(r, c)
        return v, _antal(v)

    per = stat.per_insats if har else {}
    for kod, bas, etikett in (
        ("deltagare", "deltagare", _("Deltagare")),
        ("nya", "nya", _("Nya deltagare")),
        ("avslutade", "avslutade", _("Avslutade deltagare")),
    ):
        t = per.get(kod)
        r = t.n_rows if t is not None else 0
        namn = "deltagare.antal" if kod == "deltagare" else f"{bas}.antal"
        v, text = cell(t, r, 3)
        s.add(namn, etikett, DELTAGARE, v, text)
        prefix = "deltagare" if kod == "deltagare" else bas
        for c, (ord_, kon) in enumerate(
            (("kvinnor", _("kvinnor")), ("man", _("män")), ("annat", _("annat")))
        ):
            v, text = cell(t, r, c)
            s.add(f"{prefix}.{ord_}", f"{etikett}, {kon}", DELTAGARE, v, text)
    s.antal(
        "deltagare.insatser",
        _("Antal individinsatser med deltagare"),
        DELTAGARE,
        len(stat.individinsatser) if har else None,
    )
    if har:
        for r, insats in enumerate(stat.individinsatser):
            slug = insats.slug
            for kod, etikett in (
                ("deltagare", _("Deltagare %(insats)s")),
                ("nya", _("Nya deltagare %(insats)s")),
                ("avslutade", _("Avslutade %(insats)s")),
            ):
                t = per.get(kod)
                v, text = cell(t, r, 3)
                e = etikett % {"insats": insats.namn}
                s.add(f"{kod}.{slug}", e, INSATSER, v, text)
                if kod == "deltagare":
                    for c, ord_, kon in ((0, "kvinnor", _("kvinnor")), (1, "man", _("män"))):
                        v, text = cell(t, r, c)
                        s.add(f"{kod}.{slug}.{ord_}", f"{e}, {kon}", INSATSER, v, text)

    # Avslutsorsaker: shares of the avslutade (protected: hidden cells give no share).
    orsak = stat.groups.get("avslutsorsak") if har else None
    koder = stat.codes("avslut-") if har else []
    andelar = {row.label: row for row in (stat.shares if har else [])}

    def andel_av(rader_koder, namn, etikett):
        if orsak is None:
            s.andel(namn, etikett, AVSLUT, None, 0)
            return
        rader = [koder.index(k) for k in rader_koder if k in koder]
        tot = orsak.n_rows
        if any(orsak.is_hidden(r, 3) for r in rader) or orsak.is_hidden(tot, 3):
            s.add(namn, etikett, AVSLUT, None, "..")
            return
        v = _dela(sum(orsak.value(r, 3) for r in rader), orsak.value(tot, 3))
        s.andel(namn, etikett, AVSLUT, v, 0)

    andel_av(
        ("avslut-arbete", "avslut-studier", "avslut-narmare"),
        "avslut.arbete_studier.andel",
        _("Arbete, studier eller närmare arbete (andel av avslutade)"),
    )
    andel_av(
        ("avslut-arbete", "avslut-studier"),
        "avslut.arbete_eller_studier.andel",
        _("Arbete eller studier (andel av avslutade)"),
    )
    andel_av(
        ("avslut-sjuk",),
        "avslut.sjuk.andel",
        _("Sjuk / medicinsk rehabilitering (andel av avslutade)"),
    )
    for r, kod in enumerate(koder):
        namn = kod.removeprefix("avslut-")
        etikett = stat.label(kod)
        v, text = cell(orsak, r, 3)
        s.add(
            f"avslut.{namn}.antal", _("Avslutade: %(orsak)s") % {"orsak": etikett}, AVSLUT, v, text
        )
        andel_av(
            (kod,),
            f"avslut.{namn}.andel",
            _("Avslutade: %(orsak)s (andel)") % {"orsak": etikett},
        )

    # Other shares of the deltagare.
    def rad_andel(prefix, namn, etikett):
        row = next((r for label, r in andelar.items() if label.startswith(prefix)), None)
        v = row.values[-1] if row is not None else None
        text = ".." if row is not None and row.hidden[-1] else _andel(v, 0)
        s.add(namn, etikett, DELTAGARE, v, text)

    rad_andel(
        str(_("Försörjningsstöd före insatsen")),
        "deltagare.forsorjningsstod.andel",
        _("Försörjningsstöd före insatsen (andel av deltagare)"),
    )
    rad_andel(
        str(_("Offentlig försörjning i mer än 4 år")),
        "deltagare.langvarig_forsorjning.andel",
        _("Offentlig försörjning i mer än 4 år (andel av deltagare)"),
    )
    s.andel(
        "deltagare.forgymnasial.andel",
        _("Förgymnasial utbildning (andel av deltagare)"),
        DELTAGARE,
        stat.utbildning_share() if har else None,
        0,
    )
    # Rådgivande team (RMGT): consultations, handläggare, individuals, survey answers.
    for rmgt in (stat.rmgt if har else []) or []:
        slug = rmgt.insats.slug
        namn = rmgt.insats.namn
        s.antal(
            f"rmgt.{slug}.konsultationer",
            _("Konsultationer %(insats)s") % {"insats": namn},
            INSATSER,
            rmgt.konsultationer,
        )
        s.antal(
            f"rmgt.{slug}.handlaggare",
            _("Handläggare i konsultationerna %(insats)s") % {"insats": namn},
            INSATSER,
            rmgt.handlaggare,
        )
        t = rmgt.individer
        v, text = cell(t, 0, t.n_cols) if t is not None and t.total_column else (None, SAKNAS)
        s.add(
            f"rmgt.{slug}.individer",
            _("Individer i konsultationerna %(insats)s") % {"insats": namn},
            INSATSER,
            v,
            text,
        )
    manader = stat.manader.values[3] if har and stat.manader is not None else None
    s.add(
        "deltagare.manader",
        _("Genomsnittlig tid i insatsen för avslutade (månader)"),
        DELTAGARE,
        manader,
        formatting.decimal_sv(manader, 0) if manader is not None else SAKNAS,
    )


def _utfallsrader(s: _Samling, tabell, nycklar: dict[str, tuple[str, str]]):
    """budget.<rad>, utfall.<rad>, … for every line and group sum of an Utfallstabell.
    `nycklar`: {column key: (prefix, label)}. Costs are positive amounts."""
    if tabell is None:
        return
    for r in tabell.rader:
        if r.typ == "rad" and r.rad is not None:
            slug, etikett = _slug(r.rad.namn), r.etikett
        elif r.typ == "summa" and r.grupp is not None:
            slug, etikett = _slug(r.grupp.namn), r.etikett
        else:
            continue
        kostnad = r.topptyp == "kostnad" if r.typ == "rad" else _ar_kostnad(r.grupp)
        for kol, (prefix, kolnamn) in nycklar.items():
            v = r.varden.get(kol)
            if v is not None and kostnad and kol != "avvikelse":
                v = -v
            namn = f"{prefix}.{slug}"
            if namn in s.f and s.f[namn].varde is not None:
                continue  # a line and a group with the same name: the first wins
            s.belopp(namn, f"{etikett}: {kolnamn}", BUDGET, v)


def _ar_kostnad(grupp) -> bool:
    return getattr(grupp, "typ", "") == "kostnad"


# --- per document ---------------------------------------------------------------------------


def _verksamhetsplan(s: _Samling, forbund, rapport):
    ar = rapport.ar
    _allmanna(s, forbund, ar, rapport.medlemmar)
    s.antal("insatser.antal", _("Antal insatser"), INSATSER, rapport.antal_insatser)
    s.antal("malomraden.antal", _("Antal målområden"), INSATSER, len(rapport.malomraden))
    # The columns run from Budget N−1 (when the plan shows it) to the last plan year.
    huvud = getattr(rapport, "huvudkolumn", 1 if len(rapport.kolumner) > 1 else 0)
    arlista = [ar - huvud + i for i in range(len(rapport.kolumner))]
    for i, kol_ar in enumerate(arlista):
        har = rapport.kolumner[i].version is not None

        def v(lista, i=i, har=har):
            return lista[i] if har and i < len(lista) else None

        kostnader = v(rapport.summa_kostnader)
        resultat = v(rapport.resultat)
        for suffix in [f".{kol_ar}", *([""] if i == huvud else [])]:
            s.belopp(
                f"budget.intakter{suffix}",
                _("Budgeterade intäkter %(ar)s") % {"ar": kol_ar},
                BUDGET,
                v(rapport.summa_intakter),
            )
            s.belopp(
                f"budget.kostnader{suffix}",
                _("Budgeterade kostnader %(ar)s") % {"ar": kol_ar},
                BUDGET,
                None if kostnader is None else -kostnader,
            )
            s.belopp(
                f"budget.resultat{suffix}",
                _("Budgeterat resultat %(ar)s") % {"ar": kol_ar},
                BUDGET,
                resultat,
            )
            s.belopp(
                f"budget.eget_kapital{suffix}",
                _("Beräknat utgående eget kapital %(ar)s") % {"ar": kol_ar},
                BUDGET,
                v(rapport.eget_kapital),
            )
            s.belopp(
                f"budget.eget_kapital_anvands{suffix}",
                _("Eget kapital som budgeten använder %(ar)s") % {"ar": kol_ar},
                BUDGET,
                None if resultat is None else max(0, -resultat),
            )
            s.andel(
                f"budget.individinsatser.andel{suffix}",
                _("Individinsatsernas andel av de direkta insatskostnaderna %(ar)s")
                % {"ar": kol_ar},
                BUDGET,
                v(rapport.individinsatser_andel),
                0,
            )
        for rad in rapport.rader:
            if rad.typ == "rad" and rad.rad is not None:
                slug = _slug(rad.rad.namn)
            elif rad.typ == "summa" and rad.grupp is not None:
                slug = _slug(rad.grupp.namn)
            else:
                continue
            belopp = rad.belopp[i] if har and i < len(rad.belopp) else None
            belopp = None if belopp is None else abs(belopp)
            for suffix in [f".{kol_ar}", *([""] if i == huvud else [])]:
                namn = f"budget.{slug}{suffix}"
                if namn in s.f and s.f[namn].varde is not None:
                    continue
                s.belopp(namn, f"{rad.etikett} {kol_ar}", BUDGET, belopp)
    _medel(s, forbund, ar)


def _delarsrapport(s: _Samling, forbund, rapport):
    _allmanna(s, forbund, rapport.ar)
    s.text("per", _("Rapportdatum"), ALLMANT, formatting.datum(rapport.per))
    tabell = rapport.ekonomi.tabell
    summa = tabell.summa
    s.belopp("resultat", _("Resultat per rapportdatum"), EKONOMI, summa.get("utfall"))
    s.belopp("budget.resultat", _("Budgeterat resultat (årsbudget)"), EKONOMI, summa.get("budget"))
    s.belopp("prognos.resultat", _("Prognos för helårets resultat"), EKONOMI, summa.get("prognos"))
    s.belopp(
        "prognos.avvikelse",
        _("Prognosens avvikelse mot årsbudgeten"),
        EKONOMI,
        summa.get("avvikelse"),
    )
    s.belopp(
        "intakter", _("Intäkter per rapportdatum"), EKONOMI, tabell.summa_intakter.get("utfall")
    )
    kostnader = tabell.summa_kostnader.get("utfall")
    budget_kostnader = tabell.summa_kostnader.get("budget")
    s.belopp(
        "kostnader",
        _("Kostnader per rapportdatum"),
        EKONOMI,
        None if kostnader is None else -kostnader,
    )
    s.belopp(
        "budget.kostnader",
        _("Budgeterade kostnader (årsbudget)"),
        EKONOMI,
        None if budget_kostnader is None else -budget_kostnader,
    )
    s.andel(
        "forbrukning.andel",
        _("Förbrukning: kostnader hittills av årsbudgetens kostnader"),
        EKONOMI,
        _dela(kostnader, budget_kostnader),
        0,
    )
    _utfallsrader(
        s,
        tabell,
        {
            "budget": ("budget", _("årsbudget")),
            "utfall": ("utfall", _("utfall")),
            "prognos": ("prognos", _("prognos")),
            "avvikelse": ("avvikelse", _("avvikelse prognos mot budget")),
        },
    )
    _deltagare(s, rapport.statistik)


def _arsredovisning(s: _Samling, forbund, rapport):
    ar = rapport.ar
    _allmanna(s, forbund, ar, rapport.medlemmar)
    a = rapport.aktuell
    f = rapport.foregaende
    s.belopp("resultat", _("Årets resultat"), EKONOMI, a.arets_resultat)
    s.belopp(
        "resultat.foregaende",
        _("Föregående års resultat"),
        EKONOMI,
        f.arets_resultat if f else None,
    )
    s.belopp(
        "verksamhetens_resultat", _("Verksamhetens resultat"), EKONOMI, a.verksamhetens_resultat
    )
    s.belopp("intakter", _("Verksamhetens intäkter"), EKONOMI, a.verksamhetens_intakter)
    s.belopp("kostnader", _("Verksamhetens kostnader"), EKONOMI, -a.verksamhetens_kostnader)
    s.belopp("eget_kapital.ingaende", _("Ingående eget kapital"), EKONOMI, a.ingaende_eget_kapital)
    s.belopp("eget_kapital.utgaende", _("Utgående eget kapital"), EKONOMI, a.summa_eget_kapital)
    s.andel(
        "eget_kapital.andel_av_medel",
        _("Eget kapital i procent av årets medel"),
        EKONOMI,
        rapport.ek_tak.andel if rapport.ek_tak else None,
        0,
    )
    s.andel("soliditet", _("Soliditet"), EKONOMI, a.soliditet)
    s.antal("anstallda", _("Antal anställda"), EKONOMI, a.antal_anstallda_avrundat)
    drift = rapport.drift
    if drift is not None:
        summa = drift.tabell.summa
        budget = summa.get("budget")
        s.belopp("budget.resultat", _("Budgeterat resultat"), EKONOMI, budget)
        s.belopp(
            "avvikelse.resultat",
            _("Resultatets avvikelse mot budget (efter finansiella poster)"),
            EKONOMI,
            None if budget is None else a.arets_resultat - budget,
        )
        bk = drift.tabell.summa_kostnader.get("budget")
        s.belopp(
            "budget.kostnader",
            _("Budgeterade kostnader"),
            EKONOMI,
            None if bk is None else -bk,
        )
        s.andel(
            "forbrukning.andel",
            _("Förbrukning: kostnader av budgeterade kostnader"),
            EKONOMI,
            _dela(-a.verksamhetens_kostnader, None if bk is None else -bk),
            0,
        )
        direkta = {"budget": Decimal(0), "utfall": Decimal(0), "foregaende": Decimal(0)}
        for andel in drift.kostnadsfordelning:
            kat = next(
                (
                    k
                    for k in ("individinsatser", "strukturella", "processtod", "administration")
                    if str(andel.etikett) == str(_kategori_etikett(k))
                ),
                None,
            )
            if kat is None:
                continue
            s.andel(
                f"kostnader.{kat}.andel",
                _("%(kat)s, andel av kostnaderna") % {"kat": andel.etikett},
                EKONOMI,
                andel.andel_utfall,
                0,
            )
            s.andel(
                f"kostnader.{kat}.budget.andel",
                _("%(kat)s, andel av budgeterade kostnader") % {"kat": andel.etikett},
                EKONOMI,
                andel.andel_budget,
                0,
            )
            s.andel(
                f"kostnader.{kat}.foregaende.andel",
                _("%(kat)s, andel av föregående års kostnader") % {"kat": andel.etikett},
                EKONOMI,
                andel.andel_foregaende,
                0,
            )
            if kat != "administration":
                for k, attr in (
                    ("budget", "andel_budget"),
                    ("utfall", "andel_utfall"),
                    ("foregaende", "andel_foregaende"),
                ):
                    direkta[k] += getattr(andel, attr) or 0
        s.andel(
            "kostnader.direkta.andel",
            _("Direkta insatskostnader, andel av kostnaderna"),
            EKONOMI,
            direkta["utfall"] or None,
            0,
        )
        _utfallsrader(
            s,
            drift.tabell,
            {
                "budget": ("budget", _("budget")),
                "netto": ("utfall", _("utfall")),
                "avvikelse": ("avvikelse", _("avvikelse mot budget")),
            },
        )
    akt = rapport.aktiviteter
    s.antal("aktiviteter.antal", _("Strukturella aktiviteter under året"), INSATSER, akt.antal)
    s.antal(
        "aktiviteter.deltagare",
        _("Deltagare i årets strukturella aktiviteter"),
        INSATSER,
        akt.summa_deltagare,
    )
    for g in akt.grupper:
        grupp = g.insats.slug if g.insats is not None else "egna"
        s.antal(
            f"aktiviteter.{grupp}.antal",
            _("Aktiviteter: %(grupp)s") % {"grupp": g.rubrik},
            INSATSER,
            len(g.aktiviteter),
        )
        s.antal(
            f"aktiviteter.{grupp}.deltagare",
            _("Deltagare i aktiviteterna: %(grupp)s") % {"grupp": g.rubrik},
            INSATSER,
            g.summa_deltagare,
        )
        for a in g.aktiviteter:
            if a.antal_deltagare is not None:
                s.antal(
                    f"aktivitet.{_slug(a.namn)}.deltagare",
                    _("Deltagare: %(aktivitet)s") % {"aktivitet": a.namn},
                    INSATSER,
                    a.antal_deltagare,
                )
    _medel(s, forbund, ar)
    _deltagare(s, rapport.statistik)


def _kategori_etikett(kod):
    from budget.models import Budgetrad

    return Budgetrad.Kategori(kod).label


def _insatsrapport(s: _Samling, forbund, rapport):
    _allmanna(s, forbund, rapport.ar)
    s.text("insats.namn", _("Insatsens namn"), INSATSER, rapport.insats.namn)
    # The insats's rows of the protected per-insats tables, in INSATSMATT order.
    rader = list(rapport.deltagare)
    for i, (prefix, etikett) in enumerate(
        (("deltagare", _("Deltagare")), ("nya", _("Nya deltagare")), ("avslutade", _("Avslutade")))
    ):
        varden = rader[i].varden if i < len(rader) else [None] * 4
        for c, suffix, kon in (
            (3, "antal", ""),
            (0, "kvinnor", _(", kvinnor")),
            (1, "man", _(", män")),
        ):
            namn = "deltagare.antal" if (prefix, suffix) == ("deltagare", "antal") else None
            namn = namn or (f"{prefix}.{suffix}")
            v = varden[c] if c < len(varden) else None
            if isinstance(v, int):
                s.antal(namn, f"{etikett}{kon}", DELTAGARE, v)
            else:
                s.add(namn, f"{etikett}{kon}", DELTAGARE, None, str(v) if v else SAKNAS)


_PER_DOKUMENT = {
    "verksamhetsplan": _verksamhetsplan,
    "delarsrapport": _delarsrapport,
    "arsredovisning": _arsredovisning,
    "insats": _insatsrapport,
}


# --- the API ----------------------------------------------------------------------------------


def _kod(typ) -> str:
    return typ if isinstance(typ, str) else typ.kod


def figurer(typ, forbund, nyckel: str, rapport=None) -> dict[str, Figur]:
    """{namn: Figur} of the edition, computed from the built report (built here when not
    given). Never raises: figures without data are None / "–" (an unbuildable report
    gives the common figures only). Cached on the report object."""
    cache = getattr(rapport, "_figurer", None)
    if cache is not None:
        return cache
    s = _Samling()
    if rapport is None and not isinstance(typ, str):
        try:
            rapport = typ.bygg(forbund, nyckel)
        except Exception:
            rapport = None
    try:
        if rapport is None:
            _allmanna(s, forbund, None)
        else:
            _PER_DOKUMENT.get(_kod(typ), lambda s, f, r: _allmanna(s, f, r.ar))(s, forbund, rapport)
    except Exception:
        log.exception("Figurerna för %s %s kunde inte räknas fram", _kod(typ), nyckel)
    if rapport is not None:
        with contextlib.suppress(AttributeError):
            rapport._figurer = s.f
    return s.f


def figurtexter(typ, forbund, nyckel: str, rapport=None) -> dict[str, str]:
    """{namn: text} to fill the texts with: the current figures, and for an adopted
    edition the values stored when it was adopted (they win, and a stored name that no
    longer has data still prints its stored value)."""
    fig = figurer(typ, forbund, nyckel, rapport)
    varden = {n: f.text for n, f in fig.items()}
    varden.update(_alias(fig))
    utgava = getattr(rapport, "utgava", None)
    if utgava is not None and utgava.status == Rapportutgava.Status.FASTSTALLD:
        varden.update(getattr(utgava, "figurvarden", None) or {})
    return varden


def namn_i(markdown: str) -> list[str]:
    """The figure names a text uses, in order, each once."""
    return list(dict.fromkeys(MONSTER.findall(markdown or "")))


def okanda(markdown: str, varden: dict[str, str]) -> list[str]:
    """The names in `markdown` that `varden` does not know."""
    return [n for n in namn_i(markdown) if n not in varden]


_MARKDOWN_TECKEN = re.compile(r"([\\`*_\[\]{}()#+!-])")


def _skydda(text: str) -> str:
    """A value as literal text inside Markdown: HTML-escaped and Markdown's characters
    backslashed, so a name like "<script>" or "*x*" prints as written."""
    text = _MARKDOWN_TECKEN.sub(r"\\\1", html.escape(str(text), quote=False))
    return text.replace("|", "&#124;")


def fyll(markdown: str, varden: dict[str, str]) -> str:
    """`markdown` with every `{{namn}}` replaced by its value (escaped); an unknown name
    becomes the visible ⟦okänd siffra: namn⟧."""
    if not markdown or "{{" not in markdown:
        return markdown

    def ersatt(m):
        namn = m.group(1)
        if namn in varden:
            return _skydda(varden[namn])
        return _skydda(OKAND.format(namn=namn))

    return MONSTER.sub(ersatt, markdown)
