"""Contact messages, answered or not, are deleted once the retention period has passed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from guidance.models import ContactMessage, ContactStatus

pytestmark = pytest.mark.django_db


def message(*, days_old: int, status=ContactStatus.NEW) -> ContactMessage:
    created = ContactMessage.objects.create(name="A", email="a@example.org", message="Vraag", status=status)
    ContactMessage.objects.filter(pk=created.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return created


def run(*args, **options) -> str:
    out = StringIO()
    call_command("delete_expired_contact_messages", *args, stdout=out, **options)
    return out.getvalue()


def remaining() -> set[int]:
    return set(ContactMessage.objects.values_list("pk", flat=True))


def test_answered_and_unanswered_messages_are_deleted_after_twelve_months():
    message(days_old=400, status=ContactStatus.ANSWERED)
    message(days_old=400)
    recent_answered = message(days_old=300, status=ContactStatus.ANSWERED)
    recent_unanswered = message(days_old=10)
    assert "Deleted 2 contact messages older than 12 months." in run()
    assert remaining() == {recent_answered.pk, recent_unanswered.pk}


def test_dry_run_only_counts():
    old = message(days_old=400)
    assert "Would delete 1 contact messages older than 12 months." in run("--dry-run")
    assert remaining() == {old.pk}


def test_the_retention_period_is_a_setting(settings):
    settings.CONTACT_MESSAGE_RETENTION_MONTHS = 24
    kept = message(days_old=400)
    gone = message(days_old=800)
    assert run(verbosity=0) == ""
    assert remaining() == {kept.pk} and gone.pk not in remaining()
