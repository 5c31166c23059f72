"""python manage.py import_sie FILE --forbund SLUG --per DATE [--dry-run] [--bokslut]

Imports the utfall per DATE from a SIE 4 file (the bookkeeping's export) with the same
checks as the upload page: each mapped budget line's new and old amount, every account and
objekt no line takes with its sum, and the file's total = mapped + unmapped. Nothing is
written when the file is refused or with --dry-run; otherwise all or nothing. --bokslut
also sets the year's bokslut (balance sheet and financial items) from the file.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.sie import services
from finsam import formatting
from finsam.concurrency import ConflictError
from finsam.models import Forbund


def _par(v) -> str:
    return "–" if v is None else f"{formatting.belopp(v[0])} / {formatting.belopp(v[1])}"


def _exakt(d) -> str:
    return formatting.decimal_sv(d, 2) if d != int(d) else formatting.belopp(d)


class Command(BaseCommand):
    help = "Importerar utfall per ett datum (och bokslut) från en SIE-fil, allt eller inget."

    def add_arguments(self, parser):
        parser.add_argument("file", help="SIE-filen (typ 4, .se)")
        parser.add_argument("--forbund", required=True, help="Förbundets kortnamn")
        parser.add_argument("--per", required=True, help="Utfallets datum, t.ex. 2025-12-31")
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som ändras men spara ingenting"
        )
        parser.add_argument(
            "--bokslut", action="store_true", help="Lägg också in årets bokslut från filen"
        )

    def handle(self, *args, file, forbund, per, dry_run, bokslut, **options):
        try:
            forbund_obj = Forbund.objects.get(slug=forbund)
        except Forbund.DoesNotExist:
            raise CommandError(f"Det finns inget förbund med kortnamnet {forbund!r}.") from None
        try:
            per_datum = date.fromisoformat(per)
        except ValueError:
            raise CommandError(f"{per!r} är inget datum. Skriv t.ex. 2025-12-31.") from None
        try:
            data = Path(file).read_bytes()
        except OSError as e:
            raise CommandError(f"Filen {file} går inte att läsa: {e.strerror}.") from None
        filnamn = Path(file).name
        try:
            fil = services.sie_las(data)
            plan = services.utfall_plan(
                forbund=forbund_obj, fil=fil, per=per_datum, filnamn=filnamn
            )
            bplan = (
                services.bokslut_plan(forbund=forbund_obj, fil=fil, filnamn=filnamn)
                if bokslut
                else None
            )
        except services.SieImportFel as e:
            for fel in e.fel:
                self.stderr.write(fel)
            raise CommandError("Filen är inte importerad. Ingenting är sparat.") from None

        self._visa_utfall(plan)
        if bplan is not None:
            self._visa_bokslut(bplan)
        if dry_run:
            self.stdout.write("Ingenting är sparat (--dry-run).")
            return
        try:
            services.import_apply(
                forbund=forbund_obj,
                plan=plan,
                expected_version=plan.lock_version,
                bokslutsplan=bplan,
                bokslut_version=bplan.lock_version if bplan else None,
            )
        except ConflictError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Utfallet per {per_datum.isoformat()} är importerat från {filnamn}."
            )
        )

    def _visa_utfall(self, plan):
        b = plan.berakning
        self.stdout.write(
            f"Utfall per {plan.per.isoformat()} ur {b.kalla}: {len(plan.andrade)} av "
            f"{len(plan.andringar)} mappade rader ändras (intäkter / kostnader, kr)."
        )
        for a in plan.andringar:
            mark = "*" if a.andras else " "
            self.stdout.write(f" {mark} {a.rad.namn}: {_par(a.fore)} → {_par(a.efter)}")
        if b.omappade:
            self.stdout.write("Konton i filen som ingen budgetrad tar (intäkter +, kostnader −):")
            for o in b.omappade:
                objekt = f" objekt {o.objekt}" if o.objekt else ""
                self.stdout.write(f"   {o.konto} {o.kontonamn}{objekt}: {_exakt(o.belopp)}")
        for rad in plan.omappade_rader:
            self.stdout.write(f"   (ingen mappning) {rad.namn}: lämnas som den är")
        self.stdout.write(
            f"Filen totalt {_exakt(b.fil_belopp)} = mappat {_exakt(b.mappat_belopp)} "
            f"+ ej mappat {_exakt(b.omappat_belopp)}"
        )

    def _visa_bokslut(self, bplan):
        self.stdout.write(f"Bokslut {bplan.ar}:")
        for f in bplan.falt:
            fore = "–" if f.fore is None else formatting.belopp(f.fore)
            self.stdout.write(f"   {f.rubrik}: {fore} → {formatting.belopp(f.efter)}")
        for rubrik, lista in (
            ("Fordringar", bplan.varden.fordringar),
            ("Skulder", bplan.varden.skulder),
        ):
            for p in lista:
                self.stdout.write(f"   {rubrik}: {p.konto} {p.namn}: {formatting.belopp(p.belopp)}")
        for k in bplan.kontroller:
            self.stdout.write(f"   {'OK' if k.ok else 'AVVIKELSE'}: {k.meddelande}")
