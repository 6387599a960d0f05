"""The rules that must hold are constraints in the database, whatever code writes the rows."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from actionplans.models import Action, ActionPlan, Goal, PlanStatus
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory

pytestmark = pytest.mark.django_db


def _refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_database_refuses_a_plan_that_ends_before_it_starts(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    _refused(ActionPlan.objects.filter(pk=plan.pk), start_year=2030, end_year=2026)


def test_database_refuses_an_adopted_plan_without_adoption_date(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    _refused(ActionPlan.objects.filter(pk=plan.pk), status=PlanStatus.ADOPTED)


def test_database_refuses_a_target_year_before_the_baseline_year(people):
    goal = GoalFactory(plan__organisation=people.organisation_a)
    _refused(Goal.objects.filter(pk=goal.pk), baseline_year=2026, target_year=2025)


def test_database_refuses_progress_above_100(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a)
    _refused(Action.objects.filter(pk=action.pk), progress=140)


def test_database_refuses_a_due_date_before_the_start_date(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a)
    _refused(
        Action.objects.filter(pk=action.pk), start_date=datetime.date(2026, 5, 1), due_date=datetime.date(2026, 4, 1)
    )


def test_overdue_only_counts_open_actions_past_their_due_date(people):
    past = datetime.date(2020, 1, 1)
    assert ActionFactory.build(due_date=past, status="lopend").is_overdue
    assert not ActionFactory.build(due_date=past, status="afgerond").is_overdue
    assert not ActionFactory.build(due_date=past, status="vervallen").is_overdue
    assert not ActionFactory.build(due_date=None, status="lopend").is_overdue
