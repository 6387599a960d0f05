from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from manifest import services
from manifest.models import EmailDomain, Membership, MembershipRole, MembershipStatus, Organisation, OrganisationKind


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "province", "is_active"]
    list_filter = ["kind", "is_active", ("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "cbs_code", "email_domains__domain"]
    list_select_related = ["province"]
    inlines = [EmailDomainInline]
    autocomplete_fields = ["successor"]
    fieldsets = [
        (None, {"fields": ["name", "official_name", "kind", "code", "province"]}),
        (_("Identifiers"), {"fields": ["cbs_code", "tooi_uri", "website_domain", "population"]}),
        (_("End"), {"fields": ["is_active", "ended_on", "successor"]}),
    ]

    def get_changeform_initial_data(self, request):
        # Staff add "other" bodies; the register's tiers come from the data files.
        return {"kind": OrganisationKind.OVERIG, **super().get_changeform_initial_data(request)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "verified_automatically", "requested_at"]
    list_filter = ["status", "role", "organisation__kind", "verified_automatically"]
    search_fields = ["user__email", "user__full_name", "organisation__name", "organisation__code"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    readonly_fields = ["requested_at", "decided_at", "decided_by", "verified_automatically"]
    actions = ["approve_as_member", "approve_as_coordinator", "refuse"]

    def get_queryset(self, request):
        # The moderation queue: requests waiting for a decision first, oldest first.
        return (
            super()
            .get_queryset(request)
            .annotate(
                waiting=Case(
                    When(status=MembershipStatus.REQUESTED, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("waiting", "requested_at")
        )

    def _decide(self, request, queryset, decide, **kwargs):
        for membership in queryset:
            decide(membership=membership, decided_by=request.user, **kwargs)
        self.message_user(
            request,
            ngettext("%(count)d membership updated.", "%(count)d memberships updated.", queryset.count())
            % {"count": queryset.count()},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve as member"), permissions=["change"])
    def approve_as_member(self, request, queryset):
        self._decide(request, queryset, services.membership_approve, role=MembershipRole.MEMBER)

    @admin.action(description=_("Approve as coordinator"), permissions=["change"])
    def approve_as_coordinator(self, request, queryset):
        self._decide(request, queryset, services.membership_approve, role=MembershipRole.COORDINATOR)

    @admin.action(description=_("Refuse (with the reason filled in on the membership)"), permissions=["change"])
    def refuse(self, request, queryset):
        for membership in queryset:
            services.membership_refuse(membership=membership, decided_by=request.user, reason=membership.refusal_reason)
        self.message_user(request, _("The requests were refused and the people informed."), messages.SUCCESS)
