"""VNG staff read every action plan here; only the organisations' members change plans, in the portal."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery, Value
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from actionplans import ladder_services, review_services, services
from actionplans.checklist import plan_checklist
from actionplans.models import (
    Action,
    ActionPlan,
    Change,
    CommonIndicator,
    DeadlineExtension,
    ExtensionStatus,
    Goal,
    LeadHandover,
    OwnerTarget,
    PlanOwner,
    PlanReminder,
    PlanReview,
    ProductGroup,
    ReportedIndicatorValue,
    ReportReminder,
    ReportTender,
    ReviewFinding,
    ReviewStatus,
    Showcase,
    SignatoryReporting,
    YearReport,
)
from actionplans.review_forms import FeedbackForm
from core.admin import TO_DO, ReadOnlyAdmin
from core.staff import has_staff_powers
from manifest.admin import DecisionAdminMixin, WaitingFirstMixin
from manifest.models import ManifestEdition, Signature


class GoalInline(ReadOnlyAdmin, admin.TabularInline):
    model = Goal
    fields = [
        "theme",
        "title",
        "common_indicator",
        "indicator",
        "target_value",
        "targets_per_owner",
        "target_year",
        "order",
    ]
    extra = 0
    show_change_link = True


class PlanOwnerInline(ReadOnlyAdmin, admin.TabularInline):
    """The co-owners of a joint plan: asked, accepted, declined or left, with their own adoption and why they
    left. Only the services (the lead's and the co-owner's coordinators in the portal) change them."""

    model = PlanOwner
    fields = [
        "organisation",
        "status",
        "requested_by",
        "requested_at",
        "decided_at",
        "adopted_on",
        "adopted_by",
        "left_at",
        "leave_reason",
    ]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("co-owners of this plan")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "requested_by")


class LeadHandoverInline(ReadOnlyAdmin, admin.TabularInline):
    """Who led the plan before: each offer of the lead to a co-owner and its answer, made in the portal."""

    model = LeadHandover
    fields = ["from_organisation", "to_organisation", "status", "requested_by", "requested_at", "decided_at"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_organisation", "to_organisation", "requested_by")


class OwnerTargetInline(ReadOnlyAdmin, admin.TabularInline):
    """A goal's target per owner, in a joint plan where each owner sets its own."""

    model = OwnerTarget
    fields = ["organisation", "target_value"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class ActionInline(ReadOnlyAdmin, admin.TabularInline):
    model = Action
    fields = ["title", "owner", "start_date", "due_date", "status", "progress", "order"]
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "organisation", "start_year", "end_year", "track", "status", "updated_at"]
    list_filter = ["status", "track", "organisation__kind"]
    search_fields = ["title", "organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    inlines = [PlanOwnerInline, LeadHandoverInline, GoalInline]
    date_hierarchy = "created_at"


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "plan", "theme", "common_indicator", "target_year"]
    list_filter = ["theme", "common_indicator"]
    search_fields = ["title", "plan__title", "plan__organisation__name"]
    list_select_related = ["plan", "theme", "common_indicator"]
    inlines = [OwnerTargetInline, ActionInline]


