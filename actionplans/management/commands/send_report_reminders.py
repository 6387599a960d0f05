"""Daily: remind coordinators of what their organisation owes: yearly reports and action plans that are due."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from actionplans.ladder_services import plan_reminders_send
from actionplans.report_services import report_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the coordinators of every signed organisation whose yearly report is missing, 30 and 7 days "
        "before the reporting deadline of its edition; and whose action plan is not adopted, 30 and 7 days "
        "before it is due and once when it is overdue. Each reminder goes out once; run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD), for testing.")

    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        reports = report_reminders_send(today=day, dry_run=dry_run)
        plans = plan_reminders_send(today=day, dry_run=dry_run)
        if verbosity >= 2 or (dry_run and verbosity >= 1):
            for organisation, year, kind, recipients in reports:
                self.stdout.write(f"{organisation} {year} ({kind} days): {', '.join(recipients)}")
            for organisation, kind, due_on, recipients in plans:
                self.stdout.write(f"{organisation} action plan due {due_on} ({kind}): {', '.join(recipients)}")
        if verbosity >= 1:
            verb = "would be sent" if dry_run else "sent"
            self.stdout.write(f"{len(reports)} reminder(s) {verb}.")
            self.stdout.write(f"{len(plans)} action plan reminder(s) {verb}.")
