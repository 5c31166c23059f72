"""Pictures the kansli uploads to an edition (finsam.models.Rapportbild): what is accepted,
and which of them a PDF being rendered may embed.

    data, mime, andelse = granska(uppladdad_fil)   # ValidationError with a Swedish message
    with pdf_bilder():                             # finsam.pdf.render_pdf
        ...                                        # texts shown call visas({path: pk})
        hamta_for_pdf("/rapporter/bild/12/")       # the fetcher: (bytes, mime) or None

Accepted: PNG and JPEG (checked by Pillow, not by the name) and SVG, parsed with
xml.etree after refusing any DOCTYPE or entity, and refused when it could run or fetch
anything (script, foreignObject, on* attributes, links other than "#...", url() to
anything else, @import). At most settings.FINSAM_RAPPORTBILD_MAX_BYTE (2 MB).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from finsam import formatting

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "SVG": "image/svg+xml"}
ANDELSE = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}

#: Elements that could run, embed or animate something: an SVG with one is refused.
_FORBJUDNA = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "set",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
}
_URL_RE = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.I)


def max_storlek() -> int:
    return getattr(settings, "FINSAM_RAPPORTBILD_MAX_BYTE", 2 * 1024 * 1024)


def _megabyte(byte: int) -> str:
    return formatting.decimal_sv(Decimal(byte) / (1024 * 1024), 1) + " MB"


def granska(fil) -> tuple[bytes, str, str]:
    """(data, mime type, file extension) of an uploaded picture, or ValidationError."""
    grans = max_storlek()
    if fil.size is not None and fil.size > grans:
        raise ValidationError(
            _("Bilden är %(storlek)s. Den får vara högst %(max)s.")
            % {"storlek": _megabyte(fil.size), "max": _megabyte(grans)},
            code="for_stor",
        )
    fil.seek(0)
    data = fil.read(grans + 1)
    if len(data) > grans:
        raise ValidationError(
            _("Bilden är större än %(max)s.") % {"max": _megabyte(grans)}, code="for_stor"
        )
    if not data:
        raise ValidationError(_("Filen är tom."), code="tom")
    rast = _rasterbild(data)
    if rast is not None:
        return data, rast, ANDELSE[rast]
    if _ser_ut_som_svg(data):
        return sanera_svg(data), MIME["SVG"], "svg"
    raise ValidationError(
        _("Filen är inte en PNG-, JPEG- eller SVG-bild (oavsett vad filnamnet säger)."),
        code="fel_typ",
    )


def _rasterbild(data: bytes) -> str | None:
    """The mime type if Pillow reads `data` as a whole PNG or JPEG, else None."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as bild:
            format_ = bild.format
            bild.verify()
    except Exception:  # noqa: BLE001  (any unreadable file is simply not a picture)
        return None
    return MIME.get(format_) if format_ in ("PNG", "JPEG") else None


def _ser_ut_som_svg(data: bytes) -> bool:
    borjan = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return borjan.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) and b"<svg" in data.lower()


def _lokalt(namn: str) -> str:
    return namn.rsplit("}", 1)[-1].lower()


def sanera_svg(data: bytes) -> bytes:
    """The SVG re-serialized without comments and processing instructions; ValidationError
    if it declares a DOCTYPE or entities, is not well-formed, or could run or fetch
    anything."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("SVG-filen måste vara sparad som UTF-8."), code="svg") from None
    if re.search(r"<!\s*(doctype|entity)", text, re.I):
        raise ValidationError(
            _("SVG-filen har en DOCTYPE eller egna entiteter, vilket inte är tillåtet."),
            code="svg",
        )
    try:
        rot = ET.fromstring(text)  # noqa: S314  (no DOCTYPE, no entities: refused above)
    except ET.ParseError as e:
        raise ValidationError(
            _("SVG-filen går inte att läsa (%(fel)s).") % {"fel": e}, code="svg"
        ) from None
    if rot.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(_("Filen är ingen SVG-bild (saknar <svg>)."), code="svg")
    for element in rot.iter():
        if not isinstance(element.tag, str):
            continue
        namn = _lokalt(element.tag)
        if namn in _FORBJUDNA:
            raise ValidationError(
                _("SVG-filen innehåller <%(element)s>, som inte är tillåtet i en bild.")
                % {"element": element.tag.rsplit("}", 1)[-1]},
                code="svg",
            )
        if namn == "style" and _ogiltig_css(element.text or ""):
            raise ValidationError(
                _("SVG-filens stilmall hämtar något utifrån (url() eller @import)."), code="svg"
            )
        for attribut, varde in element.attrib.items():
            _granska_attribut(_lokalt(attribut), varde)
    # SVG as the default namespace again: another module may have registered "" since
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(rot, encoding="utf-8", xml_declaration=True)


def _ogiltig_css(css: str) -> bool:
    if "@import" in css.lower() or "expression" in css.lower():
        return True
    return any(not m.group(1).startswith("#") for m in _URL_RE.finditer(css))


def _granska_attribut(namn: str, varde: str) -> None:
    if namn.startswith("on"):
        raise ValidationError(
            _("SVG-filen har attributet %(attribut)s, som kör skript. Det är inte tillåtet.")
            % {"attribut": namn},
            code="svg",
        )
    if namn == "href" and not varde.strip().startswith("#"):
        raise ValidationError(
            _("SVG-filen länkar till %(adress)s. Bara länkar inom bilden (#...) är tillåtna.")
            % {"adress": varde[:80]},
            code="svg",
        )
    if _ogiltig_css(varde):
        raise ValidationError(
            _("SVG-filen hämtar något utifrån (%(attribut)s med url()).") % {"attribut": namn},
            code="svg",
        )


# --- the pictures a PDF being rendered may embed ----------------------------------------

_i_pdf: ContextVar[dict[str, int] | None] = ContextVar("rapportbilder_i_pdf", default=None)


@contextmanager
def pdf_bilder():
    """While a PDF is rendered: collects the pictures its texts show (their URL path ->
    Rapportbild pk), the only ones its fetcher hands out."""
    token = _i_pdf.set({})
    try:
        yield
    finally:
        _i_pdf.reset(token)


def visas(bilder: dict[str, int]) -> None:
    """A text shows these pictures ({URL path: Rapportbild pk}); noted if a PDF is rendered."""
    aktiva = _i_pdf.get()
    if aktiva is not None:
        aktiva.update(bilder)


def hamta_for_pdf(sokvag: str) -> tuple[bytes, str] | None:
    """(data, mime) of a picture a text of the PDF being rendered shows at `sokvag`, read
    from storage; None for any other path."""
    aktiva = _i_pdf.get()
    if not aktiva or sokvag not in aktiva:
        return None
    from finsam.models import Rapportbild

    bild = Rapportbild.objects.filter(pk=aktiva[sokvag]).first()
    if bild is None:
        return None
    with bild.fil.open("rb") as f:
        return f.read(), bild.mime
