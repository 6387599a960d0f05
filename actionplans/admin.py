from django.contrib import admin

from actionplans.models import Action, ActionPlan, Change, Goal


class GoalInline(admin.TabularInline):
    model = Goal
    fields = ["theme", "title", "indicator", "target_value", "target_year", "order"]
    extra = 0
    show_change_link = True


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["title", "owner", "start_date", "due_date", "status", "progress", "order"]
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    """VNG staff read every plan here; the organisations' members change them in the portal."""

    list_display = ["title", "organisation", "start_year", "end_year", "track", "status", "updated_at"]
    list_filter = ["status", "track", "organisation__kind"]
    search_fields = ["title", "organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    readonly_fields = ["uuid", "version", "created_at", "updated_at", "created_by", "copied_from"]
    raw_id_fields = ["organisation"]
    inlines = [GoalInline]
    date_hierarchy = "created_at"


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "theme", "target_year"]
    list_filter = ["theme"]
    search_fields = ["title", "plan__title", "plan__organisation__name"]
    list_select_related = ["plan", "theme"]
    raw_id_fields = ["plan"]
    readonly_fields = ["version"]
    inlines = [ActionInline]


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "plan", "user", "object_kind", "object_label", "kind", "field"]
    list_filter = ["object_kind", "kind"]
    search_fields = ["plan__title", "object_label", "user__email"]
    list_select_related = ["plan", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
