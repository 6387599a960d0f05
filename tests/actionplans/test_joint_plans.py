"""Joint plans: a plan owned by its lead and by co-owners that accepted; each owner adopts and counts for itself."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from actionplans import owner_services, report_services, services
from actionplans.ladder import annotate_stage
from actionplans.models import ActionPlan, OwnerStatus, OwnerTarget, PlanOwner, adoption_of
from actionplans.monitor import compute_figures
from actionplans.peers import similar_published_plans
from audit.models import AuditEvent, AuditLogEntry
from manifest import services as manifest_services
from manifest.ladder import Stage
from manifest.models import Membership, PreparationMandate, Signature
from tests.factories import (
    TEST_PASSWORD,
    ActionFactory,
    ActionPlanFactory,
    CooperationMemberFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
    co_owner,
    publish_plan,
)
from tests.users import log_in_with_two_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_day")]

ADOPTED_ON = datetime.date(2026, 1, 15)


@dataclass
class Joint:
    plan: ActionPlan  # organisation A's plan (the lead), organisation B an accepted co-owner
    requested: object  # De Bilt: asked, has not answered
    coordinator_b: object
    coordinator_requested: object
    member_requested: object


@pytest.fixture
def joint(people, cooperation):
    """Utrecht's draft plan, owned with Zwolle (accepted); De Bilt asked and has not answered yet."""
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Gezamenlijk actieplan", start_year=2026)
    goal = GoalFactory(plan=plan, title="Minder CO2", unit="%")
    ActionFactory(goal=goal)
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user
    requested = OrganisationFactory(code="gm0310", name="De Bilt")
    coordinator_requested = MembershipFactory(
        user=UserFactory(email="coordinator@debilt.example"), organisation=requested, role="coordinator"
    ).user
    member_requested = MembershipFactory(user=UserFactory(email="lid@debilt.example"), organisation=requested).user
    co_owner(plan, people.organisation_b)
    co_owner(plan, requested, "aangevraagd")
    return Joint(plan, requested, coordinator_b, coordinator_requested, member_requested)


def adopt(plan, user):
    return services.plan_adopt(plan=plan, user=user, adopted_on=ADOPTED_ON, adopted_by="College")


# --- asking -------------------------------------------------------------------------------------


def test_lead_coordinator_asks_a_co_owner_whose_coordinators_get_an_email(
    client, people, django_capture_on_commit_callbacks
):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Plan van Utrecht")
    MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    )
    client.force_login(people.coordinator_a)
    url = reverse("actionplans:owner_request", args=[plan.uuid])
    form = client.get(url).content.decode()
    assert "Zwolle" in form and ">Utrecht<" not in form  # never the lead itself
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": people.organisation_b.pk})
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    owner = PlanOwner.objects.get(plan=plan)
    assert (owner.organisation, owner.status, owner.requested_by) == (
        people.organisation_b,
        "aangevraagd",
        people.coordinator_a,
    )
    assert [message.to for message in mail.outbox] == [["coordinator@zwolle.example"]]
    assert "De coördinatoren daar accepteren of wijzen af." in client.get(plan.get_absolute_url()).content.decode()
    assert "Plan van Utrecht" in mail.outbox[0].body and owner.get_absolute_url() in mail.outbox[0].body
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_REQUESTED, actor=people.coordinator_a).exists()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Zwolle" in page and "Aangevraagd" in page


def test_lead_asking_an_organisation_without_coordinator_is_told_nobody_got_the_mail_and_it_waits_for_one(
    client, people, django_capture_on_commit_callbacks
):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Plan van Utrecht")
    client.force_login(people.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("actionplans:owner_request", args=[plan.uuid]),
            {"organisation": people.organisation_b.pk},
            follow=True,
        )
    page = response.content.decode()
    assert "maar heeft nog geen coördinator in het portaal, dus niemand daar heeft een e-mail gekregen" in page
    assert "De coördinatoren daar accepteren of wijzen af" not in page
    assert mail.outbox == []
    # Once a member of Zwolle has the role, the request waits on their "My portal".
    Membership.objects.filter(user=people.member_b).update(role="coordinator")
    client.force_login(people.member_b)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert f"Accepteren of afwijzen: {plan.title}" in dashboard


def test_body_that_prepares_the_leads_plans_asks_a_co_owner_for_it(client, people, cooperation):
    plan = ActionPlanFactory(organisation=people.organisation_a)
    client.force_login(cooperation.body_coordinator)
    response = client.post(
        reverse("actionplans:owner_request", args=[plan.uuid]), {"organisation": people.organisation_b.pk}
    )
    assert response.status_code == 302
    assert PlanOwner.objects.get(plan=plan).requested_by == cooperation.body_coordinator


def test_an_organisation_already_asked_is_not_offered_and_a_second_request_is_refused(client, people, joint):
    client.force_login(people.coordinator_a)
    url = reverse("actionplans:owner_request", args=[joint.plan.uuid])
    form = client.get(url).content.decode()
    assert "De Bilt" not in form and "Zwolle" not in form
    response = client.post(url, {"organisation": joint.requested.pk})
    assert response.status_code == 400 and "Selecteer een geldige keuze" in response.content.decode()
    with pytest.raises(ValidationError):
        owner_services.owner_request(plan=joint.plan, organisation=joint.requested, user=people.coordinator_a)
    with pytest.raises(ValidationError):
        owner_services.owner_request(plan=joint.plan, organisation=people.organisation_a, user=people.coordinator_a)
    assert PlanOwner.objects.filter(plan=joint.plan).count() == 2


def test_a_member_of_the_lead_does_not_ask(people, joint):
    other = OrganisationFactory(code="gm0307", name="Amersfoort 2")
    with pytest.raises(PermissionDenied):
        owner_services.owner_request(plan=joint.plan, organisation=other, user=people.member_a)
    assert not PlanOwner.objects.filter(organisation=other).exists()


# --- answering ----------------------------------------------------------------------------------


def test_requested_co_owner_sees_the_request_on_my_portal_and_nothing_of_the_plan(client, joint):
    client.force_login(joint.coordinator_requested)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    owner = PlanOwner.objects.get(organisation=joint.requested)
    assert "Gezamenlijke actieplannen om over te beslissen" in dashboard and owner.get_absolute_url() in dashboard
    request_page = client.get(owner.get_absolute_url())
    assert request_page.status_code == 200 and "Mede-eigenaarschap accepteren" in request_page.content.decode()
    assert client.get(joint.plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("actionplans:report_index", args=[joint.plan.uuid])).status_code == 404
    assert "Gezamenlijk actieplan" not in client.get(reverse("actionplans:index")).content.decode()


