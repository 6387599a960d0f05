from datetime import UTC

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.models import AuditLogEntry


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone: the log is evidence, not content."""

    list_display = ["time_utc", "event", "actor_email", "subject", "ip_address"]
    list_filter = ["event", "created_at"]
    search_fields = ["actor_email", "subject", "detail"]
    date_hierarchy = "created_at"

    @admin.display(description=_("time (UTC)"), ordering="created_at")
    def time_utc(self, entry):
        return entry.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
