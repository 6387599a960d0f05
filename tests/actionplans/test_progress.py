"""The progress rule: a done action counts as 100%, a cancelled one not at all, the rest as recorded.

Progress of a goal, theme or plan is the rounded mean over its actions that count. The plan page, the
yearly report, the peer comparison and the monitor all follow the one rule in `actionplans.models`,
in Python and in SQL alike.
"""

import pytest

from actionplans import report_services
from actionplans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Goal,
    effective_progress,
    mean_progress,
    progress_of,
)
from actionplans.monitor import compute_figures
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, SignatureFactory, publish_plan, theme

pytestmark = pytest.mark.django_db

DONE, CANCELLED, PLANNED, IN_PROGRESS = (
    ActionStatus.DONE,
    ActionStatus.CANCELLED,
    ActionStatus.PLANNED,
    ActionStatus.IN_PROGRESS,
)


def test_a_done_action_counts_as_100_whatever_progress_it_carries():
    assert effective_progress(DONE, 0) == 100
    assert effective_progress(DONE, 40) == 100
    assert effective_progress(IN_PROGRESS, 40) == 40
    assert Action(status=DONE, progress=10).effective_progress == 100


def test_a_cancelled_action_does_not_count_at_all():
    assert progress_of([(IN_PROGRESS, 40), (CANCELLED, 0)]) == 40
    assert progress_of([(IN_PROGRESS, 40), (CANCELLED, 100)]) == 40
    assert not Action(status=CANCELLED, progress=50).counts_towards_progress


def test_progress_is_the_rounded_mean_of_the_actions_that_count():
    assert progress_of([(DONE, 0), (IN_PROGRESS, 50), (PLANNED, 0)]) == 50
    assert progress_of([(DONE, 0), (PLANNED, 0), (PLANNED, 0)]) == 33
    assert progress_of([(IN_PROGRESS, 10), (IN_PROGRESS, 15)]) == 12  # 12.5: rounded half to even, as always


def test_without_actions_that_count_there_is_no_progress():
    assert progress_of([]) is None
    assert progress_of([(CANCELLED, 80)]) is None


@pytest.fixture
def plan(people):
    """Two goals: (done, 50%, cancelled at 90%) and (10%, 15%), and a goal without actions."""
    plan = ActionPlanFactory(organisation=people.organisation_a)
    climate = GoalFactory(plan=plan, theme=theme("klimaat"))
    ActionFactory(goal=climate, status=DONE, progress=20)
    ActionFactory(goal=climate, status=IN_PROGRESS, progress=50)
    ActionFactory(goal=climate, status=CANCELLED, progress=90)
    circular = GoalFactory(plan=plan, theme=theme("circulair"))
    ActionFactory(goal=circular, status=IN_PROGRESS, progress=10)
    ActionFactory(goal=circular, status=IN_PROGRESS, progress=15)
    GoalFactory(plan=plan, theme=theme("social-return"))
    return plan


def test_sql_and_python_give_the_same_progress_per_goal_and_plan(plan):
    for goal in Goal.objects.filter(plan=plan).with_progress().prefetch_related("actions"):
        in_python = Action.progress_of(goal.actions.all())
        assert mean_progress(goal.progress_total, goal.counting_count) == in_python
    assert [
        Action.progress_of(goal.actions.all()) for goal in plan.goals.order_by("order").prefetch_related("actions")
    ] == [75, 12, None]
    sql_plan = ActionPlan.objects.with_progress().get(pk=plan.pk)
    assert (sql_plan.action_count, sql_plan.counting_count, sql_plan.done_count) == (5, 4, 1)
    assert mean_progress(sql_plan.progress_total, sql_plan.counting_count) == 44
    assert Action.objects.filter(goal__plan=plan).progress() == 44
    assert Action.progress_of(Action.objects.filter(goal__plan=plan)) == 44


def test_the_plan_page_and_the_report_show_the_same_progress(client, people, plan):
    client.force_login(people.member_a)
    response = client.get(plan.get_absolute_url())
    assert response.context["overall_progress"] == 44
    assert [group["progress"] for group in response.context["themes"]] == [75, 12, None]
    assert "Totale voortgang: 44%." in response.content.decode()
    content = report_services.build_report(plan, 2026, {}, "")
    assert content["progress"] == 44
    assert [goal["progress"] for theme in content["themes"] for goal in theme["goals"]] == [75, 12, None]


def test_the_report_counts_a_status_entered_for_the_year_by_the_same_rule(plan):
    cancelled = Action.objects.get(goal__plan=plan, status=CANCELLED)
    in_progress = Action.objects.get(goal__plan=plan, progress=50)
    entered = {
        "actions": {
            str(cancelled.pk): {"status": DONE, "progress": 0},
            str(in_progress.pk): {"status": CANCELLED, "progress": 50},
        }
    }
    content = report_services.build_report(plan, 2026, entered, "")
    assert content["themes"][0]["goals"][0]["progress"] == 100  # done (20%) and done (entered at 0%)


def test_peers_and_monitor_count_done_actions_among_those_that_count(client, people, plan):
    publish_plan(plan)
    SignatureFactory(organisation=people.organisation_a)
    climate = next(row for row in compute_figures()["figures"]["actions_done_per_theme"] if row["group"] == "klimaat")
    assert (climate["value"], climate["total"]) == (1, 2)
    client.force_login(people.member_a)
    own = client.get(plan.get_absolute_url()).context["peers"]["own"]
    assert own["done_share"] == 25  # 1 done of 4 that count
