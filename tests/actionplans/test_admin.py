import pytest
from django.urls import reverse

from tests.factories import ActionFactory
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_with_two_factor):
    log_in_with_two_factor(client, staff_with_two_factor)
    return client


def test_staff_reads_plans_in_the_admin_but_cannot_change_them(staff_client, people):
    action = ActionFactory(goal__plan__organisation=people.organisation_a, goal__plan__title="Plan in de admin")
    plan = action.goal.plan
    listing = staff_client.get(reverse("admin:actionplans_actionplan_changelist"))
    assert listing.status_code == 200
    assert "Plan in de admin" in listing.content.decode()
    detail = staff_client.get(reverse("admin:actionplans_actionplan_change", args=[plan.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    response = staff_client.post(reverse("admin:actionplans_actionplan_change", args=[plan.pk]), {"title": "Anders"})
    assert response.status_code == 403
    assert staff_client.get(reverse("admin:actionplans_actionplan_add")).status_code == 403
    assert staff_client.get(reverse("admin:actionplans_goal_change", args=[action.goal.pk])).status_code == 200
    assert staff_client.get(reverse("admin:actionplans_change_changelist")).status_code == 200


def test_staff_see_yearly_reports_per_year_in_the_admin(staff_client, people):
    from tests.factories import ActionPlanFactory, submitted_report

    plan = ActionPlanFactory(organisation=people.organisation_a, title="Plan met verslag")
    submitted_report(plan, 2026, user=people.coordinator_a)
    listing = staff_client.get(reverse("admin:actionplans_yearreport_changelist"), {"year": "2026"})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Plan met verslag" in page and "Utrecht" in page and "Ingediend" in page


def test_staff_see_in_the_admin_which_signatories_have_not_reported(staff_client, people):
    from tests.factories import ActionPlanFactory, SignatureFactory, submitted_report

    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    submitted_report(ActionPlanFactory(organisation=people.organisation_a), 2026, user=people.coordinator_a)
    url = reverse("admin:actionplans_signatoryreporting_changelist")
    missing = staff_client.get(url, {"year": "2026", "reported": "no"})
    assert missing.status_code == 200
    assert [o.name for o in missing.context["cl"].result_list] == ["Zwolle"]
    reported = staff_client.get(url, {"year": "2026", "reported": "yes"})
    assert [o.name for o in reported.context["cl"].result_list] == ["Utrecht"]
    other_year = staff_client.get(url, {"year": "2025", "reported": "no"})
    assert [o.name for o in other_year.context["cl"].result_list] == ["Utrecht", "Zwolle"]


def test_staff_see_a_joint_plans_co_owners_and_targets_per_owner_but_change_nothing(staff_client, people):
    from decimal import Decimal

    from actionplans import owner_services
    from actionplans.models import OwnerTarget, PlanOwner
    from tests.factories import OrganisationFactory, co_owner

    action = ActionFactory(goal__plan__organisation=people.organisation_a, goal__plan__title="Samen inkopen")
    plan, goal = action.goal.plan, action.goal
    owner = co_owner(plan, people.organisation_b)
    co_owner(plan, OrganisationFactory(code="gm0310", name="De Bilt"), "aangevraagd")
    owner_services.goal_targets_save(
        goal=goal, user=None, per_owner=True, targets={people.organisation_b.pk: Decimal("42")}
    )
    detail = staff_client.get(reverse("admin:actionplans_actionplan_change", args=[plan.pk])).content.decode()
    assert "Mede-eigenaren van dit plan" in detail
    assert "Zwolle" in detail and "Geaccepteerd" in detail and "De Bilt" in detail and "Aangevraagd" in detail
    goal_page = staff_client.get(reverse("admin:actionplans_goal_change", args=[goal.pk])).content.decode()
    assert "Streefwaarden per eigenaar" in goal_page and "42,00" in goal_page
    listing = staff_client.get(reverse("admin:actionplans_planowner_changelist")).content.decode()
    assert "De Bilt" in listing and "Samen inkopen" in listing

    inline_post = {
        "title": "Anders",
        "co_owners-TOTAL_FORMS": "1",
        "co_owners-INITIAL_FORMS": "1",
        "co_owners-0-id": owner.pk,
        "co_owners-0-status": "afgewezen",
    }
    assert (
        staff_client.post(reverse("admin:actionplans_actionplan_change", args=[plan.pk]), inline_post).status_code
        == 403
    )
    change = reverse("admin:actionplans_planowner_change", args=[owner.pk])
    assert staff_client.post(change, {"status": "afgewezen"}).status_code == 403
    assert staff_client.post(reverse("admin:actionplans_planowner_add"), {"plan": plan.pk}).status_code == 403
    assert (
        staff_client.post(reverse("admin:actionplans_planowner_delete", args=[owner.pk]), {"post": "yes"}).status_code
        == 403
    )
    targets_post = {
        "owner_targets-TOTAL_FORMS": "1",
        "owner_targets-INITIAL_FORMS": "1",
        "owner_targets-0-id": OwnerTarget.objects.get().pk,
        "owner_targets-0-target_value": "99",
    }
    assert staff_client.post(reverse("admin:actionplans_goal_change", args=[goal.pk]), targets_post).status_code == 403
    owner.refresh_from_db()
    assert owner.status == "geaccepteerd" and PlanOwner.objects.count() == 2
    assert OwnerTarget.objects.get().target_value == Decimal("42")


def test_the_co_owners_in_the_admin_are_for_staff_with_the_second_factor_only(client, people, staff_with_two_factor):
    client.force_login(people.coordinator_a)
    assert client.get(reverse("admin:actionplans_planowner_changelist")).status_code == 302  # to the admin login
    client.force_login(staff_with_two_factor)  # no second factor in this session
    response = client.get(reverse("admin:actionplans_planowner_changelist"))
    assert response.status_code in (302, 403)
