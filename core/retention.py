"""Retention of personal data: the moment before which something has been kept long enough."""

import calendar
from datetime import datetime

from django.utils import timezone


def months_ago(months: int, *, now: datetime | None = None) -> datetime:
    """The same moment `months` calendar months earlier (31 March less one month is 28 or 29 February)."""
    now = now or timezone.now()
    year, month_index = divmod(now.year * 12 + now.month - 1 - months, 12)
    day = min(now.day, calendar.monthrange(year, month_index + 1)[1])
    return now.replace(year=year, month=month_index + 1, day=day)
