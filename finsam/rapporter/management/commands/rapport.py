"""Write a report as a PDF file.

    python manage.py rapport verksamhetsplan --forbund vastmanland --ar 2025 --output vp-2025.pdf

Each registered document (finsam/rapporter/dokument.py) with a `kommando` is a subcommand
named by its code, with its own arguments besides --forbund and --output.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finsam.models import Forbund
from finsam.pdf import render_pdf
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import typer
from finsam.rapporter.utgava.kontext import rapportkontext


def _med_kommando():
    return {kod: typ for kod, typ in typer().items() if typ.kommando is not None}


class Command(BaseCommand):
    help = "Skapar en rapport som PDF-fil."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(
            dest="rapport", title="rapporter", metavar="RAPPORT", required=True
        )
        for kod, typ in _med_kommando().items():
            sub = subparsers.add_parser(kod, help=typ.kommando.hjalp)
            sub.add_argument(
                "--forbund", required=True, metavar="KORTNAMN", help="Förbundets kortnamn."
            )
            typ.kommando.add_arguments(sub)
            sub.add_argument("--output", required=True, metavar="FIL", help="PDF-filen som skrivs.")

    def handle(self, *args, **options):
        typ = _med_kommando()[options["rapport"]]
        forbund = self._forbund(options["forbund"])
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Mappen {output.parent} finns inte.")
        nyckel = typ.kommando.nyckel(forbund, options)
        try:
            rapport = typ.bygg(forbund, nyckel)
        except (RapportSaknas, ValueError) as e:
            raise CommandError(str(e)) from None
        # A draft gets the checklist's warnings, printed in the PDF and here on stderr.
        kontext = {**rapportkontext(typ, forbund, nyckel, rapport), "pdf": True}
        for v in kontext["varningar"]:
            self.stderr.write(f"Anmärkning: {v.text}")
        start = time.perf_counter()
        pdf = render_pdf(typ.template, kontext)
        sekunder = time.perf_counter() - start
        output.write_bytes(pdf)
        tid = f"{sekunder:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Skrev {output} ({len(pdf) // 1024} kB på {tid} s)."))

    @staticmethod
    def _forbund(slug):
        try:
            return Forbund.objects.get(slug=slug)
        except Forbund.DoesNotExist:
            finns = ", ".join(Forbund.objects.values_list("slug", flat=True)) or "inga"
            raise CommandError(
                f"Det finns inget förbund med kortnamnet '{slug}'. Kortnamn som finns: {finns}."
            ) from None
