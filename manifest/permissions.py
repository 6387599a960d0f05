"""Who may do what for an organisation: one predicate per decision, one permission-checked getter per object.

- Verified members of an organisation (with a confirmed e-mail address) sign for it and withdraw its
  signatures; they draft and track its action plans (see actionplans/permissions.py).
- Its coordinators also adopt, publish and report, and manage its members: make a member coordinator,
  take the role back and remove a member. An organisation keeps at least one coordinator.
- VNG staff, in a session that passed the second factor (core/staff.py), read every signature,
  decide on membership requests and withdraw signatures. Of them, VNG administrators (superusers and the
  VNG-beheer group) also give and take back the coordinator role, change the e-mail domains that
  verify members automatically and change which organisations are members of a cooperative body.
- Nobody decides on their own membership.
- Coordinators of a member organisation grant a cooperative body it currently belongs to the right to
  prepare its action plans, and revoke it. While that right is in force, the body's coordinators draft
  for the member (see actionplans/permissions.py); the member's own coordinators still decide.

Views call the getters; services call the predicates again, so an admin action or a command cannot skip them.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.staff import has_staff_powers, is_staff_account, require_staff_powers
from manifest.models import Membership, Organisation, PreparationMandate, Signature

# --- Members and signing ------------------------------------------------------------------------


def user_has_verified_email(user) -> bool:
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def member_organisations(user):
    """The active organisations the user is a verified member of."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.active().filter(
        pk__in=Membership.objects.verified().filter(user=user).values("organisation")
    )


def organisation_members(organisation_id):
    """The people who act for an organisation: its verified members' accounts."""
    return get_user_model().objects.filter(
        pk__in=Membership.objects.verified().filter(organisation_id=organisation_id).values("user")
    )


def is_member(user, organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.verified().filter(user=user, organisation_id=organisation.pk).exists()
    )


def is_coordinator(user, organisation) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and Membership.objects.coordinators().filter(user=user, organisation_id=organisation.pk).exists()
    )


def prepared_organisations(user):
    """The organisations whose plans the user prepares for a cooperative body: those that granted the right to a
    body the user is a verified coordinator of, while they belong to that body."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    bodies = Membership.objects.coordinators().filter(user=user).values("organisation")
    mandates = PreparationMandate.objects.in_force().filter(body__in=bodies)
    return Organisation.objects.active().filter(pk__in=mandates.values("member"))


def may_manage_mandates(user, organisation) -> bool:
    """Grant and revoke the right to prepare `organisation`'s action plans: its own coordinators."""
    return is_coordinator(user, organisation)


def signing_organisations_for(user):
    """The organisations a user may sign for: active ones they are a verified member of, and only with a
    verified e-mail address."""
    if not user.is_authenticated or not user.is_active or not user_has_verified_email(user):
        return Organisation.objects.none()
    return member_organisations(user).order_by("name")


def may_sign_for(user, organisation) -> bool:
    return signing_organisations_for(user).filter(pk=organisation.pk).exists()


def may_manage_signature(user, signature) -> bool:
    """Withdraw it: a member who may sign for its organisation, or VNG staff."""
    return has_staff_powers(user) or may_sign_for(user, signature.organisation)


def may_moderate_signatures(user) -> bool:
    """Approve, reject and record signatures made elsewhere: VNG staff with the admin permission."""
    return has_staff_powers(user) and user.has_perm("manifest.change_signature")


# --- Memberships and roles --------------------------------------------------------------------------


def may_decide_memberships(user, organisation) -> bool:
    """Approve or refuse requests to act for `organisation`: VNG staff who may change memberships.

    The organisation is not asked yet; the argument keeps the question per organisation.
    """
    return has_staff_powers(user) and user.has_perm("manifest.change_membership")


def may_manage_coordinator_roles(user) -> bool:
    """Give and take back the coordinator role of any organisation: VNG administrators."""
    return has_staff_powers(user) and user.has_perm("manifest.manage_coordinator_roles")


def may_manage_members(user, organisation) -> bool:
    """Change roles in and remove members from `organisation`: its coordinators and VNG administrators."""
    return is_coordinator(user, organisation) or may_manage_coordinator_roles(user)


def may_manage_email_domains(user) -> bool:
    """Add, change and remove the e-mail domains that verify members automatically: VNG administrators."""
    return has_staff_powers(user) and user.has_perm("manifest.manage_email_domains")


def may_manage_cooperation_members(user) -> bool:
    """Add, change and remove the member organisations of cooperative bodies: VNG administrators."""
    return has_staff_powers(user) and user.has_perm("manifest.manage_cooperation_members")


def may_decide_on(user, membership) -> bool:
    """Nobody decides on their own membership."""
    return user.is_authenticated and user.pk != membership.user_id


def deny(user, message: str = "Not allowed."):
    """Refuse: staff without a two-factor session are sent to the code step first, everybody else gets 403."""
    if is_staff_account(user) and not has_staff_powers(user):
        require_staff_powers(user)
    raise PermissionDenied(message)


# --- Getters ------------------------------------------------------------------------------------


def get_signature_for_user(user, public_id) -> Signature:
    """A signature the user may manage (withdraw): of an organisation they may sign for, or any for VNG staff."""
    if has_staff_powers(user):
        signatures = Signature.objects.all()
    else:
        signatures = Signature.objects.filter(organisation__in=signing_organisations_for(user))
    signature = signatures.select_related("organisation", "edition").filter(public_id=public_id).first()
    if signature is None:
        if is_staff_account(user):
            require_staff_powers(user)
        raise Http404
    return signature


def get_organisation_for_user(user, code) -> Organisation:
    """An organisation the user acts for (or any, for VNG staff), with what they may do in it.

    It carries `membership` (the user's own verified membership, or None), `is_coordinator` and
    `can_manage_members`. Anybody else gets 404; staff without a two-factor session go to the code step.
    """
    organisation = Organisation.objects.filter(code=code).first()
    membership = None
    if organisation is not None and user.is_authenticated:
        membership = Membership.objects.verified().filter(user=user, organisation=organisation).first()
    if organisation is None or (membership is None and not has_staff_powers(user)):
        if is_staff_account(user):
            require_staff_powers(user)
        raise Http404
    if membership is not None:
        membership.organisation = organisation
    organisation.membership = membership
    organisation.is_coordinator = membership is not None and membership.is_coordinator and user.is_active
    organisation.can_manage_members = organisation.is_coordinator
    return organisation


def get_member_for_coordinator(user, organisation, membership_id) -> Membership:
    """A verified member of `organisation` whose role a coordinator of it may change (403 for others).

    A membership of another organisation, or not verified, is 404.
    """
    if not may_manage_members(user, organisation):
        deny(user, "Only coordinators manage members.")
    try:
        membership_id = int(membership_id)
    except (TypeError, ValueError):
        raise Http404 from None
    membership = (
        Membership.objects.verified()
        .select_related("user", "organisation")
        .filter(organisation=organisation, pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404
    return membership
