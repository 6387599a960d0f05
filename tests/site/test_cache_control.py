"""Pages with private data tell browsers and proxies not to store them: `Cache-Control: private, no-store`."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, submitted_report
from tests.url_walk import all_url_patterns, concrete_path
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


def cache_control(response) -> str:
    return response.get("Cache-Control", "")


@pytest.fixture
def plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    goal = GoalFactory(plan=plan)
    ActionFactory(goal=goal)
    submitted_report(plan, 2026)
    return plan


@pytest.fixture
def private_pages(plan):
    """Real pages with an organisation's private data, besides the placeholders of every route."""
    return [
        reverse("accounts:dashboard"),
        reverse("actionplans:index"),
        reverse("actionplans:plan_detail", args=[plan.uuid]),
        reverse("actionplans:plan_edit", args=[plan.uuid]),
        reverse("actionplans:plan_history", args=[plan.uuid]),
        reverse("actionplans:plan_print", args=[plan.uuid]),
        reverse("actionplans:plan_csv", args=[plan.uuid]),
        reverse("actionplans:plan_import", args=[plan.uuid]),
        reverse("actionplans:report_index", args=[plan.uuid]),
        reverse("actionplans:report_detail", args=[plan.uuid, 2026]),
        reverse("manifest:sign"),
        reverse("manifest:membership_request"),
        "/en" + reverse("actionplans:plan_detail", args=[plan.uuid]),
    ]


def every_path(extra=()) -> list[str]:
    paths = [concrete_path(route) for route, _name in all_url_patterns()]
    return [path for path in [*paths, *extra] if path]


@pytest.mark.parametrize("person", ["member_a", "coordinator_a", "member_b", "staff"])
def test_every_response_to_a_logged_in_person_is_private_and_not_stored(people, private_pages, plan, person):
    client = Client()
    client.force_login(getattr(people, person))
    stored = {}
    staff_pages = [reverse("actionplans:report_overview", args=[2026]), reverse("actionplans:report_export")]
    for path in every_path([*private_pages, *staff_pages]):
        response = client.get(path)
        if cache_control(response) != NO_STORE:
            stored[path] = (response.status_code, cache_control(response))
    assert stored == {}


def test_the_plan_export_and_reports_are_not_stored_for_their_own_members(client, people, private_pages):
    client.force_login(people.coordinator_a)
    for path in private_pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert cache_control(response) == NO_STORE, path


def test_the_staff_report_overview_and_export_are_not_stored(client, people, plan):
    log_in_with_two_factor(client, people.staff)
    for path in [reverse("actionplans:report_overview", args=[2026]), reverse("actionplans:report_export")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert cache_control(response) == NO_STORE, path


def test_public_open_data_fetched_while_logged_in_is_not_stored_either(client, people):
    client.force_login(people.member_a)
    response = client.get(reverse("manifest:register_csv"))
    assert response.status_code == 200
    assert cache_control(response) == NO_STORE


@pytest.mark.parametrize(
    "path",
    [
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/account/confirm-email/een-sleutel/",
        "/account/password/reset/key/1-sleutel/",
        "/en/account/login/",
        "/admin/login/",
        "/mijn-omgeving/",
        "/actieplannen/",
    ],
)
def test_account_and_private_addresses_are_not_stored_for_anonymous_visitors_either(client, path):
    assert cache_control(client.get(path)) == NO_STORE


def test_public_pages_for_anonymous_visitors_may_still_be_cached(client, people):
    for path in ["/", reverse("manifest:register"), reverse("guidance:index"), reverse("actionplans:published_list")]:
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" not in cache_control(response), path
    assert cache_control(client.get(reverse("manifest:register_csv"))) == "public, max-age=300"
