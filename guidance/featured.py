"""Blocks other apps add to the home page and the theme pages, so guidance imports none of them.

The action-plan app adds the showcases VNG editors feature. An app registers a template, a function that
returns the block's context for a theme (None on the home page) and the kinds of content the block shows,
which the two pages add to what they declare to the page cache.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.page_cache import ContentKind


@dataclass(frozen=True)
class FeaturedBlock:
    template: str
    context: Callable  # (theme or None) -> dict; an empty dict leaves the block out
    kinds: tuple[ContentKind, ...]


_BLOCKS: list[FeaturedBlock] = []


def add_featured_block(*, template: str, context: Callable, kinds: tuple[ContentKind, ...]) -> None:
    block = FeaturedBlock(template, context, tuple(kinds))
    if block not in _BLOCKS:
        _BLOCKS.append(block)


def featured_blocks(theme=None) -> list[tuple[str, dict]]:
    """(template, context) of every block with something to show, on a theme's page or (theme None) the home page."""
    return [(block.template, context) for block in _BLOCKS if (context := block.context(theme))]


def featured_kinds() -> list[ContentKind]:
    return [kind for block in _BLOCKS for kind in block.kinds]