@admin.register(PlanOwner)
class PlanOwnerAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Every co-ownership of a joint plan, open requests first."""

    list_display = ["organisation", "plan", "plan_lead", "status", "requested_at", "decided_at", "adopted_on"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "organisation__code", "plan__title", "plan__organisation__name"]
    list_select_related = ["organisation", "plan__organisation"]
    ordering = ["status", "-requested_at"]

    @admin.display(description=_("lead organisation"), ordering="plan__organisation__name")
    def plan_lead(self, owner):
        return owner.plan.organisation


@admin.register(Showcase)
class ShowcaseAdmin(admin.ModelAdmin):
    """Coordinators choose showcases in the portal; VNG editors only decide which ones are featured."""

    list_display = ["action", "organisation", "theme", "position", "plan_status", "is_featured"]
    list_editable = ["is_featured"]
    list_filter = ["is_featured", "action__goal__theme", "plan__organisation__kind", "plan__status"]
    search_fields = ["action__title", "result", "plan__title", "plan__organisation__name"]
    list_select_related = ["action__goal__theme", "plan__organisation"]
    fields = ["action", "plan", "position", "result", "figure_value", "figure_unit", "figures_text", "is_featured"]
    readonly_fields = ["action", "plan", "position", "result", "figure_value", "figure_unit", "figures_text"]
    actions = ["feature_selected", "stop_featuring_selected"]

    @admin.display(description=_("organisation"), ordering="plan__organisation__name")
    def organisation(self, showcase):
        return showcase.plan.organisation

    @admin.display(description=_("theme"), ordering="action__goal__theme__name")
    def theme(self, showcase):
        return showcase.action.goal.theme

    @admin.display(description=_("status of the plan"), ordering="plan__status")
    def plan_status(self, showcase):
        return showcase.plan.get_status_display()

    def has_view_permission(self, request, obj=None):
        return has_staff_powers(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return has_staff_powers(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.showcase_feature(showcase=obj, user=request.user, featured=obj.is_featured)

    def _feature(self, request, queryset, *, featured: bool):
        for showcase in queryset:
            services.showcase_feature(showcase=showcase, user=request.user, featured=featured)
        count = queryset.count()
        message = (
            ngettext("%(count)d showcase is featured.", "%(count)d showcases are featured.", count)
            if featured
            else ngettext(
                "%(count)d showcase is no longer featured.", "%(count)d showcases are no longer featured.", count
            )
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Feature on the home page and the theme pages"), permissions=["change"])
    def feature_selected(self, request, queryset):
        self._feature(request, queryset, featured=True)

    @admin.action(description=_("Stop featuring"), permissions=["change"])
    def stop_featuring_selected(self, request, queryset):
        self._feature(request, queryset, featured=False)


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["changed_at", "plan", "user", "object_kind", "object_label", "kind", "field"]
    list_filter = ["object_kind", "kind"]
    search_fields = ["plan__title", "object_label", "user__email"]
    list_select_related = ["plan", "user"]


@admin.register(YearReport)
class YearReportAdmin(ReadOnlyAdmin, admin.ModelAdmin):
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
class ReportReminderAdmin(ReadOnlyAdmin, admin.ModelAdmin):
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
class SignatoryReportingAdmin(ReadOnlyAdmin, admin.ModelAdmin):
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


# --- reviews by VNG ---------------------------------------------------------------------------------


class ReviewFindingInline(ReadOnlyAdmin, admin.TabularInline):
    model = ReviewFinding
    fields = ["item", "status", "comment", "reply_text"]
    readonly_fields = ["reply_text"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reply")

    @admin.display(description=_("reply"))
    def reply_text(self, finding):
        reply = getattr(finding, "reply", None)  # no reply raises an AttributeError
        return reply.text if reply is not None else "–"


@admin.register(PlanReview)
class PlanReviewAdmin(admin.ModelAdmin):
    """Reviews of adopted plans; feedback is given on a page of its own, through the same service as the portal.

    Staff with the view permission on reviews (superusers among them) see them, under "To do" too; nobody
    changes a review here but through that page.
    """

    list_display = ["plan", "organisation", "status", "submitted_at", "feedback_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["plan__title", "plan__organisation__name", "plan__organisation__code"]
    list_select_related = ["plan__organisation"]
    fields = ["plan", "status", "feedback", "adopted_on", "submitted_at", "submitted_by", "feedback_at", "feedback_by"]
    readonly_fields = ["feedback"]
    inlines = [ReviewFindingInline]

    @admin.display(description=_("organisation"), ordering="plan__organisation__name")
    def organisation(self, review):
        return review.plan.organisation

    @admin.display(description=_("feedback"))
    def feedback(self, review):
        if review.status != ReviewStatus.SUBMITTED:
            return review.get_status_display()
        url = reverse("admin:actionplans_planreview_feedback", args=[review.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Give feedback"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.feedback_view)
        return [path("<int:review_id>/feedback/", view, name="actionplans_planreview_feedback"), *super().get_urls()]

    def feedback_view(self, request, review_id):
        """The checklist as in the portal, pre-filled from the plan's data; saved by the review service."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        review = get_object_or_404(PlanReview.objects.select_related("plan__organisation"), pk=review_id)
        change_url = reverse("admin:actionplans_planreview_change", args=[review.pk])
        if review.status != ReviewStatus.SUBMITTED:
            self.message_user(request, gettext("Feedback on this review has already been given."), messages.ERROR)
            return redirect(change_url)
        form = FeedbackForm(request.POST or None, checklist=plan_checklist(review.plan))
        if request.method == "POST" and form.is_valid():
            try:
                review_services.review_give_feedback(
                    review=review, user=request.user, findings=form.findings(), request=request
                )
            except review_services.ReviewRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return redirect(change_url)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.log_change(request, review, gettext("Feedback given"))
                self.message_user(
                    request,
                    gettext("The feedback has been sent to the coordinators of the organisation."),
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Give feedback on “%(plan)s”") % {"plan": review.plan},
            "opts": self.model._meta,
            "form": form,
            "review": review,
            "change_url": change_url,
            "changelist_url": reverse("admin:actionplans_planreview_changelist"),
        }
        return TemplateResponse(request, "admin/actionplans/planreview/feedback.html", context)