def test_coordinator_not_logged_in_follows_the_mail_link_logs_in_and_gets_the_request(client, joint):
    owner = PlanOwner.objects.get(organisation=joint.requested)
    response = client.get(owner.get_absolute_url())  # the link in the request's e-mail, in a fresh browser
    assert response.status_code == 404  # a private page stays hidden from whoever is not logged in
    login_url = f"{reverse('account_login')}?{urlencode({'next': owner.get_absolute_url()})}"
    assert f'href="{escape(login_url)}"' in response.content.decode()
    response = client.post(
        login_url, {"login": joint.coordinator_requested.email, "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == owner.get_absolute_url()
    assert "Mede-eigenaarschap accepteren" in response.content.decode()


def test_co_owner_coordinator_accepts_and_its_members_read_the_plan_without_editing(client, joint):
    owner = PlanOwner.objects.get(organisation=joint.requested)
    client.force_login(joint.coordinator_requested)
    response = client.post(reverse("actionplans:owner_accept", args=[joint.plan.uuid, "gm0310"]))
    assert response.status_code == 302 and response["Location"] == joint.plan.get_absolute_url()
    owner.refresh_from_db()
    assert owner.status == OwnerStatus.ACCEPTED and owner.decided_by == joint.coordinator_requested
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_ACCEPTED).exists()
    client.force_login(joint.member_requested)
    page = client.get(joint.plan.get_absolute_url()).content.decode()
    assert "Uw organisatie is samen met Utrecht eigenaar van dit plan" in page
    assert reverse("actionplans:plan_edit", args=[joint.plan.uuid]) not in page
    assert client.get(reverse("actionplans:plan_edit", args=[joint.plan.uuid])).status_code == 403


def test_co_owner_coordinator_declines_and_gets_nothing_of_the_plan(client, joint):
    client.force_login(joint.coordinator_requested)
    response = client.post(reverse("actionplans:owner_decline", args=[joint.plan.uuid, "gm0310"]))
    assert response.status_code == 302
    assert PlanOwner.objects.get(organisation=joint.requested).status == OwnerStatus.DECLINED
    assert client.get(joint.plan.get_absolute_url()).status_code == 404
    assert "Gezamenlijke actieplannen" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_request_is_answered_once(client, joint):
    client.force_login(joint.coordinator_requested)
    client.post(reverse("actionplans:owner_decline", args=[joint.plan.uuid, "gm0310"]))
    response = client.post(reverse("actionplans:owner_accept", args=[joint.plan.uuid, "gm0310"]), follow=True)
    assert "Dit verzoek is al beantwoord" in response.content.decode()
    assert PlanOwner.objects.get(organisation=joint.requested).status == OwnerStatus.DECLINED


def test_a_body_does_not_accept_on_behalf_of_its_member(client, people, joint):
    body_coordinator = MembershipFactory(
        user=UserFactory(email="regio@debilt.example"),
        organisation=CooperationMemberFactory(member=joint.requested).body,
        role="coordinator",
    ).user
    body = body_coordinator.memberships.get().organisation
    PreparationMandate.objects.create(member=joint.requested, body=body)
    owner = PlanOwner.objects.get(organisation=joint.requested)
    with pytest.raises(PermissionDenied):
        owner_services.owner_accept(owner=owner, user=body_coordinator)
    client.force_login(body_coordinator)
    response = client.post(reverse("actionplans:owner_accept", args=[joint.plan.uuid, "gm0310"]))
    assert response.status_code == 404  # the body reads nothing of another organisation's plan
    owner.refresh_from_db()
    assert owner.status == OwnerStatus.REQUESTED and owner.decided_at is None


def test_the_lead_does_not_accept_for_the_co_owner(client, people, joint):
    client.force_login(people.coordinator_a)
    assert client.post(reverse("actionplans:owner_accept", args=[joint.plan.uuid, "gm0310"])).status_code == 403
    assert PlanOwner.objects.get(organisation=joint.requested).status == OwnerStatus.REQUESTED


# --- adoption per owner -------------------------------------------------------------------------


def test_co_owner_records_its_own_adoption_after_the_lead_once(client, people, joint):
    url = reverse("actionplans:owner_adopt", args=[joint.plan.uuid, "gm0193"])
    client.force_login(joint.coordinator_b)
    response = client.get(url, follow=True)
    assert "stelt de leidende organisatie het plan vast" in response.content.decode()  # the lead first
    adopt(joint.plan, people.coordinator_a)
    response = client.post(url, {"adopted_on": "2026-02-01", "adopted_by": "College van Zwolle"})
    assert response.status_code == 302
    owner = PlanOwner.objects.get(organisation=people.organisation_b)
    assert (owner.adopted_on, owner.adopted_by) == (datetime.date(2026, 2, 1), "College van Zwolle")
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_ADOPTED, actor=joint.coordinator_b).exists()
    again = client.post(url, {"adopted_on": "2026-03-01", "adopted_by": "Raad"}, follow=True)
    assert "Zwolle heeft dit plan al vastgesteld op 01-02-2026" in again.content.decode()
    with pytest.raises(owner_services.OwnershipRefused):
        owner_services.owner_adopt(owner=owner, user=joint.coordinator_b, adopted_on=ADOPTED_ON, adopted_by="Raad")
    owner.refresh_from_db()
    assert owner.adopted_on == datetime.date(2026, 2, 1)


def test_only_the_co_owners_own_coordinators_adopt_for_it(people, cooperation, joint):
    adopt(joint.plan, people.coordinator_a)
    owner = PlanOwner.objects.get(organisation=people.organisation_b)
    for user in (people.coordinator_a, people.member_b, cooperation.body_coordinator):
        with pytest.raises(PermissionDenied):
            owner_services.owner_adopt(owner=owner, user=user, adopted_on=ADOPTED_ON, adopted_by="College")
    owner.refresh_from_db()
    assert owner.adopted_on is None


def test_an_organisation_that_did_not_accept_does_not_adopt_and_the_database_agrees(people, joint):
    adopt(joint.plan, people.coordinator_a)
    owner = PlanOwner.objects.get(organisation=joint.requested)
    with pytest.raises(owner_services.OwnershipRefused):
        owner_services.owner_adopt(owner=owner, user=joint.coordinator_requested, adopted_on=ADOPTED_ON, adopted_by="X")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanOwner.objects.filter(pk=owner.pk).update(adopted_on=ADOPTED_ON, adopted_by="College")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanOwner.objects.filter(pk=owner.pk).update(status=OwnerStatus.ACCEPTED)  # a decision without its time


def test_adoption_of_answers_for_lead_co_owner_and_others(people, joint):
    plan = joint.plan
    assert adoption_of(plan, people.organisation_a) is None
    plan = adopt(plan, people.coordinator_a)
    assert adoption_of(plan, people.organisation_a) == ADOPTED_ON
    assert adoption_of(plan, people.organisation_b) is None
    owner_services.owner_adopt(
        owner=PlanOwner.objects.get(organisation=people.organisation_b),
        user=joint.coordinator_b,
        adopted_on=datetime.date(2026, 2, 1),
        adopted_by="College",
    )
    assert adoption_of(plan, people.organisation_b) == datetime.date(2026, 2, 1)
    assert adoption_of(plan, joint.requested) is None
    owned = ActionPlan.objects.owned_by(people.organisation_b).get()
    assert (owned.owner_adopted_on, owned.owner_status) == (datetime.date(2026, 2, 1), "vastgesteld")
    assert not ActionPlan.objects.owned_by(joint.requested).exists()


def test_taking_the_plan_back_to_draft_clears_the_co_owners_adoption(people, joint):
    plan = adopt(joint.plan, people.coordinator_a)
    co_owner_row = PlanOwner.objects.get(organisation=people.organisation_b)
    owner_services.owner_adopt(
        owner=co_owner_row, user=joint.coordinator_b, adopted_on=ADOPTED_ON, adopted_by="College"
    )
    services.plan_unpublish(plan=plan, user=people.coordinator_a)
    co_owner_row.refresh_from_db()
    assert co_owner_row.adopted_on is None and co_owner_row.adopted_by == ""
    assert adoption_of(ActionPlan.objects.get(pk=plan.pk), people.organisation_b) is None


# --- targets per owner --------------------------------------------------------------------------


def test_targets_per_owner_are_saved_for_the_owners_and_shown_on_the_plan(client, people, joint):
    goal = joint.plan.goals.get()
    url = reverse("actionplans:goal_targets", args=[joint.plan.uuid, goal.pk])
    client.force_login(people.member_a)
    form = client.get(url).content.decode()
    assert "Streefwaarde van Utrecht" in form and "Streefwaarde van Zwolle" in form and "De Bilt" not in form
    data = {
        "targets_per_owner": "on",
        f"target_{people.organisation_a.pk}": "40",
        f"target_{people.organisation_b.pk}": "55",
    }
    assert client.post(url, data).status_code == 302
    goal.refresh_from_db()
    assert goal.targets_per_owner
    assert dict(OwnerTarget.objects.values_list("organisation__name", "target_value")) == {
        "Utrecht": Decimal("40"),
        "Zwolle": Decimal("55"),
    }
    page = client.get(joint.plan.get_absolute_url()).content.decode()
    assert "Streefwaarde per eigenaar" in page and "Utrecht: 40 %" in page and "Zwolle: 55 %" in page


