"""Published plans as open data: every goal and action (CSV, JSON), each plan as JSON, true to their schemas."""

import json

import pytest
from django.urls import reverse

from actionplans import opendata
from actionplans.models import ActionStatus
from core.page_cache import every_kind_changed, versions
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    OrganisationFactory,
    ProductGroupFactory,
    publish_plan,
    theme,
)
from tests.opendata import csv_rows_matching_table_schema, json_matching_schema

pytestmark = pytest.mark.django_db


def published_plan(organisation, *, goals: int = 2, actions_per_goal: int = 2, **fields):
    plan = ActionPlanFactory(organisation=organisation, **fields)
    for number in range(goals):
        goal = GoalFactory(plan=plan, theme=theme("klimaat" if number % 2 == 0 else "circulair"), unit="%")
        for _ in range(actions_per_goal):
            action = ActionFactory(goal=goal, status=ActionStatus.IN_PROGRESS, progress=40)
            action.product_groups.set([ProductGroupFactory(name="Catering"), ProductGroupFactory(name="ICT")])
    return publish_plan(plan)


@pytest.fixture
def plans(people):
    published = published_plan(people.organisation_a, title='=HYPERLINK("https://kwaad.example")')
    goal = published.goals.first()
    goal.baseline_value, goal.target_value, goal.indicator = -3.5, 80, "Aandeel"
    goal.save()
    GoalFactory(plan=published, title="Doel zonder acties")
    done = published.goals.first().actions.first()
    done.status = ActionStatus.DONE
    done.save()
    draft = ActionPlanFactory(organisation=people.organisation_b, title="Nog een concept")
    GoalFactory(plan=draft, title="Geheim doel")
    every_kind_changed()
    return published, draft


