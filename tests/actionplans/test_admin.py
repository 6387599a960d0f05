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
