"""Who may do what with an action plan; every view gets its plan, goal or action through these getters.

- Members of the plan's organisation read every plan of it and edit drafts. In every status they
  record the status and progress of its actions (monitoring an adopted plan needs no draft).
- Coordinators of that organisation also adopt, publish, take back to draft and delete, and choose the
  showcases (voorbeeldacties) of a published plan.
- Coordinators of a cooperative body that a member organisation lets prepare its plans (while the
  member belongs to the body; manifest.models.PreparationMandate) act as members of it: they read, draft
  and track its plans and year reports, and start new plans for it. The member's own coordinators decide:
  the services refuse anybody else to adopt, publish, take back, delete or submit a report.
- Members of an organisation that accepted to own the plan with its lead (a joint plan, actionplans.models
  .PlanOwner) read it and its year reports; their coordinators record their own adoption of it. Editing
  stays with the lead's members and the bodies preparing the lead's plans. A co-ownership only requested
  opens nothing but the request itself, for the asked organisation's coordinators to answer. A co-owner that
  left the plan (after adopting it) reads nothing of it any more.
- The lead is the plan's organisation: when a co-owner takes over the lead (LeadHandover) everything above
  follows the new lead at once, and the old lead reads the plan as a co-owner.
- VNG staff, in a session that passed the second factor (core/staff.py), read every plan and edit none;
  they give the feedback of a review (actionplans/review_views.py), which coordinators reply to.
  In a session without it they are sent to the code step first.
- Everybody else gets 404, whatever the URL.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from actionplans.models import Action, ActionPlan, Goal, LeadHandover, PlanOwner, ReviewFinding, Showcase
from core.staff import is_staff_account, require_staff_powers
from manifest.models import MembershipRole
from manifest.permissions import is_coordinator, member_organisations, prepared_organisations


def _set_permissions(plan: ActionPlan) -> ActionPlan:
    role = getattr(plan, "user_role", None)
    # A body's coordinator who is also a member of the organisation acts as that member.
    plan.prepared_for_body = role is None and bool(getattr(plan, "prepares", False))
    plan.is_member = role is not None or plan.prepared_for_body
    plan.can_edit = plan.is_member and plan.is_draft
    plan.can_track = plan.is_member
    plan.can_coordinate = role == MembershipRole.COORDINATOR
    # A member of an accepted co-owner (and of neither the lead nor a body preparing it) only reads.
    plan.reads_as_co_owner = not plan.is_member and bool(getattr(plan, "co_owner", False))
    # Requests to own the plan still open: the lead's side (and VNG staff) sees them, a co-owner's members do not.
    plan.sees_owner_requests = not plan.reads_as_co_owner
    plan.can_request_co_owner = plan.can_coordinate or plan.prepared_for_body
    return plan


def get_plan_for_user(user, uuid, *, edit: bool = False, track: bool = False, coordinate: bool = False) -> ActionPlan:
    """The plan with this UUID if `user` may read it (404 otherwise).

    edit=True also requires that the user may change it now (a member, and the plan a draft);
    track=True that the user may record the progress of its actions (a member, any status);
    coordinate=True requires a coordinator of the plan's organisation. All three refuse with 403.
    The plan carries `is_member`, `can_edit`, `can_track` and `can_coordinate` for the templates.
    """
    plan = (
        ActionPlan.objects.visible_to(user)
        .select_related("organisation", "edition")
        .annotate(has_co_owners=Exists(PlanOwner.objects.filter(plan=OuterRef("pk"))))  # asked, in any status
        .filter(uuid=uuid)
        .first()
    )
    if plan is None:
        if is_staff_account(user):
            require_staff_powers(user)  # staff without the second factor: to the code step, not a 404
        raise Http404
    _set_permissions(plan)
    if edit and not plan.can_edit:
        raise PermissionDenied
    if track and not plan.can_track:
        raise PermissionDenied
    if coordinate and not plan.can_coordinate:
        raise PermissionDenied
    return plan


def get_goal_for_user(user, uuid, goal_id, *, edit: bool = False, track: bool = False) -> Goal:
    """A goal of a plan the user may read (or edit, or track); a goal of another plan is 404."""
    plan = get_plan_for_user(user, uuid, edit=edit, track=track)
    goal = get_object_or_404(Goal.objects.select_related("theme"), plan=plan, pk=goal_id)
    goal.plan = plan
    return goal


def get_action_for_user(
    user, uuid, action_id, *, edit: bool = False, track: bool = False, coordinate: bool = False
) -> Action:
    """An action of a plan the user may read (or edit, track, coordinate); an action of another plan is 404."""
    plan = get_plan_for_user(user, uuid, edit=edit, track=track, coordinate=coordinate)
    action = get_object_or_404(Action.objects.select_related("goal__theme"), goal__plan=plan, pk=action_id)
    action.goal.plan = plan
    return action


def get_showcase_for_user(user, uuid, action_id) -> Showcase:
    """The showcase of an action, for a coordinator of the plan's organisation; 404 when the action is none."""
    action = get_action_for_user(user, uuid, action_id, coordinate=True)
    showcase = get_object_or_404(Showcase, action=action)
    showcase.action = action
    showcase.plan = action.goal.plan
    return showcase


