"""The cache of public pages: what anonymous visitors see, rendered once and fresh after every change.

What a page shows. A cached view declares, in one place, the kinds of content it shows and the
query parameters it reads:

    @cached_public_page(GUIDANCE, THEMES, params=["q", "theme", "section", "page"])

A `ContentKind` (guidance, themes, register, plans) has a version. Every service that changes content
of a kind calls `kind.changed()`, and the admin saves through the services, so each change gives its
kind a new version. A page is stored under the versions of its kinds: a change makes every page that
shows it stale at once, and nothing has to know which pages those are. Output that changes with the
clock alone (a signing window opening, an action falling overdue, a scheduled page going live) works
the same way: its kind names the next moment its content changes by itself (`next_change`), and the
first read after that moment gives the kind a new version. Loaders that write in bulk past the
services (demo content, benchmark data) call `every_kind_changed()`.

A page's key also holds the release (the static files' manifest and the code), so no instance ever
serves HTML of an earlier release with its old static URLs, and the address: scheme, host, path (and
so the language) and the declared parameters. Other parameters are dropped before the view runs:
`/monitor/?x=1` is `/monitor/` and stores nothing new, and a declared parameter counts once
(`?page=2&page=2` is `?page=2`). A view that refuses a parameter's value (a
filter that does not validate, a page number that does not exist) still answers, but calls
`keep_no_copy(request)`.

Who gets them. Only GETs without a session or message cookie: an anonymous visitor with no message
waiting. Everyone else goes the whole way and gets a fresh page. `PublicPageMiddleware` sits below the
middleware that adds the security headers and compresses, and above sessions, locale, CSRF,
authentication and the view, which a cached answer skips: `make bench` measured that going the whole
way costs cached pages about half their throughput and puts them below their target of 0.35 of raw
WSGI (bench/results.md). A form on a cached page gets the visitor's own CSRF token (the stored page
holds a placeholder); a page without one is also kept gzipped, compressed once.

Where they live. In the table of `caches["pages"]`, shared by every instance and kept under
PAGE_CACHE_SHARED_MB (`PageTable`), and in each process's memory under PAGE_CACHE_PROCESS_MB, least
recently used out first. The versions live in that table too; a process trusts the versions it read
for PAGE_CACHE_RECHECK_SECONDS, so a change shows at once in the process that made it and within that
time in every other. The `default` cache holds only security state (allauth's rate limits and used
TOTP codes, the contact form's limit), which page traffic therefore can never push out.
"""

import contextlib
import functools
import hashlib
import re
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.paginator import Page, Paginator
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules

CSRF_PLACEHOLDER = b"__portal_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".mo"}


def shared_pages():
    return caches["pages"]


# --- What a page shows ----------------------------------------------------------------------------


class ContentKind:
    """One kind of public content, with a version that every change to it moves on.

    `next_change` returns the next moment the kind's content changes by itself, or None. It is asked
    once per version, by the first process to read that version, so a write costs no more than
    storing a new version number.
    """

    registry: dict[str, "ContentKind"] = {}

    def __init__(self, name: str, *, next_change: Callable[[], datetime | None] | None = None):
        self.name = name
        self.key = f"content-version:{name}"
        self.next_change = next_change
        ContentKind.registry[name] = self

    def __repr__(self):
        return f"ContentKind({self.name!r})"

    def changed(self) -> None:
        """A new version now, and again when the surrounding transaction commits.

        The first shows the change at once to this process (the transaction's own reads); the second
        stops a request elsewhere that read the old content just before the commit from storing it
        under the version of the new.
        """
        self._store()
        transaction.on_commit(self._store)

    def version(self) -> int:
        return versions([self])[0]

    def _current(self, version: int | None) -> int:
        """`version`, or a new one when there is none yet or the content has changed by itself since."""
        if version is None:
            version = self._store()
        if self.next_change is None:
            return version
        known = _next_changes.get(self.name)
        if known is None or known[0] != version:
            known = self._ask_next_change(version)
        if known[1] is not None and timezone.now().timestamp() >= known[1]:
            version = self._store()
            self._ask_next_change(version)
        return version

    def _ask_next_change(self, version: int) -> tuple[int, float | None]:
        """The next moment of this version, as another process found it or asked now; kept per version,
        so an answer about old content never replaces a newer version."""
        key = f"{self.key}:{version}:next-change"
        if (stored := shared_pages().get(key)) is None:
            upcoming = self.next_change()
            stored = (upcoming.timestamp() if upcoming else None,)
            shared_pages().set(key, stored)
        known = _next_changes[self.name] = (version, stored[0])
        return known

    def _store(self) -> int:
        version = time.time_ns()
        shared_pages().set(self.key, version, timeout=None)
        _versions_read[self.name] = (version, time.monotonic())
        return version


# What this process knows, by kind name: the version it last read and when; the next moment that
# version's content changes by itself.
_versions_read: dict[str, tuple[int, float]] = {}
_next_changes: dict[str, tuple[int, float | None]] = {}


