"""The checklist before a report is generated: what is missing or inconsistent, with a link
to where it is fixed.

    varningar(typ, forbund, "2025-08-31", rapport)   # [Varning(text, url), ...]

A draft's PDF prints the warnings (templates/rapporter/base.html). Each document's own
checks are its Dokumenttyp.kontroll (in its module, built from the helpers here); the
texts not written are checked for every document. The checks reuse what the report
builder already computed (`rapport`), so they cost a fixed few queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam import dataversion, formatting
from finsam.models import Rapportutgava
from finsam.rapporter.utgava import figurer
from finsam.rapporter.utgava.texter import texter_markdown
from insatser.ekonomi import selectors as insatsekonomi
from insatser.models import Insats
from insatser.selectors import url_mall
from uppfoljning.models import Deltagarrapport, Rapportperiod

#: A line's avvikelse needs a comment when it is at least this share of the line's
#: årsbudget (in percent) ...
AVVIKELSE_ANDEL = 10
#: ... and at least this many kronor.
AVVIKELSE_KRONOR = 50_000


@dataclass
class Varning:
    text: str
    url: str = ""
    lanktext: str = ""
    #: True: the edition cannot be adopted until this is fixed (faststall refuses it).
    #: False: a warning that is shown, and recorded with the adoption.
    blockerande: bool = False


#: saknade_rapporter(period=...) when the caller has not read the period
LAS = object()


def saknade_rapporter(forbund, ar: int, typ: str, *, insats_id: int | None = None, period=LAS):
    """Insatser that should report for the period (ar, typ) without an approved report.
    `period`: that Rapportperiod (or None: there is none), when the builder has read it.
    Two queries: the period's reports (insats, id and status) and its insatser's names, in
    their order (no report or insats is built: only the name, id and status are shown)."""
    if period is LAS:
        period = Rapportperiod.objects.filter(forbund=forbund, ar=ar, typ=typ).first()
    namn = dict(Rapportperiod.Typ.choices)[typ]
    if period is None:
        return [
            Varning(
                _("Det finns ingen rapportperiod %(period)s %(ar)s, så deltagarsiffror saknas.")
                % {"period": namn.lower(), "ar": ar},
                reverse("uppfoljning:period-list"),
                _("Öppna en rapportperiod"),
            )
        ]
    # Two plain queries: one query with a subquery per column cost more to compile and run
    # (it made every row's subqueries for a list that is mostly empty).
    rapporter = Deltagarrapport.objects.filter(period=period).order_by()
    insatser = period.insatser.all()
    if insats_id is not None:
        rapporter = rapporter.filter(insats_id=insats_id)
        insatser = insatser.filter(pk=insats_id)
    rapport_for = {
        i: (pk, status) for i, pk, status in rapporter.values_list("insats_id", "pk", "status")
    }
    statusnamn = dict(Deltagarrapport.Status.choices)
    rapport_url = url_mall("uppfoljning:rapport-detail")  # one reverse() for every row
    period_url = reverse("uppfoljning:period-detail", args=[period.pk])
    ut = []
    for pk, insats_namn in insatser.values_list("pk", "namn"):
        rapport_pk, rapport_status = rapport_for.get(pk, (None, None))
        if rapport_status == Deltagarrapport.Status.GODKAND:
            continue
        tillstand = str(statusnamn[rapport_status]).lower() if rapport_pk else _("saknas")
        ut.append(
            Varning(
                _(
                    "%(insats)s har ingen godkänd deltagarrapport för %(period)s %(ar)s "
                    "(rapporten är %(status)s). Dess siffror kommer inte med."
                )
                % {"insats": insats_namn, "period": namn.lower(), "ar": ar, "status": tillstand},
                rapport_url(rapport_pk) if rapport_pk else period_url,
                _("Till rapporten"),
            )
        )
    return ut


def utfallstabell(tabell, *, version, period, utfall: str, med_kommentar: bool):
    """Lines with utfall but no budget, and (when `med_kommentar`) large avvikelser without a
    comment, from an Utfallstabell."""
    ut = []
    grid_url = reverse("budget:utfall-edit", args=[period.pk])
    budget_url = reverse("budget:belopp-edit", args=[version.pk]) if version else ""
    for rad in tabell.linjer:
        v = rad.varden
        belopp = v.get(utfall)
        budget = v.get("budget")
        if belopp and not budget:
            ut.append(
                Varning(
                    _("%(rad)s har utfall %(utfall)s men ingen budget i %(version)s.")
                    % {
                        "rad": rad.etikett,
                        "utfall": formatting.kr(belopp),
                        "version": version or _("årets budget"),
                    },
                    budget_url,
                    _("Till budgeten"),
                )
            )
        avvikelse = v.get("avvikelse")
        if (
            med_kommentar
            and budget
            and avvikelse
            and abs(avvikelse) >= AVVIKELSE_KRONOR
            and abs(avvikelse) * 100 >= abs(budget) * AVVIKELSE_ANDEL
            and not rad.kommentar.strip()
        ):
            ut.append(
                Varning(
                    _(
                        "%(rad)s avviker %(avvikelse)s från årsbudgeten (%(andel)s) men har "
                        "ingen kommentar."
                    )
                    % {
                        "rad": rad.etikett,
                        "avvikelse": formatting.kr(avvikelse),
                        "andel": formatting.procent(Decimal(abs(avvikelse)) / abs(budget)),
                    },
                    grid_url,
                    _("Skriv en kommentar"),
                )
            )
    return ut


def _platshallare(standard: str) -> bool:
    """A default that only says what to write (it has an *instruction* in italics)."""
    return "*" in (standard or "")


def _instruktioner(standard: str) -> list[str]:
    """The italic instructions of a default ("*Beskriv förbundet kort…*"), without the stars."""
    return [i.strip() for i in re.findall(r"\*([^*]+)\*", standard or "") if i.strip()]


def _oskrivna_texter(typ, forbund, nyckel, rapport) -> list[Varning]:
    """Sections that print their default text.

    A default that is an instruction ("*Beskriv …*"), still shown because neither this
    edition nor the previous one has a text, or still inside the text the kansli wrote,
    blocks adoption: one finding per section, with a link to it in the text editor. A
    default that is real text (e.g. the accounting principles) is a warning only.
    """
    if not typ.forvalda:
        return []
    utgava = getattr(rapport, "utgava", None)
    if utgava is None:
        utgava = Rapportutgava.objects.filter(
            forbund=forbund, dokument=typ.kod, nyckel=nyckel
        ).first()
    # What the document prints: this edition's text, else the previous one's, else the default
    # (as the builder read them, when it did without unsaved texts).
    forvalda, visade = getattr(rapport, "lagrade_texter", (None, None))
    if forvalda is not typ.forvalda or utgava is None:
        visade = texter_markdown(utgava, typ.forvalda) if utgava is not None else typ.forvalda
    redigera = reverse("finsam:rapport-texter", args=[typ.kod, nyckel])
    ut = []
    standardtext = []
    for avsnitt, standard in typ.forvalda.items():
        if not standard:
            continue
        rubrik = str(typ.avsnitt.get(avsnitt, avsnitt))
        text = visade[avsnitt]
        oskriven = text == standard or not text.strip()
        if _platshallare(standard):
            if oskriven or any(i in text for i in _instruktioner(standard)):
                ut.append(
                    Varning(
                        _("Avsnittet ”%(avsnitt)s” visar fortfarande instruktionen: %(text)s")
                        % {"avsnitt": rubrik, "text": " ".join(_instruktioner(standard))},
                        f"{redigera}#id_{avsnitt}",
                        _("Skriv avsnittet"),
                        blockerande=True,
                    )
                )
        elif oskriven:
            standardtext.append(rubrik)
    if standardtext:
        ut.append(
            Varning(
                _("Avsnitt som visar standardtexten: %(avsnitt)s.")
                % {"avsnitt": ", ".join(standardtext)},
                redigera,
                _("Skriv egna texter"),
            )
        )
    return ut


def blockerande(lista: list[Varning]) -> list[Varning]:
    return [v for v in lista if v.blockerande]


def okanda_figurer(typ, forbund, nyckel, rapport) -> list[Varning]:
    """Named figures (`{{namn}}`) in the texts that the document does not know: they print
    as ⟦okänd siffra: namn⟧, so they block fastställ."""
    utgava = getattr(rapport, "utgava", None)
    if not typ.forvalda or utgava is None:
        return []
    per_avsnitt = getattr(rapport, "okanda_figurer", None)  # recorded by the builder
    if per_avsnitt is None:
        varden = figurer.figurtexter(typ, forbund, nyckel, rapport)
        per_avsnitt = {
            avsnitt: figurer.okanda(md, varden)
            for avsnitt, md in texter_markdown(utgava, typ.forvalda).items()
        }
    ut = []
    for avsnitt, saknas in per_avsnitt.items():
        if saknas:
            ut.append(
                Varning(
                    _("%(avsnitt)s: okänd siffra %(namn)s.")
                    % {
                        "avsnitt": typ.avsnitt.get(avsnitt, avsnitt),
                        "namn": ", ".join("{{" + n + "}}" for n in saknas),
                    },
                    reverse("finsam:rapport-texter", args=[typ.kod, nyckel]),
                    _("Rätta texten"),
                    blockerande=True,
                )
            )
    return ut


def okanda_bilder(typ, nyckel, rapport) -> list[Varning]:
    """Texts that show a picture the edition (or the previous one) does not have."""
    ut = []
    for avsnitt, text in (getattr(rapport, "texter", None) or {}).items():
        slugs = getattr(text, "okanda_bilder", None)
        if slugs:
            ut.append(
                Varning(
                    _("%(avsnitt)s visar en bild som inte finns i utgåvan: %(bilder)s.")
                    % {"avsnitt": typ.avsnitt.get(avsnitt, avsnitt), "bilder": ", ".join(slugs)},
                    reverse("finsam:rapport-bilder", args=[typ.kod, nyckel]),
                    _("Ladda upp bilden"),
                )
            )
    return ut


def beslut_mot_budget(forbund, ar_lista, *, insatser=None, jamforelser=None) -> list[Varning]:
    """Insatser whose budget lines for a year (in the version in force for it) differ
    from what their board decisions grant for that year, with the difference.
    `jamforelser`: insatser.ekonomi.selectors.beslut_mot_budget of all the förbund's
    insatser for these years and perhaps more (read once for several documents)."""
    if jamforelser is None:
        jamforelser = insatsekonomi.beslut_mot_budget(forbund, insatser=insatser, ar_lista=ar_lista)
    ut = []
    rubriker = {}  # per version: its heading (a choice's label, translated) once
    insats_url = url_mall("insatser:detail")  # one reverse() for every row
    for r in jamforelser:
        if not r.avviker or r.ar not in ar_lista:
            continue
        if r.version.pk not in rubriker:
            rubriker[r.version.pk] = r.version.rubrik
        ut.append(
            Varning(
                _(
                    "%(insats)s: budgeten för %(ar)s (%(version)s) är %(budget)s men besluten "
                    "för året är %(beslutat)s, en differens på %(differens)s."
                )
                % {
                    "insats": r.insats_namn,
                    "ar": r.ar,
                    "version": rubriker[r.version.pk],
                    "budget": formatting.kr(r.budget),
                    "beslutat": formatting.kr(r.beslutat),
                    "differens": formatting.kr(r.differens),
                },
                insats_url(r.insats_id) + "#beslut-rubrik",
                _("Till insatsens beslut"),
            )
        )
    return ut


def _rapportens_ar(rapport) -> list[int]:
    """The years a document shows: its year (a delårsrapport: its date's), and a
    verksamhetsplan's plan years; [] for a document without a year."""
    ar = getattr(rapport, "ar", None)
    if not isinstance(ar, int):
        per = getattr(rapport, "per", None)
        ar = getattr(per, "year", None)
    if not isinstance(ar, int):
        return []
    planar = getattr(rapport, "planar", 0)
    return list(range(ar, ar + (planar if isinstance(planar, int) else 0) + 1))


def varningar_lagrade(typ, forbund, nyckel: str, rapport, *, token=LAS) -> list[Varning]:
    """`varningar` of the edition as stored (`rapport` from Dokumenttyp.bygg_lagrad, never a
    preview of unsaved texts), kept under the data's token until the next write. `token`:
    the token the caller read before any of the data (the one `rapport` is kept under),
    else read here."""
    return dataversion.hamta(
        ("varningar", forbund.pk, typ.kod, nyckel, timezone.localdate()),
        lambda: varningar(typ, forbund, nyckel, rapport),
        token=dataversion.aktuell() if token is LAS else token,
    )


def varningar(typ, forbund, nyckel: str, rapport=None, *, jamforelser=None) -> list[Varning]:
    """Everything the checklist reports for an edition. Builds the report if not given
    (only what the checklist needs, when the document can: Dokumenttyp.bygg_kontroll).
    `jamforelser`: (years, insatser.ekonomi.selectors.beslut_mot_budget of all the
    förbund's insatser for those years), read once for several documents; used when it
    holds every year the document shows (and the document is not about one insats)."""
    if rapport is None:
        rapport = (typ.bygg_kontroll or typ.bygg)(forbund, nyckel)
    ut = typ.kontroll(forbund, rapport) if typ.kontroll else []
    ar_lista = _rapportens_ar(rapport)
    if ar_lista:
        insats = getattr(rapport, "insats", None)
        if isinstance(insats, Insats):
            ut += beslut_mot_budget(forbund, ar_lista, insatser=Insats.objects.filter(pk=insats.pk))
        else:
            lasta_ar, rader = jamforelser or ((), None)
            ut += beslut_mot_budget(
                forbund, ar_lista, jamforelser=rader if set(ar_lista) <= set(lasta_ar) else None
            )
    ut += okanda_bilder(typ, nyckel, rapport)
    return (
        ut
        + _oskrivna_texter(typ, forbund, nyckel, rapport)
        + okanda_figurer(typ, forbund, nyckel, rapport)
    )