def test_a_target_for_an_organisation_that_does_not_own_the_plan_is_refused(people, joint):
    goal = joint.plan.goals.get()
    with pytest.raises(ValidationError, match="De Bilt"):
        owner_services.goal_targets_save(
            goal=goal,
            user=people.member_a,
            per_owner=True,
            targets={people.organisation_a.pk: Decimal("10"), joint.requested.pk: Decimal("20")},
        )
    goal.refresh_from_db()
    assert not goal.targets_per_owner and not OwnerTarget.objects.exists()


def test_a_percentage_target_per_owner_above_100_keeps_what_was_typed(client, people, joint):
    goal = joint.plan.goals.get()
    client.force_login(people.member_a)
    data = {
        "targets_per_owner": "on",
        f"target_{people.organisation_a.pk}": "40",
        f"target_{people.organisation_b.pk}": "120",
    }
    response = client.post(reverse("actionplans:goal_targets", args=[joint.plan.uuid, goal.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Een percentage ligt tussen 0 en 100" in page and 'value="120"' in page
    assert not OwnerTarget.objects.exists()


def test_targets_per_owner_change_only_in_a_draft(client, people, joint):
    plan = adopt(joint.plan, people.coordinator_a)
    goal = plan.goals.get()
    client.force_login(people.member_a)
    assert client.get(reverse("actionplans:goal_targets", args=[plan.uuid, goal.pk])).status_code == 403


# --- reading and showing ------------------------------------------------------------------------


def test_published_joint_plan_shows_on_both_organisation_pages_with_each_adoption(client, people, joint):
    plan = publish_plan(joint.plan, people.coordinator_a)
    for code in ("gm0344", "gm0193"):
        page = client.get(reverse("manifest:organisation_detail", args=[code])).content.decode()
        assert plan.get_public_url() in page
        assert "Een gezamenlijk plan van:" in page and "vastgesteld op 15 januari 2026" in page
        assert "nog niet vastgesteld door Zwolle" in page
        assert "De Bilt" not in page  # asked, not an owner
    public = client.get(plan.get_public_url()).content.decode()
    assert "Utrecht" in public and "Zwolle" in public and "nog niet vastgesteld door Zwolle" in public


def test_organisation_page_needs_the_same_queries_for_more_joint_plans(
    client, people, locmem_cache, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import every_kind_changed

    def joint_plan(title):
        plan = ActionPlanFactory(organisation=people.organisation_a, title=title)
        co_owner(plan, people.organisation_b)
        publish_plan(plan)

    url = reverse("manifest:organisation_detail", args=["gm0193"])
    joint_plan("Eerste")
    every_kind_changed()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for title in ("Tweede", "Derde", "Vierde"):
        joint_plan(title)
    every_kind_changed()
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert all(title in page for title in ("Eerste", "Tweede", "Derde", "Vierde"))


# --- counting -----------------------------------------------------------------------------------


def test_the_monitor_counts_two_organisations_and_the_open_data_the_plan_once(client, people, joint):
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    plan = adopt(joint.plan, people.coordinator_a)
    owner_services.owner_adopt(
        owner=PlanOwner.objects.get(organisation=people.organisation_b),
        user=joint.coordinator_b,
        adopted_on=ADOPTED_ON,
        adopted_by="College",
    )
    publish_plan_now = services.plan_publish(plan=plan, user=people.coordinator_a)
    figures = compute_figures()["figures"]
    by_status = {row["group"]: row for row in figures["signatories_by_plan_status"]}
    assert by_status["gepubliceerd"]["value"] == 2 and by_status["geen"]["value"] == 0
    rows = json.loads(client.get(reverse("actionplans:published_rows_json")).content)["rows"]
    assert {row["plan_id"] for row in rows} == {str(publish_plan_now.uuid)}
    listed = client.get(reverse("actionplans:published_list")).content.decode()
    assert listed.count(publish_plan_now.get_public_url()) == 1


def test_the_co_owner_stands_on_the_ladder_by_its_own_adoption(people, joint):
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    SignatureFactory(organisation=joint.requested)
    publish_plan(joint.plan, people.coordinator_a)

    def stages():
        return dict(annotate_stage(Signature.objects.all()).values_list("organisation__name", "stage"))

    assert stages() == {"Utrecht": Stage.PLAN_PUBLISHED, "Zwolle": Stage.PLAN_IN_PREPARATION, "De Bilt": Stage.SIGNED}
    owner_services.owner_adopt(
        owner=PlanOwner.objects.get(organisation=people.organisation_b),
        user=joint.coordinator_b,
        adopted_on=ADOPTED_ON,
        adopted_by="College",
    )
    assert stages()["Zwolle"] == Stage.PLAN_PUBLISHED


def test_a_joint_plan_is_a_peer_of_organisations_like_any_owner_but_never_of_its_owners(people, joint):
    plan = publish_plan(joint.plan, people.coordinator_a)
    people.organisation_b.population = 130_000
    people.organisation_b.save()
    like_zwolle = OrganisationFactory(
        code="gm0150", name="Deventer", province=None, population=people.organisation_b.population
    )
    assert list(similar_published_plans(like_zwolle)) == [plan]
    assert plan not in similar_published_plans(people.organisation_b)
    assert plan not in similar_published_plans(people.organisation_a)


# --- reports ------------------------------------------------------------------------------------


def test_report_asks_a_value_per_owner_and_the_submitted_report_keeps_them(client, people, joint):
    goal = joint.plan.goals.get()
    owner_services.goal_targets_save(
        goal=goal,
        user=people.member_a,
        per_owner=True,
        targets={people.organisation_a.pk: Decimal("40"), people.organisation_b.pk: Decimal("55")},
    )
    plan = adopt(joint.plan, people.coordinator_a)
    url = reverse("actionplans:report_detail", args=[plan.uuid, 2026])
    client.force_login(people.coordinator_a)
    form = client.get(url).content.decode()
    assert f'name="goal_{goal.pk}_owner_{people.organisation_a.pk}"' in form
    assert f'name="goal_{goal.pk}_owner_{people.organisation_b.pk}"' in form and f'name="goal_{goal.pk}"' not in form
    action = goal.actions.get()
    data = {
        f"goal_{goal.pk}_owner_{people.organisation_a.pk}": "35",
        f"goal_{goal.pk}_owner_{people.organisation_b.pk}": "50",
        f"theme_{goal.theme_id}": "",
        f"action_{action.pk}_status": "lopend",
        f"action_{action.pk}_progress": "50",
        f"action_{action.pk}_note": "",
        "next_year": "",
    }
    assert client.post(url, data).status_code == 302
    report = report_services.report_submit(plan=plan, year=2026, user=people.coordinator_a)
    snapshot_goal = report.snapshot["themes"][0]["goals"][0]
    assert [(o["name"], o["target_value"], o["measured_value"]) for o in snapshot_goal["owners"]] == [
        ("Utrecht", "40", "35"),
        ("Zwolle", "55", "50"),
    ]
    client.force_login(people.member_b)  # a member of the co-owner reads the submitted report
    page = client.get(url).content.decode()
    assert "Zwolle: gemeten in 2026" in page and "50 %" in page


# --- a revoked body ----------------------------------------------------------------------------


def test_a_body_whose_right_was_revoked_can_no_longer_ask_or_set_targets(client, people, cooperation, joint):
    manifest_services.mandate_revoke(mandate=cooperation.mandate, by=people.coordinator_a)
    client.force_login(cooperation.body_coordinator)
    other = OrganisationFactory(code="gm0321", name="Houten")
    response = client.post(reverse("actionplans:owner_request", args=[joint.plan.uuid]), {"organisation": other.pk})
    assert response.status_code == 404
    goal = joint.plan.goals.get()
    data = {"targets_per_owner": "on", f"target_{people.organisation_a.pk}": "1"}
    assert client.post(reverse("actionplans:goal_targets", args=[joint.plan.uuid, goal.pk]), data).status_code == 404
    assert not PlanOwner.objects.filter(organisation=other).exists() and not OwnerTarget.objects.exists()
    with pytest.raises(PermissionDenied):
        owner_services.owner_request(plan=joint.plan, organisation=other, user=cooperation.body_coordinator)


# --- permission matrix --------------------------------------------------------------------------

PERSONS = [
    "anonymous",
    "member_lead",
    "coordinator_lead",
    "member_co_owner",
    "coordinator_co_owner",
    "coordinator_requested",
    "body_with_mandate",
    "body_without_mandate",
    "outsider",
    "staff",
]

# (URL name, plan status, what the URL points at, method): expected status per person, in PERSONS order.
# "requested" is De Bilt's open request; "accepted" is Zwolle's co-ownership.
JOINT_MATRIX = {
    ("owner_request", "concept", "plan", "get"): (404, 403, 200, 403, 403, 404, 200, 404, 404, 403),
    ("owner_decide", "concept", "requested", "get"): (404, 200, 200, 200, 200, 200, 200, 404, 404, 200),
    ("owner_accept", "concept", "requested", "post"): (404, 403, 403, 403, 403, 302, 403, 404, 404, 403),
    ("owner_decline", "concept", "requested", "post"): (404, 403, 403, 403, 403, 302, 403, 404, 404, 403),
    ("owner_adopt", "vastgesteld", "accepted", "get"): (404, 403, 403, 403, 200, 404, 403, 404, 404, 403),
    ("goal_targets", "concept", "goal", "get"): (404, 200, 200, 403, 403, 404, 200, 404, 404, 403),
    ("plan_detail", "concept", "plan", "get"): (404, 200, 200, 200, 200, 404, 200, 404, 404, 200),
    ("plan_edit", "concept", "plan", "get"): (404, 200, 200, 403, 403, 404, 200, 404, 404, 403),
    ("report_index", "vastgesteld", "plan", "get"): (404, 200, 200, 200, 200, 404, 200, 404, 404, 200),
    ("report_detail", "vastgesteld", "report", "get"): (404, 200, 200, 200, 200, 404, 200, 404, 404, 200),
    ("report_submit", "vastgesteld", "report", "get"): (404, 403, 200, 403, 403, 404, 403, 404, 404, 403),
    ("owner_withdraw", "concept", "requested", "post"): (404, 403, 302, 403, 403, 404, 302, 404, 404, 403),
    ("owner_leave", "concept", "accepted", "post"): (404, 403, 403, 403, 302, 404, 403, 404, 404, 403),
    # Zwolle adopted the plan too ("adopted"); leaving it then takes a reason.
    ("owner_leave_adopted", "vastgesteld", "adopted", "get"): (404, 403, 403, 403, 200, 404, 403, 404, 404, 403),
    # Utrecht offered the lead to Zwolle ("handover"); only the lead's own coordinators offer it.
    ("handover_request", "concept", "plan", "get"): (404, 403, 200, 403, 403, 404, 403, 404, 404, 403),
    ("handover_decide", "concept", "handover", "get"): (404, 200, 200, 200, 200, 404, 200, 404, 404, 200),
    ("handover_accept", "concept", "handover", "post"): (404, 403, 403, 403, 302, 404, 403, 404, 404, 403),
    ("handover_decline", "concept", "handover", "post"): (404, 403, 403, 403, 302, 404, 403, 404, 404, 403),
    ("handover_withdraw", "concept", "handover", "post"): (404, 403, 302, 403, 403, 404, 403, 404, 404, 403),
}


def person_for(name, people, cooperation, joint):
    return {
        "anonymous": None,
        "member_lead": people.member_a,
        "coordinator_lead": people.coordinator_a,
        "member_co_owner": people.member_b,
        "coordinator_co_owner": joint.coordinator_b,
        "coordinator_requested": joint.coordinator_requested,
        "body_with_mandate": cooperation.body_coordinator,
        "body_without_mandate": cooperation.other_body_coordinator,
        "outsider": cooperation.outsider,
        "staff": people.staff,
    }[name]


@pytest.mark.parametrize("person", PERSONS)
@pytest.mark.parametrize("key", JOINT_MATRIX, ids=lambda key: f"{key[0]}-{key[2]}")
def test_joint_plan_permission_matrix(client, people, cooperation, joint, key, person):
    name, status, target, method = key
    plan = joint.plan
    if status == "vastgesteld":
        plan = adopt(plan, people.coordinator_a)
    if target == "adopted":
        owner = PlanOwner.objects.get(plan=plan, organisation=people.organisation_b)
        owner_services.owner_adopt(owner=owner, user=None, adopted_on=ADOPTED_ON, adopted_by="College")
    if target == "handover":
        owner_services.lead_handover_request(plan=plan, organisation=people.organisation_b, user=None)
    args = {
        "plan": [plan.uuid],
        "adopted": [plan.uuid, people.organisation_b.code],
        "handover": [plan.uuid, people.organisation_b.code],
        "goal": [plan.uuid, plan.goals.get().pk],
        "requested": [plan.uuid, joint.requested.code],
        "accepted": [plan.uuid, people.organisation_b.code],
        "report": [plan.uuid, 2026],
    }[target]
    user = person_for(person, people, cooperation, joint)
    if person == "staff":
        log_in_with_two_factor(client, user)
    elif user is not None:
        client.force_login(user)
    response = getattr(client, method)(reverse(f"actionplans:{name}", args=args))
    assert response.status_code == JOINT_MATRIX[key][PERSONS.index(person)], f"{person} {name}"


def test_my_portal_needs_the_same_queries_for_more_requests(client, people, joint, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("accounts:dashboard")
    client.force_login(joint.coordinator_requested)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(3):
        co_owner(
            ActionPlanFactory(organisation=people.organisation_a, title=f"Plan {number}"),
            joint.requested,
            "aangevraagd",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Accepteren of afwijzen:") == 4


def test_the_plan_page_needs_the_same_queries_for_more_co_owners(client, people, joint, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.coordinator_a)
    client.get(joint.plan.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(joint.plan.get_absolute_url())
    for code, name in [("gm0307", "Amersfoort 2"), ("gm0321", "Houten"), ("gm0355", "Zeist")]:
        co_owner(joint.plan, OrganisationFactory(code=code, name=name))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(joint.plan.get_absolute_url()).content.decode()
    assert "nog niet vastgesteld door Zeist" in page and "nog niet vastgesteld door Houten" in page


def test_a_copy_of_a_joint_plan_has_one_shared_target_again(people, joint):
    goal = joint.plan.goals.get()
    owner_services.goal_targets_save(
        goal=goal, user=people.member_a, per_owner=True, targets={people.organisation_a.pk: Decimal("10")}
    )
    source = publish_plan(joint.plan, people.coordinator_a)
    copy = services.plan_copy(
        source=source,
        organisation=people.organisation_b,
        user=people.member_b,
        title="Kopie",
        start_year=2027,
        end_year=2030,
    )
    assert not copy.goals.get().targets_per_owner and not copy.co_owners.exists()


def test_a_measured_value_per_owner_that_is_no_number_is_refused_for_that_owner(people, joint):
    goal = joint.plan.goals.get()
    owner_services.goal_targets_save(
        goal=goal, user=people.member_a, per_owner=True, targets={people.organisation_b.pk: Decimal("55")}
    )
    plan = adopt(joint.plan, people.coordinator_a)
    data = {"owner_goals": {str(goal.pk): {str(people.organisation_b.pk): "veel"}}}
    with pytest.raises(ValidationError) as refused:
        report_services.report_save_draft(plan=plan, year=2026, user=people.coordinator_a, data=data, next_year="")
    assert f"goal_{goal.pk}_owner_{people.organisation_b.pk}" in refused.value.error_dict
    assert not plan.reports.exists()


# --- the lead hears back ------------------------------------------------------------------------


def test_the_lead_and_the_body_that_asked_hear_when_a_co_owner_accepts(
    client, people, cooperation, django_capture_on_commit_callbacks
):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Plan van Utrecht")
    coordinator_b = MembershipFactory(
        user=UserFactory(email="coordinator@zwolle.example"), organisation=people.organisation_b, role="coordinator"
    ).user
    owner_services.owner_request(plan=plan, organisation=people.organisation_b, user=cooperation.body_coordinator)
    client.force_login(coordinator_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actionplans:owner_accept", args=[plan.uuid, "gm0193"]))
    assert [message.to for message in mail.outbox] == [["coordinator@utrecht.example", "inkoop@samenwerking.example"]]
    message = mail.outbox[0]
    assert "Zwolle heeft het mede-eigenaarschap van uw actieplan geaccepteerd" in message.subject
    assert "Plan van Utrecht" in message.body and plan.get_absolute_url() in message.body


def test_the_lead_hears_in_english_when_a_co_owner_declines(client, people, joint, django_capture_on_commit_callbacks):
    people.coordinator_a.preferred_language = "en"
    people.coordinator_a.save(update_fields=["preferred_language"])
    client.force_login(joint.coordinator_requested)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actionplans:owner_decline", args=[joint.plan.uuid, "gm0310"]))
    assert [message.to for message in mail.outbox] == [["coordinator@utrecht.example"]]
    assert "De Bilt declined co-ownership of your action plan" in mail.outbox[0].subject
    assert "You may ask it again later" in mail.outbox[0].body


def test_the_lead_hears_when_a_co_owner_records_its_adoption(client, people, joint, django_capture_on_commit_callbacks):
    adopt(joint.plan, people.coordinator_a)
    client.force_login(joint.coordinator_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("actionplans:owner_adopt", args=[joint.plan.uuid, "gm0193"]),
            {"adopted_on": "2026-02-01", "adopted_by": "College van Zwolle"},
        )
    assert [message.to for message in mail.outbox] == [["coordinator@utrecht.example"]]
    assert "Zwolle heeft uw gezamenlijke actieplan vastgesteld" in mail.outbox[0].subject
    assert "1 februari 2026" in mail.outbox[0].body and "College van Zwolle" in mail.outbox[0].body


def test_the_co_owners_coordinators_hear_when_the_lead_adopts_and_follow_the_link_to_record_their_own(
    client, people, joint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        adopt(joint.plan, people.coordinator_a)
    # Zwolle accepted and hears; De Bilt was only asked and does not.
    assert [message.to for message in mail.outbox] == [["coordinator@zwolle.example"]]
    message = mail.outbox[0]
    assert "Utrecht heeft uw gezamenlijke actieplan vastgesteld" in message.subject
    assert "15 januari 2026" in message.body and "Gezamenlijk actieplan" in message.body
    adopt_path = reverse("actionplans:owner_adopt", args=[joint.plan.uuid, "gm0193"])
    assert adopt_path in message.body
    client.force_login(joint.coordinator_b)
    assert "Vaststelling door" in client.get(adopt_path).content.decode()
    # The same step waits on their own portal page as a task.
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Gezamenlijke actieplannen om over te beslissen" in dashboard and adopt_path in dashboard


def test_a_refused_answer_sends_no_mail(client, joint, django_capture_on_commit_callbacks):
    client.force_login(joint.coordinator_requested)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actionplans:owner_decline", args=[joint.plan.uuid, "gm0310"]))
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("actionplans:owner_accept", args=[joint.plan.uuid, "gm0310"]))
    assert callbacks == [] and len(mail.outbox) == 1


# --- withdrawing a request ----------------------------------------------------------------------


def test_lead_coordinator_withdraws_an_open_request_and_the_asked_coordinators_hear(
    client, people, joint, django_capture_on_commit_callbacks
):
    client.force_login(people.coordinator_a)
    page = client.get(joint.plan.get_absolute_url()).content.decode()
    url = reverse("actionplans:owner_withdraw", args=[joint.plan.uuid, "gm0310"])
    assert url in page and "Verzoek aan De Bilt intrekken" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Het verzoek aan De Bilt is ingetrokken" in response.content.decode()
    assert not PlanOwner.objects.filter(organisation=joint.requested).exists()
    entry = AuditLogEntry.objects.get(event=AuditEvent.PLAN_OWNER_WITHDRAWN)
    assert (entry.actor, entry.detail) == (people.coordinator_a, "gm0310")
    assert [message.to for message in mail.outbox] == [["coordinator@debilt.example"]]
    assert "Utrecht heeft het verzoek" in mail.outbox[0].subject
    form = client.get(reverse("actionplans:owner_request", args=[joint.plan.uuid])).content.decode()
    assert "De Bilt" in form  # may be asked again
    client.force_login(joint.coordinator_requested)
    assert client.get(reverse("actionplans:owner_decide", args=[joint.plan.uuid, "gm0310"])).status_code == 404
    assert "Gezamenlijke actieplannen" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_the_request_page_offers_the_lead_to_withdraw_and_the_asked_organisation_not(client, people, joint):
    url = reverse("actionplans:owner_decide", args=[joint.plan.uuid, "gm0310"])
    withdraw = reverse("actionplans:owner_withdraw", args=[joint.plan.uuid, "gm0310"])
    client.force_login(people.coordinator_a)
    assert withdraw in client.get(url).content.decode()
    client.force_login(joint.coordinator_requested)
    assert withdraw not in client.get(url).content.decode()
    client.force_login(people.member_a)
    assert withdraw not in client.get(url).content.decode()


def test_a_body_preparing_the_leads_plans_withdraws_a_request(client, cooperation, joint):
    client.force_login(cooperation.body_coordinator)
    response = client.post(reverse("actionplans:owner_withdraw", args=[joint.plan.uuid, "gm0310"]))
    assert response.status_code == 302
    assert AuditLogEntry.objects.get(event=AuditEvent.PLAN_OWNER_WITHDRAWN).actor == cooperation.body_coordinator


def test_an_answered_request_is_not_withdrawn_and_nothing_changes(client, people, joint):
    client.force_login(people.coordinator_a)
    response = client.post(reverse("actionplans:owner_withdraw", args=[joint.plan.uuid, "gm0193"]), follow=True)
    assert "Dit verzoek is al beantwoord (Geaccepteerd) en kan niet meer worden ingetrokken" in (
        response.content.decode()
    )
    assert PlanOwner.objects.get(organisation=people.organisation_b).status == OwnerStatus.ACCEPTED
    assert not AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_WITHDRAWN).exists()
    page = client.get(joint.plan.get_absolute_url()).content.decode()
    assert reverse("actionplans:owner_withdraw", args=[joint.plan.uuid, "gm0193"]) not in page


def test_a_member_of_the_lead_does_not_withdraw(people, joint):
    owner = PlanOwner.objects.get(organisation=joint.requested)
    with pytest.raises(PermissionDenied):
        owner_services.owner_withdraw(owner=owner, user=people.member_a)
    assert PlanOwner.objects.filter(pk=owner.pk, status=OwnerStatus.REQUESTED).exists()


def test_withdrawing_and_leaving_take_a_post_with_its_csrf_token(people, joint):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.coordinator_a)
    url = reverse("actionplans:owner_withdraw", args=[joint.plan.uuid, "gm0310"])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    client.force_login(joint.coordinator_b)
    assert client.post(reverse("actionplans:owner_leave", args=[joint.plan.uuid, "gm0193"])).status_code == 403
    assert PlanOwner.objects.filter(plan=joint.plan).count() == 2


# --- leaving a plan -----------------------------------------------------------------------------


def test_co_owner_coordinator_leaves_a_draft_and_its_targets_go(
    client, people, joint, django_capture_on_commit_callbacks
):
    goal = joint.plan.goals.get()
    owner_services.goal_targets_save(
        goal=goal,
        user=people.member_a,
        per_owner=True,
        targets={people.organisation_a.pk: Decimal("40"), people.organisation_b.pk: Decimal("55")},
    )
    client.force_login(joint.coordinator_b)
    url = reverse("actionplans:owner_leave", args=[joint.plan.uuid, "gm0193"])
    assert url in client.get(joint.plan.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Zwolle is geen eigenaar meer van “Gezamenlijk actieplan”" in response.content.decode()
    assert not PlanOwner.objects.filter(organisation=people.organisation_b).exists()
    assert list(OwnerTarget.objects.values_list("organisation__name", flat=True)) == ["Utrecht"]
    entry = AuditLogEntry.objects.get(event=AuditEvent.PLAN_OWNER_LEFT)
    assert (entry.actor, entry.detail) == (joint.coordinator_b, "gm0193")
    assert [message.to for message in mail.outbox] == [["coordinator@utrecht.example"]]
    assert "Zwolle is geen eigenaar meer van uw actieplan" in mail.outbox[0].subject
    client.force_login(people.member_b)
    assert client.get(joint.plan.get_absolute_url()).status_code == 404


def test_co_owner_leaves_an_adopted_plan_it_has_not_adopted_itself(client, people, joint):
    adopt(joint.plan, people.coordinator_a)
    client.force_login(joint.coordinator_b)
    request_page = client.get(reverse("actionplans:owner_decide", args=[joint.plan.uuid, "gm0193"]))
    assert "Dit plan verlaten" in request_page.content.decode()
    assert client.post(reverse("actionplans:owner_leave", args=[joint.plan.uuid, "gm0193"])).status_code == 302
    assert not ActionPlan.objects.owned_by(people.organisation_b).exists()


def test_a_co_owner_that_adopted_the_plan_itself_does_not_leave_and_nothing_changes(client, people, joint):
    adopt(joint.plan, people.coordinator_a)
    owner = PlanOwner.objects.get(organisation=people.organisation_b)
    owner_services.owner_adopt(owner=owner, user=joint.coordinator_b, adopted_on=ADOPTED_ON, adopted_by="College")
    client.force_login(joint.coordinator_b)
    assert reverse("actionplans:owner_leave", args=[joint.plan.uuid, "gm0193"]) not in (
        client.get(joint.plan.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("actionplans:owner_leave", args=[joint.plan.uuid, "gm0193"]), follow=True)
    assert "Zwolle heeft dit plan vastgesteld op 15-01-2026. Wilt u uittreden" in response.content.decode()
    owner.refresh_from_db()
    assert (owner.status, owner.adopted_on) == (OwnerStatus.ACCEPTED, ADOPTED_ON)
    assert not AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_LEFT).exists()


def test_an_organisation_that_only_was_asked_does_not_leave_but_declines(joint):
    owner = PlanOwner.objects.get(organisation=joint.requested)
    with pytest.raises(owner_services.OwnershipRefused):
        owner_services.owner_leave(owner=owner, user=joint.coordinator_requested)
    assert PlanOwner.objects.filter(pk=owner.pk, status=OwnerStatus.REQUESTED).exists()


def test_the_lead_and_a_member_of_the_co_owner_do_not_leave_for_it(people, joint):
    owner = PlanOwner.objects.get(organisation=people.organisation_b)
    for user in (people.coordinator_a, people.member_b):
        with pytest.raises(PermissionDenied):
            owner_services.owner_leave(owner=owner, user=user)
    assert PlanOwner.objects.filter(pk=owner.pk, status=OwnerStatus.ACCEPTED).exists()


# --- leaving after adopting the plan ------------------------------------------------------------


def adopted_by_both(people, joint):
    """The lead adopts and publishes the plan and Zwolle records its own adoption; Zwolle's co-ownership."""
    publish_plan(joint.plan, people.coordinator_a)
    owner = PlanOwner.objects.get(organisation=people.organisation_b)
    return owner_services.owner_adopt(owner=owner, user=joint.coordinator_b, adopted_on=ADOPTED_ON, adopted_by="Raad")


REASON = "De gemeenteraad van Zwolle heeft op 3 november besloten uit het regionale plan te stappen."


def test_co_owner_that_adopted_withdraws_with_a_reason_and_the_lead_hears_it(
    client, people, joint, django_capture_on_commit_callbacks
):
    owner_services.goal_targets_save(
        goal=joint.plan.goals.get(),
        user=people.member_a,
        per_owner=True,
        targets={people.organisation_a.pk: Decimal("40"), people.organisation_b.pk: Decimal("55")},
    )
    owner = adopted_by_both(people, joint)
    client.force_login(joint.coordinator_b)
    url = reverse("actionplans:owner_leave_adopted", args=[joint.plan.uuid, "gm0193"])
    assert url in client.get(joint.plan.get_absolute_url()).content.decode()
    assert url in client.get(owner.get_absolute_url()).content.decode()
    form = client.get(url).content.decode()
    assert "Zwolle heeft dit gezamenlijke plan vastgesteld op 15-01-2026" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": REASON}, follow=True)
    assert "Zwolle is uitgetreden uit “Gezamenlijk actieplan”" in response.content.decode()
    owner.refresh_from_db()
    assert (owner.status, owner.adopted_on, owner.adopted_by) == (OwnerStatus.LEFT, ADOPTED_ON, "Raad")
    assert (owner.left_by, owner.leave_reason) == (joint.coordinator_b, REASON) and owner.left_at is not None
    assert list(OwnerTarget.objects.values_list("organisation__name", flat=True)) == ["Utrecht"]
    entry = AuditLogEntry.objects.get(event=AuditEvent.PLAN_OWNER_LEFT_ADOPTED)
    assert (entry.actor, entry.detail) == (joint.coordinator_b, f"gm0193: {REASON}")
    assert [message.to for message in mail.outbox] == [["coordinator@utrecht.example"]]
    assert "Zwolle is uitgetreden uit uw actieplan" in mail.outbox[0].subject
    assert REASON in mail.outbox[0].body and "15 januari 2026" in mail.outbox[0].body
    assert not ActionPlan.objects.owned_by(people.organisation_b).exists()
    assert adoption_of(joint.plan, people.organisation_b) is None
    client.force_login(people.member_b)
    assert client.get(joint.plan.get_absolute_url()).status_code == 404
    # The lead reads who left, when and why, on the plan's history page and on the co-ownership itself.
    client.force_login(people.coordinator_a)
    history = client.get(reverse("actionplans:plan_history", args=[joint.plan.uuid])).content.decode()
    assert "Uitgetreden" in history and REASON in history and "Zwolle" in history
    request_page = client.get(owner.get_absolute_url()).content.decode()
    assert "Uitgetreden" in request_page and REASON in request_page


def test_withdrawing_without_a_reason_keeps_what_was_typed_and_changes_nothing(client, people, joint):
    owner = adopted_by_both(people, joint)
    client.force_login(joint.coordinator_b)
    url = reverse("actionplans:owner_leave_adopted", args=[joint.plan.uuid, "gm0193"])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Geef aan waarom de organisatie uit het plan stapt." in response.content.decode()
    too_long = "Besluit van de raad. " * 100
    response = client.post(url, {"reason": too_long})
    assert response.status_code == 400 and too_long.strip() in response.content.decode()
    with pytest.raises(ValidationError):
        owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason=" ")
    owner.refresh_from_db()
    assert owner.status == OwnerStatus.ACCEPTED and not AuditLogEntry.objects.filter(
        event=AuditEvent.PLAN_OWNER_LEFT_ADOPTED
    )


def test_the_database_refuses_a_co_owner_that_left_without_adoption_time_or_reason(people, joint):
    from django.db import IntegrityError, transaction

    owner = adopted_by_both(people, joint)
    for change in (
        {"status": OwnerStatus.LEFT},  # no time, no reason
        {"status": OwnerStatus.LEFT, "left_at": owner.decided_at, "adopted_on": None, "leave_reason": "Besluit"},
        {"leave_reason": "Besluit"},  # a reason without leaving
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlanOwner.objects.filter(pk=owner.pk).update(**change)


def test_only_the_co_owners_own_coordinators_withdraw_and_only_once(people, cooperation, joint):
    owner = adopted_by_both(people, joint)
    for user in (people.coordinator_a, people.member_b, cooperation.body_coordinator):
        with pytest.raises(PermissionDenied):
            owner_services.owner_leave_adopted(owner=owner, user=user, reason=REASON)
    owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason=REASON)
    with pytest.raises(owner_services.OwnershipRefused, match="is geen eigenaar van dit plan \\(Uitgetreden\\)"):
        owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason="Nog eens")
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_LEFT_ADOPTED).count() == 1


def test_a_co_owner_that_has_not_adopted_is_sent_to_leaving_without_a_reason(client, people, joint):
    publish_plan(joint.plan, people.coordinator_a)
    owner = PlanOwner.objects.get(organisation=people.organisation_b)
    with pytest.raises(owner_services.OwnershipRefused):
        owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason=REASON)
    client.force_login(joint.coordinator_b)
    response = client.get(reverse("actionplans:owner_leave_adopted", args=[joint.plan.uuid, "gm0193"]), follow=True)
    assert "Alleen een mede-eigenaar die dit plan zelf heeft vastgesteld" in response.content.decode()
    assert PlanOwner.objects.get(pk=owner.pk).status == OwnerStatus.ACCEPTED


def test_withdrawing_takes_the_plan_off_the_ladder_the_monitor_and_the_cached_pages_at_once(
    client, people, joint, locmem_cache
):
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b)
    owner = adopted_by_both(people, joint)
    plan = joint.plan

    def stages():
        return dict(annotate_stage(Signature.objects.all()).values_list("organisation__name", "stage"))

    def published_signatories():
        data = json.loads(client.get(reverse("monitor:data_json")).content)
        return {row["group"]: row["value"] for row in data["figures"]["signatories_by_plan_status"]}["gepubliceerd"]

    zwolle_page = reverse("manifest:organisation_detail", args=["gm0193"])
    published_register = reverse("manifest:register") + "?fase=actieplan-gepubliceerd"
    assert stages()["Zwolle"] == Stage.PLAN_PUBLISHED and published_signatories() == 2
    assert plan.get_public_url() in client.get(zwolle_page).content.decode()
    assert "Zwolle" in client.get(published_register).content.decode()
    assert "Zwolle" in client.get(plan.get_public_url()).content.decode()

    owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason=REASON)
    assert stages() == {"Utrecht": Stage.PLAN_PUBLISHED, "Zwolle": Stage.SIGNED}
    assert published_signatories() == 1
    assert plan.get_public_url() not in client.get(zwolle_page).content.decode()
    assert "Zwolle" not in client.get(published_register).content.decode()
    public = client.get(plan.get_public_url()).content.decode()
    assert "Utrecht" in public and "Zwolle" not in public


def test_taking_the_plan_back_to_draft_keeps_the_adoption_a_co_owner_withdrew_from(people, joint):
    owner = adopted_by_both(people, joint)
    owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason=REASON)
    services.plan_unpublish(plan=ActionPlan.objects.get(pk=joint.plan.pk), user=people.coordinator_a)
    owner.refresh_from_db()
    assert (owner.status, owner.adopted_on) == (OwnerStatus.LEFT, ADOPTED_ON)


