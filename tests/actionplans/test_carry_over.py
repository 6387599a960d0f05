"""A coordinator carries a published plan of an earlier edition over to the current edition, as a draft copy."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionplans import services
from actionplans.models import ActionPlan, PlanStatus
from audit.models import AuditEvent, AuditLogEntry
from manifest import services as manifest_services
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    ManifestEditionFactory,
    UserFactory,
    current_edition,
    publish_plan,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, edition=current_edition(), title="Actieplan 2022")
    ActionFactory(goal=GoalFactory(plan=plan, title="Klimaatneutraal inkopen"), title="Criteria opnemen")
    return publish_plan(plan)


@pytest.fixture
def new_edition(old_plan):
    today = timezone.localdate()
    edition = ManifestEditionFactory(
        title="Manifest MVOI 2026-2029",
        slug="2026-2029",
        start_year=2026,
        end_year=2029,
        signing_opens=today - timedelta(days=1),
        signing_closes=today + timedelta(days=365),
    )
    opener = log_in_with_two_factor(Client(), UserFactory(email="opener@vng.example", is_staff=True))
    return manifest_services.edition_open(edition=edition, by=opener)


def carry_over_url(plan) -> str:
    return reverse("actionplans:plan_carry_over", kwargs={"uuid": plan.uuid})


def test_coordinator_carries_a_plan_over_as_a_draft_copy_of_the_new_edition(client, people, old_plan, new_edition):
    client.force_login(people.coordinator_a)
    page = client.get(old_plan.get_absolute_url()).content.decode()
    assert "Dit plan overzetten naar het Manifest MVOI 2026-2029" in page
    response = client.post(carry_over_url(old_plan), follow=True)
    copy = ActionPlan.objects.exclude(pk=old_plan.pk).get()
    assert response.redirect_chain[-1][0] == copy.get_absolute_url()
    assert "is een kopie van ‘Actieplan 2022’ voor het Manifest MVOI 2026-2029" in response.content.decode()
    assert (copy.edition, copy.status, copy.copied_from, copy.organisation) == (
        new_edition,
        PlanStatus.DRAFT,
        old_plan,
        people.organisation_a,
    )
    assert copy.start_year >= 2026 and copy.end_year == 2029
    assert [g.title for g in copy.goals.all()] == ["Klimaatneutraal inkopen"]
    assert copy.goals.get().actions.get().title == "Criteria opnemen"
    old_plan.refresh_from_db()
    assert (old_plan.status, old_plan.edition) == (PlanStatus.PUBLISHED, current_edition())
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_CARRIED_OVER).count() == 1


def test_plan_of_the_current_edition_is_not_offered_and_not_carried_over(client, people, new_edition):
    plan = ActionPlanFactory(organisation=people.organisation_a, edition=new_edition)
    GoalFactory(plan=plan)
    plan = publish_plan(plan)
    client.force_login(people.coordinator_a)
    assert "overzetten" not in client.get(plan.get_absolute_url()).content.decode().lower()
    response = client.post(carry_over_url(plan), follow=True)
    assert "Dit plan hoort al bij de huidige editie." in response.content.decode()
    assert ActionPlan.objects.filter(organisation=people.organisation_a).count() == 2  # the old plan and this one


def test_unpublished_plan_of_an_earlier_edition_is_refused_with_nothing_half_saved(client, people, new_edition):
    draft = ActionPlanFactory(organisation=people.organisation_a, edition=current_edition())
    client.force_login(people.coordinator_a)
    response = client.post(carry_over_url(draft), follow=True)
    assert "Alleen een gepubliceerd plan kan worden gekopieerd." in response.content.decode()
    assert ActionPlan.objects.filter(edition=new_edition).count() == 0


def test_member_sees_no_offer_and_gets_403(client, people, old_plan, new_edition):
    client.force_login(people.member_a)
    assert "overzetten" not in client.get(old_plan.get_absolute_url()).content.decode().lower()
    assert client.post(carry_over_url(old_plan)).status_code == 403
    assert ActionPlan.objects.count() == 1


def test_member_of_another_organisation_gets_404(client, people, old_plan, new_edition):
    client.force_login(people.member_b)
    assert client.post(carry_over_url(old_plan)).status_code == 404
    assert ActionPlan.objects.count() == 1


def test_anonymous_gets_404(client, people, old_plan, new_edition):
    assert client.post(carry_over_url(old_plan)).status_code == 404
    assert ActionPlan.objects.count() == 1


def test_staff_with_a_two_factor_session_read_but_do_not_carry_over(client, people, old_plan, new_edition):
    log_in_with_two_factor(client, people.staff)
    assert "overzetten" not in client.get(old_plan.get_absolute_url()).content.decode().lower()
    assert client.post(carry_over_url(old_plan)).status_code == 403
    assert ActionPlan.objects.count() == 1


def test_staff_without_a_two_factor_session_are_sent_to_the_code_step(client, people, old_plan, new_edition):
    client.force_login(people.staff)
    response = client.post(carry_over_url(old_plan))
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/")
    assert ActionPlan.objects.count() == 1


def test_the_service_refuses_a_member_who_is_not_coordinator(people, old_plan, new_edition):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.plan_carry_over(plan=old_plan, user=people.member_a)
    assert ActionPlan.objects.count() == 1
