import datetime

import pytest
from django.core.exceptions import ValidationError

from actionplans import services
from actionplans.models import Action, ActionPlan, ActionStatus, Change, ChangeKind, Goal, PlanStatus
from actionplans.plan_templates import plan_template
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, theme

pytestmark = pytest.mark.django_db


def test_startend_template_gives_a_draft_with_sections_goals_and_dated_actions(people):
    plan = services.plan_create_from_template(
        organisation=people.organisation_b, user=people.member_b, track="startend", start_year=2026, end_year=2028
    )
    assert plan.status == PlanStatus.DRAFT
    assert plan.title == "Actieplan MVOI Zwolle 2026–2028"
    assert plan.created_by == people.member_b
    assert "<li>" in plan.baseline_html
    themes = set(plan.goals.values_list("theme__slug", flat=True))
    assert 2 <= len(themes) <= 3
    actions = Action.objects.filter(goal__plan=plan)
    assert actions.count() == sum(len(goal["actions"]) for goal in plan_template("startend")["goals"])
    for action in actions:
        assert 2026 <= action.start_date.year <= action.due_date.year <= 2028
    assert plan.goals.first().baseline_year == 2025
    assert plan.goals.first().target_year == 2028


def test_gevorderd_template_covers_all_six_themes_with_smart_skeletons(people):
    plan = services.plan_create_from_template(
        organisation=people.organisation_a, user=people.member_a, track="gevorderd", start_year=2026, end_year=2029
    )
    assert plan.goals.values("theme").distinct().count() == 6
    assert all(goal.indicator and goal.unit and goal.target_year == 2029 for goal in plan.goals.all())


def test_empty_plan_records_its_creation_in_the_history(people):
    plan = services.plan_create_empty(
        organisation=people.organisation_a, user=people.member_a, title="Leeg plan", start_year=2026, end_year=2027
    )
    assert plan.goals.count() == 0
    change = plan.changes.get()
    assert (change.kind, change.user, change.object_kind) == (ChangeKind.CREATED, people.member_a, "plan")


def test_empty_plan_with_end_before_start_is_refused(people):
    with pytest.raises(ValidationError):
        services.plan_create_empty(
            organisation=people.organisation_a, user=people.member_a, title="Fout", start_year=2027, end_year=2026
        )
    assert not ActionPlan.objects.exists()


def _published_plan(organisation, user):
    plan = ActionPlanFactory(organisation=organisation, start_year=2024, end_year=2026, baseline="Nulmeting")
    goal = GoalFactory(plan=plan, baseline_year=2023, target_year=2026)
    ActionFactory(
        goal=goal,
        status=ActionStatus.DONE,
        progress=100,
        owner_member=user,
        start_date=datetime.date(2024, 2, 29),
        due_date=datetime.date(2025, 6, 30),
    )
    services.goal_update(goal=goal, user=user, data={"title": "Nieuw doel"}, version=1)
    services.plan_adopt(plan=plan, user=user, adopted_on=datetime.date(2024, 1, 10), adopted_by="College")
    return services.plan_publish(plan=plan, user=user)


def test_copy_of_published_plan_takes_goals_and_actions_but_not_history_people_or_progress(people):
    source = _published_plan(people.organisation_a, people.coordinator_a)
    copy = services.plan_copy(
        source=source,
        organisation=people.organisation_b,
        user=people.member_b,
        title="Ons plan",
        start_year=2026,
        end_year=2028,
    )
    assert copy.organisation == people.organisation_b
    assert copy.status == PlanStatus.DRAFT
    assert copy.copied_from == source
    assert copy.baseline == "Nulmeting"
    goal = copy.goals.get()
    assert (goal.title, goal.baseline_year, goal.target_year) == ("Nieuw doel", 2025, 2028)
    action = goal.actions.get()
    assert action.owner_member is None
    assert (action.status, action.progress) == (ActionStatus.PLANNED, 0)
    assert action.start_date == datetime.date(2026, 2, 28)
    assert not copy.changes.filter(user=people.coordinator_a).exists()
    assert source.goals.get().actions.get().owner_member == people.coordinator_a


