"""Writes with side effects for the manifest: submitting, verifying and withdrawing signatures.

Views, admin actions and commands all call these functions; each runs in one transaction and sends its
e-mails only after that transaction commits.
"""

import datetime
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import AuditEvent
from core.mail import absolute_url, send_templated_mail
from manifest.models import (
    EmailDomain,
    ManifestEdition,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    Signature,
    SignatureStatus,
)

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


# --- Who may sign -----------------------------------------------------------------------------


def user_has_verified_email(user) -> bool:
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def signing_organisations_for(user):
    """The organisations a user may sign for: active ones they are a verified member of, and only with a
    verified e-mail address."""
    if not user.is_authenticated or not user.is_active or not user_has_verified_email(user):
        return Organisation.objects.none()
    return (
        Organisation.objects.active()
        .filter(pk__in=Membership.objects.verified().filter(user=user).values("organisation"))
        .order_by("name")
    )


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
    except IntegrityError as error:
        if LIVE_CONSTRAINT in str(error):
            raise SignatureConflict(_live_conflict_message([organisation])) from error
        raise
    return signature


def signature_approve(*, signature: Signature, by) -> Signature:
    """VNG staff confirm a submitted signature: it is signed and appears in the public register at once."""
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
        transaction.on_commit(lambda: _mail_decided(signature, "approved"))
    return signature


def signature_reject(*, signature: Signature, by, reason: str) -> Signature:
    """VNG staff refuse a submitted signature; the submitter and coordinators receive the reason."""
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
        transaction.on_commit(lambda: _mail_decided(signature, "rejected"))
    return signature


def signature_withdraw(*, signature: Signature, by, reason: str) -> Signature:
    """The organisation (or VNG staff on its behalf) withdraws a submitted or signed signature.

    The row stays, with who, when and why: the history is never deleted.
    """
    reason = (reason or "").strip()
    if not reason:
        raise SigningError(_("Give a reason for the withdrawal."))
    if not by.is_staff and not signing_organisations_for(by).filter(pk=signature.organisation_id).exists():
        raise PermissionDenied("Not a verified member of the organisation.")
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
    signature.refresh_from_db()
    return signature


# --- E-mail -------------------------------------------------------------------------------------


def _coordinator_emails(organisations, exclude=()) -> list[str]:
    emails = (
        Membership.objects.coordinators()
        .filter(organisation__in=organisations, user__is_active=True)
        .values_list("user__email", flat=True)
    )
    return sorted({email for email in emails if email not in exclude})


def _send(template: str, recipients: list[str], context: dict) -> None:
    send_templated_mail(to=recipients, template_prefix=f"manifest/email/{template}", context=context)


def _mail_submitted(signatures: list[Signature]) -> None:
    first = signatures[0]
    organisations = [s.organisation for s in signatures]
    context = {
        "signatures": signatures,
        "signature": first,
        "edition": first.edition,
        "submitter": first.submitted_by,
        "register_url": absolute_url("manifest:register"),
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


class MembershipError(Exception):
    """A membership change that cannot be made; the message is shown to the user."""


def verifying_organisations(email: str):
    """Active organisations whose own (not shared) e-mail domain matches this address."""
    domain = email.rsplit("@", 1)[-1].lower()
    if EmailDomain.objects.filter(domain=domain, is_shared=True).exists():
        return Organisation.objects.none()
    return Organisation.objects.active().filter(email_domains__domain=domain)


@transaction.atomic
def memberships_verify_by_email_domain(*, user, email: str) -> list[Membership]:
    """Make the user a verified member of every organisation whose own e-mail domain they proved to use."""
    verified = []
    for organisation in verifying_organisations(email):
        membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation)
        if membership.status != MembershipStatus.VERIFIED:
            membership.status = MembershipStatus.VERIFIED
            membership.verified_automatically = True
            membership.decided_at = timezone.now()
            membership.save()
        verified.append(membership)
    return verified


def _mail(*, template: str, context: dict, recipients: list[str]) -> None:
    send_templated_mail(to=recipients, template_prefix=f"manifest/email/{template}", context=context)


def membership_request(*, user, organisation: Organisation, motivation: str = "") -> Membership:
    """Ask to act for an organisation; verified at once when the user's e-mail domain is the organisation's own."""
    if not user_has_verified_email(user):
        raise MembershipError(_("Confirm your e-mail address first."))
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise MembershipError(_("You already have a membership or a request for this organisation."))
    automatic = verifying_organisations(user.email).filter(pk=organisation.pk).exists()
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                organisation=organisation,
                motivation=motivation,
                status=MembershipStatus.VERIFIED if automatic else MembershipStatus.REQUESTED,
                verified_automatically=automatic,
                decided_at=timezone.now() if automatic else None,
            )
    except IntegrityError as error:  # a second click or tab raced the first
        raise MembershipError(_("You already have a membership or a request for this organisation.")) from error
    if not automatic:
        transaction.on_commit(
            lambda: _mail(
                template="membership_requested",
                context={"membership": membership, "site_url": settings.SITE_URL},
                recipients=[settings.VNG_CONTACT_EMAIL],
            )
        )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, decided_by, role: str = MembershipRole.MEMBER) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.status = MembershipStatus.VERIFIED
    membership.role = role
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.refusal_reason = ""
    membership.save()
    record(event=AuditEvent.MEMBERSHIP_APPROVED, actor=decided_by, subject=membership, detail=role)
    transaction.on_commit(
        lambda: _mail(
            template="membership_approved",
            context={"membership": membership, "site_url": settings.SITE_URL},
            recipients=[membership.user.email],
        )
    )
    return membership


@transaction.atomic
def membership_refuse(*, membership: Membership, decided_by, reason: str = "") -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.status = MembershipStatus.REFUSED
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.refusal_reason = reason
    membership.save()
    record(event=AuditEvent.MEMBERSHIP_REFUSED, actor=decided_by, subject=membership, detail=reason)
    transaction.on_commit(
        lambda: _mail(
            template="membership_refused",
            context={"membership": membership, "site_url": settings.SITE_URL},
            recipients=[membership.user.email],
        )
    )
    return membership
