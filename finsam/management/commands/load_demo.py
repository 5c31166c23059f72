from django.core.management.base import BaseCommand

from finsam.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Laddar demoförbunden (Västmanland och Exempeldalen). Kan köras flera gånger."

    def handle(self, *args, **options):
        for line in load_demo():
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        )
        for username, what in DEMO_LOGINS:
            self.stdout.write(f"  {username:<20} {what}")
        self.stdout.write("")
        self.stdout.write("Öppna http://127.0.0.1:8000/ och logga in.")
