"""Record audit events. Every app may call `record`; this app imports none of them."""

from audit.models import AuditLogEntry
from core.client_address import client_address


def _client_ip(request) -> str | None:
    return client_address(request) if request is not None else None


def record(*, event: str, actor=None, request=None, subject="", detail="", email: str = "") -> AuditLogEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditLogEntry.objects.create(
        event=event,
        actor=actor,
        actor_email=(email or getattr(actor, "email", ""))[:254],
        subject=str(subject)[:300],
        detail=str(detail)[:500],
        ip_address=_client_ip(request),
    )
