"""Security state leaves its cache only by expiring, however many entries visitors add."""

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_security_cache(settings):
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 10}}}
    cache = caches.create_connection("default")
    cache.clear()
    yield cache
    cache.clear()


def test_a_full_security_cache_keeps_every_live_entry_however_many_are_added(small_security_cache):
    small_security_cache.set("aaa-failed-logins-of-the-victim", 6, timeout=300)
    for number in range(200):
        small_security_cache.set(f"attacker-{number:03d}", 1, timeout=300)
    # Django's own database cache would have deleted the alphabetically first keys long ago.
    assert small_security_cache.get("aaa-failed-logins-of-the-victim") == 6
    assert small_security_cache.get("attacker-000") == 1


def test_expired_security_entries_are_swept_once_the_table_is_full(small_security_cache):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for number in range(12):
            small_security_cache.set(f"old-{number:02d}", 1, timeout=60)
        small_security_cache.set("still-counting", 3, timeout=3600)
    with time_machine.travel(start + timezone.timedelta(minutes=5), tick=False):
        small_security_cache.set("new", 1, timeout=60)  # the table is over its size: expired rows go
        assert small_security_cache.get("still-counting") == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM portal_cache ORDER BY cache_key")
        keys = [row[0].rsplit(":", 1)[-1] for row in cursor.fetchall()]
    assert keys == ["new", "still-counting"]
