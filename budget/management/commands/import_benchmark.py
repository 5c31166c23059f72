"""How fast the Excel import is: a large filled-in template read by openpyxl alone (read-only,
every cell of every sheet), then parsed, restored (as the preview and the apply do from the
session) and applied by the import, with the time, the ratio to the raw read and the
queries of each step.

    python manage.py import_benchmark [--rader 10000 50000] [--slag budget utfall]

Inside a transaction that is rolled back at the end (nothing is left behind) it loads the
demo förbund if missing and gives it budget lines so that the template has `--rader` data
rows. For a budget it makes a new plan version, for utfall a new period; two files are
built from the app's own template: the first fills every new line (the import inserts them
all), the second changes every value (the import updates them all). Each step is run
`--upprepa` times (a write in a rolled-back savepoint but the last) and the run with the
least CPU time is shown: CPU time of this process says more on a shared machine, and with
SQLite it includes the database's work; on PostgreSQL look at the wall-clock ratio. The
"tolka+skriv" line is what `import_apply(data=...)` and `manage.py import_xlsx` do; the
web upload parses, and its apply restores the plan from the session and writes.
A benchmark, not a test: CI does not run it.
"""

import io
import time
from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from budget.importer import services as importer
from budget.models import (
    Budgetbelopp,
    Budgetgrupp,
    Budgetrad,
    Budgetversion,
    Utfallsperiod,
    Utfallsrad,
)
from finsam.excel import xlsx_bytes
from finsam.models import Forbund


class _Rollback(Exception):
    pass


def _raw_read(data: bytes) -> int:
    """What openpyxl alone takes: open read-only and read every cell of every sheet."""
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    antal = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    antal += 1
    wb.close()
    return antal


def _timed(fn):
    """(result, CPU seconds of this process, wall seconds, queries) of `fn()`. The CPU time
    says more on a shared machine; with SQLite the database work is in this process too."""
    # The query log keeps at most 9 000 queries; the setup's would hide the step's.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        cpu, wall = time.process_time(), time.perf_counter()
        result = fn()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return result, cpu, wall, len(queries.captured_queries)


def _best(fn, upprepa: int, *, rollback=False):
    """`_timed(fn)` run `upprepa` times, with the lowest CPU time; with `rollback` every run
    but the last is rolled back (the last one's writes stay)."""
    matningar = []
    for i in range(upprepa):
        if rollback and i < upprepa - 1:
            with transaction.atomic():
                matningar.append(_timed(fn))
                transaction.set_rollback(True)
        else:
            matningar.append(_timed(fn))
    basta = min(matningar, key=lambda m: m[1])
    return matningar[-1][0], *basta[1:]


