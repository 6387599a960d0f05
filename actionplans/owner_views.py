"""Joint plans: ask an organisation to co-own a plan, answer the request, adopt as co-owner, leave (also after
adopting), hand over the lead, targets per owner."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import owner_services
from actionplans.forms import AdoptForm
from actionplans.models import HandoverStatus, OwnerStatus, OwnerTarget, PlanOwner, PlanStatus, adoption_of, plan_owners
from actionplans.owner_forms import GoalTargetsForm, HandoverRequestForm, LeaveAdoptedForm, OwnerRequestForm
from actionplans.permissions import get_goal_for_user, get_handover_for_user, get_owner_for_user, get_plan_for_user
from actionplans.views import _apply_validation_error, _crumbs, _form_page, refusal_as_message
from manifest.permissions import deny

GET_POST = require_http_methods(["GET", "POST"])


@GET_POST
def owner_request(request, uuid):
    """A coordinator of the lead, or a body preparing its plans, asks another organisation to own the plan too."""
    plan = get_plan_for_user(request.user, uuid)
    if not plan.can_request_co_owner:
        deny(request.user, "Only the lead's coordinators, or a body preparing its plans, ask for co-ownership.")
    form = OwnerRequestForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            owner_services.owner_request(plan=plan, organisation=organisation, user=request.user)
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            if owner_services.coordinators_of(organisation):
                messages.success(
                    request,
                    _("%(organisation)s has been asked to own this plan too. Its coordinators accept or decline.")
                    % {"organisation": organisation.name},
                )
            else:  # the request mail had nobody to go to
                messages.warning(
                    request,
                    _(
                        "%(organisation)s has been asked to own this plan too, but it has no coordinator in the "
                        "portal yet, so nobody there has had an e-mail. Let your contacts at %(organisation)s know: "
                        "once one of its members has the coordinator role, the request waits on their “My portal”."
                    )
                    % {"organisation": organisation.name},
                )
            return redirect(plan)
    return _form_page(
        request,
        plan,
        form=form,
        heading=_("Ask a co-owner"),
        intro=_(
            "A joint plan belongs to several organisations, for example municipalities that buy together. "
            "The organisation you ask gets an e-mail; once its coordinators accept, its members read the plan, "
            "it counts for that organisation too and its coordinators record its own adoption."
        ),
        submit=_("Send the request"),
        status=400 if form.errors else 200,
    )


def _owner_crumbs(owner, heading):
    plan = owner.plan
    if getattr(plan, "is_member", False) or getattr(plan, "reads_as_co_owner", False) or not owner.is_own_coordinator:
        return _crumbs(plan, (owner.get_absolute_url(), heading))
    return [(reverse("accounts:dashboard"), _("My portal")), (owner.get_absolute_url(), heading)]


@require_GET
def owner_decide(request, uuid, code):
    """The request itself: what the asked organisation's coordinators see before they accept or decline."""
    owner = get_owner_for_user(request.user, uuid, code)
    heading = _("Co-ownership of “%(title)s”") % {"title": owner.plan.title}
    return render(
        request,
        "actionplans/owner_decide.html",
        {
            "owner": owner,
            "plan": owner.plan,
            "heading": heading,
            "may_decide": owner.is_own_coordinator and owner.status == OwnerStatus.REQUESTED,
            "may_adopt": owner.is_own_coordinator
            and owner.status == OwnerStatus.ACCEPTED
            and owner.plan.status != PlanStatus.DRAFT
            and owner.adopted_on is None,
            "may_withdraw": owner.status == OwnerStatus.REQUESTED
            and owner_services.may_request_co_owner(request.user, owner.plan),
            "may_leave": owner.is_own_coordinator and owner_services.may_leave(request.user, owner, owner.plan),
            "may_leave_adopted": owner.is_own_coordinator
            and owner_services.may_leave_adopted(request.user, owner, owner.plan),
            "crumbs": _owner_crumbs(owner, heading),
        },
    )


def _decide(request, uuid, code, *, service, done):
    owner = get_owner_for_user(request.user, uuid, code, decide=True)
    try:
        owner = service(owner=owner, user=request.user)
    except owner_services.OwnershipRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(owner)
    messages.success(request, done % {"title": owner.plan.title})
    return redirect(owner.plan if owner.status == OwnerStatus.ACCEPTED else reverse("accounts:dashboard"))


@require_POST
def owner_accept(request, uuid, code):
    return _decide(
        request,
        uuid,
        code,
        service=owner_services.owner_accept,
        done=_("You now own “%(title)s” together with its lead. Record your own adoption once it is adopted."),
    )


