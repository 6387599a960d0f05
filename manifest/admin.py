"""The admin for VNG staff: manifest editions, the moderation queues of signatures, memberships and roles."""

from datetime import date

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.admin import TO_DO, MarkdownEditorAdmin, ReadOnlyAdmin
from core.csv_export import csv_response
from manifest import services
from manifest.forms import ReasonForm, SignedElsewhereForm
from manifest.models import (
    CooperationMember,
    CoordinatorRequest,
    CoordinatorRequestStatus,
    EmailDomain,
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PreparationMandate,
    RenewalInvitation,
    ReportingDeadline,
    Signature,
    SignatureStatus,
)
from manifest.permissions import (
    may_manage_cooperation_members,
    may_manage_coordinator_roles,
    may_manage_email_domains,
)
from manifest.services import (
    SigningError,
    signature_approve,
    signature_record_signed_elsewhere,
    signature_reject,
    signature_withdraw,
)


@admin.register(ManifestEdition)
class ManifestEditionAdmin(MarkdownEditorAdmin, admin.ModelAdmin):
    markdown_fields = ("text",)
    list_display = ["title", "slug", "start_year", "end_year", "signing_opens", "signing_closes", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "start_year", "end_year", "is_current"]}),
        (gettext_lazy("Text"), {"fields": ["summary", "text", "commitments"]}),
        (gettext_lazy("Signing window"), {"fields": ["signing_opens", "signing_closes"]}),
        (gettext_lazy("Commitments"), {"fields": ["plan_due_months"]}),
    ]

    readonly_fields = ["is_current"]  # changed only by the action "Open", which keeps one edition current
    actions = ["open_edition", "invite_to_renew"]

    def save_model(self, request, obj, form, change):
        services.edition_save(edition=obj)

    def has_delete_permission(self, request, obj=None):
        # Signatures refer to editions; an edition is history once published.
        return False

    def _one(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one edition."), messages.ERROR)
            return None
        return queryset.get()

    @admin.action(
        description=gettext_lazy("Open the selected edition (it becomes the current one)"), permissions=["change"]
    )
    def open_edition(self, request, queryset):
        edition = self._one(request, queryset)
        if edition is None:
            return
        try:
            services.edition_open(edition=edition, by=request.user)
        except services.EditionError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.log_change(request, edition, _("Opened as the current edition"))
        self.message_user(
            request,
            _("%(edition)s is the current edition now. Invite the earlier signatories to renew with the next action.")
            % {"edition": edition},
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Invite earlier signatories to sign the selected edition"), permissions=["change"]
    )
    def invite_to_renew(self, request, queryset):
        edition = self._one(request, queryset)
        if edition is None:
            return
        try:
            result = services.renewal_invitations_send(edition=edition, by=request.user)
        except services.EditionError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "%(mails)d coordinator received an invitation, for %(organisations)d organisations.",
                "%(mails)d coordinators received an invitation, for %(organisations)d organisations.",
                result.mails,
            )
            % {"mails": result.mails, "organisations": result.organisations},
            messages.SUCCESS if result.mails else messages.INFO,
        )
        if result.without_coordinator:
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation was skipped: it has no active coordinator to write to.",
                    "%(count)d organisations were skipped: they have no active coordinator to write to.",
                    result.without_coordinator,
                )
                % {"count": result.without_coordinator},
                messages.WARNING,
            )


@admin.register(RenewalInvitation)
class RenewalInvitationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "edition", "email", "sent_at"]
    list_filter = ["edition"]
    search_fields = ["organisation__name", "email"]
    list_select_related = ["organisation", "edition"]

    def has_add_permission(self, request):
        return False  # written only by the invitation action, together with the e-mail

    def has_change_permission(self, request, obj=None):
        return False


