"""Joint plans: an organisation asks another to own its plan with it; the other accepts or declines and,
once the lead has adopted the plan, records its own adoption. Targets per owner are set on the goals.

Who may do what (actionplans/permissions.py reads the same):
- asking: a coordinator of the lead, or a cooperative body's coordinator who prepares the lead's plans;
- accepting, declining and adopting as co-owner: the co-owner's own coordinators, never a body;
- targets per owner: whoever edits the draft (the lead's members, a body preparing the lead's plans);
- withdrawing a request still open: whoever may ask (the request row goes; the organisation may be asked again);
- leaving the plan: the co-owner's own coordinators. Before the co-owner adopted the plan itself (in a draft
  always, since taking a plan back to draft clears the co-owners' adoptions) the co-ownership simply goes.
  After its own body adopted it (a council may withdraw from a regional plan) the coordinator gives the
  reason: the row stays as "left" with its adoption, who left, when and why, and the plan no longer counts
  for the organisation (only accepted co-owners own a plan: ActionPlan.objects.owned_by, OwnedPlans);
- handing over the lead: the lead's own coordinators offer the plan to an accepted co-owner (one open offer
  at a time, which they may withdraw), whose own coordinators accept or decline; a co-owner that leaves
  declines an offer still open. On acceptance that co-owner becomes the plan's organisation and the old lead
  an accepted co-owner; each keeps its own adoption.

The lead's coordinators, and whoever asked, hear by e-mail when a co-owner accepts, declines, adopts or leaves.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.cache import PLANS
from actionplans.models import (
    PERCENT,
    ActionPlan,
    ChangeKind,
    Goal,
    HandoverStatus,
    LeadHandover,
    OwnerStatus,
    OwnerTarget,
    PlanOwner,
    PlanStatus,
    adoption_of,
)
from actionplans.permissions import require_own_coordinator
from actionplans.services import _record, _require_draft
from audit.log import record
from audit.models import AuditEvent
from core.mail import absolute_url, send_templated_mail
from manifest.models import Membership, Organisation
from manifest.permissions import is_coordinator, prepared_organisations

# An organisation that declined, or that left after adopting the plan, may be asked again.
ASK_AGAIN = (OwnerStatus.DECLINED, OwnerStatus.LEFT)


class OwnershipRefused(Exception):
    """The step is not possible for this co-ownership as it stands now; the message says why."""


def may_request_co_owner(user, plan: ActionPlan) -> bool:
    """Ask an organisation to co-own the plan: a coordinator of the lead, or a body that prepares its plans."""
    return (
        is_coordinator(user, plan.organisation) or prepared_organisations(user).filter(pk=plan.organisation_id).exists()
    )


def candidate_co_owners(plan: ActionPlan):
    """Active organisations that may still be asked: not the lead, not asked already (unless they declined or
    left)."""
    asked = PlanOwner.objects.filter(plan=plan).exclude(status__in=ASK_AGAIN).values("organisation")
    return Organisation.objects.active().exclude(pk=plan.organisation_id).exclude(pk__in=asked).order_by("name")


def coordinators_of(organisation) -> list:
    """The people of `organisation` that joint-plan mails go to: its active coordinators."""
    memberships = Membership.objects.active_coordinators().filter(organisation=organisation)
    return [membership.user for membership in memberships.select_related("user")]


@transaction.atomic
def owner_request(*, plan: ActionPlan, organisation: Organisation, user) -> PlanOwner:
    """Ask `organisation` to own the plan with its lead; its coordinators are told by e-mail.

    `user=None` is the portal itself (demo data). A declined organisation may be asked again, and so may one
    that left; its row starts afresh (what it adopted and why it left stay in the audit log and the history).
    """
    if user is not None and not may_request_co_owner(user, plan):
        raise PermissionDenied("Only the lead's coordinators, or a body preparing its plans, ask for co-ownership.")
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
    if organisation.pk == plan.organisation_id:
        raise ValidationError({"organisation": _("The lead organisation already owns the plan.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("Choose an active organisation.")})
    owner = PlanOwner.objects.select_for_update().filter(plan=plan, organisation=organisation).first()
    if owner is not None and owner.status not in ASK_AGAIN:
        raise ValidationError({"organisation": _("This organisation has already been asked to own this plan.")})
    if owner is None:
        owner = PlanOwner(plan=plan, organisation=organisation)
    owner.status = OwnerStatus.REQUESTED
    owner.requested_by = user
    owner.requested_at = timezone.now()
    owner.decided_by = owner.decided_at = owner.adopted_on = owner.left_at = owner.left_by = None
    owner.adopted_by = owner.leave_reason = ""
    owner.full_clean()
    owner.save()
    record(event=AuditEvent.PLAN_OWNER_REQUESTED, actor=user, subject=plan.uuid, detail=organisation.code)
    context = {
        "plan": plan,
        "lead": plan.organisation,
        "organisation": organisation,
        "decide_url": absolute_url("actionplans:owner_decide", uuid=plan.uuid, code=organisation.code),
    }
    recipients = coordinators_of(organisation)
    if recipients:
        transaction.on_commit(
            lambda: send_templated_mail(
                to=recipients, template_prefix="actionplans/email/owner_request", context=context
            )
        )
    PLANS.changed()
    return owner


def _tell_the_lead(*, owner: PlanOwner, plan: ActionPlan, template: str) -> None:
    """E-mail the lead's coordinators and whoever asked, once the transaction commits."""
    recipients = coordinators_of(plan.organisation)
    if owner.requested_by is not None and owner.requested_by.is_active:
        recipients.append(owner.requested_by)
    if not recipients:
        return
    context = {
        "plan": plan,
        "lead": plan.organisation,
        "organisation": owner.organisation,
        "owner": owner,
        "plan_url": absolute_url("actionplans:plan_detail", uuid=plan.uuid),
    }
    transaction.on_commit(
        lambda: send_templated_mail(to=recipients, template_prefix=f"actionplans/email/{template}", context=context)
    )