@require_POST
def owner_decline(request, uuid, code):
    return _decide(
        request,
        uuid,
        code,
        service=owner_services.owner_decline,
        done=_("You declined co-ownership of “%(title)s”."),
    )


@require_POST
def owner_withdraw(request, uuid, code):
    """The lead's coordinator, or a body preparing the lead's plans, takes back a request that is still open."""
    plan = get_plan_for_user(request.user, uuid)
    owner = get_object_or_404(PlanOwner.objects.select_related("organisation"), plan=plan, organisation__code=code)
    if not plan.can_request_co_owner:
        deny(request.user, "Only the lead's coordinators, or a body preparing its plans, withdraw a request.")
    try:
        owner_services.owner_withdraw(owner=owner, user=request.user)
    except owner_services.OwnershipRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(plan)
    messages.success(
        request,
        _("The request to %(organisation)s has been withdrawn. Its coordinators have been told.")
        % {"organisation": owner.organisation.name},
    )
    return redirect(plan)


@require_POST
def owner_leave(request, uuid, code):
    """A coordinator of an accepted co-owner leaves the plan, as long as its own body has not adopted it."""
    owner = get_owner_for_user(request.user, uuid, code, decide=True)
    try:
        owner_services.owner_leave(owner=owner, user=request.user)
    except owner_services.OwnershipRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(owner)
    messages.success(
        request,
        _("%(organisation)s no longer owns “%(title)s”. The lead organisation has been told.")
        % {"organisation": owner.organisation.name, "title": owner.plan.title},
    )
    return redirect("accounts:dashboard")


@GET_POST
def owner_leave_adopted(request, uuid, code):
    """A coordinator of a co-owner whose own body adopted the plan withdraws from it, giving the reason."""
    owner = get_owner_for_user(request.user, uuid, code, decide=True)
    plan = owner.plan
    if not owner_services.may_leave_adopted(request.user, owner, plan):
        messages.error(
            request,
            _("Only a co-owner that adopted this plan itself withdraws from it here.")
            if owner.status == OwnerStatus.ACCEPTED
            else _("%(organisation)s does not own this plan (%(status)s) and cannot leave it.")
            % {"organisation": owner.organisation.name, "status": owner.get_status_display()},
        )
        return redirect(owner)
    form = LeaveAdoptedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            owner_services.owner_leave_adopted(owner=owner, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_validation_error(form, error)
        except owner_services.OwnershipRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(owner)
        else:
            messages.success(
                request,
                _("%(organisation)s has withdrawn from “%(title)s”. The lead organisation has been told.")
                % {"organisation": owner.organisation.name, "title": plan.title},
            )
            return redirect("accounts:dashboard")
    heading = _("Withdraw %(organisation)s from this plan") % {"organisation": owner.organisation.name}
    return render(
        request,
        "actionplans/form_page.html",
        {
            "plan": plan,
            "form": form,
            "heading": heading,
            "intro": _(
                "%(organisation)s adopted this joint plan on %(date)s. If it withdraws, its adoption ends: the plan "
                "no longer counts for %(organisation)s in the register, on the ladder and in the monitor, its "
                "members no longer read it and its targets on the goals go. Reports already submitted stay as they "
                "are. The lead organisation is told, with your reason."
            )
            % {"organisation": owner.organisation.name, "date": owner.adopted_on.strftime("%d-%m-%Y")},
            "submit": _("Withdraw from this plan"),
            "cancel": owner.get_absolute_url(),
            "crumbs": _owner_crumbs(owner, heading),
        },
        status=400 if form.errors else 200,
    )


@GET_POST
def owner_adopt(request, uuid, code):
    """A coordinator of an accepted co-owner records its own adoption, after the lead adopted the plan."""
    owner = get_owner_for_user(request.user, uuid, code, decide=True)
    plan = owner.plan
    if owner.status != OwnerStatus.ACCEPTED or plan.status == PlanStatus.DRAFT:
        messages.error(request, _("The lead organisation adopts the plan first; then each co-owner records its own."))
        return redirect(owner)
    if (adopted_on := adoption_of(plan, owner.organisation)) is not None:
        messages.error(
            request,
            _("%(organisation)s already adopted this plan on %(date)s.")
            % {"organisation": owner.organisation.name, "date": adopted_on.strftime("%d-%m-%Y")},
        )
        return redirect(owner)
    form = AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            owner_services.owner_adopt(owner=owner, user=request.user, **form.cleaned_data)
        except owner_services.OwnershipRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(owner)
        messages.success(
            request,
            _("The adoption by %(organisation)s has been recorded.") % {"organisation": owner.organisation.name},
        )
        return redirect(owner)
    heading = _("Record the adoption by %(organisation)s") % {"organisation": owner.organisation.name}
    return render(
        request,
        "actionplans/form_page.html",
        {
            "plan": plan,
            "form": form,
            "heading": heading,
            "intro": _(
                "Record when and by which body %(organisation)s adopted this joint plan. The lead organisation "
                "records its own adoption on the plan."
            )
            % {"organisation": owner.organisation.name},
            "submit": _("Record adoption"),
            "cancel": owner.get_absolute_url(),
            "crumbs": _owner_crumbs(owner, heading),
        },
        status=400 if form.errors else 200,
    )


# --- handing over the lead ------------------------------------------------------------------------


@GET_POST
def handover_request(request, uuid):
    """The lead's coordinator offers the lead of the plan to one of its accepted co-owners."""
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    form = HandoverRequestForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            owner_services.lead_handover_request(plan=plan, organisation=organisation, user=request.user)
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The lead has been offered to %(organisation)s. Its coordinators accept or decline.")
                % {"organisation": organisation.name},
            )
            return redirect(plan)
    return _form_page(
        request,
        plan,
        form=form,
        heading=_("Hand over the lead"),
        intro=_(
            "The lead drafts and changes the plan, adopts it for the plan as a whole and submits its reports. "
            "Once the new lead's coordinators accept, %(organisation)s stays a co-owner and keeps its own "
            "adoption. If the plan has been adopted, the new lead records its own adoption first."
        )
        % {"organisation": plan.organisation.name},
        submit=_("Offer the lead"),
        status=400 if form.errors else 200,
    )