def organisations_for_new_plan(user):
    """The organisations the user may prepare plans for: those with a verified membership, and those that let a
    cooperative body the user coordinates prepare their plans."""
    return (member_organisations(user) | prepared_organisations(user)).order_by("name")


def require_own_coordinator(user, organisation) -> None:
    """Deciding on a plan (adopt, publish, take back, delete, submit a report) is for the organisation's own
    coordinators, never for a cooperative body that prepares it. `user=None` is the portal itself (demo data,
    commands)."""
    if user is not None and not is_coordinator(user, organisation):
        raise PermissionDenied("Only coordinators of the organisation decide on its plan.")


def get_finding_for_user(user, uuid, item: str, *, coordinate: bool = False) -> ReviewFinding:
    """VNG's finding on one checklist item in the plan's latest review; 404 for a plan the user may not read.

    coordinate=True requires a coordinator of the plan's organisation (403 otherwise).
    """
    plan = get_plan_for_user(user, uuid, coordinate=coordinate)
    review = plan.reviews.order_by("-submitted_at", "-id").first()
    finding = get_object_or_404(ReviewFinding.objects.select_related("reply"), review=review, item=item)
    review.plan = plan
    finding.review = review
    return finding


def get_owner_for_user(user, uuid, code, *, decide: bool = False) -> PlanOwner:
    """The co-ownership of the plan by the organisation with `code`.

    Its organisation's coordinators get it in every status (they answer the request; nothing else of the plan
    opens before they accept); everybody who reads the plan gets it too. decide=True (accept, decline, adopt
    as co-owner) requires a coordinator of that organisation: a reader gets 403, a cooperative body that
    prepares the organisation's plans included. Everybody else gets 404.
    The row carries `plan` (with its permissions when read through the plan) and `is_own_coordinator`.
    """
    owner = (
        PlanOwner.objects.select_related("plan__organisation", "plan__edition", "organisation", "requested_by")
        .filter(plan__uuid=uuid, organisation__code=code)
        .first()
    )
    if owner is None:
        if is_staff_account(user):
            require_staff_powers(user)
        raise Http404
    owner.is_own_coordinator = is_coordinator(user, owner.organisation)
    if not owner.is_own_coordinator:
        owner.plan = get_plan_for_user(user, uuid)
        if decide:
            raise PermissionDenied
    return owner


def get_handover_for_user(user, uuid, code, *, decide: bool = False) -> LeadHandover:
    """The latest handover of the plan's lead to the organisation with `code`, for everybody who reads the plan.

    decide=True (accept, decline) requires a coordinator of that organisation, the new lead: anybody else who
    reads the plan gets 403, a cooperative body that prepares its plans included. Everybody else gets 404.
    The row carries `plan` with its permissions and `is_own_coordinator`.
    """
    plan = get_plan_for_user(user, uuid)
    handover = (
        LeadHandover.objects.select_related("from_organisation", "to_organisation", "requested_by", "decided_by")
        .filter(plan=plan, to_organisation__code=code)
        .order_by("-requested_at", "-id")
        .first()
    )
    if handover is None:
        raise Http404
    handover.plan = plan
    handover.is_own_coordinator = is_coordinator(user, handover.to_organisation)
    if decide and not handover.is_own_coordinator:
        raise PermissionDenied
    return handover