def _decide(*, owner: PlanOwner, user, status: str, event: str) -> PlanOwner:
    # The co-owner decides for itself: a cooperative body that prepares its plans does not.
    require_own_coordinator(user, owner.organisation)
    current = (
        PlanOwner.objects.select_for_update(of=("self",))
        .select_related("plan__organisation", "organisation", "requested_by")
        .get(pk=owner.pk)
    )
    if current.status != OwnerStatus.REQUESTED:
        raise OwnershipRefused(
            _("This request has already been answered: %(status)s.") % {"status": current.get_status_display()}
        )
    current.status = status
    current.decided_by = user
    current.decided_at = timezone.now()
    current.full_clean()
    current.save()
    record(event=event, actor=user, subject=current.plan.uuid, detail=current.organisation.code)
    _tell_the_lead(owner=current, plan=current.plan, template="owner_answer")
    PLANS.changed()
    return current


@transaction.atomic
def owner_accept(*, owner: PlanOwner, user) -> PlanOwner:
    """The organisation owns the plan with its lead from now on: its members read it, it counts for it."""
    return _decide(owner=owner, user=user, status=OwnerStatus.ACCEPTED, event=AuditEvent.PLAN_OWNER_ACCEPTED)


@transaction.atomic
def owner_decline(*, owner: PlanOwner, user) -> PlanOwner:
    """The organisation does not own the plan; the lead may ask again later."""
    return _decide(owner=owner, user=user, status=OwnerStatus.DECLINED, event=AuditEvent.PLAN_OWNER_DECLINED)


@transaction.atomic
def owner_adopt(*, owner: PlanOwner, user, adopted_on: datetime.date, adopted_by: str) -> PlanOwner:
    """An accepted co-owner records that its own body adopted the plan, once the lead has adopted it.

    Once only: a second adoption is refused. Taking the plan back to draft clears it (see plan_unpublish).
    """
    require_own_coordinator(user, owner.organisation)
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=owner.plan_id)
    current = (
        PlanOwner.objects.select_for_update(of=("self",))
        .select_related("organisation", "requested_by")
        .get(pk=owner.pk)
    )
    if current.status != OwnerStatus.ACCEPTED:
        raise OwnershipRefused(_("Only an organisation that accepted co-ownership adopts the plan."))
    if plan.status == PlanStatus.DRAFT:
        raise OwnershipRefused(_("The lead organisation adopts the plan first; then each co-owner records its own."))
    if (already := adoption_of(plan, current.organisation)) is not None:
        raise OwnershipRefused(
            _("%(organisation)s already adopted this plan on %(date)s.")
            % {"organisation": current.organisation.name, "date": already.strftime("%d-%m-%Y")}
        )
    current.adopted_on = adopted_on
    current.adopted_by = (adopted_by or "").strip()
    current.full_clean()
    current.save()
    record(
        event=AuditEvent.PLAN_OWNER_ADOPTED,
        actor=user,
        subject=plan.uuid,
        detail=f"{current.organisation.code} {adopted_on.isoformat()}",
    )
    _tell_the_lead(owner=current, plan=plan, template="owner_adopted")
    PLANS.changed()
    return current


