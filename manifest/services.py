"""Writes with side effects for the manifest: signatures, memberships, roles and e-mail domains.

Views, admin actions and commands all call these functions; each runs in one transaction and sends its
e-mails only after that transaction commits. Every write that changes the public register marks it
changed (manifest/cache.py), which makes the cached pages that show it stale.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import AuditEvent
from core.mail import absolute_url, send_templated_mail
from core.staff import require_staff_powers
from manifest import permissions
from manifest.cache import REGISTER
from manifest.models import (
    CooperationMember,
    CoordinatorRequest,
    CoordinatorRequestStatus,
    EmailDomain,
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    PreparationMandate,
    RenewalInvitation,
    Signature,
    SignatureStatus,
)
from manifest.permissions import signing_organisations_for

LIVE_CONSTRAINT = "signature_one_live_per_organisation_edition"


class SigningError(Exception):
    """A signing request that cannot be carried out; `message` tells the person why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SignatureConflict(SigningError):
    """The organisation already has a submitted or signed signature for this edition."""


class SigningClosed(SigningError):
    """The edition's signing window is not open."""


class InvalidTransition(SigningError):
    """The signature is not in a state that allows this step (for example approving it twice)."""


def _live_conflict_message(organisations) -> str:
    names = ", ".join(sorted(organisation.name for organisation in organisations))
    return _(
        "%(names)s already signed this edition or a signature is waiting for verification by the VNG. "
        "Nothing was submitted."
    ) % {"names": names}


# --- Signing ------------------------------------------------------------------------------------


def _check_fields(signature: Signature) -> None:
    """Field rules (lengths, e-mail format) hold for every caller, not only the web forms."""
    try:
        signature.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise SigningError(" ".join(error.messages)) from error


def signature_submit(
    *,
    user,
    edition: ManifestEdition,
    organisation: Organisation,
    signatory_name: str,
    signatory_role: str,
    decision_date=None,
    co_signers=(),
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    authority_confirmed: bool,
    publication_consent: bool,
) -> list[Signature]:
    """Submit a signature for `organisation` and, as one joint signature, for each co-signer.

    Raises PermissionDenied when the user may not sign for one of the organisations, SigningClosed outside
    the signing window and SignatureConflict when one of them already has a live signature: also when a
    colleague submits at the same moment (the database constraint decides, the loser gets the message).
    """
    organisations = [organisation, *co_signers]
    if len({o.pk for o in organisations}) != len(organisations):
        raise SigningError(_("An organisation cannot co-sign with itself."))
    if not (authority_confirmed and publication_consent):
        raise SigningError(_("Both confirmations are needed to sign."))
    if not edition.is_open():
        raise SigningClosed(_("Signing %(edition)s is closed.") % {"edition": edition.title})
    allowed = set(signing_organisations_for(user).values_list("pk", flat=True))
    if any(o.pk not in allowed for o in organisations):
        raise PermissionDenied("Not a verified member of every organisation.")

    with transaction.atomic():
        # Lock the organisations (in a fixed order, so joint signatures cannot deadlock) to queue
        # simultaneous submissions; the partial unique constraint is the final word.
        list(Organisation.objects.select_for_update().filter(pk__in=[o.pk for o in organisations]).order_by("pk"))
        taken = [
            s.organisation
            for s in Signature.objects.live()
            .filter(edition=edition, organisation__in=organisations)
            .select_related("organisation")
        ]
        if taken:
            raise SignatureConflict(_live_conflict_message(taken))
        joint_group = uuid.uuid4() if len(organisations) > 1 else None
        now = timezone.now()
        signatures = [
            Signature(
                organisation=o,
                edition=edition,
                status=SignatureStatus.SUBMITTED,
                signatory_name=signatory_name.strip(),
                signatory_role=signatory_role.strip(),
                decision_date=decision_date,
                joint_group=joint_group,
                contact_name=contact_name.strip(),
                contact_email=contact_email.strip(),
                contact_phone=contact_phone.strip(),
                authority_confirmed=True,
                publication_consent=True,
                submitted_by=user,
                submitted_at=now,
            )
            for o in organisations
        ]
        for signature in signatures:
            _check_fields(signature)
        try:
            with transaction.atomic():
                for signature in signatures:
                    signature.save()
        except IntegrityError as error:
            if LIVE_CONSTRAINT in str(error):
                raise SignatureConflict(_live_conflict_message(organisations)) from error
            raise
        REGISTER.changed()
        transaction.on_commit(lambda: _mail_submitted(signatures))
    return signatures