def test_a_draft_cannot_be_copied(people):
    draft = ActionPlanFactory(organisation=people.organisation_a)
    with pytest.raises(services.InvalidTransition):
        services.plan_copy(
            source=draft,
            organisation=people.organisation_b,
            user=people.member_b,
            title="X",
            start_year=2026,
            end_year=2027,
        )


def test_adopt_then_publish_then_back_to_draft(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    plan = services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 3, 1), adopted_by="College van B en W"
    )
    assert (plan.status, plan.adopted_by) == (PlanStatus.ADOPTED, "College van B en W")
    plan = services.plan_publish(plan=plan, user=people.coordinator_a)
    assert plan.status == PlanStatus.PUBLISHED and plan.published_at
    assert ActionPlan.objects.published().get() == plan
    plan = services.plan_unpublish(plan=plan, user=people.coordinator_a)
    assert (plan.status, plan.published_at, plan.adopted_on) == (PlanStatus.DRAFT, None, None)
    statuses = list(plan.changes.filter(field="status").values_list("new_value", flat=True).order_by("id"))
    assert statuses == ["vastgesteld", "gepubliceerd", "concept"]


def test_a_draft_cannot_be_published_without_adoption(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    with pytest.raises(services.InvalidTransition):
        services.plan_publish(plan=plan, user=people.coordinator_a)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_an_adopted_plan_cannot_be_changed(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    goal = GoalFactory(plan=plan)
    plan = services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 1, 5), adopted_by="C"
    )
    goal.plan = plan
    with pytest.raises(services.InvalidTransition):
        services.goal_update(goal=goal, user=people.member_a, data={"title": "Anders"}, version=goal.version)
    with pytest.raises(services.InvalidTransition):
        services.goal_create(plan=plan, user=people.member_a, data={"theme": theme(), "title": "Nieuw"})


def test_update_records_each_changed_field_with_old_and_new_value(people):
    goal = GoalFactory(plan__organisation=people.organisation_a, title="Oud", unit="%")
    goal = services.goal_update(
        goal=goal,
        user=people.member_a,
        data={"title": "Nieuw", "unit": "%", "theme": theme("circulair"), "target_year": 2030},
        version=1,
    )
    assert goal.version == 2
    changes = {change.field: (change.old_value, change.new_value) for change in Change.objects.filter(kind="changed")}
    assert changes == {
        "title": ("Oud", "Nieuw"),
        "theme": ("Klimaat", "Circulair (inclusief biobased)"),
        "target_year": ("", "2030"),
    }
    assert Change.objects.filter(kind="changed").first().user == people.member_a


def test_saving_without_changes_keeps_the_version_and_records_nothing(people):
    goal = GoalFactory(plan__organisation=people.organisation_a, title="Zelfde")
    goal = services.goal_update(goal=goal, user=people.member_a, data={"title": "Zelfde"}, version=1)
    assert goal.version == 1
    assert not Change.objects.exists()


def test_second_save_from_the_same_starting_version_is_a_conflict(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a, title="Start")
    services.action_update(action=action, user=people.member_a, data={"title": "Van Anna"}, version=1)
    with pytest.raises(services.EditConflict) as conflict:
        services.action_update(action=action, user=people.coordinator_a, data={"title": "Van Bram"}, version=1)
    assert conflict.value.current.title == "Van Anna"
    action.refresh_from_db()
    assert (action.title, action.version) == ("Van Anna", 2)


def test_marking_an_action_done_sets_its_progress_to_100(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a, progress=30)
    action = services.action_update(
        action=action, user=people.member_a, data={"status": ActionStatus.DONE, "progress": 30}, version=1
    )
    assert action.progress == 100


def test_action_cannot_be_moved_to_a_goal_of_another_plan(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a)
    foreign_goal = GoalFactory(plan__organisation=people.organisation_b)
    with pytest.raises(ValidationError):
        services.action_update(action=action, user=people.member_a, data={"goal": foreign_goal}, version=1)
    action.refresh_from_db()
    assert action.goal.plan.organisation == people.organisation_a


