from django.core.management.base import BaseCommand

from guidance.starting_content import load_starting_content


class Command(BaseCommand):
    help = (
        "Load the knowledge base's starting content from guidance/content/: a page per question of the VNG "
        "MVOI page, texts for the six theme pages, a starter set of tools and guides, and the facts editors "
        "must verify. Puts back missing themes and sections first. Idempotent: existing pages, texts and "
        "tools are never overwritten, so editors' changes survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created, change nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        report = load_starting_content(dry_run=dry_run)
        if verbosity >= 1:
            prefix = "Would create" if dry_run else "Created"
            self.stdout.write(
                f"{prefix} {len(report.pages)} guidance pages, {report.theme_texts} theme texts, "
                f"{report.resources} tools and guides, {report.checks} facts to verify."
            )
        if verbosity >= 2:
            for label, count in report.reference.items():
                self.stdout.write(f"  {label} restored: {count}")
            for slug in report.pages:
                self.stdout.write(f"  page {slug}")
