from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Förbund och användare"

    def ready(self):
        from finsam import dataversion

        dataversion.installera()
