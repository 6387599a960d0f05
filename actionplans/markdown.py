"""Markdown for the plan's narrative sections, sanitised with nh3.

A minimal renderer until guidance/markdown.py (owned by the guidance app) is merged; then the plan
model should import `render_markdown` from there and this module can go.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


def render_markdown(text: str) -> str:
    """Markdown to safe HTML: no raw HTML, scripts, styles or javascript: links survive."""
    if not text or not text.strip():
        return ""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    # Headings inside a section sit below the section's own h2; shift # and ## down to h3.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
