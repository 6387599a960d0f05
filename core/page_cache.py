"""The cache of public pages: anonymous GETs served from the cache, invalidated by content versions.

A `ContentVersion` is a number in the cache that changes whenever one kind of public content
changes (guidance, the register, plans). A cached page is keyed by the versions of everything it
shows, the language and its address, so a change makes every affected page stale at once and
nothing has to know which pages those are. Logged-in visitors and pages with a message are never
served from, or stored in, the cache.

A page is stored in the shared cache (PostgreSQL, so every instance can use what one rendered) and in
the process's own memory ("pages" cache). Each process also keeps the versions it read for
PAGE_CACHE_RECHECK_SECONDS: a change made in this process shows at once, one made by another
process or instance within that time.

`PublicPageMiddleware` answers repeat visits before sessions, locale, authentication, the URL
resolver and the view run: for an anonymous visitor (no session or message cookie) a page this
process served before costs no query and hardly any work.
"""

import functools
import hashlib
import re
import time
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language

CSRF_PLACEHOLDER = b"__portal_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')


class ContentVersion:
    """A version of one kind of public content.

    `next_change` may name a moment at which the content changes by itself (a scheduled page going
    live): the first read after that moment moves the version on, without anyone acting.
    """

    registry: dict[str, "ContentVersion"] = {}

    def __init__(self, key: str, *, next_change: Callable[[], datetime | None] | None = None):
        self.key = key
        self.next_change = next_change
        ContentVersion.registry[key] = self

    def bump(self) -> int:
        """Invalidate now, and again when the surrounding transaction commits.

        The second bump stops a request that read the old content just before the commit from
        caching it under the new version.
        """
        version = self._store()
        transaction.on_commit(self._store)
        return version

    def current(self) -> int:
        return current_versions([self])[0]

    def _version_from(self, state) -> int:
        if state is None or (state[1] is not None and timezone.now().timestamp() >= state[1]):
            return self._store()
        return state[0]

    def _store(self) -> int:
        upcoming = self.next_change() if self.next_change else None
        version = time.time_ns()
        state = (version, upcoming.timestamp() if upcoming else None)
        cache.set(self.key, state, timeout=None)
        caches["pages"].set(self.key, state, timeout=settings.PAGE_CACHE_RECHECK_SECONDS)
        return version


def bump_every_content_version() -> None:
    """Make every cached public page stale, for writes in bulk that bypass the services (demo, bench data)."""
    autodiscover_modules("cache")  # each app declares its versions in its `cache` module
    for version in ContentVersion.registry.values():
        version.bump()


def current_versions(versions: list[ContentVersion]) -> list[int]:
    """The current number of each version: from this process's recent reads, else the shared cache."""
    keys = [version.key for version in versions]
    own_copies = caches["pages"]
    states = own_copies.get_many(keys)
    if missing := [key for key in keys if key not in states]:
        shared = cache.get_many(missing)  # one round trip
        own_copies.set_many(shared, timeout=settings.PAGE_CACHE_RECHECK_SECONDS)
        states.update(shared)
    return [version._version_from(states.get(version.key)) for version in versions]


