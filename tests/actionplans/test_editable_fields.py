"""One list of editable fields per object kind: the forms offer it, the services accept it and nothing else."""

import datetime

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.forms import ActionForm, ActionProgressForm, GoalForm, PlanForm, ShowcaseForm
from actionplans.models import (
    ACTION_FIELDS,
    GOAL_FIELDS,
    PLAN_FIELDS,
    PROGRESS_FIELDS,
    SHOWCASE_FIELDS,
    Action,
    ActionPlan,
    Goal,
    Showcase,
)
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, ManifestEditionFactory, current_edition

pytestmark = pytest.mark.django_db


def test_changing_the_manifest_edition_of_a_plan_is_saved_and_recorded(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, edition=current_edition())
    earlier = ManifestEditionFactory()
    client.force_login(people.member_a)
    data = {
        "version": plan.version,
        "title": plan.title,
        "edition": earlier.pk,
        "start_year": 2026,
        "end_year": 2029,
        "track": "startend",
    }
    response = client.post(reverse("actionplans:plan_edit", args=[plan.uuid]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.edition == earlier
    history = client.get(reverse("actionplans:plan_history", args=[plan.uuid])).content.decode()
    assert "Manifest MVI 2016-2020" in history


def test_the_forms_offer_exactly_the_fields_the_services_accept(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    action = ActionFactory(goal__plan=plan)
    editable = {name for name in PlanForm(instance=plan).fields if name != "version"}
    assert editable == set(PLAN_FIELDS)
    assert {name for name in GoalForm(instance=action.goal).fields if name != "version"} == set(GOAL_FIELDS)
    assert {name for name in ActionForm(instance=action, plan=plan).fields if name != "version"} == set(ACTION_FIELDS)
    assert {name for name in ActionProgressForm(instance=action).fields if name != "version"} == set(PROGRESS_FIELDS)
    assert set(ShowcaseForm(free_positions=[1]).fields) == set(SHOWCASE_FIELDS)


def test_every_editable_field_exists_on_its_model():
    editable = [(ActionPlan, PLAN_FIELDS), (Goal, GOAL_FIELDS), (Action, ACTION_FIELDS), (Showcase, SHOWCASE_FIELDS)]
    for model, fields in editable:
        for name in fields:
            assert model._meta.get_field(name).editable, (model, name)


def test_a_plan_update_with_a_field_it_does_not_edit_is_refused_and_changes_nothing(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Oude titel")
    with pytest.raises(services.UnknownField, match="status"):
        services.plan_update(plan=plan, user=None, data={"title": "Nieuw", "status": "gepubliceerd"}, version=1)
    plan.refresh_from_db()
    assert (plan.title, plan.status, plan.version) == ("Oude titel", "concept", 1)


def test_goal_and_action_services_refuse_fields_they_do_not_edit(people):
    goal = GoalFactory(plan__organisation=people.organisation_a)
    action = ActionFactory(goal=goal)
    with pytest.raises(services.UnknownField, match="plan"):
        services.goal_create(plan=goal.plan, user=None, data={"title": "Doel", "theme": goal.theme, "plan": goal.plan})
    with pytest.raises(services.UnknownField, match="order"):
        services.goal_update(goal=goal, user=None, data={"order": 7}, version=goal.version)
    with pytest.raises(services.UnknownField, match="version"):
        services.action_update(action=action, user=None, data={"version": 9}, version=action.version)
    with pytest.raises(services.UnknownField, match="colour"):
        services.action_create(goal=goal, user=None, data={"title": "Actie", "colour": "groen"})
    assert goal.plan.goals.count() == 1 and goal.actions.count() == 1


def test_the_showcase_service_refuses_a_field_the_showcase_form_does_not_offer(people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a)
    with pytest.raises(services.UnknownField, match="is_featured"):
        services.showcase_save(action=action, user=None, data={"result": "Minder uitstoot.", "is_featured": True})
    assert not Showcase.objects.exists()


def test_a_status_change_writes_only_its_own_fields(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    adopted = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 5), adopted_by="College")
    assert [change.field for change in adopted.changes.order_by("field")] == ["adopted_by", "adopted_on", "status"]