def versions(kinds: Iterable[ContentKind]) -> list[int]:
    """The current version of each kind: as this process read it recently, else from the shared table."""
    kinds = list(kinds)
    now = time.monotonic()
    found = {}
    for kind in kinds:
        read = _versions_read.get(kind.name)
        if read is not None and now - read[1] < settings.PAGE_CACHE_RECHECK_SECONDS:
            found[kind.name] = read[0]
    if missing := [kind for kind in kinds if kind.name not in found]:
        shared = shared_pages().get_many([kind.key for kind in missing])  # one round trip
        for kind in missing:
            if (version := shared.get(kind.key)) is not None:
                found[kind.name] = version
                _versions_read[kind.name] = (version, now)
    return [kind._current(found.get(kind.name)) for kind in kinds]


def every_kind_changed() -> None:
    """Make every cached page stale: for writes in bulk past the services (demo content, benchmark data)."""
    autodiscover_modules("cache")  # each app declares its kinds in its `cache` module
    for kind in ContentKind.registry.values():
        kind.changed()


@dataclass(frozen=True)
class PageDeclaration:
    """What a cached view declared: the kinds it shows and the query parameters it reads."""

    kinds: tuple[ContentKind | Callable[[], list[ContentKind]], ...]
    params: tuple[str, ...]

    def all_kinds(self) -> list[ContentKind]:
        """The kinds, with a callable among them (kinds other apps add later) called; each kind once, as two
        callables may name the same kind and a kind read twice before it has a version would get two."""
        found = []
        for kind in self.kinds:
            found.extend([kind] if isinstance(kind, ContentKind) else kind())
        return list(dict.fromkeys(found))


def cached_public_page(*kinds: ContentKind | Callable[[], list[ContentKind]], params: Iterable[str] = ()):
    """Declare a view's page cacheable for anonymous visitors, with the kinds it shows and the parameters it reads."""

    def decorator(view):
        view.public_page = PageDeclaration(kinds=kinds, params=tuple(params))
        return view

    return decorator


def keep_no_copy(request) -> None:
    """Answer this request, but store nothing: its parameters hold a value the view refused."""
    request.keep_no_copy = True


def paginate(request, items, per_page: int) -> Page:
    """The page of `items` that `?page=` asks for; a number that is no page gets the nearest, and no copy."""
    asked = request.GET.get("page")
    page = Paginator(items, per_page).get_page(asked)
    if asked is not None and asked != str(page.number):
        keep_no_copy(request)
    return page


@functools.cache
def release() -> str:
    """The deployed release: its static files' manifest (hashed URLs), code, templates, translations and dependencies."""
    base = Path(settings.BASE_DIR)
    folders = [Path(folder) for folder in (*settings.TEMPLATES[0]["DIRS"], *settings.LOCALE_PATHS)]
    folders += [Path(app.path) for app in apps.get_app_configs() if Path(app.path).parent == base]  # the portal's own
    sources = sorted(path for folder in set(folders) for path in folder.rglob("*") if path.suffix in SOURCE_SUFFIXES)
    digest = hashlib.sha256()
    for path in [Path(settings.STATIC_ROOT) / "staticfiles.json", base / "requirements.lock", *sources]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# --- Where pages live ---------------------------------------------------------------------------------


