"""Fastställ: the board has adopted an edition. Archive its PDF and lock what it was built from.

    arkiv = faststall(typ, forbund, "2025", beslutsdatum=date(2026, 3, 20), paragraf="§ 12",
                      user=request.user)
    oppna(utgava, anledning="Fel i not 4", user=request.user)

Adopting renders the PDF once, with the decision on its title page, as PDF/A-2a (archival
and tagged: finsam.pdf), and stores it as a Rapportarkiv row with its SHA-256; that row is
never changed. The objects the report was built from (budget versions, utfallsperioder,
bokslut, medelstilldelning, the steering group's report, the edition with its texts; each
document's Dokumenttyp.underlag) get an Underlagslas each: while the edition is adopted,
finsam.concurrency refuses every change to them (finsam.rapporter.apps registers
`utgava.las.las_for` with it). Reopening needs a reason, which is recorded; the archived
PDFs stay as they are, and adopting again archives a new one.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.models import Rapportarkiv, Rapportutgava, Underlagslas, Utgavahandelse
from finsam.pdf import render_pdf
from finsam.rapporter.dokument import Dokumenttyp
from finsam.rapporter.utgava import kontroller
from finsam.rapporter.utgava.figurer import figurtexter
from finsam.rapporter.utgava.kontext import rapportkontext
from finsam.rapporter.utgava.texter import utgava_for


def underlag(typ: Dokumenttyp, forbund, nyckel: str) -> list:
    """The stored objects the edition's figures come from (without the edition itself)."""
    return typ.underlag(forbund, nyckel) if typ.underlag else []


def _utgava(typ: Dokumenttyp, forbund, nyckel: str) -> Rapportutgava:
    utgava = Rapportutgava.objects.filter(forbund=forbund, dokument=typ.kod, nyckel=nyckel).first()
    if utgava is not None:
        return utgava
    ar, per = typ.ar_per(nyckel)
    return utgava_for(forbund, typ.kod, ar=ar, per=per, nyckel=nyckel)


class EjKlar(ValidationError):
    """The checklist has findings that block adoption; `varningar` lists them (with links)."""

    def __init__(self, varningar: list):
        self.varningar = varningar
        super().__init__(
            _("Rapporten kan inte fastställas förrän detta är åtgärdat: %(lista)s")
            % {"lista": " ".join(f"({i}) {v.text}" for i, v in enumerate(varningar, start=1))}
        )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def kontrollera_beslut(beslutsdatum: date | None, paragraf: str) -> None:
    """ValidationError (Swedish, per field) for a missing or future date or paragraph."""
    fel = {}
    if beslutsdatum is None:
        fel["beslutsdatum"] = _("Ange datumet då styrelsen fastställde rapporten.")
    elif beslutsdatum > timezone.localdate():
        fel["beslutsdatum"] = _("Beslutsdatumet kan inte ligga i framtiden.")
    if not (paragraf or "").strip():
        fel["paragraf"] = _("Ange paragrafen i styrelsens protokoll, t.ex. § 12.")
    if fel:
        raise ValidationError(fel)


