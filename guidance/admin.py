"""The knowledge base CMS for VNG staff: pages with revisions and conflict detection, themes, tools, inbox."""

import difflib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.admin import TO_DO, LabelledListEditableAdmin, MarkdownEditorAdmin
from guidance import services
from guidance.forms import GuidancePageAdminForm
from guidance.models import (
    ContactMessage,
    ContactStatus,
    FactCheck,
    GuidancePage,
    PageDueForReview,
    PageFeedback,
    PageRevision,
    PageStatus,
    Resource,
    RevisionState,
    Section,
    Theme,
)


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Review due")), ("scheduled", _("Scheduled to go live or to change"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.review_due()
        if self.value() == "scheduled":
            return queryset.filter(
                Q(pk__in=GuidancePage.objects.scheduled().values("pk"))
                | Q(pk__in=PageRevision.objects.scheduled().values("page_id"))
            )
        return queryset


class FactCheckInline(admin.TabularInline):
    model = FactCheck
    fields = ["description", "is_resolved", "note"]
    extra = 0


@admin.register(GuidancePage)
class GuidancePageAdmin(LabelledListEditableAdmin, MarkdownEditorAdmin, admin.ModelAdmin):
    form = GuidancePageAdminForm
    markdown_fields = ("body", "body_en")

    class Media:
        js = ["js/admin_autocomplete_labels.js"]

    change_form_template = "admin/guidance/guidancepage/change_form.html"
    list_display = [
        "title",
        "section",
        "order",
        "status_badge",
        "publish_at",
        "review_by",
        "updated_at",
        "last_editor",
        "feedback_score",
    ]
    list_display_links = ["title"]
    list_editable = ["order"]
    list_filter = ["status", "section", "themes", "audience", ReviewDueFilter]
    list_select_related = ["section", "last_editor"]
    search_fields = ["title", "summary", "body", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_pages"]
    readonly_fields = ["version", "last_editor", "updated_at", "created_at"]
    actions = ["publish_pages", "unpublish_pages"]
    inlines = [FactCheckInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "base_version", "scheduled_revision"]}),
        (_("Place and audience"), {"fields": ["section", "order", "themes", "audience", "related_pages"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "review_by"]}),
        (_("English translation"), {"classes": ["collapse"], "fields": ["title_en", "summary_en", "body_en"]}),
        (_("History"), {"fields": ["version", "last_editor", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        services.scheduled_changes_publish_due()  # editors see what the public sees
        scheduled_change = PageRevision.objects.scheduled().filter(page=OuterRef("pk")).values("goes_live_at")[:1]
        return (
            super()
            .get_queryset(request)
            .annotate(
                useful_count=Count("feedback", filter=Q(feedback__is_useful=True), distinct=True),
                not_useful_count=Count("feedback", filter=Q(feedback__is_useful=False), distinct=True),
                scheduled_change_at=Subquery(scheduled_change),
            )
        )

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.status == PageStatus.PUBLISHED and not obj.is_public:
            return _("Goes live on %(moment)s") % {"moment": _moment(obj.publish_at)}
        if obj.scheduled_change_at:
            return _("%(status)s; changes on %(moment)s") % {
                "status": obj.get_status_display(),
                "moment": _moment(obj.scheduled_change_at),
            }
        return obj.get_status_display()

    @admin.display(description=_("useful? yes / no"))
    def feedback_score(self, obj):
        url = reverse("admin:guidance_pagefeedback_changelist") + f"?page__id__exact={obj.pk}"
        return format_html('<a href="{}">{} / {}</a>', url, obj.useful_count, obj.not_useful_count)

    @admin.action(description=_("Publish the selected pages"), permissions=["change"])
    def publish_pages(self, request, queryset):
        count = services.guidance_pages_publish(pages=list(queryset), editor=request.user)
        self.message_user(request, ngettext("%d page published.", "%d pages published.", count) % count)

    @admin.action(description=_("Unpublish the selected pages"), permissions=["change"])
    def unpublish_pages(self, request, queryset):
        count = services.guidance_pages_unpublish(pages=list(queryset), editor=request.user)
        self.message_user(request, ngettext("%d page unpublished.", "%d pages unpublished.", count) % count)

    # --- Saving through the service: revisions, scheduled changes and conflict detection ----------

    def save_model(self, request, obj, form, change):
        form.saved_through_service = True
        arguments = {
            "page": obj,
            "editor": request.user,
            "expected_version": form.cleaned_data.get("base_version") if change else None,
            "themes": form.cleaned_data.get("themes"),
            "related_pages": form.cleaned_data.get("related_pages"),
        }
        if change and services.changes_go_live_later(page=obj):
            request.scheduled_revision = services.guidance_page_schedule_change(**arguments)
            return
        services.guidance_page_save(**arguments)
        edited = form.cleaned_data.get("scheduled_revision")
        if edited:  # the editor published their edit of the scheduled version now: it no longer waits
            services.page_revision_cancel_schedule(revision=edited, editor=request.user)

    def save_related(self, request, form, formsets, change):
        # The page's many-to-many fields were saved (or scheduled) by the service; only the inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def response_change(self, request, obj):
        revision = getattr(request, "scheduled_revision", None)
        if revision is None:
            response = super().response_change(request, obj)
            if pending := obj.revisions.scheduled().first():
                self.message_user(
                    request,
                    _(
                        "This page still has a change scheduled for %(moment)s: at that moment it replaces the "
                        "version you just saved."
                    )
                    % {"moment": _moment(pending.goes_live_at)},
                    messages.WARNING,
                )
            return response
        self.message_user(
            request,
            _(
                "Your changes to “%(page)s” are scheduled: they go live on %(moment)s. Until then the public "
                "sees the current version, unchanged."
            )
            % {"page": revision.title, "moment": _moment(revision.goes_live_at)},
            messages.SUCCESS,
        )
        if "_continue" in request.POST:
            return redirect(reverse("admin:guidance_guidancepage_change", args=[obj.pk]))
        return redirect(reverse("admin:guidance_guidancepage_changelist"))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and request.method == "GET" and "scheduled" in request.GET:
            revision = obj.revisions.scheduled().first()
            if revision is not None:
                return type(form_class.__name__, (form_class,), {"start_from_revision": revision})
        return form_class

    def change_view(self, request, object_id, form_url="", extra_context=None):
        page = self.get_object(request, object_id)
        revision = page.revisions.scheduled().select_related("editor").first() if page else None
        extra_context = {
            **(extra_context or {}),
            "scheduled_revision": revision,
            "editing_scheduled": revision is not None and "scheduled" in request.GET,
            "live_revision": page.revisions.filter(state=RevisionState.SAVED).order_by("-number").first()
            if revision
            else None,
            "not_useful_count": page.feedback.filter(is_useful=False).count() if page else 0,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        services.guidance_pages_delete(pages=[obj])

    def delete_queryset(self, request, queryset):
        services.guidance_pages_delete(pages=queryset)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.EditConflict as conflict:
            return self._conflict_response(request, object_id, conflict)

    def _conflict_response(self, request, object_id, conflict):
        """Show the editor both versions; their own input stays in the form, nothing is saved."""
        page = conflict.current
        form_class = self.get_form(request, page, change=True)
        data = request.POST.copy()
        data["base_version"] = str(page.version)  # saving again deliberately overwrites the other edit
        form = form_class(data, instance=GuidancePage.objects.get(pk=page.pk))
        form.is_valid()
        revision = conflict.latest_revision
        who = revision.editor if revision and revision.editor else _("another editor")
        form.add_error(
            None,
            _(
                "%(who)s saved this page while you were editing it. Nothing of yours was saved yet: your text is "
                "still in the form below. Compare it with their version, merge what you need and save again."
            )
            % {"who": who},
        )
        formsets, inline_instances = self._create_formsets(request, page, change=True)
        admin_form = admin.helpers.AdminForm(
            form, list(self.get_fieldsets(request, page)), self.get_prepopulated_fields(request, page),
            self.get_readonly_fields(request, page), model_admin=self,
        )  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "title": _("Edit conflict: %s") % page,
            "adminform": admin_form,
            "object_id": object_id,
            "original": page,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": self.get_inline_formsets(request, formsets, inline_instances, page),
            "errors": admin.helpers.AdminErrorList(form, formsets),
            "preserved_filters": self.get_preserved_filters(request),
            "conflict_revision": revision,
            "conflict_diff": _field_diffs(
                {field: str(getattr(page, field)) for field in PageRevision.TRACKED_FIELDS},
                {field: str(form.data.get(field, "")) for field in PageRevision.TRACKED_FIELDS},
            ),
        }
        response = self.render_change_form(request, context, change=True, obj=page, form_url="")
        response.status_code = 409
        return response

    # --- Revisions: list, compare, restore --------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:page_id>/revisions/<int:number>/cancel/",
                self.admin_site.admin_view(require_POST(self.cancel_schedule_view)),
                name="guidance_guidancepage_cancel_schedule",
            ),
            path(
                "<int:page_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="guidance_guidancepage_revisions",
            ),
            path(
                "<int:page_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="guidance_guidancepage_restore",
            ),
            *super().get_urls(),
        ]

    def revisions_view(self, request, page_id):
        page = get_object_or_404(GuidancePage, pk=page_id)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        revisions = list(page.revisions.select_related("editor").order_by("-number"))
        numbers = [revision.number for revision in revisions]
        older = _parse_number(request.GET.get("a"), numbers, default=numbers[1] if len(numbers) > 1 else None)
        newer = _parse_number(request.GET.get("b"), numbers, default=numbers[0] if numbers else None)
        by_number = {revision.number: revision for revision in revisions}
        diff = []
        if older and newer:
            diff = _field_diffs(
                {field: str(getattr(by_number[older], field)) for field in PageRevision.TRACKED_FIELDS},
                {field: str(getattr(by_number[newer], field)) for field in PageRevision.TRACKED_FIELDS},
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revisions of %s") % page,
            "opts": self.model._meta,
            "page": page,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "diff": diff,
            "can_restore": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "admin/guidance/guidancepage/revisions.html", context)

    def cancel_schedule_view(self, request, page_id, number):
        revision = get_object_or_404(PageRevision, page_id=page_id, number=number)
        if not self.has_change_permission(request, revision.page):
            raise PermissionDenied
        if services.page_revision_cancel_schedule(revision=revision, editor=request.user):
            messages.success(request, _("The scheduled change is cancelled. The live page stays as it is."))
        else:
            messages.info(request, _("This change was no longer scheduled."))
        return redirect(reverse("admin:guidance_guidancepage_change", args=[page_id]))

    def restore_view(self, request, page_id, number):
        revision = get_object_or_404(PageRevision, page_id=page_id, number=number)
        if not self.has_change_permission(request, revision.page):
            raise PermissionDenied
        services.page_revision_restore(revision=revision, editor=request.user)
        messages.success(request, _("Revision %(number)s is restored as the newest version.") % {"number": number})
        return redirect(reverse("admin:guidance_guidancepage_change", args=[page_id]))


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "j F Y H:i")


