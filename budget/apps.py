from django.apps import AppConfig

from finsam.concurrency import register_lockable


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = "Budget"

    def ready(self):
        # What an adopted report is built from, and so locks (finsam.concurrency).
        for model in (
            "Budgetversion",
            "Utfallsperiod",
            "Bokslut",
            "Medelstilldelning",
            "Kanslitjanst",
            "Tabellstruktur",
            "MedelTillForfogande",
        ):
            register_lockable(f"budget.{model}")
