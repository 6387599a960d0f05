"""A published plan as the start of one's own: from the public page, through logging in, to a new draft."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans import services
from actionplans.models import Action, ActionPlan, ActionStatus, ChangeKind, PlanStatus
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    publish_plan,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(people):
    """Utrecht's published plan for 2024-2026, with one goal and one action that is half done."""
    plan = ActionPlanFactory(
        organisation=people.organisation_a,
        title="Actieplan Utrecht",
        start_year=2024,
        end_year=2026,
        baseline="Onze **nulmeting**.",
    )
    goal = GoalFactory(plan=plan, title="Klimaatcriteria", baseline_year=2023, target_year=2026)
    ActionFactory(
        goal=goal,
        title="Marktconsultatie",
        status=ActionStatus.IN_PROGRESS,
        progress=50,
        owner_member=people.coordinator_a,
        due_date=datetime.date(2025, 6, 30),
    )
    return publish_plan(plan, user=people.coordinator_a)


def copy_url(plan) -> str:
    return reverse("actionplans:plan_copy", args=[plan.uuid])


def test_the_published_plan_offers_anyone_to_use_it_as_a_starting_point(client, source):
    page = client.get(source.get_public_url()).content.decode()
    assert f'href="{copy_url(source)}">Gebruik dit plan als begin van uw eigen plan</a>' in page


def test_anonymous_visitor_is_asked_to_log_in_and_comes_back_to_the_copy(client, source):
    response = client.get(copy_url(source))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={quote(copy_url(source))}"


def test_member_of_one_organisation_copies_the_plan_into_a_draft_of_their_own(client, people, source):
    client.force_login(people.member_b)
    page = client.get(copy_url(source)).content.decode()
    assert "Het concept is voor <strong>Zwolle</strong>." in page
    this_year = timezone.localdate().year
    assert f"Het concept loopt van {this_year} tot {this_year + 2}." in page

    response = client.post(copy_url(source), {"organisation": "gm0193"})
    copy = ActionPlan.objects.get(organisation=people.organisation_b)
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert copy.title == f"Actieplan MVOI Zwolle {this_year}–{this_year + 2}"
    assert (copy.status, copy.adopted_on, copy.adopted_by, copy.published_at) == (PlanStatus.DRAFT, None, "", None)
    assert copy.copied_from == source
    assert copy.baseline == "Onze **nulmeting**."
    goal = copy.goals.get()
    assert (goal.title, goal.target_year) == ("Klimaatcriteria", this_year + 2)
    action = Action.objects.get(goal__plan=copy)
    assert (action.title, action.status, action.progress, action.owner_member) == (
        "Marktconsultatie",
        ActionStatus.PLANNED,
        0,
        None,
    )
    history = copy.changes.get(kind=ChangeKind.CHANGED)
    assert (history.field, history.new_value, history.user) == (
        "copied_from",
        "Actieplan Utrecht (Utrecht)",
        people.member_b,
    )

    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Uw concept staat klaar: een kopie van “Actieplan Utrecht” van Utrecht." in page
    history_page = client.get(reverse("actionplans:plan_history", args=[copy.uuid])).content.decode()
    assert "Gekopieerd van" in history_page and "Actieplan Utrecht (Utrecht)" in history_page


def test_the_source_keeps_its_own_progress_and_people(client, people, source):
    client.force_login(people.member_b)
    client.post(copy_url(source), {"organisation": "gm0193"})
    action = Action.objects.get(goal__plan=source)
    assert (action.status, action.progress, action.owner_member) == (
        ActionStatus.IN_PROGRESS,
        50,
        people.coordinator_a,
    )
    assert ActionPlan.objects.get(pk=source.pk).status == PlanStatus.PUBLISHED


def test_member_of_several_organisations_chooses_which_one_the_draft_is_for(client, people, source):
    amersfoort = OrganisationFactory(code="gm0307", name="Amersfoort")
    MembershipFactory(user=people.member_b, organisation=amersfoort)
    client.force_login(people.member_b)
    page = client.get(copy_url(source)).content.decode()
    assert 'type="radio" name="organisation" value="gm0307"' in page
    assert 'type="radio" name="organisation" value="gm0193"' in page
    assert 'value="gm0344"' not in page  # the plan's own organisation is not offered

    response = client.post(copy_url(source), {})
    assert response.status_code == 200
    assert "Kies de organisatie waarvoor het concept is." in response.content.decode()
    assert not ActionPlan.objects.filter(copied_from=source).exists()

    response = client.post(copy_url(source), {"organisation": "gm0307"})
    copy = ActionPlan.objects.get(copied_from=source)
    assert copy.organisation == amersfoort
    assert response["Location"] == copy.get_absolute_url()