def _parse_number(value, numbers, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number in numbers else default


def _without_long_unchanged_runs(lines: list[dict], context: int = 2) -> list[dict]:
    """Keep `context` unchanged lines around each change; replace longer unchanged runs by '…'."""
    changed = [index for index, line in enumerate(lines) if line["kind"] != "same"]
    keep = {index for change in changed for index in range(change - context, change + context + 1)}
    result, skipped = [], False
    for index, line in enumerate(lines):
        if index in keep:
            result.append(line)
            skipped = False
        elif not skipped:
            result.append({"kind": "same", "text": "…"})
            skipped = True
    return result


def _field_diffs(old: dict, new: dict) -> list[dict]:
    """Per changed field: its lines marked as removed ('-'), added ('+') or kept (' ')."""
    diffs = []
    for field in PageRevision.TRACKED_FIELDS:
        if old.get(field, "") == new.get(field, ""):
            continue
        lines = []
        for line in difflib.ndiff(old.get(field, "").splitlines(), new.get(field, "").splitlines()):
            if line.startswith("?"):
                continue
            lines.append({"kind": {"-": "removed", "+": "added"}.get(line[0], "same"), "text": line[2:]})
        lines = _without_long_unchanged_runs(lines)
        diffs.append(
            {"field": GuidancePage._meta.get_field(field).verbose_name, "lines": lines, "old": old.get(field, "")}
        )
    return diffs


@admin.register(PageDueForReview)
class PageDueForReviewAdmin(GuidancePageAdmin):
    """The review list: pages whose review date has passed, the longest overdue first."""

    list_display = ["title", "review_by", "status_badge", "updated_at", "last_editor"]
    list_editable = []
    list_filter = ["status", "section"]
    ordering = ["review_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).review_due()

    def has_add_permission(self, request):
        return False  # pages are added as guidance pages; they come here when their review date passes

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": _("Pages due for review")}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        # The revision pages live under the page admin only; the review list links there.
        return admin.ModelAdmin.get_urls(self)


@admin.register(Theme)
class ThemeAdmin(LabelledListEditableAdmin, MarkdownEditorAdmin, admin.ModelAdmin):
    markdown_fields = ("description", "description_en", "why_it_matters", "why_it_matters_en")
    list_display = ["name", "slug", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    readonly_fields = ["slug"]
    inlines = [FactCheckInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description", "why_it_matters", "order"]}),
        (
            _("English translation"),
            {"classes": ["collapse"], "fields": ["name_en", "summary_en", "description_en", "why_it_matters_en"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        services.theme_save(theme=obj)

    def has_add_permission(self, request):
        return False  # the six themes come from the manifest

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        services.section_save(section=obj)

    def delete_model(self, request, obj):
        services.sections_delete(sections=[obj])

    def delete_queryset(self, request, queryset):
        services.sections_delete(sections=queryset)


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "audience", "product_group", "is_published", "link"]
    list_filter = ["is_published", "kind", "publisher", "audience", "themes"]
    list_editable = ["is_published"]
    search_fields = ["title", "description", "url", "product_group"]
    inlines = [FactCheckInline]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},  # six themes: tick them
    }

    def save_model(self, request, obj, form, change):
        services.resource_save(resource=obj)  # its themes follow in the same transaction, which marks it again

    def delete_model(self, request, obj):
        services.resources_delete(resources=[obj])

    def delete_queryset(self, request, queryset):
        services.resources_delete(resources=queryset)

    @admin.display(description=_("link"))
    def link(self, obj):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.domain)


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin):
    """The "te controleren" list: facts in the content that an editor still has to verify."""

    list_display = ["description", "subject", "is_resolved", "created_at"]
    list_filter = ["is_resolved"]
    list_editable = ["is_resolved"]
    search_fields = ["description", "note"]
    list_select_related = ["page", "resource", "theme"]
    autocomplete_fields = ["page", "resource"]

    @admin.display(description=_("about"))
    def subject(self, obj):
        target = obj.page or obj.resource or obj.theme
        if target is None:
            return "-"
        url = reverse(f"admin:guidance_{target._meta.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}</a>', url, target)


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """Visitors' answers to "was this page useful?", with what they missed; what is not handled comes first."""

    list_display = ["page", "is_useful", "missing", "is_handled", "created_at"]
    list_display_links = None
    list_filter = ["is_handled", "is_useful", ("page", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["page"]
    search_fields = ["missing", "page__title"]
    date_hierarchy = "created_at"
    actions = ["mark_handled"]

    def get_ordering(self, request):
        return ["is_handled", "-created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Visitors' words are never edited; "change" only allows marking them handled.
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Mark as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = services.page_feedback_mark_handled(feedback=queryset)
        self.message_user(request, ngettext("%d answer marked handled.", "%d answers marked handled.", count) % count)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """The inbox of the contact form: new messages first."""

    list_display = ["name", "organisation", "email", "status", "created_at", "mail_status"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "organisation", "message"]
    readonly_fields = ["name", "email", "organisation", "message", "language", "created_at", "mailed_at", "mail_error"]
    actions = ["mark_answered", "mail_again"]

    def get_ordering(self, request):
        return ["-status", "-created_at"]  # "new" sorts after "answered" alphabetically; reversed puts it first

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("e-mailed"))
    def mail_status(self, obj):
        if obj.mailed_at:
            return timezone.localtime(obj.mailed_at).strftime("%d-%m-%Y %H:%M")
        return _("not sent: %s") % obj.mail_error if obj.mail_error else _("not sent")

    @admin.action(description=_("Mark as answered"), permissions=["change"])
    def mark_answered(self, request, queryset):
        count = services.contact_messages_mark_answered(messages=queryset)
        self.message_user(request, ngettext("%d message marked.", "%d messages marked.", count) % count)

    @admin.action(description=_("E-mail again to the VNG address"), permissions=["change"])
    def mail_again(self, request, queryset):
        sent = sum(services.contact_message_mail(contact=contact) for contact in queryset)
        self.message_user(request, ngettext("%d message e-mailed.", "%d messages e-mailed.", sent) % sent)


TO_DO.add(_("pages due for review"), "guidance.PageDueForReview")
TO_DO.add(_("unanswered contact messages"), "guidance.ContactMessage", status__exact=ContactStatus.NEW)
TO_DO.add(_("“not useful” answers not yet handled"), "guidance.PageFeedback", is_useful__exact=0, is_handled__exact=0)
