"""Yearly reports: build a report from the plan and what the coordinator entered, save drafts, submit.

A report's content is always the same structure (see `build_report`): for a draft it is built from the
plan as it is now; on submission that structure is stored as the snapshot and never built again.

A plan has a report on each year of its period and no other. The report on a year can be written once
that year has begun and submitted once it has ended, or earlier from the day VNG staff open submission
for the edition the organisation signed (`ReportingDeadline.opens_on`).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.cache import INDICATORS, PLANS
from actionplans.indicators import check_value, parse_number
from actionplans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    CommonIndicator,
    Goal,
    OwnerTarget,
    ReportedIndicatorValue,
    ReportReminder,
    ReportStatus,
    ReportTender,
    YearReport,
    plan_owners,
    progress_of,
)
from actionplans.permissions import require_own_coordinator
from core.mail import absolute_url, send_templated_mail
from manifest.models import Organisation, ReportingDeadline, SignatureStatus

NOTE_MAX_LENGTH = 1000


class ReportRefused(Exception):
    """The report cannot be written or submitted now; the message says why, in words for the coordinator."""


class ReportAlreadySubmitted(ReportRefused):
    """A submitted report is frozen."""


class ReportNotOpen(ReportRefused):
    """Too early: the year has not begun (to write the report) or not ended (to submit it)."""


class ReportYearOutsidePlan(ReportRefused):
    """The plan's period does not include the year."""


@dataclass(frozen=True)
class ReportingWindow:
    """When the report on one year can be written and submitted, and by when it is due."""

    year: int
    submission_opens_on: date
    deadline: date | None = None

    @property
    def writing_opens_on(self) -> date:
        return date(self.year, 1, 1)

    def is_open(self, today: date) -> bool:
        """Whether a draft can be started and saved: the year has begun."""
        return today >= self.writing_opens_on

    def can_submit(self, today: date) -> bool:
        return today >= self.submission_opens_on


def reporting_windows(plan: ActionPlan) -> dict[int, ReportingWindow]:
    """The window of every year of the plan's period, in one query.

    Deadlines and earlier openings come from the editions the organisation has signed; where two
    signed editions set one for the same year, the earlier deadline counts.
    """
    deadlines = {}
    for row in ReportingDeadline.objects.filter(
        edition__signatures__organisation=plan.organisation_id,
        edition__signatures__status=SignatureStatus.SIGNED,
        year__gte=plan.start_year,
        year__lte=plan.end_year,
    ).order_by("-deadline"):
        deadlines[row.year] = row
    windows = {}
    for year in range(plan.start_year, plan.end_year + 1):
        deadline = deadlines.get(year)
        windows[year] = ReportingWindow(
            year=year,
            submission_opens_on=deadline.submission_opens_on if deadline else date(year + 1, 1, 1),
            deadline=deadline.deadline if deadline else None,
        )
    return windows


def reporting_window(plan: ActionPlan, year: int) -> ReportingWindow:
    """The window of one year of the plan; a year outside the plan's period raises ReportYearOutsidePlan."""
    if not plan.start_year <= year <= plan.end_year:
        raise ReportYearOutsidePlan(
            _("This plan runs from %(start)s to %(end)s; it has no report on %(year)s.")
            % {"start": plan.start_year, "end": plan.end_year, "year": year}
        )
    return reporting_windows(plan)[year]


def long_date(value: date) -> str:
    return date_format(value, "j F Y")


def _decimal_text(value) -> str | None:
    """A decimal as plain text without trailing zeros: 100.00 becomes "100", 82.50 becomes "82.5"."""
    return None if value is None else format(Decimal(value).normalize(), "f")


