"""Joint plans: an organisation asks another to own its plan with it; the other accepts or declines and,
once the lead has adopted the plan, records its own adoption. Targets per owner are set on the goals.

Who may do what (actionplans/permissions.py reads the same):
- asking: a coordinator of the lead, or a cooperative body's coordinator who prepares the lead's plans;
- accepting, declining and adopting as co-owner: the co-owner's own coordinators, never a body;
- targets per owner: whoever edits the draft (the lead's members, a body preparing the lead's plans);
- withdrawing a request still open: whoever may ask (the request row goes; the organisation may be asked again);
- leaving the plan: the co-owner's own coordinators, as long as the co-owner has not adopted the plan itself
  (in a draft always, since taking a plan back to draft clears the co-owners' adoptions). Once its own body
  adopted the plan, the co-owner answers for it in the register and the monitor: it stays an owner.

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


class OwnershipRefused(Exception):
    """The step is not possible for this co-ownership as it stands now; the message says why."""


def may_request_co_owner(user, plan: ActionPlan) -> bool:
    """Ask an organisation to co-own the plan: a coordinator of the lead, or a body that prepares its plans."""
    return (
        is_coordinator(user, plan.organisation) or prepared_organisations(user).filter(pk=plan.organisation_id).exists()
    )


def candidate_co_owners(plan: ActionPlan):
    """Active organisations that may still be asked: not the lead, not asked already (unless they declined)."""
    asked = PlanOwner.objects.filter(plan=plan).exclude(status=OwnerStatus.DECLINED).values("organisation")
    return Organisation.objects.active().exclude(pk=plan.organisation_id).exclude(pk__in=asked).order_by("name")


def _coordinators(organisation) -> list:
    memberships = Membership.objects.coordinators().filter(organisation=organisation, user__is_active=True)
    return [membership.user for membership in memberships.select_related("user")]


@transaction.atomic
def owner_request(*, plan: ActionPlan, organisation: Organisation, user) -> PlanOwner:
    """Ask `organisation` to own the plan with its lead; its coordinators are told by e-mail.

    `user=None` is the portal itself (demo data). A declined organisation may be asked again.
    """
    if user is not None and not may_request_co_owner(user, plan):
        raise PermissionDenied("Only the lead's coordinators, or a body preparing its plans, ask for co-ownership.")
    plan = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
    if organisation.pk == plan.organisation_id:
        raise ValidationError({"organisation": _("The lead organisation already owns the plan.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("Choose an active organisation.")})
    owner = PlanOwner.objects.select_for_update().filter(plan=plan, organisation=organisation).first()
    if owner is not None and owner.status != OwnerStatus.DECLINED:
        raise ValidationError({"organisation": _("This organisation has already been asked to own this plan.")})
    if owner is None:
        owner = PlanOwner(plan=plan, organisation=organisation)
    owner.status = OwnerStatus.REQUESTED
    owner.requested_by = user
    owner.requested_at = timezone.now()
    owner.decided_by = owner.decided_at = None
    owner.full_clean()
    owner.save()
    record(event=AuditEvent.PLAN_OWNER_REQUESTED, actor=user, subject=plan.uuid, detail=organisation.code)
    context = {
        "plan": plan,
        "lead": plan.organisation,
        "organisation": organisation,
        "decide_url": absolute_url("actionplans:owner_decide", uuid=plan.uuid, code=organisation.code),
    }
    recipients = _coordinators(organisation)
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
    recipients = _coordinators(plan.organisation)
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
    recipients = _coordinators(organisation)
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
                "%(organisation)s adopted this plan on %(date)s and stays one of its owners. Ask the lead "
                "organisation to take the plan back to draft first if it should no longer count for you."
            )
            % {"organisation": current.organisation.name, "date": adopted_on.strftime("%d-%m-%Y")}
        )
    OwnerTarget.objects.filter(goal__plan=plan, organisation=current.organisation).delete()
    current.delete()
    record(event=AuditEvent.PLAN_OWNER_LEFT, actor=user, subject=plan.uuid, detail=current.organisation.code)
    _tell_the_lead(owner=current, plan=plan, template="owner_left")
    PLANS.changed()


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
