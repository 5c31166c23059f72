"""How long each report takes, and how many queries: build the data, render the HTML, make
the PDF.

    python manage.py rapport_benchmark --forbund vastmanland [--upprepa 3] [--insatser 50]

For every registered document it takes the newest edition the förbund has. With
`--insatser N` it first adds N made-up insatser with budget lines, inside a transaction
that is rolled back, to show that the query counts stay the same. Nothing is left behind.
"""

import io
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion
from finsam.models import Forbund
from finsam.pdf import render_pdf
from finsam.rapporter.dokument import typer
from finsam.rapporter.utgava.kontext import rapportkontext
from insatser.models import Insats, Malomrade


class _Rollback(Exception):
    pass


def senaste_nycklar(forbund) -> dict[str, str]:
    """{kod: the newest edition's nyckel} for the documents the förbund can make."""
    nycklar = {kod: typ.senaste_nyckel(forbund) for kod, typ in typer().items()}
    return {kod: nyckel for kod, nyckel in nycklar.items() if nyckel is not None}


def _sv(sekunder: float) -> str:
    return f"{sekunder:.2f}".replace(".", ",") + " s"


class Command(BaseCommand):
    help = "Mäter tid och antal databasfrågor för varje rapport (data, HTML, PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, metavar="KORTNAMN")
        parser.add_argument("--upprepa", type=int, default=1, help="Bästa av N körningar.")
        parser.add_argument(
            "--insatser",
            type=int,
            default=0,
            help="Lägg först till N påhittade insatser (återställs efteråt).",
        )

    def handle(self, *args, **options):
        forbund = Forbund.objects.filter(slug=options["forbund"]).first()
        if forbund is None:
            raise CommandError(f"Det finns inget förbund med kortnamnet '{options['forbund']}'.")
        try:
            with transaction.atomic():
                if options["insatser"]:
                    self._extra_insatser(forbund, options["insatser"])
                self._mat(forbund, max(1, options["upprepa"]))
                raise _Rollback
        except _Rollback:
            pass

    def _mat(self, forbund, upprepa):
        nycklar = senaste_nycklar(forbund)
        rubriker = ["Rapport", "Data", "HTML", "PDF", "Frågor", "Sidor", "Storlek"]
        rader = []
        for kod, typ in typer().items():
            nyckel = nycklar.get(kod)
            if nyckel is None:
                continue
            typ.bygg(forbund, nyckel)  # creates the edition on first use
            bast = None
            for _ in range(upprepa):
                with CaptureQueriesContext(connection) as ctx:
                    t0 = time.perf_counter()
                    rapport = typ.bygg(forbund, nyckel)
                    t1 = time.perf_counter()
                    kontext = rapportkontext(typ, forbund, nyckel, rapport)
                    render_to_string(typ.template, {**kontext, "pdf": False})
                    t2 = time.perf_counter()
                fragor = len(ctx.captured_queries)
                pdf = render_pdf(typ.template, kontext)
                t3 = time.perf_counter()
                matt = (t1 - t0, t2 - t1, t3 - t2)
                if bast is None or sum(matt) < sum(bast[0]):
                    bast = (matt, fragor, pdf)
            (data, html, pdf_tid), fragor, pdf = bast
            sidor = len(PdfReader(io.BytesIO(pdf)).pages)
            rader.append(
                [
                    typ.rubrik(nyckel),
                    _sv(data),
                    _sv(html),
                    _sv(pdf_tid),
                    str(fragor),
                    str(sidor),
                    f"{len(pdf) // 1024} kB",
                ]
            )
        bredd = [max(len(r[i]) for r in [rubriker, *rader]) for i in range(len(rubriker))]
        for i, rad in enumerate([rubriker, *rader]):
            celler = [rad[0].ljust(bredd[0])] + [
                c.rjust(b) for c, b in zip(rad[1:], bredd[1:], strict=True)
            ]
            self.stdout.write("  ".join(celler))
            if i == 0:
                self.stdout.write("  ".join("-" * b for b in bredd))

    def _extra_insatser(self, forbund, antal):
        malomrade = Malomrade.objects.filter(forbund=forbund).first() or Malomrade.objects.create(
            forbund=forbund, namn="Benchmark"
        )
        grupp = Budgetgrupp.objects.filter(forbund=forbund, typ="kostnad").first()
        versioner = list(Budgetversion.objects.filter(forbund=forbund))
        for i in range(antal):
            insats = Insats.objects.create(
                forbund=forbund,
                namn=f"Benchmarkinsats {i + 1}",
                slug=f"benchmark-{i + 1}",
                typ=Insats.Typ.SAMORDNINGSTEAM,
                malomrade=malomrade,
                startdatum=date(2020, 1, 1),
            )
            if grupp is not None:
                rad = Budgetrad.objects.create(
                    forbund=forbund, grupp=grupp, namn=insats.namn, insats=insats
                )
                Budgetbelopp.objects.bulk_create(
                    [Budgetbelopp(version=v, rad=rad, belopp=-10_000) for v in versioner]
                )
        self.stdout.write(f"(+{antal} påhittade insatser, återställs efteråt)")
