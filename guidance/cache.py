"""The knowledge base's kinds of public content, for the page cache (core/page_cache.py).

GUIDANCE is the guidance pages, their sections and the tools and guides; THEMES the six MVOI themes,
whose names other apps show too. The services in guidance/services.py mark each change.
"""

from core.page_cache import ContentKind


def _next_scheduled_moment():
    """A new page with `publish_at`, or a scheduled change replacing a live page, goes live by itself."""
    from django.utils import timezone

    from guidance.models import GuidancePage, PageRevision

    new_page = GuidancePage.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()
    change = (
        PageRevision.objects.scheduled()
        .filter(goes_live_at__gt=timezone.now())
        .order_by("goes_live_at")
        .values_list("goes_live_at", flat=True)
        .first()
    )
    return min((moment for moment in (new_page, change) if moment), default=None)


GUIDANCE = ContentKind("guidance", next_change=_next_scheduled_moment)
THEMES = ContentKind("themes")
