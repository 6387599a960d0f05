"""The review of a plan by VNG: its page, the staff's feedback form, a coordinator's reply and agreement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actionplans import review_services
from actionplans.checklist import plan_checklist
from actionplans.models import ReviewFinding, ReviewStatus
from actionplans.permissions import get_finding_for_user, get_plan_for_user
from actionplans.review_forms import FeedbackForm, ReplyForm
from actionplans.views import _apply_validation_error, _confirm_page, _crumbs, _form_page
from core.staff import has_staff_powers, require_staff_powers

GET_POST = require_http_methods(["GET", "POST"])


def _review_url(plan) -> str:
    return reverse("actionplans:plan_review", args=[plan.uuid])


def _latest_review(plan):
    """The plan's latest review with its findings and their replies: two queries."""
    findings = ReviewFinding.objects.select_related("reply").order_by("id")
    review = plan.reviews.prefetch_related(Prefetch("findings", queryset=findings)).first()
    if review is not None:
        review.plan = plan
    return review


@GET_POST
def plan_review(request, uuid):
    """Members read the review and its feedback; a coordinator submits the adopted plan (POST) or replies."""
    plan = get_plan_for_user(request.user, uuid, coordinate=request.method == "POST")
    if request.method == "POST":
        try:
            review_services.review_submit(plan=plan, user=request.user, request=request)
        except review_services.ReviewRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("The plan has been sent to VNG for review. You will get an e-mail with the feedback.")
            )
        return redirect(_review_url(plan))
    review = _latest_review(plan)
    heading = _("Review by VNG")
    return render(
        request,
        "actionplans/review.html",
        {
            "plan": plan,
            "review": review,
            "may_reply": plan.can_coordinate and review is not None and review.status == ReviewStatus.FEEDBACK,
            "may_submit": plan.can_coordinate and not plan.is_draft and (review is None or not review.is_open),
            "may_give_feedback": has_staff_powers(request.user)
            and review is not None
            and review.status == ReviewStatus.SUBMITTED,
            "heading": heading,
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
    )


@GET_POST
def review_feedback(request, uuid):
    """VNG staff go through the checklist, starting from what the plan's data suggests."""
    plan = get_plan_for_user(request.user, uuid)
    require_staff_powers(request.user)
    review = plan.reviews.open().first()
    if review is None or review.status != ReviewStatus.SUBMITTED:
        messages.error(request, _("This plan has no review waiting for feedback."))
        return redirect(_review_url(plan))
    review.plan = plan
    form = FeedbackForm(request.POST or None, checklist=plan_checklist(plan))
    if request.method == "POST" and form.is_valid():
        try:
            review_services.review_give_feedback(
                review=review, user=request.user, findings=form.findings(), request=request
            )
        except review_services.ReviewRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(_review_url(plan))
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The feedback has been sent to the coordinators of the organisation."))
            return redirect(_review_url(plan))
    return _form_page(
        request,
        plan,
        form=form,
        heading=_("Give feedback"),
        intro=_(
            "The assessments and comments are filled in from the plan's data as a suggestion. Check each item "
            "against the plan and change what you see differently; a comment is needed where something needs "
            "attention."
        ),
        submit=_("Send feedback"),
        cancel=_review_url(plan),
    )


@GET_POST
def review_reply(request, uuid, item):
    """A coordinator's one reply to VNG's finding on one item."""
    finding = get_finding_for_user(request.user, uuid, item, coordinate=True)
    plan = finding.review.plan
    back = _review_url(plan) + f"#finding-{finding.item}"
    if hasattr(finding, "reply"):
        messages.error(request, _("You have already replied to this item. A reply cannot be changed."))
        return redirect(back)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_services.review_reply(
                finding=finding, user=request.user, text=form.cleaned_data["text"], request=request
            )
        except review_services.ReviewRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(back)
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("Your reply has been saved."))
            return redirect(back)
    return _form_page(
        request,
        plan,
        form=form,
        heading=_("Reply to the feedback"),
        intro=_("VNG on “%(item)s” (%(status)s): %(comment)s")
        % {
            "item": finding.get_item_display(),
            "status": finding.get_status_display(),
            "comment": finding.comment or _("no comment"),
        },
        submit=_("Send reply"),
        cancel=back,
    )


@GET_POST
def review_agree(request, uuid):
    """A coordinator agrees with the feedback: the review is complete."""
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    review = plan.reviews.open().first()
    if review is None or review.status != ReviewStatus.FEEDBACK:
        messages.error(request, _("You can agree once VNG has given its feedback, and only once."))
        return redirect(_review_url(plan))
    if request.method == "POST":
        try:
            review_services.review_agree(review=review, user=request.user, request=request)
        except review_services.ReviewRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("The review is complete. Once published, the plan shows that VNG has reviewed it."),
            )
        return redirect(_review_url(plan))
    return _confirm_page(
        request,
        plan,
        heading=_("Agree with the feedback"),
        text=_(
            "Your organisation agrees with VNG's feedback and your replies. The review is then complete and the "
            "published plan shows “reviewed by VNG” with today's date. Replies are no longer possible."
        ),
        submit=_("Agree and complete the review"),
        cancel=_review_url(plan),
    )
