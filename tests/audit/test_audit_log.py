import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from audit.middleware import log_permission_denied
from audit.models import AuditEvent, AuditLogEntry
from manifest.services import membership_approve, membership_refuse
from tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory, give_totp_authenticator
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


def test_successful_login_is_logged(client):
    user = UserFactory(email="inkoper@zwolle.example")
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    entry = AuditLogEntry.objects.get(event=AuditEvent.LOGIN)
    assert entry.actor == user
    assert entry.ip_address == "127.0.0.1"


def test_behind_a_load_balancer_the_log_keeps_the_address_it_saw_not_one_the_client_wrote(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = UserFactory(email="inkoper@zwolle.example")
    # The client claims 10.6.6.6; the load balancer appends the address it really saw.
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR="10.6.6.6, 203.0.113.7",
    )
    assert AuditLogEntry.objects.get(event=AuditEvent.LOGIN).ip_address == "203.0.113.7"


def test_failed_login_is_logged_without_the_password(client):
    UserFactory(email="inkoper@zwolle.example")
    client.post(reverse("account_login"), {"login": "inkoper@zwolle.example", "password": "geheim-fout-123"})
    entry = AuditLogEntry.objects.get(event=AuditEvent.LOGIN_FAILED)
    assert entry.actor_email == "inkoper@zwolle.example"
    stored = " ".join(str(value) for value in AuditLogEntry.objects.values_list().get())
    assert "geheim-fout-123" not in stored


def test_membership_decisions_are_logged_with_the_deciding_staff_member(staff_in_session):
    staff = staff_in_session
    approved = MembershipFactory(status="requested")
    refused = MembershipFactory(status="requested")
    membership_approve(membership=approved, decided_by=staff)
    membership_refuse(membership=refused, decided_by=staff, reason="Onbekend")
    events = list(
        AuditLogEntry.objects.filter(event__startswith="membership_")
        .order_by("created_at")
        .values_list("event", "actor")
    )
    assert events == [(AuditEvent.MEMBERSHIP_APPROVED, staff.pk), (AuditEvent.MEMBERSHIP_REFUSED, staff.pk)]


def test_permission_denial_is_logged_with_the_path():
    user = UserFactory()
    request = RequestFactory().get("/actieplannen/geheim/")
    request.user = user
    middleware = log_permission_denied(lambda request: None)
    middleware.process_exception(request, PermissionDenied())
    entry = AuditLogEntry.objects.get(event=AuditEvent.PERMISSION_DENIED)
    assert (entry.actor, entry.subject) == (user, "/actieplannen/geheim/")


def test_staff_can_read_but_never_change_the_log(client):
    staff = give_totp_authenticator(UserFactory(is_staff=True, is_superuser=True)).user
    log_in_with_two_factor(client, staff)
    assert client.get(reverse("admin:audit_auditlogentry_changelist")).status_code == 200
    entry = AuditLogEntry.objects.first()
    assert client.get(reverse("admin:audit_auditlogentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditlogentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