def schema(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/schema+json")
    return json.loads(response.content)


def test_csv_of_goals_and_actions_matches_its_table_schema(client, plans):
    published, _draft = plans
    response = client.get(reverse("actionplans:published_rows_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows_matching_table_schema(
        response.content.decode(), schema(client, "actionplans:published_rows_schema")
    )
    assert len(rows) == 2 * 2 + 1  # two goals with two actions each, one goal without
    assert {row["plan_id"] for row in rows} == {str(published.uuid)}
    assert rows[0]["organisation_code"] == published.organisation.code
    assert rows[0]["plan_title"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert rows[0]["goal_baseline_value"] == "-3.50"  # numbers stay numbers, also negative ones
    assert rows[0]["product_groups"] == "Catering; ICT"
    assert rows[0]["action_status"] == "afgerond" and rows[0]["action_progress"] == "100"
    assert rows[0]["goal_progress"] == "70"  # (100 + 40) / 2
    assert [row["action_id"] for row in rows if row["goal_title"] == "Doel zonder acties"] == [""]
    assert "Geheim doel" not in response.content.decode()
    assert "Team Inkoop" not in response.content.decode()  # no teams or people behind actions


def test_json_of_goals_and_actions_holds_the_same_rows_as_the_csv(client, plans):
    response = client.get(reverse("actionplans:published_rows_json"))
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["licence"]["id"] == "CC0-1.0"
    assert document["count"] == len(document["rows"]) == 5
    columns = schema(client, "actionplans:published_rows_schema")["fields"]
    python_types = {"string": str, "integer": int, "number": (int, float), "date": str}
    for row in document["rows"]:
        assert list(row) == [column["name"] for column in columns]
        for column in columns:
            value = row[column["name"]]
            assert value is not None or not column["constraints"]["required"], column["name"]
            assert value is None or isinstance(value, python_types[column["type"]]), column["name"]
    assert document["rows"][0]["plan_title"] == '=HYPERLINK("https://kwaad.example")'  # JSON keeps the text
    assert document["rows"][0]["goal_baseline_value"] == -3.5


def test_each_published_plan_has_json_that_matches_its_json_schema(client, plans):
    published, _draft = plans
    response = client.get(reverse("actionplans:published_json", kwargs={"uuid": published.uuid}))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    json_matching_schema(document, schema(client, "actionplans:published_json_schema"))
    assert document["id"] == str(published.uuid)
    assert [goal["id"] for goal in document["goals"]] == list(
        published.goals.order_by("order", "id").values_list("pk", flat=True)
    )
    assert document["goals"][0]["actions"][0]["status"] == "afgerond"
    assert document["progress"] == 55  # the mean of its four actions: (100 + 40 + 40 + 40) / 4
    assert "Team Inkoop" not in response.content.decode()


def test_draft_plan_has_no_open_data(client, plans):
    _published, draft = plans
    assert client.get(reverse("actionplans:published_json", kwargs={"uuid": draft.uuid})).status_code == 404


def changed_and_versions_read():
    """The factories write past the services; the page cache then reads the new versions once."""
    every_kind_changed()
    versions(opendata.PLAN_DATA_KINDS)


def test_open_data_of_plans_needs_the_same_queries_for_few_and_many_plans(
    client, locmem_cache, people, django_assert_num_queries
):
    csv_url, json_url = reverse("actionplans:published_rows_csv"), reverse("actionplans:published_rows_json")
    published_plan(people.organisation_a)
    for plans in (1, 7):
        changed_and_versions_read()
        for url in (csv_url, json_url):
            with django_assert_num_queries(
                3
            ):  # goals with their progress, their actions and the actions' product groups
                response = client.get(url)
            assert response.status_code == 200
            with django_assert_num_queries(0):  # then from the page cache
                client.get(url)
        assert len({row["plan_id"] for row in json.loads(response.content)["rows"]}) == plans
        if plans == 1:
            for number in range(6):
                published_plan(OrganisationFactory(code=f"gm{7000 + number}"), goals=3, actions_per_goal=3)


def test_plan_json_needs_the_same_queries_for_a_small_and_a_large_plan(
    client, locmem_cache, people, django_assert_num_queries
):
    small = published_plan(people.organisation_a, goals=1, actions_per_goal=1)
    large = published_plan(people.organisation_b, goals=6, actions_per_goal=5)
    changed_and_versions_read()
    for plan in (small, large):
        with django_assert_num_queries(4):  # the plan, its goals, their actions and the actions' product groups
            response = client.get(reverse("actionplans:published_json", kwargs={"uuid": plan.uuid}))
    assert len(json.loads(response.content)["goals"]) == 6


def test_plan_columns_are_described_in_the_table_schema():
    fields = opendata.table_schema()["fields"]
    assert [field["name"] for field in fields] == opendata.COLUMN_NAMES
    assert all(field["description"] for field in fields)


# --- joint plans ----------------------------------------------------------------------------------


@pytest.fixture
def joint_plan(people):
    """Utrecht's published plan, owned with Zwolle (adopted on 1 March) and De Bilt (accepted, not adopted);
    its first goal has a target per owner."""
    import datetime
    from decimal import Decimal

    from actionplans import owner_services
    from tests.factories import co_owner

    plan = ActionPlanFactory(organisation=people.organisation_a, title="Samen inkopen")
    goal = GoalFactory(plan=plan, theme=theme("klimaat"), title="Minder CO2", unit="%")
    ActionFactory(goal=goal)
    GoalFactory(plan=plan, theme=theme("klimaat"), title="Gedeeld doel", target_value=50)
    co_owner(plan, people.organisation_b)
    co_owner(plan, OrganisationFactory(code="gm0310", name="De Bilt"))
    owner_services.goal_targets_save(
        goal=goal,
        user=None,
        per_owner=True,
        targets={people.organisation_a.pk: Decimal("40"), people.organisation_b.pk: Decimal("55.5")},
    )
    plan = publish_plan(plan)
    co_owner_row = plan.co_owners.get(organisation=people.organisation_b)
    owner_services.owner_adopt(
        owner=co_owner_row, user=None, adopted_on=datetime.date(2026, 3, 1), adopted_by="College van Zwolle"
    )
    every_kind_changed()
    return plan


def test_json_of_a_joint_plan_lists_every_owner_with_its_adoption_and_the_targets_per_owner(client, joint_plan):
    response = client.get(reverse("actionplans:published_json", kwargs={"uuid": joint_plan.uuid}))
    document = json.loads(response.content)
    json_matching_schema(document, schema(client, "actionplans:published_json_schema"))
    assert document["owners"] == [
        {"code": "gm0344", "name": "Utrecht", "role": "lead", "adopted_on": joint_plan.adopted_on.isoformat()},
        {"code": "gm0310", "name": "De Bilt", "role": "co-owner", "adopted_on": None},
        {"code": "gm0193", "name": "Zwolle", "role": "co-owner", "adopted_on": "2026-03-01"},
    ]
    goals = {goal["title"]: goal for goal in document["goals"]}
    assert goals["Minder CO2"]["targets_per_owner"] == [
        {"code": "gm0344", "name": "Utrecht", "target_value": 40},
        {"code": "gm0193", "name": "Zwolle", "target_value": 55.5},
    ]
    assert goals["Gedeeld doel"]["targets_per_owner"] is None and goals["Gedeeld doel"]["target_value"] == 50


def test_json_of_a_plan_of_one_organisation_names_only_its_lead(client, plans):
    published, _draft = plans
    document = json.loads(client.get(reverse("actionplans:published_json", kwargs={"uuid": published.uuid})).content)
    assert [owner["role"] for owner in document["owners"]] == ["lead"]
    assert all(goal["targets_per_owner"] is None for goal in document["goals"])


def test_csv_of_a_joint_plan_names_the_co_owners_and_the_targets_per_owner_as_its_schema_says(client, joint_plan):
    response = client.get(reverse("actionplans:published_rows_csv"))
    table_schema = schema(client, "actionplans:published_rows_schema")
    rows = csv_rows_matching_table_schema(response.content.decode(), table_schema)
    described = {field["name"]: field["description"] for field in table_schema["fields"]}
    assert "co_owners" in described and "goal_targets_per_owner" in described
    assert {row["co_owners"] for row in rows} == {"gm0310:; gm0193:2026-03-01"}
    assert {row["plan_adopted_on"] for row in rows} == {joint_plan.adopted_on.isoformat()}
    targets = {row["goal_title"]: row["goal_targets_per_owner"] for row in rows}
    assert targets == {"Minder CO2": "gm0344:40; gm0193:55.5", "Gedeeld doel": ""}


def test_open_data_needs_the_same_queries_with_more_joint_plans(
    client, locmem_cache, people, joint_plan, django_assert_num_queries
):
    from tests.factories import co_owner

    urls = [
        reverse("actionplans:published_rows_csv"),
        reverse("actionplans:published_rows_json"),
        reverse("actionplans:published_json", kwargs={"uuid": joint_plan.uuid}),
    ]
    for round_ in (1, 2):
        changed_and_versions_read()
        for url, queries in zip(urls, (3, 3, 4), strict=True):
            with django_assert_num_queries(queries):
                assert client.get(url).status_code == 200
        if round_ == 1:
            for number in range(5):
                plan = ActionPlanFactory(organisation=OrganisationFactory(code=f"gm{7100 + number}"))
                GoalFactory(plan=plan, theme=theme("klimaat"))
                co_owner(plan, OrganisationFactory(code=f"gm{7200 + number}"))
                publish_plan(plan)
            co_owner(joint_plan, OrganisationFactory(code="gm7300", name="Houten"))