def test_an_organisation_the_user_is_no_member_of_cannot_be_chosen(client, people, source):
    OrganisationFactory(code="gm0307", name="Amersfoort")
    client.force_login(people.member_b)
    response = client.post(copy_url(source), {"organisation": "gm0307"})
    assert response.status_code == 200
    assert "Kies een van uw eigen organisaties." in response.content.decode()
    assert not ActionPlan.objects.filter(copied_from=source).exists()


def test_user_without_an_organisation_is_told_how_to_become_a_member_and_come_back(client, source):
    client.force_login(UserFactory(email="inkoper@ergens.example"))
    response = client.get(copy_url(source))
    page = response.content.decode()
    assert response.status_code == 200
    assert "U bent nog geen lid van een organisatie" in page
    assert "Word lid van uw organisatie" in page
    assert f'href="/mijn-omgeving/lidmaatschap-aanvragen/?next={quote(copy_url(source), safe="")}"' in page
    assert client.post(copy_url(source), {"organisation": "gm0344"}).status_code == 200
    assert not ActionPlan.objects.filter(copied_from=source).exists()


def test_user_whose_request_waits_is_told_it_waits(client, people, source):
    user = UserFactory(email="inkoper@ergens.example")
    MembershipFactory(user=user, organisation=people.organisation_b, status="requested")
    client.force_login(user)
    page = client.get(copy_url(source)).content.decode()
    assert "Uw aanvraag wacht op bevestiging:" in page and "<li>Zwolle</li>" in page


def test_member_of_only_the_plans_own_organisation_is_sent_to_their_plan(client, people, source):
    client.force_login(people.member_a)
    response = client.get(copy_url(source))
    page = response.content.decode()
    assert response.status_code == 200
    assert "is het plan van uw eigen organisatie, Utrecht" in page
    assert f'href="{source.get_absolute_url()}"' in page
    client.post(copy_url(source), {"organisation": "gm0344"})
    assert not ActionPlan.objects.filter(copied_from=source).exists()


@pytest.mark.parametrize("status", ["concept", "vastgesteld"])
def test_copying_a_plan_that_is_not_published_gets_404(client, people, status):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    if status == "vastgesteld":
        services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
    client.force_login(people.member_b)
    assert client.get(copy_url(plan)).status_code == 404
    assert client.post(copy_url(plan), {"organisation": "gm0193"}).status_code == 404
    assert not ActionPlan.objects.filter(copied_from=plan).exists()


def test_new_plan_without_an_organisation_explains_how_to_become_a_member(client):
    client.force_login(UserFactory(email="inkoper@ergens.example"))
    response = client.get(reverse("actionplans:plan_create"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "U bent nog geen lid van een organisatie" in page
    assert 'href="/mijn-omgeving/lidmaatschap-aanvragen/?next=%2Factieplannen%2Fnieuw%2F"' in page


def test_membership_by_domain_brings_the_user_back_to_the_copy(client, source):
    from tests.factories import EmailDomainFactory

    amersfoort = OrganisationFactory(code="gm0307", name="Amersfoort")
    EmailDomainFactory(organisation=amersfoort, domain="amersfoort.nl")
    client.force_login(UserFactory(email="inkoper@amersfoort.nl"))
    request_url = f"{reverse('manifest:membership_request')}?next={quote(copy_url(source), safe='')}"
    response = client.post(request_url, {"organisation": "gm0307", "motivation": ""})
    assert response["Location"] == copy_url(source)
    assert "Het concept is voor <strong>Amersfoort</strong>." in client.get(copy_url(source)).content.decode()


# --- the service --------------------------------------------------------------------------------


def test_a_copy_without_a_period_starts_this_year_and_lasts_as_long_as_its_source(people, source):
    copy = services.plan_copy(source=source, organisation=people.organisation_b, user=people.member_b)
    this_year = timezone.localdate().year
    assert (copy.start_year, copy.end_year) == (this_year, this_year + 2)
    assert copy.title == f"Actieplan MVOI Zwolle {this_year}–{this_year + 2}"