def test_a_co_owner_that_left_may_be_asked_again_and_starts_afresh(client, people, joint):
    owner = adopted_by_both(people, joint)
    owner_services.owner_leave_adopted(owner=owner, user=joint.coordinator_b, reason=REASON)
    assert people.organisation_b in owner_services.candidate_co_owners(joint.plan)
    again = owner_services.owner_request(plan=joint.plan, organisation=people.organisation_b, user=people.coordinator_a)
    assert again.pk == owner.pk
    assert (again.status, again.adopted_on, again.left_at, again.leave_reason) == (
        OwnerStatus.REQUESTED,
        None,
        None,
        "",
    )
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_OWNER_LEFT_ADOPTED, detail__contains=REASON).exists()


# --- the rule in SQL for counting agrees with the rule per organisation ----------------------------------


@pytest.mark.parametrize("lead_status", ["concept", "vastgesteld", "gepubliceerd"])
def test_owned_plans_for_counting_agree_with_owned_by_for_every_kind_of_owner(lead_status):
    """OwnedPlans (two EXISTS, for the ladder and the monitor) and ActionPlan.objects.owned_by (one
    organisation's plans) write the same rule; they must give the same answer for every owner and status."""
    import datetime

    from django.db.models import OuterRef

    from actionplans import services
    from actionplans.models import ActionPlan, OwnedPlans, PlanStatus
    from manifest.models import Organisation
    from tests.factories import ActionPlanFactory, GoalFactory, OrganisationFactory, co_owner

    lead, adopted, accepted, asked, declined, left, outsider = (
        OrganisationFactory(code=f"gm09{number}", name=f"Gemeente {number}") for number in range(10, 17)
    )
    plan = ActionPlanFactory(organisation=lead)
    GoalFactory(plan=plan)
    co_owner(plan, accepted)
    co_owner(plan, asked, "aangevraagd")
    co_owner(plan, declined, "afgewezen")
    if lead_status != "concept":
        plan = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 1), adopted_by="College")
        co_owner(plan, adopted, adopted_on=datetime.date(2026, 2, 1))
        leaving = co_owner(plan, left, adopted_on=datetime.date(2026, 2, 1))
        owner_services.owner_leave_adopted(owner=leaving, user=None, reason="Besluit van de raad")
    if lead_status == "gepubliceerd":
        plan = services.plan_publish(plan=plan, user=None)
    owned = OwnedPlans(OuterRef("pk"))
    for organisation in (lead, adopted, accepted, asked, declined, left, outsider):
        for statuses in ([PlanStatus.DRAFT], [PlanStatus.ADOPTED], [PlanStatus.PUBLISHED], None):
            in_sql = Organisation.objects.filter(owned.exist(statuses), pk=organisation.pk).exists()
            plans = ActionPlan.objects.owned_by(organisation)
            per_organisation = (plans if statuses is None else plans.filter(owner_status__in=statuses)).exists()
            assert in_sql == per_organisation, (organisation.name, statuses)