def signature_record_signed_elsewhere(
    *,
    by,
    edition: ManifestEdition,
    organisation: Organisation,
    signatory_name: str,
    signatory_role: str,
    signed_on: datetime.date,
    channel: str,
    decision_date=None,
) -> Signature:
    """VNG staff record a signature made at a ceremony or by letter: signed, and in the register at once.

    The signing window does not apply (the manifest may have been signed on paper long ago); the one
    live signature per organisation and edition does, and a conflict gets SignatureConflict.
    """
    if not permissions.may_moderate_signatures(by):
        permissions.deny(by, "Only VNG staff record signatures.")
    # Noon, so the date stays the same in every time zone the register is read in.
    signed_at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(12)))
    signature = Signature(
        organisation=organisation,
        edition=edition,
        status=SignatureStatus.SIGNED,
        channel=channel,
        signatory_name=signatory_name.strip(),
        signatory_role=signatory_role.strip(),
        decision_date=decision_date,
        authority_confirmed=True,
        publication_consent=True,
        submitted_at=signed_at,
        decided_at=timezone.now(),
        decided_by=by,
    )
    _check_fields(signature)
    try:
        with transaction.atomic():
            signature.save()
            record(
                event=AuditEvent.SIGNATURE_RECORDED,
                actor=by,
                subject=signature,
                detail=signature.get_channel_display(),
            )
            REGISTER.changed()
    except IntegrityError as error:
        if LIVE_CONSTRAINT in str(error):
            raise SignatureConflict(_live_conflict_message([organisation])) from error
        raise
    return signature


def signature_approve(*, signature: Signature, by) -> Signature:
    """VNG staff confirm a submitted signature: it is signed and appears in the public register at once."""
    if not permissions.may_moderate_signatures(by):
        permissions.deny(by, "Only VNG staff approve signatures.")
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(pk=signature.pk)
        if signature.status != SignatureStatus.SUBMITTED:
            raise InvalidTransition(
                _("%(signature)s is %(status)s; only submitted signatures can be approved.")
                % {"signature": signature, "status": signature.get_status_display()}
            )
        signature.status = SignatureStatus.SIGNED
        signature.decided_at = timezone.now()
        signature.decided_by = by
        signature.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        record(event=AuditEvent.SIGNATURE_APPROVED, actor=by, subject=signature)
        REGISTER.changed()
        transaction.on_commit(lambda: _mail_decided(signature, "approved"))
    return signature


def signature_reject(*, signature: Signature, by, reason: str) -> Signature:
    """VNG staff refuse a submitted signature; the submitter and coordinators receive the reason."""
    if not permissions.may_moderate_signatures(by):
        permissions.deny(by, "Only VNG staff reject signatures.")
    reason = (reason or "").strip()
    if not reason:
        raise SigningError(_("Give a reason for the rejection; the submitter receives it."))
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(pk=signature.pk)
        if signature.status != SignatureStatus.SUBMITTED:
            raise InvalidTransition(
                _("%(signature)s is %(status)s; only submitted signatures can be rejected.")
                % {"signature": signature, "status": signature.get_status_display()}
            )
        signature.status = SignatureStatus.REJECTED
        signature.decided_at = timezone.now()
        signature.decided_by = by
        signature.rejection_reason = reason
        signature.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason", "updated_at"])
        record(event=AuditEvent.SIGNATURE_REJECTED, actor=by, subject=signature, detail=reason)
        REGISTER.changed()
        transaction.on_commit(lambda: _mail_decided(signature, "rejected"))
    return signature


def signature_withdraw(*, signature: Signature, by, reason: str) -> Signature:
    """The organisation (or VNG staff on its behalf) withdraws a submitted or signed signature.

    The row stays, with who, when and why: the history is never deleted.
    """
    reason = (reason or "").strip()
    if not reason:
        raise SigningError(_("Give a reason for the withdrawal."))
    if not permissions.may_manage_signature(by, signature):
        permissions.deny(by, "Not a verified member of the organisation.")
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(pk=signature.pk)
        if not signature.is_live:
            raise InvalidTransition(
                _("%(signature)s is %(status)s and cannot be withdrawn.")
                % {"signature": signature, "status": signature.get_status_display()}
            )
        signature.status = SignatureStatus.WITHDRAWN
        signature.withdrawn_at = timezone.now()
        signature.withdrawn_by = by
        signature.withdrawal_reason = reason
        signature.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
        REGISTER.changed()
        record(event=AuditEvent.SIGNATURE_WITHDRAWN, actor=by, subject=signature, detail=reason)
        transaction.on_commit(lambda: _mail_withdrawn(signature))
    return signature


def signature_erase_contact_details(*, signature: Signature) -> Signature:
    """Erase the private contact person of a signature (retention rule); the public data stays."""
    with transaction.atomic():
        Signature.objects.filter(pk=signature.pk).update(
            contact_name="",
            contact_email="",
            contact_phone="",
            contact_erased_at=timezone.now(),
            updated_at=timezone.now(),
        )
        REGISTER.changed()  # the open data's modification time
    signature.refresh_from_db()
    return signature


# --- Editions and public bodies: plain edits that public pages show ----------------------------


@transaction.atomic
def edition_save(*, edition: ManifestEdition) -> ManifestEdition:
    edition.save()
    REGISTER.changed()
    return edition


# --- A new edition: opening it and inviting earlier signatories to renew -------------------------