class ProvinceFilter(admin.SimpleListFilter):
    title = gettext_lazy("province")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        from manifest.models import Organisation

        return [(p.code, p.name) for p in Organisation.objects.provinces().order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(organisation__province__code=self.value())
        return queryset


EXPORT_COLUMNS = [
    ("edition", lambda s: s.edition.slug),
    ("organisation_code", lambda s: s.organisation.code),
    ("organisation_name", lambda s: s.organisation.name),
    ("tier", lambda s: s.organisation.kind),
    ("province", lambda s: s.organisation.province.name if s.organisation.province else ""),
    ("status", lambda s: s.status),
    ("channel", lambda s: s.channel),
    ("signatory_name", lambda s: s.signatory_name),
    ("signatory_role", lambda s: s.signatory_role),
    ("decision_date", lambda s: s.decision_date.isoformat() if s.decision_date else ""),
    ("joint_signature", lambda s: str(s.joint_group) if s.joint_group else ""),
    ("contact_name", lambda s: s.contact_name),
    ("contact_email", lambda s: s.contact_email),
    ("contact_phone", lambda s: s.contact_phone),
    ("submitted_by", lambda s: s.submitted_by.email if s.submitted_by else ""),
    ("submitted_at", lambda s: timezone.localtime(s.submitted_at).isoformat(timespec="seconds")),
    ("decided_by", lambda s: s.decided_by.email if s.decided_by else ""),
    ("decided_at", lambda s: timezone.localtime(s.decided_at).isoformat(timespec="seconds") if s.decided_at else ""),
    ("rejection_reason", lambda s: s.rejection_reason),
    (
        "withdrawn_at",
        lambda s: timezone.localtime(s.withdrawn_at).isoformat(timespec="seconds") if s.withdrawn_at else "",
    ),
    ("withdrawal_reason", lambda s: s.withdrawal_reason),
]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """The moderation queue: submitted signatures first, oldest first."""

    change_list_template = "admin/manifest/signature/change_list.html"
    change_form_template = "admin/manifest/signature/change_form.html"
    list_display = [
        "organisation",
        "edition",
        "status",
        "signatory_name",
        "signatory_role",
        "submitted_at",
        "decided_at",
    ]
    list_filter = ["status", "channel", "organisation__kind", ProvinceFilter, "edition"]
    list_select_related = ["organisation", "edition"]
    search_fields = ["organisation__name", "organisation__code", "signatory_name", "contact_name", "contact_email"]
    date_hierarchy = "submitted_at"
    actions = ["approve_selected", "reject_selected", "withdraw_selected"]
    fieldsets = [
        (None, {"fields": ["organisation", "edition", "status", "channel", "joint_group", "joint_signatures"]}),
        (
            gettext_lazy("Published"),
            {"fields": ["signatory_name", "signatory_role", "submitted_at"]},
        ),
        (
            gettext_lazy("Private"),
            {
                "fields": [
                    "decision_date",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "contact_erased_at",
                    "authority_confirmed",
                    "publication_consent",
                    "submitted_by",
                ]
            },
        ),
        (
            gettext_lazy("Verification and withdrawal"),
            {
                "fields": [
                    "decided_at",
                    "decided_by",
                    "rejection_reason",
                    "withdrawn_at",
                    "withdrawn_by",
                    "withdrawal_reason",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        # Not super(): that orders by get_ordering() before the annotation it needs exists.
        return Signature.objects.moderation_queue()

    def get_ordering(self, request):
        return ["moderation_waiting", "submitted_at"]

    def get_readonly_fields(self, request, obj=None):
        # Status changes only through the actions, so that every change is checked, logged and mailed.
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("signed together with"))
    def joint_signatures(self, obj):
        if not obj.joint_group:
            return "–"
        others = Signature.objects.filter(joint_group=obj.joint_group).exclude(pk=obj.pk)
        return ", ".join(str(s.organisation) for s in others.select_related("organisation")) or "–"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_record": self.has_change_permission(request)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="manifest_signature_export",
            ),
            path(
                "signed-elsewhere/",
                self.admin_site.admin_view(self.signed_elsewhere_view),
                name="manifest_signature_signed_elsewhere",
            ),
            *super().get_urls(),
        ]

    def signed_elsewhere_view(self, request):
        """Record a signature made at a ceremony or by letter; it is signed and public at once."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = SignedElsewhereForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                signature = signature_record_signed_elsewhere(
                    by=request.user,
                    **{name: value for name, value in form.cleaned_data.items() if name != "publication_consent"},
                )
            except SigningError as error:
                form.add_error(None, error.message)
            else:
                self.log_addition(request, signature, _("Recorded: signed elsewhere"))
                self.message_user(
                    request,
                    _("The signature of %(organisation)s is recorded and shown in the register.")
                    % {"organisation": signature.organisation},
                    messages.SUCCESS,
                )
                return redirect("admin:manifest_signature_change", signature.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Record a signature made elsewhere"),
            "opts": self.model._meta,
            "form": form,
            "changelist_url": reverse("admin:manifest_signature_changelist"),
        }
        return TemplateResponse(request, "admin/manifest/signature/signed_elsewhere.html", context)

    def export_view(self, request):
        """Every signature of every edition, contact details included: for VNG staff only."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        signatures = Signature.objects.select_related(
            "organisation", "organisation__province", "edition", "submitted_by", "decided_by"
        ).order_by("edition__start_year", "organisation__name", "submitted_at")
        rows = [[name for name, _getter in EXPORT_COLUMNS]]
        rows += [[getter(signature) for _name, getter in EXPORT_COLUMNS] for signature in signatures]
        stamp = timezone.localdate().isoformat()
        response = csv_response(rows, filename=f"mvoi-ondertekeningen-intern-{stamp}.csv")
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=gettext_lazy("Approve the selected signatures"), permissions=["change"])
    def approve_selected(self, request, queryset):
        """Approve what waits; more than one selected asks for confirmation on a page of its own first."""
        # Counted before acting: afterwards the approved ones would no longer be waiting either.
        waiting = list(queryset.filter(status=SignatureStatus.SUBMITTED).select_related("organisation", "edition"))
        skipped = queryset.exclude(status=SignatureStatus.SUBMITTED).count()
        if len(waiting) + skipped > 1 and "confirm" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Approve signatures"),
                "opts": self.model._meta,
                "targets": waiting,
                "skipped": skipped,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "select_across": request.POST.get("select_across", "0"),
                "changelist_url": reverse("admin:manifest_signature_changelist"),
            }
            return TemplateResponse(request, "admin/manifest/signature/approve_confirmation.html", context)
        approved = 0
        for signature in waiting:
            try:
                signature_approve(signature=signature, by=request.user)
            except SigningError as error:
                self.message_user(request, error.message, messages.WARNING)
                continue
            self.log_change(request, signature, _("Approved"))
            approved += 1
        if approved:
            self.message_user(request, _("%(count)d signature(s) approved.") % {"count": approved}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                _("%(count)d selected signature(s) were not waiting for verification and stayed as they were.")
                % {"count": skipped},
                messages.WARNING,
            )
        return None

    def _with_reason(self, request, queryset, *, action, title, verb, service, allowed_statuses):
        """An intermediate page that asks for the reason, then calls the service for each signature."""
        targets = queryset.filter(status__in=allowed_statuses).select_related("organisation", "edition")
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for signature in targets:
                try:
                    service(signature=signature, by=request.user, reason=form.cleaned_data["reason"])
                except SigningError as error:
                    self.message_user(request, error.message, messages.WARNING)
                    continue
                self.log_change(request, signature, f"{verb}: {form.cleaned_data['reason']}")
                done += 1
            self.message_user(request, _("%(count)d signature(s) changed.") % {"count": done}, messages.SUCCESS)
            return None
        if not targets:
            self.message_user(request, _("None of the selected signatures can take this step."), messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "targets": targets,
            "form": form,
            "action": action,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "changelist_url": reverse("admin:manifest_signature_changelist"),
        }
        return TemplateResponse(request, "admin/manifest/signature/reason.html", context)

    @admin.action(description=gettext_lazy("Reject the selected signatures (with a reason)"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="reject_selected",
            title=_("Reject signatures"),
            verb=_("Rejected"),
            service=signature_reject,
            allowed_statuses=[SignatureStatus.SUBMITTED],
        )

    @admin.action(description=gettext_lazy("Withdraw the selected signatures (with a reason)"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="withdraw_selected",
            title=_("Withdraw signatures"),
            verb=_("Withdrawn"),
            service=signature_withdraw,
            allowed_statuses=[SignatureStatus.SUBMITTED, SignatureStatus.SIGNED],
        )


TO_DO.add(
    gettext_lazy("signatures waiting for verification"), "manifest.Signature", status__exact=SignatureStatus.SUBMITTED
)
TO_DO.add(gettext_lazy("membership requests waiting"), "manifest.Membership", status__exact=MembershipStatus.REQUESTED)
TO_DO.add(
    gettext_lazy("requests for the coordinator role waiting"),
    "manifest.CoordinatorRequest",
    status__exact=CoordinatorRequestStatus.REQUESTED,
)


class EmailDomainInline(admin.TabularInline):
    """An organisation's own domains verify members automatically: editors see them, administrators change them."""

    model = EmailDomain
    extra = 0

    def has_add_permission(self, request, obj=None):
        return may_manage_email_domains(request.user)

    def has_change_permission(self, request, obj=None):
        return may_manage_email_domains(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_manage_email_domains(request.user)


class CooperationMemberFormSet(BaseInlineFormSet):
    def clean(self):
        """Two rows of this form for the same member may not overlap (the database checks only saved rows)."""
        super().clean()
        periods = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not form.has_changed() and form.instance.pk is None:
                continue  # an empty extra row, or a row the user may not add
            if not data or data.get("DELETE") or not isinstance(data.get("member"), Organisation):
                continue
            if not data.get("starts_on"):
                continue
            start, end = data["starts_on"], data.get("ends_on") or date.max
            for other_start, other_end in periods.get(data["member"].pk, []):
                if start <= other_end and other_start <= end:
                    raise ValidationError(
                        _("%(member)s appears twice for overlapping periods.") % {"member": data["member"]}
                    )
            periods.setdefault(data["member"].pk, []).append((start, end))


class CooperationMemberInline(admin.TabularInline):
    """The member organisations of a cooperative body, with their first and last day. Editors see them;
    administrators change them, since a body may later act for its members."""

    model = CooperationMember
    formset = CooperationMemberFormSet
    fk_name = "body"
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["member", "starts_on", "ends_on"]
    verbose_name = gettext_lazy("member organisation")
    verbose_name_plural = gettext_lazy("member organisations")

    def has_add_permission(self, request, obj=None):
        return may_manage_cooperation_members(request.user)

    def has_change_permission(self, request, obj=None):
        return may_manage_cooperation_members(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_manage_cooperation_members(request.user)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "province", "is_active"]
    list_filter = ["kind", "is_active", "body_kind", ("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "cbs_code", "email_domains__domain"]
    list_select_related = ["province"]
    autocomplete_fields = ["successor"]
    fieldsets = [
        (None, {"fields": ["name", "official_name", "kind", "body_kind", "code", "province"]}),
        (gettext_lazy("Identifiers"), {"fields": ["cbs_code", "tooi_uri", "website_domain", "population"]}),
        (gettext_lazy("End"), {"fields": ["is_active", "ended_on", "successor"]}),
        (gettext_lazy("Cooperation"), {"fields": ["cooperative_bodies"]}),
    ]
    readonly_fields = ["cooperative_bodies"]

    def get_inlines(self, request, obj):
        # Members only on a cooperative body's page (a new body gets them once its tier is saved).
        if obj is not None and obj.is_cooperative_body:
            return [EmailDomainInline, CooperationMemberInline]
        return [EmailDomainInline]

    @admin.display(description=gettext_lazy("member of the cooperative bodies"))
    def cooperative_bodies(self, obj):
        links = obj.body_links.select_related("body").order_by("body__name") if obj and obj.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({} – {})',
                (
                    (
                        reverse("admin:manifest_organisation_change", args=[link.body_id]),
                        link.body.name,
                        date_format(link.starts_on),
                        date_format(link.ends_on) if link.ends_on else "…",
                    )
                    for link in links
                ),
            )
            or "–"
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CooperationMemberInline):
            kwargs["queryset"] = kwargs.get("queryset", CooperationMember.objects.all()).select_related("member")
        return kwargs

    def save_formset(self, request, form, formset, change):
        # Through the services: only administrators, and every change in the audit log.
        if formset.model is EmailDomain:
            changed = formset.save(commit=False)
            for email_domain in formset.deleted_objects:
                services.email_domain_delete(email_domain=email_domain, by=request.user)
            for email_domain in changed:
                services.email_domain_save(email_domain=email_domain, by=request.user)
            return None
        if formset.model is CooperationMember and formset.fk.name == "body":
            changed = formset.save(commit=False)
            for cooperation_member in formset.deleted_objects:
                services.cooperation_member_remove(cooperation_member=cooperation_member, by=request.user)
            for cooperation_member in changed:
                services.cooperation_member_save(cooperation_member=cooperation_member, by=request.user)
            return None
        return super().save_formset(request, form, formset, change)

    def get_changeform_initial_data(self, request):
        # Staff add "other" bodies; the register's tiers come from the data files.
        return {"kind": OrganisationKind.OTHER, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj)

    def delete_model(self, request, obj):
        services.organisations_delete(organisations=[obj])

    def delete_queryset(self, request, queryset):
        services.organisations_delete(organisations=queryset)


class WaitingFirstMixin:
    """The moderation queue: what waits for a decision first, oldest first."""

    waiting_status = None
    waiting_field = "status"

    def get_queryset(self, request):
        waiting = Case(
            When(**{self.waiting_field: self.waiting_status}, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return super().get_queryset(request).annotate(waiting=waiting).order_by("waiting", "requested_at")


class DecisionAdminMixin:
    """Read-only change forms: status and role change only through actions that call the services, so that
    each decision is checked, logged in the audit log and mailed. The change form offers the same actions as
    buttons."""

    decision_errors: tuple[type[Exception], ...] = (services.MembershipError,)  # refusals shown as a warning

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_manage_roles_permission(self, request):
        return may_manage_coordinator_roles(request.user)

    def decision_actions(self, obj) -> list[str]:
        """The actions that apply to `obj` in its current state, offered as buttons on its change form."""
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        actions = self.get_actions(request)
        obj = self.get_object(request, unquote(object_id))
        applicable = self.decision_actions(obj) if obj is not None else []
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
            "decision_buttons": [(name, actions[name][2]) for name in applicable if name in actions],
            "changelist_url": reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _decide_each(self, request, queryset, decide) -> int:
        done = 0
        for obj in queryset:
            try:
                decide(obj)
            except self.decision_errors as error:
                self.message_user(request, f"{obj}: {error}", messages.WARNING)
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d decision made.", "%(count)d decisions made.", done) % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )
        return done

    def _with_reason(self, request, queryset, *, action, title, help_text, decide):
        """An intermediate page that asks for the reason (the person receives it), then decides each."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._decide_each(request, queryset, lambda obj: decide(obj, form.cleaned_data["reason"]))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "targets": list(queryset),
            "form": form,
            "action": action,
            "help_text": help_text,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "changelist_url": reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"),
        }
        return TemplateResponse(request, "admin/manifest/decision_reason.html", context)


@admin.register(Membership)
class MembershipAdmin(WaitingFirstMixin, DecisionAdminMixin, admin.ModelAdmin):
    """Who acts for which organisation. Requests are approved or refused with the actions; only VNG
    administrators give or take back the coordinator role; nobody decides on their own membership."""

    change_form_template = "admin/manifest/decision_change_form.html"

    class Media:
        css = {"all": ["css/manifest_admin.css"]}  # underlined breadcrumb links (axe link-in-text-block)

    list_display = ["user", "organisation", "role", "status", "verified_automatically", "requested_at"]
    list_filter = ["status", "role", "organisation__kind", "verified_automatically"]
    search_fields = ["user__email", "user__full_name", "organisation__name", "organisation__code"]
    list_select_related = ["user", "organisation"]
    fields = [
        "user",
        "organisation",
        "status",
        "role",
        "motivation",
        "verified_automatically",
        "requested_at",
        "decided_at",
        "decided_by",
        "refusal_reason",
    ]
    actions = [
        "approve_as_member",
        "approve_as_coordinator",
        "refuse_selected",
        "make_coordinator",
        "make_member",
        "remove_selected",
    ]
    waiting_status = MembershipStatus.REQUESTED

    def decision_actions(self, obj):
        if obj.status == MembershipStatus.REQUESTED:
            return ["approve_as_member", "approve_as_coordinator", "refuse_selected"]
        if obj.is_coordinator:
            return ["make_member", "remove_selected"]
        if obj.is_verified:
            return ["make_coordinator", "remove_selected"]
        return ["approve_as_member", "approve_as_coordinator"]

    @admin.action(description=gettext_lazy("Approve as member"), permissions=["change"])
    def approve_as_member(self, request, queryset):
        self._decide_each(
            request,
            queryset,
            lambda m: services.membership_approve(membership=m, decided_by=request.user, role=MembershipRole.MEMBER),
        )

    @admin.action(description=gettext_lazy("Approve as coordinator"), permissions=["manage_roles"])
    def approve_as_coordinator(self, request, queryset):
        self._decide_each(
            request,
            queryset,
            lambda m: services.membership_approve(
                membership=m, decided_by=request.user, role=MembershipRole.COORDINATOR
            ),
        )

    @admin.action(description=gettext_lazy("Refuse (with a reason)"), permissions=["change"])
    def refuse_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="refuse_selected",
            title=_("Refuse membership requests"),
            help_text=_("The person receives this reason by e-mail."),
            decide=lambda m, reason: services.membership_refuse(membership=m, decided_by=request.user, reason=reason),
        )

    @admin.action(description=gettext_lazy("Make coordinator"), permissions=["manage_roles"])
    def make_coordinator(self, request, queryset):
        self._decide_each(
            request,
            queryset,
            lambda m: services.membership_change_role(membership=m, role=MembershipRole.COORDINATOR, by=request.user),
        )

    @admin.action(description=gettext_lazy("Take back the coordinator role"), permissions=["manage_roles"])
    def make_member(self, request, queryset):
        self._decide_each(
            request,
            queryset,
            lambda m: services.membership_change_role(membership=m, role=MembershipRole.MEMBER, by=request.user),
        )

    @admin.action(description=gettext_lazy("End the membership (with a reason)"), permissions=["manage_roles"])
    def remove_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="remove_selected",
            title=_("End memberships"),
            help_text=_("The person receives this reason by e-mail."),
            decide=lambda m, reason: services.membership_remove(membership=m, by=request.user, reason=reason),
        )


@admin.register(CoordinatorRequest)
class CoordinatorRequestAdmin(WaitingFirstMixin, DecisionAdminMixin, admin.ModelAdmin):
    """Members asking for the coordinator role; VNG administrators decide, waiting requests first."""

    change_form_template = "admin/manifest/decision_change_form.html"

    class Media:
        css = {"all": ["css/manifest_admin.css"]}  # underlined breadcrumb links (axe link-in-text-block)

    list_display = ["person", "organisation", "status", "requested_at", "decided_at"]
    list_filter = ["status", "membership__organisation__kind"]
    search_fields = ["membership__user__email", "membership__user__full_name", "membership__organisation__name"]
    list_select_related = ["membership__user", "membership__organisation"]
    fields = ["membership", "reason", "status", "requested_at", "decided_at", "decided_by", "refusal_reason"]
    actions = ["approve_selected", "refuse_selected"]
    waiting_status = CoordinatorRequestStatus.REQUESTED

    def decision_actions(self, obj):
        return ["approve_selected", "refuse_selected"] if obj.is_waiting else []

    @admin.display(description=gettext_lazy("person"), ordering="membership__user__email")
    def person(self, obj):
        return obj.membership.user

    @admin.display(description=gettext_lazy("organisation"), ordering="membership__organisation__name")
    def organisation(self, obj):
        return obj.membership.organisation

    @admin.action(description=gettext_lazy("Make coordinator, as asked"), permissions=["manage_roles"])
    def approve_selected(self, request, queryset):
        self._decide_each(
            request, queryset, lambda r: services.coordinator_request_approve(coordinator_request=r, by=request.user)
        )

    @admin.action(description=gettext_lazy("Refuse (with a reason)"), permissions=["manage_roles"])
    def refuse_selected(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="refuse_selected",
            title=_("Refuse requests for the coordinator role"),
            help_text=_("The member receives this reason by e-mail."),
            decide=lambda r, reason: services.coordinator_request_refuse(
                coordinator_request=r, by=request.user, reason=reason
            ),
        )


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    """VNG staff set the day by which signatories of an edition report on a year."""

    list_display = ["edition", "year", "opens_on", "deadline"]
    fields = ["edition", "year", "opens_on", "deadline"]
    list_filter = ["edition"]
    ordering = ["-year"]

    def save_model(self, request, obj, form, change):
        services.reporting_deadline_save(deadline=obj)

    def delete_model(self, request, obj):
        services.reporting_deadline_delete(deadline=obj)

    def delete_queryset(self, request, queryset):
        for deadline in queryset:
            services.reporting_deadline_delete(deadline=deadline)


@admin.register(PreparationMandate)
class PreparationMandateAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Which cooperative bodies prepare whose action plans, granted and revoked by the members' own
    coordinators in the portal (manifest/services.py); staff read them here for support."""

    list_display = ["member", "body", "granted_at", "granted_by", "revoked_at", "revoked_by", "in_force_now"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "body"]
    search_fields = ["member__name", "body__name"]
    list_select_related = ["member", "body", "granted_by", "revoked_by"]
    fields = ["member", "body", "granted_at", "granted_by", "revoked_at", "revoked_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_in_force()

    @admin.display(description=gettext_lazy("body may act now"), boolean=True, ordering="in_force")
    def in_force_now(self, obj):
        return obj.in_force