# --- handing over the lead ----------------------------------------------------------------------


def hand_over(people, joint):
    return owner_services.lead_handover_request(
        plan=joint.plan, organisation=people.organisation_b, user=people.coordinator_a
    )


def test_lead_hands_over_to_a_co_owner_whose_coordinators_take_over_and_permissions_follow(
    client, people, joint, django_capture_on_commit_callbacks
):
    plan = joint.plan
    client.force_login(people.coordinator_a)
    url = reverse("actionplans:handover_request", args=[plan.uuid])
    assert url in client.get(plan.get_absolute_url()).content.decode()
    form = client.get(url).content.decode()
    assert ">Zwolle<" in form and "De Bilt" not in form  # only an accepted co-owner
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": people.organisation_b.pk}, follow=True)
    assert "De leiding is aangeboden aan Zwolle." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["coordinator@zwolle.example"]]
    assert "Utrecht vraagt u de leiding van een gezamenlijk actieplan over te nemen" in mail.outbox[0].subject
    decide_url = reverse("actionplans:handover_decide", args=[plan.uuid, "gm0193"])
    assert decide_url in mail.outbox[0].body
    assert ActionPlan.objects.get(pk=plan.pk).organisation == people.organisation_a  # nothing changes yet

    client.force_login(joint.coordinator_b)
    assert "Leiding overnemen" in client.get(decide_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("actionplans:handover_accept", args=[plan.uuid, "gm0193"]), follow=True)
    assert "Zwolle is nu de leidende organisatie van “Gezamenlijk actieplan”" in response.content.decode()
    plan.refresh_from_db()
    assert plan.organisation == people.organisation_b
    old_lead = PlanOwner.objects.get(plan=plan, organisation=people.organisation_a)
    assert (old_lead.status, old_lead.decided_by) == (OwnerStatus.ACCEPTED, joint.coordinator_b)
    assert not PlanOwner.objects.filter(plan=plan, organisation=people.organisation_b).exists()
    assert mail.outbox[-1].to == ["coordinator@utrecht.example"]
    assert "Zwolle heeft de leiding van uw actieplan overgenomen" in mail.outbox[-1].subject
    events = AuditLogEntry.objects.filter(subject=str(plan.uuid), event__startswith="plan_lead_handover")
    assert sorted(events.values_list("event", "detail")) == [
        (AuditEvent.PLAN_LEAD_HANDOVER_ACCEPTED, "gm0344 → gm0193"),
        (AuditEvent.PLAN_LEAD_HANDOVER_REQUESTED, "gm0344 → gm0193"),
    ]
    history = client.get(reverse("actionplans:plan_history", args=[plan.uuid])).content.decode()
    assert "Utrecht" in history and "Zwolle" in history and "Organisatie" in history
    # Permissions follow the new lead at once: Zwolle's members edit, Utrecht's read as co-owner.
    edit = reverse("actionplans:plan_edit", args=[plan.uuid])
    client.force_login(people.member_b)
    assert client.get(edit).status_code == 200
    client.force_login(people.member_a)
    assert client.get(edit).status_code == 403 and client.get(plan.get_absolute_url()).status_code == 200
    client.force_login(people.coordinator_a)
    assert client.get(url).status_code == 403
    client.force_login(joint.coordinator_b)
    assert client.get(url).status_code == 200
    assert set(ActionPlan.objects.owned_by(people.organisation_a)) == {plan}


