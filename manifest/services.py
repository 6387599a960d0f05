"""Writes with side effects in the manifest app: memberships (and, later, signatures)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import AuditEvent
from manifest.models import EmailDomain, Membership, MembershipRole, MembershipStatus, Organisation


class MembershipError(Exception):
    """A membership change that cannot be made; the message is shown to the user."""


def has_verified_email(user) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


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
    subject = render_to_string(f"manifest/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"manifest/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def membership_request(*, user, organisation: Organisation, motivation: str = "") -> Membership:
    """Ask to act for an organisation; verified at once when the user's e-mail domain is the organisation's own."""
    if not has_verified_email(user):
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