@require_GET
def handover_decide(request, uuid, code):
    """The handover itself: what the new lead's coordinators see before they accept or decline."""
    handover = get_handover_for_user(request.user, uuid, code)
    plan = handover.plan
    heading = _("Lead of “%(title)s”") % {"title": plan.title}
    return render(
        request,
        "actionplans/handover_decide.html",
        {
            "handover": handover,
            "plan": plan,
            "heading": heading,
            "may_decide": handover.is_own_coordinator and handover.status == HandoverStatus.REQUESTED,
            "may_withdraw": handover.status == HandoverStatus.REQUESTED
            and owner_services.may_hand_over(request.user, plan),
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
    )


def _handover_decide(request, uuid, code, *, service, done):
    handover = get_handover_for_user(request.user, uuid, code, decide=True)
    try:
        handover = service(handover=handover, user=request.user)
    except owner_services.HandoverRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(handover)
    messages.success(request, done % {"title": handover.plan.title, "organisation": handover.to_organisation.name})
    return redirect(handover.plan)


@require_POST
def handover_accept(request, uuid, code):
    return _handover_decide(
        request,
        uuid,
        code,
        service=owner_services.lead_handover_accept,
        done=_("%(organisation)s now leads “%(title)s”. The previous lead stays a co-owner and has been told."),
    )


@require_POST
def handover_decline(request, uuid, code):
    return _handover_decide(
        request,
        uuid,
        code,
        service=owner_services.lead_handover_decline,
        done=_("You declined to take over the lead of “%(title)s”. The lead has been told."),
    )


@require_POST
def handover_withdraw(request, uuid, code):
    """The lead's coordinator takes back an offer of the lead that is still open."""
    handover = get_handover_for_user(request.user, uuid, code)
    if not owner_services.may_hand_over(request.user, handover.plan):
        deny(request.user, "Only the lead's own coordinators withdraw a handover.")
    try:
        owner_services.lead_handover_withdraw(handover=handover, user=request.user)
    except owner_services.HandoverRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(handover)
    messages.success(
        request,
        _("The offer of the lead to %(organisation)s has been withdrawn. Its coordinators have been told.")
        % {"organisation": handover.to_organisation.name},
    )
    return redirect(handover.plan)


@GET_POST
@refusal_as_message
def goal_targets(request, uuid, goal_id):
    """Targets per owner of a goal of a joint plan, while the plan is a draft."""
    goal = get_goal_for_user(request.user, uuid, goal_id, edit=True)
    plan = goal.plan
    owners = plan_owners(plan)
    targets = dict(OwnerTarget.objects.filter(goal=goal).values_list("organisation", "target_value"))
    form = GoalTargetsForm(request.POST or None, goal=goal, owners=owners, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            owner_services.goal_targets_save(
                goal=goal,
                user=request.user,
                per_owner=form.cleaned_data["targets_per_owner"],
                targets=form.targets(),
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The targets have been saved."))
            return redirect(goal)
    return _form_page(
        request,
        plan,
        form=form,
        heading=_("Targets per owner: %(goal)s") % {"goal": goal.title},
        intro=_(
            "In a joint plan each owner may set its own target for a goal. The owners are the lead and the "
            "organisations that accepted co-ownership."
        ),
        status=400 if form.errors else 200,
    )
