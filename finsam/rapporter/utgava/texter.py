"""The texts the kansli writes for an edition of a document.

    utgava = utgava_for(forbund, "arsredovisning", ar=2025)          # created on first use
    utgava = utgava_las(forbund, "arsredovisning", ar=2025)          # for reading: never saved
    t = texter(utgava, FORVALDA_ARSREDOVISNING)                       # {avsnitt: html}
    rader = med_underrubriker(rader, t)        # the contents list with the sub-headings

A section without stored text falls back to the previous edition's text of the same
document (so next year starts from this year's), then to the given default. Markdown is
rendered with finsam.markdown (sanitized).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from finsam import formatting, rapportbilder
from finsam.markdown import Avsnittstext, Bild, markdown_avsnitt
from finsam.models import Rapportbild, Rapporttext, Rapportutgava
from finsam.rapporter.utgava.figurer import figurtexter, fyll, okanda


def nyckel_for(*, ar: int | None = None, per: date | None = None, extra: str = "") -> str:
    base = per.isoformat() if per else str(ar)
    return f"{extra}:{base}" if extra else base


@transaction.atomic
def utgava_for(
    forbund,
    dokument: str,
    *,
    ar: int,
    per: date | None = None,
    extra: str = "",
    nyckel: str | None = None,
):
    """The edition of `dokument` for the year/date (and e.g. insats), created on first use.

    `nyckel` overrides the key made from ar/per/extra (e.g. "vasteras-st:2025-H1")."""
    nyckel = nyckel or nyckel_for(ar=ar, per=per, extra=extra)
    utgava, _ = Rapportutgava.objects.get_or_create(
        forbund=forbund,
        dokument=dokument,
        nyckel=nyckel,
        defaults={"ar": ar, "per": per},
    )
    return utgava


#: (förbund id, {(dokument, nyckel): Rapportutgava}) inside `kanda_utgavor()`, else None.
_KANDA: ContextVar[tuple[int, dict] | None] = ContextVar("kanda_utgavor", default=None)


@contextmanager
def kanda_utgavor(forbund, utgavor: dict[tuple[str, str], Rapportutgava]) -> Iterator[None]:
    """Inside: `utgava_las` finds the förbund's editions in `utgavor`, every edition of the
    förbund as the caller read them ({(dokument, nyckel): edition}), instead of a query
    each (the start page's checklists build three documents in one request). Only around
    reads that write no edition."""
    token = _KANDA.set((getattr(forbund, "pk", forbund), utgavor))
    try:
        yield
    finally:
        _KANDA.reset(token)


def utgava_las(
    forbund,
    dokument: str,
    *,
    ar: int,
    per: date | None = None,
    extra: str = "",
    nyckel: str | None = None,
) -> Rapportutgava:
    """The edition of `dokument` for reading a report: the stored one, or an unsaved draft
    with the same fields (a read writes nothing; `utgava_for` creates it on the first
    write). One query, or none inside `kanda_utgavor()` for that förbund."""
    nyckel = nyckel or nyckel_for(ar=ar, per=per, extra=extra)
    kanda = _KANDA.get()
    if kanda is not None and kanda[0] == getattr(forbund, "pk", forbund):
        utgava = kanda[1].get((dokument, nyckel))
    else:
        utgava = Rapportutgava.objects.filter(
            forbund=forbund, dokument=dokument, nyckel=nyckel
        ).first()
    return utgava or Rapportutgava(
        forbund=forbund, dokument=dokument, nyckel=nyckel, ar=ar, per=per
    )


def _foregaende(utgava):
    """The queryset of `foregaende_utgava`: the earlier editions, the newest first."""
    qs = Rapportutgava.objects.filter(forbund_id=utgava.forbund_id, dokument=utgava.dokument)
    qs = qs.filter(per__lt=utgava.per) if utgava.per else qs.filter(ar__lt=utgava.ar)
    amne, kolon, _rest = (utgava.nyckel or "").partition(":")
    if kolon:
        qs = qs.filter(nyckel__startswith=f"{amne}:")
    return qs.order_by("-ar", "-per", "-nyckel")


def foregaende_utgava(utgava) -> Rapportutgava | None:
    """The newest earlier edition of the same document, whose texts this one starts from.
    An edition whose key names what it is about ("st-vasteras:2025-H1") only follows
    editions about the same thing (the same insats)."""
    return _foregaende(utgava).first()


def texter_markdown(
    utgava, forvalda: dict[str, str], utkast: dict[str, str] | None = None
) -> dict[str, str]:
    """{avsnitt: markdown} for every section in `forvalda`: this edition's text, else the
    previous edition's, else the default. One query: the texts of this edition and of the
    previous one (`foregaende_utgava`, found in the same query), told apart by edition.

    `utkast` ({avsnitt: markdown}, e.g. unsaved texts for a preview) wins over stored texts.
    """
    foregaende = Subquery(_foregaende(utgava).values("pk")[:1])
    utgavor = (
        Q(utgava_id=foregaende) | Q(utgava_id=utgava.pk) if utgava.pk else Q(utgava_id=foregaende)
    )
    egna, tidigare = {}, {}
    for utgava_id, avsnitt, text in (
        Rapporttext.objects.filter(utgavor).order_by().values_list("utgava_id", "avsnitt", "text")
    ):
        (egna if utgava_id == utgava.pk else tidigare)[avsnitt] = text
    egna.update({k: v for k, v in (utkast or {}).items() if k in forvalda})
    return {
        avsnitt: egna.get(avsnitt) or tidigare.get(avsnitt) or standard
        for avsnitt, standard in forvalda.items()
    }


def _html(utgava, markdown: dict[str, str], figurer: dict[str, str] | None) -> dict:
    """The sections' Markdown, with the named figures filled in when `figurer` is given,
    rendered with sub-headings, tables and pictures (avsnittstexter)."""
    if figurer is not None:
        markdown = {a: fyll(md, figurer) if md else md for a, md in markdown.items()}
    return avsnittstexter(utgava, markdown)


def texter(
    utgava,
    forvalda: dict[str, str],
    utkast: dict[str, str] | None = None,
    *,
    figurer: dict[str, str] | None = None,
) -> dict[str, Avsnittstext]:
    """{avsnitt: safe HTML}, rendered from texter_markdown(), each in a
    <div id="avsnitt-KEY"> (the text editor's preview scrolls to it).

    `figurer` ({namn: text}, from figurer.figurtexter()): every `{{namn}}` is replaced by
    its value before the Markdown is rendered (see finsam.rapporter.utgava.figurer).
    The values are Avsnittstext (finsam.markdown): number their sub-headings into the
    contents list with `med_underrubriker`."""
    return _html(utgava, texter_markdown(utgava, forvalda, utkast), figurer)


def anvander_figurer(*texter) -> bool:
    """Does any text name a figure ({{namn}})? Without one, filling in the figures changes
    nothing (figurer.fyll) and no name is unknown (figurer.okanda): they need not be
    computed."""
    return any(t and "{{" in t for t in texter)


def texter_med_figurer(
    typ, forbund, nyckel: str, rapport, forvalda, utkast=None, *, markdown=None
) -> dict:
    """texter() of a built report with its named figures filled in (the adopted values
    for an adopted edition). Records the names the texts use that the report does not
    know in `rapport.okanda_figurer` ({avsnitt: [namn]}) for the checklist. The figures
    are computed only when a text names one. `markdown`: texter_markdown() of the edition
    without `utkast`, when the caller has read it."""
    if markdown is None:
        markdown = texter_markdown(rapport.utgava, forvalda, utkast)
    varden = (
        figurtexter(typ, forbund, nyckel, rapport) if anvander_figurer(*markdown.values()) else {}
    )
    if not utkast:
        # The stored texts, for the checklist (kontroller._oskrivna_texter) of this report.
        rapport.lagrade_texter = (forvalda, markdown)
    rapport.okanda_figurer = {
        avsnitt: saknas for avsnitt, md in markdown.items() if (saknas := okanda(md, varden))
    }
    return _html(rapport.utgava, markdown, varden)


def avsnittstexter(utgava, markdown: dict[str, str]) -> dict[str, Avsnittstext]:
    """{avsnitt: Avsnittstext} of the sections' Markdown in `utgava` (its pictures, or the
    previous edition's, found by slug)."""
    bild = bildsok(utgava, markdown.values())
    return {
        avsnitt: markdown_avsnitt(
            md,
            bild=bild,
            ankare=f"avsnitt-{avsnitt}",
            fore=format_html('<div class="kanslitext" id="avsnitt-{}">', avsnitt),
            efter="</div>",
            nar_visad=_visas,
        )
        for avsnitt, md in markdown.items()
    }


_BILDLANK_RE = re.compile(r"bild:([\w-]+)")


def bildsok(utgava, texter) -> Callable[[str], Bild | None]:
    """slug -> the Bild a text of `utgava` shows: the edition's own picture with that slug,
    else the previous edition's (where a text taken over from last year comes from: it
    finds its pictures without copying them). Two queries, none without pictures."""
    slugs = {m for t in texter for m in _BILDLANK_RE.findall(t or "")}
    if not slugs or utgava.forbund_id is None:
        return lambda slug: None
    utgavor = [u.pk for u in (utgava, foregaende_utgava(utgava)) if u is not None and u.pk]
    basta: dict[str, Rapportbild] = {}
    for b in Rapportbild.objects.filter(utgava_id__in=utgavor, slug__in=slugs):
        if b.slug not in basta or b.utgava_id == utgava.pk:
            basta[b.slug] = b

    def bild(slug: str) -> Bild | None:
        b = basta.get(slug)
        if b is None:
            return None
        return Bild(src=reverse("finsam:rapportbild", args=[b.pk]), alt=b.alt_text, kalla=b.pk)

    return bild


def _visas(bilder: list[Bild]) -> None:
    rapportbilder.visas({b.src: b.kalla for b in bilder})


def med_underrubriker(
    rader: list, texter: dict, ankare: dict[str, str | tuple[str, int]] | None = None
) -> list:
    """The contents list `rader` ([Innehall]) with the sub-headings of each text inserted
    after its section's row, numbered under it ("4" -> "4.1", "4.1.1") in the list and
    in the text's headings (whose h-level follows the row's level: h2 for 1, h3 for 2).

    A text belongs to the row whose anchor is its key, or `ankare[key]`. A text whose row
    already has rows under it (e.g. målområden 6.1, 6.2 after section 6's introduction)
    keeps unnumbered sub-headings, still listed. `ankare[key]` may instead be (nummer,
    niva) for a section the contents list leaves out: its sub-headings are numbered and
    levelled, not listed."""
    from finsam.rapporter.dokument import Innehall

    ankare = ankare or {}
    per_ankare = {}
    for avsnitt, text in texter.items():
        if not isinstance(text, Avsnittstext):
            continue
        mal = ankare.get(avsnitt, avsnitt)
        if isinstance(mal, tuple):
            text.numrera(*mal)
        else:
            per_ankare[mal] = text
    ut = []
    for i, rad in enumerate(rader):
        ut.append(rad)
        text = per_ankare.get(rad.ankare)
        if text is None or not text.rubriker:
            continue
        nasta = rader[i + 1] if i + 1 < len(rader) else None
        har_barn = nasta is not None and nasta.niva > rad.niva
        for r in text.numrera("" if har_barn or not rad.nummer else rad.nummer, rad.niva):
            ut.append(Innehall(r.nummer, r.text, r.ankare, niva=rad.niva + r.niva))
    return ut


@transaction.atomic
def text_spara(*, utgava, avsnitt: str, text: str) -> Rapporttext:
    """Store a section's text. Refused (ValidationError) while the edition is adopted.
    An edition not stored yet (from `utgava_las`) is stored first."""
    if utgava.pk is None:
        utgava = utgava_for(
            utgava.forbund, utgava.dokument, ar=utgava.ar, per=utgava.per, nyckel=utgava.nyckel
        )
    if utgava.status == Rapportutgava.Status.FASTSTALLD:
        raise ValidationError(
            _("%(utgava)s är fastställd. Öppna den igen för att ändra texterna.")
            % {"utgava": utgava}
        )
    obj = Rapporttext.objects.filter(utgava=utgava, avsnitt=avsnitt).first() or Rapporttext(
        utgava=utgava, avsnitt=avsnitt
    )
    obj.text = text
    obj.full_clean()
    obj.save()
    return obj


class UtgavansStatus:
    """For a report dataclass with an `utgava`: adopted or not, and the title page's line."""

    @property
    def faststalld(self) -> bool:
        return self.utgava.status == Rapportutgava.Status.FASTSTALLD

    @property
    def status_text(self) -> str:
        if not self.faststalld:
            return _("Utkast")
        text = _("Fastställd av styrelsen")
        if self.utgava.beslutsdatum:
            text += " " + formatting.datum(self.utgava.beslutsdatum)
        if self.utgava.paragraf:
            text += ", " + self.utgava.paragraf
        return text
