"""The overview a coordinator of a cooperative body gets of the members whose action plans it prepares.

Only members that granted the body the right (and still belong to it) show their plans, reports and
ladder stage; the other members are named, as on the body's public page, and nothing more. Six queries,
however many bodies, members, plans and reports.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from actionplans.models import ActionPlan, YearReport
from manifest.ladder import with_stage
from manifest.models import (
    CooperationMember,
    ManifestEdition,
    Membership,
    Organisation,
    PreparationMandate,
    ReportingDeadline,
    Signature,
)


@dataclass
class PreparedMember:
    organisation: Organisation
    plan: ActionPlan | None = None  # the newest plan
    report: YearReport | None = None  # the report on the latest year, of any of its plans
    deadline: ReportingDeadline | None = None  # for the report on last year, when it signed the current edition
    signature: Signature | None = None  # its live signature of the current edition, with its ladder stage


@dataclass
class BodyOverview:
    body: Organisation
    prepared: list[PreparedMember] = field(default_factory=list)
    others: list[Organisation] = field(default_factory=list)  # current members that did not grant the right


def body_overviews(user) -> list[BodyOverview]:
    """For each active cooperative body the user is a verified coordinator of: its members, by name."""
    if not user.is_authenticated or not user.is_active:
        return []
    bodies = {
        body.pk: BodyOverview(body)
        for body in Organisation.objects.active()
        .cooperative_bodies()
        .filter(pk__in=Membership.objects.coordinators().filter(user=user).values("organisation"))
        .order_by("name")
    }
    if not bodies:
        return []
    mandates = set(PreparationMandate.objects.in_force().filter(body__in=bodies).values_list("body_id", "member_id"))
    links = (
        CooperationMember.objects.current()
        .filter(body__in=bodies, member__is_active=True)
        .select_related("member")
        .order_by("member__name")
    )
    members = {}
    for body_id, member in ((link.body_id, link.member) for link in links):
        if (body_id, member.pk) in mandates:
            bodies[body_id].prepared.append(members.setdefault(member.pk, PreparedMember(member)))
        else:
            bodies[body_id].others.append(member)
    if members:
        _add_progress(members)
    return list(bodies.values())


def _add_progress(members: dict[int, PreparedMember]) -> None:
    newest_plans = (
        ActionPlan.objects.filter(organisation__in=members)
        .only("uuid", "organisation", "title", "start_year", "end_year", "status", "version")
        .order_by("organisation_id", "-start_year", "-created_at", "-pk")
        .distinct("organisation_id")
    )
    for plan in newest_plans:
        members[plan.organisation_id].plan = plan
    latest_reports = (
        YearReport.objects.filter(plan__organisation__in=members)
        .select_related("plan")
        .only("year", "status", "submitted_at", "plan__uuid", "plan__organisation")
        .order_by("plan__organisation_id", "-year", "-pk")
        .distinct("plan__organisation_id")
    )
    for report in latest_reports:
        members[report.plan.organisation_id].report = report
    edition = ManifestEdition.objects.current()
    if edition is None:
        return
    deadline = ReportingDeadline.objects.filter(edition=edition, year=timezone.localdate().year - 1).first()
    for signature in with_stage(Signature.objects.live().filter(edition=edition, organisation__in=members)):
        members[signature.organisation_id].signature = signature
        members[signature.organisation_id].deadline = deadline


def body_overview_section(request, memberships) -> dict | None:
    """The section of "My portal" for coordinators of cooperative bodies; None (no queries) for everybody else."""
    if not any(m.is_coordinator and m.organisation.is_cooperative_body for m in memberships):
        return None
    return {"body_overviews": body_overviews(request.user)}


def add_body_overview_to_dashboard() -> None:
    from accounts.dashboard import add_dashboard_section

    add_dashboard_section(template="actionplans/includes/body_overview.html", context=body_overview_section)
