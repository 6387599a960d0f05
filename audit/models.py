from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.retention import months_ago


class AuditEvent(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOGOUT = "logout", _("Logged out")
    MEMBERSHIP_APPROVED = "membership_approved", _("Membership approved")
    MEMBERSHIP_REFUSED = "membership_refused", _("Membership refused")
    MEMBERSHIP_VERIFIED = "membership_verified", _("Membership verified by e-mail domain")
    MEMBERSHIP_ROLE_CHANGED = "membership_role_changed", _("Membership role changed")
    MEMBERSHIP_REMOVED = "membership_removed", _("Membership ended")
    COORDINATOR_REQUESTED = "coordinator_requested", _("Coordinator role requested")
    COORDINATOR_REQUEST_REFUSED = "coordinator_request_refused", _("Coordinator role request refused")
    EMAIL_DOMAIN_ADDED = "email_domain_added", _("E-mail domain added")
    EMAIL_DOMAIN_CHANGED = "email_domain_changed", _("E-mail domain changed")
    EMAIL_DOMAIN_REMOVED = "email_domain_removed", _("E-mail domain removed")
    BODY_MEMBER_ADDED = "body_member_added", _("Member added to a cooperative body")
    BODY_MEMBER_CHANGED = "body_member_changed", _("Membership of a cooperative body changed")
    BODY_MEMBER_REMOVED = "body_member_removed", _("Member removed from a cooperative body")
    MANDATE_GRANTED = "mandate_granted", _("Cooperative body may prepare action plans")
    MANDATE_REVOKED = "mandate_revoked", _("Cooperative body may no longer prepare action plans")
    SIGNATURE_APPROVED = "signature_approved", _("Signature approved")
    SIGNATURE_REJECTED = "signature_rejected", _("Signature rejected")
    SIGNATURE_RECORDED = "signature_recorded", _("Signature signed elsewhere recorded")
    SIGNATURE_WITHDRAWN = "signature_withdrawn", _("Signature withdrawn")
    EDITION_OPENED = "edition_opened", _("Manifest edition opened")
    RENEWAL_INVITED = "renewal_invited", _("Invitations to renew sent")
    PLAN_ADOPTED = "plan_adopted", _("Action plan adopted")
    PLAN_PUBLISHED = "plan_published", _("Action plan published")
    PLAN_CARRIED_OVER = "plan_carried_over", _("Action plan carried over to a new edition")
    PLAN_UNPUBLISHED = "plan_unpublished", _("Action plan unpublished")
    PLAN_OWNER_REQUESTED = "plan_owner_requested", _("Co-ownership of an action plan requested")
    PLAN_OWNER_ACCEPTED = "plan_owner_accepted", _("Co-ownership of an action plan accepted")
    PLAN_OWNER_DECLINED = "plan_owner_declined", _("Co-ownership of an action plan declined")
    PLAN_OWNER_ADOPTED = "plan_owner_adopted", _("Action plan adopted by a co-owner")
    PLAN_OWNER_WITHDRAWN = "plan_owner_withdrawn", _("Request for co-ownership of an action plan withdrawn")
    PLAN_OWNER_LEFT = "plan_owner_left", _("Co-owner left an action plan")
    PLAN_OWNER_LEFT_ADOPTED = "plan_owner_left_adopted", _("Co-owner withdrew from an action plan it adopted")
    PLAN_LEAD_HANDOVER_REQUESTED = "plan_lead_handover_requested", _("Handover of the lead of an action plan requested")
    PLAN_LEAD_HANDOVER_ACCEPTED = "plan_lead_handover_accepted", _("Lead of an action plan taken over")
    PLAN_LEAD_HANDOVER_DECLINED = "plan_lead_handover_declined", _("Handover of the lead of an action plan declined")
    PLAN_LEAD_HANDOVER_WITHDRAWN = "plan_lead_handover_withdrawn", _("Handover of the lead of an action plan withdrawn")
    PLAN_REVIEW_SUBMITTED = "plan_review_submitted", _("Action plan submitted for review")
    PLAN_REVIEW_FEEDBACK = "plan_review_feedback", _("Review feedback given")
    PLAN_REVIEW_REPLY = "plan_review_reply", _("Reply to review feedback")
    PLAN_REVIEW_AGREED = "plan_review_agreed", _("Review agreed")
    EXTENSION_REQUESTED = "extension_requested", _("More time requested")
    EXTENSION_APPROVED = "extension_approved", _("More time granted")
    EXTENSION_REFUSED = "extension_refused", _("More time refused")
    PERMISSION_DENIED = "permission_denied", _("Permission denied")


class AuditLogEntryQuerySet(models.QuerySet):
    def due_for_pseudonymisation(self):
        """Entries older than AUDIT_PSEUDONYMISE_AFTER_MONTHS that still hold the full personal data."""
        cutoff = months_ago(settings.AUDIT_PSEUDONYMISE_AFTER_MONTHS)
        return self.filter(created_at__lt=cutoff, pseudonymised_at__isnull=True)


class AuditLogEntry(models.Model):
    """Who did what, when (UTC): kept for VNG staff, never with passwords or tokens."""

    created_at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)
    event = models.CharField(_("event"), max_length=40, choices=AuditEvent.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_email = models.CharField(
        _("e-mail address used"), max_length=254, blank=True, help_text=_("Kept for failed logins and deleted users.")
    )
    subject = models.CharField(_("about"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    pseudonymised_at = models.DateTimeField(
        _("pseudonymised at"),
        null=True,
        blank=True,
        help_text=_("Since then the IP address shows only its network and a typed e-mail address a pseudonym."),
    )

    objects = AuditLogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.get_event_display()} {self.actor_email}"
