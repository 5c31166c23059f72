"""Daily reminder to the steering groups whose report is due in 7 days."""

import os
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from uppfoljning.deltagarrapport import selectors, services


class Command(BaseCommand):
    help = (
        "Skickar påminnelse till styrgrupperna för deltagarrapporter som inte är inskickade, "
        f"för rapportperioder vars sista dag är om {selectors.PAMINNELSE_DAGAR} dagar. "
        "Körs en gång per dag, t.ex. från cron: "
        "`15 7 * * * cd /srv/finsam && .venv/bin/python manage.py skicka_paminnelser "
        "--url https://finsam.example.org`. "
        "E-post skickas med SMTP enligt EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, "
        "EMAIL_HOST_PASSWORD, EMAIL_USE_TLS och DEFAULT_FROM_EMAIL (se README); i utveckling "
        "skrivs breven till konsolen. En period får högst en påminnelse per dag."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=os.environ.get("FINSAM_BASE_URL")
            or getattr(settings, "FINSAM_BASE_URL", "http://localhost:8000"),
            help="Adressen som länkarna i e-breven börjar med (standard: $FINSAM_BASE_URL).",
        )
        parser.add_argument(
            "--datum",
            help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD), för test.",
        )

    def handle(self, *args, **options):
        today = date.fromisoformat(options["datum"]) if options["datum"] else timezone.localdate()
        resultat = services.remind_due(today=today, base_url=options["url"])
        for period, antal in resultat:
            self.stdout.write(f"{period.forbund.slug} {period.kod}: {antal} e-brev")
        if not resultat:
            self.stdout.write("Inga påminnelser att skicka i dag.")
