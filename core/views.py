"""Site-wide pages that belong to no single app: statements, health, security.txt and the favicon.

The home page lives in guidance/views.py: it shows the knowledge base's latest pages and themes.
"""

from datetime import UTC, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.db.utils import DatabaseError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116 contact details for reporting vulnerabilities; Expires is always a year ahead."""
    expires = timezone.now().astimezone(UTC) + timedelta(days=365)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        f"Policy: {settings.SITE_URL}/privacy/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    """Private pages answer 404 to whoever may not see them, so a visitor who is not logged in (following a
    link from an e-mail, say) is offered the login, which brings them back here."""
    login_url = None
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        login_url = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
    return render(request, "404.html", {"login_url": login_url}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page's <link rel="icon"> says."""
    path = finders.find("img/favicon.ico")
    if path is None:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/vnd.microsoft.icon")
