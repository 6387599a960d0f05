"""The cache of public pages: anonymous GETs served from the cache, invalidated by content versions.

A `ContentVersion` is a number in the cache that changes whenever one kind of public content
changes (guidance, the register, plans). A cached page is keyed by the versions of everything it
shows, the language and its full path, so a change makes every affected page stale at once and
nothing has to know which pages those are. Logged-in visitors and pages with a message are never
served from, or stored in, the cache.

A page is stored in the shared cache (PostgreSQL, so every instance can use what one rendered) and in
the process's own memory ("pages" cache). A hit costs one round trip for the versions; the page
itself then usually comes from memory.
"""

import functools
import hashlib
import re
import time
from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

CSRF_PLACEHOLDER = b"__portal_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')


class ContentVersion:
    """A version of one kind of public content.

    `next_change` may name a moment at which the content changes by itself (a scheduled page going
    live): the first read after that moment moves the version on, without anyone acting.
    """

    def __init__(self, key: str, *, next_change: Callable[[], datetime | None] | None = None):
        self.key = key
        self.next_change = next_change

    def bump(self) -> int:
        """Invalidate now, and again when the surrounding transaction commits.

        The second bump stops a request that read the old content just before the commit from
        caching it under the new version.
        """
        version = self._store()
        transaction.on_commit(self._store)
        return version

    def current(self) -> int:
        return self._version_from(cache.get(self.key))

    def _version_from(self, state) -> int:
        if state is None or (state[1] is not None and timezone.now().timestamp() >= state[1]):
            return self._store()
        return state[0]

    def _store(self) -> int:
        upcoming = self.next_change() if self.next_change else None
        version = time.time_ns()
        cache.set(self.key, (version, upcoming.timestamp() if upcoming else None), timeout=None)
        return version


def current_versions(versions: list[ContentVersion]) -> list[int]:
    """The current number of each version, read from the shared cache in one round trip."""
    states = cache.get_many([version.key for version in versions])
    return [version._version_from(states.get(version.key)) for version in versions]


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))  # len() does not consume the messages
    )


def _all_versions(versions) -> list[ContentVersion]:
    """The versions, with any callable among them (for versions registered after import) called."""
    found = []
    for version in versions:
        found.extend([version] if isinstance(version, ContentVersion) else version())
    return found


def cached_public_page(*versions: ContentVersion | Callable[[], list[ContentVersion]]):
    """Serve anonymous GETs from the cache per path and language, keyed by the given content versions.

    Forms on cached pages keep their CSRF protection: the stored page holds a placeholder where
    the token goes, and every visitor gets a token of their own (tied to their own cookie).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            own_copies = caches["pages"]
            stamp = "-".join(str(number) for number in current_versions(_all_versions(versions)))
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"page:{view.__module__}.{view.__name__}:{stamp}:{get_language()}:{path}"
            cached = own_copies.get(key)
            if cached is None:
                cached = cache.get(key)  # rendered by another process or instance
                if cached is not None:
                    own_copies.set(key, cached)
            if cached is not None:
                content, headers = cached
                if CSRF_PLACEHOLDER in content:
                    content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                if hasattr(response, "render"):
                    response.render()
                content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
                # Only the view's own headers (type, download name, licence link); middleware adds the rest.
                headers = dict(response.headers)
                cache.set(key, (content, headers))
                own_copies.set(key, (content, headers))
            return response

        return wrapper

    return decorator
