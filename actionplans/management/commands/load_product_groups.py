from django.core.management.base import BaseCommand

from actionplans.product_groups import load_product_groups, starter_list


class Command(BaseCommand):
    help = (
        "Create the product groups of the starter list that are missing "
        "(actionplans/content/product_groups/). Idempotent: groups VNG staff renamed or completed in the "
        "admin stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the rows of the starter list.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if dry_run:
            if verbosity >= 1:
                self.stdout.write(f"The starter list has {len(starter_list())} product groups.")
            return
        created = load_product_groups()
        if verbosity >= 1:
            self.stdout.write(f"Product groups: {created} created.")
