from django.apps import AppConfig

from finsam.concurrency import register_lockable


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = "Insatser"

    def ready(self):
        # An adopted årsredovisning or delårsrapport locks the external funding it prints.
        register_lockable("insatser.Externfinansiering")
