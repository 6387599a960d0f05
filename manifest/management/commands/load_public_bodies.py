from django.core.management.base import BaseCommand

from manifest.public_bodies import load_public_bodies


class Command(BaseCommand):
    help = (
        "Load or update the register of public bodies (342 municipalities, 12 provinces, 21 water boards, "
        "the ministries) "
        "from manifest/data/public_bodies/. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, change nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        report = load_public_bodies(dry_run=dry_run)
        if verbosity >= 1:
            prefix = "Would load" if dry_run else "Loaded"
            self.stdout.write(
                f"{prefix} public bodies: {len(report.created)} new, {len(report.updated)} updated, "
                f"{len(report.ended)} ended, {report.domains_created} e-mail domains added."
            )
        if verbosity >= 2:
            for label, codes in (("new", report.created), ("updated", report.updated), ("ended", report.ended)):
                for code in codes:
                    self.stdout.write(f"  {label}: {code}")