@transaction.atomic
def faststall(
    typ: Dokumenttyp, forbund, nyckel: str, *, beslutsdatum: date, paragraf: str, user=None
) -> Rapportarkiv:
    """Mark the edition adopted, archive its PDF and lock its figures. Raises
    ValidationError (Swedish) for a missing paragraph, a future date or an edition that is
    already adopted; EjKlar (a ValidationError listing them) when the checklist has blocking
    findings (a section still showing its instruction, ...); RapportSaknas when the report
    cannot be built. The checklist's other warnings are recorded with the adoption."""
    kontrollera_beslut(beslutsdatum, paragraf)
    utgava = Rapportutgava.objects.select_for_update().get(pk=_utgava(typ, forbund, nyckel).pk)
    if utgava.status == Rapportutgava.Status.FASTSTALLD:
        raise ValidationError(_("%(utgava)s är redan fastställd.") % {"utgava": typ.rubrik(nyckel)})

    utgava.status = Rapportutgava.Status.FASTSTALLD
    utgava.beslutsdatum = beslutsdatum
    utgava.paragraf = paragraf.strip()
    utgava.lock_version += 1
    utgava.save()

    rapport = typ.bygg(forbund, nyckel)
    anmarkningar = kontroller.varningar(typ, forbund, nyckel, rapport)
    if stopp := kontroller.blockerande(anmarkningar):
        raise EjKlar(stopp)
    # The texts' named figures as adopted: the edition prints these until it is reopened.
    utgava.figurvarden = figurtexter(typ, forbund, nyckel, rapport)
    utgava.save(update_fields=["figurvarden"])
    pdf = render_pdf(typ.template, rapportkontext(typ, forbund, nyckel, rapport), arkiv=True)
    lopnummer = (utgava.arkiv.aggregate(m=Max("lopnummer"))["m"] or 0) + 1
    arkiv = Rapportarkiv(
        utgava=utgava,
        lopnummer=lopnummer,
        beslutsdatum=beslutsdatum,
        paragraf=utgava.paragraf,
        sha256=sha256(pdf),
        storlek=len(pdf),
        skapad_av=user,
    )
    filnamn = getattr(rapport, "filnamn", f"{typ.kod}-{nyckel}.pdf").replace(":", "-")
    stam = filnamn.removesuffix(".pdf")
    arkiv.pdf.save(f"{stam}-faststalld-{lopnummer}.pdf", ContentFile(pdf), save=False)
    arkiv.save()

    objekt = [utgava, *underlag(typ, forbund, nyckel)]
    typer = ContentType.objects.get_for_models(*{type(o) for o in objekt})
    Underlagslas.objects.bulk_create(
        [Underlagslas(utgava=utgava, content_type=typer[type(o)], object_id=o.pk) for o in objekt],
        ignore_conflicts=True,
    )
    Utgavahandelse.objects.create(
        utgava=utgava,
        typ=Utgavahandelse.Typ.FASTSTALLD,
        anledning=_("Fastställd av styrelsen %(datum)s %(paragraf)s")
        % {"datum": beslutsdatum.isoformat(), "paragraf": utgava.paragraf},
        anmarkningar=[v.text for v in anmarkningar],
        anvandare=user,
    )
    return arkiv


@transaction.atomic
def oppna(utgava: Rapportutgava, *, anledning: str, user=None) -> Rapportutgava:
    """Reopen an adopted edition so its figures and texts can change. Needs a reason."""
    if not (anledning or "").strip():
        raise ValidationError(
            {"anledning": _("Skriv varför rapporten öppnas igen. Det sparas i historiken.")}
        )
    utgava = Rapportutgava.objects.select_for_update().get(pk=utgava.pk)
    if utgava.status != Rapportutgava.Status.FASTSTALLD:
        raise ValidationError(_("Rapporten är inte fastställd."))
    utgava.status = Rapportutgava.Status.UTKAST
    utgava.figurvarden = {}
    utgava.lock_version += 1
    utgava.save()
    utgava.las.all().delete()
    Utgavahandelse.objects.create(
        utgava=utgava, typ=Utgavahandelse.Typ.OPPNAD, anledning=anledning.strip(), anvandare=user
    )
    return utgava


def verifierad_pdf(arkiv: Rapportarkiv) -> bytes:
    """The archived file's bytes; ValueError when they no longer match the stored SHA-256."""
    with arkiv.pdf.open("rb") as f:
        data = f.read()
    if sha256(data) != arkiv.sha256:
        raise ValueError(
            _(
                "Den arkiverade filen stämmer inte med sin kontrollsumma och lämnas inte ut. "
                "Kontakta systemförvaltaren."
            )
        )
    return data
