"""python manage.py import_xlsx FILE --forbund SLUG [--dry-run]

Imports a filled-in template (budget amounts of a version, or utfall and prognos of a
period) with the same validation as the upload page: every error is printed with its
sheet, row and column, and nothing is written unless the whole file is valid.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from budget.importer import services as importer
from budget.utfall.services import Utfallsvarde
from finsam import formatting
from finsam.concurrency import ConflictError
from finsam.models import Forbund


def _visa(varde) -> str:
    if varde is None:
        return "–"
    if isinstance(varde, Utfallsvarde):
        prognos = formatting.belopp(varde.prognos) if varde.prognos is not None else "–"
        return (
            f"intäkter {formatting.belopp(varde.intakt)}, kostnader "
            f"{formatting.belopp(varde.kostnad)}, prognos {prognos}"
            + (f", kommentar {varde.kommentar!r}" if varde.kommentar else "")
        )
    return formatting.belopp(varde)


class Command(BaseCommand):
    help = "Importerar budget, utfall eller prognos från en ifylld Excelmall (allt eller inget)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Den ifyllda mallen (.xlsx)")
        parser.add_argument(
            "--forbund", required=True, help="Förbundets kortnamn, t.ex. vastmanland"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa ändringarna men spara ingenting"
        )

    def handle(self, *args, file, forbund, dry_run, **options):
        try:
            forbund_obj = Forbund.objects.get(slug=forbund)
        except Forbund.DoesNotExist:
            raise CommandError(f"Det finns inget förbund med kortnamnet {forbund!r}.") from None
        try:
            data = Path(file).read_bytes()
        except OSError as e:
            raise CommandError(f"Filen {file} går inte att läsa: {e.strerror}.") from None

        plan = importer.import_parse(forbund=forbund_obj, data=data)
        if plan.fel:
            for fel in plan.fel:
                self.stderr.write(str(fel))
            raise CommandError(f"Filen är inte importerad: {len(plan.fel)} fel. Inget sparades.")

        antal = len(plan.andrade)
        self.stdout.write(
            ngettext("%(mal)s: %(antal)d rad ändras.", "%(mal)s: %(antal)d rader ändras.", antal)
            % {"mal": plan.mal.rubrik, "antal": antal}
        )
        for a in plan.andrade:
            self.stdout.write(f"  {a.rad.namn}: {_visa(a.fore)} → {_visa(a.efter)}")
        if dry_run:
            self.stdout.write("Ingenting är sparat (--dry-run).")
            return
        try:
            plan = importer.import_apply(
                forbund=forbund_obj, plan=plan, expected_version=plan.mal.lock_version
            )
        except importer.ImportInvalid as e:
            for fel in e.fel:
                self.stderr.write(str(fel))
            raise CommandError("Filen är inte importerad. Inget sparades.") from None
        except ConflictError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(self.style.SUCCESS(f"Importerat till {plan.mal.rubrik}."))