class Command(BaseCommand):
    help = "Mät Excelimporten med 10 000 och 50 000 rader mot openpyxl:s egen läsning."

    def add_arguments(self, parser):
        parser.add_argument("--rader", type=int, nargs="+", default=[10_000, 50_000])
        parser.add_argument(
            "--slag", nargs="+", choices=["budget", "utfall"], default=["budget", "utfall"]
        )
        parser.add_argument(
            "--upprepa", type=int, default=3, help="Mätningar per steg (den snabbaste visas)."
        )

    def handle(self, *args, **opts):
        if not all(1 <= n <= importer.max_datarader() for n in opts["rader"]):
            raise CommandError(f"--rader 1–{importer.max_datarader()}.")
        try:
            with transaction.atomic():
                self._run(opts)
                raise _Rollback
        except _Rollback:
            self.stdout.write("Allt är återställt (transaktionen rullades tillbaka).")

    def _run(self, opts):
        # By name, not by import: the demo loader sits above the roof (fixtures/).
        call_command("load_demo", stdout=io.StringIO())
        demo = Forbund.objects.get(slug="vastmanland")
        self.stdout.write(
            f"Databas: {connection.vendor}. Gräns: {importer.max_datarader()} datarader per fil."
        )
        self.stdout.write(
            f"{'slag':<7} {'rader':>6} {'fil kB':>7} {'steg':<18} {'CPU s':>7} {'vägg s':>7} "
            f"{'× rå CPU':>8} {'× rå vägg':>9} {'frågor':>7}"
        )
        for n in opts["rader"]:
            rader = self._rader(demo, n)
            for slag in opts["slag"]:
                with transaction.atomic():
                    self._mat(demo, slag, rader, opts["upprepa"])
                    transaction.set_rollback(True)

    def _rader(self, demo, n):
        """New lines of the förbund, in a group of their own, so that the template has `n`
        rows (the demo's own lines are in it too, left blank)."""
        grupp = Budgetgrupp.objects.create(forbund=demo, namn=f"Mätgrupp {n}", ordning=999)
        redan = len(importer._rader_i_ordning(demo.pk, set()))
        nya = [
            Budgetrad(forbund=demo, grupp=grupp, namn=f"Mätrad {i}", ordning=i % 30_000)
            for i in range(n - redan)
        ]
        return Budgetrad.objects.bulk_create(nya, batch_size=2_000)

    def _filer(self, demo, slag, rader):
        """(target, first file, second file): the template filled with two sets of values."""
        if slag == "budget":
            mal = Budgetversion.objects.create(
                forbund=demo, typ="plan", ar=2099, beslutsdatum=date(2098, 11, 30)
            )

            def fyll(k):
                Budgetbelopp.objects.bulk_create(
                    [
                        Budgetbelopp(version=mal, rad=r, belopp=-(1_000 * k + i))
                        for i, r in enumerate(rader)
                    ],
                    batch_size=2_000,
                )

            model, filt = Budgetbelopp, {"version": mal}
        else:
            mal = Utfallsperiod.objects.create(forbund=demo, per=date(2099, 8, 31), typ="delar")

            def fyll(k):
                Utfallsrad.objects.bulk_create(
                    [
                        Utfallsrad(
                            period=mal,
                            rad=r,
                            intakt=i % 7 * k,
                            kostnad=-(1_000 * k + i),
                            prognos=-(2_000 * k + i),
                            kommentar=f"Kommentar {k} till rad {i}" if i % 5 == 0 else "",
                        )
                        for i, r in enumerate(rader)
                    ],
                    batch_size=2_000,
                )

            model, filt = Utfallsrad, {"period": mal}
        filer = []
        for k in (1, 2):
            fyll(k)
            wb, _filename = importer.import_template(forbund=demo, mal=importer.Mal(mal))
            filer.append(xlsx_bytes(wb))
            model.objects.filter(**filt)._raw_delete(connection.alias)
        return mal, filer

    def _mat(self, demo, slag, rader, upprepa):
        mal, filer = self._filer(demo, slag, rader)
        for fil, steg in zip(filer, ("nya", "ändrade"), strict=True):
            _r, raw, raw_vagg, _q = _best(lambda f=fil: _raw_read(f), upprepa)
            plan, t_parse, v_parse, q_parse = _best(
                lambda f=fil: importer.import_parse(forbund=demo, data=f), upprepa
            )
            if plan.fel:
                raise CommandError("\n".join(str(f) for f in plan.fel[:5]))
            sparad = plan.sparad()
            mal.refresh_from_db()
            version = mal.lock_version
            plan, t_restore, v_restore, q_restore = _best(
                lambda s=sparad: importer.import_restore(forbund=demo, sparad=s), upprepa
            )
            andrade = len(plan.andrade)
            _plan, t_apply, v_apply, q_apply = _best(
                lambda p=plan, v=version: importer.import_apply(
                    forbund=demo, plan=p, expected_version=v
                ),
                upprepa,
                rollback=True,
            )
            n = len(importer._rader_i_ordning(demo.pk, set()))  # the data rows of the file
            kb = len(fil) // 1024
            for namn, tid, vagg, fragor in [
                ("openpyxl rå", raw, raw_vagg, 0),
                (f"tolka ({steg})", t_parse, v_parse, q_parse),
                ("återställ", t_restore, v_restore, q_restore),
                ("skriv", t_apply, v_apply, q_apply),
                ("tolka+skriv", t_parse + t_apply, v_parse + v_apply, q_parse + q_apply),
                (
                    "tolka+återst+skriv",
                    t_parse + t_restore + t_apply,
                    v_parse + v_restore + v_apply,
                    q_parse + q_restore + q_apply,
                ),
            ]:
                self.stdout.write(
                    f"{slag:<7} {n:>6} {kb:>7} {namn:<18} {tid:>7.2f} {vagg:>7.2f} "
                    f"{tid / raw:>8.2f} {vagg / raw_vagg:>9.2f} {fragor:>7}"
                )
            if andrade != len(rader):
                raise CommandError(f"{andrade} ändrade rader, inte {len(rader)}.")
