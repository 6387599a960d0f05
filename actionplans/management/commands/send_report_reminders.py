"""Daily: remind coordinators of signatories whose yearly report is missing, 30 and 7 days before the deadline."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from actionplans.report_services import report_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the coordinators of every signed organisation whose yearly report is missing, 30 and 7 days "
        "before the reporting deadline of its edition. Each reminder goes out once; run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD), for testing.")

    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        sent = report_reminders_send(today=day, dry_run=dry_run)
        if verbosity >= 2 or (dry_run and verbosity >= 1):
            for organisation, year, kind, recipients in sent:
                self.stdout.write(f"{organisation} {year} ({kind} days): {', '.join(recipients)}")
        if verbosity >= 1:
            verb = "would be sent" if dry_run else "sent"
            self.stdout.write(f"{len(sent)} reminder(s) {verb}.")
