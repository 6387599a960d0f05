"""VNG staff read every action plan here; only the organisations' members change plans, in the portal."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans import services
from actionplans.models import (
    Action,
    ActionPlan,
    Change,
    Goal,
    ProductGroup,
    ReportReminder,
    ReportTender,
    SignatoryReporting,
    YearReport,
)
from core.admin import TO_DO
from core.staff import has_staff_powers
from manifest.models import ManifestEdition, Signature


class ReadOnlyMixin:
    """Staff read; nobody adds, changes or deletes plans through the admin."""

    def has_view_permission(self, request, obj=None):
        return has_staff_powers(request.user)

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


def _report_year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year - 1


class ReportYearFilter(admin.SimpleListFilter):
    """Which year's reports the list is about; last year unless chosen."""

    title = _("report year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [(str(year), str(year)) for year in range(this_year, this_year - 6, -1)]

    def queryset(self, request, queryset):
        return queryset  # the year is applied in get_queryset, which annotates the report of that year


class ReportedFilter(admin.SimpleListFilter):
    title = _("reported")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_submitted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(report_submitted_at__isnull=True)
        return queryset


@admin.register(SignatoryReporting)
class SignatoryReportingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Signatories of the current edition with their report on the chosen year, or none yet."""

    list_display = ["name", "kind", "report_year", "reported", "report_submitted_at"]
    list_filter = [ReportYearFilter, ReportedFilter, "kind"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        year = _report_year(request)
        signed = Signature.objects.public().filter(edition=ManifestEdition.objects.current()).values("organisation")
        submitted = YearReport.objects.submitted().filter(plan__organisation=OuterRef("pk"), year=year)
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=signed)
            .annotate(
                report_year=Value(year),
                report_submitted_at=Subquery(submitted.order_by("submitted_at").values("submitted_at")[:1]),
            )
        )

    @admin.display(description=_("report year"))
    def report_year(self, organisation):
        return organisation.report_year

    @admin.display(description=_("reported"), boolean=True)
    def reported(self, organisation):
        return organisation.report_submitted_at is not None

    @admin.display(description=_("submitted at"), ordering="report_submitted_at")
    def report_submitted_at(self, organisation):
        return organisation.report_submitted_at


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    """VNG staff complete the starter list here: rename, add clusters and criteria pages, tick off checks."""

    list_display = ["name", "cluster", "to_check", "criteria_url", "order"]
    list_editable = ["to_check", "order"]
    list_filter = ["to_check", "cluster"]
    search_fields = ["name", "cluster"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        services.product_group_save(group=obj)

    def delete_model(self, request, obj):
        services.product_groups_delete(groups=[obj])

    def delete_queryset(self, request, queryset):
        services.product_groups_delete(groups=queryset)


@admin.register(ReportTender)
class ReportTenderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["report", "product_group", "theme", "ambition_level", "tender_count", "contract_value"]
    list_filter = ["ambition_level", "product_group__cluster", "theme"]
    search_fields = ["report__plan__organisation__name", "product_group__name", "tenderned_number"]
    list_select_related = ["report__plan", "product_group", "theme"]


TO_DO.add(_("product groups to check"), "actionplans.ProductGroup", to_check__exact=1)
