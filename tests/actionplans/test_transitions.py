"""The plan's status moves only as the services' table allows; a page opened before someone else's change
gets a clear message, never an error page, and nothing is half-saved."""

import datetime
import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionPlan, Change, PlanStatus
from tests.factories import ActionFactory, ActionPlanFactory, MembershipFactory, OrganisationFactory, UserFactory

ADOPTION = {"adopted_on": "2026-01-15", "adopted_by": "College"}


def url(name, plan):
    return reverse(f"actionplans:{name}", args=[plan.uuid])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_a_plan_moves_from_draft_to_adopted_to_published_and_back_to_draft_only(people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    with pytest.raises(services.InvalidTransition):
        services.plan_publish(plan=plan, user=None)
    with pytest.raises(services.InvalidTransition):
        services.plan_unpublish(plan=plan, user=None)
    plan = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 15), adopted_by="College")
    with pytest.raises(services.InvalidTransition):
        services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 15), adopted_by="College")
    plan = services.plan_publish(plan=plan, user=None)
    with pytest.raises(services.InvalidTransition):
        services.plan_publish(plan=plan, user=None)
    assert services.plan_unpublish(plan=plan, user=None).status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_adopting_on_a_stale_page_after_a_colleague_adopted_gets_a_message(client, people):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(people.coordinator_a)
    assert client.get(url("plan_adopt", plan)).status_code == 200  # tab 1 opens the form
    services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 10), adopted_by="Raad")  # tab 2
    response = client.post(url("plan_adopt", plan), ADOPTION)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert messages_of(response) == ["Deze stap is niet mogelijk in de huidige status van het plan."]
    plan.refresh_from_db()
    assert (plan.adopted_by, plan.adopted_on) == ("Raad", datetime.date(2026, 1, 10))


@pytest.mark.django_db
def test_editing_a_goal_on_a_stale_page_after_adoption_changes_nothing(client, people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a, title="Spendanalyse")
    plan = action.goal.plan
    services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 10), adopted_by="Raad")
    client.force_login(people.member_a)
    response = client.post(reverse("actionplans:action_delete", args=[plan.uuid, action.pk]))
    assert response.status_code == 403
    assert ActionPlan.objects.get(pk=plan.pk).goals.get().actions.exists()


# --- two requests at the same moment -------------------------------------------------------------


def _wait_until_a_request_waits_for_the_plan_lock(timeout: float = 20.0) -> None:
    """Block until another connection queues behind the lock this test holds on the plan row."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # in a transaction the view is otherwise frozen
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the request never reached the plan's lock")


def _post_in_another_tab(user, path, data=None):
    """POST as `user` from another thread (its own database connection); returns (response, error)."""
    outcome = {}

    def post():
        try:
            browser = Client()
            browser.force_login(user)
            outcome["response"] = browser.post(path, data or {})
        except BaseException as error:  # an unhandled error in the view: the test below shows it
            outcome["error"] = error
        finally:
            connection.close()

    return threading.Thread(target=post), outcome


@pytest.fixture
def coordinator_plan():
    organisation = OrganisationFactory(code="gm0344", name="Utrecht")
    coordinator = MembershipFactory(
        user=UserFactory(email="coordinator@utrecht.example"), organisation=organisation, role="coordinator"
    ).user
    plan = ActionPlanFactory(organisation=organisation)
    return coordinator, plan


@pytest.mark.django_db(transaction=True)
def test_publishing_while_a_colleague_takes_the_plan_back_to_draft_gets_a_message_and_saves_nothing(
    coordinator_plan,
):
    coordinator, plan = coordinator_plan
    plan = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 15), adopted_by="College")
    changes_before = Change.objects.count()
    thread, outcome = _post_in_another_tab(coordinator, url("plan_publish", plan))
    with transaction.atomic():
        ActionPlan.objects.select_for_update().get(pk=plan.pk)  # a colleague's request holds the plan
        thread.start()
        _wait_until_a_request_waits_for_the_plan_lock()
        services.plan_unpublish(plan=plan, user=coordinator)
    thread.join(timeout=30)

    assert "error" not in outcome, outcome.get("error")
    response = outcome["response"]
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert messages_of(response) == [
        "Deze stap is niet mogelijk: het plan is nu “Concept”. Misschien heeft iemand het intussen in een ander "
        "venster veranderd. Er is niets gewijzigd; bekijk het plan en probeer het zo nodig opnieuw."
    ]
    plan.refresh_from_db()
    assert (plan.status, plan.published_at, plan.adopted_on) == (PlanStatus.DRAFT, None, None)
    assert Change.objects.count() == changes_before + 3  # the colleague's step only: status, adopted_on, _by


@pytest.mark.django_db(transaction=True)
def test_adopting_while_a_colleague_adopts_gets_a_message_and_keeps_the_first_adoption(coordinator_plan):
    coordinator, plan = coordinator_plan
    thread, outcome = _post_in_another_tab(coordinator, url("plan_adopt", plan), ADOPTION)
    with transaction.atomic():
        ActionPlan.objects.select_for_update().get(pk=plan.pk)
        thread.start()
        _wait_until_a_request_waits_for_the_plan_lock()
        services.plan_adopt(plan=plan, user=coordinator, adopted_on=datetime.date(2026, 1, 10), adopted_by="Raad")
    thread.join(timeout=30)

    assert "error" not in outcome, outcome.get("error")
    assert outcome["response"].status_code == 302
    assert "het plan is nu “Vastgesteld”" in messages_of(outcome["response"])[0]
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_by, plan.version) == (PlanStatus.ADOPTED, "Raad", 2)
