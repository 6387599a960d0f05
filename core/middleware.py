from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def permissions_policy(get_response):
    """Add a Permissions-Policy header that switches off browser features the portal never uses."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def request_size_limit(get_response):
    """Answer 413 to a request that says its body is larger than MAX_REQUEST_BODY_BYTES, before reading any of it.

    It sits above everything that may read the body (CSRF, sessions, views). Bodies within the limit
    are still bounded per part: DATA_UPLOAD_MAX_MEMORY_SIZE for fields, UPLOAD_MAX_BYTES for a file.
    """

    def middleware(request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads no body at all then
        if declared > settings.MAX_REQUEST_BODY_BYTES:
            return _request_too_large(request)
        return get_response(request)

    return middleware


def _request_too_large(request) -> HttpResponse:
    # Locale middleware has not run yet: the language follows from the address (/en/...), else Dutch.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        page = render_to_string("413.html", {"upload_limit": settings.UPLOAD_MAX_BYTES})
    response = HttpResponse(page, status=413)
    response["Cache-Control"] = "no-store"
    return response


# Addresses whose pages are private whoever asks: account flows (their links carry personal keys),
# the admin, "Mijn omgeving", action plans other than the published ones, and signing.
PRIVATE_PATHS = (
    "/account/",
    "/admin/",
    "/mijn-omgeving/",
    "/actieplannen/",
    "/manifest/ondertekenen/",
    "/manifest/ondertekeningen/",
)
PUBLIC_PATHS_WITHIN = ("/actieplannen/openbaar/",)


def _without_language_prefix(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def _is_private_path(path: str) -> bool:
    path = _without_language_prefix(path)
    return path.startswith(PRIVATE_PATHS) and not path.startswith(PUBLIC_PATHS_WITHIN)


def private_cache_control(get_response):
    """No browser or proxy stores a page with private data: `Cache-Control: private, no-store`.

    The rule needs no view to remember it: every response to a logged-in person (their name is on
    every page, their organisation's data on many) and every response under a private address. Only
    anonymous visitors' public pages keep their own caching headers, so the page cache still works.
    """

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated or _is_private_path(request.path_info):
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware
