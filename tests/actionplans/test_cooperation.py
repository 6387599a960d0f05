"""A cooperative body prepares the action plans and year reports of members that let it; the members decide."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import report_services, services
from actionplans.models import ActionPlan, PlanStatus, YearReport
from manifest import services as manifest_services
from manifest.models import CooperationMember, PreparationMandate
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    CooperationMemberFactory,
    GoalFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]

NEW_PLAN = {"start": "leeg", "title": "Actieplan door de samenwerking", "start_year": 2027, "end_year": 2030}


def draft_plan(organisation):
    plan = ActionPlanFactory(organisation=organisation, title="Concept van Utrecht")
    ActionFactory(goal=GoalFactory(plan=plan, title="Minder CO2"))
    return plan


def plan_edit_data(plan, **changes):
    return {
        "version": plan.version,
        "title": plan.title,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "track": plan.track,
        **changes,
    }


def test_body_coordinator_picks_the_member_and_drafts_a_plan_for_it(client, people, cooperation):
    client.force_login(cooperation.body_coordinator)
    form = client.get(reverse("actionplans:plan_create")).content.decode()
    assert "Utrecht" in form and "Zwolle" not in form
    response = client.post(reverse("actionplans:plan_create"), {"organisation": people.organisation_a.pk, **NEW_PLAN})
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.organisation == people.organisation_a and plan.status == PlanStatus.DRAFT
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "laat uw samenwerkingsverband dit plan voorbereiden" in page
    assert reverse("actionplans:plan_adopt", args=[plan.uuid]) not in page


def test_body_coordinator_cannot_start_a_plan_for_a_member_without_the_right(client, people, cooperation):
    client.force_login(cooperation.other_body_coordinator)
    response = client.post(reverse("actionplans:plan_create"), {"organisation": people.organisation_a.pk, **NEW_PLAN})
    assert not ActionPlan.objects.exists()
    assert response.status_code == 200  # the page that explains how to act for an organisation


def test_body_coordinator_edits_the_members_draft(client, people, cooperation):
    plan = draft_plan(people.organisation_a)
    client.force_login(cooperation.body_coordinator)
    response = client.post(reverse("actionplans:plan_edit", args=[plan.uuid]), plan_edit_data(plan, budget="1000"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.budget == 1000


@pytest.mark.parametrize("step", ["adopt", "publish", "unpublish", "delete", "submit"])
def test_the_services_refuse_the_body_every_decision(people, cooperation, step):
    plan = draft_plan(people.organisation_a)
    if step in {"publish", "unpublish"}:
        plan = services.plan_adopt(
            plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2027, 1, 10), adopted_by="College"
        )
    calls = {
        "adopt": lambda: services.plan_adopt(
            plan=plan, user=cooperation.body_coordinator, adopted_on=datetime.date(2027, 1, 10), adopted_by="Raad"
        ),
        "publish": lambda: services.plan_publish(plan=plan, user=cooperation.body_coordinator),
        "unpublish": lambda: services.plan_unpublish(plan=plan, user=cooperation.body_coordinator),
        "delete": lambda: services.plan_delete(plan=plan, user=cooperation.body_coordinator),
        "submit": lambda: report_services.report_submit(plan=plan, year=2026, user=cooperation.body_coordinator),
    }
    status = ActionPlan.objects.get(pk=plan.pk).status
    with pytest.raises(PermissionDenied):
        calls[step]()
    assert ActionPlan.objects.get(pk=plan.pk).status == status
    assert not YearReport.objects.filter(status="ingediend").exists()


def test_body_drafts_the_report_and_the_members_coordinator_submits_it(client, people, cooperation):
    plan = draft_plan(people.organisation_a)
    plan = services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 1, 10), adopted_by="College"
    )
    url = reverse("actionplans:report_detail", args=[plan.uuid, 2026])
    client.force_login(cooperation.body_coordinator)
    page = client.get(url).content.decode()
    assert "Concept opslaan" in page and 'name="submit"' not in page
    data = {"next_year": "Meer tenders met criteria.", "submit": "1"}
    for goal in plan.goals.all():
        data[f"goal_{goal.pk}"] = data[f"theme_{goal.theme_id}"] = ""
        for action in goal.actions.all():
            data |= {f"action_{action.pk}_status": "lopend", f"action_{action.pk}_progress": "50"}
            data[f"action_{action.pk}_note"] = ""
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url  # saved, not sent to the submit step
    report = YearReport.objects.get(plan=plan, year=2026)
    assert report.status == "concept" and report.next_year == "Meer tenders met criteria."
    assert client.post(reverse("actionplans:report_submit", args=[plan.uuid, 2026])).status_code == 403
    client.force_login(people.coordinator_a)
    client.post(reverse("actionplans:report_submit", args=[plan.uuid, 2026]))
    report.refresh_from_db()
    assert report.status == "ingediend"


def test_members_coordinator_adopts_the_plan_the_body_drafted(client, people, cooperation):
    client.force_login(cooperation.body_coordinator)
    client.post(reverse("actionplans:plan_create"), {"organisation": people.organisation_a.pk, **NEW_PLAN})
    plan = ActionPlan.objects.get()
    client.force_login(people.coordinator_a)
    response = client.post(
        reverse("actionplans:plan_adopt", args=[plan.uuid]), {"adopted_on": "2027-01-20", "adopted_by": "College"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED


def test_revoking_the_right_locks_the_body_out_at_once(client, people, cooperation):
    plan = draft_plan(people.organisation_a)
    client.force_login(cooperation.body_coordinator)
    assert client.get(plan.get_absolute_url()).status_code == 200
    manifest_services.mandate_revoke(mandate=cooperation.mandate, by=people.coordinator_a)
    assert client.get(plan.get_absolute_url()).status_code == 404
    response = client.post(reverse("actionplans:plan_edit", args=[plan.uuid]), plan_edit_data(plan, budget="1"))
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.budget is None
    assert "Concept van Utrecht" not in client.get(reverse("actionplans:index")).content.decode()


def test_the_end_of_the_cooperation_membership_locks_the_body_out(client, people, cooperation):
    plan = draft_plan(people.organisation_a)
    link = CooperationMember.objects.get(body=cooperation.body, member=people.organisation_a)
    link.ends_on = datetime.date(2027, 1, 31)  # the day before REPORT_DAY
    link.save()
    client.force_login(cooperation.body_coordinator)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("actionplans:goal_create", args=[plan.uuid])).status_code == 404


def test_a_member_of_the_body_without_the_coordinator_role_prepares_nothing(client, people, cooperation):
    from tests.factories import MembershipFactory

    plan = draft_plan(people.organisation_a)
    member = MembershipFactory(organisation=cooperation.body).user
    client.force_login(member)
    assert client.get(plan.get_absolute_url()).status_code == 404


# --- the body's overview on "My portal" ---------------------------------------------------------


def test_body_coordinator_sees_the_plans_of_members_that_granted_the_right_only(client, people, cooperation):
    plan = draft_plan(people.organisation_a)
    other = OrganisationFactory(code="gm0310", name="De Bilt")
    CooperationMemberFactory(body=cooperation.body, member=other)
    hidden = ActionPlanFactory(organisation=other, title="Plan van De Bilt")
    client.force_login(cooperation.body_coordinator)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Leden van Inkoopsamenwerking Utrecht" in page
    assert plan.get_absolute_url() in page and "Concept van Utrecht" in page
    assert "De Bilt" in page  # named, as on the body's public page
    assert hidden.get_absolute_url() not in page and "Plan van De Bilt" not in page


def test_body_coordinator_sees_where_each_prepared_member_stands_on_the_ladder(client, people, cooperation):
    from tests.factories import SignatureFactory

    SignatureFactory(organisation=people.organisation_a)
    draft_plan(people.organisation_a)
    unsigned = OrganisationFactory(code="gm0310", name="De Bilt")
    CooperationMemberFactory(body=cooperation.body, member=unsigned)
    PreparationMandate.objects.create(member=unsigned, body=cooperation.body)
    client.force_login(cooperation.body_coordinator)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    utrecht_row = page.split('scope="row">Utrecht</th>')[1].split("</tr>")[0]
    assert "Actieplan in voorbereiding" in utrecht_row
    de_bilt_row = page.split('scope="row">De Bilt</th>')[1].split("</tr>")[0]
    assert "Heeft het huidige manifest niet ondertekend" in de_bilt_row


def test_the_body_overview_needs_the_same_queries_for_more_members(
    client, people, cooperation, django_assert_num_queries
):
    client.force_login(cooperation.body_coordinator)
    draft_plan(people.organisation_a)

    def add_member(code):
        member = OrganisationFactory(code=code, name=f"Gemeente {code}")
        CooperationMemberFactory(body=cooperation.body, member=member)
        PreparationMandate.objects.create(member=member, body=cooperation.body)
        draft_plan(member)

    client.get(reverse("accounts:dashboard"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("accounts:dashboard"))
    for code in ("gm0001", "gm0002", "gm0003"):
        add_member(code)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("accounts:dashboard")).content.decode()
    assert page.count("Concept van Utrecht") == 4
