"""Keeping the audit log within the retention period: old entries lose what identifies a person.

After AUDIT_PSEUDONYMISE_AFTER_MONTHS an entry's IP address is shortened to its network (/24 for
IPv4, /48 for IPv6) and the e-mail address someone typed at a failed login becomes a pseudonym. The
pseudonym is a keyed hash (HMAC with SECRET_KEY), so repeated attempts on one address still show as
one pseudonym, but the address cannot be read back. Who did what (the account of a logged-in actor)
stays: that is what the log is for.
"""

from django.db import transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.crypto import salted_hmac

from audit.models import AuditEvent, AuditLogEntry

PSEUDONYM_PREFIX = "pseudoniem-"
_NETWORK_ONLY = RawSQL(
    "host(network(set_masklen(ip_address, CASE family(ip_address) WHEN 4 THEN 24 ELSE 48 END)))::inet", []
)


def email_pseudonym(email: str) -> str:
    digest = salted_hmac("audit.email-pseudonym", email.strip().lower()).hexdigest()[:16]
    return PSEUDONYM_PREFIX + digest


def typed_emails(entries):
    """The entries among `entries` that hold an e-mail address a person typed at a failed login."""
    return entries.filter(event=AuditEvent.LOGIN_FAILED).exclude(actor_email="")


@transaction.atomic
def audit_log_pseudonymise() -> dict[str, int]:
    """Pseudonymise every entry past the retention period; return how many entries, IPs and e-mails."""
    entries = AuditLogEntry.objects.due_for_pseudonymisation()
    emails = list(typed_emails(entries).only("pk", "actor_email"))
    for entry in emails:
        entry.actor_email = email_pseudonym(entry.actor_email)
    AuditLogEntry.objects.bulk_update(emails, ["actor_email"], batch_size=1000)
    addresses = entries.filter(ip_address__isnull=False).update(ip_address=_NETWORK_ONLY)
    count = entries.update(pseudonymised_at=timezone.now())
    return {"entries": count, "ip_addresses": addresses, "emails": len(emails)}