# --- taking back and leaving ------------------------------------------------------------------


def may_leave(user, owner: PlanOwner, plan: ActionPlan) -> bool:
    """A co-owner's own coordinator leaves an accepted co-ownership its own body has not adopted."""
    return (
        owner.status == OwnerStatus.ACCEPTED
        and is_coordinator(user, owner.organisation)
        and adoption_of(plan, owner.organisation) is None
    )


@transaction.atomic
def owner_withdraw(*, owner: PlanOwner, user) -> None:
    """The lead takes back a request still open: the request goes, and the organisation may be asked again.

    Its coordinators are told by e-mail. An answered request is not withdrawn: a co-owner that accepted leaves
    by itself (`owner_leave`), and a declined one was never an owner.
    """
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=owner.plan_id)
    if not may_request_co_owner(user, plan):
        raise PermissionDenied("Only the lead's coordinators, or a body preparing its plans, withdraw a request.")
    current = PlanOwner.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=owner.pk)
    if current.status != OwnerStatus.REQUESTED:
        raise OwnershipRefused(
            _("This request has already been answered (%(status)s) and can no longer be withdrawn.")
            % {"status": current.get_status_display()}
        )
    organisation = current.organisation
    current.delete()
    record(event=AuditEvent.PLAN_OWNER_WITHDRAWN, actor=user, subject=plan.uuid, detail=organisation.code)
    recipients = coordinators_of(organisation)
    if recipients:
        context = {"plan": plan, "lead": plan.organisation, "organisation": organisation}
        transaction.on_commit(
            lambda: send_templated_mail(
                to=recipients, template_prefix="actionplans/email/owner_withdrawn", context=context
            )
        )
    PLANS.changed()


@transaction.atomic
def owner_leave(*, owner: PlanOwner, user) -> None:
    """An accepted co-owner stops owning the plan, as long as its own body has not adopted it.

    The co-ownership and the co-owner's targets on the plan's goals go; reports already submitted keep what
    they held. The lead may ask the organisation again later.
    """
    require_own_coordinator(user, owner.organisation)
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=owner.plan_id)
    current = (
        PlanOwner.objects.select_for_update(of=("self",))
        .select_related("organisation", "requested_by")
        .get(pk=owner.pk)
    )
    if current.status != OwnerStatus.ACCEPTED:
        raise OwnershipRefused(_("Only an organisation that accepted co-ownership leaves the plan."))
    if (adopted_on := adoption_of(plan, current.organisation)) is not None:
        raise OwnershipRefused(
            _(
                "%(organisation)s adopted this plan on %(date)s. To withdraw from it, use “Withdraw from this "
                "plan” and give the reason."
            )
            % {"organisation": current.organisation.name, "date": adopted_on.strftime("%d-%m-%Y")}
        )
    OwnerTarget.objects.filter(goal__plan=plan, organisation=current.organisation).delete()
    _close_handovers_to(plan=plan, organisation=current.organisation, user=user)
    current.delete()
    record(event=AuditEvent.PLAN_OWNER_LEFT, actor=user, subject=plan.uuid, detail=current.organisation.code)
    _tell_the_lead(owner=current, plan=plan, template="owner_left")
    PLANS.changed()


def _close_handovers_to(*, plan: ActionPlan, organisation: Organisation, user) -> None:
    """An organisation that leaves the plan no longer takes over its lead: an open offer to it is declined."""
    LeadHandover.objects.open().filter(plan=plan, to_organisation=organisation).update(
        status=HandoverStatus.DECLINED, decided_by=user, decided_at=timezone.now()
    )


def may_leave_adopted(user, owner: PlanOwner, plan: ActionPlan) -> bool:
    """A co-owner's own coordinator withdraws, with a reason, from a plan its own body adopted."""
    return (
        owner.status == OwnerStatus.ACCEPTED
        and is_coordinator(user, owner.organisation)
        and adoption_of(plan, owner.organisation) is not None
    )


