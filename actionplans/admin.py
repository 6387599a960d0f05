"""VNG staff read every action plan here; only the organisations' members change plans, in the portal."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionPlan, Change, Goal, ReportReminder, YearReport


class ReadOnlyMixin:
    """Staff read; nobody adds, changes or deletes plans through the admin."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GoalInline(ReadOnlyMixin, admin.TabularInline):
    model = Goal
    fields = ["theme", "title", "indicator", "target_value", "target_year", "order"]
    extra = 0
    show_change_link = True


class ActionInline(ReadOnlyMixin, admin.TabularInline):
    model = Action
    fields = ["title", "owner", "start_date", "due_date", "status", "progress", "order"]
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "organisation", "start_year", "end_year", "track", "status", "updated_at"]
    list_filter = ["status", "track", "organisation__kind"]
    search_fields = ["title", "organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    inlines = [GoalInline]
    date_hierarchy = "created_at"


@admin.register(Goal)
class GoalAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "plan", "theme", "target_year"]
    list_filter = ["theme"]
    search_fields = ["title", "plan__title", "plan__organisation__name"]
    list_select_related = ["plan", "theme"]
    inlines = [ActionInline]


@admin.register(Change)
class ChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["changed_at", "plan", "user", "object_kind", "object_label", "kind", "field"]
    list_filter = ["object_kind", "kind"]
    search_fields = ["plan__title", "object_label", "user__email"]
    list_select_related = ["plan", "user"]


@admin.register(YearReport)
class YearReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Who has reported on which year; the staff page /actieplannen/rapportages/<year>/ also shows who has not."""

    list_display = ["plan", "organisation", "year", "status", "submitted_at", "updated_at"]
    list_filter = ["year", "status", "plan__organisation__kind"]
    search_fields = ["plan__title", "plan__organisation__name", "plan__organisation__code"]
    list_select_related = ["plan__organisation"]
    exclude = ["data"]

    @admin.display(description=_("organisation"), ordering="plan__organisation__name")
    def organisation(self, report):
        return report.plan.organisation


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["organisation", "year", "days_before", "sent_at"]
    list_filter = ["year", "days_before"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
