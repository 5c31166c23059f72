"""Create a systemadministratör, who then creates the förbund and invites their kansli in
the app (the one step that needs the server; no Django superuser needed)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from finsam.anvandare import services
from finsam.notiser.services import standard_base_url


class Command(BaseCommand):
    help = (
        "Skapar en systemadministratör (utan förbund) med e-postadressen som användarnamn och "
        "skickar en inbjudan med en länk för att välja lösenord. Systemadministratören skapar "
        "sedan förbund och bjuder in deras kansli i appen."
    )

    def add_arguments(self, parser):
        parser.add_argument("epost", help="E-postadress, blir användarnamnet.")
        parser.add_argument("--fornamn", default="")
        parser.add_argument("--efternamn", default="")
        parser.add_argument(
            "--url",
            default=standard_base_url(),
            help="Adressen som länken i e-brevet börjar med (standard: $FINSAM_BASE_URL).",
        )

    def handle(self, *args, **options):
        try:
            user = services.systemadministrator_skapa(
                epost=options["epost"],
                first_name=options["fornamn"],
                last_name=options["efternamn"],
                base_url=options["url"],
            )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        self.stdout.write(f"Systemadministratören {user.username} är skapad; inbjudan skickad.")