@transaction.atomic
def owner_leave_adopted(*, owner: PlanOwner, user, reason: str) -> PlanOwner:
    """A co-owner whose own body adopted the plan withdraws from it, for `reason`.

    Its adoption ends: the row stays as "left", keeping the adoption, who left, when and why, so the plan no
    longer counts for the organisation on the ladder, in the monitor and on the public pages. Its members no
    longer read the plan and its targets on the plan's goals go; reports already submitted keep what they
    held. The lead's coordinators (and whoever asked) hear by e-mail; the lead may ask it again later.
    """
    require_own_coordinator(user, owner.organisation)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the organisation leaves the plan.")})
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=owner.plan_id)
    current = (
        PlanOwner.objects.select_for_update(of=("self",))
        .select_related("organisation", "requested_by")
        .get(pk=owner.pk)
    )
    if current.status != OwnerStatus.ACCEPTED:
        raise OwnershipRefused(
            _("%(organisation)s does not own this plan (%(status)s) and cannot leave it.")
            % {"organisation": current.organisation.name, "status": current.get_status_display()}
        )
    if current.adopted_on is None:
        raise OwnershipRefused(
            _("%(organisation)s has not adopted this plan itself: leave it without giving a reason.")
            % {"organisation": current.organisation.name}
        )
    OwnerTarget.objects.filter(goal__plan=plan, organisation=current.organisation).delete()
    _close_handovers_to(plan=plan, organisation=current.organisation, user=user)
    current.status = OwnerStatus.LEFT
    current.left_at = timezone.now()
    current.left_by = user
    current.leave_reason = reason
    current.full_clean()
    current.save()
    _record(
        plan=plan,
        user=user,
        obj=current,
        kind=ChangeKind.CHANGED,
        changes=[("status", OwnerStatus.ACCEPTED, OwnerStatus.LEFT), ("leave_reason", "", reason)],
    )
    record(
        event=AuditEvent.PLAN_OWNER_LEFT_ADOPTED,
        actor=user,
        subject=plan.uuid,
        detail=f"{current.organisation.code}: {reason}",
    )
    _tell_the_lead(owner=current, plan=plan, template="owner_left_adopted")
    PLANS.changed()
    return current


# --- handing over the lead ----------------------------------------------------------------------


class HandoverRefused(Exception):
    """The handover is not possible as the plan stands now; the message says why."""


def may_hand_over(user, plan: ActionPlan) -> bool:
    """Handing over the lead is for the lead's own coordinators: a body preparing its plans does not."""
    return is_coordinator(user, plan.organisation)


def handover_candidates(plan: ActionPlan):
    """The organisations the lead may hand the plan to: its accepted co-owners."""
    accepted = PlanOwner.objects.accepted().filter(plan=plan).values("organisation")
    return Organisation.objects.filter(pk__in=accepted).order_by("name")


@transaction.atomic
def lead_handover_request(*, plan: ActionPlan, organisation: Organisation, user) -> LeadHandover:
    """The lead's coordinator hands the lead to `organisation`, an accepted co-owner; its coordinators are told by
    e-mail and accept or decline. Until then nothing changes. One open handover per plan.
    """
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
    if user is not None and not may_hand_over(user, plan):
        raise PermissionDenied("Only the lead's own coordinators hand over the lead.")
    if not PlanOwner.objects.accepted().filter(plan=plan, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("Hand the lead only to an organisation that accepted co-ownership of this plan.")}
        )
    if (open_handover := plan.handovers.open().select_related("to_organisation").first()) is not None:
        raise ValidationError(
            {
                "organisation": _(
                    "The lead has already been offered to %(organisation)s. Wait for its answer before offering "
                    "it again."
                )
                % {"organisation": open_handover.to_organisation.name}
            }
        )
    handover = LeadHandover(
        plan=plan,
        from_organisation=plan.organisation,
        to_organisation=organisation,
        requested_by=user,
        requested_at=timezone.now(),
    )
    handover.full_clean()
    handover.save()
    record(
        event=AuditEvent.PLAN_LEAD_HANDOVER_REQUESTED,
        actor=user,
        subject=plan.uuid,
        detail=f"{plan.organisation.code} → {organisation.code}",
    )
    recipients = coordinators_of(organisation)
    if recipients:
        context = {
            "plan": plan,
            "lead": plan.organisation,
            "organisation": organisation,
            "decide_url": absolute_url("actionplans:handover_decide", uuid=plan.uuid, code=organisation.code),
        }
        transaction.on_commit(
            lambda: send_templated_mail(
                to=recipients, template_prefix="actionplans/email/handover_request", context=context
            )
        )
    return handover


