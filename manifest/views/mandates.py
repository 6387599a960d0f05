"""A member organisation lets a cooperative body prepare its action plans, and takes that right back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from manifest import permissions, services
from manifest.models import Organisation, PreparationMandate
from manifest.permissions import get_organisation_for_user


def _page(organisation):
    return redirect("manifest:organisation_mandates", code=organisation.code)


def _current_bodies(organisation) -> list[Organisation]:
    """The bodies the organisation belongs to now, and those it left that still hold a grant, each with
    `mandate` (the active grant to it, or None) and `is_current` (the organisation is a member now)."""
    active = PreparationMandate.objects.active().filter(member=organisation).select_related("granted_by")
    current = set(Organisation.objects.bodies_of(organisation).values_list("pk", flat=True))
    bodies = list(
        Organisation.objects.filter(Q(pk__in=current) | Q(pk__in=active.values("body")))
        .prefetch_related(Prefetch("mandates_received", queryset=active, to_attr="active_mandates"))
        .order_by("name")
    )
    for body in bodies:
        body.mandate = body.active_mandates[0] if body.active_mandates else None
        body.is_current = body.pk in current
    return bodies


@login_required
@require_safe
def organisation_mandates(request, code):
    """Which cooperative bodies prepare the organisation's action plans; its coordinators grant and revoke."""
    organisation = get_organisation_for_user(request.user, code)
    return render(
        request,
        "manifest/organisation_mandates.html",
        {
            "organisation": organisation,
            "bodies": _current_bodies(organisation),
            "can_manage": permissions.may_manage_mandates(request.user, organisation),
            "crumbs": [
                (reverse("accounts:dashboard"), _("My portal")),
                (reverse("manifest:organisation_members", args=[organisation.code]), organisation.name),
                (request.path, _("Cooperative bodies")),
            ],
        },
    )


def _chosen_body(request, organisation) -> Organisation | None:
    """The body named in the form, among those the organisation belongs to now; None (with a message) otherwise."""
    code = request.POST.get("body", "")
    body = Organisation.objects.bodies_of(organisation).filter(code=code).first() if code else None
    if body is None:
        messages.error(
            request,
            _("Choose a cooperative body that %(organisation)s is a member of now.")
            % {"organisation": organisation.name},
        )
    return body


@login_required
@require_POST
def mandate_grant(request, code):
    organisation = get_organisation_for_user(request.user, code)
    if not permissions.may_manage_mandates(request.user, organisation):
        permissions.deny(request.user, "Only coordinators grant this right.")
    body = _chosen_body(request, organisation)
    if body is None:
        return _page(organisation)
    try:
        services.mandate_grant(member=organisation, body=body, by=request.user)
    except services.MandateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(body)s may now prepare the action plans and year reports of %(organisation)s.")
            % {"body": body.name, "organisation": organisation.name},
        )
    return _page(organisation)


@login_required
@require_POST
def mandate_revoke(request, code):
    organisation = get_organisation_for_user(request.user, code)
    if not permissions.may_manage_mandates(request.user, organisation):
        permissions.deny(request.user, "Only coordinators revoke this right.")
    # A body the organisation has left may still hold a grant: any active one of this organisation is revoked.
    mandate = (
        PreparationMandate.objects.active()
        .select_related("member", "body")
        .filter(member=organisation, body__code=request.POST.get("body", ""))
        .first()
    )
    if mandate is None:
        messages.error(
            request,
            _("This body has no right to prepare the plans of %(organisation)s.") % {"organisation": organisation.name},
        )
        return _page(organisation)
    try:
        services.mandate_revoke(mandate=mandate, by=request.user)
    except services.MandateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(body)s no longer prepares the action plans of %(organisation)s.")
            % {"body": mandate.body.name, "organisation": organisation.name},
        )
    return _page(organisation)
