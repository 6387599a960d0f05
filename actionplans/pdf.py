"""The plan as an accessible PDF: tagged PDF/UA-1 made by WeasyPrint (which needs Pango, see the README).

WeasyPrint resolves every URL in the document. Plan texts are written by members of many organisations,
so the fetcher reads nothing but the portal's own static files, from disk: no request ever leaves the
server, and no file outside the static folders is opened, whatever a text links to.
"""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
CONTENT_TYPES = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".woff2": "font/woff2"}


class ExternalResourceRefused(ValueError):
    pass


def base_url() -> str:
    """The address the document's relative links resolve against: the portal's own."""
    return settings.SITE_URL + "/"


def static_file(url: str) -> Path | None:
    """The file on disk behind a URL of the portal's static files, or None for any other URL."""
    static_prefix = urljoin(base_url(), settings.STATIC_URL)
    if not url.startswith(static_prefix):
        return None
    parts = urlsplit(url)
    name = unquote(parts.path[len(urlsplit(static_prefix).path) :])
    if not name or parts.query or "\\" in name or name != posixpath.normpath(name) or name.startswith(("/", "..")):
        return None
    try:  # collected files (hashed names in production) ...
        collected = Path(staticfiles_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation):
        collected = None
    if collected is not None and collected.is_file():
        return collected
    found = finders.find(name)  # ... or, before collectstatic (development, tests), the static folders
    return Path(found) if found else None


class StaticFilesOnlyFetcher(URLFetcher):
    """Answers URLs of the portal's static files from disk and refuses every other URL."""

    def fetch(self, url, headers=None):
        path = static_file(url)
        if path is None:
            raise ExternalResourceRefused(f"not a static file of the portal: {url[:200]}")
        content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": content_type})


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=base_url(), url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))
