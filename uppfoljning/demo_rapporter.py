"""Demo data (rapporter), added by uppfoljning.demo_uppfoljning.load() (idempotent)."""


def load(forbund) -> str | None:
    return None
