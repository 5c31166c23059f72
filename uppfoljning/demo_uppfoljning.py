"""Demo data for participant follow-up, added by finsam.demo.load_demo() (idempotent)."""

from uppfoljning.katalog import skapa_standardmatt


def load(forbund) -> str | None:
    skapade = skapa_standardmatt(forbund)
    return f"{skapade} uppföljningsmått" if skapade else None
