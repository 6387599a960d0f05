from django.conf import settings
from django.core.management.base import BaseCommand

from audit.models import AuditLogEntry
from audit.services import audit_log_pseudonymise, typed_emails


class Command(BaseCommand):
    help = (
        "Pseudonymise audit log entries older than AUDIT_PSEUDONYMISE_AFTER_MONTHS months: IP addresses keep "
        "only their network, e-mail addresses typed at failed logins become a pseudonym. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change, change nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if dry_run:
            due = AuditLogEntry.objects.due_for_pseudonymisation()
            counts = {
                "entries": due.count(),
                "ip_addresses": due.filter(ip_address__isnull=False).count(),
                "emails": typed_emails(due).count(),
            }
        else:
            counts = audit_log_pseudonymise()
        if verbosity >= 1:
            months = settings.AUDIT_PSEUDONYMISE_AFTER_MONTHS
            verb = "Would pseudonymise" if dry_run else "Pseudonymised"
            self.stdout.write(f"{verb} {counts['entries']} audit log entries older than {months} months.")
        if verbosity >= 2:
            self.stdout.write(f"  IP addresses shortened to their network: {counts['ip_addresses']}")
            self.stdout.write(f"  e-mail addresses of failed logins replaced by a pseudonym: {counts['emails']}")
