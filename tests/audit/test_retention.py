"""After the retention period the audit log keeps what happened, not who was behind an address."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent, AuditLogEntry
from audit.services import email_pseudonym
from core.retention import months_ago
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def entry(*, months_old: float, ip: str | None = None, **fields) -> AuditLogEntry:
    created = record(**fields)
    AuditLogEntry.objects.filter(pk=created.pk).update(
        created_at=timezone.now() - timedelta(days=30.5 * months_old), ip_address=ip
    )
    return created


def run(*args, **options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("pseudonymise_audit_log", *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def log():
    user = UserFactory(email="inkoper@zwolle.example")
    return {
        "old_login": entry(months_old=13, ip="203.0.113.77", event=AuditEvent.LOGIN, actor=user),
        "old_failed": entry(
            months_old=13, ip="2001:db8:1234:5678::9", event=AuditEvent.LOGIN_FAILED, email="Typo@x.nl"
        ),
        "old_failed_again": entry(months_old=14, ip="198.51.100.4", event=AuditEvent.LOGIN_FAILED, email="typo@x.nl"),
        "recent_failed": entry(months_old=2, ip="192.0.2.10", event=AuditEvent.LOGIN_FAILED, email="typo@x.nl"),
    }


def fresh(entry: AuditLogEntry) -> AuditLogEntry:
    return AuditLogEntry.objects.get(pk=entry.pk)


def test_old_ip_addresses_keep_only_their_network(log):
    run(verbosity=0)
    assert fresh(log["old_login"]).ip_address == "203.0.113.0"
    assert fresh(log["old_failed"]).ip_address == "2001:db8:1234::"
    assert fresh(log["old_failed_again"]).ip_address == "198.51.100.0"


def test_old_typed_email_addresses_become_one_pseudonym_per_address(log):
    run(verbosity=0)
    first, second = fresh(log["old_failed"]).actor_email, fresh(log["old_failed_again"]).actor_email
    assert first == second == email_pseudonym("typo@x.nl")
    assert first.startswith("pseudoniem-") and "typo" not in first
    assert AuditLogEntry.objects.filter(actor_email__icontains="typo@x.nl").get() == log["recent_failed"]


def test_who_did_what_and_recent_entries_stay_as_they_were(log):
    run(verbosity=0)
    login = fresh(log["old_login"])
    assert login.actor.email == "inkoper@zwolle.example" and login.actor_email == "inkoper@zwolle.example"
    recent = fresh(log["recent_failed"])
    assert (recent.ip_address, recent.actor_email, recent.pseudonymised_at) == ("192.0.2.10", "typo@x.nl", None)


def test_a_second_run_changes_nothing(log):
    assert "Pseudonymised 3 audit log entries older than 12 months." in run()
    pseudonym = fresh(log["old_failed"]).actor_email
    assert "Pseudonymised 0 audit log entries" in run()
    assert fresh(log["old_failed"]).actor_email == pseudonym
    assert fresh(log["old_failed"]).ip_address == "2001:db8:1234::"


def test_dry_run_counts_and_changes_nothing(log):
    output = run("--dry-run", verbosity=2)
    assert "Would pseudonymise 3 audit log entries older than 12 months." in output
    assert "IP addresses shortened to their network: 3" in output
    assert "e-mail addresses of failed logins replaced by a pseudonym: 2" in output
    assert fresh(log["old_failed"]).actor_email == "Typo@x.nl"
    assert fresh(log["old_login"]).ip_address == "203.0.113.77"


def test_verbosity_zero_prints_nothing(log):
    assert run(verbosity=0) == ""


def test_the_retention_period_is_a_setting(log, settings):
    settings.AUDIT_PSEUDONYMISE_AFTER_MONTHS = 24
    assert "Pseudonymised 0 audit log entries older than 24 months." in run()
    assert fresh(log["old_failed"]).actor_email == "Typo@x.nl"


@pytest.mark.parametrize(
    ("now", "months", "expected"),
    [
        (datetime(2027, 3, 31, 12, tzinfo=UTC), 1, datetime(2027, 2, 28, 12, tzinfo=UTC)),
        (datetime(2028, 3, 31, 12, tzinfo=UTC), 1, datetime(2028, 2, 29, 12, tzinfo=UTC)),
        (datetime(2027, 1, 15, 12, tzinfo=UTC), 12, datetime(2026, 1, 15, 12, tzinfo=UTC)),
        (datetime(2027, 1, 15, 12, tzinfo=UTC), 13, datetime(2025, 12, 15, 12, tzinfo=UTC)),
    ],
)
def test_months_are_calendar_months(now, months, expected):
    assert months_ago(months, now=now) == expected