class EditionError(Exception):
    """A step with editions that cannot be carried out; `message` tells the person why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def edition_open(*, edition: ManifestEdition, by) -> ManifestEdition:
    """Make `edition` the current one: the portal shows and signs it from now on. One edition is current."""
    require_staff_powers(by)
    with transaction.atomic():
        # Locking every edition keeps two staff members from opening two editions at once.
        editions = {e.pk: e for e in ManifestEdition.objects.select_for_update().order_by("pk")}
        edition = editions[edition.pk]
        if edition.is_current:
            raise EditionError(_("%(edition)s is the current edition already.") % {"edition": edition})
        previous = next((e for e in editions.values() if e.is_current), None)
        now = timezone.now()
        # Off first: the database allows one current edition (manifest_edition_one_current).
        ManifestEdition.objects.filter(is_current=True).update(is_current=False, updated_at=now)
        ManifestEdition.objects.filter(pk=edition.pk).update(is_current=True, updated_at=now)
        edition.refresh_from_db()
        record(
            event=AuditEvent.EDITION_OPENED,
            actor=by,
            subject=edition,
            detail=_("previous: %(edition)s") % {"edition": previous} if previous else "",
        )
        REGISTER.changed()
    return edition


def renewal_url(organisation: Organisation):
    """The signing form, filled in from the organisation's latest signature (for its members)."""
    return format_lazy("{}?{}", absolute_url("manifest:sign"), urlencode({"vernieuw": organisation.code}))


@dataclass
class InvitationResult:
    mails: int = 0  # one per coordinator
    organisations: int = 0  # organisations invited in this run
    without_coordinator: int = 0  # organisations that could not be invited: nobody to write to


def organisations_to_renew(edition: ManifestEdition):
    """Active organisations with a public signature of an earlier edition, and none submitted or signed of this one."""
    return (
        Organisation.objects.active()
        .filter(
            signatures__status=SignatureStatus.SIGNED,
            signatures__edition__start_year__lt=edition.start_year,
        )
        .exclude(pk__in=Signature.objects.live().filter(edition=edition).values("organisation"))
        .distinct()
        .order_by("name")
    )


def renewal_invitations_send(*, edition: ManifestEdition, by) -> InvitationResult:
    """Invite every active coordinator of an organisation that signed an earlier edition to sign this one.

    Each coordinator gets one e-mail naming all their organisations, once per organisation and edition:
    the RenewalInvitation rows (unique) are written in the same transaction as the e-mail is sent, so a
    second run sends nothing new.
    """
    require_staff_powers(by)
    edition.refresh_from_db(fields=["is_current"])  # as the database says now, not as the caller read it
    if not edition.is_current:
        raise EditionError(
            _("Invitations go out only for the current edition. Open %(edition)s first.") % {"edition": edition}
        )
    organisations = list(organisations_to_renew(edition))
    coordinators = (
        Membership.objects.active_coordinators()
        .filter(organisation__in=organisations)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__email")
    )
    invited = set(RenewalInvitation.objects.filter(edition=edition).values_list("organisation_id", "user_id"))
    per_user: dict[int, list[Membership]] = {}
    with_coordinator = set()
    for membership in coordinators:
        with_coordinator.add(membership.organisation_id)
        if (membership.organisation_id, membership.user_id) not in invited:
            per_user.setdefault(membership.user_id, []).append(membership)
    result = InvitationResult(without_coordinator=len(organisations) - len(with_coordinator))
    reached = set()
    for memberships in per_user.values():
        if _send_invitation(edition=edition, memberships=memberships):
            result.mails += 1
            reached.update(m.organisation_id for m in memberships)
    result.organisations = len(reached)
    if result.mails:
        record(
            event=AuditEvent.RENEWAL_INVITED,
            actor=by,
            subject=edition,
            detail=f"{result.mails} e-mails, {result.organisations} organisations",
        )
    return result


def _send_invitation(*, edition: ManifestEdition, memberships: list[Membership]) -> bool:
    user = memberships[0].user
    try:
        with transaction.atomic():
            RenewalInvitation.objects.bulk_create(
                [
                    RenewalInvitation(edition=edition, organisation=m.organisation, user=user, email=user.email)
                    for m in memberships
                ]
            )
            context = {
                "edition": edition,
                "organisations": [(m.organisation, renewal_url(m.organisation)) for m in memberships],
            }
            send_templated_mail(to=[user], template_prefix="manifest/email/renewal_invitation", context=context)
    except IntegrityError:
        return False  # another run invited this coordinator a moment ago
    return True


@transaction.atomic
def reporting_deadline_save(*, deadline):
    """A yearly report's deadline moves where signatories stand on the ladder (manifest/ladder.py)."""
    deadline.save()
    REGISTER.changed()
    return deadline


@transaction.atomic
def reporting_deadline_delete(*, deadline) -> None:
    deadline.delete()
    REGISTER.changed()


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    # The tier rules hold for every caller, not only the admin form: only a cooperative body has a form
    # of cooperation, and a body with members stays one.
    organisation.clean()
    organisation.save()
    REGISTER.changed()
    return organisation


@transaction.atomic
def organisations_delete(*, organisations) -> None:
    for organisation in organisations:
        organisation.delete()
    REGISTER.changed()