def _lock_open_handover(handover: LeadHandover) -> tuple[ActionPlan, LeadHandover]:
    """The plan and the handover, locked; HandoverRefused when it was answered or withdrawn meanwhile."""
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=handover.plan_id)
    current = (
        LeadHandover.objects.select_for_update(of=("self",))
        .select_related("from_organisation", "to_organisation", "requested_by")
        .get(pk=handover.pk)
    )
    if current.status != HandoverStatus.REQUESTED:
        raise HandoverRefused(
            _("This handover has already been answered: %(status)s.") % {"status": current.get_status_display()}
        )
    return plan, current


def _open_handover(handover: LeadHandover, user) -> tuple[ActionPlan, LeadHandover]:
    """For the new lead's answer: only its own coordinators decide."""
    require_own_coordinator(user, handover.to_organisation)
    return _lock_open_handover(handover)


def _tell_the_old_lead(*, handover: LeadHandover, plan: ActionPlan) -> None:
    recipients = coordinators_of(handover.from_organisation)
    if handover.requested_by is not None and handover.requested_by.is_active:
        recipients = list({user.pk: user for user in [*recipients, handover.requested_by]}.values())
    if not recipients:
        return
    context = {
        "plan": plan,
        "handover": handover,
        "organisation": handover.to_organisation,
        "plan_url": absolute_url("actionplans:plan_detail", uuid=plan.uuid),
    }
    transaction.on_commit(
        lambda: send_templated_mail(to=recipients, template_prefix="actionplans/email/handover_answer", context=context)
    )


@transaction.atomic
def lead_handover_accept(*, handover: LeadHandover, user) -> LeadHandover:
    """The co-owner takes over the lead: it becomes the plan's organisation (its members edit drafts, its
    coordinators decide) and the old lead an accepted co-owner. Each keeps its own adoption: the new lead's
    becomes the plan's, the old lead's moves to its co-owner row. Refused while the plan is adopted and the new
    lead has not adopted it itself, and when the new lead no longer owns the plan.
    """
    plan, current = _open_handover(handover, user)
    old_lead, new_lead = current.from_organisation, current.to_organisation
    if plan.organisation_id != old_lead.pk:
        raise HandoverRefused(_("The lead of this plan has changed since the handover was offered."))
    new_row = PlanOwner.objects.select_for_update().accepted().filter(plan=plan, organisation=new_lead).first()
    if new_row is None:
        raise HandoverRefused(
            _("%(organisation)s no longer owns this plan and cannot take over its lead.")
            % {"organisation": new_lead.name}
        )
    adopted = plan.status != PlanStatus.DRAFT
    if adopted and new_row.adopted_on is None:
        raise HandoverRefused(
            _(
                "The plan has been adopted. Record the adoption by %(organisation)s first: as lead, its adoption "
                "becomes the plan's."
            )
            % {"organisation": new_lead.name}
        )
    old_adoption = (plan.adopted_on, plan.adopted_by) if adopted else (None, "")
    new_row.delete()
    plan.organisation = new_lead
    if adopted:
        plan.adopted_on, plan.adopted_by = new_row.adopted_on, new_row.adopted_by
    plan.version += 1
    plan.save(update_fields=["organisation", "adopted_on", "adopted_by", "version", "updated_at"])
    now = timezone.now()
    old_row = PlanOwner.objects.select_for_update().filter(plan=plan, organisation=old_lead).first() or PlanOwner(
        plan=plan, organisation=old_lead
    )
    old_row.plan = plan
    old_row.status = OwnerStatus.ACCEPTED
    old_row.requested_by, old_row.requested_at = current.requested_by, current.requested_at
    old_row.decided_by, old_row.decided_at = user, now
    old_row.adopted_on, old_row.adopted_by = old_adoption
    old_row.left_at = old_row.left_by = None
    old_row.leave_reason = ""
    old_row.full_clean()
    old_row.save()
    current.status = HandoverStatus.ACCEPTED
    current.decided_by, current.decided_at = user, now
    current.full_clean()
    current.save()
    _record(
        plan=plan,
        user=user,
        obj=plan,
        kind=ChangeKind.CHANGED,
        changes=[("organisation", old_lead.name, new_lead.name)],
    )
    record(
        event=AuditEvent.PLAN_LEAD_HANDOVER_ACCEPTED,
        actor=user,
        subject=plan.uuid,
        detail=f"{old_lead.code} → {new_lead.code}",
    )
    _tell_the_old_lead(handover=current, plan=plan)
    PLANS.changed()
    return current


