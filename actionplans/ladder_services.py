"""The ladder's writes: extensions asked for and decided, and reminders of action plans that are due.

Where a signatory stands is computed (actionplans/ladder.py); what is written here moves it: an
approved extension moves a due date. Views, admin actions and the reminders command call these.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.cache import DEADLINES
from actionplans.ladder import annotate_stage, report_deadlines
from actionplans.models import (
    LONGEST_EXTENSION,
    DeadlineExtension,
    ExtensionStatus,
    ExtensionSubject,
    PlanReminder,
    PlanReminderKind,
)
from actionplans.report_services import long_date, reminder_kind
from audit.log import record
from audit.models import AuditEvent
from core.mail import absolute_url, send_templated_mail
from core.staff import require_staff_powers
from manifest.models import ManifestEdition, Membership, Signature
from manifest.permissions import is_coordinator

# An overdue plan is mailed about once, within this many days after its due date: a scheduler that
# missed a day still sends it, and a portal that starts sending does not mail about plans long overdue.
OVERDUE_MAIL_DAYS = 30


class ExtensionRefused(Exception):
    """The request cannot be made or decided; the message says why, in words for the person.

    `field` names the form field the message is about, if any.
    """

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Step:
    """A step an organisation still owes: the action plan, or the report on a year; with its due date now."""

    subject: str
    year: int | None
    due_on: datetime.date

    @property
    def key(self) -> str:
        return self.subject if self.year is None else f"{self.subject}-{self.year}"

    @property
    def label(self) -> str:
        if self.subject == ExtensionSubject.REPORT:
            return _("Yearly report on %(year)s, due %(date)s") % {"year": self.year, "date": long_date(self.due_on)}
        return _("Action plan, due %(date)s") % {"date": long_date(self.due_on)}


def current_signature(organisation):
    """The organisation's verified signature of the current edition, with its place on the ladder; or None."""
    edition = ManifestEdition.objects.current()
    if edition is None:
        return None
    return (
        annotate_stage(Signature.objects.public().filter(organisation=organisation, edition=edition))
        .select_related("edition")
        .first()
    )


def open_steps(signature) -> list[Step]:
    """The steps the signatory has not taken yet, with their due dates (extensions included)."""
    steps = []
    if not signature.plan_done and signature.stage_year is None:
        steps.append(Step(ExtensionSubject.PLAN, None, signature.plan_due_on))
    signed_year = timezone.localdate(signature.decided_at).year
    for deadline in report_deadlines(signature.organisation_id, signature.edition_id, signed_year).filter(
        reported=False
    ):
        steps.append(Step(ExtensionSubject.REPORT, deadline.year, deadline.due_on))
    return steps


def extension_request(*, organisation, user, step_key: str, new_date: datetime.date, reason: str):
    """A coordinator asks for more time for a step; VNG staff decide. One request per step (waiting or approved)."""
    if not is_coordinator(user, organisation):
        raise PermissionDenied("Only coordinators ask for more time.")
    reason = (reason or "").strip()
    if not reason:
        raise ExtensionRefused(_("Say why you need more time."), "reason")
    with transaction.atomic():
        signature = current_signature(organisation)
        if signature is None:
            raise ExtensionRefused(_("Your organisation has not signed the current edition; nothing is due."))
        step = next((s for s in open_steps(signature) if s.key == step_key), None)
        if step is None:
            raise ExtensionRefused(_("Choose a step your organisation still has to take."), "step")
        signed_on = timezone.localdate(signature.decided_at)
        if new_date <= signed_on:
            raise ExtensionRefused(
                _("The new date must fall after the day of signing (%(date)s).") % {"date": long_date(signed_on)},
                "new_date",
            )
        if new_date <= step.due_on:
            raise ExtensionRefused(
                _("The new date must fall after the current due date (%(date)s).") % {"date": long_date(step.due_on)},
                "new_date",
            )
        if new_date <= timezone.localdate():
            raise ExtensionRefused(_("The new date must lie in the future."), "new_date")
        if new_date > step.due_on + LONGEST_EXTENSION:
            raise ExtensionRefused(
                _("The new date can be at most a year after the current due date, so on %(date)s at the latest.")
                % {"date": long_date(step.due_on + LONGEST_EXTENSION)},
                "new_date",
            )
        try:
            with transaction.atomic():
                extension = DeadlineExtension.objects.create(
                    organisation=organisation,
                    edition=signature.edition,
                    subject=step.subject,
                    year=step.year,
                    due_on=step.due_on,
                    new_date=new_date,
                    reason=reason,
                    requested_by=user,
                )
        except IntegrityError as error:
            raise ExtensionRefused(
                _(
                    "This step already has a request for more time, waiting or approved. One extension per step "
                    "is possible; mail the VNG if you need more."
                ),
                "step",
            ) from error
        record(
            event=AuditEvent.EXTENSION_REQUESTED, actor=user, subject=extension, detail=f"{step.due_on} -> {new_date}"
        )
    return extension


