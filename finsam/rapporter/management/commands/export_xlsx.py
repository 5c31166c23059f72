"""python manage.py export_xlsx KIND --forbund SLUG [--ar N | --per DATE] --output FILE

Each kind is a function `(forbund, *, ar=None, per=None, period=None) -> (Workbook, filename)`
registered in KINDS by its dotted path; the command and the download views call the same
function.
"""

from datetime import date
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError

from finsam.excel import xlsx_bytes
from finsam.models import Forbund

# kind: (dotted path, required option, help)
KINDS = {
    "budget": ("budget.excel:export_budget", "ar", "budget med planår för år N"),
    "delar": ("budget.utfall.excel:export_delar", "per", "delårstabellen per ett datum"),
    "driftredovisning": (
        "budget.utfall.excel:export_driftredovisning",
        "ar",
        "driftredovisningen år N",
    ),
    "medlemsbidrag": (
        "budget.medel.excel:export_medlemsbidrag",
        "ar",
        "medlemmarnas driftbidrag år N",
    ),
    "deltagare": (
        "uppfoljning.statistik.excel:export_deltagare",
        "ar",
        "deltagarstatistik år N (--period h1 eller helar)",
    ),
    "insatsuppfoljning": (
        "insatser.ekonomi.excel:export_insatsuppfoljning",
        "per",
        "ekonomisk uppföljning per insats per ett datum",
    ),
}


def export_function(kind):
    path, _, name = KINDS[kind][0].partition(":")
    try:
        return getattr(import_module(path), name)
    except (ImportError, AttributeError) as e:
        raise CommandError(f"Exporten {kind} finns inte ännu ({e}).") from e


class Command(BaseCommand):
    help = "Exporterar siffror till en formaterad Excelfil (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=sorted(KINDS),
            help="; ".join(f"{k}: {v[2]}" for k, v in sorted(KINDS.items())),
        )
        parser.add_argument(
            "--forbund", required=True, help="Förbundets kortnamn, t.ex. vastmanland"
        )
        parser.add_argument("--ar", type=int, help="År, t.ex. 2025")
        parser.add_argument("--per", type=date.fromisoformat, help="Datum, t.ex. 2025-08-31")
        parser.add_argument("--period", help="Period, t.ex. h1 eller helar")
        parser.add_argument("--output", required=True, help="Filen som skrivs, t.ex. delar.xlsx")

    def handle(self, *args, kind, forbund, output, **options):
        fb = Forbund.objects.filter(slug=forbund).first()
        if fb is None:
            raise CommandError(f"Det finns inget förbund med kortnamnet {forbund!r}.")
        needed = KINDS[kind][1]
        if options.get(needed) is None:
            raise CommandError(f"Exporten {kind} behöver --{needed}.")
        func = export_function(kind)
        wb, _filename = func(
            fb, ar=options.get("ar"), per=options.get("per"), period=options.get("period")
        )
        try:
            with open(output, "wb") as fh:
                fh.write(xlsx_bytes(wb))
        except OSError as e:
            raise CommandError(f"Kunde inte skriva {output}: {e.strerror}.") from e
        self.stdout.write(f"Skrev {output}")
