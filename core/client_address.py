"""The visitor's IP address, as rate limits and the audit log need it, behind a load balancer too.

allauth's adapter already reads X-Forwarded-For with ALLAUTH_TRUSTED_PROXY_COUNT for its own rate
limits; the portal's contact form and audit log use the same answer.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def client_address(request) -> str | None:
    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        # Fewer forwarded addresses than trusted proxies: the request did not come through them.
        return request.META.get("REMOTE_ADDR")
