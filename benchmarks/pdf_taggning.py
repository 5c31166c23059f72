"""What tagging costs: each report of the demo rendered untagged, as the tagged PDF/UA-1 the
app serves, and as the PDF/A-2a an adopted edition is archived as: CPU time of the process
(best of N; wall-clock time on a shared machine says more about the neighbours) and size.

    DJANGO_SETTINGS_MODULE=finsam.settings.dev .venv/bin/python benchmarks/pdf_taggning.py [N]

A benchmark, not a test; CI does not run it. Needs the demo in the database (`make run` or
`manage.py load_demo`); the editions the reports create are rolled back.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from finsam import rapportbilder  # noqa: E402
from finsam.models import Forbund  # noqa: E402
from finsam.pdf import ARKIV_VARIANT, PDF_VARIANT, _render_pdf  # noqa: E402
from finsam.rapporter.dokument import dokumenttyp  # noqa: E402
from finsam.rapporter.utgava.kontext import rapportkontext  # noqa: E402

RAPPORTER = [
    ("verksamhetsplan", "2025"),
    ("delarsrapport", "2025-08-31"),
    ("arsredovisning", "2025"),
    ("insats", "st-vasteras:2025-helar"),
]
VARIANTER = [("otaggad", None), ("PDF/UA-1", PDF_VARIANT), ("PDF/A-2a", ARKIV_VARIANT)]


def _matt(template, kontext, variant, upprepa) -> tuple[float, int]:
    bast, storlek = None, 0
    for _ in range(upprepa):
        start = time.process_time()
        with rapportbilder.pdf_bilder():
            pdf = _render_pdf(template, kontext, base_url=None, variant=variant)
        sekunder = time.process_time() - start
        bast = sekunder if bast is None else min(bast, sekunder)
        storlek = len(pdf)
    return bast, storlek


def main(upprepa: int) -> None:
    forbund = Forbund.objects.get(slug="vastmanland")
    rubrik = ["Rapport"] + [f"{namn} {m}" for namn, _v in VARIANTER for m in ("tid", "kB")]
    rader = []
    with transaction.atomic():
        for kod, nyckel in RAPPORTER:
            typ = dokumenttyp(kod)
            rapport = typ.bygg(forbund, nyckel)
            kontext = rapportkontext(typ, forbund, nyckel, rapport)
            rad = [typ.rubrik(nyckel)]
            for _namn, variant in VARIANTER:
                sekunder, storlek = _matt(typ.template, kontext, variant, upprepa)
                rad += [f"{sekunder:.2f} s", f"{storlek / 1024:.0f}"]
            rader.append(rad)
            print(" | ".join(rad), file=sys.stderr)
        transaction.set_rollback(True)
    print("| " + " | ".join(rubrik) + " |")
    print("|" + "---|" * len(rubrik))
    for rad in rader:
        print("| " + " | ".join(rad) + " |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