class PageTable(DatabaseCache):
    """The shared pages: Django's database cache in a table of its own, kept under OPTIONS["MAX_BYTES"].

    After a page is stored, the pages stored longest ago go until the table is within three quarters
    of its budget. Pages expire at the same age, so their expiry orders them; versions never expire
    and are never culled.
    """

    def __init__(self, table, params):
        super().__init__(table, params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 256 * 2**20))
        self._max_entries = sys.maxsize  # the budget in bytes alone decides what goes

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        if timeout is not None:  # the content versions, stored for good, are a handful of numbers
            self._keep_within_budget()

    def size(self) -> int:
        return self._execute("SELECT coalesce(sum(octet_length(value)), 0) FROM {table}")[0]

    def _keep_within_budget(self) -> None:
        if self.size() <= self.max_bytes:
            return
        with contextlib.suppress(DatabaseError):  # another process culling at the same moment does the work
            self._execute(
                "DELETE FROM {table} WHERE cache_key IN (SELECT cache_key FROM (SELECT cache_key, "
                "sum(octet_length(value)) OVER (ORDER BY expires DESC, cache_key) AS newer FROM {table}) AS pages "
                "WHERE newer > %s)",
                [self.max_bytes * 3 // 4],
            )

    def _execute(self, sql: str, params=()):
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        # A savepoint of its own: a failed cull never spoils the transaction of the request or service.
        with transaction.atomic(using=database), connection.cursor() as cursor:
            # The table name comes from the settings, quoted; values are parameters.
            cursor.execute(sql.format(table=connection.ops.quote_name(self._table)), params)
            return cursor.fetchone() if cursor.description else None


class ProcessPages:
    """The pages this process answered with last, kept under PAGE_CACHE_PROCESS_BYTES, least recently used out first."""

    def __init__(self):
        self._pages: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.size = 0

    def get(self, key: str):
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            self._pages.move_to_end(key)
            return entry[0]

    def put(self, key: str, page, size: int) -> None:
        budget = settings.PAGE_CACHE_PROCESS_BYTES
        if size > budget:
            return
        with self._lock:
            if key in self._pages:
                self.size -= self._pages.pop(key)[1]
            self._pages[key] = (page, size)
            self.size += size
            while self.size > budget:
                _key, (_page, dropped) = self._pages.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0


process_pages = ProcessPages()


def forget_process_memory() -> None:
    """Forget the pages and versions this process keeps."""
    process_pages.clear()
    _versions_read.clear()
    _next_changes.clear()


# --- Answering ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredPage:
    content: bytes  # with CSRF_PLACEHOLDER where a form's token goes
    headers: dict[str, str]
    gzipped: tuple[bytes, dict[str, str]] | None  # compressed once; None for a page with a form

    @property
    def size(self) -> int:
        return len(self.content) + (len(self.gzipped[0]) if self.gzipped else 0) + 1024  # headers and bookkeeping


class PublicPageMiddleware:
    """Answer anonymous GETs of cached views from the cache, and store what the views answer them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.gzip = GZipMiddleware(get_response)
        self.browser = HttpRequest()  # a visitor whose browser accepts gzip, as nearly all do
        self.browser.META["HTTP_ACCEPT_ENCODING"] = "gzip"

    def __call__(self, request):
        declared = _declaration(request)
        if declared is None:
            return self.get_response(request)
        _keep_declared_parameters(request, declared.params)
        key = _key(request, declared)
        page = self._load(key)
        if page is not None:
            return self._answer(request, page)
        response = self.get_response(request)
        if _keepable(request, response):
            self._keep(key, response)
        return response

    def _load(self, key: str) -> StoredPage | None:
        page = process_pages.get(key)
        if page is None and (shared := shared_pages().get(key)) is not None:  # another process rendered it
            page = self._stored_page(*shared)
            process_pages.put(key, page, page.size)
        return page

    def _keep(self, key: str, response) -> None:
        content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        headers = {name: value for name, value in response.headers.items() if name != "Content-Length"}
        shared_pages().set(key, (content, headers))
        page = self._stored_page(content, headers)
        process_pages.put(key, page, page.size)

    def _stored_page(self, content: bytes, headers: dict) -> StoredPage:
        return StoredPage(content, headers, self._gzipped(content, headers))

    def _gzipped(self, content: bytes, headers: dict) -> tuple[bytes, dict] | None:
        """The gzip answer, compressed once by GZipMiddleware as it answers a browser.

        Its random padding guards secrets in a page against BREACH. A page with a form gets no
        compressed copy, as its CSRF token differs per visitor; the other pages hold no secret.
        """
        if CSRF_PLACEHOLDER in content:
            return None
        response = self.gzip.process_response(self.browser, HttpResponse(content, headers=headers))
        if not response.has_header("Content-Encoding"):  # too short to gain from compression
            return None
        return response.content, dict(response.headers)

    def _answer(self, request, page: StoredPage) -> HttpResponse:
        if page.gzipped and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return HttpResponse(page.gzipped[0], headers=page.gzipped[1])
        response = HttpResponse(headers=page.headers)
        if CSRF_PLACEHOLDER in page.content:
            self.csrf.process_request(request)  # reads the visitor's CSRF cookie, if any
            response.content = page.content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            self.csrf.process_response(request, response)  # sets the cookie when it is new
        else:
            response.content = page.content
        response["Content-Length"] = len(response.content)
        return response


def _declaration(request) -> PageDeclaration | None:
    """What the view of this request declared, if it is cacheable and the request may use the cache."""
    cookies = request.COOKIES
    if (
        request.method != "GET"
        or settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        # Conditional requests go to the view, which answers them with 304.
        or "HTTP_IF_NONE_MATCH" in request.META
        or "HTTP_IF_MODIFIED_SINCE" in request.META
    ):
        return None
    return _declared_at(request.path_info)


@functools.lru_cache(maxsize=4096)
def _declared_at(path: str) -> PageDeclaration | None:
    # The URL patterns hold the language prefix: resolve in the language the path names.
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return getattr(match.func, "public_page", None)


def _keep_declared_parameters(request, params: tuple[str, ...]) -> None:
    """Only the declared parameters, each once with the value a view reads (`GET.get` reads the last), in the
    declared order: `?page=2&page=2` and `?b=1&a=2` are the same page as `?page=2` and `?a=2&b=1`."""
    query = QueryDict(mutable=True)
    for name in params:
        if values := request.GET.getlist(name):
            query[name] = values[-1]
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def _key(request, declared: PageDeclaration) -> str:
    stamp = "-".join(str(version) for version in versions(declared.all_kinds()))
    return "page:" + hashlib.sha256(f"{release()}|{request.build_absolute_uri()}|{stamp}".encode()).hexdigest()


def _keepable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not getattr(request, "keep_no_copy", False)
        and "private" not in cache_control
        and "no-store" not in cache_control
        # A new CSRF cookie is the visitor's own and is set again on every answer; any other cookie
        # (a session, a message, a language) means the page was not a plain public one.
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
    )
