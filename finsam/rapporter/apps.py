from django.apps import AppConfig


class RapporterConfig(AppConfig):
    """The roof: the documents built from every app. No models of its own (the editions
    and the archive are in finsam.models); it has the views, URLs and commands."""

    name = "finsam.rapporter"
    label = "rapporter"
    verbose_name = "Rapporter"

    def ready(self):
        from finsam.concurrency import register_lock_lookup, register_lockable
        from finsam.models import Rapportutgava
        from finsam.rapporter.dokument import dokumentnamn
        from finsam.rapporter.utgava.las import las_for

        # An adopted edition locks itself (its texts) and what it was built from.
        register_lockable("finsam.Rapportutgava")
        register_lock_lookup(las_for)
        # An edition's name ("Årsredovisning 2025") in messages and the history. A lookup,
        # not a copy: the registry imports every document (and WeasyPrint) when first
        # asked, which start-up need not wait for.
        Rapportutgava.dokumentnamn = staticmethod(dokumentnamn)