# --- E-mail -------------------------------------------------------------------------------------


def _coordinator_emails(organisations, exclude=()) -> list[str]:
    emails = (
        Membership.objects.active_coordinators()
        .filter(organisation__in=organisations)
        .values_list("user__email", flat=True)
    )
    return sorted({email for email in emails if email not in exclude})


def _send(template: str, recipients: list[str], context: dict) -> None:
    send_templated_mail(to=recipients, template_prefix=f"manifest/email/{template}", context=context)


def coordinators_besides(organisations, user) -> dict:
    """Of these organisations: which have active coordinators other than `user` (they are told of what
    `user` did), and which have no active coordinator at all (nobody can adopt their action plan yet)."""
    coordinators = list(
        Membership.objects.active_coordinators()
        .filter(organisation__in=organisations)
        .values_list("organisation_id", "user_id")
    )
    others = {organisation_id for organisation_id, user_id in coordinators if user_id != getattr(user, "pk", None)}
    any_coordinator = {organisation_id for organisation_id, _user_id in coordinators}
    return {
        "informed": [o for o in organisations if o.pk in others],
        "without_coordinator": [o for o in organisations if o.pk not in any_coordinator],
    }


def _mail_submitted(signatures: list[Signature]) -> None:
    first = signatures[0]
    organisations = [s.organisation for s in signatures]
    context = {
        "signatures": signatures,
        "signature": first,
        "edition": first.edition,
        "submitter": first.submitted_by,
        "register_url": absolute_url("manifest:register"),
        "dashboard_url": absolute_url("accounts:dashboard"),
        **{
            key: ", ".join(organisation.name for organisation in value)
            for key, value in coordinators_besides(organisations, first.submitted_by).items()
        },
    }
    submitter_email = first.submitted_by.email if first.submitted_by else None
    if submitter_email:
        _send("submitted_submitter", [submitter_email], context)
    _send("submitted_coordinators", _coordinator_emails(organisations, exclude={submitter_email}), context)
    context["admin_urls"] = [absolute_url("admin:manifest_signature_change", s.pk) for s in signatures]
    _send("submitted_staff", [settings.VNG_CONTACT_EMAIL], context)


def _mail_decided(signature: Signature, outcome: str) -> None:
    submitter_email = signature.submitted_by.email if signature.submitted_by else None
    recipients = sorted(
        {*([submitter_email] if submitter_email else []), *_coordinator_emails([signature.organisation])}
    )
    context = {
        "signature": signature,
        "edition": signature.edition,
        "register_url": absolute_url("manifest:register"),
        "sign_url": absolute_url("manifest:sign"),
    }
    _send(outcome, recipients, context)


def _mail_withdrawn(signature: Signature) -> None:
    context = {"signature": signature, "edition": signature.edition}
    _send("withdrawn", sorted({*_coordinator_emails([signature.organisation]), settings.VNG_CONTACT_EMAIL}), context)


# --- Memberships ------------------------------------------------------------------------------
#
# Status and role change only here: every decision is checked, logged in the audit log and mailed.


class MembershipError(Exception):
    """A membership change that cannot be made; the message is shown to the user."""


def verifying_organisations(email: str):
    """Active organisations whose own (not shared) e-mail domain matches this address."""
    domain = email.rsplit("@", 1)[-1].lower()
    if EmailDomain.objects.filter(domain=domain, is_shared=True).exists():
        return Organisation.objects.none()
    return Organisation.objects.active().filter(email_domains__domain=domain)


def _verify_automatically(membership: Membership, email: str) -> None:
    membership.status = MembershipStatus.VERIFIED
    membership.verified_automatically = True
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "verified_automatically", "decided_at"])
    record(
        event=AuditEvent.MEMBERSHIP_VERIFIED,
        actor=membership.user,
        subject=membership,
        detail=email.rsplit("@", 1)[-1].lower(),
    )


@transaction.atomic
def memberships_verify_by_email_domain(*, user, email: str) -> list[Membership]:
    """Make the user a verified member of every organisation whose own e-mail domain they proved to use.

    Returns the memberships verified now. A request waiting for VNG staff is verified; a refused or removed
    membership stays as it is, whichever address the person confirms: someone decided against it.
    """
    verified = []
    for organisation in verifying_organisations(email):
        membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status == MembershipStatus.REQUESTED:
            _verify_automatically(membership, email)
            verified.append(membership)
    return verified


def membership_request(*, user, organisation: Organisation, motivation: str = "") -> Membership:
    """Ask to act for an organisation; verified at once when the user's e-mail domain is the organisation's own."""
    if not permissions.user_has_verified_email(user):
        raise MembershipError(_("Confirm your e-mail address first."))
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise MembershipError(_("You already have a membership or a request for this organisation."))
    automatic = verifying_organisations(user.email).filter(pk=organisation.pk).exists()
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, motivation=motivation)
            if automatic:
                _verify_automatically(membership, user.email)
    except IntegrityError as error:  # a second click or tab raced the first
        raise MembershipError(_("You already have a membership or a request for this organisation.")) from error
    if not automatic:
        context = {"membership": membership, "admin_url": _admin_change_url(membership)}
        transaction.on_commit(lambda: _send("membership_requested", [settings.VNG_CONTACT_EMAIL], context))
    return membership