TO_DO.add(_("plan reviews waiting for feedback"), "actionplans.PlanReview", status__exact=ReviewStatus.SUBMITTED)


# --- the ladder: extensions decided by VNG staff, reminders sent -------------------------------------


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(WaitingFirstMixin, DecisionAdminMixin, admin.ModelAdmin):
    """Requests for more time, waiting ones first; staff approve or refuse with the actions (services)."""

    change_form_template = "admin/manifest/decision_change_form.html"
    decision_errors = (ladder_services.ExtensionRefused,)

    class Media:
        css = {"all": ["css/manifest_admin.css"]}

    list_display = ["organisation", "subject", "year", "due_on", "new_date", "status", "requested_at"]
    list_filter = ["status", "subject", "edition"]
    search_fields = ["organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    fields = [
        "organisation",
        "edition",
        "subject",
        "year",
        "due_on",
        "new_date",
        "reason",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
        "refusal_reason",
    ]
    actions = ["approve_selected", "refuse_selected"]
    waiting_status = ExtensionStatus.REQUESTED

    def has_view_permission(self, request, obj=None):
        return has_staff_powers(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return has_staff_powers(request.user) and super().has_change_permission(request, obj)

    def decision_actions(self, obj):
        return ["approve_selected", "refuse_selected"] if obj.is_waiting else []

    @admin.action(description=_("Grant the extension"))
    def approve_selected(self, request, queryset):
        self._decide_each(request, queryset, lambda e: ladder_services.extension_approve(extension=e, by=request.user))

    @admin.action(description=_("Refuse (with a reason)"))
    def refuse_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="refuse_selected",
            title=_("Refuse requests for more time"),
            help_text=_("The coordinators receive this reason by e-mail."),
            decide=lambda e, reason: ladder_services.extension_refuse(extension=e, by=request.user, reason=reason),
        )


@admin.register(PlanReminder)
class PlanReminderAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["organisation", "edition", "kind", "due_on", "sent_at"]
    list_filter = ["kind", "edition"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "edition"]


TO_DO.add(_("requests for more time waiting"), "actionplans.DeadlineExtension", status__exact=ExtensionStatus.REQUESTED)


# --- common indicators ------------------------------------------------------------------------


@admin.register(CommonIndicator)
class CommonIndicatorAdmin(admin.ModelAdmin):
    """The national set of indicators per theme, kept by VNG staff; saved and deleted through the services."""

    list_display = ["name", "theme", "unit", "aggregation", "direction", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["theme", "unit", "aggregation", "is_active"]
    search_fields = ["name", "name_en", "code", "definition"]
    list_select_related = ["theme"]
    fieldsets = [
        (None, {"fields": ["theme", "code", "name", "definition", "measurement"]}),
        (_("How it is counted"), {"fields": ["unit", "direction", "aggregation", "order", "is_active"]}),
        (_("English translation"), {"classes": ["collapse"], "fields": ["name_en", "definition_en", "measurement_en"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []  # the open data's identifier stays as it was published

    def save_model(self, request, obj, form, change):
        services.common_indicator_save(indicator=obj)

    def delete_model(self, request, obj):
        services.common_indicators_delete(indicators=[obj])

    def delete_queryset(self, request, queryset):
        services.common_indicators_delete(indicators=queryset)


@admin.register(ReportedIndicatorValue)
class ReportedIndicatorValueAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The values of common indicators in submitted reports, as the indicator monitor adds them up."""

    list_display = ["indicator", "organisation", "year", "value", "report"]
    list_filter = ["year", "indicator", "organisation__kind"]
    search_fields = ["organisation__name", "indicator__name"]
    list_select_related = ["indicator", "organisation", "report__plan"]


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
class ReportTenderAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["report", "product_group", "theme", "ambition_level", "tender_count", "contract_value"]
    list_filter = ["ambition_level", "product_group__cluster", "theme"]
    search_fields = ["report__plan__organisation__name", "product_group__name", "tenderned_number"]
    list_select_related = ["report__plan", "product_group", "theme"]


TO_DO.add(_("product groups to check"), "actionplans.ProductGroup", to_check__exact=1)
