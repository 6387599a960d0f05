"""The register's kind of public content, for the page cache (core/page_cache.py).

REGISTER is the public bodies, the manifest's editions and their signatures.
The services in manifest/services.py mark each change.
"""

import datetime

from django.utils import timezone

from core.page_cache import ContentKind


def _next_signing_window_change() -> datetime.datetime | None:
    """Pages invite to sign while an edition's signing window is open: the next moment one opens or closes."""
    from manifest.models import ManifestEdition

    today = timezone.localdate()
    days = [
        day
        for opens, closes in ManifestEdition.objects.values_list("signing_opens", "signing_closes")
        for day in (opens, closes + datetime.timedelta(days=1))  # the window closes at the end of its last day
        if day > today
    ]
    return timezone.make_aware(datetime.datetime.combine(min(days), datetime.time())) if days else None


REGISTER = ContentKind("register", next_change=_next_signing_window_change)
