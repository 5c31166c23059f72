"""Demo rekvisitioner, added to the demo förbund by finsam.demo.load_demo()."""


def load(forbund) -> str | None:
    """Add demo rekvisitioner to `forbund` unless they are there already (idempotent)."""
    return None
