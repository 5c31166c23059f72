"""Participant tables the documents share, built from the protected statistics of a period
(uppfoljning.statistik.selectors.Periodstatistik, protected=True): average time in the
insats per insats, highest education, and the rådgivande team's (RMGT) survey.

    tid = tid_i_insatsen(stat)        # Tabell: rows per insats with avslutade, then Totalt
    utb = utbildning(stat)            # Tabell: antal and andel per level, then Totalt
    enkat = rmgt(stat)                # [Rmgtavsnitt]: figures and the survey per team

Cells are text, as printed. A figure hidden by the small-count protection
(uppfoljning.statistik.smatal) prints as its label ("<3", ".."); a share or an average
built on a hidden figure is never printed (".." instead). No queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from finsam import formatting
from uppfoljning.statistik.smatal import (
    SECONDARY_LABEL,
    CountTable,
    is_small,
    share,
    small_label,
)

#: Printed where a figure does not exist (no avslutade, nothing to divide by).
SAKNAS = "–"


@dataclass
class Tabellrad:
    etikett: str
    celler: list[str]
    summa: bool = False


@dataclass
class Tabell:
    rubrik: str
    forsta: str
    kolumner: list[str]
    rader: list[Tabellrad] = field(default_factory=list)
    not_: str = ""


def _medel(value, hidden: bool) -> str:
    if hidden:
        return SECONDARY_LABEL
    return SAKNAS if value is None else formatting.decimal_sv(value, 1)


def tid_i_insatsen(stat) -> Tabell | None:
    """Average months in the insats of the period's avslutade, per insats and kön and in
    total (weighted by avslutade). Insatser without avslutade are left out; an average
    whose number of avslutade is hidden prints as ".."."""
    if stat is None or stat.manader is None:
        return None
    tabell = Tabell(
        rubrik=_("Genomsnittlig tid i insatsen för avslutade deltagare (månader)"),
        forsta=_("Insats"),
        kolumner=list(stat.totals.header),
    )
    for rad in stat.manader_per_insats:
        if all(v is None for v in rad.values) and not any(rad.hidden):
            continue
        tabell.rader.append(
            Tabellrad(
                rad.label, [_medel(v, h) for v, h in zip(rad.values, rad.hidden, strict=True)]
            )
        )
    if not tabell.rader:
        return None
    m = stat.manader
    tabell.rader.append(
        Tabellrad(
            _("Samtliga insatser"),
            [_medel(v, h) for v, h in zip(m.values, m.hidden, strict=True)],
            summa=True,
        )
    )
    return tabell


def _antal_och_andel(table: CountTable, r: int, c: int, total_r: int) -> tuple[str, str]:
    shown = table.shown(r, c)
    if table.is_hidden(r, c) or table.is_hidden(total_r, c):
        return formatting.heltal(shown) if isinstance(shown, int) else str(shown), SECONDARY_LABEL
    andel = share(table.value(r, c), table.value(total_r, c))
    return formatting.heltal(shown), formatting.procent(andel, 0)


def utbildning(stat) -> Tabell | None:
    """Highest completed education of the period's deltagare (reported for all, not per
    kön): number and share per level."""
    if stat is None:
        return None
    table = stat.groups.get("utbildning")
    if table is None or not table.n_rows or not table.value(table.n_rows, 0):
        return None
    tabell = Tabell(
        rubrik=_("Deltagarnas högsta avslutade utbildning"),
        forsta=_("Utbildning"),
        kolumner=[_("Antal"), _("Andel")],
        not_=_("Uppgiften redovisas för alla deltagare tillsammans, inte per kön."),
    )
    for r, etikett in enumerate(table.row_labels):
        tabell.rader.append(Tabellrad(etikett, list(_antal_och_andel(table, r, 0, table.n_rows))))
    tabell.rader.append(
        Tabellrad(
            table.total_label,
            list(_antal_och_andel(table, table.n_rows, 0, table.n_rows)),
            summa=True,
        )
    )
    return tabell


@dataclass
class Rmgtavsnitt:
    namn: str
    #: (label, value) pairs: consultations, handläggare, individer.
    fakta: list[tuple[str, str]]
    enkat: Tabell | None


def _enkat(table: CountTable) -> Tabell:
    """The survey: per question the count and share of each answer, and the number of
    answers. Shares are of the question's answers; none is printed for a hidden count."""
    svar = table.n_cols
    n_max = max((table.value(r, svar) for r in range(table.n_rows)), default=0)
    antal = formatting.heltal(n_max)
    if table.protected and is_small(n_max, table.threshold):
        antal = small_label(table.threshold)
    tabell = Tabell(
        rubrik=_("Uppföljning med individer i anslutning till rådgivande samtal (%(antal)s svar)")
        % {"antal": antal},
        forsta=_("Fråga"),
        kolumner=[*table.column_labels, _("Antal svar")],
        not_=_("Antal svar per alternativ och andel av frågans svar."),
    )
    for r, fraga in enumerate(table.row_labels):
        celler = []
        for c in range(svar):
            if table.is_hidden(r, c):
                celler.append(str(table.shown(r, c)))
                continue
            hidden_total = table.is_hidden(r, svar)
            andel = None if hidden_total else share(table.value(r, c), table.value(r, svar))
            text = formatting.heltal(table.value(r, c))
            celler.append(text if andel is None else f"{text} ({formatting.procent(andel, 0)})")
        total = table.shown(r, svar)
        celler.append(formatting.heltal(total) if isinstance(total, int) else str(total))
        tabell.rader.append(Tabellrad(fraga, celler))
    return tabell


def _antal(stat, n: int) -> str:
    """A single count, "<3" when small (and protected)."""
    if stat.protected and is_small(n, stat.threshold):
        return small_label(stat.threshold)
    return formatting.heltal(n)


def rmgt(stat) -> list[Rmgtavsnitt]:
    """Per rådgivande team with an approved report: its figures and its survey."""
    if stat is None:
        return []
    out = []
    for r in stat.rmgt:
        individer = r.individer
        fakta = [
            (stat.label("rmgt-konsultationer"), _antal(stat, r.konsultationer)),
            (stat.label("rmgt-handlaggare"), _antal(stat, r.handlaggare)),
        ]
        if individer.n_rows:
            total = individer.shown(0, individer.n_cols)
            fakta.append(
                (
                    individer.row_labels[0],
                    formatting.heltal(total) if isinstance(total, int) else str(total),
                )
            )
        out.append(
            Rmgtavsnitt(
                namn=r.insats.namn,
                fakta=fakta,
                enkat=_enkat(r.enkat) if r.enkat is not None else None,
            )
        )
    return out
