"""The weekly digest of notices to the users who chose it instead of single e-mails."""

from django.core.management.base import BaseCommand

from finsam.notiser import services


class Command(BaseCommand):
    help = (
        "Skickar veckosammanfattningen: ett e-brev till varje användare som valt en "
        "sammanfattning per vecka, med veckans notiser som inte redan mejlats. De markeras "
        "som mejlade, så en andra körning skickar inget. Körs en gång i veckan, t.ex. från "
        "cron: `0 7 * * 1 cd /srv/finsam && .venv/bin/python manage.py "
        "skicka_veckosammanfattning --url https://finsam.example.org`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=services.standard_base_url(),
            help="Adressen som länkarna i e-breven börjar med (standard: $FINSAM_BASE_URL).",
        )

    def handle(self, *args, **options):
        antal = services.skicka_veckosammanfattning(base_url=options["url"])
        self.stdout.write(
            "1 sammanfattning skickad." if antal == 1 else f"{antal} sammanfattningar skickade."
        )
