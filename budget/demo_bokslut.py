"""Demo data for the bokslut area, added to the demo förbund by finsam.demo.load_demo()."""


def load(forbund) -> str | None:
    """Add this area's demo data to `forbund` unless it is there already (idempotent).

    Returns a line for load_demo's output, or None when nothing was done.
    """
    return None