@transaction.atomic
def lead_handover_decline(*, handover: LeadHandover, user) -> LeadHandover:
    """The co-owner does not take over the lead; nothing else changes, and the lead may offer it again."""
    plan, current = _open_handover(handover, user)
    current.status = HandoverStatus.DECLINED
    current.decided_by, current.decided_at = user, timezone.now()
    current.full_clean()
    current.save()
    record(
        event=AuditEvent.PLAN_LEAD_HANDOVER_DECLINED,
        actor=user,
        subject=plan.uuid,
        detail=f"{current.from_organisation.code} → {current.to_organisation.code}",
    )
    _tell_the_old_lead(handover=current, plan=plan)
    return current


@transaction.atomic
def lead_handover_withdraw(*, handover: LeadHandover, user) -> LeadHandover:
    """The lead's coordinator takes back an offer still open; the co-owner's coordinators are told by e-mail and
    the lead may offer the lead again, to them or to another co-owner."""
    plan, current = _lock_open_handover(handover)
    if user is not None and not may_hand_over(user, plan):
        raise PermissionDenied("Only the lead's own coordinators withdraw a handover.")
    current.status = HandoverStatus.WITHDRAWN
    current.decided_by, current.decided_at = user, timezone.now()
    current.full_clean()
    current.save()
    record(
        event=AuditEvent.PLAN_LEAD_HANDOVER_WITHDRAWN,
        actor=user,
        subject=plan.uuid,
        detail=f"{current.from_organisation.code} → {current.to_organisation.code}",
    )
    recipients = coordinators_of(current.to_organisation)
    if recipients:
        context = {"plan": plan, "lead": plan.organisation, "organisation": current.to_organisation}
        transaction.on_commit(
            lambda: send_templated_mail(
                to=recipients, template_prefix="actionplans/email/handover_withdrawn", context=context
            )
        )
    return current


# --- targets per owner ------------------------------------------------------------------------


def owner_ids(plan: ActionPlan) -> set[int]:
    """The ids of the organisations that own the plan now: the lead and the accepted co-owners."""
    return {
        plan.organisation_id,
        *PlanOwner.objects.accepted().filter(plan=plan).values_list("organisation", flat=True),
    }


@transaction.atomic
def goal_targets_save(*, goal: Goal, user, per_owner: bool, targets: dict[int, Decimal | None]) -> Goal:
    """Give the goal one target per owner (`targets`: organisation id to value), or one shared target again.

    Refuses (ValidationError, nothing saved) a target for an organisation that does not own the plan, and a
    percentage above 100 or below 0. Only in a draft. Without targets per owner the owners' rows go.
    """
    plan = goal.plan
    _require_draft(plan)
    current = Goal.objects.select_for_update(of=("self",)).select_related("common_indicator").get(pk=goal.pk)
    owners = owner_ids(plan)
    strangers = set(targets) - owners
    if strangers:
        names = ", ".join(Organisation.objects.filter(pk__in=strangers).order_by("name").values_list("name", flat=True))
        raise ValidationError(
            _("Only owners of the plan get a target. Not an owner: %(names)s.") % {"names": names or "?"}
        )
    if current.measure_unit == PERCENT:
        errors = {
            f"target_{organisation_id}": _("A percentage lies between 0 and 100.")
            for organisation_id, value in targets.items()
            if value is not None and not 0 <= value <= 100
        }
        if errors:
            raise ValidationError(errors)
    before = current.targets_per_owner
    current.targets_per_owner = per_owner
    if per_owner:
        for organisation_id, value in targets.items():
            OwnerTarget.objects.update_or_create(
                goal=current, organisation_id=organisation_id, defaults={"target_value": value}
            )
        current.owner_targets.exclude(organisation__in=owners).delete()
    else:
        current.owner_targets.all().delete()
    current.version += 1
    current.save(update_fields=["targets_per_owner", "version"])
    _record(
        plan=plan,
        user=user,
        obj=current,
        kind=ChangeKind.CHANGED,
        changes=[("targets_per_owner", _("Yes") if before else _("No"), _("Yes") if per_owner else _("No"))],
    )
    return current
