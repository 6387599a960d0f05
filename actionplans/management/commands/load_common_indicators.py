from django.core.management.base import BaseCommand

from actionplans.indicators import load_common_indicators


class Command(BaseCommand):
    help = (
        "Create the common indicators of actionplans/content/common_indicators.toml that are missing. "
        "Never changes an existing indicator, so edits in the admin survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be created.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        created = load_common_indicators(dry_run=dry_run)
        if verbosity >= 1:
            verb = "Would create" if dry_run else "Created"
            self.stdout.write(f"{verb} {len(created)} common indicator(s){': ' if created else ''}{', '.join(created)}")