def test_moving_a_goal_swaps_it_with_its_neighbour_in_the_same_theme(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    first, second, third = (GoalFactory(plan=plan, order=0) for _ in range(3))
    assert services.goal_move(goal=third, user=people.member_a, direction="up")
    assert list(plan.goals.order_by("order").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    assert not services.goal_move(goal=first, user=people.member_a, direction="up")
    assert plan.changes.filter(kind=ChangeKind.MOVED).count() == 1


def test_moving_an_action_down_reorders_the_actions_of_its_goal(people):
    goal = GoalFactory(plan__organisation=people.organisation_a)
    first, second = ActionFactory(goal=goal, order=0), ActionFactory(goal=goal, order=1)
    services.action_move(action=first, user=people.member_a, direction="down")
    assert list(goal.actions.order_by("order").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_deleting_a_goal_removes_its_actions_and_keeps_a_record(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a)
    plan = action.goal.plan
    services.goal_delete(goal=action.goal, user=people.member_a)
    assert not Goal.objects.exists() and not Action.objects.exists()
    assert plan.changes.get().kind == ChangeKind.DELETED


def test_import_applies_every_row(people):
    goal = GoalFactory(plan__organisation=people.organisation_a)
    first, second = ActionFactory(goal=goal), ActionFactory(goal=goal)
    changed = services.action_progress_import(
        plan=goal.plan,
        user=people.member_a,
        updates=[
            {"id": first.pk, "status": "lopend", "progress": 40},
            {"id": second.pk, "status": "afgerond", "progress": 80},
        ],
    )
    assert changed == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.progress, first.version) == ("lopend", 40, 2)
    assert (second.status, second.progress) == ("afgerond", 100)
    assert goal.plan.changes.filter(field="progress").count() == 2


def test_import_with_one_bad_row_changes_nothing(people):
    goal = GoalFactory(plan__organisation=people.organisation_a)
    action = ActionFactory(goal=goal)
    foreign = ActionFactory(goal__plan__organisation=people.organisation_b)
    for bad_row in (
        {"id": foreign.pk, "status": "lopend", "progress": 10},
        {"id": action.pk, "status": "klaar", "progress": 10},
        {"id": action.pk, "status": "lopend", "progress": 140},
    ):
        with pytest.raises(services.ImportRefused):
            services.action_progress_import(
                plan=goal.plan,
                user=people.member_a,
                updates=[{"id": action.pk, "status": "lopend", "progress": 50}, bad_row],
            )
    action.refresh_from_db()
    foreign.refresh_from_db()
    assert (action.status, action.progress) == ("gepland", 0)
    assert (foreign.status, foreign.progress) == ("gepland", 0)
    assert not Change.objects.exists()


def test_plan_sections_are_stored_as_sanitised_html(people):
    plan = ActionPlanFactory(
        organisation=people.organisation_a,
        occasion="**Mandaat** <script>alert(1)</script> [link](javascript:alert(1))",
    )
    assert "<strong>Mandaat</strong>" in plan.occasion_html
    assert "<script" not in plan.occasion_html
    assert "javascript:" not in plan.occasion_html


def test_a_new_plan_of_a_signatory_carries_the_current_manifest_edition(people):
    from actionplans.services import plan_create_empty
    from tests.factories import SignatureFactory, current_edition

    edition = current_edition()
    SignatureFactory(organisation=people.organisation_a, edition=edition)
    signed = plan_create_empty(
        organisation=people.organisation_a, user=people.member_a, title="Plan", start_year=2026, end_year=2028
    )
    unsigned = plan_create_empty(
        organisation=people.organisation_b, user=people.member_b, title="Plan", start_year=2026, end_year=2028
    )
    assert signed.edition == edition
    assert unsigned.edition is None


# --- monitoring: status and progress in every status of the plan -------------------------------


def _action_of_adopted_plan(people, *, published=False):
    action = ActionFactory(goal__plan__organisation=people.organisation_a, title="Spendanalyse", progress=20)
    plan = services.plan_adopt(
        plan=action.goal.plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 1, 5), adopted_by="College"
    )
    if published:
        plan = services.plan_publish(plan=plan, user=people.coordinator_a)
    action.goal.plan = plan
    return action


@pytest.mark.parametrize("published", [False, True], ids=["adopted", "published"])
def test_progress_is_recorded_on_an_adopted_or_published_plan_which_stays_so(people, published):
    action = _action_of_adopted_plan(people, published=published)
    action = services.action_progress_update(
        action=action, user=people.member_a, status=ActionStatus.IN_PROGRESS, progress=60, version=1
    )
    assert (action.status, action.progress, action.version) == ("lopend", 60, 2)
    plan = ActionPlan.objects.get()
    assert plan.status == (PlanStatus.PUBLISHED if published else PlanStatus.ADOPTED)
    assert (plan.adopted_on, plan.adopted_by) == (datetime.date(2026, 1, 5), "College")
    history = {
        change.field: (change.old_value, change.new_value, change.user)
        for change in plan.changes.filter(object_kind="action")
    }
    assert history == {
        "status": ("gepland", "lopend", people.member_a),
        "progress": ("20", "60", people.member_a),
    }


def test_a_done_action_counts_as_100_whatever_progress_was_given(people):
    action = _action_of_adopted_plan(people, published=True)
    action = services.action_progress_update(
        action=action, user=people.member_a, status=ActionStatus.DONE, progress=30, version=1
    )
    assert (action.status, action.progress) == ("afgerond", 100)


def test_recording_the_same_progress_again_changes_and_records_nothing(people):
    action = _action_of_adopted_plan(people)
    action = services.action_progress_update(
        action=action, user=people.member_a, status=ActionStatus.PLANNED, progress=20, version=1
    )
    assert action.version == 1
    assert not Change.objects.filter(object_kind="action").exists()


def test_progress_saved_from_a_stale_version_is_a_conflict(people):
    action = _action_of_adopted_plan(people)
    services.action_progress_update(
        action=action, user=people.coordinator_a, status=ActionStatus.IN_PROGRESS, progress=40, version=1
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.action_progress_update(
            action=action, user=people.member_a, status=ActionStatus.CANCELLED, progress=0, version=1
        )
    assert (conflict.value.current.status, conflict.value.current.progress) == ("lopend", 40)
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("lopend", 40, 2)
    assert Change.objects.filter(object_kind="action").count() == 2  # the coordinator's status and progress


@pytest.mark.parametrize(
    ("status", "progress", "field", "message"),
    [
        ("lopend", 140, "progress", "De voortgang moet tussen 0 en 100 liggen."),
        ("lopend", -5, "progress", "De voortgang moet tussen 0 en 100 liggen."),
        ("lopend", "40", "progress", "De voortgang moet tussen 0 en 100 liggen."),
        ("klaar", 40, "status", "Kies een van de statussen in de lijst."),
    ],
)
def test_progress_out_of_range_or_an_unknown_status_is_refused(people, status, progress, field, message):
    action = _action_of_adopted_plan(people)
    with pytest.raises(ValidationError) as refused:
        services.action_progress_update(
            action=action, user=people.member_a, status=status, progress=progress, version=1
        )
    assert refused.value.message_dict == {field: [message]}
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("gepland", 20, 1)
    assert not Change.objects.filter(object_kind="action").exists()


def test_the_content_of_an_adopted_plan_stays_frozen(people):
    action = _action_of_adopted_plan(people)
    with pytest.raises(services.InvalidTransition):
        services.action_update(action=action, user=people.member_a, data={"title": "Andere titel"}, version=1)
    with pytest.raises(services.InvalidTransition):
        services.action_update(action=action, user=people.member_a, data={"progress": 50}, version=1)
    with pytest.raises(services.InvalidTransition):
        services.action_delete(action=action, user=people.member_a)
    action.refresh_from_db()
    assert (action.title, action.progress) == ("Spendanalyse", 20)


def test_import_applies_on_a_published_plan(people):
    action = _action_of_adopted_plan(people, published=True)
    changed = services.action_progress_import(
        plan=action.goal.plan, user=people.member_a, updates=[{"id": action.pk, "status": "lopend", "progress": 70}]
    )
    assert changed == 1
    action.refresh_from_db()
    assert (action.status, action.progress) == ("lopend", 70)
    assert ActionPlan.objects.get().status == PlanStatus.PUBLISHED