def _measured_value(key, value) -> Decimal | None:
    """A measured value as the form gives it (a Decimal) or as a person types it ("1.250,5"); anything that
    is not a finite number is refused for its goal, never dropped in silence."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = value if isinstance(value, Decimal) else parse_number(str(value))
    except ValueError:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({f"goal_{key}": _("Enter a number, for example 12,5.")})
    return number


def plan_goals_for_report(plan: ActionPlan) -> list[Goal]:
    actions = Action.objects.order_by("order", "id")
    return list(
        plan.goals.select_related("theme", "common_indicator")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("theme__order", "theme__name", "order", "id")
    )


def _progress(actions: list[dict]) -> int | None:
    return progress_of((action["status"], action["progress"]) for action in actions)


def build_report(plan: ActionPlan, year: int, data: dict, next_year: str, goals: list[Goal] | None = None) -> dict:
    """The report's content: themes with narrative, goals with measured values, actions with status.

    Values entered in `data` win; actions not touched yet take their status and progress from the plan.
    """
    goals = plan_goals_for_report(plan) if goals is None else goals
    per_owner = _targets_per_owner(plan, goals)
    entered_owner_values = data.get("owner_goals", {})
    entered_goals = data.get("goals", {})
    entered_actions = data.get("actions", {})
    narratives = data.get("themes", {})
    themes: list[dict] = []
    for goal in goals:
        if not themes or themes[-1]["id"] != goal.theme_id:
            themes.append(
                {
                    "id": goal.theme_id,
                    "slug": goal.theme.slug,
                    "name": goal.theme.name,
                    "name_en": goal.theme.name_en,
                    "narrative": narratives.get(str(goal.theme_id), ""),
                    "goals": [],
                }
            )
        actions = []
        for action in goal.actions.all():
            entered = entered_actions.get(str(action.pk), {})
            actions.append(
                {
                    "id": action.pk,
                    "title": action.title,
                    "status": entered.get("status", action.status),
                    "progress": int(entered.get("progress", action.progress)),
                    "note": entered.get("note", action.progress_note),
                }
            )
        themes[-1]["goals"].append(
            {
                "id": goal.pk,
                "title": goal.title,
                "indicator": goal.indicator,
                "unit": goal.unit,
                **common_indicator_facts(goal),
                "baseline_value": _decimal_text(goal.baseline_value),
                "baseline_year": goal.baseline_year,
                "target_value": _decimal_text(goal.target_value),
                "target_year": goal.target_year,
                "measured_value": entered_goals.get(str(goal.pk)),
                **_owner_facts(goal, per_owner, entered_owner_values.get(str(goal.pk), {})),
                "actions": actions,
                "progress": _progress(actions),
            }
        )
    all_actions = [action for theme in themes for goal in theme["goals"] for action in goal["actions"]]
    return {
        "plan": {"title": plan.title, "period": plan.period, "organisation": plan.organisation.name},
        "year": year,
        "themes": themes,
        "next_year": next_year,
        "progress": _progress(all_actions),
        "action_count": len(all_actions),
        "done_count": sum(action["status"] == ActionStatus.DONE for action in all_actions),
    }


def _targets_per_owner(plan: ActionPlan, goals: list[Goal]) -> dict | None:
    """For a plan with goals that have a target per owner: its owners (lead first) and their targets per goal.

    None (and no query) when no goal of the plan has targets per owner.
    """
    if not any(goal.targets_per_owner for goal in goals):
        return None
    targets = {
        (target.goal_id, target.organisation_id): target.target_value
        for target in OwnerTarget.objects.filter(goal__plan=plan)
    }
    return {"owners": plan_owners(plan), "targets": targets}


def _owner_facts(goal: Goal, per_owner: dict | None, entered: dict) -> dict:
    """A goal with a target per owner reports one measured value per owner (lead and accepted co-owners)."""
    if per_owner is None or not goal.targets_per_owner:
        return {"targets_per_owner": False}
    return {
        "targets_per_owner": True,
        "owners": [
            {
                "id": organisation.pk,
                "name": organisation.name,
                "target_value": _decimal_text(per_owner["targets"].get((goal.pk, organisation.pk))),
                "measured_value": entered.get(str(organisation.pk)),
            }
            for organisation in per_owner["owners"]
        ],
    }


def common_indicator_facts(goal: Goal) -> dict:
    """A goal's common indicator in the report: its code, and its name and unit in place of the goal's own."""
    indicator = goal.common_indicator
    if indicator is None:
        return {"common_indicator": None}
    return {
        "common_indicator": indicator.code,
        "indicator": indicator.name,
        "indicator_en": indicator.name_en,
        "unit": indicator.unit,
        "definition": indicator.definition,
    }


def report_content(report: YearReport, goals: list[Goal] | None = None) -> dict:
    """What a report shows: its snapshot once submitted, otherwise built from the plan now."""
    if report.is_submitted:
        return report.snapshot
    return build_report(report.plan, report.year, report.data, report.next_year, goals)


def clean_report_data(data: dict) -> dict:
    """Measured values as decimal text (a value that is no number is refused), statuses from the choices."""
    goals = {}
    for key, value in data.get("goals", {}).items():
        number = _measured_value(key, value)
        if number is not None:
            goals[str(key)] = _decimal_text(number)
    actions = {}
    for key, value in data.get("actions", {}).items():
        if value.get("status") in ActionStatus.values and 0 <= int(value.get("progress", 0)) <= 100:
            actions[str(key)] = {"status": value["status"], "progress": int(value.get("progress", 0))}
            if "note" in value:  # an empty explanation entered here wins over the action's own
                actions[str(key)]["note"] = (value["note"] or "").strip()[:NOTE_MAX_LENGTH]
    themes = {str(key): value.strip() for key, value in data.get("themes", {}).items() if value and value.strip()}
    owner_goals = {}
    for key, values in data.get("owner_goals", {}).items():
        cleaned = {
            str(owner): _decimal_text(number)
            for owner, value in values.items()
            if (number := _measured_value(f"{key}_owner_{owner}", value)) is not None
        }
        if cleaned:
            owner_goals[str(key)] = cleaned
    return {"goals": goals, "actions": actions, "themes": themes, "owner_goals": owner_goals}


@transaction.atomic
def report_save_draft(
    *,
    plan: ActionPlan,
    year: int,
    user,
    data: dict,
    next_year: str,
    today: date | None = None,
    tenders: list[dict] | None = None,
) -> YearReport:
    """Store what the coordinator entered so far; allowed from the start of the year until submission.

    `tenders`, when given, replaces the report's tender rows (see `report_tenders_replace`); a bad row
    raises ValidationError and nothing of the draft is saved.
    """
    window = reporting_window(plan, year)
    if not window.is_open(today or timezone.localdate()):
        raise ReportNotOpen(
            _("The report on %(year)s can be written from %(date)s.")
            % {"year": year, "date": long_date(window.writing_opens_on)}
        )
    report, _created = YearReport.objects.select_for_update().get_or_create(plan=plan, year=year)
    if report.is_submitted:
        raise ReportAlreadySubmitted(_("This report has been submitted and can no longer be changed."))
    report.data = clean_report_data(data)
    check_indicator_values(plan, report.data)
    report.next_year = next_year.strip()
    report.updated_by = user
    report.full_clean()
    report.save()
    if tenders is not None:
        report_tenders_replace(report=report, tenders=tenders)
    return report


@transaction.atomic
def report_submit(*, plan: ActionPlan, year: int, user, today: date | None = None) -> YearReport:
    """Freeze the report: store everything it shows, copied from the plan, as its snapshot.

    Allowed once the year has ended, or from the earlier opening set for the signed edition, and only for the
    organisation's own coordinators (a cooperative body that prepares the report does not submit it).
    """
    require_own_coordinator(user, plan.organisation)
    window = reporting_window(plan, year)
    if not window.can_submit(today or timezone.localdate()):
        raise ReportNotOpen(
            _("The report on %(year)s can be submitted from %(date)s.")
            % {"year": year, "date": long_date(window.submission_opens_on)}
        )
    report, _created = YearReport.objects.select_for_update().get_or_create(plan=plan, year=year)
    if report.is_submitted:
        raise ReportAlreadySubmitted(_("This report has already been submitted."))
    report.plan = plan
    report.snapshot = build_report(plan, year, report.data, report.next_year)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.updated_by = user
    report.full_clean()
    report.save()
    record_indicator_values(report)
    PLANS.changed()
    return report


# --- values of common indicators -----------------------------------------------------------------


def check_indicator_values(plan: ActionPlan, data: dict) -> None:
    """Refuse (ValidationError) a measured value that the unit of its goal's indicator does not allow.

    The report form says the same per field; this keeps every other caller to the rule, before anything
    is saved.
    """
    values = data.get("goals", {})
    owner_values = data.get("owner_goals", {})
    if not values and not owner_values:
        return
    keys = [int(key) for key in [*values, *owner_values] if str(key).isdigit()]
    goals = plan.goals.filter(pk__in=keys).select_related("common_indicator")
    for goal in goals:
        common = goal.common_indicator_id is not None
        if str(goal.pk) in values:
            try:
                check_value(Decimal(values[str(goal.pk)]), unit=goal.measure_unit, common=common)
            except ValidationError as error:
                raise ValidationError({f"goal_{goal.pk}": error.messages}) from error
        for owner, value in owner_values.get(str(goal.pk), {}).items():
            try:
                check_value(Decimal(value), unit=goal.measure_unit, common=common)
            except ValidationError as error:
                raise ValidationError({f"goal_{goal.pk}_owner_{owner}": error.messages}) from error


def record_indicator_values(report: YearReport) -> None:
    """Keep the values of common indicators in a submitted report for the indicator monitor.

    One value per organisation, indicator and year: a report submitted later on the same year (of
    another plan of the organisation) gives the value from then on.
    """
    # (organisation, indicator code) to value: a goal with a value per owner gives each owner its own.
    reported = {}
    for theme in report.snapshot["themes"]:
        for goal in theme["goals"]:
            if not goal.get("common_indicator"):
                continue
            if goal.get("targets_per_owner"):
                for owner in goal["owners"]:
                    if owner["measured_value"] is not None:
                        reported[(owner["id"], goal["common_indicator"])] = owner["measured_value"]
            elif goal.get("measured_value") is not None:
                reported[(report.plan.organisation_id, goal["common_indicator"])] = goal["measured_value"]
    if not reported:
        return
    codes = {code for _organisation, code in reported}
    indicators = dict(CommonIndicator.objects.filter(code__in=codes).values_list("code", "pk"))
    for (organisation_id, code), value in reported.items():
        if code in indicators:
            ReportedIndicatorValue.objects.update_or_create(
                organisation_id=organisation_id,
                indicator_id=indicators[code],
                year=report.year,
                defaults={"report": report, "value": Decimal(value)},
            )
    INDICATORS.changed()


# --- tenders per product group ---------------------------------------------------------------


@transaction.atomic
def report_tenders_replace(*, report: YearReport, tenders: list[dict]) -> list[ReportTender]:
    """Replace the tender rows of a draft report by `tenders` (dicts of ReportTender's fields): all or none.

    Each row is checked against the model's rules and constraints; the first bad row raises
    ValidationError naming its row, and the transaction leaves the stored rows as they were.
    """
    if report.is_submitted:
        raise ReportAlreadySubmitted(_("This report has been submitted and can no longer be changed."))
    report.tenders.all().delete()
    created = []
    for number, row in enumerate(tenders, start=1):
        tender = ReportTender(report=report, **row)
        try:
            tender.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("Tenders, row %(number)s: %(errors)s")
                % {"number": number, "errors": " ".join(message for message in error.messages)}
            ) from error
        tender.save()
        created.append(tender)
    return created


# --- reminders ---------------------------------------------------------------------------------

REMINDER_DAYS = (30, 7)


def reminder_kind(days_left: int) -> int | None:
    """Which reminder is due with `days_left` days to the deadline: 30, 7 or none.

    A day the scheduler missed does not lose a reminder: the 30-day one goes out from 30 days before
    until the 7-day window starts, the 7-day one until the deadline itself.
    """
    if 0 <= days_left <= REMINDER_DAYS[1]:
        return REMINDER_DAYS[1]
    if REMINDER_DAYS[1] < days_left <= REMINDER_DAYS[0]:
        return REMINDER_DAYS[0]
    return None


def organisations_missing_report(*, edition, year: int):
    """Organisations with a public signature of the edition that have not submitted a report on `year`."""
    from manifest.models import Signature

    signed = Signature.objects.public().filter(edition=edition).values("organisation")
    reported = YearReport.objects.submitted().filter(year=year).values("plan__organisation")
    return Organisation.objects.filter(pk__in=signed).exclude(pk__in=reported).order_by("name")


def _report_url(organisation, year: int):
    """The report's address, in the language of the mail it is written into."""
    plan = (
        ActionPlan.objects.filter(organisation=organisation, start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .first()
    )
    if plan is None:
        return absolute_url("actionplans:index")
    return absolute_url("actionplans:report_detail", uuid=plan.uuid, year=year)


def report_reminders_send(*, today: date | None = None, dry_run: bool = False) -> list[tuple]:
    """E-mail the coordinators of every signatory whose report is missing, 30 and 7 days before the deadline.

    Each reminder goes out once per organisation, year and kind: the ReportReminder row (unique) is
    written in the same transaction as the e-mail is sent. Returns (organisation, year, kind, recipients)
    of every reminder sent (or, with dry_run, that would be sent).
    """
    from manifest.models import Membership

    today = today or timezone.localdate()
    sent = []
    deadlines = ReportingDeadline.objects.filter(
        deadline__gte=today, deadline__lte=today + timedelta(days=REMINDER_DAYS[0])
    ).select_related("edition")
    for deadline in deadlines:
        kind = reminder_kind((deadline.deadline - today).days)
        if kind is None:
            continue
        already = ReportReminder.objects.filter(year=deadline.year, days_before=kind).values("organisation")
        for organisation in organisations_missing_report(edition=deadline.edition, year=deadline.year).exclude(
            pk__in=already
        ):
            recipients = sorted(
                set(
                    Membership.objects.active_coordinators()
                    .filter(organisation=organisation)
                    .values_list("user__email", flat=True)
                )
            )
            if not recipients:
                continue
            if not dry_run:
                _send_reminder(organisation=organisation, deadline=deadline, kind=kind, recipients=recipients)
            sent.append((organisation, deadline.year, kind, recipients))
    return sent


def _send_reminder(*, organisation, deadline, kind: int, recipients: list[str]) -> None:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                organisation=organisation, year=deadline.year, days_before=kind, recipients=", ".join(recipients)
            )
            context = {
                "organisation": organisation,
                "year": deadline.year,
                "deadline": deadline,
                "report_url": _report_url(organisation, deadline.year),
            }
            send_templated_mail(to=recipients, template_prefix="actionplans/email/report_reminder", context=context)
    except IntegrityError:
        return  # another run sent this reminder a moment ago
