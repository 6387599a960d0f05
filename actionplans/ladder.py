"""The ladder rule: where a signatory stands, computed from its data, never typed in.

For a signature of an edition (the organisation's plans for that edition, or for no edition in
particular, count):
- reported on <year>: a yearly report is submitted (the latest year counts);
- action plan published / adopted / in preparation: the furthest status any such plan has; a joint plan
  counts for each owner (lead or accepted co-owner), as adopted only once that owner adopted it;
- signed: none of these yet.

Behind schedule: the plan is due (the day the VNG verified the signature plus the edition's
`plan_due_months`, or the date of an approved extension) and no plan is adopted yet; or a yearly
report's deadline (for years from the signing year on; an approved extension moves it) has passed
without a submitted report. Due dates fall due at the end of their day. The mark clears by itself
when the step arrives.

Everything is one SQL expression per annotation (`with_stage`), so a list of any length costs the same
queries; pages, open data, the monitor and the reminders all use it. manifest/ladder.py names the
steps; `register_stage_rule()` hands this rule to the register.
"""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear, Greatest, Least, TruncDate
from django.utils import timezone

from actionplans.cache import DEADLINES, PLANS
from actionplans.models import DeadlineExtension, ExtensionSubject, OwnedPlans, PlanStatus
from manifest.ladder import Stage, set_stage_rule
from manifest.models import ReportingDeadline

PLAN_DONE_STATUSES = [PlanStatus.ADOPTED, PlanStatus.PUBLISHED]


class PlusMonths(Func):
    """A date plus a number of months, as a date (PostgreSQL keeps the day, or takes the month's last)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        day, months = self.get_source_expressions()
        day_sql, day_params = compiler.compile(day)
        months_sql, months_params = compiler.compile(months)
        return f"CAST(({day_sql}) + make_interval(months => {months_sql}) AS date)", (*day_params, *months_params)


def _approved_extension(organisation, edition, subject, year=None):
    extensions = DeadlineExtension.objects.approved().filter(
        organisation=organisation, edition=edition, subject=subject
    )
    if year is not None:
        extensions = extensions.filter(year=year)
    return Subquery(extensions.order_by("-new_date").values("new_date")[:1], output_field=DateField())


def _deeper(ref):
    """The same reference one subquery further down (a plain value stays as it is)."""
    return OuterRef(ref) if isinstance(ref, OuterRef) else ref


def report_deadlines(organisation, edition, signed_year):
    """The edition's report deadlines an organisation must meet, each with `due_on` (its deadline, or an
    approved extension) and `reported` (a report on the year is submitted). Arguments are values, or
    OuterRefs when this is a subquery."""
    owned = OwnedPlans(_deeper(organisation), OuterRef("edition"))
    return (
        ReportingDeadline.objects.filter(edition=edition, year__gte=signed_year)
        .annotate(
            due_on=Greatest(
                "deadline",
                _approved_extension(
                    _deeper(organisation), OuterRef("edition"), ExtensionSubject.REPORT, OuterRef("year")
                ),
                output_field=DateField(),
            ),
            reported=ExpressionWrapper(owned.reported(OuterRef("year")), output_field=BooleanField()),
        )
        .order_by("year")
    )


def annotate_stage(signatures, today: datetime.date | None = None):
    """Signatures with stage, stage_year, plan_due_on, plan_done, behind_schedule and extended_until."""
    today = today or timezone.localdate()
    organisation, edition = OuterRef("organisation"), OuterRef("edition")
    owned = OwnedPlans(organisation, edition)  # a joint plan counts for each owner, as that owner adopted it
    late_reports = report_deadlines(organisation, edition, OuterRef("ladder_signed_year")).filter(
        reported=False, due_on__lt=today
    )
    # Approved report extensions whose report has not come yet: the one ending first is shown.
    running_report_extensions = (
        DeadlineExtension.objects.approved()
        .filter(organisation=organisation, edition=edition, subject=ExtensionSubject.REPORT)
        .exclude(OwnedPlans(OuterRef("organisation"), OuterRef("edition")).reported(OuterRef("year")))
    )
    waiting_for_plan = Q(plan_done=False, stage_year__isnull=True)
    return signatures.alias(ladder_signed_year=ExtractYear("decided_at")).annotate(
        plan_due_on=Greatest(
            PlusMonths(TruncDate("decided_at"), "edition__plan_due_months"),
            _approved_extension(organisation, edition, ExtensionSubject.PLAN),
            output_field=DateField(),
        ),
        plan_done=ExpressionWrapper(owned.exist(PLAN_DONE_STATUSES), output_field=BooleanField()),
        stage_year=owned.latest_report_year(),
        stage=Case(
            When(Q(stage_year__isnull=False), then=Value(Stage.REPORTED)),
            When(owned.exist([PlanStatus.PUBLISHED]), then=Value(Stage.PLAN_PUBLISHED)),
            When(owned.exist([PlanStatus.ADOPTED]), then=Value(Stage.PLAN_ADOPTED)),
            When(owned.exist(), then=Value(Stage.PLAN_IN_PREPARATION)),
            default=Value(Stage.SIGNED),
        ),
        behind_schedule=ExpressionWrapper(
            (waiting_for_plan & Q(plan_due_on__lt=today)) | Exists(late_reports),
            output_field=BooleanField(),
        ),
        extended_until=Least(
            Case(
                When(waiting_for_plan, then=_approved_extension(organisation, edition, ExtensionSubject.PLAN)),
                default=None,
                output_field=DateField(),
            ),
            Subquery(running_report_extensions.order_by("new_date").values("new_date")[:1], output_field=DateField()),
            output_field=DateField(),
        ),
    )


def register_stage_rule() -> None:
    """Hand the rule to the register (manifest/ladder.py); called when the app starts."""
    set_stage_rule(annotate=annotate_stage, kinds=(PLANS, DEADLINES))
