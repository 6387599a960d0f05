"""The review of an adopted plan by VNG: submit, give feedback per checklist item, reply once per item, agree.

Each step locks the review (or the plan) and checks its status again, so a step taken in two windows at
once happens once; each writes an audit entry, and the steps that concern the other party send mail
after the commit. Views and the admin call these functions; the permission getters decide who reaches
them, and the services check the role again (staff powers, coordinator).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.cache import PLANS
from actionplans.models import (
    ActionPlan,
    FindingStatus,
    PlanReview,
    PlanStatus,
    ReviewFinding,
    ReviewItem,
    ReviewReply,
    ReviewStatus,
)
from audit.log import record
from audit.models import AuditEvent
from core.mail import absolute_url, send_templated_mail
from core.staff import require_staff_powers
from manifest.models import Membership
from manifest.permissions import is_coordinator


class ReviewRefused(Exception):
    """The step is not possible now; the message says why, in words for the person who tried."""


def _require_coordinator(user, plan: ActionPlan) -> None:
    if not is_coordinator(user, plan.organisation):
        raise PermissionDenied("Only a coordinator of the plan's organisation takes this step.")


def _locked(review: PlanReview) -> PlanReview:
    return PlanReview.objects.select_for_update().select_related("plan__organisation").get(pk=review.pk)


def _coordinators(plan: ActionPlan) -> list:
    memberships = Membership.objects.active_coordinators().filter(organisation=plan.organisation_id)
    return [membership.user for membership in memberships.select_related("user")]


def _mail(*, to, template: str, review: PlanReview, language: str | None = None) -> None:
    context = {
        "plan": review.plan,
        "organisation": review.plan.organisation,
        "review_url": absolute_url("actionplans:plan_review", uuid=review.plan.uuid),
    }
    transaction.on_commit(
        lambda: send_templated_mail(
            to=to, template_prefix=f"actionplans/email/{template}", context=context, language=language
        )
    )


def open_review(plan: ActionPlan) -> PlanReview | None:
    return plan.reviews.open().first()


@transaction.atomic
def review_submit(*, plan: ActionPlan, user, request=None) -> PlanReview:
    """Ask VNG to review the adopted plan; VNG's inbox is told. One open review per plan."""
    current = ActionPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
    _require_coordinator(user, current)
    if current.status == PlanStatus.DRAFT:
        raise ReviewRefused(_("A draft plan cannot be reviewed. Record its adoption first, then ask for a review."))
    if current.reviews.open().exists():
        raise ReviewRefused(_("This plan is already being reviewed. Wait for the feedback of VNG."))
    review = PlanReview.objects.create(plan=current, adopted_on=current.adopted_on, submitted_by=user)
    record(
        event=AuditEvent.PLAN_REVIEW_SUBMITTED,
        actor=user,
        request=request,
        subject=current,
        detail=current.organisation,
    )
    # VNG's shared inbox has no account: the mail is in Dutch.
    _mail(to=[settings.VNG_CONTACT_EMAIL], template="review_submitted", review=review)
    return review


def _check_findings(findings: dict) -> None:
    errors = {}
    if set(findings) != set(ReviewItem.values):
        raise ValueError("Feedback needs exactly one finding per checklist item.")
    for item, (status, comment) in findings.items():
        if status not in FindingStatus.values:
            errors[f"{item}_status"] = _("Choose “in order” or “needs attention”.")
        elif status == FindingStatus.ATTENTION and not comment.strip():
            errors[f"{item}_comment"] = _("Say what needs attention.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_give_feedback(*, review: PlanReview, user, findings: dict, request=None) -> PlanReview:
    """VNG staff's assessment and comment per checklist item: {item: (status, comment)} for every item.

    The organisation's coordinators are told the feedback is ready.
    """
    require_staff_powers(user)
    current = _locked(review)
    if current.status != ReviewStatus.SUBMITTED:
        raise ReviewRefused(_("Feedback on this review has already been given."))
    _check_findings(findings)
    ReviewFinding.objects.bulk_create(
        ReviewFinding(review=current, item=item, status=findings[item][0], comment=findings[item][1].strip())
        for item in ReviewItem.values
    )
    current.status = ReviewStatus.FEEDBACK
    current.feedback_at = timezone.now()
    current.feedback_by = user
    current.save(update_fields=["status", "feedback_at", "feedback_by"])
    attention = sum(status == FindingStatus.ATTENTION for status, _comment in findings.values())
    record(
        event=AuditEvent.PLAN_REVIEW_FEEDBACK,
        actor=user,
        request=request,
        subject=current.plan,
        detail=f"attention: {attention}",
    )
    _mail(to=_coordinators(current.plan), template="review_feedback", review=current)
    return current


@transaction.atomic
def review_reply(*, finding: ReviewFinding, user, text: str, request=None) -> ReviewReply:
    """A coordinator's one reply to one finding, while the review waits for the organisation's agreement."""
    review = _locked(finding.review)
    _require_coordinator(user, review.plan)
    if review.status != ReviewStatus.FEEDBACK:
        raise ReviewRefused(_("Replies are only possible after the feedback and before you agree."))
    if ReviewReply.objects.filter(finding=finding).exists():
        raise ReviewRefused(_("You have already replied to this item. A reply cannot be changed."))
    if not text.strip():
        raise ValidationError({"text": _("Write your reply.")})
    reply = ReviewReply.objects.create(finding=finding, text=text.strip(), replied_by=user)
    record(event=AuditEvent.PLAN_REVIEW_REPLY, actor=user, request=request, subject=review.plan, detail=finding.item)
    return reply


@transaction.atomic
def review_agree(*, review: PlanReview, user, request=None) -> PlanReview:
    """The organisation agrees with the feedback: the review is complete and the published plan says so."""
    current = _locked(review)
    _require_coordinator(user, current.plan)
    if current.status != ReviewStatus.FEEDBACK:
        raise ReviewRefused(_("You can agree once VNG has given its feedback, and only once."))
    current.status = ReviewStatus.COMPLETED
    current.completed_at = timezone.now()
    current.completed_by = user
    current.save(update_fields=["status", "completed_at", "completed_by"])
    record(event=AuditEvent.PLAN_REVIEW_AGREED, actor=user, request=request, subject=current.plan)
    PLANS.changed()  # the published plan (page and documents) now shows the review
    return current


def completed_review(plan: ActionPlan) -> PlanReview | None:
    """The plan's completed review of its current adoption, if any: what "reviewed by VNG" stands for.

    A plan taken back to draft and adopted again on another day needs a new review.
    """
    if not plan.adopted_on:
        return None
    return plan.reviews.completed().filter(adopted_on=plan.adopted_on).order_by("-completed_at").first()
