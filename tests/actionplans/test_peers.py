"""Peer comparison on a plan's page: published plans of similar organisations, never anyone's draft."""

import pytest

from actionplans.models import ActionStatus
from actionplans.peers import population_band
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, OrganisationFactory, publish_plan, theme
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbours(people):
    utrecht_province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind="provincie")
    people.organisation_a.province = utrecht_province
    people.organisation_a.population = 360_000
    people.organisation_a.save()
    own = ActionPlanFactory(organisation=people.organisation_a, title="Ons eigen plan")
    ActionFactory(goal=GoalFactory(plan=own), status=ActionStatus.DONE)

    amersfoort = OrganisationFactory(code="gm0307", name="Amersfoort", province=utrecht_province, population=160_000)
    plan = ActionPlanFactory(organisation=amersfoort, title="Plan Amersfoort")
    goal = GoalFactory(plan=plan, theme=theme("klimaat"))
    GoalFactory(plan=plan, theme=theme("klimaat"))
    GoalFactory(plan=plan, theme=theme("circulair"))
    ActionFactory(goal=goal, status=ActionStatus.DONE)
    ActionFactory(goal=goal, status=ActionStatus.IN_PROGRESS)
    ActionFactory(goal=goal, status=ActionStatus.CANCELLED)
    publish_plan(plan)

    rotterdam = OrganisationFactory(code="gm0599", name="Rotterdam", population=650_000)
    publish_plan(ActionPlanFactory(organisation=rotterdam, title="Plan Rotterdam"))

    zwolle = people.organisation_b
    zwolle.population = 130_000
    zwolle.save()
    publish_plan(ActionPlanFactory(organisation=zwolle, title="Plan Zwolle"))

    de_bilt = OrganisationFactory(code="gm0310", name="De Bilt", province=utrecht_province, population=43_000)
    GoalFactory(plan=ActionPlanFactory(organisation=de_bilt, title="Concept De Bilt"), title="Geheim conceptdoel")

    water_board = OrganisationFactory(code="ws0155", name="Waterschap", kind="waterschap")
    publish_plan(ActionPlanFactory(organisation=water_board, title="Plan Waterschap"))
    return own


def test_member_sees_published_plans_of_similar_organisations(client, people, neighbours):
    client.force_login(people.member_a)
    response = client.get(neighbours.get_absolute_url())
    page = response.content.decode()
    assert "Vergeleken met vergelijkbare organisaties" in page
    peers = {peer.title: peer for peer in response.context["peers"]["peers"]}
    assert set(peers) == {"Plan Amersfoort", "Plan Rotterdam"}  # same province; same population band
    amersfoort = peers["Plan Amersfoort"]
    assert (amersfoort.theme_count, amersfoort.goal_count, amersfoort.done_share) == (2, 3, 50)
    assert response.context["peers"]["own"] == {"theme_count": 1, "goal_count": 1, "done_share": 100}
    assert response.context["peers"]["average"]["goal_count"] == 1.5


def test_nothing_from_another_organisations_draft_shows(client, people, neighbours):
    client.force_login(people.member_a)
    page = client.get(neighbours.get_absolute_url()).content.decode()
    assert "Concept De Bilt" not in page and "Geheim conceptdoel" not in page and "De Bilt" not in page
    assert "Plan Zwolle" not in page and "Plan Waterschap" not in page


def test_a_plan_taken_back_to_draft_disappears_from_the_comparison(client, people, neighbours):
    from actionplans import services
    from actionplans.models import ActionPlan

    services.plan_unpublish(plan=ActionPlan.objects.get(title="Plan Amersfoort"), user=None)
    client.force_login(people.member_a)
    page = client.get(neighbours.get_absolute_url()).content.decode()
    assert "Plan Amersfoort" not in page and "Plan Rotterdam" in page


def test_staff_who_are_no_member_see_no_peer_comparison(client, people, neighbours):
    log_in_with_two_factor(client, people.staff)
    response = client.get(neighbours.get_absolute_url())
    assert response.status_code == 200
    assert "peers" not in response.context


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (None, None),
        (5_000, (0, 20_000)),
        (20_000, (20_000, 50_000)),
        (99_999, (50_000, 100_000)),
        (900_000, (250_000, None)),
    ],
)
def test_population_bands(population, band):
    assert population_band(population) == band