def _stamp(versions: list[ContentVersion]) -> str:
    return "-".join(str(number) for number in current_versions(versions))


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
    """Serve anonymous GETs from the cache per address and language, keyed by the given content versions.

    Forms on cached pages keep their CSRF protection: the stored page holds a placeholder where
    the token goes, and every visitor gets a token of their own (tied to their own cookie).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            own_copies = caches["pages"]
            page_versions = _all_versions(versions)
            stamp = _stamp(page_versions)
            address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
            key = f"page:{view.__module__}.{view.__name__}:{stamp}:{get_language()}:{address}"
            cached = own_copies.get(key)
            if cached is None:
                cached = cache.get(key)  # rendered by another process or instance
                if cached is not None:
                    own_copies.set(key, cached)
            if cached is not None:
                content, headers = cached
                response = HttpResponse(_with_csrf_token(request, content), headers=headers)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming or response.cookies:
                    return response
                if hasattr(response, "render"):
                    response.render()
                content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
                # Only the view's own headers (type, download name, licence link); middleware adds the rest.
                headers = dict(response.headers)
                cache.set(key, (content, headers))
                own_copies.set(key, (content, headers))
            # For PublicPageMiddleware, which keeps the finished response for the next visit.
            request.public_page = ([version.key for version in page_versions], stamp, content)
            return response

        return wrapper

    return decorator


def _with_csrf_token(request, content: bytes) -> bytes:
    if CSRF_PLACEHOLDER in content:
        return content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    return content


class PublicPageMiddleware:
    """Answer anonymous repeat visits of cached public pages before the rest of the stack runs.

    It sits below the middleware that add the security headers (CSP, HSTS, Permissions-Policy) and
    compress, and above sessions, locale, CSRF and authentication. When `cached_public_page` served
    or stored a page, this keeps the response as the inner middleware finished it (Vary,
    Content-Language and X-Frame-Options included), keyed by its absolute URL, and answers the next
    visit with it while the content versions are unchanged. The language follows from the path, so
    the URL is the whole key. A form on the page gets the visitor's own CSRF token and cookie from
    the CSRF middleware's own request and response steps. Browsers that accept gzip get a copy
    compressed once, instead of once per visit.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.gzip = GZipMiddleware(get_response)
        self.browser = HttpRequest()  # a visitor whose browser accepts gzip, as nearly all do
        self.browser.META["HTTP_ACCEPT_ENCODING"] = "gzip"

    def __call__(self, request):
        key = self._key(request) if self._anonymous_get(request) else None
        if key is not None and (kept := caches["pages"].get(key)) is not None:
            version_keys, stamp, plain, compressed = kept
            if _stamp([ContentVersion.registry[version_key] for version_key in version_keys]) == stamp:
                if compressed and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
                    content, headers = compressed
                    return HttpResponse(content, headers=headers)
                return self._answer(request, *plain)
        response = self.get_response(request)
        page = getattr(request, "public_page", None)
        if key is not None and page is not None and self._keepable(response):
            version_keys, stamp, content = page
            headers = {name: value for name, value in response.headers.items() if name != "Content-Length"}
            caches["pages"].set(key, (version_keys, stamp, (content, headers), self._compressed(content, headers)))
        return response

    def _compressed(self, content: bytes, headers: dict) -> tuple[bytes, dict] | None:
        """The gzip answer, compressed once by GZipMiddleware as it answers a browser.

        Its random padding guards secrets in a page against BREACH. A page with a CSRF form gets no
        compressed copy, as its token differs per visitor; the other kept pages hold no secret.
        """
        if CSRF_PLACEHOLDER in content:
            return None
        response = self.gzip.process_response(self.browser, HttpResponse(content, headers=headers))
        if not response.has_header("Content-Encoding"):  # too short to gain from compression
            return None
        return response.content, dict(response.headers)

    def _answer(self, request, content: bytes, headers: dict) -> HttpResponse:
        response = HttpResponse(headers=headers)
        if CSRF_PLACEHOLDER in content:
            self.csrf.process_request(request)  # reads the visitor's CSRF cookie, if any
            response.content = _with_csrf_token(request, content)
            self.csrf.process_response(request, response)  # sets the cookie when it is new
        else:
            response.content = content
        response["Content-Length"] = len(response.content)
        return response

    @staticmethod
    def _anonymous_get(request) -> bool:
        cookies = request.COOKIES
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in cookies
            and CookieStorage.cookie_name not in cookies
            # Conditional requests go to the view, which answers them with 304.
            and "HTTP_IF_NONE_MATCH" not in request.META
            and "HTTP_IF_MODIFIED_SINCE" not in request.META
        )

    @staticmethod
    def _keepable(response) -> bool:
        # A new CSRF cookie is the visitor's own and is set again on every answer; any other cookie
        # (a session, a language) means the page was not a plain public one.
        return response.status_code == 200 and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}

    @staticmethod
    def _key(request) -> str:
        return "early:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
