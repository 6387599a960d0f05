"""The public guidance pages' cache: one content version for all of them, bumped on every change.

Cached pages are keyed by the content version, language and full path. Saving or publishing any
guidance content bumps the version, so every cached page is invalidated at once. The version also
remembers when the next scheduled page goes live; reading it after that moment bumps it, so a page
with `publish_at` appears on time without anyone acting and without a cron job.
"""

import functools
import hashlib
import re
import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "guidance:content-version"
CSRF_PLACEHOLDER = b"__guidance_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def bump_content_version() -> int:
    """Invalidate every cached page now, and again when the surrounding transaction commits.

    The second bump stops a request that read the old content just before the commit from
    caching it under the new version.
    """
    version = _store_new_version()
    transaction.on_commit(_store_new_version)
    return version


def _store_new_version() -> int:
    from guidance.models import GuidancePage

    next_publication = GuidancePage.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True)
    upcoming = next_publication.first()
    version = time.time_ns()
    cache.set(VERSION_KEY, (version, upcoming.timestamp() if upcoming else None), timeout=None)
    return version


def content_version() -> int:
    state = cache.get(VERSION_KEY)
    if state is None or (state[1] is not None and timezone.now().timestamp() >= state[1]):
        return _store_new_version()
    return state[0]


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))  # len() does not consume the messages
    )


def cached_public_page(view):
    """Serve anonymous GETs from the cache per path and language; never for logged-in users.

    Forms on cached pages keep their CSRF protection: the stored page holds a placeholder where
    the token goes, and every visitor gets a token of their own (tied to their own cookie).
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"guidance:page:{content_version()}:{get_language()}:{path}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            if CSRF_PLACEHOLDER in content:
                content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            cache.set(key, (content, response["Content-Type"]), settings.CACHES["default"].get("TIMEOUT"))
        return response

    return wrapper
