"""Acting for an organisation: asking to join, the members page, the coordinator role and leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from manifest import services
from manifest.forms import CoordinatorRequestForm, MemberRemoveForm, MemberRoleForm, MembershipRequestForm
from manifest.models import CoordinatorRequest, Membership, MembershipRole
from manifest.permissions import get_member_for_coordinator, get_organisation_for_user


@login_required
def membership_request(request):
    initial = {"organisation": request.GET.get("organisatie")} if request.method == "GET" else None
    form = MembershipRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_request(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                motivation=form.cleaned_data["motivation"],
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            if membership.is_verified:
                messages.success(
                    request,
                    _("Your e-mail address belongs to %(organisation)s: you are now a member.")
                    % {"organisation": membership.organisation.name},
                )
            else:
                messages.success(
                    request,
                    _("Your request has been sent. VNG staff will check it and let you know by e-mail."),
                )
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("accounts:dashboard")
    return render(request, "manifest/membership_request.html", {"form": form})


def _crumbs(organisation, *extra):
    return [
        (reverse("accounts:dashboard"), _("My portal")),
        (reverse("manifest:organisation_members", args=[organisation.code]), organisation.name),
        *extra,
    ]


def _members_page(organisation):
    return redirect("manifest:organisation_members", code=organisation.code)


@login_required
@require_safe
def organisation_members(request, code):
    """The people who act for an organisation, with their roles; coordinators change roles and remove members."""
    organisation = get_organisation_for_user(request.user, code)
    waiting = CoordinatorRequest.objects.waiting().filter(membership=OuterRef("pk"))
    members = list(
        Membership.objects.verified()
        .filter(organisation=organisation)
        .select_related("user")
        .annotate(asks_coordinator=Exists(waiting))
        .order_by("role", "user__full_name", "user__email")  # coordinators first
    )
    own_request = None
    if organisation.membership is not None:
        own_request = CoordinatorRequest.objects.waiting().filter(membership=organisation.membership).first()
    return render(
        request,
        "manifest/organisation_members.html",
        {
            "organisation": organisation,
            "members": members,
            "has_coordinator": any(member.is_coordinator for member in members),
            "own_request": own_request,
            "crumbs": _crumbs(organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coordinator_request(request, code):
    """A member asks for the coordinator role, with a reason; VNG staff decide."""
    organisation = get_organisation_for_user(request.user, code)
    membership = organisation.membership
    if membership is None:
        raise PermissionDenied("Only members ask for the coordinator role.")
    if membership.is_coordinator:
        messages.info(request, _("You are already coordinator of %(organisation)s.") % {"organisation": organisation})
        return _members_page(organisation)
    waiting = CoordinatorRequest.objects.waiting().filter(membership=membership).first()
    form = CoordinatorRequestForm(request.POST or None) if waiting is None else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.coordinator_request_submit(
                membership=membership, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. VNG staff decide and let you know by e-mail; a coordinator of "
                    "%(organisation)s can also make you coordinator."
                )
                % {"organisation": organisation.name},
            )
            return _members_page(organisation)
    return render(
        request,
        "manifest/coordinator_request.html",
        {
            "organisation": organisation,
            "form": form,
            "waiting": waiting,
            "crumbs": _crumbs(organisation, (request.path, _("Ask for the coordinator role"))),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def member_role(request, code):
    """A coordinator makes a member coordinator, or takes the role back (also their own, unless the last)."""
    organisation = get_organisation_for_user(request.user, code)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a member and a role."))
        return _members_page(organisation)
    membership = get_member_for_coordinator(request.user, organisation, form.cleaned_data["membership"])
    role = form.cleaned_data["role"]
    try:
        services.membership_change_role(membership=membership, role=role, by=request.user)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        if role == MembershipRole.COORDINATOR:
            text = _("%(person)s is now coordinator of %(organisation)s.")
        else:
            text = _("%(person)s is now a member of %(organisation)s without the coordinator role.")
        messages.success(request, text % {"person": membership.user, "organisation": organisation.name})
    return _members_page(organisation)


@login_required
@require_POST
def member_remove(request, code):
    """A coordinator removes a member: first a page to confirm (with an optional reason), then the removal."""
    organisation = get_organisation_for_user(request.user, code)
    form = MemberRemoveForm(request.POST)
    if not form.is_valid() and "membership" in form.errors:
        messages.error(request, _("Choose a member."))
        return _members_page(organisation)
    membership = get_member_for_coordinator(request.user, organisation, request.POST.get("membership"))
    if "confirm" in request.POST and form.is_valid():
        try:
            services.membership_remove(membership=membership, by=request.user, reason=form.cleaned_data["reason"])
        except services.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(person)s no longer acts for %(organisation)s.")
                % {"person": membership.user, "organisation": organisation.name},
            )
        return _members_page(organisation)
    if "confirm" not in request.POST:
        form = MemberRemoveForm(initial={"membership": membership.pk})
    return render(
        request,
        "manifest/member_remove.html",
        {
            "organisation": organisation,
            "member": membership,
            "form": form,
            "crumbs": _crumbs(organisation, (request.path, _("Remove a member"))),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_leave(request, code):
    """A member stops acting for the organisation; the last coordinator is asked to pass the role on first."""
    organisation = get_organisation_for_user(request.user, code)
    if organisation.membership is None:
        raise PermissionDenied("Only members leave an organisation.")
    if request.method == "POST":
        try:
            services.membership_leave(membership=organisation.membership, by=request.user)
        except services.MembershipError as error:
            messages.error(request, str(error))
            return _members_page(organisation)
        messages.success(request, _("You no longer act for %(organisation)s.") % {"organisation": organisation.name})
        return redirect("accounts:dashboard")
    return render(
        request,
        "manifest/membership_leave.html",
        {"organisation": organisation, "crumbs": _crumbs(organisation, (request.path, _("Leave the organisation")))},
    )
