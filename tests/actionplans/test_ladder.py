"""The ladder: every signatory's stage from its data, and the "behind schedule" mark that comes and goes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from actionplans.ladder import annotate_stage
from actionplans.models import DeadlineExtension, ExtensionStatus, ExtensionSubject, PlanStatus
from manifest.ladder import Stage, stage_label
from manifest.models import Signature
from tests.factories import (
    ActionPlanFactory,
    GoalFactory,
    ReportingDeadlineFactory,
    SignatureFactory,
    current_edition,
    submitted_report,
)

pytestmark = pytest.mark.django_db

SIGNED_AT = timezone.make_aware(datetime.datetime(2025, 3, 10, 11, 0))
PLAN_DUE = datetime.date(2026, 3, 10)  # twelve months after the VNG verified the signature


def ladder(organisation, today=None):
    return annotate_stage(Signature.objects.filter(organisation=organisation), today=today).get()


@pytest.fixture
def signed(organisation_a):
    return SignatureFactory(organisation=organisation_a, submitted_at=SIGNED_AT, decided_at=SIGNED_AT)


def test_a_freshly_signed_organisation_is_signed_with_its_plan_due_twelve_months_later(signed):
    row = ladder(signed.organisation, today=datetime.date(2025, 4, 1))
    assert row.stage == Stage.SIGNED
    assert row.plan_due_on == PLAN_DUE
    assert not row.behind_schedule
    assert row.extended_until is None


def test_the_edition_sets_how_many_months_the_plan_may_take(signed):
    edition = current_edition()
    edition.plan_due_months = 6
    edition.save()
    assert ladder(signed.organisation).plan_due_on == datetime.date(2025, 9, 10)


def test_each_step_of_the_plan_moves_the_organisation_up(signed):
    plan = ActionPlanFactory(organisation=signed.organisation)
    assert ladder(signed.organisation).stage == Stage.PLAN_IN_PREPARATION
    plan.status, plan.adopted_on = PlanStatus.ADOPTED, datetime.date(2025, 6, 1)
    plan.save()
    assert ladder(signed.organisation).stage == Stage.PLAN_ADOPTED
    plan.status, plan.published_at = PlanStatus.PUBLISHED, timezone.now()
    plan.save()
    row = ladder(signed.organisation)
    assert row.stage == Stage.PLAN_PUBLISHED
    assert stage_label(row.stage, row.stage_year) == "Actieplan gepubliceerd"


def test_a_submitted_report_puts_the_organisation_on_the_top_step_with_its_latest_year(signed):
    plan = ActionPlanFactory(organisation=signed.organisation, start_year=2025, end_year=2028)
    GoalFactory(plan=plan)
    submitted_report(plan, 2025)
    submitted_report(plan, 2026)
    row = ladder(signed.organisation)
    assert (row.stage, row.stage_year) == (Stage.REPORTED, 2026)
    assert stage_label(row.stage, row.stage_year) == "Gerapporteerd over 2026"


def test_a_plan_of_another_organisation_does_not_count(signed, organisation_b):
    ActionPlanFactory(organisation=organisation_b, status=PlanStatus.ADOPTED, adopted_on=datetime.date(2025, 6, 1))
    assert ladder(signed.organisation).stage == Stage.SIGNED


def test_behind_schedule_appears_the_day_after_the_plan_was_due_and_clears_when_it_is_adopted(signed):
    with time_machine.travel(datetime.datetime(2026, 3, 10, 23, 0, tzinfo=timezone.get_current_timezone())):
        assert not ladder(signed.organisation).behind_schedule
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, 0, tzinfo=timezone.get_current_timezone())):
        assert ladder(signed.organisation).behind_schedule
        plan = ActionPlanFactory(organisation=signed.organisation)
        assert ladder(signed.organisation).behind_schedule  # a draft is not yet the plan that was promised
        plan.status, plan.adopted_on = PlanStatus.ADOPTED, datetime.date(2026, 3, 11)
        plan.save()
        row = ladder(signed.organisation)
        assert not row.behind_schedule
        assert row.stage == Stage.PLAN_ADOPTED


def test_a_late_yearly_report_marks_behind_schedule_until_it_is_submitted(signed):
    ReportingDeadlineFactory(year=2025, deadline=datetime.date(2026, 3, 31))
    plan = ActionPlanFactory(
        organisation=signed.organisation,
        start_year=2025,
        status=PlanStatus.ADOPTED,
        adopted_on=datetime.date(2025, 6, 1),
    )
    GoalFactory(plan=plan)
    assert not ladder(signed.organisation, today=datetime.date(2026, 3, 31)).behind_schedule
    assert ladder(signed.organisation, today=datetime.date(2026, 4, 1)).behind_schedule
    submitted_report(plan, 2025, on=datetime.date(2026, 4, 2))
    row = ladder(signed.organisation, today=datetime.date(2026, 4, 2))
    assert not row.behind_schedule
    assert (row.stage, row.stage_year) == (Stage.REPORTED, 2025)


def test_report_years_before_the_signature_are_not_owed(signed):
    ReportingDeadlineFactory(year=2024, deadline=datetime.date(2025, 3, 31))
    ActionPlanFactory(organisation=signed.organisation, status=PlanStatus.ADOPTED, adopted_on=datetime.date(2025, 6, 1))
    assert not ladder(signed.organisation, today=datetime.date(2025, 6, 1)).behind_schedule


def test_an_approved_extension_moves_the_plan_due_date_and_shows_until_the_plan_arrives(signed):
    DeadlineExtension.objects.create(
        organisation=signed.organisation,
        edition=signed.edition,
        subject=ExtensionSubject.PLAN,
        due_on=PLAN_DUE,
        new_date=datetime.date(2026, 9, 1),
        reason="Verkiezingen",
        status=ExtensionStatus.APPROVED,
        decided_at=timezone.now(),
    )
    row = ladder(signed.organisation, today=datetime.date(2026, 5, 1))
    assert row.plan_due_on == datetime.date(2026, 9, 1)
    assert not row.behind_schedule
    assert row.extended_until == datetime.date(2026, 9, 1)
    assert ladder(signed.organisation, today=datetime.date(2026, 9, 2)).behind_schedule
    ActionPlanFactory(organisation=signed.organisation, status=PlanStatus.ADOPTED, adopted_on=datetime.date(2026, 9, 2))
    assert ladder(signed.organisation, today=datetime.date(2026, 9, 2)).extended_until is None


def test_a_waiting_or_refused_extension_moves_nothing(signed):
    for status, refusal in [(ExtensionStatus.REQUESTED, ""), (ExtensionStatus.REFUSED, "Nee")]:
        DeadlineExtension.objects.create(
            organisation=signed.organisation,
            edition=signed.edition,
            subject=ExtensionSubject.PLAN,
            due_on=PLAN_DUE,
            new_date=datetime.date(2026, 9, 1),
            reason="Verkiezingen",
            status=status,
            refusal_reason=refusal,
            decided_at=None if status == ExtensionStatus.REQUESTED else timezone.now(),
        )
    row = ladder(signed.organisation, today=datetime.date(2026, 5, 1))
    assert row.plan_due_on == PLAN_DUE
    assert row.behind_schedule
    assert row.extended_until is None


def test_an_approved_report_extension_moves_that_report_deadline(signed):
    ReportingDeadlineFactory(year=2025, deadline=datetime.date(2026, 3, 31))
    ActionPlanFactory(organisation=signed.organisation, status=PlanStatus.ADOPTED, adopted_on=datetime.date(2025, 6, 1))
    DeadlineExtension.objects.create(
        organisation=signed.organisation,
        edition=signed.edition,
        subject=ExtensionSubject.REPORT,
        year=2025,
        due_on=datetime.date(2026, 3, 31),
        new_date=datetime.date(2026, 6, 30),
        reason="Nieuwe monitoring",
        status=ExtensionStatus.APPROVED,
        decided_at=timezone.now(),
    )
    row = ladder(signed.organisation, today=datetime.date(2026, 5, 1))
    assert not row.behind_schedule
    assert row.extended_until == datetime.date(2026, 6, 30)
    assert ladder(signed.organisation, today=datetime.date(2026, 7, 1)).behind_schedule
