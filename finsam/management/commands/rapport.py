"""Write a report as a PDF file.

    python manage.py rapport verksamhetsplan --forbund vastmanland --ar 2025 --output vp-2025.pdf

Each kind of report is a subcommand: a class with `namn`, `hjalp`, `add_arguments()` and
`bygg()` (returning the template and its context). New kinds
(delarsrapport, arsredovisning, insats) are added to RAPPORTER.
"""

import time
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finsam.models import Forbund
from finsam.pdf import render_pdf
from finsam.rapporter import RapportSaknas, verksamhetsplan


class Verksamhetsplan:
    namn = "verksamhetsplan"
    hjalp = "Verksamhetsplan och budget: årets budget och plan för de två följande åren."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("--ar", type=int, required=True, help="Budgetåret, t.ex. 2025.")

    @staticmethod
    def bygg(forbund, options):
        rapport = verksamhetsplan.build_verksamhetsplan(forbund, options["ar"])
        return verksamhetsplan.TEMPLATE, {"rapport": rapport}


#: Modules that may define a subcommand class named `Kommando` (same shape as above).
KOMMANDOMODULER = [
    "finsam.rapporter.delarsrapport",
    "finsam.rapporter.arsredovisning",
    "finsam.rapporter.insatsrapport",
]


def _rapporter():
    rapporter = [Verksamhetsplan]
    for namn in KOMMANDOMODULER:
        if find_spec(namn) is not None:
            kommando = getattr(import_module(namn), "Kommando", None)
            if kommando is not None:
                rapporter.append(kommando)
    return rapporter


RAPPORTER = _rapporter()


class Command(BaseCommand):
    help = "Skapar en rapport som PDF-fil."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(
            dest="rapport", title="rapporter", metavar="RAPPORT", required=True
        )
        for rapport in RAPPORTER:
            sub = subparsers.add_parser(rapport.namn, help=rapport.hjalp)
            sub.add_argument(
                "--forbund", required=True, metavar="KORTNAMN", help="Förbundets kortnamn."
            )
            rapport.add_arguments(sub)
            sub.add_argument("--output", required=True, metavar="FIL", help="PDF-filen som skrivs.")

    def handle(self, *args, **options):
        rapport = next(r for r in RAPPORTER if r.namn == options["rapport"])
        forbund = self._forbund(options["forbund"])
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Mappen {output.parent} finns inte.")
        try:
            template, context = rapport.bygg(forbund, options)
        except RapportSaknas as e:
            raise CommandError(str(e)) from None
        context = self._med_kontroll(rapport.namn, forbund, context)
        start = time.perf_counter()
        pdf = render_pdf(template, context)
        sekunder = time.perf_counter() - start
        output.write_bytes(pdf)
        tid = f"{sekunder:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Skrev {output} ({len(pdf) // 1024} kB på {tid} s)."))

    def _med_kontroll(self, namn, forbund, context):
        """The registry's context (a draft gets the checklist's warnings, printed in the PDF
        and here on stderr)."""
        from finsam.rapporter.dokument import rapportkontext, typer

        typ = typer().get(namn)
        utgava = getattr(context["rapport"], "utgava", None)
        if typ is None or utgava is None:
            return context
        kontext = {**rapportkontext(typ, forbund, utgava.nyckel, context["rapport"]), "pdf": True}
        for v in kontext["varningar"]:
            self.stderr.write(f"Anmärkning: {v.text}")
        return kontext

    @staticmethod
    def _forbund(slug):
        try:
            return Forbund.objects.get(slug=slug)
        except Forbund.DoesNotExist:
            finns = ", ".join(Forbund.objects.values_list("slug", flat=True)) or "inga"
            raise CommandError(
                f"Det finns inget förbund med kortnamnet '{slug}'. Kortnamn som finns: {finns}."
            ) from None
