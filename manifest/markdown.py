"""Markdown for the manifest text, rendered and sanitised once when an edition is saved.

guidance owns the portal's markdown rendering (guidance/markdown.py); until it is merged the manifest
uses this small equivalent with the same allow-list idea: markdown to HTML, then nh3 keeps only safe tags.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: no scripts, styles, event handlers or unknown tags."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
