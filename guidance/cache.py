"""The public guidance pages' content version: every change to guidance content bumps it.

It also remembers the next moment at which the pages change by themselves: a new page with `publish_at`
going live, or a scheduled change replacing a live page. Reading the version after that moment bumps it,
so the change appears on time without anyone acting and without a cron job.
"""

from core.page_cache import ContentVersion


def _next_scheduled_moment():
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


GUIDANCE_CONTENT = ContentVersion("guidance:content-version", next_change=_next_scheduled_moment)
