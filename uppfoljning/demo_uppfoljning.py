"""Demo data for participant follow-up, added by finsam.demo.load_demo() (idempotent)."""

from uppfoljning import demo_arbetsflode, demo_ovrigt, demo_rapporter
from uppfoljning.matt.katalog import skapa_standardmatt


def load(forbund) -> str | None:
    rader = []
    skapade = skapa_standardmatt(forbund)
    if skapade:
        rader.append(f"{skapade} uppföljningsmått")
    # Order matters: the 2025 reports first, then the open 2026 period with its draft.
    for step in (demo_rapporter, demo_ovrigt, demo_arbetsflode):
        line = step.load(forbund)
        if line:
            rader.append(line)
    return "; ".join(rader) or None