def _admin_change_url(obj):
    return absolute_url(f"admin:manifest_{obj._meta.model_name}_change", obj.pk)


def _check_decider(by, membership: Membership) -> None:
    """VNG staff who may decide on memberships, and never on their own."""
    if not permissions.may_decide_memberships(by, membership.organisation):
        permissions.deny(by, "Only VNG staff decide on membership requests.")
    if not permissions.may_decide_on(by, membership):
        raise MembershipError(_("You cannot decide on your own membership; a colleague does."))


def _mail_member(template: str, membership: Membership, **context) -> None:
    context = {"membership": membership, "organisation": membership.organisation, **context}
    transaction.on_commit(lambda: _send(template, [membership.user.email], context))


def membership_approve(*, membership: Membership, decided_by, role: str = MembershipRole.MEMBER) -> Membership:
    """VNG staff approve a request (or reconsider a refusal): the person acts for the organisation.

    Approving as coordinator is for VNG administrators, as every change of the coordinator role is.
    """
    _check_decider(decided_by, membership)
    if role not in MembershipRole.values:
        raise MembershipError(_("Choose member or coordinator."))
    if role == MembershipRole.COORDINATOR and not permissions.may_manage_coordinator_roles(decided_by):
        permissions.deny(decided_by, "Only VNG administrators make someone coordinator.")
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
        if membership.is_verified:
            raise MembershipError(
                _("%(membership)s is already verified; change the role instead.") % {"membership": membership}
            )
        membership.status = MembershipStatus.VERIFIED
        membership.role = role
        membership.decided_at = timezone.now()
        membership.decided_by = decided_by
        membership.refusal_reason = ""
        membership.save()
        record(event=AuditEvent.MEMBERSHIP_APPROVED, actor=decided_by, subject=membership, detail=role)
        _mail_member("membership_approved", membership)
    return membership


def membership_refuse(*, membership: Membership, decided_by, reason: str) -> Membership:
    """VNG staff refuse a request; the person receives the reason. A verified member is removed instead."""
    _check_decider(decided_by, membership)
    reason = (reason or "").strip()
    if not reason:
        raise MembershipError(_("Give a reason; the person receives it."))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
        if membership.status != MembershipStatus.REQUESTED:
            raise MembershipError(
                _("%(membership)s is %(status)s; only requests can be refused.")
                % {"membership": membership, "status": membership.get_status_display().lower()}
            )
        membership.status = MembershipStatus.REFUSED
        membership.decided_at = timezone.now()
        membership.decided_by = decided_by
        membership.refusal_reason = reason
        membership.save()
        record(event=AuditEvent.MEMBERSHIP_REFUSED, actor=decided_by, subject=membership, detail=reason)
        _mail_member("membership_refused", membership)
    return membership