def test_a_handover_of_an_adopted_plan_waits_for_the_new_leads_own_adoption_and_each_keeps_its_own(
    client, people, joint
):
    plan = publish_plan(joint.plan, people.coordinator_a)
    lead_adopted_on, lead_adopted_by = plan.adopted_on, plan.adopted_by
    handover = hand_over(people, joint)
    client.force_login(joint.coordinator_b)
    response = client.post(reverse("actionplans:handover_accept", args=[plan.uuid, "gm0193"]), follow=True)
    assert "Leg eerst de vaststelling door Zwolle vast" in response.content.decode()
    plan.refresh_from_db()
    assert plan.organisation == people.organisation_a
    handover.refresh_from_db()
    assert handover.status == "aangevraagd"

    owner_services.owner_adopt(
        owner=PlanOwner.objects.get(organisation=people.organisation_b),
        user=joint.coordinator_b,
        adopted_on=ADOPTED_ON,
        adopted_by="Raad van Zwolle",
    )
    owner_services.lead_handover_accept(handover=handover, user=joint.coordinator_b)
    plan = ActionPlan.objects.get(pk=plan.pk)
    assert (plan.organisation, plan.adopted_on, plan.adopted_by) == (
        people.organisation_b,
        ADOPTED_ON,
        "Raad van Zwolle",
    )
    old_lead = PlanOwner.objects.get(plan=plan, organisation=people.organisation_a)
    assert (old_lead.adopted_on, old_lead.adopted_by) == (lead_adopted_on, lead_adopted_by)
    assert adoption_of(plan, people.organisation_a) == lead_adopted_on
    assert adoption_of(plan, people.organisation_b) == ADOPTED_ON
    public = client.get(plan.get_public_url()).content.decode()
    assert "Zwolle (leidend)" in public


