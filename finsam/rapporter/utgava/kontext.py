"""The template context of a report: the same for the browser, the PDF and the archive.

kontext = rapportkontext(typ, forbund, "2025", rapport)    # {"rapport": ..., ...}
"""

from __future__ import annotations

from finsam.rapporter.dokument import Dokumenttyp
from finsam.rapporter.utgava import kontroller


def rapportkontext(typ: Dokumenttyp, forbund, nyckel: str, rapport) -> dict:
    """The template context for a report, the same for the browser, the PDF and the archive.

    `varningar` are the checklist's warnings of a draft, printed with its watermark.
    """
    kontext = {
        "rapport": rapport,
        "dokumenttyp": typ,
        "nyckel": nyckel,
        "varningar": [],
        "pdf_url": typ.pdf_url(nyckel),
    }
    if not getattr(rapport, "faststalld", False):
        kontext["varningar"] = kontroller.varningar(typ, forbund, nyckel, rapport)
    return kontext
