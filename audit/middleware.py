from django.core.exceptions import PermissionDenied

from audit.log import record
from audit.models import AuditEvent


def log_permission_denied(get_response):
    """Record every refused request (403) with who asked for which path."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            record(event=AuditEvent.PERMISSION_DENIED, actor=user, request=request, subject=request.path[:300])
        return None

    middleware.process_exception = process_exception
    return middleware