def test_the_lead_is_handed_only_to_an_accepted_co_owner_and_once_at_a_time(client, people, joint):
    with pytest.raises(ValidationError, match="alleen over aan een organisatie die het mede-eigenaarschap"):
        owner_services.lead_handover_request(plan=joint.plan, organisation=joint.requested, user=people.coordinator_a)
    outsider = OrganisationFactory(code="gm0321", name="Houten")
    client.force_login(people.coordinator_a)
    url = reverse("actionplans:handover_request", args=[joint.plan.uuid])
    response = client.post(url, {"organisation": outsider.pk})
    assert response.status_code == 400
    assert "Draag de leiding alleen over aan een organisatie" in response.content.decode()
    response = client.post(url, {"organisation": ""})
    assert (
        response.status_code == 400 and "Kies de mede-eigenaar die de leiding overneemt." in response.content.decode()
    )
    hand_over(people, joint)
    third = OrganisationFactory(code="gm0355", name="Zeist")
    co_owner(joint.plan, third)
    response = client.post(url, {"organisation": third.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "De leiding is al aangeboden aan Zwolle." in page and f'value="{third.pk}" selected' in page
    assert joint.plan.handovers.count() == 1


def test_the_database_holds_one_open_handover_per_plan(people, joint):
    from django.db import IntegrityError, transaction

    from actionplans.models import LeadHandover

    hand_over(people, joint)
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadHandover.objects.create(
            plan=joint.plan, from_organisation=people.organisation_a, to_organisation=joint.requested
        )


def test_only_the_new_leads_coordinators_decide_on_the_handover_and_once(people, cooperation, joint):
    handover = hand_over(people, joint)
    for user in (people.coordinator_a, people.member_b, joint.coordinator_requested, cooperation.body_coordinator):
        for decide in (owner_services.lead_handover_accept, owner_services.lead_handover_decline):
            with pytest.raises(PermissionDenied):
                decide(handover=handover, user=user)
    with pytest.raises(PermissionDenied):
        owner_services.lead_handover_request(
            plan=joint.plan, organisation=people.organisation_b, user=cooperation.body_coordinator
        )
    owner_services.lead_handover_decline(handover=handover, user=joint.coordinator_b)
    with pytest.raises(owner_services.HandoverRefused, match="al beantwoord: Afgewezen"):
        owner_services.lead_handover_accept(handover=handover, user=joint.coordinator_b)
    assert ActionPlan.objects.get(pk=joint.plan.pk).organisation == people.organisation_a


def test_a_declined_handover_changes_nothing_and_the_lead_hears_and_may_offer_again(
    client, people, joint, django_capture_on_commit_callbacks
):
    hand_over(people, joint)
    client.force_login(joint.coordinator_b)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("actionplans:handover_decline", args=[joint.plan.uuid, "gm0193"]), follow=True)
    assert "U heeft geweigerd de leiding van “Gezamenlijk actieplan” over te nemen." in response.content.decode()
    assert mail.outbox[-1].to == ["coordinator@utrecht.example"]
    assert "Zwolle wil de leiding van uw actieplan niet overnemen" in mail.outbox[-1].subject
    assert ActionPlan.objects.get(pk=joint.plan.pk).organisation == people.organisation_a
    assert PlanOwner.objects.get(organisation=people.organisation_b).status == OwnerStatus.ACCEPTED
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_LEAD_HANDOVER_DECLINED).exists()
    assert hand_over(people, joint).status == "aangevraagd"


