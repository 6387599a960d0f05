"""The cache of security state: allauth's rate limits, used TOTP codes and the contact form's limit.

Django's database cache makes room by deleting the alphabetically first third of its keys once the table
holds more than MAX_ENTRIES rows. Here anybody can add rows (every failed login with a new address
adds one), so making room that way would let a visitor erase someone else's failed-login count. In this
cache an entry leaves only when it expires: above MAX_ENTRIES rows the expired ones are swept, nothing else.
Growth stays bounded because every entry here expires within its rate-limit window.
"""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections


class SecurityStateCache(DatabaseCache):
    def _cull(self, db, cursor, now, num):
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        expires = connection.ops.quote_name("expires")
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608  # nosec B608 - quoted names from the settings
            [connection.ops.adapt_datetimefield_value(now)],
        )
