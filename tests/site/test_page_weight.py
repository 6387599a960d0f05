"""Every public page stays light: under 100 KB transferred with gzip, less than 20 KB of JavaScript."""

import gzip
import re
from html.parser import HTMLParser
from posixpath import dirname, join, normpath

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from bench.public_pages import WEIGHED_PAGES

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 100 * 1024
SCRIPT_BUDGET = 20 * 1024
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class Resources(HTMLParser):
    """Collect what a browser fetches for a page: stylesheets, scripts, images, icons, preloads."""

    def __init__(self):
        super().__init__()
        self.styles, self.scripts, self.others = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel:
            self.styles.append(attributes["href"])
        elif tag == "link" and ({"icon", "preload", "manifest"} & set(rel)):
            self.others.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag in {"img", "source", "video", "audio"} and attributes.get("src"):
            self.others.append(attributes["src"])


def compressed_size(content: bytes) -> int:
    """What goes over the wire: gzip at level 9 (as whitenoise stores it), never more than the raw bytes."""
    return min(len(content), len(gzip.compress(content, 9)))


def static_file(url: str) -> bytes:
    assert url.startswith(settings.STATIC_URL), f"{url} is not a static file of this site"
    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0].split("#")[0])
    assert found, f"{url} is referenced but does not exist"
    with open(found, "rb") as file:
        return file.read()


def css_references(url: str, css: bytes) -> list[str]:
    references = []
    for match in CSS_URL.finditer(css.decode("utf-8", "replace")):
        target = match.group(1) or match.group(2)
        if target.startswith(("data:", "#")):
            continue  # inlined: already counted in the stylesheet
        references.append(target if target.startswith("/") else normpath(join(dirname(url), target)))
    return references


def page_weight(client, path: str) -> tuple[dict[str, int], int]:
    """Compressed bytes per resource of a page, and the compressed bytes of its JavaScript."""
    response = client.get(path)
    assert response.status_code == 200, path
    sizes = {path: compressed_size(response.content)}
    parser = Resources()
    parser.feed(response.content.decode())
    pending = list(parser.styles)
    while pending:  # stylesheets and what they pull in (fonts, images, imports)
        url = pending.pop()
        if url not in sizes:
            content = static_file(url)
            sizes[url] = compressed_size(content)
            if url.endswith(".css"):
                pending.extend(css_references(url, content))
    script_bytes = 0
    for url in parser.scripts:
        sizes[url] = compressed_size(static_file(url))
        script_bytes += sizes[url]
    for url in parser.others:
        sizes.setdefault(url, compressed_size(static_file(url)))
    return sizes, script_bytes


def test_the_weighing_counts_stylesheets_and_what_they_pull_in(client):
    sizes, _scripts = page_weight(client, "/")
    assert {"/static/vendor/utrecht/index.css", "/static/css/portal.css", "/static/img/favicon.svg"} <= set(sizes)
    # The NL Design System stylesheet is 400 KB raw; compressed it is a fraction of that.
    assert 10_000 < sizes["/static/vendor/utrecht/index.css"] < 60_000


@pytest.mark.parametrize("public_page", WEIGHED_PAGES, ids=[public_page.name for public_page in WEIGHED_PAGES])
def test_every_public_page_weighs_under_100_kb_compressed(client, sample_content, public_page):
    sizes, script_bytes = page_weight(client, public_page.path)
    total = sum(sizes.values())
    assert total < PAGE_BUDGET, f"{public_page.path} weighs {total} bytes compressed: {sizes}"
    assert script_bytes < SCRIPT_BUDGET, f"{public_page.path} loads {script_bytes} bytes of JavaScript"