def _keep_a_coordinator(membership: Membership) -> None:
    """Refuse to take the role from the organisation's last active coordinator.

    Locks the organisation's coordinators, so that two coordinators demoting each other at the same
    moment cannot both succeed.
    """
    if not (membership.is_coordinator and membership.user.is_active):
        return
    coordinators = list(
        Membership.objects.active_coordinators()
        .select_for_update()
        .filter(organisation_id=membership.organisation_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not set(coordinators) - {membership.pk}:
        raise MembershipError(
            _(
                "%(organisation)s needs at least one coordinator. Make someone else coordinator first; "
                "then this role can be taken back."
            )
            % {"organisation": membership.organisation.name}
        )


def _locked_verified(membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    if not membership.is_verified:
        raise MembershipError(
            _("%(person)s is no longer a member of %(organisation)s.")
            % {"person": membership.user, "organisation": membership.organisation.name}
        )
    return membership


def _close_waiting_requests(membership: Membership, *, status: str, by) -> list[CoordinatorRequest]:
    waiting = list(CoordinatorRequest.objects.waiting().select_for_update().filter(membership=membership))
    for coordinator_request in waiting:
        coordinator_request.status = status
        coordinator_request.decided_at = timezone.now()
        coordinator_request.decided_by = by
        coordinator_request.save(update_fields=["status", "decided_at", "decided_by"])
    return waiting


def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    """A coordinator of the organisation (or a VNG administrator) makes a member coordinator or takes the role back.

    Nobody makes themselves coordinator; a coordinator may give up the role unless they are the last one.
    A waiting request for the role is approved by making the member coordinator.
    """
    if role not in MembershipRole.values:
        raise MembershipError(_("Choose member or coordinator."))
    if not permissions.may_manage_members(by, membership.organisation):
        permissions.deny(by, "Only coordinators and VNG administrators change roles.")
    if role == MembershipRole.COORDINATOR and not permissions.may_decide_on(by, membership):
        raise MembershipError(_("You cannot make yourself coordinator."))
    with transaction.atomic():
        membership = _locked_verified(membership)
        if membership.role == role:
            raise MembershipError(
                _("%(person)s already has the role %(role)s.")
                % {"person": membership.user, "role": membership.get_role_display().lower()}
            )
        if role == MembershipRole.MEMBER:
            _keep_a_coordinator(membership)
        membership.role = role
        membership.save(update_fields=["role"])
        if role == MembershipRole.COORDINATOR:
            _close_waiting_requests(membership, status=CoordinatorRequestStatus.APPROVED, by=by)
        record(event=AuditEvent.MEMBERSHIP_ROLE_CHANGED, actor=by, subject=membership, detail=role)
        _mail_member("role_changed", membership, by=by)
    return membership


def membership_remove(*, membership: Membership, by, reason: str = "") -> Membership:
    """A coordinator (or a VNG administrator) ends someone's membership of the organisation.

    The membership stays, marked removed: the person is not verified again by e-mail domain, and asking
    again needs VNG staff. To leave an organisation yourself, see membership_leave.
    """
    if not permissions.may_manage_members(by, membership.organisation):
        permissions.deny(by, "Only coordinators and VNG administrators remove members.")
    if not permissions.may_decide_on(by, membership):
        raise MembershipError(_("To stop acting for this organisation yourself, choose “Leave the organisation”."))
    reason = (reason or "").strip()
    with transaction.atomic():
        membership = _locked_verified(membership)
        _keep_a_coordinator(membership)
        membership.status = MembershipStatus.REMOVED
        membership.role = MembershipRole.MEMBER
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.refusal_reason = reason
        membership.save()
        _close_waiting_requests(membership, status=CoordinatorRequestStatus.CANCELLED, by=by)
        record(event=AuditEvent.MEMBERSHIP_REMOVED, actor=by, subject=membership, detail=reason)
        _mail_member("membership_removed", membership, by=by)
    return membership


def membership_leave(*, membership: Membership, by) -> None:
    """A member stops acting for the organisation; the last coordinator cannot leave it without one.

    The membership is deleted, so the person can ask again later; the audit log keeps that they left.
    """
    if by.pk != membership.user_id:
        permissions.deny(by, "Only the member leaves.")
    with transaction.atomic():
        membership = _locked_verified(membership)
        _keep_a_coordinator(membership)
        record(event=AuditEvent.MEMBERSHIP_REMOVED, actor=by, subject=membership, detail="left")
        membership.delete()


# --- The coordinator role: asked by a member, decided by VNG administrators --------------------------


def coordinator_request_submit(*, membership: Membership, by, reason: str) -> CoordinatorRequest:
    """A member asks for the coordinator role; VNG staff and the organisation's coordinators are told."""
    if by.pk != membership.user_id:
        permissions.deny(by, "Members ask for the role themselves.")
    reason = (reason or "").strip()
    if not reason:
        raise MembershipError(_("Say why you need the coordinator role."))
    try:
        with transaction.atomic():
            membership = _locked_verified(membership)
            if membership.is_coordinator:
                raise MembershipError(_("You are already coordinator of this organisation."))
            coordinator_request = CoordinatorRequest(membership=membership, reason=reason)
            coordinator_request.full_clean(validate_constraints=False)
            coordinator_request.save()
    except IntegrityError as error:
        raise MembershipError(_("Your request for the coordinator role is already waiting.")) from error
    except ValidationError as error:
        raise MembershipError(" ".join(error.messages)) from error
    record(event=AuditEvent.COORDINATOR_REQUESTED, actor=by, subject=membership, detail=reason)
    context = {
        "coordinator_request": coordinator_request,
        "membership": membership,
        "organisation": membership.organisation,
        "admin_url": _admin_change_url(coordinator_request),
        "members_url": absolute_url("manifest:organisation_members", membership.organisation.code),
    }
    coordinators = _coordinator_emails([membership.organisation], exclude={membership.user.email})
    transaction.on_commit(lambda: _send("coordinator_requested", [settings.VNG_CONTACT_EMAIL], context))
    transaction.on_commit(lambda: _send("coordinator_requested_coordinators", coordinators, context))
    return coordinator_request


def _check_role_decider(by, coordinator_request: CoordinatorRequest) -> None:
    if not permissions.may_manage_coordinator_roles(by):
        permissions.deny(by, "Only VNG administrators decide on the coordinator role.")
    if not permissions.may_decide_on(by, coordinator_request.membership):
        raise MembershipError(_("You cannot decide on your own membership; a colleague does."))


def _locked_waiting(coordinator_request: CoordinatorRequest) -> CoordinatorRequest:
    coordinator_request = (
        CoordinatorRequest.objects.select_for_update()
        .select_related("membership__user", "membership__organisation")
        .get(pk=coordinator_request.pk)
    )
    if not coordinator_request.is_waiting:
        raise MembershipError(
            _("The request of %(request)s is %(status)s; only waiting requests can be decided.")
            % {"request": coordinator_request, "status": coordinator_request.get_status_display().lower()}
        )
    return coordinator_request


def coordinator_request_approve(*, coordinator_request: CoordinatorRequest, by) -> CoordinatorRequest:
    """A VNG administrator makes the member coordinator, as asked; the member is told."""
    _check_role_decider(by, coordinator_request)
    with transaction.atomic():
        coordinator_request = _locked_waiting(coordinator_request)
        membership = _locked_verified(coordinator_request.membership)
        membership.role = MembershipRole.COORDINATOR
        membership.save(update_fields=["role"])
        _close_waiting_requests(membership, status=CoordinatorRequestStatus.APPROVED, by=by)
        record(event=AuditEvent.MEMBERSHIP_ROLE_CHANGED, actor=by, subject=membership, detail=membership.role)
        _mail_member("role_changed", membership, by=by)
    coordinator_request.refresh_from_db()
    return coordinator_request


def coordinator_request_refuse(*, coordinator_request: CoordinatorRequest, by, reason: str) -> CoordinatorRequest:
    """A VNG administrator refuses the request; the member receives the reason."""
    _check_role_decider(by, coordinator_request)
    reason = (reason or "").strip()
    if not reason:
        raise MembershipError(_("Give a reason; the member receives it."))
    with transaction.atomic():
        coordinator_request = _locked_waiting(coordinator_request)
        coordinator_request.status = CoordinatorRequestStatus.REFUSED
        coordinator_request.decided_at = timezone.now()
        coordinator_request.decided_by = by
        coordinator_request.refusal_reason = reason
        coordinator_request.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])
        membership = coordinator_request.membership
        record(event=AuditEvent.COORDINATOR_REQUEST_REFUSED, actor=by, subject=membership, detail=reason)
        _mail_member("coordinator_request_refused", membership, coordinator_request=coordinator_request)
    return coordinator_request


# --- E-mail domains: they verify members automatically, so only VNG administrators change them -------


def _check_domain_manager(by) -> None:
    if not permissions.may_manage_email_domains(by):
        permissions.deny(by, "Only VNG administrators change e-mail domains.")


def email_domain_save(*, email_domain: EmailDomain, by) -> EmailDomain:
    """Add or change an e-mail domain of an organisation; the audit log keeps what it was."""
    _check_domain_manager(by)
    email_domain.domain = email_domain.domain.strip().lower()
    try:
        email_domain.full_clean()
    except ValidationError as error:
        raise MembershipError(" ".join(error.messages)) from error
    with transaction.atomic():
        before = EmailDomain.objects.select_for_update().filter(pk=email_domain.pk).first() if email_domain.pk else None
        email_domain.save()
        shared = " (shared)" if email_domain.is_shared else ""
        if before is None:
            record(
                event=AuditEvent.EMAIL_DOMAIN_ADDED,
                actor=by,
                subject=email_domain.organisation,
                detail=f"{email_domain.domain}{shared}",
            )
        else:
            was = f"{before.domain}{' (shared)' if before.is_shared else ''}"
            record(
                event=AuditEvent.EMAIL_DOMAIN_CHANGED,
                actor=by,
                subject=email_domain.organisation,
                detail=f"{was} -> {email_domain.domain}{shared}",
            )
    return email_domain


def email_domain_delete(*, email_domain: EmailDomain, by) -> None:
    _check_domain_manager(by)
    with transaction.atomic():
        record(
            event=AuditEvent.EMAIL_DOMAIN_REMOVED,
            actor=by,
            subject=email_domain.organisation,
            detail=email_domain.domain,
        )
        email_domain.delete()


# --- Cooperative bodies: which organisations are members, from when to when -----------------------


class CooperationError(Exception):
    """A change to a cooperative body's members that cannot be made; the message says why."""


def _check_cooperation_manager(by) -> None:
    if not permissions.may_manage_cooperation_members(by):
        permissions.deny(by, "Only VNG administrators change the members of cooperative bodies.")


def _save_cooperation_member(cooperation_member: CooperationMember) -> None:
    """Check every rule (clean and the constraints) before writing; the exclusion constraint has the last word."""
    try:
        cooperation_member.full_clean()
    except ValidationError as error:
        raise CooperationError(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            cooperation_member.save()
    except IntegrityError as error:  # a concurrent overlapping membership
        raise CooperationError(_("This organisation is already a member of this body in that period.")) from error


def _period(cooperation_member: CooperationMember) -> str:
    until = cooperation_member.ends_on.isoformat() if cooperation_member.ends_on else "…"
    return f"{cooperation_member.member} ({cooperation_member.member.code}): {cooperation_member.starts_on.isoformat()} – {until}"


def cooperation_member_add(
    *, body: Organisation, member: Organisation, starts_on: datetime.date, ends_on: datetime.date | None = None, by
) -> CooperationMember:
    """Record that `member` belongs to the cooperative body `body` from `starts_on` (until `ends_on`, inclusive)."""
    _check_cooperation_manager(by)
    with transaction.atomic():
        # Locks the body: two additions at once cannot both pass the overlap check.
        body = Organisation.objects.select_for_update().get(pk=body.pk)
        cooperation_member = CooperationMember(body=body, member=member, starts_on=starts_on, ends_on=ends_on)
        _save_cooperation_member(cooperation_member)
        record(event=AuditEvent.BODY_MEMBER_ADDED, actor=by, subject=body, detail=_period(cooperation_member))
        REGISTER.changed()
    return cooperation_member


def cooperation_member_change(
    *, cooperation_member: CooperationMember, starts_on: datetime.date, ends_on: datetime.date | None, by
) -> CooperationMember:
    """Change the period of a membership, for example to end it: `ends_on` is its last day."""
    _check_cooperation_manager(by)
    with transaction.atomic():
        before = CooperationMember.objects.select_for_update().select_related("member").get(pk=cooperation_member.pk)
        cooperation_member.starts_on, cooperation_member.ends_on = starts_on, ends_on
        _save_cooperation_member(cooperation_member)
        record(
            event=AuditEvent.BODY_MEMBER_CHANGED,
            actor=by,
            subject=cooperation_member.body,
            detail=f"{_period(before)} -> {_period(cooperation_member)}",
        )
        REGISTER.changed()
    return cooperation_member


def cooperation_member_save(*, cooperation_member: CooperationMember, by) -> CooperationMember:
    """Add or change, as one form in the admin does: a new row is added, an existing one changed."""
    if cooperation_member.pk is None:
        return cooperation_member_add(
            body=cooperation_member.body,
            member=cooperation_member.member,
            starts_on=cooperation_member.starts_on,
            ends_on=cooperation_member.ends_on,
            by=by,
        )
    return cooperation_member_change(
        cooperation_member=cooperation_member,
        starts_on=cooperation_member.starts_on,
        ends_on=cooperation_member.ends_on,
        by=by,
    )


def cooperation_member_remove(*, cooperation_member: CooperationMember, by) -> None:
    """Delete a membership recorded by mistake; a membership that ended gets its last day instead."""
    _check_cooperation_manager(by)
    with transaction.atomic():
        record(
            event=AuditEvent.BODY_MEMBER_REMOVED,
            actor=by,
            subject=cooperation_member.body,
            detail=_period(cooperation_member),
        )
        cooperation_member.delete()
        REGISTER.changed()


# --- The right to prepare action plans: granted by a member to a cooperative body -------------------


class MandateError(Exception):
    """A grant or revocation that cannot be made; the message is shown to the user."""


def _mail_body_coordinators(template: str, mandate: PreparationMandate, by) -> None:
    recipients = _coordinator_emails([mandate.body])
    context = {"mandate": mandate, "member": mandate.member, "body": mandate.body, "by": by}
    transaction.on_commit(lambda: _send(template, recipients, context))


def mandate_grant(*, member: Organisation, body: Organisation, by) -> PreparationMandate:
    """A coordinator of `member` lets the cooperative body `body`, of which it is a member now, prepare its plans.

    The body's coordinators are told by e-mail.
    """
    if not permissions.may_manage_mandates(by, member):
        permissions.deny(by, "Only coordinators of the organisation grant this right.")
    if body.pk == member.pk:
        raise MandateError(_("An organisation cannot grant this right to itself."))
    if not body.is_cooperative_body:
        raise MandateError(_("Only a cooperative body can prepare plans for its members."))
    with transaction.atomic():
        # Locks the member: two grants at once cannot both pass the check for an active one.
        member = Organisation.objects.select_for_update().get(pk=member.pk)
        if not CooperationMember.objects.current().filter(body=body, member=member).exists():
            raise MandateError(
                _("%(member)s is not a member of %(body)s now, so it cannot grant this right.")
                % {"member": member.name, "body": body.name}
            )
        if PreparationMandate.objects.active().filter(member=member, body=body).exists():
            raise MandateError(
                _("%(body)s already prepares the action plans of %(member)s.")
                % {"member": member.name, "body": body.name}
            )
        mandate = PreparationMandate.objects.create(member=member, body=body, granted_by=by)
        record(event=AuditEvent.MANDATE_GRANTED, actor=by, subject=member, detail=body.name)
        _mail_body_coordinators("mandate_granted", mandate, by)
        REGISTER.changed()
    return mandate


def mandate_revoke(*, mandate: PreparationMandate, by) -> PreparationMandate:
    """A coordinator of the member takes the right back: the body's coordinators lose access at once."""
    if not permissions.may_manage_mandates(by, mandate.member):
        permissions.deny(by, "Only coordinators of the organisation revoke this right.")
    with transaction.atomic():
        current = PreparationMandate.objects.select_for_update().select_related("member", "body").get(pk=mandate.pk)
        if not current.is_active:
            raise MandateError(
                _("%(body)s no longer had this right: it was revoked already.") % {"body": current.body.name}
            )
        current.revoked_at = timezone.now()
        current.revoked_by = by
        current.save(update_fields=["revoked_at", "revoked_by"])
        record(event=AuditEvent.MANDATE_REVOKED, actor=by, subject=current.member, detail=current.body.name)
        _mail_body_coordinators("mandate_revoked", current, by)
        REGISTER.changed()
    return current
