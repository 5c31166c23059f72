"""The texts the kansli writes for an edition of a document.

    utgava = utgava_for(forbund, "arsredovisning", ar=2025)          # created on first use
    utgava = utgava_las(forbund, "arsredovisning", ar=2025)          # for reading: never saved
    t = texter(utgava, FORVALDA_ARSREDOVISNING)                       # {avsnitt: html}

A section without stored text falls back to the previous edition's text of the same
document (so next year starts from this year's), then to the given default. Markdown is
rendered with finsam.markdown (sanitized).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _

from finsam import formatting
from finsam.markdown import markdown_html
from finsam.models import Rapporttext, Rapportutgava
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
    write). One query."""
    nyckel = nyckel or nyckel_for(ar=ar, per=per, extra=extra)
    utgava = Rapportutgava.objects.filter(forbund=forbund, dokument=dokument, nyckel=nyckel)
    return utgava.first() or Rapportutgava(
        forbund=forbund, dokument=dokument, nyckel=nyckel, ar=ar, per=per
    )


def foregaende_utgava(utgava) -> Rapportutgava | None:
    qs = Rapportutgava.objects.filter(forbund_id=utgava.forbund_id, dokument=utgava.dokument)
    qs = qs.filter(per__lt=utgava.per) if utgava.per else qs.filter(ar__lt=utgava.ar)
    return qs.order_by("-ar", "-per").first()


def texter_markdown(
    utgava, forvalda: dict[str, str], utkast: dict[str, str] | None = None
) -> dict[str, str]:
    """{avsnitt: markdown} for every section in `forvalda`: this edition's text, else the
    previous edition's, else the default. Two queries.

    `utkast` ({avsnitt: markdown}, e.g. unsaved texts for a preview) wins over stored texts.
    """
    egna = dict(utgava.texter.values_list("avsnitt", "text")) if utgava.pk else {}
    egna.update({k: v for k, v in (utkast or {}).items() if k in forvalda})
    tidigare = {}
    foregaende = foregaende_utgava(utgava)
    if foregaende is not None:
        tidigare = dict(foregaende.texter.values_list("avsnitt", "text"))
    return {
        avsnitt: egna.get(avsnitt) or tidigare.get(avsnitt) or standard
        for avsnitt, standard in forvalda.items()
    }


def _html(markdown: dict[str, str], figurer: dict[str, str] | None) -> dict[str, str]:
    ut = {}
    for avsnitt, md in markdown.items():
        if figurer is not None:
            md = fyll(md, figurer)
        ut[avsnitt] = (
            format_html(
                '<div class="kanslitext" id="avsnitt-{}">{}</div>', avsnitt, markdown_html(md)
            )
            if md
            else ""
        )
    return ut


def texter(
    utgava,
    forvalda: dict[str, str],
    utkast: dict[str, str] | None = None,
    *,
    figurer: dict[str, str] | None = None,
) -> dict[str, str]:
    """{avsnitt: safe HTML}, rendered from texter_markdown(), each in a
    <div id="avsnitt-KEY"> (the text editor's preview scrolls to it).

    `figurer` ({namn: text}, from figurer.figurtexter()): every `{{namn}}` is replaced by
    its value before the Markdown is rendered (see finsam.rapporter.utgava.figurer)."""
    return _html(texter_markdown(utgava, forvalda, utkast), figurer)


def texter_med_figurer(typ, forbund, nyckel: str, rapport, forvalda, utkast=None) -> dict:
    """texter() of a built report with its named figures filled in (the adopted values
    for an adopted edition). Records the names the texts use that the report does not
    know in `rapport.okanda_figurer` ({avsnitt: [namn]}) for the checklist."""
    varden = figurtexter(typ, forbund, nyckel, rapport)
    markdown = texter_markdown(rapport.utgava, forvalda, utkast)
    rapport.okanda_figurer = {
        avsnitt: saknas for avsnitt, md in markdown.items() if (saknas := okanda(md, varden))
    }
    return _html(markdown, varden)


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