def test_the_lead_withdraws_an_open_offer_the_co_owner_hears_and_the_lead_may_offer_again(
    client, people, joint, django_capture_on_commit_callbacks
):
    handover = hand_over(people, joint)
    client.force_login(people.coordinator_a)
    decide_page = client.get(handover.get_absolute_url()).content.decode()
    withdraw = reverse("actionplans:handover_withdraw", args=[joint.plan.uuid, "gm0193"])
    assert withdraw in decide_page and "Leiding overnemen" not in decide_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw, follow=True)
    assert "Het aanbod van de leiding aan Zwolle is ingetrokken." in response.content.decode()
    assert mail.outbox[-1].to == ["coordinator@zwolle.example"]
    assert "Utrecht heeft het aanbod van de leiding van een gezamenlijk actieplan ingetrokken" in (
        mail.outbox[-1].subject
    )
    handover.refresh_from_db()
    assert (handover.status, handover.decided_by) == ("ingetrokken", people.coordinator_a)
    assert AuditLogEntry.objects.filter(event=AuditEvent.PLAN_LEAD_HANDOVER_WITHDRAWN).exists()
    with pytest.raises(owner_services.HandoverRefused):
        owner_services.lead_handover_accept(handover=handover, user=joint.coordinator_b)
    assert ActionPlan.objects.get(pk=joint.plan.pk).organisation == people.organisation_a
    assert hand_over(people, joint).status == "aangevraagd"


def test_only_the_leads_own_coordinators_withdraw_an_offer(people, cooperation, joint):
    handover = hand_over(people, joint)
    for user in (people.member_a, joint.coordinator_b, cooperation.body_coordinator):
        with pytest.raises(PermissionDenied):
            owner_services.lead_handover_withdraw(handover=handover, user=user)
    handover.refresh_from_db()
    assert handover.status == "aangevraagd"


def test_a_co_owner_that_leaves_declines_the_open_offer_so_the_lead_may_offer_it_to_another(people, joint):
    handover = hand_over(people, joint)
    owner_services.owner_leave(owner=PlanOwner.objects.get(organisation=people.organisation_b), user=None)
    handover.refresh_from_db()
    assert handover.status == "afgewezen" and handover.decided_at is not None
    third = OrganisationFactory(code="gm0355", name="Zeist")
    co_owner(joint.plan, third)
    again = owner_services.lead_handover_request(plan=joint.plan, organisation=third, user=people.coordinator_a)
    assert again.status == "aangevraagd"
