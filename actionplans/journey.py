"""Where each of a user's organisations stands on the way from the manifest to a reported plan.

The getting-started page shows this per step. Five queries, however many organisations, plans and
reports the user has.
"""

from dataclasses import dataclass

from actionplans.models import ActionPlan, PlanStatus, YearReport
from manifest.models import ManifestEdition, Membership, MembershipStatus, Organisation, Signature, SignatureStatus


@dataclass
class OrganisationProgress:
    organisation: Organisation
    membership: Membership
    signature: Signature | None = None  # the live signature of the current edition
    plan: ActionPlan | None = None  # the newest plan
    report: YearReport | None = None  # the report on the latest year, of any of its plans

    @property
    def is_signed(self) -> bool:
        return self.signature is not None and self.signature.status == SignatureStatus.SIGNED

    @property
    def is_adopted(self) -> bool:
        return self.plan is not None and self.plan.status in (PlanStatus.ADOPTED, PlanStatus.PUBLISHED)

    @property
    def is_published(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.PUBLISHED


def organisations_progress(user) -> list[OrganisationProgress]:
    """The user's verified and requested memberships of active organisations, by name, each with its progress.

    Only verified members learn the organisation's signature, plan and report.
    """
    if not user.is_authenticated:
        return []
    memberships = (
        Membership.objects.filter(
            user=user,
            status__in=[MembershipStatus.VERIFIED, MembershipStatus.REQUESTED],
            organisation__is_active=True,
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )
    rows = {
        membership.organisation_id: OrganisationProgress(membership.organisation, membership)
        for membership in memberships
    }
    verified = [pk for pk, row in rows.items() if row.membership.is_verified]
    if not verified:
        return list(rows.values())
    edition = ManifestEdition.objects.current()
    if edition is not None:
        for signature in Signature.objects.live().filter(edition=edition, organisation__in=verified):
            rows[signature.organisation_id].signature = signature
    newest_plans = (
        ActionPlan.objects.filter(organisation__in=verified)
        .only("uuid", "organisation", "title", "start_year", "end_year", "status", "adopted_on", "adopted_by")
        .order_by("organisation_id", "-start_year", "-created_at", "-pk")
        .distinct("organisation_id")
    )
    for plan in newest_plans:
        rows[plan.organisation_id].plan = plan
    latest_reports = (
        YearReport.objects.filter(plan__organisation__in=verified)
        .select_related("plan")
        .only("year", "status", "submitted_at", "plan__uuid", "plan__organisation")
        .order_by("plan__organisation_id", "-year", "-pk")
        .distinct("plan__organisation_id")
    )
    for report in latest_reports:
        rows[report.plan.organisation_id].report = report
    return list(rows.values())
