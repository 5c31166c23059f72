"""How fast the change history is at national scale: time and queries of the history
pages against a trivial logged-in page, with a large made-up history.

    python manage.py historik_benchmark [--forbund 80] [--rader 25000] [--upprepa 5]
    python manage.py historik_benchmark --befintlig   # the database's history as it is

Inside a transaction that is rolled back at the end (nothing is left behind) it loads the
demo förbund if they are missing, adds `--forbund` förbund in all, and gives each förbund
`--rader` history rows: copies of the demo's own history rows (members, insatser,
bemanning, budget amounts, utfall, report values), each with a changed value and a date
in the last five years. 80 × 25 000 is about two million rows, the history of every
Swedish förbund; on PostgreSQL the tables are analysed before measuring.

It then requests, as the demo kansli, the förbund's history (first page, a deep page,
filtered), an insats page with its history and the member list (the trivial page), and
prints each page's median time, its queries and its ratio to the trivial page.
"""

import io
import random
import statistics
import time
from datetime import timedelta

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from finsam.models import Forbund, User
from insatser.models import Insats

MALL_MODELLER = [
    # (model label, share of the rows, a field to change: text or number)
    ("finsam.Medlem", 10, "kortnamn"),
    ("insatser.Insats", 10, "ordning"),
    ("insatser.Bemanning", 15, "anmarkning"),
    ("budget.Budgetbelopp", 25, "belopp"),
    ("budget.Utfallsrad", 25, "intakt"),
    ("uppfoljning.Rapportvarde", 15, "varde"),
]
SATS = 5_000


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mät ändringshistorikens sidor med en stor påhittad historik (rullas tillbaka)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", type=int, default=80, help="Antal förbund (högst 200).")
        parser.add_argument(
            "--rader", type=int, default=25_000, help="Historikrader per förbund (högst 50 000)."
        )
        parser.add_argument("--upprepa", type=int, default=5, help="Mätningar per sida.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--befintlig",
            action="store_true",
            help="Mät databasens historik som den är, utan att lägga till rader (t.ex. en "
            "kopia av produktionen eller en slängdatabas som fyllts och dammsugits).",
        )

    def handle(self, *args, **opts):
        if not 1 <= opts["forbund"] <= 200 or not 1 <= opts["rader"] <= 50_000:
            raise CommandError("--forbund 1–200 och --rader 1–50 000.")
        if not 1 <= opts["upprepa"] <= 50:
            raise CommandError("--upprepa 1–50.")
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
        kansli = User.objects.get(username="kansli")
        if opts["befintlig"]:
            self.stdout.write(f"Befintlig historik ({connection.vendor}).")
            self._mat(demo, kansli, opts["upprepa"])
            return
        forbund_ids = [demo.pk] + self._fler_forbund(opts["forbund"] - 1)
        rng = random.Random(opts["seed"])
        start = time.perf_counter()
        antal = self._historik(demo, kansli, forbund_ids, opts["rader"], rng)
        self.stdout.write(
            f"{antal} historikrader i {len(forbund_ids)} förbund på "
            f"{time.perf_counter() - start:.1f} s ({connection.vendor})."
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._mat(demo, kansli, opts["upprepa"])

    def _fler_forbund(self, n):
        nya = [
            Forbund(
                namn=f"Mätförbund {i}",
                slug=f"matforbund-{i}",
                organisationsnummer=f"222999-{i:04d}",
            )
            for i in range(1, n + 1)
        ]
        return [f.pk for f in Forbund.objects.bulk_create(nya)]

    def _historik(self, demo, kansli, forbund_ids, rader, rng):
        nu = timezone.now()
        fem_ar = 5 * 365 * 24 * 3600
        totalt = sum(andel for _l, andel, _f in MALL_MODELLER)
        antal = 0
        for label, andel, falt in MALL_MODELLER:
            model = apps.get_model(label)
            hist = model.history.model
            mallar = list(hist.objects.filter(forbund_id=demo.pk)[:200])
            if not mallar:
                continue
            kolumner = [f.attname for f in hist._meta.concrete_fields if f.attname != "history_id"]
            text = model._meta.get_field(falt).get_internal_type() in ("CharField", "TextField")
            per_forbund = rader * andel // totalt
            batch = []
            for forbund_id in forbund_ids:
                for i in range(per_forbund):
                    mall = mallar[i % len(mallar)]
                    varden = {k: getattr(mall, k) for k in kolumner}
                    varden["forbund_id"] = forbund_id
                    varden["history_type"] = "~"
                    varden["history_user_id"] = kansli.pk
                    varden["history_change_reason"] = ""
                    varden["history_date"] = nu - timedelta(seconds=rng.randrange(fem_ar))
                    varden[falt] = f"Ändring {i}" if text else rng.randrange(1, 10_000)
                    batch.append(hist(**varden))
                    if len(batch) >= SATS:
                        hist.objects.bulk_create(batch)
                        antal += len(batch)
                        batch = []
            if batch:
                hist.objects.bulk_create(batch)
                antal += len(batch)
        return antal

    def _mat(self, demo, kansli, upprepa):
        insats = Insats.objects.filter(forbund=demo).order_by("pk").first()
        sidor = [
            ("Medlemslistan (trivial)", reverse("finsam:medlem-list")),
            ("Ändringshistorik, sida 1", reverse("finsam:historik")),
            ("Ändringshistorik, sida 200", reverse("finsam:historik") + "?sida=200"),
            (
                "Historik: utfall, ett år",
                reverse("finsam:historik")
                + f"?typ=budget.Utfallsrad&fran={timezone.now().year - 1}-01-01"
                f"&till={timezone.now().year - 1}-12-31",
            ),
            ("Historik: en användare", reverse("finsam:historik") + f"?anvandare={kansli.pk}"),
            ("Insatssidan med historik", reverse("insatser:detail", args=[insats.pk])),
        ]
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            client = Client()
            client.force_login(kansli)
            resultat = []
            for namn, url in sidor:
                client.get(url)  # warm-up
                tider = []
                for _ in range(upprepa):
                    with CaptureQueriesContext(connection) as ctx:
                        start = time.perf_counter()
                        response = client.get(url)
                        tider.append(time.perf_counter() - start)
                    if response.status_code != 200:
                        raise CommandError(f"{url}: {response.status_code}")
                resultat.append((namn, statistics.median(tider), len(ctx)))
        trivial = resultat[0][1]
        self.stdout.write(f"{'sida':<28} {'median ms':>10} {'frågor':>7} {'× trivial':>10}")
        for namn, tid, fragor in resultat:
            self.stdout.write(f"{namn:<28} {tid * 1000:>10.1f} {fragor:>7} {tid / trivial:>10.1f}")
