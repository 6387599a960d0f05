from django.conf import settings
from django.core.management.base import BaseCommand

from guidance.models import ContactMessage
from guidance.services import contact_messages_delete_expired


class Command(BaseCommand):
    help = (
        "Delete contact messages, answered or not, that arrived more than CONTACT_MESSAGE_RETENTION_MONTHS "
        "months ago (privacy: keep personal data no longer than needed). Run it daily, for example from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted, delete nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = ContactMessage.objects.expired().count() if dry_run else contact_messages_delete_expired()
        if verbosity >= 1:
            months = settings.CONTACT_MESSAGE_RETENTION_MONTHS
            self.stdout.write(
                f"{'Would delete' if dry_run else 'Deleted'} {count} contact messages older than {months} months."
            )