def _locked_waiting(extension) -> DeadlineExtension:
    extension = DeadlineExtension.objects.select_for_update().select_related("organisation").get(pk=extension.pk)
    if not extension.is_waiting:
        raise ExtensionRefused(_("This request has already been decided."))
    return extension


def _mail_coordinators(extension, template: str) -> None:
    recipients = list(
        Membership.objects.active_coordinators()
        .filter(organisation=extension.organisation)
        .select_related("user")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    context = {
        "extension": extension,
        "organisation": extension.organisation,
        "step": extension.step_label,
        "new_date": extension.new_date,
        "organisation_url": absolute_url("manifest:organisation_detail", code=extension.organisation.code),
    }
    transaction.on_commit(
        lambda: send_templated_mail(to=recipients, template_prefix=f"actionplans/email/{template}", context=context)
    )


def extension_approve(*, extension: DeadlineExtension, by) -> DeadlineExtension:
    """VNG staff grant the extension: the step's due date moves to the new date; the coordinators are told."""
    require_staff_powers(by)
    with transaction.atomic():
        extension = _locked_waiting(extension)
        extension.status = ExtensionStatus.APPROVED
        extension.decided_at = timezone.now()
        extension.decided_by = by
        extension.save(update_fields=["status", "decided_at", "decided_by"])
        record(event=AuditEvent.EXTENSION_APPROVED, actor=by, subject=extension, detail=f"-> {extension.new_date}")
        _mail_coordinators(extension, "extension_approved")
        DEADLINES.changed()
    return extension


def extension_refuse(*, extension: DeadlineExtension, by, reason: str) -> DeadlineExtension:
    """VNG staff refuse, with a reason the coordinators receive; the due date stays."""
    require_staff_powers(by)
    reason = (reason or "").strip()
    if not reason:
        raise ExtensionRefused(_("Give a reason; the coordinators receive it."))
    with transaction.atomic():
        extension = _locked_waiting(extension)
        extension.status = ExtensionStatus.REFUSED
        extension.decided_at = timezone.now()
        extension.decided_by = by
        extension.refusal_reason = reason
        extension.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])
        record(event=AuditEvent.EXTENSION_REFUSED, actor=by, subject=extension, detail=reason)
        _mail_coordinators(extension, "extension_refused")
    return extension


# --- reminders ---------------------------------------------------------------------------------------


def plan_reminder_kind(days_left: int) -> str | None:
    """30 and 7 days before (a missed day does not lose one), and once overdue; None otherwise."""
    if days_left < 0:
        return PlanReminderKind.OVERDUE if -days_left <= OVERDUE_MAIL_DAYS else None
    return {30: PlanReminderKind.THIRTY_DAYS, 7: PlanReminderKind.SEVEN_DAYS}.get(reminder_kind(days_left))


def plan_reminders_send(*, today: datetime.date | None = None, dry_run: bool = False) -> list[tuple]:
    """E-mail the coordinators of every signatory whose action plan is due in 30 or 7 days, or overdue.

    Each goes once per organisation, due date and kind (the PlanReminder row is unique and written with
    the e-mail); an extension gives the new due date its own reminders. Returns (organisation, kind,
    due date, recipients) of every reminder sent (or, with dry_run, that would be sent).
    """
    today = today or timezone.localdate()
    due = (
        annotate_stage(Signature.objects.public(), today=today)
        .filter(
            plan_done=False,
            stage_year__isnull=True,
            plan_due_on__gte=today - datetime.timedelta(days=OVERDUE_MAIL_DAYS),
            plan_due_on__lte=today + datetime.timedelta(days=30),
        )
        .select_related("organisation", "edition")
        .order_by("organisation__name")
    )
    sent = []
    for signature in due:
        kind = plan_reminder_kind((signature.plan_due_on - today).days)
        if kind is None:
            continue
        if PlanReminder.objects.filter(
            organisation=signature.organisation, edition=signature.edition, kind=kind, due_on=signature.plan_due_on
        ).exists():
            continue
        recipients = sorted(
            set(
                Membership.objects.active_coordinators()
                .filter(organisation=signature.organisation)
                .values_list("user__email", flat=True)
            )
        )
        if not recipients:
            continue
        if not dry_run:
            _send_plan_reminder(signature=signature, kind=kind, recipients=recipients)
        sent.append((signature.organisation, kind, signature.plan_due_on, recipients))
    return sent


def _send_plan_reminder(*, signature, kind: str, recipients: list[str]) -> None:
    try:
        with transaction.atomic():
            PlanReminder.objects.create(
                organisation=signature.organisation,
                edition=signature.edition,
                kind=kind,
                due_on=signature.plan_due_on,
                recipients=", ".join(recipients),
            )
            context = {
                "organisation": signature.organisation,
                "edition": signature.edition,
                "due_on": signature.plan_due_on,
                "overdue": kind == PlanReminderKind.OVERDUE,
                "plans_url": absolute_url("actionplans:index"),
                "extension_url": absolute_url("ladder:extension_request", code=signature.organisation.code),
            }
            send_templated_mail(to=recipients, template_prefix="actionplans/email/plan_reminder", context=context)
    except IntegrityError:
        return  # another run sent this reminder a moment ago
