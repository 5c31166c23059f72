"""The template context of a report: the same for the browser, the PDF and the archive.

kontext = rapportkontext(typ, forbund, "2025", rapport)    # {"rapport": ..., ...}
"""

from __future__ import annotations

from finsam.rapporter.dokument import Dokumenttyp
from finsam.rapporter.utgava import kontroller


def rapportkontext(
    typ: Dokumenttyp, forbund, nyckel: str, rapport, *, lagrad=False, token=kontroller.LAS
) -> dict:
    """The template context for a report, the same for the browser, the PDF and the archive.

    `varningar` are the checklist's warnings of a draft, printed with its watermark;
    `lagrad`: `rapport` is the stored edition (Dokumenttyp.bygg_lagrad), so its warnings are
    kept until the next write too (under `token`, the data token `rapport` was kept under,
    when the caller has read it).
    """
    kontext = {
        "rapport": rapport,
        "dokumenttyp": typ,
        "nyckel": nyckel,
        "varningar": [],
        "pdf_url": typ.pdf_url(nyckel),
    }
    if not getattr(rapport, "faststalld", False):
        kontext["varningar"] = (
            kontroller.varningar_lagrade(typ, forbund, nyckel, rapport, token=token)
            if lagrad
            else kontroller.varningar(typ, forbund, nyckel, rapport)
        )
    return kontext
