from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import demo


class Command(BaseCommand):
    help = (
        "Load demo content for development: demo logins for VNG staff, Gemeente Utrecht and Gemeente Zwolle, "
        "and example content of each app. Idempotent; refuses to run with DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be loaded, change nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError("Demo content is for development only; set DEBUG=true to load it.")
        logins = demo.load_demo_content(stdout=self.stdout, verbosity=verbosity, dry_run=dry_run)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD})"))
            for email, description in logins:
                self.stdout.write(f"  {email:<32} {description}")
            self.stdout.write("\nThe portal runs on http://127.0.0.1:8000 (Ctrl-C stops it and the database).\n")
