"""The home page and the theme pages (in guidance) show the showcases VNG editors feature."""

from actionplans.cache import PLANS
from guidance.featured import add_featured_block
from manifest.cache import REGISTER

FEATURED_ON_A_PAGE = 6


def featured_showcases_context(theme) -> dict:
    from actionplans.models import Showcase

    showcases = Showcase.objects.featured().for_listing()
    if theme is not None:
        showcases = showcases.filter(action__goal__theme=theme)
    showcases = list(showcases[:FEATURED_ON_A_PAGE])
    return {"showcases": showcases, "theme": theme} if showcases else {}


def add_showcases_to_featured_blocks() -> None:
    add_featured_block(
        template="actionplans/includes/featured_showcases.html",
        context=featured_showcases_context,
        kinds=(PLANS, REGISTER),
    )
