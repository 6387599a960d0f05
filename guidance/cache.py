"""The public guidance pages' content version: every change to guidance content bumps it.

It also remembers when the next scheduled page goes live; reading it after that moment bumps it,
so a page with `publish_at` appears on time without anyone acting and without a cron job.
"""

from core.page_cache import ContentVersion


def _next_scheduled_publication():
    from guidance.models import GuidancePage

    return GuidancePage.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()


GUIDANCE_CONTENT = ContentVersion("guidance:content-version", next_change=_next_scheduled_publication)
