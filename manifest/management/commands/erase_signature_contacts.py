from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from manifest.models import ManifestEdition, Signature, SignatureStatus
from manifest.services import signature_erase_contact_details


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month += 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last_day))


class Command(BaseCommand):
    help = (
        "Retention rule for signatures: erase the private contact person (name, e-mail, phone) of withdrawn and "
        "rejected signatures, and of every signature of an edition that ended more than --months months ago. "
        "The published data (organisation, office holder, role, dates) and the history stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=24,
            help="Keep contact details until this many months after an edition ended (default 24).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be erased; change nothing.")

    def handle(self, *args, months, dry_run=False, verbosity=1, **options):
        if months < 0:
            raise CommandError("--months cannot be negative.")
        cutoff = months_before(timezone.localdate(), months)
        ended = [edition.pk for edition in ManifestEdition.objects.all() if edition.ends_on < cutoff]
        signatures = (
            Signature.objects.filter(contact_erased_at__isnull=True)
            .filter(Q(status__in=[SignatureStatus.WITHDRAWN, SignatureStatus.REJECTED]) | Q(edition__in=ended))
            .select_related("organisation", "edition")
            .order_by("edition__start_year", "organisation__name")
        )
        count = 0
        for signature in signatures:
            count += 1
            if verbosity >= 2 or (dry_run and verbosity >= 1):
                self.stdout.write(
                    f"  {signature.edition.slug}  {signature.organisation}  ({signature.get_status_display()})"
                )
            if not dry_run:
                signature_erase_contact_details(signature=signature)
        if verbosity >= 1:
            if dry_run:
                self.stdout.write(f"Would erase the contact details of {count} signature(s). Nothing was changed.")
            else:
                self.stdout.write(self.style.SUCCESS(f"Erased the contact details of {count} signature(s)."))
