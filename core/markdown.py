"""Markdown for editors: python-markdown with a fixed set of extensions, then sanitised by nh3.

The result is stored next to the markdown when a model is saved; pages never render markdown per request.
Other apps import `render_markdown` for their own markdown fields.
"""

import html
import re
import xml.etree.ElementTree as ET

import markdown
import nh3
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADING_ID_PREFIX = "h-"

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "a", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd",
    "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope"},
    "ol": {"start"},
}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists", "smarty"]


def _heading_slug(value: str, separator: str) -> str:
    return HEADING_ID_PREFIX + (slugify(value) or "kop")


class _NoH1(Treeprocessor):
    """The page title is the only h1: a '# heading' in a body becomes an h2."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter("h1"):
            element.tag = "h2"


class _PortalExtension(Extension):
    def extendMarkdown(self, md):
        # Before the toc extension (priority 5) so the table of contents sees the final levels.
        md.treeprocessors.register(_NoH1(md), "mvoi_no_h1", 30)


def _keep_safe_ids(tag: str, attribute: str, value: str) -> str | None:
    """Headings keep the ids the toc extension gave them; nothing else may set an id."""
    if attribute == "id":
        return value if tag in HEADINGS and re.fullmatch(r"h-[a-z0-9-]+(_\d+)?", value) else None
    return value


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*EXTENSIONS, _PortalExtension(), "toc"],
        extension_configs={"toc": {"slugify": _heading_slug, "toc_depth": "2-3"}},
        output_format="html",
    )


def sanitise(html: str) -> str:
    """Strip everything outside the allowlist; every link gets rel="noopener noreferrer"."""
    attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    for heading in HEADINGS:
        attributes[heading] = {"id"}
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "noscript", "template"},
        attributes=attributes,
        attribute_filter=_keep_safe_ids,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown_with_toc(text: str) -> tuple[str, list[dict]]:
    """Safe HTML for `text`, and its table of contents: [{"id", "name", "level"}] for h2 and h3."""
    converter = _converter()
    html = sanitise(converter.convert(text or ""))
    toc = []

    def walk(tokens):
        for token in tokens:
            toc.append({"id": token["id"], "name": nh3.clean(token["name"], tags=set()), "level": token["level"]})
            walk(token["children"])

    walk(converter.toc_tokens)
    return html, toc


def render_markdown(text: str) -> str:
    """Safe HTML for the markdown `text` (tables, lists, links, headings with ids)."""
    return render_markdown_with_toc(text)[0]


def html_to_text(value: str) -> str:
    """Plain text of stored HTML, for search indexing and snippets."""
    spaced = re.sub(r"<(/?)(p|li|h[2-6]|td|th|br)\b", r" <\1\2", value or "")
    return re.sub(r"\s+", " ", html.unescape(nh3.clean(spaced, tags=set()))).strip()
