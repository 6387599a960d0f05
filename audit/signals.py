"""Log logins, failed logins and logouts; the credentials themselves are never stored."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.log import record
from audit.models import AuditEvent


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    record(event=AuditEvent.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        record(event=AuditEvent.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    # Only the address tried; never the password (Django already masks it in `credentials`).
    email = str(credentials.get("email") or credentials.get("username") or "")
    record(event=AuditEvent.LOGIN_FAILED, request=request, email=email)
